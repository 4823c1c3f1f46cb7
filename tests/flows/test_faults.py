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
from casewire.ingest.documents import MAX_CHARS
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


def _unit(source: str) -> str:
    """The input unit a ``rejects.source`` names: a JSONL record's id dropped."""
    return source.split(" (id ", 1)[0]


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
        build.build_release(raw_dir=str(mixed_raw), output_dir=str(out), max_failure_share=0.1)
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
        **dict(zip(map(_unit, rejects.source), rejects.reason, strict=True)),
    }
    assert seen == EXPECTED
    # a JSONL record is named by its id once it was read; a line that is no record is not
    assert {"feed.jsonl:2 (id feed/2)", "ids.jsonl:3 (id ids/1)", "feed.jsonl:3"} <= set(
        rejects.source
    )
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


def test_too_many_failures_name_each_document_and_its_error(
    prefect_harness, mixed_raw: Path, tmp_path: Path, monkeypatch
) -> None:
    from flows import build

    victims = {_doc_id(mixed_raw, "windows-1252.txt"), _doc_id(mixed_raw, "utf16-bom.txt")}
    _fail_on(monkeypatch, victims, RuntimeError("boom"))
    with pytest.raises(TooManyFailures) as info:
        build.build_release(
            raw_dir=str(mixed_raw), output_dir=str(tmp_path / "output"), max_failure_share=0.1
        )
    message = str(info.value)
    assert "windows-1252.txt: RuntimeError: boom at test_faults.py:" in message
    assert "utf16-bom.txt: RuntimeError: boom at test_faults.py:" in message


def test_one_failure_in_a_small_run_is_a_published_extraction_error_reject(
    prefect_harness, seed_raw: Path, tmp_path: Path, monkeypatch
) -> None:
    """Two documents, one fails: before, 50% > 5% stopped the run and pointed at
    extraction_error rejects that were never written."""
    from flows import build

    victim = _doc_id(seed_raw, "001_e430d21bfe07dd31.txt")
    _fail_on(monkeypatch, {victim}, ValueError("extractor tripped over this one"))
    out = tmp_path / "output"
    result = build.build_release(raw_dir=str(seed_raw), output_dir=str(out), use_cache=False)
    assert result.published and validate_release(_release(out)).ok
    rejects = pd.read_parquet(_release(out) / "rejects.parquet")
    assert list(zip(rejects.source, rejects.reason, strict=True)) == [
        ("001_e430d21bfe07dd31.txt", "extraction_error")
    ]
    assert "ValueError: extractor tripped over this one" in rejects.message.iloc[0]
    assert result.accounting == "2 input units = 1 documents + 1 rejects (extraction_error 1)"


# --- hostile raw folders: one real run, several behaviours ---------------------------
SECRET = "Outside Secret was sentenced today to five years in prison for tax evasion. " * 2
LATE_ARTICLE = (
    "Nora Quill was convicted today in Boise of wire fraud after a four-day trial, "
    "prosecutors in the District of Idaho said."
)
#: Inputs the run below adds to EXPECTED (they cannot live in git: links out of the
#: checkout, a megabyte text, a gzip line over the size limit).
HOSTILE_EXPECTED = {
    **EXPECTED,
    "huge.txt": "too_large",
    "secret-link.txt": "outside_raw",
    "elsewhere": "outside_raw",
    "inside-link.txt": "duplicate_of",
    "report.txt": "too_long",
    "long.jsonl.gz:1": "too_large",
    "long.jsonl.gz:2": "document",
}


def _long_line_gzip(path: Path, line_bytes: int) -> None:
    import gzip

    with gzip.open(path, "wb", compresslevel=1) as fh:
        fh.write(b'{"id": "long/1", "text": "')
        for _ in range(line_bytes // (1 << 20) + 1):
            fh.write(b"x" * (1 << 20))
        fh.write(b'"}\n' + json.dumps({"id": "long/2", "text": LATE_ARTICLE}).encode() + b"\n")


@pytest.fixture(scope="module")
def hostile_run(prefect_harness, seed_build, tmp_path_factory):
    """(result, output, snapshot of output before) of a real run over raw_bad, the seeds
    and hostile inputs made here, onto an output already holding a release."""
    from flows import build

    base = tmp_path_factory.mktemp("hostile")
    raw, outside = base / "raw", base / "outside"
    shutil.copytree(BAD, raw)
    for path in sorted(RAW.glob("*.txt")):
        shutil.copy(path, raw / path.name)
    with (raw / "huge.txt").open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (raw / "secret-link.txt").symlink_to(outside / "secret.txt")
    (raw / "elsewhere").symlink_to(outside, target_is_directory=True)
    (raw / "inside-link.txt").symlink_to("good_article.txt")
    sentence = "The court heard the case of a man charged with fraud in the city. "
    (raw / "report.txt").write_text(sentence * (MAX_CHARS // len(sentence) + 10))
    _long_line_gzip(raw / "long.jsonl.gz", MAX_BYTES + 1)
    out = base / "output"
    shutil.copytree(seed_build[1].parent.parent, out)  # a valid earlier release is in place
    before = _snapshot(out)
    result = build.build_release(raw_dir=str(raw), output_dir=str(out))
    return result, out, before


def test_hostile_run_accounts_for_every_input_unit(hostile_run) -> None:
    result, out, _ = hostile_run
    assert result.published and validate_release(_release(out)).ok
    docs = pd.read_parquet(_release(out) / "documents.parquet")
    rejects = pd.read_parquet(_release(out) / "rejects.parquet")
    seen = {
        **dict.fromkeys(docs.source_path, "document"),
        **dict(zip(map(_unit, rejects.source), rejects.reason, strict=True)),
    }
    assert seen == HOSTILE_EXPECTED
    assert result.accounting.startswith(f"{len(HOSTILE_EXPECTED)} input units = ")
    for part in ("duplicate_id 2", "outside_raw 2", "too_long 1", "unsupported_format 1"):
        assert part in result.accounting


def test_hostile_run_reads_nothing_outside_raw(hostile_run) -> None:
    _, out, _ = hostile_run
    release = _release(out)
    assert not any(b"Outside Secret" in p.read_bytes() for p in release.rglob("*") if p.is_file())


def test_hostile_run_leaves_the_previous_release_untouched(hostile_run) -> None:
    result, out, before = hostile_run
    after = _snapshot(out)
    old = {k: v for k, v in before.items() if k.startswith("releases/")}
    assert old and all(after[k] == v for k, v in old.items())
    assert (
        json.loads(after["latest.json"])["version"]
        == result.version
        != (json.loads(before["latest.json"])["version"])
    )


def test_hostile_run_rejects_say_what_to_fix(hostile_run) -> None:
    _, out, _ = hostile_run
    rejects = pd.read_parquet(_release(out) / "rejects.parquet").set_index("source")
    assert "1,000,000" in rejects.loc["report.txt"].message
    assert "good_article.txt" in rejects.loc["ids.jsonl:1 (id good_article)"].message
    assert ".txt, .jsonl, .jsonl.gz" in rejects.loc["page.json"].message
    assert "decompressed" in rejects.loc["long.jsonl.gz:1"].message


def test_hostile_run_publishes_no_impossible_date(hostile_run) -> None:
    _, out, _ = hostile_run
    docs = pd.read_parquet(_release(out) / "documents.parquet").set_index("source_path")
    assert docs.loc[["ids.jsonl:2", "ids.jsonl:4"], "published_date"].isna().all()
    events = pd.read_parquet(_release(out) / "events.parquet")
    assert events.date.dropna().str[:4].astype(int).le(2100).all()
