"""The court of one outcome, as written ("Southern District of Texas", "Brooklyn Supreme Court").

Patterns live in ``rules/courts.yaml``. A court named as a court ("U.S. District
Court for the Eastern District of New York") is always a court; a federal district
named alone ("the District of Puerto Rico") only after a judge's name or after
"in the" in a clause about the case, never as a prosecutor's office ("U.S.
Attorney X of the Southern District of Indiana") or as a place ("a company in the
Eastern District of Virginia").

The court is looked for in the outcome's sentence, then in the next sentence when it
reports no outcome and speaks of no other stage, then in the previous sentence when
it speaks of no other stage (it may report an outcome of the same stage).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span

from casewire import rules as rule_files
from casewire.extract.evidence import doc_text, sent_at, span_text
from casewire.resolve.cases import court_id


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """Compiled court rules (loaded once)."""
    raw = rule_files.load_rules("courts")
    states = "|".join(
        re.escape(s).replace(r"\ ", r"\s+") for s in sorted(raw["states"], key=len, reverse=True)
    )
    fill = lambda p: p.replace("{STATE}", f"(?:{states})\\b")  # noqa: E731
    return {
        "court": re.compile("|".join(f"(?:{fill(p)})" for p in raw["court"])),
        "bare": re.compile(fill(raw["bare_district"])),
        "after_judge": re.compile(raw["bare_after_judge"]),
        "after_case": re.compile(raw["bare_after_case"], re.I),
        "not_after": re.compile(raw["bare_not_after"], re.I),
        "not_court_before": re.compile(raw["not_court_before"], re.I),
        "dismissal": re.compile(raw["dismissal"], re.I),
    }


def _clause_before(text: str, start: int) -> str:
    """The text of the clause before ``start`` (up to 120 characters)."""
    return re.split(r"[;:]|(?<=[a-z0-9)])[.!?]\s", text[max(0, start - 120) : start])[-1]


def court_mentions(text: str) -> list[tuple[int, int, str]]:
    """Courts named in ``text`` as ``(start, end, court as written)``, in text order."""
    r, found = rules(), []
    for m in r["court"].finditer(text):
        if not r["not_court_before"].search(text[max(0, m.start() - 50) : m.start()]):
            found.append((m.start(), m.end(), m.group(0)))
    for m in r["bare"].finditer(text):
        if any(s <= m.start() < e for s, e, _ in found):
            continue
        before = _clause_before(text, m.start())
        if r["not_after"].search(before):
            continue
        if r["after_judge"].search(before) or r["after_case"].search(before):
            found.append((m.start(), m.end(), m.group(0)))
    return [(s, e, _clean(v)) for s, e, v in sorted(found)]


def bare_districts(text: str) -> list[str]:
    """Federal districts named without the word court, wherever they stand: for a
    list's cells ("Sentence: Oct. 31, 1972; District of Utah; two years of probation"),
    where the cell itself says what the district is."""
    return [_clean(m.group(0)) for m in rules()["bare"].finditer(text)]


def _clean(value: str) -> str:
    value = re.sub(r"\s+", " ", value.strip(" ,"))
    return re.sub(r"^the\s+", "", value, flags=re.I)


_OBJECTS = {"charge", "charges"}
#: How many sentences after, and before, the outcome's own one may name its court.
NEIGHBOURS = 2


def find_court(
    doc: Doc,
    sent: Span,
    busy: set[int],
    trig: tuple[int, int],
    other_stage: re.Pattern[str] | None,
) -> str | None:
    """The court of the outcome whose trigger spans ``trig`` in ``sent``.

    ``busy`` holds the start tokens of sentences reporting an outcome; ``other_stage``
    matches words of the other stages of a case (a court past such a word in the
    outcome's own sentence belongs to that stage).
    """
    r = rules()
    stages = [p for p in (other_stage, r["dismissal"]) if p is not None]
    if r["dismissal"].search(span_text(sent), trig[0], trig[1]):
        stages = stages[:1]  # the outcome is the dismissal itself
    for s in _around(doc, sent, busy, stages):
        for start, end, court in court_mentions(span_text(s)):
            if s is sent and any(
                _stage_between(p, span_text(s), trig, (start, end)) for p in stages
            ):
                continue
            return _district_for_city(doc, court)
    return None


_CITY_COURT = re.compile(r"^federal\s+(?:district\s+)?court\s+in\s+(?!the\b)")


def _district_for_city(doc: Doc, court: str) -> str:
    """A federal court named by its city ("federal court in Raleigh, North Carolina")
    gives way to the one district the release names elsewhere ("Eastern District of
    North Carolina"): that is the court as the release identifies it."""
    if not _CITY_COURT.search(court) or court_id(court):
        return court
    named: dict[str, str] = {}
    for _, _, other in court_mentions(doc_text(doc)):
        if (cid := court_id(other)) is not None:
            named.setdefault(cid, other)
    return next(iter(named.values())) if len(named) == 1 else court


def _around(doc: Doc, sent: Span, busy: set[int], stages: list[re.Pattern[str]]) -> list[Span]:
    """The outcome's sentence, then up to two sentences after it and up to two before it.

    A sentence is passed over, and the walk stops in that direction, when it speaks of
    another stage. Sentences after the outcome's must report no outcome; those before
    may report one of the same stage ("X and Y each pleaded guilty before Judge Z for
    the Western District of Pennsylvania. W also pleaded guilty ...").
    """
    found: list[tuple[int, int, Span]] = [(0, 0, sent)]
    for step in (1, -1):
        s = sent
        for distance in range(1, NEIGHBOURS + 1):
            i = s.end if step > 0 else s.start - 1
            if not 0 <= i < len(doc):
                break
            s = sent_at(doc, i)
            if any(p.search(span_text(s)) for p in stages) or (step > 0 and s.start in busy):
                break
            found.append((distance, -step, s))
    return [s for _, _, s in sorted(found, key=lambda t: t[:2])]


def _stage_between(
    stage: re.Pattern[str], text: str, trig: tuple[int, int], span: tuple[int, int]
) -> bool:
    """Another stage's word stands between the trigger and the match ("the charges" as
    the object of a plea or verdict is no other stage)."""
    lo, hi = (trig[1], span[0]) if span[0] >= trig[1] else (span[1], trig[0])
    return any(m.group(0).lower() not in _OBJECTS for m in stage.finditer(text, lo, hi))
