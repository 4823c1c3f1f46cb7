"""Find input units under raw/: one article per .txt, one per line of .jsonl(.gz)."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from casewire.ingest.decode import DecodeError, decode_bytes
from casewire.records import Reject

MAX_BYTES = 5_000_000  # one article; larger files are logs or dumps, not news
SUFFIXES = (".txt", ".jsonl", ".jsonl.gz")
REQUIRED_FIELDS = ("id", "text")


@dataclass(frozen=True)
class RawRecord:
    """One input article before cleaning."""

    source: str  # path relative to raw/, with ":<line>" for JSONL lines
    source_id: str
    title: str | None
    date: str | None
    url: str | None
    text: str


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to raw/
    sha256: str
    bytes: int


def list_sources(raw_dir: Path) -> list[Path]:
    """Input files under ``raw_dir``, sorted so runs are reproducible."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist; pass --raw DIR")
    files = (p for p in raw_dir.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))
    return sorted(files, key=lambda p: p.relative_to(raw_dir).as_posix())


def describe_source(path: Path, raw_dir: Path) -> SourceFile:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return SourceFile(path.relative_to(raw_dir).as_posix(), digest.hexdigest(), path.stat().st_size)


def read_source(path: Path, raw_dir: Path) -> Iterator[RawRecord | Reject]:
    """Input units of one file: records, or rejects saying why not."""
    rel = path.relative_to(raw_dir).as_posix()
    if path.name.endswith(".txt"):
        yield _read_txt(path, rel)
    else:
        yield from _read_jsonl(path, rel)


def _read_txt(path: Path, rel: str) -> RawRecord | Reject:
    size = path.stat().st_size
    if size == 0:
        return Reject(rel, "empty", "the file is empty")
    if size > MAX_BYTES:
        return Reject(rel, "too_large", f"{size:,} bytes; one article is at most {MAX_BYTES:,}")
    try:
        text, _ = decode_bytes(path.read_bytes())
    except DecodeError as exc:
        return Reject(rel, exc.reason, str(exc))
    source_id = rel[: -len(".txt")]
    return RawRecord(rel, source_id, None, None, None, text)


def _open_lines(path: Path) -> Iterator[bytes]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:
        yield from fh


def _read_jsonl(path: Path, rel: str) -> Iterator[RawRecord | Reject]:
    try:
        for lineno, line in enumerate(_open_lines(path), start=1):
            if line.strip():
                yield parse_json_line(line, f"{rel}:{lineno}")
    except (OSError, EOFError) as exc:  # truncated gzip, unreadable file
        yield Reject(rel, "undecodable", f"could not read the rest of the file: {exc}")


def parse_json_line(line: bytes, source: str) -> RawRecord | Reject:
    """One JSONL line -> record, or a reject naming what is wrong."""
    if len(line) > MAX_BYTES:
        return Reject(source, "too_large", f"{len(line):,} bytes on one line")
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Reject(source, "malformed_json", f"not valid JSON: {exc}")
    if not isinstance(obj, dict):
        return Reject(source, "malformed_json", f"a JSON {type(obj).__name__}, not an object")
    return record_from_dict(obj, source)


def record_from_dict(obj: dict, source: str) -> RawRecord | Reject:
    """A corpus-style dict (``id``, ``text``, optional ``title``/``date``/``url``)."""
    missing = [f for f in REQUIRED_FIELDS if not isinstance(obj.get(f), str) or not obj[f]]
    if missing:
        return Reject(source, "missing_field", f"no usable {', '.join(missing)} field")

    def opt(key: str) -> str | None:
        value = obj.get(key)
        return value if isinstance(value, str) and value.strip() else None

    return RawRecord(source, obj["id"], opt("title"), opt("date"), opt("url"), obj["text"])
