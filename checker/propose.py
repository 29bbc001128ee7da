"""A counter-proposal a bargaining team can take to the table: for each missing or weakened
protection of a checked draft, the model language with the parties' names filled in, grouped as
one ready article behind a short table of what changes and why (`proposal_of`, then
`write_counter_docx`); or, for a Word draft, the draft itself with Word tracked changes that
replace each weakened clause and insert each missing one in the right article (`write_redline`,
in `checker.redline`).

The parties come from the caller (`--employer/--union`), else from the draft's preamble or
recognition clause ("between Crestmoor Logistics, LLC (the "Employer") and …", "The Company
recognizes the Union …"). The language names them as the draft does ("the Company"), since it
goes into that draft, whose preamble names them in full; a name given as an option is used as
given; a party found nowhere stays a placeholder ("[Employer]") and is listed. Model language is
stored with hard line breaks; it is reflowed into whole items (a line break only between "(a)",
"(b)" …), so Word wraps it, and each section is one Word paragraph: the checker reads a section
as one passage, as it reads the draft's own."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date

from checker.corpus import Corpus
from checker.errors import OutputError, UsageError
from checker.result import Finding, Report

PLACEHOLDER = re.compile(r"\[(Employer|Union)\]")
_ITEM = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)]\s")
_UNION_WORDS = re.compile(r"\b(?:Union|Local|Workers|Employees|Association|Federation|Brotherhood|Teamsters|"
                          r"Council|Guild|SEIU|UNITE|AFSCME|AFL-CIO|UFCW|Nurses|Laborers|Organization)\b")
_TERM = r"[\"“]([A-Z][\w&'’ -]{1,40}?)[\"”]"
_DEFINED = rf"\s*\((?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+)?(?:the\s+)?)?{_TERM}\)"
_NAME = r"([A-Z][\w.,&'’ -]{2,120}?)"
# "between Crestmoor Logistics, LLC (the "Employer") and United Warehouse Workers, Local 882 (the "Union")"
# and "Valle Verde Fresh Pack, LLC (the "Company") and United Packing Workers (the "Union") enter into"
_PAIR_DEFINED = re.compile(rf"{_NAME}{_DEFINED}\s*,?\s+and\s+(?:the\s+)?{_NAME}{_DEFINED}")
# "between the County of Marisol and the Marisol County Public Employees Association"
_PAIR_PLAIN = re.compile(r"\b(?:made|entered\s+into|executed)?\s*(?:by\s+and\s+)?between\s+(?:the\s+)?"
                         r"([A-Z][\w.,&'’ -]{2,80}?)\s+and\s+(?:the\s+)?([A-Z][\w.,&'’ -]{2,120}?)"
                         r"(?=\s*(?:[.;(\n]|,\s*(?:hereinafter|effective|dated|for|to)\b|$))")
# "The County of Marisol ("County") recognizes the Marisol County Public Employees Association ("Association")"
_RECOGNIZES = re.compile(rf"(?:The\s+)?{_NAME}(?:{_DEFINED})?\s+recogni[sz]es\s+(?:the\s+)?{_NAME}(?:{_DEFINED})?"
                         r"\s+as\s+the\s+(?:sole\s+(?:and\s+)?)?(?:exclusive|sole)")
PREAMBLE_CHARS = 6000  # the parties are named in the preamble or the first article


@dataclass
class Parties:
    """The employer's and the union's names (None: not known) and where they came from."""
    employer: str | None = None
    union: str | None = None
    employer_term: str | None = None  # the draft's own short name: "Company", "Hotel", …
    union_term: str | None = None
    source: dict = field(default_factory=dict)  # "employer"/"union" -> "option" | "recognition clause"

    def name(self, role: str) -> str | None:
        return self.employer if role == "Employer" else self.union

    def wording(self, role: str) -> str | None:
        """How the model language names the party: a name given as an option; else the draft's own
        short name ("the Company"), since the language goes into that draft, whose preamble
        already names the parties; else the name found in the draft; else None (placeholder)."""
        key = "employer" if role == "Employer" else "union"
        if self.source.get(key) == "option":
            return self.name(role)
        return self.term(role) or self.name(role)

    def describe(self, role: str) -> str | None:
        """How the language names the party and where that came from, for the user."""
        wording, name = self.wording(role), self.name(role)
        if not wording:
            return None
        if self.source.get(role.lower()) == "option":
            return f"{wording} (from --{role.lower()})"
        if wording != name:
            return f"{wording}, as the draft calls it" + (f" ({name} in the recognition clause)" if name else "")
        return f"{wording} (from the recognition clause)"

    def term(self, role: str) -> str | None:
        """How the draft itself calls the party ("the Company"), for wording inside that draft."""
        t = self.employer_term if role == "Employer" else self.union_term
        return f"the {t}" if t else None


def find_parties(text: str) -> Parties:
    """The parties as the draft's preamble or recognition clause names them (best effort)."""
    found = Parties()
    for para in _paragraphs(text[:PREAMBLE_CHARS]):
        m = _PAIR_DEFINED.search(para)
        if m and not (found.employer and found.union):
            a, ta, b, tb = (_clean_name(x) for x in m.groups())
            if _is_union(a, ta) and not _is_union(b, tb):
                a, ta, b, tb = b, tb, a, ta
            found.employer, found.employer_term = found.employer or a, found.employer_term or ta
            found.union, found.union_term = found.union or b, found.union_term or tb
        m = _RECOGNIZES.search(para)
        if m:
            e, te, u, tu = (_clean_name(x) if x else None for x in m.groups())
            for role, name, term in (("employer", e, te), ("union", u, tu)):
                if name and _generic(name):
                    term, name = term or re.sub(r"^(?i:the)\s+", "", name), None
                if name and not getattr(found, role):
                    setattr(found, role, name)
                if term and not getattr(found, f"{role}_term"):
                    setattr(found, f"{role}_term", term)
        if not (found.employer and found.union):
            m = _PAIR_PLAIN.search(para)
            if m:
                a, b = (_clean_name(x) for x in m.groups())
                if not (_generic(a) or _generic(b)):
                    if _is_union(a, None) and not _is_union(b, None):
                        a, b = b, a
                    found.employer = found.employer or a
                    found.union = found.union or b
        if found.employer and found.union and found.employer_term and found.union_term:
            break
    for role, terms in (("employer", _EMPLOYER_TERMS), ("union", _UNION_TERMS)):
        if getattr(found, role):
            found.source[role] = "recognition clause"
        if not getattr(found, f"{role}_term"):
            counts: dict[str, int] = {}
            for m in terms.finditer(text):
                counts[m.group(1)] = counts.get(m.group(1), 0) + 1
            best = max(counts, key=counts.get, default=None)
            if best:  # the draft's own usage: "the Company shall …"
                setattr(found, f"{role}_term", best)
    return found


