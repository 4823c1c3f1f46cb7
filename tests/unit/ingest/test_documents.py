"""Records -> documents: ids unique, lengths spaCy can parse, dates that are real days."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from casewire.ingest import documents_from_records, read_raw
from casewire.ingest.clean import clean_page
from casewire.ingest.documents import MAX_CHARS
from casewire.records import Document, Reject

ARTICLE = (
    "John Doe, 41, of Springfield, was sentenced today to ten years in prison for "
    "wire fraud, U.S. Attorney Jane Roe announced. "
)
OTHER = "Mary Major was convicted today of bank robbery by a federal jury in Boston. "


def _units(raw: Path) -> dict[str, Document | Reject]:
    return {(u.source_path if isinstance(u, Document) else u.source): u for u in read_raw(raw)}


def _jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_text_over_spacy_max_length_is_too_long(tmp_path: Path) -> None:
    sentence = "The court heard the case of a man charged with fraud in the city. "
    (tmp_path / "report.txt").write_text(sentence * (MAX_CHARS // len(sentence) + 10))
    (unit,) = read_raw(tmp_path)
    assert isinstance(unit, Reject) and unit.reason == "too_long"
    assert "1,000,000" in unit.message


def test_same_id_on_two_jsonl_lines_keeps_the_first(tmp_path: Path) -> None:
    _jsonl(tmp_path / "feed.jsonl", [{"id": "x", "text": ARTICLE}, {"id": "x", "text": OTHER}])
    units = _units(tmp_path)
    assert isinstance(units["feed.jsonl:1"], Document)
    second = units["feed.jsonl:2"]
    assert second.reason == "duplicate_id" and "feed.jsonl:1" in second.message


def test_txt_path_equal_to_a_jsonl_id_keeps_the_first_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.txt").write_text(ARTICLE)
    _jsonl(tmp_path / "z.jsonl", [{"id": "a/b", "text": OTHER}])
    units = _units(tmp_path)
    assert units["a/b.txt"].source_id == "a/b"
    assert units["z.jsonl:1"].reason == "duplicate_id"


def test_id_of_a_rejected_record_is_free_for_the_next(tmp_path: Path) -> None:
    _jsonl(tmp_path / "feed.jsonl", [{"id": "x", "text": "too short"}, {"id": "x", "text": OTHER}])
    units = _units(tmp_path)
    assert units["feed.jsonl:1"].reason == "empty"
    assert isinstance(units["feed.jsonl:2"], Document)


def test_duplicate_id_holding_a_copy_leaves_no_dangling_duplicate_of(tmp_path: Path) -> None:
    rows = [{"id": "x", "text": ARTICLE}, {"id": "x", "text": OTHER}, {"id": "y", "text": OTHER}]
    _jsonl(tmp_path / "feed.jsonl", rows)
    units = _units(tmp_path)
    assert units["feed.jsonl:2"].reason == "duplicate_id"
    assert isinstance(units["feed.jsonl:3"], Document)  # not a duplicate_of an unkept text


def test_corpus_records_with_the_same_id_keep_the_first() -> None:
    docs, rejects = documents_from_records(
        [{"id": "x", "text": ARTICLE}, {"id": "x", "text": OTHER}], "corpus"
    )
    assert [d.source_id for d in docs] == ["x"]
    assert [(r.source, r.reason) for r in rejects] == [("corpus:2", "duplicate_id")]


@pytest.mark.parametrize("bad", ["2023-02-30", "2023-13-01", "9999-12-31", "1850-01-01"])
def test_impossible_record_date_is_dropped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, bad: str
) -> None:
    _jsonl(tmp_path / "f.jsonl", [{"id": "r", "date": bad, "text": ARTICLE}])
    with caplog.at_level(logging.WARNING, logger="casewire.ingest"):
        (doc,) = read_raw(tmp_path)
    assert doc.published_date is None
    assert f"f.jsonl:1: record date '{bad}' dropped" in caplog.text


def test_impossible_record_date_gives_way_to_the_text_date(tmp_path: Path) -> None:
    text = "FOR IMMEDIATE RELEASE\nMarch 3, 2021\n" + ARTICLE
    _jsonl(tmp_path / "f.jsonl", [{"id": "r", "date": "2021-02-30", "text": text}])
    (doc,) = read_raw(tmp_path)
    assert (doc.published_date, doc.date_source) == ("2021-03-03", "text")


@pytest.mark.parametrize("bad", ["9999-12-31", "2023-02-30", "2023-00-10"])
def test_impossible_header_date_is_dropped(tmp_path: Path, bad: str) -> None:
    (tmp_path / "a.txt").write_text(f"date {bad}\n{ARTICLE}")
    (doc,) = read_raw(tmp_path)
    assert doc.published_date is None and doc.text.startswith("John Doe")


def test_impossible_release_line_date_is_not_read() -> None:
    assert clean_page(f"FOR IMMEDIATE RELEASE\nFebruary 30, 2023\n{ARTICLE}").text_date is None


@pytest.mark.parametrize(
    "char",
    ["\x00", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202e", "\u2066",
     "\u2069", "\u200e", "\u200f"],
)  # fmt: skip
def test_invisible_characters_are_removed(char: str) -> None:
    assert clean_page(f"John Do{char}e was sentenced{char} today.").text == (
        "John Doe was sentenced today."
    )
