"""The entity/role/event scorer on tiny hand-made inputs (no model, no pipeline)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from casewire.evaluate_entities import (
    SEED_GOLD,
    format_table,
    predicted_from_tables,
    score_corpus_roles,
    score_entities,
    score_events,
    score_roles,
    score_seed,
)

GOLD = {
    "entities": [
        {"type": "person", "name": "Genaro García Luna"},
        {"type": "person", "name": "Joaquín Guzmán", "aliases": ["El Chapo"]},
        {"type": "organization", "name": "Sinaloa Cartel"},
    ],
    "acceptable": [{"type": "organization", "name": "Federal Bureau of Investigation"}],
    "roles": [
        {"entity": "Genaro García Luna", "role": "defendant"},
        {"entity": "Joaquín Guzmán", "role": "leader"},
    ],
    "events": [
        {
            "type": "conviction",
            "who": "Genaro García Luna",
            "date": None,
            "modality": "asserted",
            "n_documents": 2,
        },
        {
            "type": "sentencing",
            "who": "Genaro García Luna",
            "date": "2024-10-17",
            "modality": "asserted",
        },
        {
            "type": "office_held",
            "who": "Genaro García Luna",
            "date": "2001",
            "date_end": "2005",
            "modality": "asserted",
        },
    ],
}


def test_entities_match_on_type_and_normalized_name():
    pred = [
        {"type": "person", "name": "Genaro Garcia Luna", "aliases": []},  # accents ignored
        {"type": "person", "name": "Joaquin Guzman", "aliases": ["El Chapo"]},
        {"type": "person", "name": "Sinaloa Cartel", "aliases": []},  # wrong type: false
        {"type": "place", "name": "Mexico", "aliases": []},  # places: apart
        {"type": "organization", "name": "Federal Bureau of Investigation", "aliases": []},
        {"type": "organization", "name": "District Court", "aliases": []},  # false
    ]
    s = score_entities(GOLD, pred)
    assert (s["tp"], s["fp"], s["fn"], s["apart"]) == (2, 2, 1, 2)
    assert s["precision"] == pytest.approx(0.5) and s["recall"] == pytest.approx(2 / 3)
    assert s["missed"] == ["organization:Sinaloa Cartel"]
    assert s["alias_recall"] == 1.0
    assert s["by_type"]["person"]["fp"] == 1 and s["by_type"]["organization"]["fn"] == 1


def test_duplicate_entity_is_not_a_second_hit():
    pred = [
        {"type": "person", "name": "Genaro Garcia Luna"},
        {"type": "person", "name": "Genaro García Luna"},
    ]
    s = score_entities(GOLD, pred)
    assert (s["tp"], s["fp"], s["apart"]) == (1, 0, 1)


def test_roles_are_entity_role_pairs():
    s = score_roles(GOLD, [("Genaro Garcia Luna", "defendant"), ("Brian Cogan", "defendant")])
    assert (s["tp"], s["fp"], s["fn"]) == (1, 1, 1)
    assert s["false_positives"] == ["brian cogan:defendant"]


def _event(etype, date, who, role="defendant", modality="asserted", date_end=None, n=1):
    return {
        "type": etype,
        "date": date,
        "date_end": date_end,
        "modality": modality,
        "participants": [(who, role)],
        "n_documents": n,
    }


def test_events_match_type_date_modality_and_span_end():
    pred = [
        _event("conviction", None, "Genaro Garcia Luna", n=2),
        _event("sentencing", "2024-10", "Genaro Garcia Luna"),  # wrong precision: no hit
        _event("office_held", "2001", "Genaro Garcia Luna", "office_holder", date_end="2012"),
    ]
    s = score_events(GOLD, pred, with_who=False)
    assert (s["tp"], s["fp"], s["fn"]) == (1, 2, 2)
    assert s["n_documents_ok"] == "1/1"


def test_events_with_who_ignore_secondary_participants():
    judge_only = _event("sentencing", "2024-10-17", "Brian Cogan", role="judge")
    right = {
        **_event("sentencing", "2024-10-17", "Brian Cogan", role="judge"),
        "participants": [("Brian Cogan", "judge"), ("Genaro Garcia Luna", "defendant")],
    }
    assert score_events(GOLD, [judge_only], with_who=True)["tp"] == 0
    assert score_events(GOLD, [judge_only], with_who=False)["tp"] == 1
    assert score_events(GOLD, [right], with_who=True)["tp"] == 1


def test_non_asserted_event_does_not_match_asserted_gold():
    pred = [_event("sentencing", "2024-10-17", "Genaro Garcia Luna", modality="requested")]
    assert score_events(GOLD, pred, with_who=False)["tp"] == 0


def test_predicted_from_tables_and_report():
    tables = {
        "entities": pd.DataFrame(
            {
                "entity_id": ["e1", "e2"],
                "entity_type": ["person", "place"],
                "canonical_name": ["Genaro Garcia Luna", "Texas"],
                "aliases": [[], []],
            }
        ),
        "entity_roles": pd.DataFrame({"entity_id": ["e1"], "role": ["defendant"]}),
        "events": pd.DataFrame(
            {
                "event_id": ["v1"],
                "event_type": ["conviction"],
                "date": [None],
                "date_end": [float("nan")],
                "modality": ["asserted"],
                "n_documents": [2],
            }
        ),
        "event_participants": pd.DataFrame(
            {"event_id": ["v1"], "entity_id": ["e1"], "role": ["defendant"]}
        ),
    }
    pred = predicted_from_tables(tables)
    assert pred["roles"] == [("Genaro Garcia Luna", "defendant")]
    assert pred["events"][0]["date_end"] is None
    result = score_seed(GOLD, pred)
    assert result["events+who"]["tp"] == 1 and result["roles"]["recall"] == 0.5
    table = format_table(result, None)
    assert "entities" in table and "events+who" in table


def test_corpus_roles_recall_with_surnames():
    gold = [
        {
            "id": "d1",
            "outcomes": [
                {"defendant": "John Smith", "judge": "Jane Doe", "announcer": "Eric Gonzalez"},
                {"defendant": "John Smith", "judge": None, "announcer": None},
                {"defendant": "Ann Lee", "judge": None, "announcer": None},
            ],
        }
    ]
    pred = {
        "d1": [
            ("Smith", "defendant"),
            ("Jane Doe", "judge"),
            ("Eric Gonzalez", "prosecutor"),
            ("Bob Roe", "defendant"),
        ]
    }
    s = score_corpus_roles(gold, pred)
    assert (s["defendant"]["hit"], s["defendant"]["gold"]) == (1, 2)
    assert s["judge"]["recall"] == 1.0 and s["announcer"]["recall"] == 1.0
    assert s["extra_defendants"] == 1
    assert s["misses"] == ["d1 | defendant | Ann Lee"]


def test_seed_gold_fixture_is_well_formed():
    gold = json.loads(SEED_GOLD.read_text("utf-8"))
    names = {e["name"] for e in gold["entities"]}
    assert {r["entity"] for r in gold["roles"]} <= names
    assert {e["who"] for e in gold["events"]} <= names
    assert {e["modality"] for e in gold["events"]} <= {
        "asserted",
        "negated",
        "hypothetical",
        "requested",
        "potential",
        "scheduled",
    }
