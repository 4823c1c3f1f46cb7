"""Faults in a real flow run never publish a broken release; bad input is accounted for.

Real Prefect flow runs (``flows.build.build_release`` called directly: a sync flow runs
in this process, its tasks in threads of it, so ``monkeypatch`` reaches them).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import schemas
from casewire import pipeline, tables
from casewire.ingest import read_raw
from casewire.ingest.sources import MAX_BYTES
from casewire.pipeline import TooManyFailures
from casewire.publish import validate_release
from casewire.records import Document
from tests.conftest import BAD_INPUT, BAD_INPUT_EXPECTED, RAW

BAD = BAD_INPUT
#: input unit -> "document" or the reject reason (raw_bad plus the two seed articles)
EXPECTED = {**BAD_INPUT_EXPECTED, **{p.name: "document" for p in sorted(RAW.glob("*.txt"))}}


@pytest.fixture
def mixed_raw(tmp_path: Path) -> Path:
    """raw_bad + the two seed articles + a (sparse) file over the size limit."""
    raw = tmp_path / "raw"
    shutil.copytree(BAD, raw)
    for path in sorted(RAW.glob("*.txt")):
        shutil.copy(path, raw / path.name)
    with (raw / "huge.txt").open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    return raw


def _doc_id(raw: Path, source_path: str) -> str:
    docs = [u for u in read_raw(raw) if isinstance(u, Document)]
    return next(d.doc_id for d in docs if d.source_path == source_path)


def _release(out: Path) -> Path:
    latest = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    return out / latest["path"]


def _snapshot(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def _fail_on(monkeypatch, doc_ids: set[str], error: Exception) -> None:
    """Make extraction raise ``error`` for the given documents only."""
    real = pipeline.extract_document

    def flaky(doc, document):
        if document.doc_id in doc_ids:
            raise error
        return real(doc, document)

    monkeypatch.setattr(pipeline, "extract_document", flaky)


def test_validation_failure_publishes_nothing_and_shows_the_failures(
    prefect_harness, seed_build, seed_raw, tmp_path: Path, monkeypatch
) -> None:
    from flows import build

    _, release = seed_build
    out = tmp_path / "output"
    shutil.copytree(release.parent.parent, out)  # a valid earlier release is in place
    before = _snapshot(out)
    real = tables.build_tables

    def broken(extractions, rejects):
        frames = real(extractions, rejects)
        frames["charges"] = frames["charges"].copy()
        frames["charges"].loc[0, "case_id"] = "case-ffffffffffffffff"  # dangling key
        return frames

    monkeypatch.setattr(build.tables, "build_tables", broken)
    with pytest.raises(schemas.ReleaseValidationError) as info:
        # use_cache=False: the patched code is not in the build fingerprint
        build.build_release(raw_dir=str(seed_raw), output_dir=str(out), use_cache=False)
    message = str(info.value)
    assert "validation failure(s) in: charges" in message
    header = message.splitlines()[1].split()
    assert header == ["table", "column", "check", "failure_case", "index"]
    assert "foreign key -> cases.case_id" in message
    assert "'case-ffffffffffffffff'" in message
    assert _snapshot(out) == before  # latest.json and every release untouched
    assert not list((out / "releases").glob(".tmp-*"))


def test_one_failing_document_is_quarantined_and_the_rest_published(
    prefect_harness, mixed_raw: Path, tmp_path: Path, monkeypatch
) -> None:
    from flows import build

    victim = _doc_id(mixed_raw, "windows-1252.txt")
    _fail_on(monkeypatch, {victim}, ValueError("extractor tripped over this one"))
    out = tmp_path / "output"
    result = build.build_release(raw_dir=str(mixed_raw), output_dir=str(out), max_failure_share=0.5)
    assert result.published
    release = _release(out)
    assert validate_release(release).ok
    docs = pd.read_parquet(release / "documents.parquet")
    rejects = pd.read_parquet(release / "rejects.parquet").set_index("source")
    assert victim not in set(docs.doc_id)
    row = rejects.loc["windows-1252.txt"]
    assert row.reason == "extraction_error"
    assert row.message.startswith("ValueError: extractor tripped over this one at ")
    assert "test_faults.py:" in row.message and victim in row.message  # traceback summary
    expected_docs = {k for k, v in EXPECTED.items() if v == "document"} - {"windows-1252.txt"}
    assert set(docs.source_path) == expected_docs


def test_too_many_failures_fail_the_run_and_publish_nothing(
    prefect_harness, mixed_raw: Path, tmp_path: Path, monkeypatch
) -> None:
    from flows import build

    victims = {_doc_id(mixed_raw, "windows-1252.txt"), _doc_id(mixed_raw, "utf16-bom.txt")}
    _fail_on(monkeypatch, victims, RuntimeError("boom"))
    out = tmp_path / "output"
    n_docs = sum(v == "document" for v in EXPECTED.values())
    with pytest.raises(TooManyFailures, match=rf"2 of {n_docs} documents failed extraction"):
        build.build_release(raw_dir=str(mixed_raw), output_dir=str(out), max_failure_share=0.2)
    assert not (out / "latest.json").exists()
    assert not any((out / "releases").iterdir()) if (out / "releases").exists() else True


def test_every_input_unit_is_a_document_or_a_reject_with_its_reason(
    prefect_harness, mixed_raw: Path, tmp_path: Path
) -> None:
    from flows import build

    out = tmp_path / "output"
    result = build.build_release(raw_dir=str(mixed_raw), output_dir=str(out))
    assert result.published
    release = _release(out)
    assert validate_release(release).ok
    docs = pd.read_parquet(release / "documents.parquet")
    rejects = pd.read_parquet(release / "rejects.parquet")
    assert len(docs) + len(rejects) == len(EXPECTED)  # EXPECTED lists every input unit
    seen = {
        **dict.fromkeys(docs.source_path, "document"),
        **dict(zip(rejects.source, rejects.reason, strict=True)),
    }
    assert seen == EXPECTED
    for row in rejects.itertuples():
        assert row.message.strip(), f"{row.source}: reject without a message"
    duplicate = rejects.set_index("source").loc["same article again (1).txt"]
    kept = docs.set_index("source_path").loc["good_article.txt"]
    assert duplicate.duplicate_of == kept.doc_id


def test_failing_document_that_has_a_duplicate_does_not_sink_the_run(
    prefect_harness, mixed_raw: Path, tmp_path: Path, monkeypatch
) -> None:
    from flows import build

    victim = _doc_id(mixed_raw, "good_article.txt")  # "same article again (1).txt" dups it
    _fail_on(monkeypatch, {victim}, ValueError("extractor tripped over this one"))
    out = tmp_path / "output"
    result = build.build_release(raw_dir=str(mixed_raw), output_dir=str(out), max_failure_share=0.5)
    assert result.published and validate_release(_release(out)).ok
