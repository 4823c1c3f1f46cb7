"""The per-document extraction cache: exact JSON round trips, hits, misses, keys, crashes."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest

from casewire import cache as cache_mod
from casewire.cache import (
    CacheEntryError,
    ExtractionCache,
    cache_key,
    default_cache_dir,
    from_jsonable,
    schema_fingerprint,
    to_jsonable,
)
from casewire.ids import stable_id
from casewire.records import (
    Charge,
    DocExtraction,
    Document,
    EventMention,
    Evidence,
    Mention,
    Outcome,
    Participant,
    RoleMention,
)

MODEL = "en_core_web_sm-3.8.0"


def make_document(text: str, **overrides: object) -> Document:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    fields = dict(
        doc_id=stable_id("doc", sha),
        source_id="src/1",
        source_path="a.jsonl:1",
        title="A title",
        published_date="2024-10-17",
        date_source="record",
        url=None,
        language="en",
        text=text,
        content_sha256=sha,
    )
    return Document(**{**fields, **overrides})


def rich_extraction(document: Document) -> DocExtraction:
    """Every record type, with None, bools, ints, floats, nested tuples and non-ASCII text."""
    d, text = document.doc_id, document.text
    ev = Evidence(d, 0, len(text), text)
    return DocExtraction(
        document=document,
        mentions=(
            Mention(
                d, "García Luna", "PERSON", "person", "Genaro García Luna", 4, 15, ev, alias=None
            ),
            Mention(
                d, "El Chapo", "PERSON", "person", "Joaquín Guzmán", 20, 28, ev, alias="El Chapo"
            ),
            # breaks the evidence convention: must be stored in full, not as a span
            Mention(
                d,
                "DEA",
                "ORG",
                "organization",
                "DEA",
                5,
                8,
                Evidence(d, 5, 8, "not the document text"),
            ),
        ),
        roles=(
            RoleMention(
                d,
                "person",
                "Brian M. Cogan",
                "judge",
                "District Judge",
                ev,
                valid_from="2006",
                valid_to=None,
            ),
        ),
        events=(
            EventMention(
                d,
                "sentencing",
                "sentenced",
                "2024-10-16",
                "day",
                None,
                "Brooklyn",
                "asserted",
                (
                    Participant("person", "Genaro García Luna", "defendant"),
                    Participant("organization", "DEA", "investigator"),
                ),
                ev,
            ),
            EventMention(d, "arrest", "arrested", None, None, None, None, "negated", (), ev),
        ),
        outcomes=(
            Outcome(
                d,
                "Genaro García Luna",
                "person",
                "sentenced",
                ev,
                defendant_age=56,
                conviction_method="jury",
                decision_date="2024-10-16",
                court="E.D.N.Y.",
                sentence_min_months=462,
                sentence_max_months=462,
                life_sentence=False,
                death_sentence=False,
                custody_suspended=True,
                probation_months=0,
                fine_usd=2_000_000.0,
                restitution_usd=0.5,
                forfeiture_usd=None,
                counts=5,
                charges=(
                    Charge("conspiracy", "drug trafficking", "21 U.S.C. § 846"),
                    Charge("false statements", "other"),
                ),
            ),
        ),
        aliases=(("Joaquín Guzmán", "El Chapo"), ("Genaro García Luna", "GGL")),
    )


@pytest.fixture
def document() -> Document:
    return make_document("The García Luna case: El Chapo's ally was sentenced on Wednesday.")


@pytest.fixture
def store(tmp_path: Path) -> ExtractionCache:
    return ExtractionCache(tmp_path / "cache", model=MODEL, extractor_version="7")


def test_rich_extraction_round_trips_through_json(document: Document) -> None:
    original = rich_extraction(document)
    back = from_jsonable(DocExtraction, json.loads(json.dumps(to_jsonable(original))))
    assert back == original
    out = back.outcomes[0]
    # == would hide True == 1 and 462 == 462.0: check the types survived too
    assert type(out.custody_suspended) is bool and type(out.life_sentence) is bool
    assert type(out.sentence_min_months) is int and type(out.probation_months) is int
    assert type(out.fine_usd) is float and out.forfeiture_usd is None
    assert isinstance(back.events[0].participants, tuple)
    assert back.aliases[0] == ("Joaquín Guzmán", "El Chapo")


@pytest.mark.parametrize(
    ("tp", "value"),
    [
        (Charge, {"text": "x", "category": "other"}),  # a field missing
        (Charge, {"text": "x", "category": "other", "statute": None, "extra": 1}),
        (Evidence, {"doc_id": "d", "start_char": True, "end_char": 1, "text": "t"}),  # bool
        (Evidence, {"doc_id": "d", "start_char": 1.5, "end_char": 1, "text": "t"}),
        (tuple[tuple[str, str], ...], [["only one"]]),
        (tuple[Charge, ...], {"text": "x"}),
    ],
)
def test_values_of_the_wrong_shape_are_refused(tp: object, value: object) -> None:
    with pytest.raises(CacheEntryError):
        from_jsonable(tp, value)


def test_a_real_extraction_round_trips(nlp, seed_documents) -> None:
    from casewire.extract import extract_document

    for document in seed_documents.values():
        extraction = extract_document(nlp(document.text), document)
        assert (
            from_jsonable(DocExtraction, json.loads(json.dumps(to_jsonable(extraction))))
            == extraction
        )


def test_put_then_get_returns_hits_and_misses_in_order(store: ExtractionCache) -> None:
    docs = [make_document(f"Document number {i} about a sentencing in court.") for i in range(5)]
    assert store.get_many(docs) == ({}, docs)
    assert store.put_many(rich_extraction(d) for d in docs[1:4]) == 3
    hits, misses = store.get_many(docs)
    assert hits == {d.doc_id: rich_extraction(d) for d in docs[1:4]}
    assert misses == [docs[0], docs[4]]


def test_is_empty_until_something_is_stored(store: ExtractionCache) -> None:
    assert store.is_empty()  # no folder yet
    store.folder.mkdir(parents=True)
    assert store.is_empty()
    store.put_many([rich_extraction(make_document("A sentencing in court."))])
    assert not store.is_empty()


def test_evidence_is_stored_as_a_span_of_the_text(
    store: ExtractionCache, document: Document
) -> None:
    store.put_many([rich_extraction(document)])
    (segment,) = store.folder.rglob("*.seg")
    stored = segment.read_text(encoding="utf-8")
    assert document.text not in stored and "not the document text" in stored
    assert store.get_many([document])[0][document.doc_id] == rich_extraction(document)


def test_a_hit_is_bound_to_the_current_document(store: ExtractionCache, document: Document) -> None:
    store.put_many([rich_extraction(document)])
    renamed = dataclasses.replace(
        document,
        source_id="other/7",
        source_path="b.jsonl:9",
        title="Another title",
        url="https://example.org/x",
    )
    hits, misses = store.get_many([renamed])
    assert not misses
    assert hits[document.doc_id].document is renamed
    assert hits[document.doc_id] == dataclasses.replace(rich_extraction(document), document=renamed)


@pytest.mark.parametrize(
    ("extractor_version", "model", "published_date"),
    [
        ("8", MODEL, "2024-10-17"),
        ("7", "en_core_web_md-3.8.0", "2024-10-17"),
        ("7", MODEL, "2025-01-02"),
        ("7", MODEL, None),
    ],
)
def test_key_changes_with_version_model_and_published_date(
    tmp_path: Path,
    store: ExtractionCache,
    document: Document,
    extractor_version: str,
    model: str,
    published_date: str | None,
) -> None:
    store.put_many([rich_extraction(document)])
    changed = dataclasses.replace(document, published_date=published_date)
    assert cache_key(changed, extractor_version, model) != cache_key(document, "7", MODEL)
    other = ExtractionCache(store.folder, model=model, extractor_version=extractor_version)
    assert other.get_many([changed]) == ({}, [changed])


def test_key_ignores_metadata_the_extractors_do_not_read(document: Document) -> None:
    renamed = dataclasses.replace(document, source_id="x", title=None, url="u", date_source=None)
    assert cache_key(renamed, "7", MODEL) == cache_key(document, "7", MODEL)


def test_schema_fingerprint_follows_the_record_fields() -> None:
    @dataclasses.dataclass(frozen=True)
    class Before:
        a: int

    @dataclasses.dataclass(frozen=True)
    class After:
        a: int
        b: str | None = None

    assert schema_fingerprint(DocExtraction) == schema_fingerprint(DocExtraction)
    assert schema_fingerprint(Before) != schema_fingerprint(After)


def test_a_crash_while_writing_leaves_the_cache_readable(
    store: ExtractionCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = [make_document(f"Kept document {i}, written before the crash.") for i in range(3)]
    store.put_many(rich_extraction(d) for d in kept)
    lost = [make_document(f"Lost document {i}, written during the crash.") for i in range(3)]

    def crash(src: object, dst: object) -> None:
        raise OSError("simulated crash before the rename")

    monkeypatch.setattr(cache_mod.os, "replace", crash)
    with pytest.raises(OSError, match="simulated crash"):
        store.put_many(rich_extraction(d) for d in lost)
    monkeypatch.undo()
    hits, misses = store.get_many(kept + lost)
    assert set(hits) == {d.doc_id for d in kept} and misses == lost
    assert not list(store.folder.rglob(".tmp-*"))


def test_torn_segments_and_stray_temp_files_are_skipped(store: ExtractionCache) -> None:
    docs = [make_document(f"Document {i} of a torn shard.") for i in range(4)]
    store.put_many(rich_extraction(d) for d in docs[:2])
    shard = store.folder / store.key(docs[2])[:2]
    shard.mkdir(parents=True, exist_ok=True)
    torn = cache_mod._encode_entry(store.key(docs[2]), rich_extraction(docs[2])).rstrip("\n")
    (shard / "torn.seg").write_text(torn[: len(torn) // 2])  # no newline: cut mid-line
    (shard / ".tmp-123-abcd-x.seg").write_text(torn + "\n")  # a writer that died pre-rename
    garbled = store.folder / store.key(docs[3])[:2]
    garbled.mkdir(parents=True, exist_ok=True)
    (garbled / "garbled.seg").write_text(f"{store.key(docs[3])}\t{{not json\n")
    hits, misses = store.get_many(docs)
    assert set(hits) == {docs[0].doc_id, docs[1].doc_id}
    assert misses == docs[2:]


def test_many_puts_are_merged_and_nothing_is_lost(
    store: ExtractionCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_mod, "MAX_SEGMENTS", 2)
    docs = [make_document(f"Batch document {i} with some text.") for i in range(60)]
    for i in range(0, len(docs), 5):
        store.put_many(rich_extraction(d) for d in docs[i : i + 5])
    hits, misses = store.get_many(docs)
    assert not misses and len(hits) == len(docs)
    assert max(len(list(p.glob("*.seg"))) for p in store.folder.iterdir() if p.is_dir()) <= 2


def test_default_folder_names_version_and_model(tmp_path: Path) -> None:
    assert (
        default_cache_dir(tmp_path, "en_core web/sm-3.8.0", "4")
        == tmp_path / ".cache" / "extract" / "4-en_core_web_sm-3.8.0"
    )


def test_a_segment_merged_away_while_reading_is_read_again(
    store: ExtractionCache, document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.put_many([rich_extraction(document)])
    real_segments = cache_mod._segments
    calls = []

    def racing_segments(directory: Path) -> list[Path]:
        calls.append(directory)
        found = real_segments(directory)
        # the first listing names a segment a concurrent merge has since deleted
        return [directory / "gone.seg", *found] if len(calls) == 1 else found

    monkeypatch.setattr(cache_mod, "_segments", racing_segments)
    hits, misses = store.get_many([document])
    assert not misses and len(calls) == 2


def _tamper(store: ExtractionCache, document: Document) -> Path:
    """Turn the stored 462-month sentence into 999 months: the JSON stays valid."""
    (segment,) = (store.folder / store.key(document)[:2]).glob("*.seg")
    text = segment.read_text(encoding="utf-8")
    assert text.count('"sentence_min_months":462') == 1
    segment.write_text(text.replace('"sentence_min_months":462', '"sentence_min_months":999'))
    return segment


def test_an_edited_entry_fails_its_checksum_and_is_a_miss(
    store: ExtractionCache, document: Document, caplog: pytest.LogCaptureFixture
) -> None:
    store.put_many([rich_extraction(document)])
    segment = _tamper(store, document)
    with caplog.at_level("WARNING", logger="casewire.cache"):
        hits, misses = store.get_many([document])
    assert (hits, misses) == ({}, [document])
    (warning,) = [r.getMessage() for r in caplog.records if "fails its checksum" in r.getMessage()]
    assert store.key(document) in warning and str(segment) in warning
    assert document.doc_id in warning


def test_storing_again_replaces_an_edited_segment(
    store: ExtractionCache, document: Document
) -> None:
    store.put_many([rich_extraction(document)])
    edited = _tamper(store, document)
    store.put_many([rich_extraction(document)])  # the re-extraction, same bytes as before
    assert '"sentence_min_months":462' in edited.read_text(encoding="utf-8")
    hits, _ = store.get_many([document])
    assert hits[document.doc_id] == rich_extraction(document)


def test_a_good_copy_wins_over_an_edited_one_and_merging_drops_it(
    store: ExtractionCache, document: Document
) -> None:
    store.put_many([rich_extraction(document)])
    edited = _tamper(store, document)
    # the good copy lands in another segment (written with a neighbour of the same shard)
    neighbour = next(
        d
        for d in (make_document(f"Neighbour {i}.") for i in range(10_000))
        if store.key(d)[:2] == store.key(document)[:2]
    )
    store.put_many([rich_extraction(document), rich_extraction(neighbour)])
    assert len(list(edited.parent.glob("*.seg"))) == 2
    hits, _ = store.get_many([document])
    assert hits[document.doc_id].outcomes[0].sentence_min_months == 462
    cache_mod._compact(edited.parent)
    (merged,) = edited.parent.glob("*.seg")
    assert "999" not in merged.read_text(encoding="utf-8")
    hits, misses = store.get_many([document, neighbour])
    assert not misses and hits[document.doc_id] == rich_extraction(document)
