"""Case-level outcomes: which reports are one decision, and how their values are
reconciled (``case_outcomes``)."""

from __future__ import annotations

import pytest

import schemas
from casewire.resolve.decisions import agree, case_outcome_rows, group_decisions, reconcile

PUBLISHED = {"doc-1": "2019-12-11", "doc-2": "2019-12-12", "doc-3": "2020-06-01", "doc-4": None}


def _report(n: int, doc: str = "doc-1", date: str | None = None, **values) -> dict:
    row = {
        "outcome_id": f"out-{n:02d}",
        "case_id": "case-1",
        "doc_id": doc,
        "defendant_entity_id": "ent-1",
        "defendant_name": "Jane Doe",
        "outcome_type": "sentenced",
        "decision_date": date,
        "court": None,
        "start_char": n,
        "end_char": n + 5,
        "evidence": "xxxxx",
    }
    row |= {c: None for c in schemas.columns("case_outcomes") if c not in row}
    row |= {"life_sentence": False, "death_sentence": False, "custody_suspended": False}
    return row | values


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("2019-12-10", "2019-12-10", True),
        ("2019-12-10", "2019-12-11", False),
        ("2019-12", "2019-12-10", True),
        ("2019", "2020-01-05", False),
        (None, "2019-12-10", True),
    ],
)
def test_dates_agree_on_their_common_precision(a, b, same) -> None:
    assert agree(a, b) is same


def _ids(groups: list[list[dict]]) -> list[list[str]]:
    return [[r["outcome_id"] for r in g] for g in groups]


def test_four_reports_of_one_sentencing_are_one_decision() -> None:
    reports = [
        _report(1, "doc-1", "2019-12-10"),
        _report(2, "doc-2", "2019-12-10"),
        _report(3, "doc-3", None),
        _report(4, "doc-2", "2019-12"),
    ]
    assert _ids(group_decisions(reports, PUBLISHED)) == [["out-01", "out-02", "out-04", "out-03"]]


def test_two_days_are_two_decisions_and_a_month_between_them_stays_apart() -> None:
    reports = [
        _report(1, "doc-1", "2019-12-10"),
        _report(2, "doc-2", "2019-12-11"),
        _report(3, "doc-2", "2019-12"),
    ]
    assert sorted(_ids(group_decisions(reports, PUBLISHED))) == [
        ["out-01"], ["out-02"], ["out-03"],
    ]  # fmt: skip


def test_undated_report_joins_the_latest_decision_before_its_publication() -> None:
    reports = [
        _report(1, "doc-1", "2019-12-10"),
        _report(2, "doc-3", "2020-05-20"),  # a resentencing
        _report(3, "doc-2", None),  # published 2019-12-12: the first sentencing
        _report(4, "doc-4", None),  # no publication date: undated decision of its own
    ]
    assert _ids(group_decisions(reports, PUBLISHED)) == [
        ["out-01", "out-03"], ["out-02"], ["out-04"],
    ]  # fmt: skip


def test_conflicting_values_are_flagged_and_never_averaged() -> None:
    group = [
        _report(1, sentence_min_months=120, sentence_max_months=120, fine_usd=1000.0),
        _report(2, sentence_min_months=120, sentence_max_months=120),
        _report(3, sentence_min_months=60, sentence_max_months=60, fine_usd=1000.0),
    ]
    values, conflicts = reconcile(group)
    assert (values["sentence_min_months"], values["sentence_max_months"]) == (120, 120)
    assert values["fine_usd"] == 1000.0
    assert conflicts == ["sentence_max_months", "sentence_min_months"]


def test_a_tie_goes_to_the_earliest_report_and_flags_are_any() -> None:
    group = [_report(1, counts=3), _report(2, counts=4, life_sentence=True)]
    values, conflicts = reconcile(group)
    assert values["counts"] == 3 and conflicts == ["counts"]
    assert values["life_sentence"] is True


def test_case_rows_link_reports_and_take_the_case_charges_when_theirs_are_none() -> None:
    outcomes = [
        _report(1, "doc-1", "2019-12-10", sentence_min_months=30, sentence_max_months=30),
        _report(2, "doc-2", None),
        _report(3, "doc-1", "2019-06-01", outcome_type="pleaded_guilty"),
    ]
    charges = [
        {"outcome_id": "out-03", "case_id": "case-1", "category": "fraud/theft"},
        {"outcome_id": "out-03", "case_id": "case-1", "category": "bribery/corruption"},
    ]
    rows = case_outcome_rows(outcomes, charges, PUBLISHED, {})
    assert [(r["outcome_type"], r["n_reports"], r["n_documents"]) for r in rows] == [
        ("pleaded_guilty", 1, 1),
        ("sentenced", 2, 2),
    ]
    assert (
        outcomes[0]["case_outcome_id"]
        == outcomes[1]["case_outcome_id"]
        == rows[1]["case_outcome_id"]
    )
    assert [r["charge_category"] for r in rows] == ["bribery/corruption"] * 2
    assert rows[1]["first_reported_date"] == "2019-12-11"
    assert set(rows[1]) == set(schemas.columns("case_outcomes"))


@pytest.mark.parametrize(
    ("categories", "expected"),
    [
        (["fraud/theft", "bribery/corruption", "money laundering"], "bribery/corruption"),
        (["tax", "homicide"], "homicide"),
        (["other"], "other"),
        ([], None),
    ],
)
def test_most_serious_charge_category(categories, expected) -> None:
    assert schemas.most_serious(categories) == expected


def test_severity_orders_every_charge_category_once() -> None:
    from schemas._common import CHARGE_CATEGORIES

    assert sorted(schemas.CHARGE_SEVERITY) == sorted(CHARGE_CATEGORIES)
    assert len(set(schemas.CHARGE_SEVERITY)) == len(CHARGE_CATEGORIES)