_EMPLOYER_TERMS = re.compile(r"\b[Tt]he (Employer|Company|Hospital|Hotel|Medical Center|County|City|District|"
                             r"Authority|Agency|University|Facility|Contractor)\b")
_UNION_TERMS = re.compile(r"\b[Tt]he (Union|Association|Guild)\b")


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, wrapped lines joined, Markdown emphasis dropped; a heading
    line ("ARTICLE 1 - RECOGNITION") is its own paragraph."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        current: list[str] = []
        for ln in lines:
            ln = re.sub(r"\*\*|__|^#+\s*", "", ln)
            if re.match(r"^(?:ARTICLE|Article|SECTION|Section)\s+[\dIVXL]+\b|^\d+(?:\.\d+)*\s", ln) and current:
                out.append(" ".join(current))
                current = []
            current.append(ln)
        if current:
            out.append(" ".join(current))
    return out


def _clean_name(s: str | None) -> str | None:
    if s is None:
        return None
    s = re.sub(r"^.*\b(?i:between|by)\s+(?=[A-Z])", "", s.strip())
    s = re.sub(r"^.*\b(?:RECOGNITION|Recognition)\b[.:]?\s*", "", s)
    s = re.sub(r"\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
               r"\s+\d|(?i:effective|dated)\b).*$", "", s)
    s = re.sub(r"^(?:(?:Section\s+)?\d+(?:\.\d+)*\.?\s+)?(?:The\s+|THE\s+)?", "", s)
    s = re.sub(r",\s*(?:at|located|with|for|in|its|on)\b.*$", "", s)
    s = s.strip(" ,;")
    if s.endswith(".") and not re.search(r"\b(?:Inc|Corp|Co|Ltd|L\.L\.C|P\.C)\.$", s):
        s = s[:-1]
    return s


def _generic(name: str) -> bool:
    """'the Employer', 'Company', 'Union': a defined term, not a name."""
    return bool(re.fullmatch(r"(?:the\s+)?(?:Employer|Company|Union|Hospital|Hotel|Association|Medical Center|"
                             r"County|District|Authority|Agency|University|City|Facility|Contractor)", name, re.I))


