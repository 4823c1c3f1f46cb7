"""The scorer on tiny hand-made inputs (no pipeline)."""

from __future__ import annotations

import pytest

from casewire.evaluate import format_report, names_match, score

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


def test_row_on_a_document_without_outcomes_is_a_false_alarm() -> None:
    gold = [{"id": "d2", "outcomes": []}]
    pred = {"d2": [{"defendant": "Thomas C. Butler", "outcome_type": "charged"}]}
    r = score(gold, pred)
    assert (r["outcomes"]["fp"], r["outcomes"]["apart"]) == (1, 0)
    assert r["false_alarms"][0]["why"] == "document has no outcome"


def test_lenient_scorer_keeps_the_old_count_for_comparison() -> None:
    gold = [{"id": "d2", "outcomes": []}]
    pred = {"d2": [{"defendant": "Thomas C. Butler", "outcome_type": "charged"}]}
    assert score(gold, pred, strict=False)["outcomes"]["apart"] == 1


@pytest.mark.parametrize(
    ("name", "text", "why"),
    [
        ("Brooklyn Man Sentenced", "", "headline or title word"),
        ("Chief", "", "one word"),
        ("Bertrum", "", "one word"),
        ("JOHN SMITH", "", "all capitals"),
        ("Both Ramirez", "", "headline or title word"),
        ("Eric Gonzalez", "", "an official"),
        ("San Marcos", "a San Marcos-based company", "a place"),
        ("Chula Vista", "a Chula Vista father of two", "a place"),
        ("Unit 42", "", "digits"),
        ("", "", "no name"),
        ("Jane Q. Doe", "Jane Q. Doe, 41, of San Marcos", None),
        ("Acme Widgets LLC", "", None),
        ("CITGO Petroleum Corporation", "", None),
    ],
)
def test_name_problem(name: str, text: str, why: str | None) -> None:
    from casewire.evaluate import name_problem

    assert name_problem(name, text, officials=["Eric Gonzalez"]) == why


def test_non_name_row_beside_listed_outcomes_is_a_false_alarm() -> None:
    pred = {"d1": [dict(o) for o in GOLD[0]["outcomes"][:2]]
            + [{"defendant": "Brooklyn Man Sentenced", "outcome_type": "sentenced"}]}  # fmt: skip
    o = score(GOLD, pred)["outcomes"]
    assert (o["tp"], o["fp"], o["apart"]) == (2, 1, 0)


def test_optional_gold_is_a_hit_when_found_and_never_a_miss() -> None:
    gold = [{"id": "d3", "outcomes": [
        {"defendant": "Ann Lee", "outcome_type": "sentenced"},
        {"defendant": "Bo Chan", "outcome_type": "pleaded_guilty", "optional": True},
        {"defendant": "Cy Diaz", "outcome_type": "charged", "optional": True},
    ]}]  # fmt: skip
    pred = {"d3": [{"defendant": "Ann Lee", "outcome_type": "sentenced"},
                   {"defendant": "Bo Chan", "outcome_type": "pleaded_guilty"}]}  # fmt: skip
    o = score(gold, pred)["outcomes"]
    assert (o["tp"], o["fn"], o["fp"]) == (2, 0, 0)


def test_test_split_gives_figures_and_no_errors_to_read() -> None:
    from casewire.evaluate import evaluate

    docs = [
        {"id": "a/1", "office": "a", "split": "dev", "outcomes": GOLD[0]["outcomes"]},
        {"id": "b/1", "office": "b", "split": "test", "outcomes": GOLD[0]["outcomes"]},
    ]
    pred = {"a/1": [], "b/1": [dict(GOLD[0]["outcomes"][0])]}
    fig = evaluate({"s.jsonl": docs}, pred, {})
    assert fig["files"]["s.jsonl [dev]"]["misses"]
    assert "misses" not in fig["files"]["s.jsonl [test]"]
    assert "misses" not in fig["groups"]["test"]
    assert fig["groups"]["test"]["outcomes"]["fn"] == 1
    offices = fig["offices"]["all"]
    assert offices["a"]["f1"] == 0.0
    assert offices["a"]["f1_without"] == offices["b"]["f1"] > 0


def test_court_is_the_same_court_and_court_as_written_the_same_words() -> None:
    gold = [{"id": "d", "outcomes": [{"defendant": "Ann Lee", "outcome_type": "sentenced",
             "court": "U.S. District Court in the Eastern District of Pennsylvania"}]}]  # fmt: skip
    pred = {"d": [{"defendant": "Ann Lee", "outcome_type": "sentenced",
                   "court": "Eastern District of Pennsylvania"}]}  # fmt: skip
    f = score(gold, pred)["fields"]
    assert (f["court"]["exact"], f["court_as_written"]["exact"]) == (1.0, 0.0)
    pred["d"][0]["court"] = "Western District of Pennsylvania"
    assert score(gold, pred)["fields"]["court"]["exact"] == 0.0


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Two Co-Conspirators Sentenced", "headline or title word"),
        ("Bank Robber", "headline or title word"),
        ("Department of Social Services", "headline or title word"),
        ("Southwest Airlines Co.", None),
        ("Acme L.L.C.", None),
        ("ACME TRADING LLC", None),
    ],
)
def test_a_legal_form_makes_a_company_only_where_nothing_else_says_otherwise(name, why) -> None:
    from casewire.evaluate import name_problem

    assert name_problem(name) == why


