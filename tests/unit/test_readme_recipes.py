"""The README's three recipes (bribery sentences by year, judges by defendants
sentenced, one person's history), in pandas and DuckDB, on a real release built from
corpus documents: both give the same answer, and the answer counts decisions, not
reports."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from casewire.ingest import read_raw
from casewire.pipeline import run_pipeline
from casewire.publish import publish_release, validate_release
from casewire.records import Document
from tests.conftest import RAW, REPO

duckdb = pytest.importorskip("duckdb")

#: Corpus press releases about bribery sentences before a named judge (short ones, so
#: the release builds in seconds), beside the two seeds (Garcia Luna, two reports of
#: one conviction).
N_DOCUMENTS = 16
_WANTED = (
    re.compile(r"\bbrib", re.I),
    re.compile(r"\bsentenced to \d+ months"),
    re.compile(r"\bJudge [A-Z]"),
)


def _corpus_lines(corpus: Path) -> Iterator[bytes]:
    with gzip.open(corpus / "doj_press_releases.jsonl.gz", "rb") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            if len(text) < 5000 and all(p.search(text) for p in _WANTED):
                yield line


@pytest.fixture(scope="module")
def site(corpus_dir: Path, nlp, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``output/`` with one release of the chosen documents."""
    root = tmp_path_factory.mktemp("recipes")
    raw = root / "raw"
    raw.mkdir()
    for path in sorted(RAW.glob("*.txt")):
        shutil.copy(path, raw / path.name)
    lines = _corpus_lines(corpus_dir)
    (raw / "corpus.jsonl").write_bytes(b"".join(next(lines) for _ in range(N_DOCUMENTS)))
    docs = [d for d in read_raw(raw) if isinstance(d, Document)]
    tables = run_pipeline(docs, nlp)
    sources = [{"path": "corpus.jsonl", "sha256": "a" * 64, "bytes": 1}]
    result = publish_release(tables, root / "output", sources=sources, stats={},
                             build_date="2026-12-07")  # fmt: skip
    assert result.published and validate_release(result.path).ok
    return root


def _blocks(kind: str, marker: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(rf"```{kind}\n(.*?)```", text, re.S) if marker in b]
    return block


@contextlib.contextmanager
def _inside(root: Path) -> Iterator[None]:
    cwd = os.getcwd()
    os.chdir(root)  # the README's paths are relative to the folder holding output/
    try:
        yield
    finally:
        os.chdir(cwd)


def _python(root: Path, marker: str, **replace: str) -> dict:
    code = _blocks("python", marker)
    for old, new in replace.items():
        code = code.replace(old, new)
    names: dict = {}
    with _inside(root), contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "README.md", "exec"), names)  # noqa: S102 - the README's own code
    return names


def _sql(root: Path, marker: str, **replace: str) -> list[tuple]:
    sql = _blocks("sql", marker)
    for old, new in replace.items():
        sql = sql.replace(old, new)
    statements = [s for s in sql.split(";") if s.strip()]
    with _inside(root):
        con = duckdb.connect()
        for statement in statements[:-1]:
            con.execute(statement)
        return con.execute(statements[-1]).fetchall()


def _release(root: Path, name: str) -> pd.DataFrame:
    latest = json.loads((root / "output" / "latest.json").read_text())
    return pd.read_parquet(root / "output" / latest["path"] / f"{name}.parquet")


def test_bribery_sentences_by_year_count_each_decision_once(site: Path) -> None:
    by_year = _python(site, "bribery.groupby")["by_year"]
    rows = _sql(site, "recipe: bribery sentences by year")
    assert rows, "the chosen documents hold bribery sentences with a term"
    assert [(y, float(m), int(n)) for y, m, n in rows] == [
        (y, float(r["median"]), int(r["count"])) for y, r in by_year.iterrows()
    ]
    decisions = _release(site, "case_outcomes")
    chosen = decisions[
        (decisions.outcome_type == "sentenced")
        & (decisions.charge_category == "bribery/corruption")
        & decisions.sentence_max_months.notna()
    ]
    assert sum(n for _, _, n in rows) == len(chosen) == chosen.case_outcome_id.nunique()
    reports = _release(site, "legal_outcomes")
    assert set(chosen.case_outcome_id) <= set(reports.case_outcome_id)


def test_judges_by_defendants_sentenced_name_judge_entities(site: Path) -> None:
    judges = _python(site, "nunique().rename")["judges"]
    rows = _sql(site, "recipe: judges by defendants sentenced")
    assert rows and [(j, n) for _, j, n in rows] == [
        (r.canonical_name, r.defendants) for r in judges.head(10).itertuples()
    ]
    entities = _release(site, "entities").set_index("entity_id")
    for judge_id, name, _ in rows:
        assert entities.loc[judge_id, "canonical_name"] == name
        assert "judge" in entities.loc[judge_id, "roles"]


def test_one_persons_history_lists_each_decision_once(site: Path) -> None:
    decisions = _release(site, "case_outcomes")
    entities = _release(site, "entities").set_index("entity_id")
    busiest = decisions.defendant_entity_id.value_counts().index[0]
    name = entities.loc[busiest, "canonical_name"]
    history = _python(site, "person = ", **{'"Genaro Garcia Luna"': json.dumps(name)})["history"]
    rows = _sql(
        site, "recipe: one person's history", **{"Genaro Garcia Luna": name.replace("'", "''")}
    )
    same_name = entities.index[entities.canonical_name == name]
    expected = decisions[decisions.defendant_entity_id.isin(same_name)]
    assert len(rows) == len(history) == len(expected) >= 2
    assert [r[1] for r in rows] == history.outcome_type.tolist()


def test_seed_conviction_reported_twice_is_one_decision(site: Path) -> None:
    garcia = _sql(site, "recipe: one person's history")  # the README's own person
    convictions = [r for r in garcia if r[1] == "convicted"]
    assert len(convictions) == 1 and convictions[0][6] == 2  # n_documents
