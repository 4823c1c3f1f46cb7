"""Records -> DataFrames: one builder per table, fixed column order.

This is the only place tables are built. ``conform`` gives every column the
contract's exact dtype, so the written bytes never depend on how a builder
produced a column; ``schemas.validate_tables`` then checks, it does not coerce.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, replace

import pandas as pd
import pyarrow as pa

import schemas
from casewire.extract.ages import age_as_of, birth_years
from casewire.extract.dates import date_precision
from casewire.ids import stable_id
from casewire.publish.files import conform, in_key_order
from casewire.records import DocExtraction, Evidence, Outcome, Reject
from casewire.resolve.cases import assign_cases, case_caption, case_key, court_id
from casewire.resolve.decisions import case_outcome_rows
from casewire.resolve.entities import EntityResolution, resolve_entities
from casewire.resolve.events import merge_events
from casewire.resolve.judges import (
    COUNSEL_ROLES,
    ROLES,
    CourtNames,
    JudgeNames,
    resolve_judges,
    resolve_people,
)

#: Column order of every table: the data contract's (schemas/), the single source.
COLUMNS: dict[str, list[str]] = {name: schemas.columns(name) for name in schemas.TABLES}

#: Order in which a case moves forward; the latest stage is the case's status.
_STAGE = schemas.OUTCOME_STAGE


def _ev(e: Evidence) -> dict[str, object]:
    return {
        "doc_id": e.doc_id,
        "start_char": e.start_char,
        "end_char": e.end_char,
        "evidence": e.text,
    }


def _frame(name: str, rows: Iterable[dict]) -> pd.DataFrame:
    """Rows -> frame with the contract's column order and dtypes, in primary-key order.

    ``rows`` is read one dict at a time into one list per column, and each column is
    converted on its own: as a list of dicts, or as frames joined and sorted
    whole, the 850,000 mentions of the corpus would need several times the memory of
    the finished frame. Builders that yield rows in key order spare the sorted copy.
    """
    columns: dict[str, list] = {c: [] for c in COLUMNS[name]}
    appends = [(c, values.append) for c, values in columns.items()]
    for row in rows:
        for column, append in appends:
            append(row.get(column))
    return _frame_by_column(name, columns.pop)


def _frame_by_column(name: str, column: Callable[[str], list]) -> pd.DataFrame:
    """The frame of table ``name`` from ``column(c)``, the values of column ``c`` in row
    order, asked for one column at a time and converted before the next is asked for."""
    dtypes = schemas.dtypes(name)
    data = {c: _column(column(c), dtypes[c]) for c in COLUMNS[name]}
    frame = conform(name, pd.DataFrame(data))
    del data
    key = schemas.primary_key(name)
    if in_key_order(frame, key):
        return frame
    order = frame[key].sort_values(key, kind="mergesort").index.to_numpy()
    return pd.DataFrame({c: frame.pop(c).take(order).reset_index(drop=True) for c in COLUMNS[name]})


def _column(values: list, dtype: str) -> pd.Series:
    """One column in the contract's dtype; text goes straight to Arrow, which takes
    half the memory of converting an object array."""
    if dtype == "str":
        try:
            return pd.Series(pa.array(values, type=pa.string(), from_pandas=True), dtype=dtype)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # not all str: let pandas convert
            pass
    series = pd.Series(values, dtype=object)
    return series if dtype == "object" else series.astype(dtype)


def documents_rows(extractions: Sequence[DocExtraction]) -> list[dict]:
    return [{**asdict(x.document), "n_chars": len(x.document.text)} for x in extractions]


def rejects_rows(rejects: Sequence[Reject]) -> list[dict]:
    return [
        {
            # the ID hashes the location alone, as before the record id was shown
            "reject_id": stable_id("rej", r.source),
            "source": reject_source(r),
            "reason": r.reason,
            "message": r.message,
            "duplicate_of": r.duplicate_of,
        }
        for r in rejects
    ]


_LINE = re.compile(r":\d+$")


def reject_source(reject: Reject) -> str:
    """``path:line (id <record id>)`` for a JSONL record whose id was read, so that it can
    be found by its id; the path (or ``path:line``) otherwise. A ``.txt`` file's id is
    its path, which the source already is."""
    if reject.record_id is None or not _LINE.search(reject.source):
        return reject.source
    return f"{reject.source} (id {reject.record_id})"


def mentions_frame(extractions: Sequence[DocExtraction], res: EntityResolution) -> pd.DataFrame:
    """The mentions table, made a column at a time in ``mention_id`` order.

    The largest table is never held as rows: its values are read from the records one
    column at a time, in key order, so it needs neither a sorted copy nor a list per
    column at once (on the whole corpus, building it from rows peaked ~170 MiB higher).
    """
    mentions = [m for x in extractions for m in x.mentions]
    ids = [stable_id("men", m.doc_id, m.mention_start, m.mention_end) for m in mentions]
    order = sorted(range(len(ids)), key=ids.__getitem__)
    mentions = [mentions[i] for i in order]
    made = {"mention_id": [ids[i] for i in order]}
    del ids, order

    def column(name: str) -> list:
        if name in made:
            return made.pop(name)
        if name == "entity_id":
            return [res.entity_id_for(m.doc_id, m.entity_type, m.canonical) for m in mentions]
        if name == "evidence":
            return [m.evidence.text for m in mentions]
        if name in ("doc_id", "start_char", "end_char"):
            return [getattr(m.evidence, name) for m in mentions]
        return [getattr(m, name) for m in mentions]  # text, label, mention_start/_end

    return _frame_by_column("mentions", column)


def role_rows(extractions: Sequence[DocExtraction], res: EntityResolution) -> list[dict]:
    rows = {}
    for x in extractions:
        for r in x.roles:
            entity_id = res.entity_id_for(r.doc_id, r.entity_type, r.canonical)
            # title and start year keep two positions held in one sentence apart
            role_id = stable_id(
                "rol", entity_id, r.doc_id, r.role, r.evidence.start_char, r.title, r.valid_from
            )
            rows[role_id] = {
                "role_id": role_id,
                "entity_id": entity_id,
                "role": r.role,
                "title": r.title,
                "valid_from": r.valid_from,
                "valid_to": r.valid_to,
                **_ev(r.evidence),
            }
    return list(rows.values())


def age_rows(extractions: Sequence[DocExtraction], res: EntityResolution) -> list[dict]:
    """One row per age stated with a name; ``as_of`` by :func:`age_as_of`."""
    rows = {}
    for x in extractions:
        for a in x.ages:
            entity_id = res.entity_id_for(a.doc_id, a.entity_type, a.canonical)
            age_id = stable_id("age", entity_id, a.doc_id, a.evidence.start_char)
            as_of = age_as_of(a, x.document, x.outcomes)
            first, last = birth_years(a.age, as_of)
            rows.setdefault(
                age_id,
                {
                    "age_id": age_id,
                    "entity_id": entity_id,
                    "age": a.age,
                    "as_of": as_of,
                    "birth_year_min": first,
                    "birth_year_max": last,
                    **_ev(a.evidence),
                },
            )
    return list(rows.values())


#: Outcome fields that are not columns as they stand (names resolved to entities, lists).
_NOT_COLUMNS = frozenset(
    "doc_id defendant defendant_type evidence charges judge prosecutors defense_attorneys".split()
)


def _counsel_columns(o: Outcome, res: EntityResolution, counsel: Sequence[CourtNames]) -> dict:
    """``<role>_names`` (as written) and ``<role>_entity_ids`` (their person entities, in
    the same order) for the prosecutors and defense attorneys."""
    out: dict[str, list[str]] = {}
    for people in counsel:
        written = list(dict.fromkeys(ROLES[people.role](o)))
        names = [people.names.get((o.doc_id, o.evidence.start_char, w), w) for w in written]
        out[f"{people.role}_names"] = written
        out[f"{people.role}_entity_ids"] = [res.entity_id_for(o.doc_id, "person", n) for n in names]
    return out


def _outcome_row(
    o: Outcome, res: EntityResolution, judges: JudgeNames, counsel: Sequence[CourtNames] = ()
) -> dict:
    defendant_id = res.entity_id_for(o.doc_id, o.defendant_type, o.defendant)
    judge = judges.name_for(o)
    outcome_id = stable_id("out", o.doc_id, defendant_id, o.outcome_type, o.evidence.start_char)
    fields = {k: v for k, v in asdict(o).items() if k not in _NOT_COLUMNS}
    counsel = counsel or [CourtNames({}, role=r) for r in COUNSEL_ROLES]
    return {
        **fields,
        "outcome_id": outcome_id,
        "case_id": case_key(defendant_id, o.court),
        "court_id": court_id(o.court),
        "defendant_entity_id": defendant_id,
        "defendant_name": o.defendant,
        "judge_name": o.judge or None,
        "judge_entity_id": res.entity_id_for(o.doc_id, "person", judge) if judge else None,
        **_counsel_columns(o, res, counsel),
        "decision_date_precision": date_precision(o.decision_date),
        "charge_category": schemas.most_serious(c.category for c in o.charges),
        **_ev(o.evidence),
    }


def outcome_rows(
    extractions: Sequence[DocExtraction],
    res: EntityResolution,
    judges: JudgeNames | None = None,
    counsel: Sequence[CourtNames] = (),
) -> tuple[list[dict], list[dict]]:
    """Rows of legal_outcomes and of charges (one per charge of each outcome); the
    outcomes' ``case_outcome_id`` is set by :func:`case_outcome_rows`. ``counsel``: the
    resolved prosecutors and defense attorneys (:func:`resolve_counsel`)."""
    judges = judges or JudgeNames({})
    outcomes: dict[str, dict] = {}
    charges: dict[str, dict] = {}
    for x in extractions:
        for o in x.outcomes:
            row = _outcome_row(o, res, judges, counsel)
            outcomes.setdefault(row["outcome_id"], row)
            for c in o.charges:
                charge_id = stable_id("chg", row["outcome_id"], c.text)
                charges.setdefault(
                    charge_id,
                    {
                        "charge_id": charge_id,
                        "outcome_id": row["outcome_id"],
                        "case_id": row["case_id"],
                        "charge_text": c.text,
                        "category": c.category,
                        "statute": c.statute,
                        **_ev(o.evidence),
                    },
                )
    rows = list(outcomes.values())
    for row, case_id in zip(
        rows, assign_cases([(r["defendant_entity_id"], r["court"]) for r in rows]), strict=True
    ):
        row["case_id"] = case_id
    for charge in charges.values():
        charge["case_id"] = outcomes[charge["outcome_id"]]["case_id"]
    return rows, list(charges.values())


def _case_judges(group: list[dict], names: Mapping[str, str]) -> dict[str, list[str]]:
    """The judges of a case's outcomes, once each, in the outcomes' order, by their
    entities' names (as ``case_outcomes.judge_name``)."""
    ids = list(dict.fromkeys(r["judge_entity_id"] for r in group if r["judge_entity_id"]))
    return {"judge_entity_ids": ids, "judge_names": [names.get(i, i) for i in ids]}


