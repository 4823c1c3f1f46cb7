"""raw files -> Document records (formats, cleaning, dedup) and Reject records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from casewire.ingest.documents import documents_from_records, iter_documents
from casewire.ingest.sources import (
    MAX_BYTES,
    SourceFile,
    describe_source,
    list_sources,
    read_source,
)
from casewire.records import REJECT_REASONS, Document, Reject

__all__ = ["REJECT_REASONS", "SourceFile", "documents_from_records", "read_raw", "scan_sources"]


def scan_sources(raw_dir: Path) -> list[SourceFile]:
    """Every input file with its sha256 and size (recorded in the release)."""
    return [describe_source(p, raw_dir) for p in list_sources(raw_dir)]


def read_raw(raw_dir: Path, max_bytes: int = MAX_BYTES) -> Iterator[Document | Reject]:
    """Stream every input unit under ``raw_dir`` as a Document or a Reject.

    ``max_bytes`` caps one article (a .txt file or a decompressed JSONL line).
    """

    def units():
        for path in list_sources(raw_dir):
            yield from read_source(path, raw_dir, max_bytes)

    return iter_documents(units())
