"""The rejects table names a JSONL record by its ``id`` as well as its line, so that a
user can find it in the feed that supplies it; reject IDs do not change for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casewire.ids import stable_id
from casewire.ingest import read_raw
from casewire.records import Reject
from casewire.tables import rejects_rows

ARTICLE = (
    "John Doe, 41, of Springfield, was sentenced today to ten years in prison for "
    "wire fraud, U.S. Attorney Jane Roe announced. "
)


def _rows(raw: Path) -> dict[str, dict]:
    rows = rejects_rows([u for u in read_raw(raw) if isinstance(u, Reject)])
    return {r["source"]: r for r in rows}


@pytest.mark.parametrize(
    ("record", "source", "reason"),
    [
        ({"id": "doj/123", "text": "short"}, "feed.jsonl:2 (id doj/123)", "empty"),
        ({"id": "doj/1", "text": ARTICLE}, "feed.jsonl:2 (id doj/1)", "duplicate_id"),
        ({"id": "doj/9"}, "feed.jsonl:2 (id doj/9)", "missing_field"),
        ({"text": ARTICLE}, "feed.jsonl:2", "missing_field"),  # no id to name
    ],
    ids=["empty", "duplicate-id", "no-text", "no-id"],
)
def test_a_jsonl_reject_names_its_record_id(
    tmp_path: Path, record: dict, source: str, reason: str
) -> None:
    lines = [{"id": "doj/1", "text": ARTICLE}, record]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    row = _rows(tmp_path)[source]
    assert row["reason"] == reason
    assert row["reject_id"] == stable_id("rej", "feed.jsonl:2")  # the ID stays the line's


def test_a_malformed_line_and_a_txt_file_are_named_by_location_only(tmp_path: Path) -> None:
    (tmp_path / "feed.jsonl").write_text('{"id": "doj/1", "text": \n')
    (tmp_path / "empty.txt").write_text("")
    assert set(_rows(tmp_path)) == {"feed.jsonl:1", "empty.txt"}
