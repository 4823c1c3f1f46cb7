"""The README's DuckDB queries read the one release ``latest.json`` names: with two
releases in ``output/``, a sentence is one row, not one per release."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from casewire.publish import publish_release
from schemas.examples import example_tables
from tests.conftest import REPO

duckdb = pytest.importorskip("duckdb")


def _sql_blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", text, flags=re.S)


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``output/`` with two releases; latest.json names the second."""
    root = tmp_path_factory.mktemp("site")
    sources = [{"path": "doe.txt", "sha256": "a" * 64, "bytes": 187}]
    tables = example_tables()
    publish_release(tables, root / "output", sources=sources, stats={}, build_date="2026-11-21")
    changed = example_tables()
    changed["legal_outcomes"].loc[0, "fine_usd"] = 500.0  # a second, different release
    publish_release(changed, root / "output", sources=sources, stats={}, build_date="2026-11-22")
    assert len(list((root / "output" / "releases").iterdir())) == 2
    return root


def _run(root: Path, sql: str) -> list[tuple]:
    cwd = os.getcwd()
    os.chdir(root)  # the README's paths are relative to the folder holding output/
    try:
        con = duckdb.connect()
        statements = [s for s in sql.split(";") if s.strip()]
        for statement in statements[:-1]:
            con.execute(statement)
        return con.execute(statements[-1]).fetchall()
    finally:
        os.chdir(cwd)


def test_no_readme_query_globs_every_release() -> None:
    blocks = _sql_blocks()
    assert blocks and not any("releases/*" in sql for sql in blocks)
    assert all("latest.json" in sql for sql in blocks)


def test_readme_outcomes_query_reads_the_latest_release_once(two_releases: Path) -> None:
    (sql,) = [s for s in _sql_blocks() if "legal_outcomes.parquet" in s]
    rows = _run(two_releases, sql)
    assert rows == [("Jane Doe", "sentenced", 60, 500.0)]  # the second release's fine, once


def test_readme_ages_query_reads_the_latest_release(two_releases: Path) -> None:
    (sql,) = [s for s in _sql_blocks() if "entity_ages agreement" in s]
    rows = _run(two_releases, sql)
    assert len(rows) == 1 and rows[0][1] == "Jane Doe"
