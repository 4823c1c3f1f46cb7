from __future__ import annotations

from casewire.resolve.cases import assign_cases, case_key


def test_outcome_without_court_joins_the_defendants_single_case() -> None:
    ids = assign_cases(
        [
            ("ent-a", "Brooklyn federal court"),
            ("ent-a", None),
            ("ent-a", "federal US District Court in Brooklyn, New York"),
        ]
    )
    assert len(set(ids)) == 1


def test_outcome_without_court_stays_apart_when_the_defendant_has_two_courts() -> None:
    ids = assign_cases(
        [
            ("ent-a", "Brooklyn federal court"),
            ("ent-a", "Orange County Superior Court"),
            ("ent-a", None),
        ]
    )
    assert ids[2] == case_key("ent-a", None) and len(set(ids)) == 3


def test_other_defendants_do_not_share_a_case() -> None:
    ids = assign_cases([("ent-a", "Brooklyn federal court"), ("ent-b", None)])
    assert ids[1] == case_key("ent-b", None) != ids[0]
