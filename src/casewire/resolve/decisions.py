"""Case-level outcomes: the reports of one decision made one row (``case_outcomes``).

``legal_outcomes`` holds what each document says; a sentencing reported by four
releases is four rows there. Here it is one, with its reports linked
(``legal_outcomes.case_outcome_id``) and their values reconciled.

**Same decision.** Two reports are of one decision when they have the same
``case_id``, the same ``outcome_type`` and compatible decision dates: equal when
both are given (dates of different precision compare on their common part:
"2019-12" and "2019-12-10" agree), or one of them missing. In one case and type:

1. each distinct date, the most precise first, is its own decision unless it agrees
   with exactly one decision already made, which it joins (a month that agrees with
   two different days stays a decision of its own); a day that agrees with none joins
   the only decision whose day is the day before or after it (an indictment returned
   on June 18 and unsealed on June 19, a verdict of November 12 headlined by the
   release of November 13), except for civil matters (``other``), whose complaint and
   consent decree may be filed on consecutive days;
2. a report dated only by its release (by its ``decision_date_source``, how the
   extractor obtained the day: ``release_day``, the publication day a present tense
   gives, "have been indicted"; ``announced``, the day of the verb telling it, "X
   announced today that Y was indicted", except for civil matters (``other``), whose
   steps are told that way as news, "the Department today announced a consent decree";
   ``lead``, a restated lead, when that is the publication day) is as often a release
   retelling the case's history ("X and Y have pleaded guilty in related cases") as its
   news. Its day joins the latest decision dated on or before it, and opens one only
   when there is none, or when the report is its document's news: its evidence opens
   the document (a headline) or, for a charge, names a superseding indictment (a
   charging decision of its own). These days are placed after every other date,
   earliest first, and are a decision's date only when none of its reports gives
   another;
3. an undated report joins the only decision, or, when there are several, the latest
   one dated on or before its document's ``published_date`` (a document reports what
   has happened); otherwise it belongs to the case's undated decision.

**Reconciled values.** Each field takes the value most reports give (reports that
leave it empty do not count), ties going to the earliest report (by its document's
``published_date``, then ``doc_id`` and offset); ``sentence_min_months`` and
``sentence_max_months`` are taken together, from one report. Reports that give
different values are never averaged: the field is named in ``conflicts``. The
flags (``life_sentence``, ``death_sentence``, ``custody_suspended``) are true when
any report says so. ``decision_date`` is the decision's most precise date (rule 2), a
date other than its report's own publication day first (of two consecutive days, the
release's is the later telling), and ``decision_date_precision`` its precision. The
prosecutors and defense attorneys are the people any report names
(``prosecutor_entity_ids``, in report order, no repeats), by their entities' names:
reports name different members of one team, so these lists add up rather than vote.
``charge_category`` is the most serious category (``schemas.CHARGE_SEVERITY``) of
the reports' charges, or, when they name none, of the whole case's charges.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from casewire.extract.dates import date_precision
from casewire.ids import stable_id
from casewire.resolve.judges import COUNSEL_ROLES
from schemas import most_serious
from schemas._common import RELEASE_DATE_SOURCES
from schemas.case_outcomes import RECONCILED

FLAGS = ("life_sentence", "death_sentence", "custody_suspended")
_TERM = ("sentence_min_months", "sentence_max_months")
# A superseding indictment is a new charging decision, whatever day it is told on.
_SUPERSEDING = re.compile(r"\bsuperseding\b", re.I)
#: Fields reconciled one by one (the term is reconciled as a pair).
VOTED = tuple(c for c in RECONCILED if c not in _TERM)


def agree(a: str | None, b: str | None) -> bool:
    """Decision dates that can be one decision's: one missing, or equal on their
    common precision."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _report_order(published: dict[str, str | None]) -> Callable[[dict], tuple]:
    def key(row: dict) -> tuple:
        date = published.get(row["doc_id"])
        return (date is None, date or "", row["doc_id"], row["start_char"], row["outcome_id"])

    return key


