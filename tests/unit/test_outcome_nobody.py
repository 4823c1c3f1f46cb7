"""Defendants that are nobody: residences, qualifiers, victims' stores, tasked bodies,
indefinite subjects, alias lists, plea-only convictions (sentences paraphrased from the corpus)."""

from __future__ import annotations

import pytest

from tests.unit.test_outcomes import _run


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Maria Lopez Garcia, 27, Laguna Hills, was found guilty by a jury of one felony count "
            "of murder.",
            "Laguna Hills",
            "Maria Lopez Garcia",
        ),
        (
            "Two current and three former U.S. Navy sailors were sentenced today in federal court "
            "for their roles in a bribery scheme.",
            "U.S. Navy",
            None,
        ),
        (
            "A new interagency task force charged with conducting a review of detention policy "
            "was announced today by the Attorney General.",
            None,
            None,
        ),
        (
            "Prosecutors must seek justice even after someone is convicted, the District Attorney said.",
            None,
            None,
        ),
    ],
)
def test_not_defendants(nlp, text: str, absent: str | None, present: str | None) -> None:
    got = {o.defendant for o in _run(nlp, text)}
    if absent:
        assert absent not in got
    if present:
        assert present in got
    if absent is None and present is None:
        assert got == set()


def test_alias_list_merges_into_owner(nlp) -> None:
    text = (
        "Juan Carlos Mendez Rios, a leader of the cartel, was sentenced today to 30 years in prison. "
        "Mendez Rios, 44, aka Chino and Toro, was sentenced by U.S. District Judge Mary Smith."
    )
    got = {o.defendant for o in _run(nlp, text)}
    assert "Toro" not in got and "Chino" not in got


def test_plea_is_not_also_a_conviction(nlp) -> None:
    text = (
        "Robert James Hale, 43, pleaded guilty on May 6 to robbery. "
        "Hale is the fifth defendant convicted in connection with the robbery."
    )
    types = {o.outcome_type for o in _run(nlp, text) if o.defendant == "Robert James Hale"}
    assert types == {"pleaded_guilty"}


def test_those_who_are_charged_is_nobody(nlp) -> None:
    text = (
        "Omar Hassan, 20, of Eagan, pleaded guilty today to conspiracy. "
        "The best way to stop recruiting is for those who have been charged to take "
        "responsibility for their crimes, the U.S. Attorney said."
    )
    got = {(o.defendant, o.outcome_type) for o in _run(nlp, text)}
    assert ("Omar Hassan", "pleaded_guilty") in got
    assert ("Omar Hassan", "charged") not in got
