"""A tiny, valid set of all tables: for tests, docs and consumers trying the contract.

Every evidence offset really points into the example document, so the cross-table
checks pass; tests derive broken variants from it.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from schemas.registry import TABLES, dtypes

TEXT = (
    "Jane Doe, 42, of Springfield was sentenced to 60 months in prison. "
    "U.S. District Judge Ann Lee imposed the sentence on March 3, 2021. "
    "Doe pleaded guilty to wire fraud in January 2021. "
    "Assistant U.S. Attorney Roy Park prosecuted the case."
)
DOC = "doc-0000000000000001"
JANE, LEE, SPRINGFIELD = "ent-00000000000000a1", "ent-00000000000000a2", "ent-00000000000000a3"
PARK = "ent-00000000000000a4"
EVT, CASE, OUT, OUT2 = "evt-0000000000000001", "case-000000000000001", "out-01", "out-02"
COUT, COUT2 = "cout-01", "cout-02"


def _span(needle: str) -> tuple[int, int, str]:
    start = TEXT.index(needle)
    return start, start + len(needle), needle


S1 = _span("Jane Doe, 42, of Springfield was sentenced to 60 months in prison.")
S2 = _span("U.S. District Judge Ann Lee imposed the sentence on March 3, 2021.")
S3 = _span("Doe pleaded guilty to wire fraud in January 2021.")
S4 = _span("Assistant U.S. Attorney Roy Park prosecuted the case.")


def _ev(span: tuple[int, int, str]) -> dict[str, object]:
    return {"doc_id": DOC, "start_char": span[0], "end_char": span[1], "evidence": span[2]}


def _rows() -> dict[str, list[dict[str, object]]]:
    jane = _span("Jane Doe")
    return {
        "documents": [
            {
                "doc_id": DOC,
                "source_id": "releases/doe.txt",
                "source_path": "releases/doe.txt",
                "title": "Springfield woman sentenced",
                "published_date": "2021-03-04",
                "date_source": "header",
                "url": None,
                "language": "en",
                "n_chars": len(TEXT),
                "content_sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
                "text": TEXT,
            }
        ],
        "rejects": [
            {
                "reject_id": "rej-01",
                "source": "news.jsonl:3",
                "reason": "duplicate_of",
                "message": "same text as releases/doe.txt",
                "duplicate_of": DOC,
            },
            {
                "reject_id": "rej-02",
                "source": "=cmd.txt",
                "reason": "empty",
                "message": "no text after cleaning",
                "duplicate_of": None,
            },
        ],
        "mentions": [
            {
                "mention_id": "men-01",
                "entity_id": JANE,
                "text": "Jane Doe",
                "label": "PERSON",
                "mention_start": jane[0],
                "mention_end": jane[1],
                **_ev(S1),
            },
            {
                "mention_id": "men-02",
                "entity_id": LEE,
                "text": "Ann Lee",
                "label": "PERSON",
                "mention_start": _span("Ann Lee")[0],
                "mention_end": _span("Ann Lee")[1],
                **_ev(S2),
            },
            {
                "mention_id": "men-03",
                "entity_id": PARK,
                "text": "Roy Park",
                "label": "PERSON",
                "mention_start": _span("Roy Park")[0],
                "mention_end": _span("Roy Park")[1],
                **_ev(S4),
            },
        ],
        "entities": [
            {
                "entity_id": JANE,
                "entity_type": "person",
                "canonical_name": "Jane Doe",
                "aliases": [],
                "variants": ["Doe"],
                "roles": ["defendant"],
                "n_mentions": 2,
                "n_documents": 1,
                **_ev(S1),
            },
            {
                "entity_id": LEE,
                "entity_type": "person",
                "canonical_name": "Ann Lee",
                "aliases": [],
                "variants": [],
                "roles": ["judge"],
                "n_mentions": 1,
                "n_documents": 1,
                **_ev(S2),
            },
            {
                "entity_id": SPRINGFIELD,
                "entity_type": "place",
                "canonical_name": "Springfield",
                "aliases": [],
                "variants": [],
                "roles": [],
                "n_mentions": 1,
                "n_documents": 1,
                **_ev(S1),
            },
            {
                "entity_id": PARK,
                "entity_type": "person",
                "canonical_name": "Roy Park",
                "aliases": [],
                "variants": [],
                "roles": ["prosecutor"],
                "n_mentions": 1,
                "n_documents": 1,
                **_ev(S4),
            },
        ],
        "entity_roles": [
            {
                "role_id": "rol-01",
                "entity_id": LEE,
                "role": "judge",
                "title": "U.S. District Judge",
                "valid_from": None,
                "valid_to": None,
                **_ev(S2),
            },
            {
                "role_id": "rol-02",
                "entity_id": PARK,
                "role": "prosecutor",
                "title": "Assistant U.S. Attorney",
                "valid_from": None,
                "valid_to": None,
                **_ev(S4),
            },
        ],
        "entity_ages": [
            {
                "age_id": "age-01",
                "entity_id": JANE,
                "age": 42,
                "as_of": "2021-03-03",
                "birth_year_min": 1978,
                "birth_year_max": 1979,
                **_ev(S1),
            }
        ],
        "events": [
            {
                "event_id": EVT,
                "event_type": "sentencing",
                "date": "2021-03-03",
                "date_precision": "day",
                "date_end": None,
                "place": "Springfield",
                "place_entity_id": SPRINGFIELD,
                "modality": "asserted",
                "trigger": "sentenced",
                "n_documents": 1,
                **_ev(S1),
            }
        ],
        "event_evidence": [{"event_id": EVT, **_ev(S1)}, {"event_id": EVT, **_ev(S2)}],
        "event_participants": [{"event_id": EVT, "entity_id": JANE, "role": "defendant"}],
        "legal_outcomes": [
            _outcome(OUT, "sentenced", S1, 60),
            _outcome(OUT2, "pleaded_guilty", S3, None),
        ],
        "charges": [
            {
                "charge_id": "chg-01",
                "outcome_id": OUT2,
                "case_id": CASE,
                "charge_text": "wire fraud",
                "category": "fraud/theft",
                "statute": None,
                **_ev(S3),
            }
        ],
        "cases": [
            {
                "case_id": CASE,
                "caption": "United States v. Jane Doe",
                "court": "U.S. District Court",
                "court_id": None,
                "defendant_entity_id": JANE,
                "defendant_name": "Jane Doe",
                "status": "sentenced",
                "charge_category": "fraud/theft",
                "first_decision_date": "2021-01",
                "last_decision_date": "2021-03-03",
                "judge_entity_ids": [LEE],
                "judge_names": ["Ann Lee"],
                "n_outcomes": 2,
                "n_documents": 1,
            }
        ],
        "case_outcomes": [
            _case_outcome(COUT, "sentenced", S1, 60),
            _case_outcome(COUT2, "pleaded_guilty", S3, None),
        ],
    }


def _case_outcome(
    row_id: str, kind: str, span: tuple[int, int, str], months: int | None
) -> dict[str, object]:
    """The decision each example outcome reports (one report each)."""
    report = _outcome("", kind, span, months)
    keep = ("case_id", "defendant_entity_id", "defendant_name", "outcome_type", "decision_date",
            "decision_date_precision", "conviction_method", "court", "court_id",
            "judge_entity_id", "judge_name", "prosecutor_entity_ids", "defense_attorney_entity_ids",
            "charge_category", "sentence_min_months", "sentence_max_months", "life_sentence",
            "death_sentence", "custody_suspended", "probation_months",
            "supervised_release_months", "fine_usd", "restitution_usd", "forfeiture_usd",
            "counts")  # fmt: skip
    return {
        "case_outcome_id": row_id,
        **{k: report[k] for k in keep},
        # the sentencing names no charge: the case's (the plea's wire fraud) stands for it
        "charge_category": "fraud/theft",
        "prosecutor_names": ["Roy Park"],
        "defense_attorney_names": [],
        "first_reported_date": "2021-03-04",
        "conflicts": [],
        "n_reports": 1,
        "n_documents": 1,
        **_ev(span),
    }


def _outcome(
    outcome_id: str, kind: str, span: tuple[int, int, str], months: int | None
) -> dict[str, object]:
    return {
        "outcome_id": outcome_id,
        "case_id": CASE,
        "case_outcome_id": COUT if kind == "sentenced" else COUT2,
        "doc_id": DOC,
        "defendant_entity_id": JANE,
        "defendant_name": "Jane Doe",
        "defendant_age": 42,
        "outcome_type": kind,
        "conviction_method": "plea",
        "decision_date": "2021-03-03" if kind == "sentenced" else "2021-01",
        "decision_date_precision": "day" if kind == "sentenced" else "month",
        "decision_date_source": "written",
        "court": "U.S. District Court",
        "court_id": None,
        "judge_name": "Ann Lee",
        "judge_entity_id": LEE,
        "prosecutor_names": ["Roy Park"],
        "prosecutor_entity_ids": [PARK],
        "defense_attorney_names": [],
        "defense_attorney_entity_ids": [],
        "announcer": None,
        "sentence_min_months": months,
        "sentence_max_months": months,
        "life_sentence": False,
        "death_sentence": False,
        "custody_suspended": False,
        "probation_months": None,
        "supervised_release_months": 36 if months else None,
        "fine_usd": 1000.5 if months else None,
        "restitution_usd": None,
        "forfeiture_usd": None,
        "counts": 1,
        "charge_category": None if months else "fraud/theft",
        **{k: v for k, v in _ev(span).items() if k != "doc_id"},
    }


def example_tables() -> dict[str, pd.DataFrame]:
    """A fresh, valid set of all tables with the contract's column order and dtypes."""
    rows = _rows()
    out = {}
    for name in TABLES:
        types = dtypes(name)
        frame = pd.DataFrame(rows[name])
        out[name] = pd.DataFrame(
            {c: pd.Series(frame[c].tolist(), dtype=d) for c, d in types.items()}
        )
    return out
