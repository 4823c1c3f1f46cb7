"""The scorer on tiny hand-made inputs (no pipeline)."""

from __future__ import annotations

import pytest

from casewire.evaluate import names_match, score

GOLD = [{"id": "d1", "outcomes": [
    {"defendant": "Genaro García Luna", "outcome_type": "sentenced", "sentence_max_months": 460, "judge": "Brian Cogan"},
    {"defendant": "Genaro García Luna", "outcome_type": "convicted"},
    {"defendant": None, "outcome_type": "charged"},
]}]  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Genaro García Luna", "GENARO GARCIA LUNA", True),
        ("Joaquin Guzman", "Guzman", True),
        ("A Smith", "B Jones", False),
    ],
)
def test_names_match(a: str, b: str, same: bool) -> None:
    assert names_match(a, b) is same


def test_perfect_prediction_scores_one() -> None:
    pred = {"d1": [dict(o) for o in GOLD[0]["outcomes"][:2]]}
    assert score(GOLD, pred)["outcomes"]["f1"] == 1.0


def test_unlisted_people_are_counted_apart() -> None:
    pred = {
        "d1": [dict(o) for o in GOLD[0]["outcomes"][:2]]
        + [{"defendant": "Other Person", "outcome_type": "sentenced"}]
    }
    o = score(GOLD, pred)["outcomes"]
    assert (o["fp"], o["apart"], o["precision"]) == (0, 1, 1.0)


def test_wrong_type_for_listed_person_is_false_alarm_and_miss() -> None:
    pred = {"d1": [{"defendant": "Garcia Luna", "outcome_type": "sentenced", "sentence_max_months": 460},
                   {"defendant": "Garcia Luna", "outcome_type": "acquitted"}]}  # fmt: skip
    r = score(GOLD, pred)
    assert (r["outcomes"]["fp"], r["outcomes"]["fn"]) == (1, 1)
    assert r["misses"] == [
        {"doc": "d1", "defendant": "Genaro García Luna", "outcome_type": "convicted"}
    ]


def test_field_exact_match_on_matched_outcomes() -> None:
    pred = {
        "d1": [
            {
                "defendant": "Garcia Luna",
                "outcome_type": "sentenced",
                "sentence_max_months": 456,
                "judge": "Judge Brian Cogan",
            }
        ]
    }
    f = score(GOLD, pred)["fields"]
    assert f["sentence_max_months"]["exact"] == 0.0
    assert f["judge"]["exact"] == 1.0
