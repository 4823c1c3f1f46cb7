"""Size limits hold on decompressed bytes as they are read, with memory bounded."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

from casewire.ingest import read_raw
from casewire.ingest.sources import MAX_BYTES, bounded_lines
from casewire.records import Document, Reject

ARTICLE = (
    "John Doe, 41, of Springfield, was sentenced today to ten years in prison for "
    "wire fraud, U.S. Attorney Jane Roe announced. "
)


def _feed(path: Path, long_line_bytes: int) -> None:
    """A .jsonl.gz: an article, a line of ``long_line_bytes``, another article."""
    with gzip.open(path, "wb", compresslevel=1) as fh:
        fh.write(json.dumps({"id": "a", "text": ARTICLE}).encode() + b"\n")
        fh.write(b'{"id": "big", "text": "')
        block = b"x" * (1 << 20)
        left = long_line_bytes - len(b'{"id": "big", "text": "') - 2
        while left > 0:
            fh.write(block[: min(left, len(block))])
            left -= len(block)
        fh.write(b'"}\n')
        fh.write(json.dumps({"id": "b", "text": ARTICLE + "Another."}).encode() + b"\n")


def test_line_over_the_limit_is_too_large_and_the_next_lines_are_read(tmp_path: Path) -> None:
    _feed(tmp_path / "feed.jsonl.gz", 5_000)
    units = list(read_raw(tmp_path, max_bytes=1_000))
    assert [type(u).__name__ for u in units] == ["Document", "Reject", "Document"]
    assert units[1].source == "feed.jsonl.gz:2" and units[1].reason == "too_large"
    assert "5,000 bytes" in units[1].message and "1,000" in units[1].message


def test_bounded_lines_never_returns_more_than_the_limit() -> None:
    data = b"short\n" + b"y" * 10_000 + b"\nlast"
    lines = list(bounded_lines(io.BytesIO(data), 100))
    assert lines == [b"short\n", 10_000, b"last"]


def test_line_at_the_limit_is_kept() -> None:
    assert list(bounded_lines(io.BytesIO(b"z" * 100 + b"\n"), 100)) == [b"z" * 100 + b"\n"]


def test_long_gzip_line_is_never_held_in_memory(tmp_path: Path) -> None:
    """64 MiB of one line decompress into a peak far below the line's size."""
    _feed(tmp_path / "feed.jsonl.gz", 64 << 20)
    tracemalloc.start()
    try:
        units = list(read_raw(tmp_path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [u.reason for u in units if isinstance(u, Reject)] == ["too_large"]
    assert sum(isinstance(u, Document) for u in units) == 2
    assert peak < 4 * MAX_BYTES  # about one MAX_BYTES read plus decoding buffers
