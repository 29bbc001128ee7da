"""JUnit XML: a <testsuite> per document, a <testcase> per protection.

A finding at or above --fail-on (and not waived) is a <failure> listing its deviations; a waived
one is <skipped> with the reason; a document that could not be read is a suite with one <error>.
Weakened findings below the threshold pass, with the deviations in <system-out>.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.formats.base import Options, deviation_line, where
from checker.run import display_path


def _details(f) -> str:
    lines = [f"{f.title}: {f.status} (severity {f.severity}, confidence {f.confidence:.2f})"]
    if f.evidence:
        lines.append(f"at {where(f.evidence[0])}: {' '.join(f.evidence[0].text.split())}")
    lines += [f"- {deviation_line(d)}" for d in f.deviations]
    return "\n".join(lines)


def junit_tree(run) -> ET.Element:
    root = ET.Element("testsuites", name="clausecheck")
    total = failures = errors = 0
    for outcome in run.outcomes:
        name = display_path(outcome.path)
        suite = ET.SubElement(root, "testsuite", name=name)
        if outcome.report is None:
            case = ET.SubElement(suite, "testcase", classname=name, name="read document")
            ET.SubElement(case, "error", message=outcome.error or "", type="input").text = outcome.error
            suite.attrib.update(tests="1", failures="0", errors="1", skipped="0")
            total, errors = total + 1, errors + 1
            continue
        report = outcome.report
        n_fail = n_skip = 0
        for f in report.findings:
            case = ET.SubElement(suite, "testcase", classname=f"{name}.{f.category}", name=f.protection)
            w = run.waiver(report, f)
            if w is not None:
                ET.SubElement(case, "skipped", message=f"waived: {w.reason}")
                n_skip += 1
            elif run.fails(report, f):
                ET.SubElement(case, "failure", message=f"{f.status}: {f.title}", type=f.status).text = _details(f)
                n_fail += 1
            elif f.status != "matching":
                ET.SubElement(case, "system-out").text = _details(f)
        if report.warnings:
            ET.SubElement(suite, "system-err").text = "\n".join(f"warning: {w}" for w in report.warnings)
        suite.attrib.update(tests=str(len(report.findings)), failures=str(n_fail), errors="0",
                            skipped=str(n_skip))
        total, failures = total + len(report.findings), failures + n_fail
    # No `skipped` on <testsuites>: the JUnit schema Jenkins validates against (junit-10.xsd, shipped
    # in tests/schemas) does not allow it there; each <testsuite> carries its own count.
    root.attrib.update(tests=str(total), failures=str(failures), errors=str(errors))
    return root


def render(run, options: Options) -> str:
    root = junit_tree(run)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def render_comparison(comparison, options: Options) -> str:
    """`compare --format junit`: one suite, a test case per protection; a change that fails
    --fail-on is a <failure> with its reasons."""
    from checker.compare import failing_changes

    failing = {c.protection for c in failing_changes(comparison, options.fail_on)}
    root = ET.Element("testsuites", name="clausecheck compare")
    suite = ET.SubElement(root, "testsuite", name=f"{display_path(comparison.old_path)} → "
                                                 f"{display_path(comparison.new_path)}")
    for ch in comparison.changes:
        case = ET.SubElement(suite, "testcase", classname=f"compare.{ch.category}", name=ch.protection)
        text = f"{ch.title}: {ch.old_status} → {ch.new_status} ({ch.change})"
        if ch.protection in failing:
            ET.SubElement(case, "failure", message=text, type=ch.change).text = "\n".join([text, *ch.reasons])
        elif ch.reasons:
            ET.SubElement(case, "system-out").text = "\n".join([text, *ch.reasons])
    n, f = len(comparison.changes), len(failing)
    suite.attrib.update(tests=str(n), failures=str(f), errors="0", skipped="0")
    root.attrib.update(tests=str(n), failures=str(f), errors="0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