def _on_or_before(head: str, day: str) -> bool:
    """``head`` is no later than ``day`` on their common precision."""
    n = min(len(head), len(day))
    return head[:n] <= day[:n]


def release_day(report: dict, published: dict[str, str | None]) -> bool:
    """Dated only by its release (module rule 2): a day whose ``decision_date_source`` is
    the release's (the tense's publication day, the telling verb's day but for a civil
    matter, or a restated lead on the publication day), and whose evidence neither opens
    the document (a headline is the release's news) nor, for a charge, names a superseding
    indictment (a charging decision of its own)."""
    day, source = report["decision_date"], report["decision_date_source"]
    if not day or len(day) != 10 or report["start_char"] == 0:
        return False
    if source == "announced" and report["outcome_type"] == "other":
        return False  # a civil step is told as "the Department today announced" news
    if source not in RELEASE_DATE_SOURCES and not (
        source == "lead" and (published.get(report["doc_id"]) or "")[:10] == day
    ):
        return False
    evidence = report["evidence"] or ""
    return not (report["outcome_type"] == "charged" and _SUPERSEDING.search(evidence))


def _a_day_apart(a: str, b: str) -> bool:
    """Two days, one the day after the other."""
    if len(a) != 10 or len(b) != 10:
        return False
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) == 1


def _decisions(dates: list[str], told: list[str], adjacent: bool = True) -> dict[str, str]:
    """Each date -> its decision's date: ``dates`` by rule 1 (``adjacent``: a day joins
    the only decision a day apart), then the release days ``told`` (rule 2), earliest
    first, each joining the latest decision on or before it."""
    decisions: dict[str, str] = {}  # date -> the decision's (most precise) date
    for d in sorted(set(dates), key=lambda d: (-len(d), d)):
        heads = set(decisions.values())
        fits = sorted(v for v in heads if agree(d, v))
        if not fits and adjacent:
            fits = sorted(v for v in heads if _a_day_apart(d, v))
        decisions[d] = fits[0] if len(fits) == 1 else d
    for d in sorted(set(told) - set(decisions)):
        before = sorted(h for h in set(decisions.values()) if _on_or_before(h, d))
        decisions[d] = before[-1] if before else d
    return decisions


def group_decisions(reports: list[dict], published: dict[str, str | None]) -> list[list[dict]]:
    """The reports of one case and outcome type, grouped by decision (module rule);
    each group in report order, groups in order of their first report."""
    told = {r["outcome_id"] for r in reports if release_day(r, published)}
    decisions = _decisions(
        [r["decision_date"] for r in reports if r["decision_date"] and r["outcome_id"] not in told],
        [r["decision_date"] for r in reports if r["outcome_id"] in told],
        adjacent=all(r["outcome_type"] != "other" for r in reports),
    )
    groups: dict[str | None, list[dict]] = defaultdict(list)
    heads = sorted(set(decisions.values()))
    for r in reports:
        if r["decision_date"]:
            groups[decisions[r["decision_date"]]].append(r)
        elif len(heads) == 1:
            groups[heads[0]].append(r)
        else:
            seen = published.get(r["doc_id"])
            before = [h for h in heads if seen and h[: len(seen)] <= seen[: len(h)]]
            groups[before[-1] if before else None].append(r)
    order = _report_order(published)
    out = [sorted(g, key=order) for g in groups.values()]
    return sorted(out, key=lambda g: order(g[0]))


def decision_date(group: list[dict], published: dict[str, str | None]) -> str | None:
    """The most precise date of a decision's reports, a release day (rule 2) only when no
    report writes a date; a date other than its report's publication day before one that
    is (rule 1: of consecutive days, the later is the telling's); then the earliest report."""
    written = [r for r in group if not release_day(r, published)]
    pool = [
        r
        for r in (written if any(r["decision_date"] for r in written) else group)
        if r["decision_date"]
    ]
    if not pool:
        return None
    best = max(len(r["decision_date"]) for r in pool)
    top = [r for r in pool if len(r["decision_date"]) == best]
    own_day = [r for r in top if r["decision_date"] == (published.get(r["doc_id"]) or "")[:10]]
    return next((r for r in top if r not in own_day), top[0])["decision_date"]


