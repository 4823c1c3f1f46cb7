"""Ages written with names, and the date each age refers to.

Patterns (the name is a person mention of the document's
:class:`~casewire.extract.names.NameIndex`, so its canonical name is the one
every other table uses):

* ``Garcia Luna, 54,`` / ``Garcia Luna, 54, of Mexico City`` / ``John Smith, age 45.``
  / ``John Smith, 45 years old,`` — an apposition right after the name;
* ``Jane Doe (42)``;
* ``John Smith, a 45-year-old former officer`` — the age phrase apposed to the name;
* ``54-year-old Garcia Luna`` / ``the 54-year-old former security chief Garcia Luna``
  — the age modifies the name (only adjectives and nouns in between).

An age is kept only for a person mention and only if it is 0–120. The evidence
is the sentence holding the name and the age (both sentences, if a sentence
break falls between them).

What an age is *as of* is decided by :func:`age_as_of` when tables are built,
because it may depend on the document's outcomes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from casewire.extract.evidence import doc_text, sentence_evidence
from casewire.extract.names import NameIndex
from casewire.records import AgeMention, Document, Evidence, Mention, Outcome

MAX_AGE = 120

_AGE = r"(?P<age>\d{1,3})"
_YEAR_OLD = r"[-\s]years?[-\s]old\b"
#: Right after the name: ", 54," ", age 54." ", 54 years old;" (not ", 54,000" nor ", 5.5").
_APPOSITION = re.compile(
    rf",\s*(?:aged?\s+)?{_AGE}(?:\s+years?\s+old)?(?=\s*(?:,(?!\d)|;|\)|\.(?!\d)|$))"
)
#: Right after the name: " (54)", " (age 54)".
_PARENTHESIS = re.compile(rf"\s*\(\s*(?:aged?\s+)?{_AGE}\s*\)")
#: Right after the name: ", a 54-year-old ...".
_DESCRIBED = re.compile(rf",\s*(?:an?|the)\s+{_AGE}{_YEAR_OLD}", re.I)
#: Before the name: "54-year-old".
_YEAR_OLD_BEFORE = re.compile(rf"\b{_AGE}{_YEAR_OLD}", re.I)
#: Parts of speech allowed between "54-year-old" and the name ("former security chief").
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN"})
_MAX_MODIFIERS = 4

_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def extract_ages(doc: Doc, document: Document, names: NameIndex) -> list[AgeMention]:
    """Every age written with a person's name, in text order (one per age phrase)."""
    text = doc_text(doc)
    people = [m for m in names.mentions_in(0, len(text)) if m.entity_type == "person"]
    found: dict[int, AgeMention] = {}
    for mention in people:
        tail = text[mention.mention_end :]
        for pattern in (_APPOSITION, _PARENTHESIS, _DESCRIBED):
            hit = pattern.match(tail)
            if hit:
                start = mention.mention_end + hit.start("age")
                end = (
                    mention.mention_end + hit.end()
                    if pattern is _DESCRIBED
                    else mention.mention_end + hit.end("age")
                )
                _add(found, doc, document, mention, int(hit.group("age")), start, end)
                break
    for hit in _YEAR_OLD_BEFORE.finditer(text):
        mention = _modified_person(doc, names, hit.start(), hit.end())
        if mention is not None:
            _add(found, doc, document, mention, int(hit.group("age")), hit.start(), hit.end())
    return [found[k] for k in sorted(found)]


def _add(
    found: dict[int, AgeMention],
    doc: Doc,
    document: Document,
    mention: Mention,
    age: int,
    start: int,
    end: int,
) -> None:
    if age > MAX_AGE or start in found:
        return
    found[start] = AgeMention(
        doc_id=document.doc_id,
        entity_type=mention.entity_type,
        canonical=mention.canonical,
        age=age,
        age_start=start,
        age_end=end,
        evidence=_evidence(
            doc, document.doc_id, min(start, mention.mention_start), max(end, mention.mention_end)
        ),
    )


def _modified_person(doc: Doc, names: NameIndex, start: int, end: int) -> Mention | None:
    """The person named right after "54-year-old" (``text[start:end]``), past at most
    a few modifiers in the same sentence."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for i in range(span.end, min(span.end + _MAX_MODIFIERS + 1, len(doc))):
        tok = doc[i]
        if tok.is_sent_start:
            return None
        mention = names.mention_at(tok.idx)
        if mention is not None and mention.mention_start == tok.idx:
            return mention if mention.entity_type == "person" else None
        if tok.pos_ not in _MODIFIER_POS:
            return None
    return None


def _evidence(doc: Doc, doc_id: str, start: int, end: int) -> Evidence:
    """The sentence(s) covering ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    first = sentence_evidence(doc_id, span[:1])
    last = sentence_evidence(doc_id, span[-1:])
    a, b = first.start_char, max(first.end_char, last.end_char)
    return Evidence(doc_id=doc_id, start_char=a, end_char=b, text=doc_text(doc)[a:b])


# --- what an age is as of ----------------------------------------------------------


def age_as_of(age: AgeMention, document: Document, outcomes: Iterable[Outcome]) -> str | None:
    """The ISO day an age refers to, by the first rule that applies:

    1. a day-precision ``decision_date`` of an outcome of the same person whose
       evidence passage contains the age ("Jane Doe, 42, was sentenced on
       March 3, 2021"): the sentence ties the age to the decision;
    2. the document's ``published_date``: an age is stated as of writing;
    3. without a published date, the latest day-precision ``decision_date`` of
       the person's outcomes in the document: the article reports that
       decision, so it was written on or after it (seed 000: "Garcia Luna, 56,"
       and "handed down on October 17, 2024");
    4. otherwise ``None``.
    """
    own = [
        o
        for o in outcomes
        if o.defendant == age.canonical and o.decision_date and _DAY_RE.match(o.decision_date)
    ]
    tied = [
        o.decision_date for o in own if o.evidence.start_char <= age.age_start < o.evidence.end_char
    ]
    if tied:
        return max(tied)
    if document.published_date:
        return document.published_date
    return max((o.decision_date for o in own), default=None)


def birth_years(age: int, as_of: str | None) -> tuple[int | None, int | None]:
    """``(earliest, latest)`` birth year of someone ``age`` years old on ``as_of``.

    Born in ``year - age`` if the birthday already passed that year, else in
    ``year - age - 1``; ``(None, None)`` without a date.
    """
    if not as_of:
        return None, None
    year = int(as_of[:4])
    return year - age - 1, year - age