def case_rows(
    outcomes: list[dict], charges: Sequence[dict] = (), names: Mapping[str, str] | None = None
) -> list[dict]:
    """One row per case: caption, court, status (latest stage), date range, judges and the
    most serious category of its charges. ``names`` maps entity ids to canonical names."""
    names = names or {}
    by_case: dict[str, list[dict]] = defaultdict(list)
    for row in outcomes:
        by_case[row["case_id"]].append(row)
    categories: dict[str, list[str]] = defaultdict(list)
    for charge in charges:
        categories[charge["case_id"]].append(charge["category"])
    rows = []
    for case_id, group in sorted(by_case.items()):
        group.sort(key=lambda r: (r["decision_date"] or "", _STAGE.get(r["outcome_type"], 0)))
        latest = max(
            group, key=lambda r: (_STAGE.get(r["outcome_type"], 0), r["decision_date"] or "")
        )
        court = next((r["court"] for r in group if r["court"]), None)
        dates = sorted(r["decision_date"] for r in group if r["decision_date"])
        rows.append(
            {
                "case_id": case_id,
                "caption": case_caption(group[0]["defendant_name"], court),
                "court": court,
                "court_id": court_id(court),
                "defendant_entity_id": group[0]["defendant_entity_id"],
                "defendant_name": group[0]["defendant_name"],
                "status": latest["outcome_type"],
                "charge_category": schemas.most_serious(categories[case_id]),
                "first_decision_date": dates[0] if dates else None,
                "last_decision_date": dates[-1] if dates else None,
                **_case_judges(group, names),
                "n_outcomes": len(group),
                "n_documents": len({r["doc_id"] for r in group}),
            }
        )
    return rows


