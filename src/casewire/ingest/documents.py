"""Raw records -> cleaned Documents, with duplicates and other languages set aside."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import py3langid

from casewire.ids import stable_id
from casewire.ingest.clean import clean_page
from casewire.ingest.sources import RawRecord, record_from_dict
from casewire.records import Document, Reject

SUPPORTED_LANGUAGES = frozenset({"en"})
MIN_CHARS = 40  # below this a page has no article left after cleaning
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WS = re.compile(r"\s+")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid, on its first 2,000 chars)."""
    lang, _ = py3langid.classify(text[:2000])
    return str(lang)


def _title_of(record: RawRecord, text: str) -> str | None:
    if record.title:
        return record.title.strip()
    first = text.split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 200 else None


@dataclass
class Deduplicator:
    """Remembers the normalized text of every kept document."""

    seen: dict[str, str] = field(default_factory=dict)  # text hash -> doc_id

    def check(self, text: str, doc_id: str) -> str | None:
        """The doc_id of an earlier copy of ``text``, or None (and remember it)."""
        key = hashlib.sha256(_WS.sub(" ", text).strip().casefold().encode()).hexdigest()
        earlier = self.seen.get(key)
        if earlier is None:
            self.seen[key] = doc_id
        return earlier


def to_document(record: RawRecord, dedup: Deduplicator) -> Document | Reject:
    """Clean one record; reject it if nothing, a non-release or a copy is left."""
    cleaned = clean_page(record.text)
    if cleaned.not_a_release:
        return Reject(
            record.source,
            "not_a_release",
            f"the page is not a release (contains {cleaned.not_a_release!r})",
        )
    text = cleaned.text
    if len(text) < MIN_CHARS:
        return Reject(record.source, "empty", f"only {len(text)} characters left after cleaning")
    language = detect_language(text)
    if language not in SUPPORTED_LANGUAGES:
        return Reject(
            record.source,
            "unsupported_language",
            f"detected language {language!r}; casewire extracts English only",
        )
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc_id = stable_id("doc", sha)
    if (earlier := dedup.check(text, doc_id)) is not None:
        return Reject(
            record.source, "duplicate_of", f"same text as {earlier}", duplicate_of=earlier
        )
    record_date = record.date if record.date and _ISO_DATE.fullmatch(record.date) else None
    published, date_source = next(
        (
            (d, s)
            for d, s in (
                (cleaned.header_date, "header"),
                (cleaned.text_date, "text"),
                (record_date, "record"),
            )
            if d
        ),
        (None, None),
    )
    return Document(
        doc_id=doc_id,
        source_id=record.source_id,
        source_path=record.source,
        title=_title_of(record, text),
        published_date=published,
        date_source=date_source,
        url=record.url,
        language=language,
        text=text,
        content_sha256=sha,
    )


def documents_from_records(
    records: Iterable[dict], origin: str
) -> tuple[list[Document], list[Reject]]:
    """Corpus-style dicts -> (documents, rejects); ``origin`` names their source."""
    dedup = Deduplicator()
    docs: list[Document] = []
    rejects: list[Reject] = []
    for i, obj in enumerate(records, start=1):
        unit = record_from_dict(obj, f"{origin}:{i}")
        result = unit if isinstance(unit, Reject) else to_document(unit, dedup)
        (rejects if isinstance(result, Reject) else docs).append(result)
    return docs, rejects


def iter_documents(units: Iterable[RawRecord | Reject]) -> Iterator[Document | Reject]:
    """Turn a stream of raw units into documents and rejects, deduplicating as it goes."""
    dedup = Deduplicator()
    for unit in units:
        yield unit if isinstance(unit, Reject) else to_document(unit, dedup)
