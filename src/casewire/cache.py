"""Per-document extraction cache: a rerun does no NLP work for documents it has seen.

What a cached entry is keyed on (:func:`cache_key`), and why:

- ``content_sha256``: every record and every evidence offset depends on the text;
- ``published_date``: extractors resolve dates written without a year or relative
  to the release ("on Tuesday", "in March") against it, so the same text published
  on another date can give other records;
- ``doc_id``: records embed it. Today it is a hash of the text, so keying on it
  costs no hits, but a change to how it is derived must not serve stale ids;
- ``EXTRACTOR_VERSION`` (a digest of the extractors' code and rules), the spaCy model
  version, and a fingerprint of the record types (:func:`schema_fingerprint`): a new or retyped
  field misses instead of decoding old entries with a default.

The other ``Document`` fields (source_id, source_path, title, url, language,
date_source) are not read by the extractors and are not stored: a hit is re-bound
to the *current* ``Document``, so a copy of a text under a new source id or title
gets its current metadata. An extractor that starts reading one of those fields
must add it to :data:`KEY_FIELDS`.

Storage (one folder per extractor version and model, see :func:`default_cache_dir`)::

    <folder>/CACHE.json            what the folder holds (for people; not read back)
    <folder>/<kk>/<hash>.seg       kk = first two hex digits of the key (256 shards)

A segment holds one entry per line: the 64-hex key, a tab, the SHA-256 of the JSON
(64 hex), a tab, then the JSON of the extraction without its document. The checksum
is verified on every read: an entry edited by hand or damaged on disk (still valid
JSON, say a sentence of 52 months turned into 999, while its evidence, re-read from
the text, still says 52) fails it and is a miss, logged with its key and segment,
and the document is extracted again; a verified entry of the same key wins over a
failing one, and merging drops the failing ones. The checksum guards against
accidents, not against someone who recomputes it. Evidence that follows the convention
``evidence == text[start:end]`` is stored as ``[start, end]`` and re-read from the
current text (same content hash, so the same text). Each :meth:`ExtractionCache.put_many` writes one
new segment per shard it touches, to a temp file that ``os.replace`` moves into
place: a crash leaves either the whole segment or none of it (plus a stray
``.tmp-*`` file that readers ignore). Segments are never modified; when a shard
holds more than :data:`MAX_SEGMENTS` they are merged into one (written first,
old ones deleted after), so a 21,000-document corpus is a few hundred files, not
21,000. Readers that lose a segment to a concurrent merge list the shard again.
No fsync: after a power loss a segment may be empty or torn, and unreadable
lines are skipped as misses rather than failing the run.
"""

from __future__ import annotations

import contextvars
import dataclasses
import functools
import hashlib
import json
import logging
import os
import re
import sys
import time
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from casewire.extract import EXTRACTOR_VERSION
from casewire.records import DocExtraction, Document, Evidence

log = logging.getLogger(__name__)

FORMAT_VERSION = "2"  # 2: each entry carries the SHA-256 of its JSON
#: Document fields a cached extraction depends on (see the module docstring).
KEY_FIELDS: tuple[str, ...] = ("content_sha256", "published_date", "doc_id")
#: Segments a shard may hold before they are merged into one.
MAX_SEGMENTS = 8
_STALE_TMP_S = 3600  # a temp file this old belongs to a crashed writer
_READ_RETRIES = 5


#: The document whose entry is being decoded: compact evidence is read from its text.
_DECODING: contextvars.ContextVar[tuple[Document, dict] | None] = contextvars.ContextVar(
    "casewire_cache_decoding", default=None
)


class CacheEntryError(ValueError):
    """A stored entry does not decode into the current record types."""


# --- dataclass <-> JSON, driven by the type hints ---------------------------------


_SCALARS = (str, int, float, bool, type(None))


def to_jsonable(value: Any, document: Document | None = None) -> Any:
    """Dataclasses -> dicts, tuples -> lists, recursively; scalars and None unchanged.

    With ``document``, an ``Evidence`` of that document whose text is
    ``document.text[start:end]`` (the evidence convention) is stored as
    ``[start, end]``: evidence sentences repeat in every record and would
    otherwise make up most of an entry.
    """
    cls = type(value)
    if cls in _SCALARS:
        return value
    if cls is tuple or cls is list:
        return [to_jsonable(v, document) for v in value]
    if (
        cls is Evidence
        and document is not None
        and value.doc_id == document.doc_id
        and document.text[value.start_char : value.end_char] == value.text
    ):
        return [value.start_char, value.end_char]
    names = _field_names(cls)
    if names is None:
        return value
    return {name: to_jsonable(getattr(value, name), document) for name in names}


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


