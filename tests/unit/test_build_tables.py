"""casewire.tables.build_tables: the records it is handed are let go as tables are made."""

from __future__ import annotations

import pandas as pd
import pytest

from casewire.extract import extract_document
from casewire.resolve import resolve_entities
from casewire.tables import build_tables


@pytest.fixture(scope="module")
def seed_extractions(nlp, seed_documents):
    return [extract_document(nlp(d.text), d) for d in seed_documents.values()]


def test_handed_over_records_lose_their_mentions(seed_extractions) -> None:
    handed_over = list(reversed(seed_extractions))
    tables = build_tables(handed_over, [])
    assert [x.document.doc_id for x in handed_over] == sorted(
        x.document.doc_id for x in seed_extractions
    )
    assert all(x.mentions == () for x in handed_over)
    assert all(
        x.outcomes == y.outcomes
        for x, y in zip(
            handed_over, sorted(seed_extractions, key=lambda x: x.document.doc_id), strict=True
        )
    )
    assert len(tables["mentions"]) == sum(len(x.mentions) for x in seed_extractions) > 50


def test_tables_do_not_depend_on_record_order(seed_extractions) -> None:
    first = build_tables(list(seed_extractions), [])
    second = build_tables(list(reversed(seed_extractions)), [])
    assert first.keys() == second.keys()
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name])


def test_released_resolution_still_maps_names(seed_extractions) -> None:
    res = resolve_entities(seed_extractions)
    rows = res.entities()
    res.release_clusters()
    some = next(m for x in seed_extractions for m in x.mentions)
    assert res.entity_id_for(some.doc_id, some.entity_type, some.canonical) in {
        r["entity_id"] for r in rows
    }
    with pytest.raises(RuntimeError, match="released"):
        res.entities()
