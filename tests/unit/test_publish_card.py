"""The dataset card: counts, fill rates, evaluation, and load snippets that really run."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from casewire.publish import publish_release
from casewire.publish.card import fill_rates
from schemas.examples import example_tables

SOURCES = [{"path": "raw/doe.txt", "sha256": "a" * 64, "bytes": 187}]


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    return publish_release(
        example_tables(),
        out,
        sources=SOURCES,
        stats={"inputs": 3},
        eval_figures={"outcomes_f1": 0.8125, "gold_documents": 12},
        build_date="2026-11-22",
    ).path


def _snippets(card: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", card, flags=re.S)


def test_card_snippets_run_against_the_release(release: Path) -> None:
    snippets = _snippets((release / "README.md").read_text(encoding="utf-8"))
    assert len(snippets) == 2 and "duckdb" in snippets[1]
    cwd = os.getcwd()
    os.chdir(release)
    try:
        for code in snippets:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - our own card
            assert "United States v. Jane Doe" in out.getvalue()
    finally:
        os.chdir(cwd)


def test_card_lists_counts_fill_rates_evaluation_provenance(release: Path) -> None:
    card = (release / "README.md").read_text(encoding="utf-8")
    assert f"# casewire release {release.name}" in card
    assert "| legal_outcomes | 2 | 27 |" in card
    assert "url 0%" in card and "variants 33%" in card
    assert "| outcomes_f1 | 0.812 |" in card and "| gold_documents | 12 |" in card
    assert "1 input file(s), 187 bytes" in card and "| inputs | 3 |" in card
    assert "CC-BY-4.0" in card and "First release." in card


def test_card_and_report_describe_every_column_of_the_files(release: Path) -> None:
    """Publishing drops long columns once their files are written; the card and the
    report still count and rate every column the files hold."""
    card = (release / "README.md").read_text(encoding="utf-8")
    report = (release / "report.html").read_text(encoding="utf-8")
    for name in ("documents", "mentions", "entities", "entity_roles"):
        columns = pq.read_schema(release / f"{name}.parquet").names
        rows = pq.read_metadata(release / f"{name}.parquet").num_rows
        assert f"| {name} | {rows} | {len(columns)} |" in card
        assert f"<td>{name}</td><td class=num>{rows:,}</td><td class=num>{len(columns)}</td>" in (
            report
        )
    assert "evidence 100%" in card.split("**mentions**")[1].split("\n")[0]
    assert "text 100%" in card.split("**documents**")[1].split("\n")[0]


def test_card_without_evaluation_says_so(tmp_path: Path) -> None:
    result = publish_release(
        example_tables(), tmp_path, sources=SOURCES, stats={}, build_date="2026-11-22"
    )
    assert "No evaluation figures" in (result.path / "README.md").read_text(encoding="utf-8")


def test_fill_rates_count_empty_lists_as_unfilled() -> None:
    frame = pd.DataFrame({"a": [["x"], [], ["y"], []], "b": [None, "v", "w", None]})
    assert fill_rates(frame) == {"a": 0.5, "b": 0.5}


def test_fill_rates_equal_the_cell_by_cell_definition() -> None:
    def reference(df: pd.DataFrame) -> dict[str, float]:
        filled = {
            c: df[c].map(lambda v: len(v) > 0 if isinstance(v, list) else not pd.isna(v))
            for c in df.columns
        }
        return {c: float(f.mean()) for c, f in filled.items()}

    for df in example_tables().values():
        if len(df):
            assert fill_rates(df) == reference(df)
    frame = pd.DataFrame(
        {
            "l": pd.Series([["x"], [], None, ["y"], [], ["z"], []], dtype=object),
            "n": pd.Series([1, None, 3, None, None, 6, 7], dtype="Int64"),
            "f": [0.1, float("nan"), 0.3, 0.4, float("nan"), 0.6, 0.7],
            "s": pd.Series(["a", None, "", "b", None, "c", "d"], dtype="str"),
            "b": [True, False, True, True, False, True, True],
        }
    )
    assert fill_rates(frame) == reference(frame)
    assert all(type(r) is float for r in fill_rates(frame).values())
