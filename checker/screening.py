"""Is this an English agreement at all? A check before the engine, so that a Spanish draft or two
lines of meeting notes are not reported as "25 missing" without a word.

Both judgements are deliberately simple and explainable, and need no model or download:

- **Language.** The share of running words that are the commonest function words of each
  language (articles, prepositions, conjunctions, pronouns). English contracts sit at 0.35-0.50
  on the English list; a Spanish text scores on the Spanish list what an English one scores on
  the English list. A bilingual document with a substantial English part is English enough.
  Texts mostly in a non-Latin script are named by their script.
- **Agreement.** Contract language binds parties: obligation verbs ("shall", "will", "agrees to"), parties and instruments ("the Employer", "the Union", "this Agreement",
  "Article 12"). A text with neither is not a contract, whatever words it contains.

The result is a list of coded warnings (W201, W202) that every output format shows and the CLI
repeats on stderr.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# The commonest function words of each language, none of them shared between two lists.
_FUNCTION_WORDS = {
    "English": "the of and to in that is for be by with or on any as this are it from at not an "
               "such which have has its their who will shall within upon other",
    "Spanish": "el la los las del que y en por para con una su sus se al lo como es más pero sin "
               "sobre entre cuando también este esta dicho dicha será deberá",
    "French": "le les des du et est une dans pour qui pas sur ce cette sont avec aux ses leur "
              "être sera doit lorsque ainsi",
    "Portuguese": "os das dos não uma para com pelo pela seu sua são ao aos também será deverá "
                  "quando entre até",
    "German": "der die das und ist nicht mit den dem ein eine sich auf für von zu wird werden "
              "oder nach bei",
    "Italian": "il gli della delle degli che di non una per con sono nella alla dei sarà deve "
               "quando anche",
}
_LISTS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SCRIPTS = [
    ("Chinese or Japanese", re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")),
    ("Korean", re.compile(r"[\uac00-\ud7af]")),
    ("Cyrillic-script", re.compile(r"[\u0400-\u04ff]")),
    ("Arabic-script", re.compile(r"[\u0600-\u06ff]")),
    ("Vietnamese", re.compile(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", re.I)),
]

# Obligation verbs ("will" included: side letters promise rather than command), and the parties
# and instruments of an agreement.
_OBLIGATION = re.compile(
    r"\b(?:shall|must|will|agrees?\s+(?:to|that)|agreed|may\s+not|is\s+(?:required|obligated)\s+to|"
    r"undertakes?\s+to|commits?\s+to|(?:is|are)\s+entitled\s+to|(?:is|are)\s+not\s+permitted)\b", re.I)
_INSTRUMENT = re.compile(
    r"\b(?:agreement|contract|memorandum|letter\s+of\s+(?:understanding|agreement)|side\s+letter|"
    r"the\s+parties|article\s+[\dIVXLC]+|section\s+\d|employer|union|employees?|bargaining\s+unit|"
    r"grievance|hereby|hereto|hereunder|pursuant\s+to|provided\s+that)\b", re.I)

# The two counts above on lower-cased text, where only characters that fold like the ASCII letters do
# appear (every character here lower-cases to one character of the same kind, and only an ASCII
# letter matches an ASCII letter without regard to case: tests/test_screening.py checks each one).
# A case-blind pattern runs about twice as slowly; elsewhere, the case-blind patterns still count.
_OBLIGATION_LOWER = re.compile(_OBLIGATION.pattern.lower())  # no upper-case escapes (\B, \S ...) in either
_INSTRUMENT_LOWER = re.compile(_INSTRUMENT.pattern.lower())
FOLDS_LIKE_ASCII = "\x00-\x7f\u00a0-\u00ff\u2000-\u206f\u2190-\u21ff\u2500-\u25ff\ue000-\uf8ff\ufff0-\uffff"
_OTHER_CHARACTER = re.compile(f"[^{FOLDS_LIKE_ASCII}]")

MIN_WORDS = 12          # fewer running words than this cannot hold a protection
ENGLISH_FLOOR = 0.12    # English function-word share below which English is not the main language
MIN_OBLIGATIONS = 1     # an agreement binds someone...
MIN_INSTRUMENT = 1      # ...and names its parties, its articles or itself


@dataclass(frozen=True)
class Screening:
    language: str            # "English", "Spanish", ... or a script name; "unknown" when too short
    english_share: float     # share of running words on the English list
    words: int
    obligations: int
    instrument_terms: int

    @property
    def english(self) -> bool:
        return self.language == "English"

    @property
    def agreement(self) -> bool:
        return (self.words >= MIN_WORDS and self.obligations >= MIN_OBLIGATIONS
                and self.instrument_terms >= MIN_INSTRUMENT)

    def warnings(self) -> list[str]:
        out = []
        if self.words and not self.english and self.language != "unknown":
            out.append(f"W201 the text reads as {self.language}, not English "
                       f"({self.english_share:.0%} English function words): clausecheck's corpus and "
                       f"rules are English, so every protection may read as missing; check an English "
                       f"version (or the English part of a bilingual draft)")
        elif not self.agreement:
            out.append(f"W202 the text does not read like an agreement ({self.words} words, "
                       f"{self.obligations} obligation verbs such as 'shall', 'will' or 'agrees to', "
                       f"{self.instrument_terms} mentions of parties or articles): clausecheck reads "
                       f"contract language, so notes, letters and summaries report protections "
                       f"missing; check the contract text itself")
        return out


def screen(text: str) -> Screening:
    ascii_like = _OTHER_CHARACTER.search(text) is None
    n, shares = _word_shares(text)
    language = _language(text, n, shares, ascii_like)
    if ascii_like:
        low = text.lower()
        obligations, instruments = len(_OBLIGATION_LOWER.findall(low)), len(_INSTRUMENT_LOWER.findall(low))
    else:
        obligations, instruments = len(_OBLIGATION.findall(text)), len(_INSTRUMENT.findall(text))
    return Screening(language=language, english_share=round(shares["English"], 3), words=n,
                     obligations=obligations, instrument_terms=instruments)


def screen_warnings(text: str) -> list[str]:
    """`screen(text).warnings()`, without counting what the answer does not need: an English text
    that has one obligation verb and one party or instrument is an agreement whatever the counts, so
    the first of each is enough (the counts are made only for the W202 message that quotes them)."""
    ascii_like = _OTHER_CHARACTER.search(text) is None
    n, shares = _word_shares(text)
    language = _language(text, n, shares, ascii_like)
    if language == "English" and n >= MIN_WORDS and MIN_OBLIGATIONS == MIN_INSTRUMENT == 1:
        if ascii_like:
            low = text.lower()
            found = _OBLIGATION_LOWER.search(low) and _INSTRUMENT_LOWER.search(low)
        else:
            found = _OBLIGATION.search(text) and _INSTRUMENT.search(text)
        if found:
            return []
    return screen(text).warnings()


def _word_shares(text: str) -> tuple[int, dict[str, float]]:
    """Running words, and the share of them on each language's list."""
    counts: Counter[str] = Counter()
    n = 0
    for word, k in Counter(_WORD.findall(text)).items():  # each distinct spelling lower-cased once
        counts[word.lower()] += k
        n += k
    return n, {lang: sum(counts[w] for w in lst) / n if n else 0.0 for lang, lst in _LISTS.items()}


def _language(text: str, n: int, shares: dict[str, float], ascii_like: bool = False) -> str:
    """`ascii_like`: no character of `text` is outside FOLDS_LIKE_ASCII, so none is of a script below
    (tests/test_screening.py checks the ranges) and the letters need not be counted."""
    if ascii_like:
        letters = 0
    else:
        letters = sum(map(str.isalpha, text))  # counted in C: a Python loop per character was most of screening
    for name, script in _SCRIPTS[:4]:
        if letters and len(script.findall(text)) > 0.3 * letters:
            return name
    if n < 8:
        return "unknown"
    if shares["English"] >= ENGLISH_FLOOR:
        return "English"
    if letters and len(_SCRIPTS[4][1].findall(text)) > 0.02 * letters:
        return "Vietnamese"
    best = max(shares, key=shares.get)
    if best == "English" or shares[best] < 0.05:
        return "English" if shares["English"] >= 0.05 else "unknown"
    return best
