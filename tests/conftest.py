"""Shared fixtures: the real spaCy model, the seed documents, paths to shared data."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Prefect reads these at import: tests get a fresh, throw-away Prefect state (never
# the checkout's .prefect/ that `make run` uses) and stay offline.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="casewire-prefect-")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
# A loaded 2-core machine can take longer than the default 20 s to start the server.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "raw"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
BAD_INPUT = REPO / "tests" / "fixtures" / "raw_bad"

#: Each unit of tests/fixtures/raw_bad (file, or JSONL line) -> "document" or its
#: reject reason. "huge.txt" is made by the tests (a sparse file over the size limit).
BAD_INPUT_EXPECTED = {
    "good_article.txt": "document",
    "same article again (1).txt": "duplicate_of",
    "résumé – café (copie).txt": "document",
    "empty.txt": "empty",
    "scanned.txt": "binary",
    "windows-1252.txt": "document",
    "utf16-bom.txt": "document",
    "deutsch.txt": "unsupported_language",
    "bot-check.txt": "not_a_release",
    "feed.jsonl:1": "document",
    "feed.jsonl:2": "missing_field",
    "feed.jsonl:3": "malformed_json",
    "cut.jsonl.gz:1": "document",
    "cut.jsonl.gz": "undecodable",
    "huge.txt": "too_large",
    "UPPER.TXT": "document",
    "page.json": "unsupported_format",
    "ids.jsonl:1": "duplicate_id",  # the id of good_article.txt, which sorts first
    "ids.jsonl:2": "document",  # its date 2023-02-30 dropped
    "ids.jsonl:3": "duplicate_id",
    "ids.jsonl:4": "document",  # its date 9999-12-31 dropped; a zero-width joiner in the name
}


@pytest.fixture(scope="session")
def nlp():
    from casewire.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_documents():
    from casewire.ingest import read_raw
    from casewire.records import Document

    docs = [d for d in read_raw(RAW) if isinstance(d, Document)]
    assert len(docs) == 2, "raw/ must hold the two seed articles"
    return {d.source_id: d for d in docs}


@pytest.fixture(scope="session")
def seed_release_tables(nlp, seed_documents, tmp_path_factory):
    """The seed tables as a release folder holds them (validated, written, read back),
    built in-process without Prefect."""
    import schemas
    from casewire.pipeline import run_pipeline
    from casewire.publish import read_tables, write_tables

    folder = tmp_path_factory.mktemp("seed-tables")
    write_tables(schemas.validate_tables(run_pipeline(list(seed_documents.values()), nlp)), folder)
    return read_tables(folder)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "doj_press_releases.jsonl.gz").exists():
        pytest.skip(f"corpus not found at {CORPUS} (it lives in ../shared/corpus beside the repo)")
    return CORPUS
