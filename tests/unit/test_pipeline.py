"""Batching and worker processes of the extraction stage (real model, real documents)."""

from __future__ import annotations

import dataclasses

import pytest

from casewire.pipeline import ExtractorPool, batches, extract_documents
from casewire.records import Document


def _doc(i: int, n_chars: int) -> Document:
    return Document(
        doc_id=f"doc-{i}", source_id=str(i), source_path=f"x.txt:{i}", title=None,
        published_date=None, date_source=None, url=None, language="en", text="x" * n_chars,
        content_sha256="0" * 64,
    )  # fmt: skip


def test_batches_keep_order_and_cap_documents_and_characters() -> None:
    docs = [_doc(i, n) for i, n in enumerate([10, 10, 10, 500, 10, 10, 10, 10])]
    groups = list(batches(docs, batch_size=3, max_chars=100))
    assert [d for g in groups for d in g] == docs  # nothing lost, nothing reordered
    assert [len(g) for g in groups] == [3, 1, 3, 1]  # the long one alone
    assert all(len(g) <= 3 for g in groups)


def test_batches_of_nothing() -> None:
    assert list(batches([], batch_size=64)) == []


def test_a_pool_of_two_processes_extracts_what_one_process_does(nlp, seed_documents) -> None:
    docs = list(seed_documents.values()) * 2  # two batches of one doc each per worker
    one = extract_documents(docs, nlp, batch_size=1)
    seen: list[int] = []
    with ExtractorPool(None, 2) as pool:
        two = extract_documents(docs, None, batch_size=1, pool=pool, on_batch=seen.append)
    assert not one.rejects and not two.rejects
    assert [dataclasses.asdict(e) for e in two.extractions] == [
        dataclasses.asdict(e) for e in one.extractions
    ]
    assert sum(seen) == len(docs)


def test_a_pool_needs_two_processes() -> None:
    with pytest.raises(ValueError, match="n_process >= 2"):
        ExtractorPool(None, 1)


def test_share_strings_makes_equal_strings_one_object(nlp) -> None:
    from casewire.extract import extract_document
    from casewire.records import share_strings

    text = "John Smith met Mary Jones in Boston. John Smith and Mary Jones left Boston."
    document = Document("d1", "s", "s.txt", None, None, None, None, "en", text, "x")
    first = extract_document(nlp(text), document)
    second = share_strings(extract_document(nlp(text), document))
    assert second == first  # values unchanged
    texts = [m.text for m in first.mentions]  # "John Smith" twice, as two objects
    assert len({id(t) for t in texts}) > len(set(texts))
    for name in ("text", "canonical", "label", "entity_type"):
        values = [getattr(m, name) for m in second.mentions]
        assert len({id(v) for v in values}) == len(set(values)), name
