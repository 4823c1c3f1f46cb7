"""Shares of a judged person sample, and its standing in another release."""

from __future__ import annotations

import json

import pytest

from casewire.evaluate_persons import against_release, load_judged, person_shares

ROWS = [
    {
        "sample": "random",
        "entity_id": "ent-1",
        "canonical_name": "Jane Doe",
        "judgment": "one_person",
    },
    {"sample": "random", "entity_id": "ent-2", "canonical_name": "Chief", "judgment": "not_person"},
    {
        "sample": "random",
        "entity_id": "ent-3",
        "canonical_name": "Randy Jones",
        "judgment": "joins_different",
    },
    {
        "sample": "random",
        "entity_id": "ent-4",
        "canonical_name": "John Roe",
        "judgment": "one_person",
    },
    {
        "sample": "largest",
        "entity_id": "ent-2",
        "canonical_name": "Chief",
        "judgment": "not_person",
    },
    {"sample": "largest", "entity_id": "ent-5", "canonical_name": "Mary Poe", "judgment": None},
]


def test_shares_per_sample():
    shares = person_shares(ROWS)
    assert shares["random"]["judged"] == 4
    assert shares["random"]["one_person"] == {"n": 2, "share": 0.5}
    assert shares["random"]["not_person"]["share"] == 0.25
    assert shares["largest"] == {
        "drawn": 2,
        "judged": 1,
        "one_person": {"n": 0, "share": 0.0},
        "joins_different": {"n": 0, "share": 0.0},
        "not_person": {"n": 1, "share": 1.0},
    }


def test_standing_in_a_release_by_id_or_name():
    # "Jane Doe" kept her id, "John Roe" kept his name under another id; "Chief" is gone.
    persons = [("ent-1", "Jane Doe"), ("ent-9", "John Roe"), ("ent-3", "Randy Jones")]
    got = against_release(ROWS, persons)
    assert got["random"]["one_person"] == {"present": 2}
    assert got["random"]["not_person"] == {"gone": 1}
    assert got["largest"]["not_person"] == {"gone": 1}


def test_unknown_judgment_names_the_line(tmp_path):
    p = tmp_path / "persons_1.jsonl"
    p.write_text(json.dumps({**ROWS[0], "judgment": "maybe"}) + "\n")
    with pytest.raises(ValueError, match="persons_1.jsonl:1"):
        load_judged(p)


def _pair(judgment: str | None) -> dict:
    a = {"entity_id": "ent-1", "canonical_name": "Gordon Snow"}
    b = {"entity_id": "ent-2", "canonical_name": "Gordon M. Snow"}
    return {"sample": "pairs", "entities": [a, b], "judgment": judgment}


def test_pairs_have_their_own_judgments(tmp_path):
    rows = [_pair("one_person"), _pair("different_people"), _pair("different_people"), _pair(None)]
    shares = person_shares(rows)["pairs"]
    assert (shares["drawn"], shares["judged"]) == (4, 3)
    assert shares["one_person"]["n"] == 1 and shares["different_people"]["n"] == 2
    assert "not_person" not in shares
    assert against_release(rows, [("ent-1", "Gordon Snow")]) == {}
    p = tmp_path / "pairs_1.jsonl"
    p.write_text(json.dumps(_pair("not_person")) + "\n")  # an entity's judgment, not a pair's
    with pytest.raises(ValueError, match="pairs_1.jsonl:1"):
        load_judged(p)