def from_jsonable(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` (e.g. ``DocExtraction``) from :func:`to_jsonable` output.

    Types are checked on the way in; a mismatch raises :class:`CacheEntryError`.
    """
    return _decoder(tp)(data)


@functools.cache
def _decoder(tp: Any) -> Callable[[Any], Any]:
    if tp is Evidence:
        return _evidence_decoder(_dataclass_decoder(tp))
    if dataclasses.is_dataclass(tp):
        return _dataclass_decoder(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda v: tuple(item(x) for x in _as_list(v, tp))
        items = tuple(_decoder(a) for a in args)
        return lambda v: _fixed_tuple(items, _as_list(v, tp), tp)
    if origin in (typing.Union, types.UnionType):
        if len(args) == 2 and type(None) in args:  # X | None, the common case: no trial and error
            inner = _decoder(next(a for a in args if a is not type(None)))
            return lambda v: None if v is None else inner(v)
        return _union_decoder(tp, args)
    if tp is str:  # one object per distinct value, as records.share_strings makes them
        return lambda v: sys.intern(v) if type(v) is str else _fail(tp, v)
    if tp in (int, bool):
        # bool is an int subclass: compare the exact type so True never decodes as 1
        return lambda v: v if type(v) is tp else _fail(tp, v)
    if tp is float:
        return lambda v: float(v) if type(v) in (float, int) else _fail(tp, v)
    if tp is type(None):
        return lambda v: None if v is None else _fail(tp, v)
    raise TypeError(f"the extraction cache cannot store values of type {tp!r}")


def _dataclass_decoder(cls: type) -> Callable[[Any], Any]:
    hints = typing.get_type_hints(cls)
    field_decoders = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls)]
    names = frozenset(name for name, _ in field_decoders)

    def decode(v: Any) -> Any:
        if not isinstance(v, dict) or v.keys() != names:
            raise CacheEntryError(
                f"{cls.__name__}: expected fields {sorted(names)}, got "
                f"{sorted(v) if isinstance(v, dict) else type(v).__name__}"
            )
        return cls(**{name: dec(v[name]) for name, dec in field_decoders})

    return decode


def _evidence_decoder(full: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def decode(v: Any) -> Any:
        if not isinstance(v, list):
            return full(v)
        decoding = _DECODING.get()
        if decoding is None or len(v) != 2 or any(type(i) is not int for i in v):
            raise CacheEntryError(f"compact evidence {v!r:.60} outside of a cache entry")
        document, shared = decoding
        start, end = v
        if not 0 <= start <= end <= len(document.text):
            raise CacheEntryError(f"evidence span {v!r} outside the document text")
        # one Evidence per passage, shared by its records, as extraction made them
        evidence = shared.get((start, end))
        if evidence is None:
            evidence = shared[(start, end)] = Evidence(
                document.doc_id, start, end, document.text[start:end]
            )
        return evidence

    return decode


def _union_decoder(tp: Any, args: tuple) -> Callable[[Any], Any]:
    decoders = [_decoder(a) for a in args]

    def decode(v: Any) -> Any:
        for dec in decoders:
            try:
                return dec(v)
            except CacheEntryError:
                continue
        return _fail(tp, v)

    return decode


def _as_list(v: Any, tp: Any) -> list:
    return v if isinstance(v, list) else _fail(tp, v)


def _fixed_tuple(items: tuple, v: list, tp: Any) -> tuple:
    if len(v) != len(items):
        _fail(tp, v)
    return tuple(dec(x) for dec, x in zip(items, v, strict=True))


def _fail(tp: Any, v: Any) -> Any:
    raise CacheEntryError(f"expected {tp!r}, got {type(v).__name__} {v!r:.60}")


@functools.cache
def schema_fingerprint(tp: type = DocExtraction) -> str:
    """Hash of every field name and type reachable from ``tp``: changes when records change."""
    seen: dict[str, str] = {}

    def walk(t: Any) -> None:
        if dataclasses.is_dataclass(t):
            name = f"{t.__module__}.{t.__qualname__}"
            if name in seen:
                return
            hints = typing.get_type_hints(t)
            seen[name] = ",".join(f"{f.name}:{hints[f.name]!r}" for f in dataclasses.fields(t))
            for f in dataclasses.fields(t):
                walk(hints[f.name])
        for arg in typing.get_args(t):
            walk(arg)

    walk(tp)
    payload = "\n".join(f"{k}({v})" for k, v in sorted(seen.items()))
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


# --- keys and entries -------------------------------------------------------------


def cache_key(document: Document, extractor_version: str, model: str) -> str:
    """64-hex key of one document's extraction under one extractor version and model."""
    parts = [FORMAT_VERSION, extractor_version, model, schema_fingerprint()]
    parts += [
        "\x00" if getattr(document, f) is None else str(getattr(document, f)) for f in KEY_FIELDS
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _encode_entry(key: str, extraction: DocExtraction) -> str:
    document = extraction.document
    body = {
        f.name: to_jsonable(getattr(extraction, f.name), document)
        for f in dataclasses.fields(DocExtraction)
        if f.name != "document"
    }
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return f"{key}\t{_checksum(payload)}\t{payload}\n"


def _checksum(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _verified_payload(rest: str) -> str | None:
    """The JSON of an entry line after its key (``<sha256>\t<json>\n``), or None when
    the line has no checksum or the JSON does not match it."""
    digest, tab, payload = rest.partition("\t")
    payload = payload.removesuffix("\n")
    return payload if tab and len(digest) == 64 and _checksum(payload) == digest else None


@functools.cache
def _record_decoders() -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Decoders of the ``DocExtraction`` fields that are stored (all but the document)."""
    hints = typing.get_type_hints(DocExtraction)
    return tuple(
        (f.name, _decoder(hints[f.name]))
        for f in dataclasses.fields(DocExtraction)
        if f.name != "document"
    )


def _decode_entry(payload: str, document: Document) -> DocExtraction:
    """The stored records, bound to the current ``document`` (its metadata may be newer)."""
    body = json.loads(payload)
    decoders = _record_decoders()
    if not isinstance(body, dict) or body.keys() != {name for name, _ in decoders}:
        raise CacheEntryError("an entry does not hold the current DocExtraction fields")
    token = _DECODING.set((document, {}))
    try:
        records = {name: dec(body[name]) for name, dec in decoders}
    finally:
        _DECODING.reset(token)
    return DocExtraction(document=document, **records)


# --- the cache --------------------------------------------------------------------


def default_cache_dir(
    output_dir: str | os.PathLike[str], model: str, extractor_version: str = EXTRACTOR_VERSION
) -> Path:
    """``<output>/.cache/extract/<extractor_version>-<model>/``."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{extractor_version}-{model}")
    return Path(output_dir) / ".cache" / "extract" / name


class ExtractionCache:
    """Extractions stored by :func:`cache_key`, in ``folder``.

    ``model`` is the pipeline's :func:`casewire.nlp.model_version`. The object
    holds only the folder and key parts, so it is cheap to build inside a task.
    """

    def __init__(
        self, folder: str | os.PathLike[str], model: str, extractor_version: str = EXTRACTOR_VERSION
    ) -> None:
        self.folder = Path(folder)
        self.model = model
        self.extractor_version = extractor_version

    def key(self, document: Document) -> str:
        return cache_key(document, self.extractor_version, self.model)

    def is_empty(self) -> bool:
        """True when no extraction is stored yet (a first build parses everything)."""
        return not self.folder.is_dir() or not any(
            _segments(shard) for shard in self.folder.iterdir() if shard.is_dir()
        )

    def get_many(
        self, documents: Sequence[Document]
    ) -> tuple[dict[str, DocExtraction], list[Document]]:
        """(hits by doc_id, re-bound to the given documents; documents not cached, in order)."""
        wanted: dict[str, Document] = {self.key(d): d for d in documents}
        by_shard: dict[str, set[str]] = defaultdict(set)
        for key in wanted:
            by_shard[key[:2]].add(key)
        hits: dict[str, DocExtraction] = {}
        for shard, keys in by_shard.items():
            entries, failed = self._read_shard(shard, keys)
            for key, segment in failed.items():
                log.warning(
                    "extraction cache: entry %s in %s (document %s, %s) fails its checksum: "
                    "edited or corrupt; extracting again",
                    key,
                    segment,
                    wanted[key].doc_id,
                    wanted[key].source_id,
                )
            for key, rest in entries.items():
                document = wanted[key]
                try:
                    hits[document.doc_id] = _decode_entry(rest.partition("\t")[2], document)
                except (CacheEntryError, ValueError, TypeError) as exc:
                    log.warning(
                        "extraction cache: unreadable entry for %s (%s); extracting again",
                        document.doc_id,
                        exc,
                    )
        misses = [d for d in documents if d.doc_id not in hits]
        return hits, misses

    def put_many(self, extractions: Iterable[DocExtraction]) -> int:
        """Store extractions (one new segment per shard touched); returns how many."""
        by_shard: dict[str, list[str]] = defaultdict(list)
        for extraction in extractions:
            key = self.key(extraction.document)
            by_shard[key[:2]].append(_encode_entry(key, extraction))
        if by_shard:
            self._write_manifest()
        for shard, lines in sorted(by_shard.items()):
            directory = self.folder / shard
            directory.mkdir(parents=True, exist_ok=True)
            _write_segment(directory, "".join(sorted(lines)))
            if len(_segments(directory)) > MAX_SEGMENTS:
                _compact(directory)
        return sum(len(lines) for lines in by_shard.values())

    def _read_shard(self, shard: str, keys: set[str]) -> tuple[dict[str, str], dict[str, Path]]:
        directory = self.folder / shard
        for _ in range(_READ_RETRIES):
            try:
                return _scan(directory, keys)
            except FileNotFoundError:  # a concurrent merge removed a segment: list again
                continue
        return _scan(directory, keys)

    def _write_manifest(self) -> None:
        path = self.folder / "CACHE.json"
        if path.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        manifest = {
            "format": FORMAT_VERSION,
            "extractor_version": self.extractor_version,
            "model": self.model,
            "schema": schema_fingerprint(),
            "key_fields": list(KEY_FIELDS),
            "layout": "<kk>/<hash>.seg: '<key>\\t<sha256 of json>\\t<json>' per extraction",
        }
        _atomic_write(path, json.dumps(manifest, indent=2) + "\n")


def _segments(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(
        p for p in directory.iterdir() if p.suffix == ".seg" and not p.name.startswith(".")
    )


def _scan(directory: Path, keys: set[str] | None) -> tuple[dict[str, str], dict[str, Path]]:
    """Entries of the shard (``keys``: only those): (key -> ``<sha256>\t<json>\n`` of
    every entry that passes its checksum; key -> segment of entries that fail it and
    have no good copy)."""
    found: dict[str, str] = {}
    failed: dict[str, Path] = {}
    for path in _segments(directory):
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                key, tab, rest = line.partition("\t")
                # a torn last line has no newline: skip it, its document is a miss
                if tab and line.endswith("\n") and len(key) == 64 and (keys is None or key in keys):
                    if _verified_payload(rest) is None:
                        failed.setdefault(key, path)
                    else:
                        found[key] = rest
    return found, {key: path for key, path in failed.items() if key not in found}


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".tmp-{os.getpid()}-{os.urandom(4).hex()}-{path.name}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_segment(directory: Path, text: str) -> Path:
    # named by content: writing the same entries twice is a no-op, and names never depend on time
    path = directory / f"{_segment_name(text.encode('utf-8'))}.seg"
    # ...unless the segment there no longer holds what its name says (edited or damaged):
    # then it is replaced, or re-extracting an entry that failed its checksum would
    # never store a good copy
    if not path.exists() or _segment_name(path.read_bytes()) != path.stem:
        _atomic_write(path, text)
    return path


def _segment_name(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:20]


def _compact(directory: Path) -> None:
    """Merge a shard's segments into one; delete the merged ones only after it is in place."""
    old = _segments(directory)
    try:
        entries, _ = _scan(directory, None)  # entries failing their checksum are dropped
    except FileNotFoundError:  # another process is merging this shard
        return
    merged = _write_segment(directory, "".join(f"{k}\t{v}" for k, v in sorted(entries.items())))
    for path in old:
        if path != merged:
            path.unlink(missing_ok=True)
    now = time.time()
    for path in directory.glob(".tmp-*"):
        try:
            if now - path.stat().st_mtime > _STALE_TMP_S:
                path.unlink()
        except FileNotFoundError:
            continue
