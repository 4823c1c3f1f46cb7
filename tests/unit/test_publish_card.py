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


def _column_row(card: str, table: str, column: str) -> str:
    """The card's line for ``column`` in the section of ``table``."""
    section = card.split(f"\n### {table}\n", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    return next(line for line in section.splitlines() if line.startswith(f"| `{column}` |"))


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
    assert "| legal_outcomes | 2 | 36 |" in card
    assert _column_row(card, "documents", "url").endswith("| 0% |")
    assert _column_row(card, "entities", "variants").endswith("| 25% |")
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
        for col in columns:  # every column of the file has its row, dropped ones too
            assert _column_row(card, name, col)
    assert _column_row(card, "mentions", "evidence").endswith("| 100% |")
    assert _column_row(card, "documents", "text").endswith("| 100% |")


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


def test_card_opens_with_hugging_face_metadata(release: Path) -> None:
    import yaml

    import schemas

    card = (release / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n")
    meta = yaml.safe_load(card.split("---\n", 2)[1])
    assert meta["license"] == "cc-by-4.0" and meta["language"] == ["en", "es"]
    assert meta["size_categories"] == ["n<1K"]
    configs = {c["config_name"]: c["data_files"] for c in meta["configs"]}
    assert list(configs) == list(schemas.TABLES)
    assert all((release / f).is_file() for f in configs.values())


def test_column_meanings_are_the_schemas_descriptions(release: Path) -> None:
    import schemas

    card = (release / "README.md").read_text(encoding="utf-8")
    for name, model in schemas.TABLES.items():
        assert f"{model.__config__.description} Key: " in card, name
        for col, column in model.to_schema().columns.items():
            description = column.description.replace("|", "\\|")
            assert f"| `{col}` | " in card and f" | {description} | " in _column_row(
                card, name, col
            ), (name, col)


def test_card_states_coverage_limitations_and_personal_data(release: Path) -> None:
    card = (release / "README.md").read_text(encoding="utf-8")
    coverage = card.split("## Coverage", 1)[1].split("\n## ", 1)[0]
    assert "1 document(s) from 1 input file(s); 0 with a source `url`." in coverage
    assert "- `published_date`: 2021-03-04 to 2021-03-04, on 1 of 1 documents." in coverage
    assert "- `decision_date`: 2021-01 to 2021-03-03, on 2 of 2 legal outcomes." in coverage
    assert "## Limitations and known error classes" in card
    personal = card.split("## Personal data", 1)[1].split("\n## ", 1)[0]
    assert "victims" in personal.lower() and "removal" in personal


def test_card_shows_accuracy_per_field_from_the_committed_summary(tmp_path: Path) -> None:
    from casewire.publish.accuracy import ACCURACY_FILE, load_accuracy

    summary = load_accuracy()
    assert summary is not None, f"{ACCURACY_FILE} is missing: run make eval"
    result = publish_release(
        example_tables(),
        tmp_path,
        sources=SOURCES,
        stats={},
        eval_figures=summary,
        build_date="2026-11-22",
    )
    card = (result.path / "README.md").read_text(encoding="utf-8")
    accuracy = card.split("## Accuracy", 1)[1].split("\n## ", 1)[0]
    for field, exact in summary["fields"].items():
        assert f"| {field} | {exact:.3f} |" in accuracy, field
    assert "| test | " in accuracy