def _vote(values: list[Any]) -> tuple[Any, bool]:
    """(most given value, ties to the first given; whether values differ)."""
    given = [v for v in values if v is not None]
    if not given:
        return None, False
    counts = Counter(given)
    best = max(counts.values())
    return next(v for v in given if counts[v] == best), len(counts) > 1


def reconcile(group: list[dict]) -> tuple[dict[str, Any], list[str]]:
    """Values of one decision from its reports (in report order) and the fields whose
    reports conflict."""
    values: dict[str, Any] = {}
    conflicts: list[str] = []
    for name in VOTED:
        values[name], differ = _vote([r[name] for r in group])
        if differ:
            conflicts.append(name)
    terms = [(r[_TERM[0]], r[_TERM[1]]) for r in group]
    term, differ = _vote([t if t != (None, None) else None for t in terms])
    values.update(zip(_TERM, term or (None, None), strict=True))
    if differ:
        conflicts.extend(_TERM)
    for name in FLAGS:
        values[name] = any(r[name] for r in group)
    courts = [r["court"] for r in group if r["court"]]
    values["court"] = _vote(courts)[0]
    return values, sorted(conflicts)


def _counsel(group: list[dict], names: dict[str, str]) -> dict[str, list[str]]:
    """Every report's prosecutors and defense attorneys, once each, in report order."""
    out: dict[str, list[str]] = {}
    for role in COUNSEL_ROLES:
        ids = list(dict.fromkeys(i for r in group for i in r.get(f"{role}_entity_ids") or ()))
        out[f"{role}_entity_ids"] = ids
        out[f"{role}_names"] = [names.get(i, i) for i in ids]
    return out


def case_outcome_rows(
    outcomes: list[dict],
    charges: Sequence[dict],
    published: dict[str, str | None],
    names: dict[str, str],
) -> list[dict]:
    """One row per case x outcome type x decision; sets ``case_outcome_id`` on each
    outcome row. ``names`` maps entity ids to canonical names (the judge's)."""
    by_outcome: dict[str, list[str]] = defaultdict(list)
    by_case: dict[str, list[str]] = defaultdict(list)
    for c in charges:
        by_outcome[c["outcome_id"]].append(c["category"])
        by_case[c["case_id"]].append(c["category"])
    buckets: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in outcomes:
        buckets[(row["case_id"], row["outcome_type"])].append(row)
    rows = []
    for (case_id, outcome_type), reports in sorted(buckets.items()):
        for group in group_decisions(reports, published):
            date = decision_date(group, published)
            row_id = stable_id("cout", case_id, outcome_type, date)
            for r in group:
                r["case_outcome_id"] = row_id
            values, conflicts = reconcile(group)
            categories = [c for r in group for c in by_outcome[r["outcome_id"]]]
            first, dated = group[0], [published.get(r["doc_id"]) for r in group]
            rows.append(
                {
                    **values,
                    "case_outcome_id": row_id,
                    "case_id": case_id,
                    "defendant_entity_id": first["defendant_entity_id"],
                    "defendant_name": first["defendant_name"],
                    "outcome_type": outcome_type,
                    "decision_date": date,
                    "decision_date_precision": date_precision(date),
                    "first_reported_date": min((d for d in dated if d), default=None),
                    "judge_name": names.get(values["judge_entity_id"]),
                    **_counsel(group, names),
                    "charge_category": most_serious(categories or by_case[case_id]),
                    "conflicts": conflicts,
                    "n_reports": len(group),
                    "n_documents": len({r["doc_id"] for r in group}),
                    "doc_id": first["doc_id"],
                    "start_char": first["start_char"],
                    "end_char": first["end_char"],
                    "evidence": first["evidence"],
                }
            )
    return rows
