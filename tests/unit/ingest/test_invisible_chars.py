"""Invisible characters go in cleaning, so names stay whole and offsets stay true."""

from __future__ import annotations

import json
from pathlib import Path

from casewire.ingest import read_raw
from casewire.pipeline import run_pipeline
from casewire.records import Document

TEXT = (
    "BROOKLYN, N.Y. - Genaro Garc\u200dia Luna, the former Secretary of Public Security "
    "of Mexico, was sentenced today to 460 months in prison.\u200b Garcia\u2060 Luna was "
    "convicted by a jury in \u202eFebruary\u202c 2023.\x00 U.S. District Judge Brian M. "
    "Cogan imposed the sentence on Garcia Luna.\ufeff"
)


INVISIBLE = "\u200d\u200b\u2060\u202e\u202c\x00\ufeff"


def _tables(folder: Path, nlp, text: str = TEXT) -> dict:
    # In JSON, so the NUL survives decoding (a NUL in a .txt file means binary).
    folder.mkdir(exist_ok=True)
    (folder / "f.jsonl").write_text(json.dumps({"id": "gl", "text": text}) + "\n")
    docs = [d for d in read_raw(folder) if isinstance(d, Document)]
    assert len(docs) == 1
    return run_pipeline(docs, nlp)


def test_name_with_a_zero_width_joiner_is_one_entity(tmp_path: Path, nlp) -> None:
    people = _tables(tmp_path, nlp)["entities"].query("entity_type == 'person'")
    luna = people[people.canonical_name.str.contains("Luna")]
    # the full name as first written (the model alone starts it at "Garcia")
    assert list(zip(luna.canonical_name, luna.n_mentions, strict=True)) == [
        ("Genaro Garcia Luna", 3)
    ]


def test_tables_equal_those_of_the_text_without_invisible_characters(tmp_path: Path, nlp) -> None:
    plain = TEXT.translate(dict.fromkeys(map(ord, INVISIBLE)))
    with_chars, without = _tables(tmp_path / "a", nlp), _tables(tmp_path / "b", nlp, plain)
    for name in ("documents", "mentions", "entities", "legal_outcomes"):
        assert with_chars[name].equals(without[name]), name


def test_offsets_hold_on_the_cleaned_text(tmp_path: Path, nlp) -> None:
    frames = _tables(tmp_path, nlp)
    text = frames["documents"].text.iloc[0]
    assert not any(c in text for c in INVISIBLE)
    mentions = frames["mentions"]
    assert len(mentions) > 0
    for row in mentions.itertuples():
        assert text[row.start_char : row.end_char] == row.evidence
        assert text[row.mention_start : row.mention_end] == row.text
    for row in frames["legal_outcomes"].itertuples():
        assert text[row.start_char : row.end_char] == row.evidence
