"""What a change to one clause looks like: the clause quoted from each version, a word-level diff
and the change said in plain words. `checker.compare` attaches these to every regression and
improvement, so a bargaining team sees the old and the new wording side by side."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from checker.result import Deviation, Finding

_TOKEN = re.compile(r"\s*(?:\w[\w'’.\-/]*\w|\w|[^\w\s])")


@dataclass
class Clause:
    """The wording a finding rests on: its evidence passages joined, and where they are."""
    text: str
    sections: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def where(self) -> str:
        """'§14.2, p. 31' or '§3, line 12'; several places are listed in order."""
        parts = []
        if self.sections:
            parts.append(", ".join(f"§{s}" for s in self.sections))
        if self.pages:
            parts.append(("p. " if len(self.pages) == 1 else "pp. ") + ", ".join(map(str, self.pages)))
        elif self.lines:
            parts.append(("line " if len(self.lines) == 1 else "lines ") + ", ".join(map(str, self.lines)))
        return ", ".join(parts)

    def to_dict(self) -> dict:
        return {"text": self.text, "sections": list(self.sections), "pages": list(self.pages),
                "lines": list(self.lines)}


def clause_of(finding: Finding) -> Clause | None:
    """The finding's evidence as one clause (None when the protection is missing)."""
    if finding.status == "missing" or not finding.evidence:
        return None
    texts: list[str] = []
    clause = Clause("")
    for ev in finding.evidence:
        text = " ".join(ev.text.split())
        if text and text not in texts:
            texts.append(text)
        if ev.section and ev.section not in clause.sections:
            clause.sections.append(ev.section)
        if ev.page and ev.page not in clause.pages:
            clause.pages.append(ev.page)
        if ev.line and ev.line not in clause.lines:
            clause.lines.append(ev.line)
    clause.text = " … ".join(texts)
    return clause