def resolve_counsel(extractions: Sequence[DocExtraction]) -> list[CourtNames]:
    """The outcomes' prosecutors and defense attorneys, resolved like judges."""
    return [resolve_people(extractions, role) for role in COUNSEL_ROLES]


def build_tables(
    extractions: list[DocExtraction], rejects: Sequence[Reject]
) -> dict[str, pd.DataFrame]:
    """Every table of a release, from per-document extractions and the rejects.

    Tables are made one after another and what only one of them needs is let go as
    soon as it is made, so memory holds the records, the finished frames and one
    table in the making. The list ``extractions`` is taken over: it is sorted in place,
    and once ``mentions`` and ``entities`` are made its records are replaced by copies
    without mentions, which are most of the records' memory (850,000 of them on the
    whole corpus). A caller that still needs the mentions passes a copy of the list.
    """
    extractions.sort(key=lambda x: x.document.doc_id)
    judges = resolve_judges(extractions)
    counsel = resolve_counsel(extractions)
    res = resolve_entities(extractions, judges, counsel)
    frames = {
        "mentions": mentions_frame(extractions, res),
        "entities": _frame("entities", res.entities()),
    }
    res.release_clusters()
    extractions[:] = [replace(x, mentions=()) if x.mentions else x for x in extractions]
    frames["entity_roles"] = _frame("entity_roles", role_rows(extractions, res))
    frames["entity_ages"] = _frame("entity_ages", age_rows(extractions, res))
    rows: dict[str, list[dict]] = dict(
        zip(
            ("events", "event_evidence", "event_participants"),
            merge_events([e for x in extractions for e in x.events], res.entity_id_for),
            strict=True,
        )
    )
    rows["legal_outcomes"], rows["charges"] = outcome_rows(extractions, res, judges, counsel)
    del res, judges, counsel
    entities = frames["entities"]
    names = dict(
        zip(entities["entity_id"].tolist(), entities["canonical_name"].tolist(), strict=True)
    )
    rows["cases"] = case_rows(rows["legal_outcomes"], rows["charges"], names)
    rows["case_outcomes"] = case_outcome_rows(
        rows["legal_outcomes"],
        rows["charges"],
        {x.document.doc_id: x.document.published_date for x in extractions},
        names,
    )
    rows["documents"] = documents_rows(extractions)
    rows["rejects"] = rejects_rows(rejects)
    for name in list(rows):
        frames[name] = _frame(name, rows.pop(name))
    return {name: frames[name] for name in COLUMNS}
