"""Cross-document entity resolution and event merging."""

from __future__ import annotations

import pytest

from casewire.ids import stable_id
from casewire.records import (
    DocExtraction,
    Document,
    EventMention,
    Evidence,
    Mention,
    Participant,
    RoleMention,
)
from casewire.resolve import merge_events, resolve_entities
from casewire.textnorm import name_key


def _document(doc_id: str) -> Document:
    return Document(doc_id, "s", "p", None, None, None, None, "en", "x" * 200, "h")


def _ev(doc_id: str, start: int = 0) -> Evidence:
    return Evidence(doc_id, start, start + 5, "xxxxx")


def _mention(
    doc_id: str,
    text: str,
    canonical: str,
    etype: str = "person",
    alias: str | None = None,
    start: int = 0,
) -> Mention:
    label = {"person": "PERSON", "organization": "ORG", "place": "GPE"}[etype]
    return Mention(
        doc_id, text, label, etype, canonical, start, start + len(text), _ev(doc_id, start), alias
    )


def _extraction(doc_id: str, *mentions: Mention, roles=()) -> DocExtraction:
    return DocExtraction(_document(doc_id), mentions=tuple(mentions), roles=tuple(roles))


SEED_A = _extraction(
    "doc-a",
    _mention("doc-a", "Genaro Garcia Luna", "Genaro Garcia Luna"),
    _mention("doc-a", "Joaquín “El Chapo” Guzmán", "Joaquín Guzmán", alias="El Chapo", start=50),
    roles=[RoleMention("doc-a", "person", "Genaro Garcia Luna", "defendant", None, _ev("doc-a"))],
)
SEED_B = _extraction(
    "doc-b",
    _mention("doc-b", "Garcia luna", "Genaro García Luna"),
    _mention("doc-b", "Guzman", "Joaquin Guzman", start=40),
)


@pytest.mark.parametrize(
    ("canonical", "variant"),
    [
        ("Genaro Garcia Luna", "Genaro García Luna"),
        ("Joaquín Guzmán", "Joaquin Guzman"),
    ],
)
def test_spellings_merge_into_one_entity(canonical, variant):
    res = resolve_entities([SEED_A, SEED_B])
    assert res.entity_id_for("doc-a", "person", canonical) == res.entity_id_for(
        "doc-b", "person", variant
    )


def test_canonical_name_keeps_accents_and_aliases():
    rows = {r["canonical_name"]: r for r in resolve_entities([SEED_A, SEED_B]).entities()}
    assert rows["Joaquín Guzmán"]["aliases"] == ["El Chapo"]
    assert rows["Genaro García Luna"]["roles"] == ["defendant"]
    assert rows["Genaro García Luna"]["n_documents"] == 2


def test_entity_id_is_stable_when_unrelated_document_added():
    before = resolve_entities([SEED_A]).entity_id_for("doc-a", "person", "Genaro Garcia Luna")
    other = _extraction("doc-c", _mention("doc-c", "Anne Milgram", "Anne Milgram"))
    after = resolve_entities([other, SEED_A]).entity_id_for("doc-a", "person", "Genaro Garcia Luna")
    assert before == after == stable_id("ent", "person", name_key("Genaro Garcia Luna"))


@pytest.mark.parametrize(
    ("a", "b", "merged"),
    [
        ("Sergio Villarreal Barragan", "Sergio Villareal Barragan", True),
        ("John Smith", "Jane Smith", False),
        ("Brian Cogan", "Brian Cohan", False),  # short words never fuzzy-merge
    ],
)
def test_fuzzy_merge_only_near_identical_long_names(a, b, merged):
    res = resolve_entities(
        [_extraction("d1", _mention("d1", a, a)), _extraction("d2", _mention("d2", b, b))]
    )
    same = res.entity_id_for("d1", "person", a) == res.entity_id_for("d2", "person", b)
    assert same is merged


