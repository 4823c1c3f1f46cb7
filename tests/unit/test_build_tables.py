"""casewire.tables.build_tables: the records it is handed are let go as tables are made."""

from __future__ import annotations

import pandas as pd
import pytest

import schemas
from casewire.extract import extract_document
from casewire.resolve import resolve_entities
from casewire.tables import build_tables, case_rows


@pytest.fixture(scope="module")
def seed_extractions(nlp, seed_documents):
    return [extract_document(nlp(d.text), d) for d in seed_documents.values()]


def test_handed_over_records_lose_their_mentions(seed_extractions) -> None:
    handed_over = list(reversed(seed_extractions))
    tables = build_tables(handed_over, [])
    assert [x.document.doc_id for x in handed_over] == sorted(
        x.document.doc_id for x in seed_extractions
    )
    assert all(x.mentions == () for x in handed_over)
    assert all(
        x.outcomes == y.outcomes
        for x, y in zip(
            handed_over, sorted(seed_extractions, key=lambda x: x.document.doc_id), strict=True
        )
    )
    assert len(tables["mentions"]) == sum(len(x.mentions) for x in seed_extractions) > 50


def test_tables_do_not_depend_on_record_order(seed_extractions) -> None:
    first = build_tables(list(seed_extractions), [])
    second = build_tables(list(reversed(seed_extractions)), [])
    assert first.keys() == second.keys()
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name])


def test_released_resolution_still_maps_names(seed_extractions) -> None:
    res = resolve_entities(seed_extractions)
    rows = res.entities()
    res.release_clusters()
    some = next(m for x in seed_extractions for m in x.mentions)
    assert res.entity_id_for(some.doc_id, some.entity_type, some.canonical) in {
        r["entity_id"] for r in rows
    }
    with pytest.raises(RuntimeError, match="released"):
        res.entities()


def test_seed_judge_is_linked_to_a_judge_entity(seed_extractions) -> None:
    tables = build_tables(list(seed_extractions), [])
    outcomes, entities = tables["legal_outcomes"], tables["entities"].set_index("entity_id")
    judged = outcomes[outcomes["judge_name"].notna()]
    assert len(judged) and judged["judge_entity_id"].notna().all()
    for entity_id in judged["judge_entity_id"]:
        assert entities.loc[entity_id, "canonical_name"] == "Brian Cogan"
        assert "judge" in entities.loc[entity_id, "roles"]
    (sentence,) = tables["case_outcomes"].query("judge_name.notna()").itertuples()
    assert sentence.judge_entity_id == judged["judge_entity_id"].iloc[0]


def test_every_outcome_reports_one_case_level_decision(seed_extractions) -> None:
    tables = build_tables(list(seed_extractions), [])
    outcomes, decisions = tables["legal_outcomes"], tables["case_outcomes"]
    assert set(outcomes["case_outcome_id"]) == set(decisions["case_outcome_id"])
    counts = outcomes["case_outcome_id"].value_counts()
    n_reports = decisions.set_index("case_outcome_id")["n_reports"]
    assert n_reports.to_dict() == counts.to_dict()
    # the two seed articles both report Garcia Luna's February 2023 conviction: one row
    assert decisions[["case_id", "outcome_type", "decision_date"]].duplicated().sum() == 0
    assert counts.max() == 2


def test_charge_category_is_the_most_serious_of_the_charges(seed_extractions) -> None:
    tables = build_tables(list(seed_extractions), [])
    charges = tables["charges"]
    for name, key in (("legal_outcomes", "outcome_id"), ("cases", "case_id")):
        for row in tables[name].itertuples():
            mine = charges.loc[charges[key] == getattr(row, key), "category"]
            assert row.charge_category == schemas.most_serious(mine), (name, row)
    assert tables["cases"]["charge_category"].notna().all()


def test_a_case_lists_the_judges_of_its_outcomes(seed_extractions) -> None:
    tables = build_tables(list(seed_extractions), [])
    outcomes, names = tables["legal_outcomes"], tables["entities"].set_index("entity_id")
    for case in tables["cases"].itertuples():
        mine = outcomes.loc[outcomes["case_id"] == case.case_id, "judge_entity_id"].dropna()
        assert sorted(case.judge_entity_ids) == sorted(set(mine)), case.case_id
        assert list(case.judge_names) == [
            names.loc[i, "canonical_name"] for i in case.judge_entity_ids
        ]
    judged = tables["cases"][tables["cases"]["judge_names"].map(len) > 0]
    assert judged["judge_names"].map(list).tolist() == [["Brian Cogan"]]


def test_case_judges_come_once_each_in_decision_order() -> None:
    def outcome(n: int, otype: str, date: str, judge: str | None) -> dict:
        return {"outcome_id": f"out-{n}", "case_id": "case-1", "doc_id": f"doc-{n}",
                "defendant_entity_id": "ent-1", "defendant_name": "Jane Doe", "court": None,
                "outcome_type": otype, "decision_date": date, "judge_entity_id": judge}  # fmt: skip

    outcomes = [
        outcome(1, "sentenced", "2021-03-03", "ent-j2"),
        outcome(2, "pleaded_guilty", "2020-11-02", "ent-j1"),
        outcome(3, "charged", "2020-01-15", None),
        outcome(4, "sentenced", "2021-03-03", "ent-j2"),
    ]
    (row,) = case_rows(outcomes, [], {"ent-j1": "Ann Lee", "ent-j2": "Sidney H. Stein"})
    assert row["judge_entity_ids"] == ["ent-j1", "ent-j2"]
    assert row["judge_names"] == ["Ann Lee", "Sidney H. Stein"]
