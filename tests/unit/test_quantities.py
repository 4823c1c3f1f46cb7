"""Custody terms in months and money in dollars."""

from __future__ import annotations

import pytest

from casewire.extract.quantities import find_terms, parse_money


@pytest.mark.parametrize(
    ("text", "lo", "hi", "life"),
    [
        ("460 months in prison", 460, 460, False),
        ("38 years and four months", 460, 460, False),
        ("a year and a day", 13, 13, False),
        ("90 days", 3, 3, False),
        ("7 ½ to 15 years", 90, 180, False),
        ("two-and-a-half to five years in prison", 30, 60, False),
        ("thirty-eight years", 456, 456, False),
        ("25 years to life", 300, None, True),
        ("life in prison", None, None, True),
    ],
)
def test_first_term_in_months(text: str, lo: int | None, hi: int | None, life: bool) -> None:
    t = find_terms(text)[0]
    assert (t.min_months, t.max_months, t.life) == (lo, hi, life)


@pytest.mark.parametrize(
    ("text", "usd"),
    [
        ("$2 million", 2_000_000),
        ("$745.9m", 745_900_000),
        ("$1,234,567.89", 1_234_567.89),
        ("$75,000 fine", 75_000),
    ],
)
def test_money_in_dollars(text: str, usd: float) -> None:
    assert parse_money(text) == pytest.approx(usd)
