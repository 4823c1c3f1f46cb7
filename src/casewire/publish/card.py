"""The dataset card (``README.md``) shipped in every release."""

from __future__ import annotations

from typing import Any

import pandas as pd

import schemas
from casewire.publish.datapackage import SOURCES_STATUS

LOAD_PANDAS = """import pandas as pd

documents = pd.read_parquet("documents.parquet")
outcomes = pd.read_parquet("legal_outcomes.parquet")
cases = pd.read_parquet("cases.parquet")
print(outcomes.merge(cases, on="case_id", suffixes=("", "_case"))
      [["caption", "outcome_type", "sentence_max_months"]].head())
"""
LOAD_DUCKDB = '''import duckdb

print(duckdb.sql("""
    SELECT c.caption, o.outcome_type, o.decision_date, o.evidence
    FROM 'legal_outcomes.parquet' o JOIN 'cases.parquet' c USING (case_id)
    ORDER BY o.decision_date
""").fetchall())
'''


def fill_rates(df: pd.DataFrame) -> dict[str, float]:
    """Share of non-null (and, for lists, non-empty) cells per column."""
    if not len(df):
        return {c: 0.0 for c in df.columns}
    rates = {}
    for col in df.columns:
        series = df[col]
        notna = series.notna().to_numpy()
        if series.dtype == object:  # list cells count when non-empty
            filled = sum(
                len(v) > 0 if isinstance(v, list) else bool(ok)
                for v, ok in zip(series.tolist(), notna.tolist(), strict=True)
            )
        else:
            filled = int(notna.sum())
        rates[col] = filled / len(series)
    return rates


#: Rows and per-column fill rates of each table, as the card and report show them.
Profile = dict[str, tuple[int, dict[str, float]]]


def table_profile(tables: dict[str, pd.DataFrame]) -> Profile:
    """``{table: (rows, fill_rates)}``: taken before publishing drops long columns, so
    the card and report describe every column of the files."""
    return {name: (len(df), fill_rates(df)) for name, df in tables.items()}


def render_card(
    version: str,
    tables: dict[str, pd.DataFrame],
    *,
    sources: list[dict[str, Any]],
    stats: dict[str, Any],
    eval_figures: dict[str, Any] | None,
    changelog: str,
    profile: Profile | None = None,
) -> str:
    """Markdown dataset card: contents, counts, fill rates, evaluation, provenance, usage.

    ``profile`` (:func:`table_profile`) is computed from ``tables`` unless given.
    """
    profile = profile if profile is not None else table_profile(tables)
    parts = [
        f"# casewire release {version}",
        "",
        "Criminal cases extracted from government press releases and news articles: "
        "documents, entities, events, legal outcomes, charges and cases. Every fact row "
        "carries `doc_id`, `start_char`, `end_char` and the `evidence` passage, and "
        "`documents.text[start_char:end_char] == evidence` holds in the Parquet files.",
        "",
        f"Schema version {schemas.SCHEMA_VERSION}; the pandera schemas are in `schema.json`, "
        "the Frictionless descriptor in `datapackage.json`, checksums in `SHA256SUMS`.",
        "",
        "## Tables",
        "",
        "| table | rows | columns |",
        "|---|---:|---:|",
        *[f"| {n} | {rows} | {len(rates)} |" for n, (rows, rates) in profile.items()],
        "",
        _fill_section(profile),
        _eval_section(eval_figures),
        _provenance(sources, stats),
        "## License",
        "",
        "casewire tables: CC-BY-4.0. " + SOURCES_STATUS,
        "",
        "## How to load",
        "",
        "Parquet files are canonical. CSV copies are for spreadsheets: list cells are "
        "joined with `;` and text starting with `= + - @`, tab or CR has a leading `'` "
        "(formula neutralization), so CSV evidence may differ from the document text.",
        "",
        "```python",
        LOAD_PANDAS.rstrip(),
        "```",
        "",
        "```python",
        LOAD_DUCKDB.rstrip(),
        "```",
        "",
        "## Changes",
        "",
        changelog,
    ]
    return "\n".join(parts).rstrip() + "\n"


def _fill_section(profile: Profile) -> str:
    lines = ["## Fill rate per column", ""]
    for name, (_, rates) in profile.items():
        cells = ", ".join(f"{c} {r:.0%}" for c, r in rates.items())
        lines.append(f"- **{name}**: {cells}")
    return "\n".join(lines) + "\n"


def _eval_section(figures: dict[str, Any] | None) -> str:
    if not figures:
        return "## Evaluation\n\nNo evaluation figures were supplied for this build.\n"
    lines = ["## Evaluation", "", "| measure | value |", "|---|---|"]
    lines += [f"| {k} | {_fmt(v)} |" for k, v in figures.items()]
    return "\n".join(lines) + "\n"


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _provenance(sources: list[dict[str, Any]], stats: dict[str, Any]) -> str:
    total = sum(int(s["bytes"]) for s in sources)
    lines = [
        "## Provenance",
        "",
        f"Built from {len(sources)} input file(s), {total} bytes; each is listed with "
        "its SHA-256 under `sources` in `datapackage.json`.",
        "",
    ]
    if stats:
        lines += ["| run statistic | value |", "|---|---|"]
        lines += [f"| {k} | {_fmt(v)} |" for k, v in stats.items()]
    return "\n".join(lines) + "\n"
