"""Charge phrases and categories."""

from __future__ import annotations

import pytest

from casewire.extract.charges import CATEGORIES, categorize, find_charges


@pytest.mark.parametrize(
    ("phrase", "category"),
    [
        ("conspiracy to distribute cocaine", "drug trafficking"),
        ("murder conspiracy", "homicide"),
        ("second-degree grand larceny", "fraud/theft"),
        ("receiving child pornography", "child exploitation"),
        ("tax evasion", "tax"),
        ("bribery", "bribery/corruption"),
        ("second-degree assault", "assault/violent"),
        ("felon in possession of a weapon", "firearms"),
    ],
)
def test_category(phrase: str, category: str) -> None:
    assert categorize(phrase) == category and category in CATEGORIES


@pytest.mark.parametrize(
    ("sentence", "charges"),
    [
        ("They are charged with second-degree grand larceny, first-degree scheme to defraud and fourth-degree conspiracy.",
         ["second-degree grand larceny", "first-degree scheme to defraud", "fourth-degree conspiracy"]),
        ("following his conviction in Brooklyn on drug trafficking and murder conspiracy charges.",
         ["drug trafficking", "murder conspiracy"]),
        ("A jury convicted Garcia Luna on five counts , including conspiracy to distribute cocaine.",
         ["conspiracy to distribute cocaine"]),
    ],
)  # fmt: skip
def test_charge_phrases(sentence: str, charges: list[str]) -> None:
    assert [c.text for c in find_charges(sentence)] == charges


def test_statute_is_read() -> None:
    (c,) = find_charges("He pleaded guilty to receiving child pornography, 18 U.S.C. § 2252.")
    assert c.statute == "18 U.S.C. § 2252"
