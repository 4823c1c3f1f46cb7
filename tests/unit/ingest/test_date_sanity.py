"""No impossible or implausible date is ever published, whether read or extracted."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from casewire.extract.dates import find_dates, parse_date_phrase
from casewire.ingest import read_raw
from casewire.pipeline import run_pipeline
from casewire.records import Document
from casewire.textnorm import plausible_day

PLACEHOLDER_ARTICLE = (
    "date 9999-12-31\n"
    "BROOKLYN, N.Y. - John Doe, 55, was sentenced today to ten years in prison for wire "
    "fraud. The jury convicted him on 2023-02-30 and on 9999-12-31 after a trial that "
    "began on Monday. U.S. District Judge Jane Roe imposed the sentence.\n"
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-02-28", "2023-02-28"),
        ("2024-02-29", "2024-02-29"),
        ("2023-02-29", None),
        ("2023-02-30", None),
        ("2023-13-01", None),
        ("9999-12-31", None),
        ("1899-12-31", None),
        ("2101-01-01", None),
        ("2023-2-3", None),
        ("", None),
    ],
)
def test_plausible_day(value: str, expected: str | None) -> None:
    assert plausible_day(value) == expected


@pytest.mark.parametrize("text", ["on 9999-12-31", "on 2023-02-30", "on February 30, 2023"])
def test_impossible_dates_in_text_are_not_dates(text: str) -> None:
    assert find_dates(text, "2023-03-01") == []


@pytest.mark.parametrize("published", ["9999-12-31", "2023-02-30", "0001-01-01"])
def test_relative_dates_need_a_plausible_publication_day(published: str) -> None:
    assert parse_date_phrase("today", published) is None
    assert parse_date_phrase("on Monday", published) is None


def test_placeholder_dates_never_reach_the_tables(tmp_path: Path, nlp) -> None:
    """A '9999-12-31' header and body dates give no date after 2100 in any table
    (before: events in 9999, birth year 9944)."""
    (tmp_path / "a.txt").write_text(PLACEHOLDER_ARTICLE)
    docs = [d for d in read_raw(tmp_path) if isinstance(d, Document)]
    frames = run_pipeline(docs, nlp)
    assert len(frames["legal_outcomes"]) >= 1 and len(frames["entity_ages"]) >= 1
    for name, frame in frames.items():
        for column in frame.columns:
            if "date" in column or column in ("as_of", "valid_from", "valid_to"):
                values = frame[column].dropna().astype(str)
                assert not values.str.match(r"(?:9\d{3}|2[2-9]\d\d)").any(), (name, column)
                assert not values.str.contains("-02-3").any(), (name, column)
    ages = frames["entity_ages"]
    assert ages.birth_year_min.dropna().le(2100).all() and pd.isna(ages.as_of).all()