def _event(
    doc_id: str,
    etype: str,
    date: str | None,
    modality: str = "asserted",
    who: str = "Genaro Garcia Luna",
) -> EventMention:
    return EventMention(
        doc_id,
        etype,
        etype,
        date,
        "day" if date else None,
        None,
        None,
        modality,
        (Participant("person", who, "defendant"),),
        _ev(doc_id, 10),
    )


def _ids(doc_id, etype, canonical):
    return stable_id("ent", etype, name_key(canonical))


def test_conviction_reported_twice_is_one_event_with_two_evidence_rows():
    events, evidence, parts = merge_events(
        [_event("doc-a", "conviction", None), _event("doc-b", "conviction", "2023-02-21")], _ids
    )
    assert len(events) == 1 and events[0]["n_documents"] == 2
    assert [r["doc_id"] for r in evidence] == ["doc-a", "doc-b"]
    assert events[0]["date"] == "2023-02-21"


def test_non_asserted_events_stay_separate():
    events, _, _ = merge_events(
        [_event("doc-a", "sentencing", None), _event("doc-a", "sentencing", None, "requested")],
        _ids,
    )
    assert sorted(e["modality"] for e in events) == ["asserted", "requested"]


def test_incompatible_dates_do_not_merge():
    events, _, _ = merge_events(
        [_event("doc-a", "arrest", "2019-12"), _event("doc-b", "arrest", "2015-02")], _ids
    )
    assert len(events) == 2


def _judged(doc_id: str, *parts: Participant) -> EventMention:
    return EventMention(
        doc_id,
        "sentencing",
        "sentenced",
        "2024-10-17",
        "day",
        None,
        None,
        "asserted",
        parts,
        _ev(doc_id, 10),
    )


def test_judge_is_never_the_main_participant():
    judge = Participant("person", "Brian Cogan", "judge")
    defendant = Participant("person", "Genaro Garcia Luna", "defendant")
    events, _, _ = merge_events(
        [_judged("doc-a", judge, defendant), _judged("doc-b", defendant)], _ids
    )
    assert len(events) == 1 and events[0]["n_documents"] == 2


def test_events_with_only_a_judge_stay_in_their_document():
    judge = Participant("person", "Brian Cogan", "judge")
    events, _, _ = merge_events([_judged("doc-a", judge), _judged("doc-b", judge)], _ids)
    assert len(events) == 2  # two different people sentenced by the same judge that day


def test_a_pseudonym_is_a_different_person_in_every_document():
    """ "Jane Doe 1" of one release is not the "Jane Doe 1" of another; a real name is."""
    a = _extraction(
        "doc-a",
        _mention("doc-a", "Jane Doe 1", "Jane Doe 1"),
        _mention("doc-a", "Mary Poe", "Mary Poe", start=30),
        roles=[RoleMention("doc-a", "person", "Jane Doe 1", "victim", None, _ev("doc-a"))],
    )
    b = _extraction(
        "doc-b",
        _mention("doc-b", "Jane Doe#1", "Jane Doe#1"),
        _mention("doc-b", "Jane Doe 1", "Jane Doe 1", start=50),
        _mention("doc-b", "Mary Poe", "Mary Poe", start=30),
    )
    res = resolve_entities([a, b])
    rows = sorted((name_key(r["canonical_name"]), r["n_documents"]) for r in res.entities())
    assert rows == [("jane doe 1", 1), ("jane doe 1", 1), ("mary poe", 2)]
    doe_a = res.entity_id_for("doc-a", "person", "Jane Doe 1")
    doe_b = res.entity_id_for("doc-b", "person", "Jane Doe 1")
    assert doe_a != doe_b
    assert doe_a == stable_id("ent", "person", name_key("Jane Doe 1"), "doc-a")
    assert res.entity_id_for("doc-a", "person", "Mary Poe") == res.entity_id_for(
        "doc-b", "person", "Mary Poe"
    )
    assert {r["roles"] == ["victim"] for r in res.entities() if r["entity_id"] == doe_a} == {True}