def word_diff(old: str, new: str) -> list[dict]:
    """Runs of {"op": "equal"|"delete"|"insert", "text"} that turn `old` into `new`, word by word
    (words compared without case or surrounding whitespace; the text keeps its spacing)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    key_a = [t.strip().lower() for t in a]
    key_b = [t.strip().lower() for t in b]
    ops: list[dict] = []

    def add(op: str, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text.strip():
            return
        if ops and ops[-1]["op"] == op:
            ops[-1]["text"] += text
        else:
            ops.append({"op": op, "text": text})

    matcher = difflib.SequenceMatcher(None, key_a, key_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", b[j1:j2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    if ops:
        ops[0]["text"] = ops[0]["text"].lstrip()
    return ops


def _quote(text: str | None, n: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def deviation_effect(d: Deviation) -> str:
    """What a new deviation does to the protection, for a reader who is not a lawyer."""
    found = f" ('{_quote(d.found)}')" if d.found else ""
    if d.kind == "modality":
        return f"it makes the duty optional{found}"
    if d.kind == "hedge":
        return f"it lets the duty give way{found}"
    if d.kind == "discretion":
        return f"it leaves the duty to the employer's judgement{found}"
    if d.kind == "scope":
        return f"it narrows who or what is covered{found}" if d.found else \
            f"it narrows who or what is covered: {_quote(d.explanation)}"
    if d.kind == "parameter":
        expected = f", where the model asks {d.expected}" if d.expected else ""
        return f"it sets '{_quote(d.found)}'{expected}" if d.found else f"it states no number{expected}"
    if d.kind == "missing_element":
        what = re.sub(r"^not found:\s*", "", d.explanation or "")
        return f"it drops part of the duty: {_quote(what)}"
    if d.kind == "reversed":
        return f"it turns the protection around: {_quote(d.explanation)}"
    return f"it adds a {d.kind}: {_quote(d.explanation)}"


def removal_effect(d: Deviation) -> str:
    found = f" ('{_quote(d.found)}')" if d.found else ""
    names = {"modality": "the optional wording", "hedge": "the escape clause",
             "discretion": "the employer's discretion", "scope": "the narrowing", "parameter": "the weaker number",
             "missing_element": "a missing part of the duty",
             "reversed": "the reversal"}
    verb = "restores" if d.kind == "missing_element" else "removes"
    return f"it {verb} {names.get(d.kind, d.kind)}{found}"


def effect_sentence(change: str, old: Finding, new: Finding, effects: list[str]) -> str:
    """One paragraph in plain words: the overall change, then each thing it does."""
    if new.status == "missing" and old.status != "missing":
        head = f"The new version no longer contains the protection \"{new.title}\"."
    elif old.status == "missing" and new.status != "missing":
        head = f"The new version adds the protection \"{new.title}\" ({new.status})."
    elif old.status != new.status:
        word = "weaker" if change == "regression" else "stronger"
        head = f"The protection \"{new.title}\" is {word}: {old.status} before, {new.status} now."
    elif change == "regression":
        head = f"The protection \"{new.title}\" stays {new.status} but loses more."
    else:
        head = f"The protection \"{new.title}\" stays {new.status} but gains ground."
    body = "; ".join(dict.fromkeys(e for e in effects if e))
    return head + (f" In the new wording {body}." if body else "")


# Words that cut a duty back when a new version adds them to a clause: an exception, a condition,
# a limit to some workers, a hedge or the employer's say-so. The engine grades a clause against the
# model; these catch what one version adds to the other even when both already fall short.
RESTRICTING = re.compile(
    r"\b(?:except(?:ing)?|unless|only|solely|provided(?:,)?\s+(?:however,?\s+)?that|excluding|other than|"
    r"limited to|(?:shall|does|will) not apply|subject to|at (?:its|the employer'?s) (?:sole )?discretion|"
    r"where (?:reasonably )?(?:practicable|possible|feasible)|(?:as far|insofar) as (?:practicable|possible)|"
    r"to the extent|may)\b", re.I)


# Two quotes are one clause edited when at least this share of the longer one's words is kept:
# an added exception or a changed number keeps most of a clause, a different passage keeps little.
SAME_CLAUSE = 0.6


def _cues(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in RESTRICTING.finditer(text):
        key = " ".join(m.group(0).lower().split())
        counts[key] = counts.get(key, 0) + 1
    return counts


def text_changes(old: str, new: str, diff: list[dict], better: str | None) -> tuple[list[tuple[str, str]],
                                                                                 list[tuple[str, str]]]:
    """(worse, better) changes read from the wording itself, each as (reason, plain-words effect):
    a restricting phrase the other version does not have, and a duration moved against (or with)
    the protection's parameters (`better`: "lower" or "higher", None when it has none)."""
    from checker.engine.numbers import find_durations

    worse: list[tuple[str, str]] = []
    gained: list[tuple[str, str]] = []
    same = sum(len(op["text"].split()) for op in diff if op["op"] == "equal")
    if same < SAME_CLAUSE * max(len(old.split()), len(new.split()), 1):
        return worse, gained  # the versions quote different passages: their words are not one edit
    old_cues, new_cues = _cues(old), _cues(new)
    for op in diff:
        if op["op"] not in ("insert", "delete"):
            continue
        here, there, bucket = (new_cues, old_cues, worse) if op["op"] == "insert" else (old_cues, new_cues, gained)
        found = [k for k in _cues(op["text"]) if here.get(k, 0) > there.get(k, 0)]
        if found:
            phrase = _quote(op["text"], 120)
            if op["op"] == "insert":
                bucket.append((f"new restriction in the wording: '{phrase}'",
                               f"it adds '{phrase}', which narrows or conditions the duty"))
            else:
                bucket.append((f"restriction removed from the wording: '{phrase}'",
                               f"it drops '{phrase}', which narrowed or conditioned the duty"))
    if better in ("lower", "higher"):
        a, b = find_durations(old), find_durations(new)
        if a and len(a) == len(b):
            for x, y in zip(a, b):
                if abs(x.value - y.value) < 1e-6:
                    continue
                got_worse = y.value > x.value if better == "lower" else y.value < x.value
                bucket = worse if got_worse else gained
                word = "worse" if got_worse else "better"
                bucket.append((f"number made {word}: '{x.text}' → '{y.text}'",
                               f"it changes '{x.text}' to '{y.text}', a {word} number"))
    return worse, gained
