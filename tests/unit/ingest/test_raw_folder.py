"""Every entry under raw/ is an input unit, and nothing outside raw/ is ever read."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from casewire.ingest import read_raw, scan_sources
from casewire.records import Document, Reject

ARTICLE = (
    "John Doe, 41, of Springfield, was sentenced today to ten years in prison for "
    "wire fraud, U.S. Attorney Jane Roe announced. "
)
SECRET = "Outside Secret was sentenced today to five years in prison for tax evasion. " * 2


def _units(raw: Path) -> dict[str, Document | Reject]:
    return {(u.source_path if isinstance(u, Document) else u.source): u for u in read_raw(raw)}


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside raw/ holding an article raw/ must never read."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET)
    return folder


@pytest.mark.parametrize("name", ["UPPER.TXT", "Mixed.Txt"])
def test_upper_case_txt_suffix_is_read_as_txt(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(ARTICLE)
    (doc,) = read_raw(tmp_path)
    assert isinstance(doc, Document)
    assert doc.source_id == name[: -len(".txt")]


def test_upper_case_jsonl_suffix_is_read_as_jsonl(tmp_path: Path) -> None:
    (tmp_path / "FEED.JSONL").write_text(json.dumps({"id": "f/1", "text": ARTICLE}) + "\n")
    (doc,) = read_raw(tmp_path)
    assert isinstance(doc, Document) and doc.source_path == "FEED.JSONL:1"


@pytest.mark.parametrize("name", ["page.json", "articles.json", "notes.md", ".DS_Store", "txt"])
def test_unknown_suffix_is_an_unsupported_format_reject(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(json.dumps({"id": "p", "text": ARTICLE}))
    (unit,) = read_raw(tmp_path)
    assert isinstance(unit, Reject) and unit.reason == "unsupported_format"
    assert unit.source == name
    assert ".txt, .jsonl, .jsonl.gz" in unit.message  # says which suffixes are read


def test_unsupported_file_is_in_the_scan(tmp_path: Path) -> None:
    (tmp_path / "page.json").write_text("{}")
    assert [s.path for s in scan_sources(tmp_path)] == ["page.json"]


def test_symlinked_file_outside_raw_is_rejected_unread(tmp_path: Path, outside: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "link.txt").symlink_to(outside / "secret.txt")
    (unit,) = read_raw(raw)
    assert isinstance(unit, Reject) and unit.reason == "outside_raw"
    assert "Outside Secret" not in unit.message


def test_symlinked_folder_outside_raw_is_one_reject_and_its_files_unread(
    tmp_path: Path, outside: Path
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "elsewhere").symlink_to(outside, target_is_directory=True)
    (raw / "a.txt").write_text(ARTICLE)
    units = _units(raw)
    assert set(units) == {"a.txt", "elsewhere"}
    assert units["elsewhere"].reason == "outside_raw"
    assert not any("Outside Secret" in u.text for u in units.values() if isinstance(u, Document))


def test_relative_symlink_escaping_raw_is_rejected(tmp_path: Path, outside: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "sub" / "up.txt").symlink_to(Path("..") / ".." / "outside" / "secret.txt")
    (unit,) = read_raw(raw)
    assert unit.reason == "outside_raw" and unit.source == "sub/up.txt"


def test_symlinked_file_inside_raw_is_read_as_a_copy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").symlink_to("a.txt")
    units = _units(tmp_path)
    assert isinstance(units["a.txt"], Document)
    assert units["b.txt"].reason == "duplicate_of"
    assert units["b.txt"].duplicate_of == units["a.txt"].doc_id


def test_symlinked_folder_inside_raw_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(ARTICLE)
    (tmp_path / "alias").symlink_to("real", target_is_directory=True)
    (tmp_path / "real" / "loop").symlink_to("..", target_is_directory=True)
    units = _units(tmp_path)
    assert set(units) == {"alias", "real/a.txt", "real/loop"}
    assert units["alias"].reason == units["real/loop"].reason == "linked_folder"


def test_scan_never_reads_through_a_symlink_out_of_raw(tmp_path: Path, outside: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "link.txt").symlink_to(outside / "secret.txt")
    (raw / "dir").symlink_to(outside, target_is_directory=True)
    scanned = scan_sources(raw)
    assert [(s.path, s.bytes) for s in scanned] == [("dir", 0), ("link.txt", 0)]
    secret_sha = hashlib.sha256(SECRET.encode()).hexdigest()
    assert secret_sha not in {s.sha256 for s in scanned}


def test_fifo_is_rejected_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (unit,) = read_raw(tmp_path)
    assert unit.reason == "unsupported_format" and "not a regular file" in unit.message
