"""Find input units under raw/: one article per .txt, one per line of .jsonl(.gz).

Every file under raw/ is an input unit: one in a format casewire does not read
is a reject (``unsupported_format``), never skipped. Nothing outside raw/ is read:
raw/ is walked without following symlinks, and a symlink whose target resolves
outside raw/ is a reject (``outside_raw``). A symlink to a file inside raw/ is read
like the file (its text is then usually a ``duplicate_of`` the file itself); a
symlink to a folder inside raw/ is not followed (``linked_folder``): its files
are read at their own paths. Sizes are checked on the bytes as they are read
(decompressed, for ``.gz``), so memory stays bounded whatever a file holds.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from casewire.ingest.decode import DecodeError, decode_bytes
from casewire.records import Reject

MAX_BYTES = 5_000_000  # one article; larger files are logs or dumps, not news
#: Suffixes read, matched case-insensitively (``UPPER.TXT`` is a .txt file).
SUFFIXES = (".jsonl.gz", ".jsonl", ".txt")
REQUIRED_FIELDS = ("id", "text")
_SKIP_CHUNK = 1 << 20  # an over-long line is read past in pieces of this size


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


def source_format(name: str) -> str | None:
    """The suffix of SUFFIXES that ``name`` ends with, in any case; None if none."""
    lower = name.lower()
    return next((s for s in SUFFIXES if lower.endswith(s) and len(lower) > len(s)), None)


def list_sources(raw_dir: Path) -> list[Path]:
    """Every file and symlink under ``raw_dir``, sorted so runs are reproducible.

    Symlinks are listed, never followed: a linked folder is one entry, not its files.
    """
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist; pass --raw DIR")
    found: list[Path] = []
    for folder, dirs, files in os.walk(raw_dir, followlinks=False):
        here = Path(folder)
        found.extend(here / d for d in dirs if (here / d).is_symlink())
        found.extend(here / f for f in files)
    return sorted(found, key=lambda p: p.relative_to(raw_dir).as_posix())


def _inside(path: Path, raw_dir: Path) -> bool:
    return path.resolve().is_relative_to(raw_dir.resolve())


def describe_source(path: Path, raw_dir: Path) -> SourceFile:
    """Path, sha256 and size of one entry; a symlink out of raw/, a linked folder or
    anything not a regular file is described by what it is, never read."""
    rel = path.relative_to(raw_dir).as_posix()
    if path.is_symlink() and (not _inside(path, raw_dir) or path.is_dir()):
        what = f"symlink -> {os.readlink(path)}".encode()
        return SourceFile(rel, hashlib.sha256(what).hexdigest(), 0)
    if not path.exists() or not stat.S_ISREG(path.stat().st_mode):
        return SourceFile(rel, hashlib.sha256(b"not a regular file").hexdigest(), 0)
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return SourceFile(rel, digest.hexdigest(), path.stat().st_size)


def _entry_reject(path: Path, raw_dir: Path, rel: str) -> Reject | None:
    """Why this entry is not read at all (a link out of raw/, a linked folder, not a
    file, an unread format), or None when it is read."""
    if path.is_symlink():
        target = path.resolve()
        if not _inside(path, raw_dir):
            return Reject(
                rel, "outside_raw", f"symlink to {target}, outside the raw folder; not read"
            )
        if path.is_dir():
            inner = target.relative_to(raw_dir.resolve()).as_posix() or "."
            return Reject(
                rel,
                "linked_folder",
                f"symlink to the folder {inner!r} inside raw/; not followed "
                "(its files are read at their own paths)",
            )
        if not path.exists():
            return Reject(rel, "empty", f"broken symlink: {target} does not exist")
    if not stat.S_ISREG(path.stat().st_mode):
        return Reject(rel, "unsupported_format", "not a regular file (a pipe, socket or device)")
    if source_format(path.name) is None:
        return Reject(
            rel,
            "unsupported_format",
            f"{Path(rel).name!r} is not read: casewire reads {', '.join(reversed(SUFFIXES))} "
            "files (suffix in any case); convert it or move it out of raw/",
        )
    return None


def read_source(
    path: Path, raw_dir: Path, max_bytes: int = MAX_BYTES
) -> Iterator[RawRecord | Reject]:
    """Input units of one entry: records, or rejects saying why not.

    ``max_bytes`` caps one article: a .txt file, or one decompressed JSONL line.
    """
    rel = path.relative_to(raw_dir).as_posix()
    if (reject := _entry_reject(path, raw_dir, rel)) is not None:
        yield reject
    elif source_format(path.name) == ".txt":
        yield _read_txt(path, rel, max_bytes)
    else:
        yield from _read_jsonl(path, rel, max_bytes)


def _read_txt(path: Path, rel: str, max_bytes: int) -> RawRecord | Reject:
    size = path.stat().st_size
    if size == 0:
        return Reject(rel, "empty", "the file is empty")
    if size > max_bytes:
        return Reject(rel, "too_large", f"{size:,} bytes; one article is at most {max_bytes:,}")
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)  # the file may have grown since stat()
    if len(data) > max_bytes:
        return Reject(rel, "too_large", f"over {max_bytes:,} bytes; one article is at most that")
    try:
        text, _ = decode_bytes(data)
    except DecodeError as exc:
        return Reject(rel, exc.reason, str(exc))
    source_id = rel[: -len(".txt")]
    return RawRecord(rel, source_id, None, None, None, text)


def bounded_lines(fh: BinaryIO, max_bytes: int) -> Iterator[bytes | int]:
    """The lines of ``fh``; a line over ``max_bytes`` (newline excluded) comes as its
    length instead, read past in pieces and never held whole in memory."""
    while line := fh.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        n = len(line)
        while line and not line.endswith(b"\n"):
            line = fh.readline(_SKIP_CHUNK)
            n += len(line)
        yield n - 1 if line.endswith(b"\n") else n


def _read_jsonl(path: Path, rel: str, max_bytes: int) -> Iterator[RawRecord | Reject]:
    opener = gzip.open if source_format(path.name) == ".jsonl.gz" else open
    try:
        with opener(path, "rb") as fh:
            for lineno, line in enumerate(bounded_lines(fh, max_bytes), start=1):
                source = f"{rel}:{lineno}"
                if isinstance(line, int):
                    yield Reject(
                        source,
                        "too_large",
                        f"{line:,} bytes on one line (decompressed); "
                        f"one article is at most {max_bytes:,}",
                    )
                elif line.strip():
                    yield parse_json_line(line, source, max_bytes)
    except (OSError, EOFError) as exc:  # truncated gzip, unreadable file
        yield Reject(rel, "undecodable", f"could not read the rest of the file: {exc}")


def parse_json_line(line: bytes, source: str, max_bytes: int = MAX_BYTES) -> RawRecord | Reject:
    """One JSONL line -> record, or a reject naming what is wrong."""
    if len(line.rstrip(b"\r\n")) > max_bytes:
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
        record_id = obj["id"] if "id" not in missing else None
        return Reject(
            source,
            "missing_field",
            f"no usable {', '.join(missing)} field",
            record_id=record_id,
        )

    def opt(key: str) -> str | None:
        value = obj.get(key)
        return value if isinstance(value, str) and value.strip() else None

    return RawRecord(source, obj["id"], opt("title"), opt("date"), opt("url"), obj["text"])
