"""The seed release against the hand-checked gold (../shared/gold/seeds.jsonl)."""

from __future__ import annotations

import json

import pytest

from casewire.evaluate import rows_from_tables, score
from tests.conftest import GOLD


@pytest.fixture(scope="module")
def seed_score(seed_tables) -> dict:
    path = GOLD / "seeds.jsonl"
    if not path.exists():
        pytest.skip(f"seed gold not found at {path} (it lives in ../shared/gold)")
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    docs = seed_tables["documents"]
    predicted = rows_from_tables(seed_tables, dict(zip(docs.doc_id, docs.source_id, strict=True)))
    return score(gold, predicted)


def test_every_seed_gold_outcome_is_found(seed_score) -> None:
    outcomes = seed_score["outcomes"]
    assert outcomes["fn"] == 0, seed_score["misses"]
    assert outcomes["fp"] == 0


@pytest.mark.parametrize(
    "field",
    [
        "outcome_type",
        "sentence_min_months",
        "sentence_max_months",
        "life_sentence",
        "fine_usd",
        "judge",
        "decision_date",
        "conviction_method",
        "defendant_age",
    ],
)
def test_seed_fields_match_the_gold(seed_score, field: str) -> None:
    assert seed_score["fields"][field]["exact"] == 1.0
