"""Date phrases -> DateValue."""

from __future__ import annotations

import pytest

from casewire.extract.dates import DateValue, find_dates, parse_date_phrase

PUB = "2024-10-17"  # a Thursday


@pytest.mark.parametrize(
    ("phrase", "iso", "precision"),
    [
        ("October 17, 2024", "2024-10-17", "day"),
        ("Oct. 17, 2024", "2024-10-17", "day"),
        ("Sept. 3, 2019", "2019-09-03", "day"),
        ("17 October 2024", "2024-10-17", "day"),
        ("Monday, October 14, 2024", "2024-10-14", "day"),
        ("2024-02-21", "2024-02-21", "day"),
        ("10/17/2024", "2024-10-17", "day"),
        ("December 2019", "2019-12", "month"),
        ("in March of 2016", "2016-03", "month"),
        ("2019", "2019", "year"),
    ],
)
def test_absolute_phrases(phrase: str, iso: str, precision: str) -> None:
    assert parse_date_phrase(phrase, PUB) == DateValue(iso, precision)


@pytest.mark.parametrize(
    ("phrase", "iso", "precision"),
    [
        ("today", "2024-10-17", "day"),
        ("this morning", "2024-10-17", "day"),
        ("yesterday", "2024-10-16", "day"),
        ("on Tuesday", "2024-10-15", "day"),
        ("Thursday", "2024-10-17", "day"),
        ("on Friday", "2024-10-11", "day"),
        ("earlier this month", "2024-10", "month"),
        ("last month", "2024-09", "month"),
        ("last year", "2023", "year"),
    ],
)
def test_relative_phrases_resolve_against_published(phrase: str, iso: str, precision: str) -> None:
    assert parse_date_phrase(phrase, PUB) == DateValue(iso, precision)


@pytest.mark.parametrize(
    ("phrase", "published", "iso"),
    [
        ("Oct. 17", "2024-10-17", "2024-10-17"),
        ("15 February", "2024-10-17", "2024-02-15"),
        ("December 12", "2024-10-17", "2023-12-12"),  # latest not after publication
    ],
)
def test_day_month_takes_published_year(phrase: str, published: str, iso: str) -> None:
    assert parse_date_phrase(phrase, published) == DateValue(iso, "day")


@pytest.mark.parametrize("phrase", ["today", "on Tuesday", "Oct. 17", "last month"])
def test_relative_without_published_is_none(phrase: str) -> None:
    assert parse_date_phrase(phrase, None) is None


@pytest.mark.parametrize(
    "text",
    [
        "sentenced to 460 months in prison",
        "a fine of $2,019",
        "he may appeal",
        "2019 months",
        "no date",
    ],
)
def test_non_dates_are_ignored(text: str) -> None:
    assert find_dates(text, PUB) == []


def test_find_dates_returns_offsets_into_the_sentence() -> None:
    text = "He was convicted on Feb. 21, 2023 and sentenced today."
    found = find_dates(text, PUB)
    assert [(text[s:e], v.iso) for s, e, v in found] == [
        ("Feb. 21, 2023", "2023-02-21"),
        ("today", "2024-10-17"),
    ]


def test_invalid_day_is_none() -> None:
    assert parse_date_phrase("February 30, 2024", PUB) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("was sentenced last March to", "2024-03"),  # published 2024-10-17
        ("pleaded guilty in March and", "2024-03"),
        ("convicted this past November", "2023-11"),
        ("pleaded guilty in October", "2024-10"),
        ("was sentenced last October", "2023-10"),
    ],
)
def test_month_without_year(text: str, iso: str) -> None:
    (found,) = find_dates(text, "2024-10-17")
    assert (found[2].iso, found[2].precision) == (iso, "month")
    assert text[found[0] : found[1]].istitle()  # the month itself, not "in" or "last"


def test_month_without_year_needs_a_published_date() -> None:
    assert find_dates("pleaded guilty in March", None) == []


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        # the space after an abbreviation's period lost in scraping
        ("On Aug.26, 2009, he was convicted", "2009-08-26"),
        ("sentenced on Nov.6, 2009, to prison", "2009-11-06"),
        ("pleaded guilty on Sept.1", "2024-09-01"),
    ],
)
def test_abbreviated_month_without_space(phrase: str, iso: str) -> None:
    assert parse_date_phrase(phrase, PUB) == DateValue(iso, "day")


def test_a_glued_month_needs_its_period() -> None:
    assert find_dates("Augustine26 and Mar12", PUB) == []


@pytest.mark.parametrize("phrase", ["todays sentencing", "Todays plea", "today's verdict"])
def test_today_without_its_apostrophe(phrase: str) -> None:
    assert parse_date_phrase(phrase, PUB) == DateValue(PUB, "day")