def test_a_shared_surname_is_not_the_same_person_when_first_names_differ() -> None:
    assert not names_match("Mary Smith", "John Smith")
    assert names_match("J. Smith", "John Smith") and names_match("Smith", "John Smith")


def test_an_unlisted_real_name_is_a_false_alarm_on_complete_gold_only() -> None:
    doc = {"id": "d", "outcomes": [{"defendant": "Ann Lee", "outcome_type": "sentenced"},
                                   {"defendant": "Bo Chan", "outcome_type": "charged",
                                    "optional": True}]}  # fmt: skip
    pred = {"d": [{"defendant": "Ann Lee", "outcome_type": "sentenced"},
                  {"defendant": "Cy Diaz", "outcome_type": "sentenced"},
                  {"defendant": "Bo Chan", "outcome_type": "sentenced"}]}  # fmt: skip
    shared = score([doc], pred)["outcomes"]
    assert (shared["fp"], shared["apart"]) == (0, 2)
    complete = score([{**doc, "split": "dev"}], pred)
    assert (complete["outcomes"]["fp"], complete["outcomes"]["apart"]) == (1, 1)
    assert complete["false_alarms"][0]["why"] == "not in the gold"


def test_the_very_same_name_is_paired_before_a_looser_form() -> None:
    gold = [{"id": "d", "outcomes": [{"defendant": "J. Smith", "outcome_type": "sentenced"},
                                     {"defendant": "John Smith", "outcome_type": "sentenced"}]}]  # fmt: skip
    pred = {"d": [{"defendant": "John Smith", "outcome_type": "sentenced", "fine_usd": 5},
                  {"defendant": "J. Smith", "outcome_type": "sentenced"}]}  # fmt: skip
    assert score(gold, pred)["outcomes"]["tp"] == 2


@pytest.mark.parametrize(
    ("gold_date", "predicted", "exact", "coarse"),
    [
        ("2024-10-17", "2024-10-17", 1.0, (0, 0, 0)),  # the gold day
        ("2024-10-17", "2024-10", 0.0, (1, 1, 0)),  # its month: no day, never an exact match
        ("2024-10-17", "2024", 0.0, (1, 1, 0)),
        ("2024-10-17", "2023-05", 0.0, (1, 0, 0)),
        (None, "2019", 1.0, (1, 0, 1)),  # no day in the gold, none predicted ("in 2019")
    ],
)
def test_month_or_year_date_is_no_day(
    gold_date: str | None, predicted: str, exact: float, coarse: tuple[int, int, int]
) -> None:
    gold = [{"id": "d1", "outcomes": [
        {"defendant": "Jane Roe", "outcome_type": "sentenced", "decision_date": gold_date},
    ]}]  # fmt: skip
    pred = {"d1": [{"defendant": "Jane Roe", "outcome_type": "sentenced",
                    "decision_date": predicted}]}  # fmt: skip
    r = score(gold, pred)
    assert r["outcomes"]["f1"] == 1.0  # the outcome itself is found whatever its date
    assert r["fields"]["decision_date"]["exact"] == exact
    c = r["coarse_dates"]
    assert (c["n"], c["holding_gold_day"], c["gold_undated"]) == coarse
    # a coarser date is not counted as a predicted day (precision is not lowered)
    day = predicted if len(predicted) == 10 else None
    assert r["fields"]["decision_date"]["precision"] == (1.0 if day else None)


def test_figures_per_outcome_type_count_hits_misses_and_false_alarms():
    gold = [{"id": "a", "split": "test", "outcomes": [
        {"defendant": "John Smith", "outcome_type": "sentenced"},
        {"defendant": "John Smith", "outcome_type": "charged"},
    ]}]  # fmt: skip
    pred = {"a": [
        {"defendant": "John Smith", "outcome_type": "sentenced"},
        {"defendant": "John Smith", "outcome_type": "convicted"},
    ]}  # fmt: skip
    types = score(gold, pred)["types"]
    assert types["sentenced"] == {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0,
                                  "f1": 1.0}  # fmt: skip
    assert types["charged"]["fn"] == 1 and types["charged"]["recall"] == 0.0
    assert types["charged"]["precision"] is None
    # a listed defendant with an unlisted type is a false alarm of that type
    assert types["convicted"]["fp"] == 1 and types["convicted"]["precision"] == 0.0
    assert "outcome type" in format_report("x", score(gold, pred))