def _is_union(name: str, term: str | None) -> bool:
    return bool(term and re.search(r"union|association|guild|local", term, re.I)) or bool(
        _UNION_WORDS.search(name) and not re.search(r"\b(?:Inc|LLC|Corp|Company|Hotel|Hospital|County|City)\b", name))


def reflow(model_text: str) -> tuple[str, list[str]]:
    """(title, paragraphs) of stored model language: the first line is the title; wrapped lines
    are joined, and each lettered or numbered item starts a paragraph."""
    lines = [ln.strip() for ln in model_text.strip().splitlines()]
    title = lines[0].rstrip(".") if lines else ""
    paragraphs: list[str] = []
    current: list[str] = []
    for ln in lines[1:]:
        # an item starts a line after a finished sentence; "thirty\n(30) days" is one wrapped line
        if not ln or (_ITEM.match(ln) and current and current[-1].endswith((".", ";", ":"))):
            if current:
                paragraphs.append(" ".join(current))
            current = [ln] if ln else []
            continue
        current.append(ln)
    if current:
        paragraphs.append(" ".join(current))
    return title, paragraphs


def fill(text: str, names: dict[str, str | None]) -> str:
    """Put the parties' names in for "[Employer]"/"[Union]" ("The [Employer]" loses its article
    before a name); a role with no name keeps its placeholder."""
    def sub(m: re.Match) -> str:
        article, role = (m.group(1) + " ") if m.group(1) else None, m.group(2)
        name = names.get(role)
        if not name:
            return m.group(0)
        if name.lower().startswith("the "):  # "the Company", "the County of Marisol"
            if not article and re.search(r"\b(?:an?|any|each|every|no)\s$", text[:m.start()], re.I):
                return name[4:]  # "a [Union] representative" -> "a Union representative"
            return (article or "the ") + name[4:]
        return name  # a proper name takes no article: "Crestmoor Logistics, LLC shall"

    text = re.sub(r"(?:\b([Tt]he) )?\[(Employer|Union)\]", sub, text)
    # "a [Union] representative" named "the Association" reads "an Association representative"
    return re.sub(r"\b([Aa]) (?=(?:Association|Authority|Agency|Employer|Organization)\b)",
                  lambda m: m.group(1) + "n ", text)


@dataclass
class ProposedClause:
    protection: str
    title: str  # the protection's title in the catalog
    heading: str  # the model language's own title line
    severity: str
    status: str  # weakened | missing
    why: str  # what is wrong with the draft now, in a line
    where: str  # "§14.2, p. 3" of the clause it replaces, "" when missing
    paragraphs: list[str]
    finding: Finding


@dataclass
class Proposal:
    document: str
    parties: Parties
    clauses: list[ProposedClause]
    unfilled: list[str]  # placeholders left in the language: "[Employer]", "[Union]"
    corpus: str
    made: str = field(default_factory=lambda: date.today().isoformat())


def proposal_of(report: Report, corpus: Corpus, parties: Parties) -> Proposal:
    """The counter-proposal to `report`'s draft: every weakened or missing protection, in catalog
    order. The model language names each party as `Parties.wording` says."""
    from checker.clausediff import deviation_effect
    from checker.formats.base import where

    filled = {role: parties.wording(role) for role in ("Employer", "Union")}
    clauses, unfilled = [], set()
    for f in report.findings:
        if f.status == "matching":
            continue
        p = corpus.get(f.protection)
        if p is None:
            continue
        heading, paragraphs = reflow(p.model_text)
        paragraphs = [fill(x, filled) for x in paragraphs]
        unfilled.update(m.group(0) for x in paragraphs for m in PLACEHOLDER.finditer(x))
        if f.status == "missing":
            why = "Not in the draft."
        else:
            effects = list(dict.fromkeys(deviation_effect(d).removeprefix("it ") for d in f.deviations))
            why = ("The draft " + "; ".join(effects[:2]) + ".") if effects else "Weaker than the model."
        loc = where(f.evidence[0]) if f.evidence and f.status != "missing" else ""
        clauses.append(ProposedClause(f.protection, f.title, heading, f.severity, f.status, why, loc,
                                      paragraphs, f))
    return Proposal(report.document["path"], parties, clauses, sorted(unfilled),
                    f"{corpus.name} {corpus.version}")


ARTICLE_TITLE = "Immigrant and Mixed-Status Worker Protections"
COLUMN_INCHES = (0.6, 2.0, 1.2, 2.7)  # the cover table on a Letter page with 1" margins


