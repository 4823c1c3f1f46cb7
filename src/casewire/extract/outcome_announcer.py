"""The official announcing a release's outcomes, and which outcomes are its news.

Rules in ``rules/outcomes_announcer.yaml``. The first announcement cue of the
document decides: "announced [title] Name" (the official after the cue),
"[title] Name ... announced" / "Name, U.S. Attorney ..., made the announcement"
(the first official before the cue), or "the Justice Department announced"
(no personal announcer). Without a cue, the first titled official is taken.
Line prosecutors ("Assistant U.S. Attorney X") never announce.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

import schemas
from casewire import rules as rule_files
from casewire.extract.evidence import doc_text
from casewire.extract.names import NameIndex
from casewire.extract.outcome_people import clean_name
from casewire.records import Outcome

_NAME = re.compile(r"[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|(?:de|del|la|van|von)\b)){0,3}")
_FILLER = re.compile(r"\s*(?:today|yesterday|jointly|this\s+week)?\s*(?:by\s+)?(?:the\s+)?")


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """Compiled announcer rules (loaded once)."""
    raw = rule_files.load_rules("outcomes_announcer")
    return {
        "title": re.compile(raw["title"]),
        "not_title_before": re.compile(raw["not_title_before"]),
        "not_title": re.compile(raw["not_title"]),
        "cue": re.compile(raw["cue"], re.I),
        "department": re.compile(raw["department_subject"], re.I),
        "name_then_title": re.compile(raw["name_then_title"]),
        "news_days": int(raw["news_days"]),
        "stage": schemas.OUTCOME_STAGE,
    }


def _name_at(doc: Doc, names: NameIndex, pos: int) -> str | None:
    """The person named right at ``pos`` (a linked mention, else capitalised words)."""
    for m in names.mentions_in(pos, pos + 60):
        if m.mention_start <= pos + 2 and m.entity_type == "person":
            return clean_name(m.canonical)
        break
    m = _NAME.match(doc_text(doc), pos)
    tok = doc.char_span(pos, pos + 1, alignment_mode="expand") if m else None
    if tok is None or not len(tok) or tok[0].ent_type_ != "PERSON":
        return None
    return clean_name(m.group(0).strip(" ,"))


def _titled(doc: Doc, names: NameIndex, start: int, end: int, anchored: bool = False) -> str | None:
    """The first "[title] Name" in ``text[start:end]`` (at ``start`` itself when anchored)."""
    r, text = rules(), doc_text(doc)
    for m in r["title"].finditer(text, start, end):
        if anchored and m.start() != start:
            return None
        if r["not_title"].match(m.group(0)) or r["not_title_before"].search(
            text[max(0, m.start() - 25) : m.start()]
        ):
            continue
        name = _name_at(doc, names, m.end())
        if name:
            return name
    return None


def _name_then_title(doc: Doc, names: NameIndex, start: int, end: int) -> tuple[int, str] | None:
    """The first "Name, U.S. Attorney ..." in the range, with its position."""
    for m in names.mentions_in(start, end):
        name = clean_name(m.canonical)
        if (
            name
            and m.entity_type == "person"
            and rules()["name_then_title"].match(doc_text(doc), m.mention_end)
        ):
            return m.mention_start, name
    return None


def _before_cue(doc: Doc, names: NameIndex, start: int, end: int) -> str | None:
    """The first official named in the subject before an announcement cue."""
    titled = rules()["title"].search(doc_text(doc), start, end)
    first = _titled(doc, names, start, end)
    inverted = _name_then_title(doc, names, start, end)
    if inverted and (first is None or titled is None or inverted[0] < titled.start()):
        return inverted[1]
    return first


def find_announcer(doc: Doc, names: NameIndex) -> str | None:
    """The announcing official of the document, or None (an institution announces)."""
    r, text = rules(), doc_text(doc)
    for cue in r["cue"].finditer(text):
        span = doc.char_span(cue.start(), cue.end(), alignment_mode="expand")
        sent = span.sent if span is not None else None
        s_start, s_end = (sent.start_char, sent.end_char) if sent is not None else (0, len(text))
        after = cue.end() + _FILLER.match(text, cue.end()).end() - cue.end()
        name = _titled(doc, names, after, s_end, anchored=True)
        if name:
            return name
        if r["department"].search(text, s_start, cue.end() + 1):
            return None
        name = _before_cue(doc, names, s_start, cue.start())
        if name:
            return name
    return _titled(doc, names, 0, len(text))


def _days(o: Outcome, published: str | None) -> int | None:
    if not published or not o.decision_date or len(o.decision_date) != 10:
        return None
    return (date.fromisoformat(published[:10]) - date.fromisoformat(o.decision_date)).days


def _undated(o: Outcome) -> bool:
    """No day to compare with the release's: a month or a year ("in December 2009") is
    as undated here as no date, as it was before dates kept their month."""
    return o.decision_date is None or len(o.decision_date) != 10


def news_flags(rows: list[Outcome], published: str | None) -> list[bool]:
    """Which rows are the release's news: dated within ``news_days`` of the release (plus a
    later undated stage of the same defendant, or an undated row of a recent row's type for a
    co-defendant); else, when no row of the document is that recent, each defendant's latest
    stage. Older outcomes told as history are not news."""
    r = rules()
    stage = lambda o: r["stage"].get(o.outcome_type, 0)  # noqa: E731
    near = [(d := _days(o, published)) is not None and 0 <= d <= r["news_days"] for o in rows]
    flags = []
    for o in rows:
        mine = [(p, n) for p, n in zip(rows, near, strict=True) if p.defendant == o.defendant]
        recent = [p for p, n in mine if n]
        if recent:
            top = max(stage(p) for p in recent)
            flags.append(any(p is o for p in recent) or (_undated(o) and stage(o) > top))
        elif any(near):
            news_types = {p.outcome_type for p, n in zip(rows, near, strict=True) if n}
            flags.append(_undated(o) and o.outcome_type in news_types)
        else:
            flags.append(stage(o) == max(stage(p) for p, _ in mine))
    return flags
