"""The decision date of one outcome trigger (GUIDE: "Dates tied to the release day").

A day-precise date written in the trigger's own clause wins (the nearest one);
a month without a day gives None; years alone are facts, not decision dates.
Without a date, a present or present-perfect outcome ("has been convicted",
"is charged", "announces the charging of") is the release's news: the
published date. Anything else ("was sentenced", "had pleaded guilty"): None.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from casewire.extract.dates import find_dates

_NOT_DECISION_BEFORE = re.compile(
    r"(?:return|scheduled|set|until|since|between|from|born|birth|dob|DOB|age|due|resumed|began|"
    r"begin|beginning|started)\s+(?:\w+\s+){0,3}$",
    re.I,
)
# A subordinate earlier outcome: "after being convicted", "following his guilty plea".
_SUBORDINATE_BEFORE = re.compile(
    r"\b(?:after|following|since|before|upon)\s+(?:being\s+|having\s+(?:been\s+)?|his\s+|her\s+|their\s+)?$",
    re.I,
)
# Content of a charging document, not the act of charging: "The indictment charges X with".
_DOCUMENT_SUBJECT = re.compile(r"^(?:indictments?|complaints?|information|petitions?)$", re.I)
_PRESENT_AUX = {"has", "have", "is", "are", "am"}


def _clause(text: str, trig: tuple[int, int]) -> tuple[int, int]:
    """Bounds of the sentence-like stretch around the trigger (spaCy may join two sentences)."""
    stops = [m.end() for m in re.finditer(r"(?<=[a-z0-9)])[.!?]\s+(?=[A-Z“\"])", text)]
    start = max((s for s in stops if s <= trig[0]), default=0)
    end = min((s for s in stops if s > trig[1]), default=len(text))
    return start, end


def subordinate(text: str, trig_start: int) -> bool:
    """An earlier outcome told inside another one's sentence ("after being convicted")."""
    return bool(_SUBORDINATE_BEFORE.search(text[max(0, trig_start - 30) : trig_start]))


def _present(tok: Token | None) -> bool:
    if tok is None:
        return False
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj and _DOCUMENT_SUBJECT.match(subj[0].lower_):
        return False
    aux = any(c.dep_ in ("aux", "auxpass") and c.lower_ in _PRESENT_AUX for c in tok.children)
    return tok.tag_ in ("VBZ", "VBP") or aux


def decision_date(
    sent: Span, trig: tuple[int, int], tok: Token | None, published: str | None
) -> str | None:
    """The date nearest the trigger; published date for present(-perfect) news; else None."""
    text = sent.text
    lo, hi = _clause(text, trig)
    dates = [
        (s, e, v)
        for s, e, v in find_dates(text[lo:hi], published)
        if v.precision != "year"
        and not _NOT_DECISION_BEFORE.search(text[max(lo, lo + s - 40) : lo + s])
    ]
    if dates:
        _, _, v = min(dates, key=lambda d: min(abs(lo + d[0] - trig[1]), abs(lo + d[1] - trig[0])))
        return v.iso if v.precision == "day" else None
    return published[:10] if published and _present(tok) else None


def own_date(after: str, published: str | None) -> str | None:
    """A day-precise date written right after a nominal trigger ("his plea on May 3")."""
    found = find_dates(after, published)
    dates = [v for s, _, v in found if s < 12 and v.precision == "day"]
    if not dates or re.match(r"\s*(?:today|this|yesterday)", after, re.I):
        return None
    return dates[0].iso
