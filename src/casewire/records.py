"""Record types passed between pipeline stages.

Every stage takes and returns these frozen dataclasses; DataFrames are built
from them in exactly one place (:mod:`casewire.tables`). Evidence convention,
used by every fact record: ``start_char``/``end_char`` delimit the evidence
passage (normally one sentence) in ``Document.text`` and
``evidence == text[start_char:end_char]``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: a passage of one stored document."""

    doc_id: str
    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """One ingested article, after cleaning. ``text`` is what offsets refer to."""

    doc_id: str
    source_id: str
    source_path: str
    title: str | None
    published_date: str | None  # ISO YYYY-MM-DD, or None when unknown
    date_source: str | None  # "header", "text", "record" or None
    url: str | None
    language: str | None
    text: str
    content_sha256: str


#: Every reason an input unit can be rejected for (the rejects table allows these).
REJECT_REASONS = (
    "empty", "binary", "undecodable", "too_large", "duplicate_of", "malformed_json",
    "missing_field", "unsupported_language", "not_a_release", "extraction_error",
    "unsupported_format", "outside_raw", "linked_folder", "too_long", "duplicate_id",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reject:
    """An input unit that did not become a document, and why."""

    source: str  # path relative to raw/, with ":<line>" for JSONL lines
    reason: str  # a code from casewire.ingest.REJECT_REASONS
    message: str
    duplicate_of: str | None = None  # doc_id of the kept copy, for duplicates
    #: The unit's own id (a JSONL record's ``id``) once it was read: a line number
    #: alone does not let a user find the record in the file that feeds it.
    record_id: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention, already linked to its in-document full name."""

    doc_id: str
    text: str  # as written
    label: str  # PERSON, ORG, GPE, LOC, NORP, FAC
    entity_type: str  # person, organization, place
    canonical: str  # the full name this mention refers to within the document
    mention_start: int
    mention_end: int
    evidence: Evidence
    alias: str | None = None  # nickname written with the name ("El Chapo")


@dataclass(frozen=True, slots=True)
class RoleMention:
    """A role an entity plays in a document (defendant, judge, ...)."""

    doc_id: str
    entity_type: str
    canonical: str
    role: str
    title: str | None  # the title as written ("District Judge"), if any
    evidence: Evidence
    valid_from: str | None = None  # positions held: ISO year/month/day
    valid_to: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    entity_type: str
    canonical: str
    role: str


@dataclass(frozen=True, slots=True)
class EventMention:
    """One mention of an event in one document."""

    doc_id: str
    event_type: str
    trigger: str
    date: str | None  # ISO, truncated to its precision: YYYY, YYYY-MM or YYYY-MM-DD
    date_precision: str | None  # year, month, day
    date_end: str | None  # end of a span ("from 2001 until 2012")
    place: str | None
    modality: str  # asserted, negated, hypothetical, requested, potential, scheduled
    participants: tuple[Participant, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Charge:
    text: str  # as written
    category: str
    statute: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """A legal outcome for one defendant, read from one document."""

    doc_id: str
    defendant: str  # canonical name within the document
    defendant_type: str  # person or organization
    outcome_type: str  # one of schemas.OUTCOME_TYPES (declared there with their stage)
    evidence: Evidence
    defendant_age: int | None = None
    conviction_method: str | None = None  # jury, bench, plea
    decision_date: str | None = None  # ISO, truncated to its precision (YYYY, YYYY-MM, day)
    # how decision_date was obtained (schemas.DECISION_DATE_SOURCES); None without one
    decision_date_source: str | None = None
    court: str | None = None
    judge: str | None = None
    announcer: str | None = None
    sentence_min_months: int | None = None
    sentence_max_months: int | None = None
    life_sentence: bool = False
    death_sentence: bool = False
    custody_suspended: bool = False
    probation_months: int | None = None
    supervised_release_months: int | None = None
    fine_usd: float | None = None
    restitution_usd: float | None = None
    forfeiture_usd: float | None = None
    counts: int | None = None
    charges: tuple[Charge, ...] = ()
    # in-document full names, in text order (casewire.extract.outcome_counsel)
    prosecutors: tuple[str, ...] = ()
    defense_attorneys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocExtraction:
    """Everything extracted from one document; the unit that is cached."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    roles: tuple[RoleMention, ...] = ()
    events: tuple[EventMention, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    aliases: tuple[tuple[str, str], ...] = field(default=())  # (canonical, alias)
    ages: tuple[AgeMention, ...] = ()


@dataclass(frozen=True, slots=True)
class AgeMention:
    """An age written with a name ("Garcia Luna, 54,", "54-year-old Garcia Luna").

    ``age`` is as stated; the date it refers to is decided when tables are built
    (:func:`casewire.extract.ages.age_as_of`), since it may depend on the
    document's outcomes.
    """

    doc_id: str
    entity_type: str  # person
    canonical: str  # the full name within the document
    age: int
    age_start: int  # span of the age as written ("54", "54-year-old")
    age_end: int
    evidence: Evidence  # the sentence(s) holding both the name and the age


def share_strings(extraction: DocExtraction) -> DocExtraction:
    """Make equal strings in the records one object (``sys.intern``); returns ``extraction``.

    Extractors (and JSON decoding) make a new string for every label, entity type,
    document id and name they write: on 21,000 documents, a million copies of
    "PERSON" and of 64-hex ids are half the records' memory. Records are frozen,
    but the values stay equal, so replacing them in place changes nothing else.
    Evidence passages and the document are left alone (already one per passage).
    """
    for name in _RECORD_FIELDS:
        for record in getattr(extraction, name):
            _share(record)
    return extraction


_RECORD_FIELDS = ("mentions", "roles", "events", "outcomes", "ages")


def _share(record: object) -> None:
    for name in record.__slots__:
        value = getattr(record, name)
        if type(value) is str:
            object.__setattr__(record, name, sys.intern(value))
        elif type(value) is tuple:
            for item in value:
                if hasattr(item, "__slots__"):
                    _share(item)
