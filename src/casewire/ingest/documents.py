"""Raw records -> cleaned Documents, with duplicates and other languages set aside."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import py3langid

from casewire.extract.dates import find_dates
from casewire.ids import stable_id
from casewire.ingest.clean import clean_page
from casewire.ingest.sources import RawRecord, record_from_dict
from casewire.records import Document, Reject
from casewire.textnorm import MAX_YEAR, MIN_YEAR, plausible_day

#: English, and Spanish: the county offices publish Spanish translations of their releases
#: (Dallas' "..._Spanish_pdf", Orange's "press_..." pages in Spanish); the outcome reader
#: takes its Spanish rules from ``rules/outcomes_es.yaml`` for them.
SUPPORTED_LANGUAGES = frozenset({"en", "es"})
MIN_CHARS = 40  # below this a page has no article left after cleaning
#: spaCy's default ``nlp.max_length``: a longer text would stop the parse of its whole
#: batch, so it is rejected here (``too_long``) rather than split, which could cut a
#: sentence and its evidence in two.
MAX_CHARS = 1_000_000
_WS = re.compile(r"\s+")
log = logging.getLogger(__name__)


#: Words that make up a fifth or more of any English text's words and far less of other
#: languages': over the three corpora, English pages hold 20% or more of them when they
#: have 30 words or more (19,537 of 21,346 pages), no page of another language over 11%.
_ENGLISH_WORDS = frozenset("the and of to was in for with that his her on is he she by".split())
_LOWER_WORD = re.compile(r"[a-z]+")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, from its first 2,000 chars: "en" at once
    when a fifth of its words are the commonest English ones, else py3langid (whose
    byte n-gram count, in Python, was 40% of the time ingest took)."""
    head = text[:2000]
    words = _LOWER_WORD.findall(head.lower())
    if len(words) >= 30 and 5 * sum(w in _ENGLISH_WORDS for w in words) >= len(words):
        return "en"
    lang, _ = py3langid.classify(head)
    return str(lang)


def spanish_release_date(text: str) -> str | None:
    """A Spanish release's date: a line among the first ten that starts with a day-precise
    Spanish date ("12 de marzo de 2024 Contacto: ...", "30 de diciembre, 2025")."""
    for line in text.split("\n")[:10]:
        found = find_dates(line.strip()[:40], None, "es")
        if found and found[0][0] == 0 and found[0][2].precision == "day":
            return plausible_day(found[0][2].iso)
    return None


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
            record_id=record.source_id,
        )
    text = cleaned.text
    if len(text) < MIN_CHARS:
        return Reject(
            record.source,
            "empty",
            f"only {len(text)} characters left after cleaning",
            record_id=record.source_id,
        )
    if len(text) > MAX_CHARS:
        return Reject(
            record.source,
            "too_long",
            f"{len(text):,} characters after cleaning; spaCy parses at most {MAX_CHARS:,} "
            "per document: split the article into several files",
            record_id=record.source_id,
        )
    language = detect_language(text)
    if language not in SUPPORTED_LANGUAGES:
        return Reject(
            record.source,
            "unsupported_language",
            f"detected language {language!r}; casewire extracts English and Spanish only",
            record_id=record.source_id,
        )
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc_id = stable_id("doc", sha)
    if (earlier := dedup.check(text, doc_id)) is not None:
        return Reject(
            record.source,
            "duplicate_of",
            f"same text as {earlier}",
            duplicate_of=earlier,
            record_id=record.source_id,
        )
    text_date = cleaned.text_date
    if text_date is None and language == "es":
        text_date = spanish_release_date(text)
    published, date_source = next(
        (
            (d, s)
            for d, s in (
                (_checked_date(cleaned.header_date, record.source, "header"), "header"),
                (text_date, "text"),  # already a plausible day
                (_checked_date(record.date, record.source, "record"), "record"),
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


def _checked_date(value: str | None, source: str, where: str) -> str | None:
    """``value`` if it is a real, plausible day; else None, with a warning naming it."""
    if value is None or plausible_day(value) is not None:
        return value
    log.warning(
        "%s: %s date %r dropped: not a real calendar day between %d and %d",
        source, where, value, MIN_YEAR, MAX_YEAR,
    )  # fmt: skip
    return None


@dataclass
class Ingest:
    """Turns raw units into documents or rejects, remembering what it has kept: texts
    (a copy is ``duplicate_of``) and source ids (a reused id is ``duplicate_id``, the
    first in input order kept)."""

    dedup: Deduplicator = field(default_factory=Deduplicator)
    ids: dict[str, str] = field(default_factory=dict)  # source_id -> source that has it

    def add(self, unit: RawRecord | Reject) -> Document | Reject:
        if isinstance(unit, Reject):
            return unit
        if (first := self.ids.get(unit.source_id)) is not None:
            # Checked before cleaning: a document never made leaves no text behind
            # for a later copy to be a duplicate_of.
            return Reject(
                unit.source,
                "duplicate_id",
                f"source_id {unit.source_id!r} is already the id of {first}; "
                "ids must be unique: fix the id or rename the file",
                record_id=unit.source_id,
            )
        result = to_document(unit, self.dedup)
        if isinstance(result, Document):
            self.ids[result.source_id] = result.source_path
        return result


def documents_from_records(
    records: Iterable[dict], origin: str
) -> tuple[list[Document], list[Reject]]:
    """Corpus-style dicts -> (documents, rejects); ``origin`` names their source."""
    ingest = Ingest()
    docs: list[Document] = []
    rejects: list[Reject] = []
    for i, obj in enumerate(records, start=1):
        result = ingest.add(record_from_dict(obj, f"{origin}:{i}"))
        (rejects if isinstance(result, Reject) else docs).append(result)
    return docs, rejects


def iter_documents(units: Iterable[RawRecord | Reject]) -> Iterator[Document | Reject]:
    """Turn a stream of raw units into documents and rejects, deduplicating as it goes."""
    ingest = Ingest()
    for unit in units:
        yield ingest.add(unit)