def write_counter_docx(proposal: Proposal, path: str) -> None:
    """The counter-proposal as a Word document: a cover table of what changes and why, then one
    article with a numbered section per protection."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Inches, Pt

    from checker import __version__

    d = docx.Document()
    d.core_properties.author = "clausecheck"
    d.core_properties.title = f"Counter-proposal: {ARTICLE_TITLE}"
    d.add_heading(f"Counter-proposal: {ARTICLE_TITLE}", level=1)
    who = proposal.parties

    def party(role: str) -> str:
        name, term = who.name(role), who.term(role)
        if name and term and who.wording(role) == term:
            return f'{name} ({term[:4]}"{term[4:]}")'  # Crestmoor Logistics, LLC (the "Employer")
        return name or term or f"[{role}]"

    d.add_paragraph(f"Proposed by {party('Union')} to {party('Employer')}, on the draft "
                    f"{os.path.basename(proposal.document)}. "
                    f"{len(proposal.clauses)} protection(s) to add or strengthen; prepared {proposal.made} with "
                    f"clausecheck {__version__} against {proposal.corpus}.")
    if proposal.unfilled:
        d.add_paragraph("Names to fill in: " + ", ".join(proposal.unfilled) + " (not found in the draft's "
                        "preamble or recognition clause; give them with --employer and --union).")
    d.add_heading("What changes and why", level=2)
    table = d.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ("Section", "Protection", "In the draft now", "Why")):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for i, c in enumerate(proposal.clauses, 1):
        row = table.add_row().cells
        row[0].text = f"{i}"
        row[1].text = c.title
        row[2].text = f"{c.status}" + (f" ({c.where})" if c.where else "")
        row[3].text = c.why
    table.autofit = False
    for column, width in zip(table.columns, COLUMN_INCHES):
        column.width = Inches(width)  # the grid LibreOffice lays out by; cells carry Word's
    for row in table.rows:
        for cell, width in zip(row.cells, COLUMN_INCHES):
            cell.width = Inches(width)
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(9)
    d.add_heading(f"ARTICLE [__] {ARTICLE_TITLE.upper()}", level=2)
    for i, c in enumerate(proposal.clauses, 1):
        # one paragraph a section, its lettered items after line breaks: the section stays one
        # passage when the article is pasted into the draft and checked
        para = d.add_paragraph()
        para.add_run(f"Section {i}. {c.heading}.").bold = True
        for text in c.paragraphs:
            run = para.add_run()
            run.add_break()
            run.add_text(text)
    d.save(path)


@dataclass
class ProposeOutcome:
    proposal: Proposal
    output: str | None  # None: nothing to propose, nothing written
    redline: object | None = None  # checker.redline.RedlineResult with --redline


def propose_file(draft: str, output: str, *, corpus: Corpus, policy=None, employer: str | None = None,
                 union: str | None = None, redline: bool = False, password: str | None = None,
                 ocr: bool = False, limits=None, progress=None) -> ProposeOutcome:
    """Check `draft` and write its counter-proposal (or, with `redline`, the redlined draft) to
    `output`, a .docx path. `policy` (checker.run.Policy) narrows the protections (--select)."""
    from checker.api import check_document
    from checker.ingest import Limits, load_document

    if not output.lower().endswith(".docx"):
        raise UsageError("the counter-proposal is a Word file", path=output, hint="name the output FILE.docx")
    if redline and not draft.lower().endswith(".docx"):
        raise UsageError("--redline writes tracked changes into a Word draft; this is not a .docx file", path=draft,
                         hint="drop --redline to get the counter-proposal as a separate Word document")
    doc = load_document(draft, password=password, ocr=ocr, limits=limits or Limits(), progress=progress)
    if progress is not None:
        progress("check", 0, 1)
    report = check_document(doc, corpus)
    if policy is not None:
        report = policy.apply(report)
    parties = find_parties(doc.text)
    for role, value in (("employer", employer), ("union", union)):
        if value:
            setattr(parties, role, value.strip())
            parties.source[role] = "option"
    proposal = proposal_of(report, corpus, parties)
    if not proposal.clauses:
        return ProposeOutcome(proposal, None)
    try:
        if redline:
            from checker.redline import write_redline

            result = write_redline(draft, output, report, proposal, doc)
            return ProposeOutcome(proposal, output, result)
        write_counter_docx(proposal, output)
    except OSError as exc:
        raise OutputError(f"cannot write the Word file ({exc.strerror})", path=output,
                          hint="check the folder exists and is writable") from None
    return ProposeOutcome(proposal, output)
