"""The dataset card (``README.md``) shipped in every release, in the Hugging Face style:
a YAML metadata header, then what each table and column means (read from the schemas,
where each column is declared once), coverage, accuracy, limitations, personal data."""

from __future__ import annotations

from typing import Any

import pandas as pd
import yaml

import schemas
from casewire.ingest.documents import SUPPORTED_LANGUAGES
from casewire.publish.card_text import LIMITATIONS, PERSONAL_DATA
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
        metadata_header(profile),
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
        _columns_section(profile),
        _coverage(tables, sources),
        _eval_section(eval_figures),
        LIMITATIONS,
        PERSONAL_DATA,
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


def metadata_header(profile: Profile) -> str:
    """The YAML block Hugging Face reads: license, language, size, one config per table."""
    documents = profile.get("documents", (0, {}))[0]
    meta = {
        "license": "cc-by-4.0",
        "language": sorted(SUPPORTED_LANGUAGES),
        "pretty_name": "casewire: criminal and corruption cases from press releases",
        "tags": ["legal", "criminal-justice", "corruption", "information-extraction"],
        "size_categories": [_size_category(documents)],
        "configs": [
            {"config_name": name, "data_files": f"{name}.parquet"} for name in schemas.TABLES
        ],
    }
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n"


def _size_category(n: int) -> str:
    """Hugging Face's size bucket of ``n`` examples (documents here)."""
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if n < limit:
            return label
    return "100K<n<1M" if n < 1_000_000 else "n>1M"


def _columns_section(profile: Profile) -> str:
    """Each table's meaning and, per column, type, description and fill rate: the
    descriptions are the schemas' own (``schemas/<table>.py``), never a second list."""
    lines = ["## Columns", ""]
    for name, (_, rates) in profile.items():
        model = schemas.TABLES[name]
        columns = model.to_schema().columns
        dtypes = schemas.dtypes(name)
        keys = ", ".join(f"`{k}`" for k in schemas.primary_key(name))
        lines += [f"### {name}", "", f"{model.__config__.description} Key: {keys}.", ""]
        lines += ["| column | type | meaning | filled |", "|---|---|---|---:|"]
        for col, column in columns.items():
            meaning = (column.description or "").replace("|", "\\|")
            lines.append(f"| `{col}` | {_TYPE_NAMES[dtypes[col]]} | {meaning} | {rates[col]:.0%} |")
        lines.append("")
    return "\n".join(lines)


_TYPE_NAMES = {
    "str": "text",
    "int64": "integer",
    "Int64": "integer (nullable)",
    "float64": "number",
    "bool": "boolean",
    "object": "list of text",
}


def _coverage(tables: dict[str, pd.DataFrame], sources: list[dict[str, Any]]) -> str:
    """Where the documents come from and the dates they and their decisions span."""
    docs = tables["documents"]
    folders = pd.Series([_origin(p) for p in docs["source_path"]], dtype=object)
    lines = ["## Coverage", ""]
    lines.append(
        f"{len(docs)} document(s) from {len(sources)} input file(s); "
        f"{docs['url'].notna().sum()} with a source `url`."
    )
    lines += ["", "| source | documents |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(folders.value_counts().items())]
    lines += ["", _span("published_date", docs["published_date"], "documents")]
    outcomes = tables["legal_outcomes"]
    lines.append(_span("decision_date", outcomes["decision_date"], "legal outcomes"))
    return "\n".join(lines) + "\n"


def _origin(source_path: str) -> str:
    """The source a document came from: its first folder, or its feed file for a JSONL
    line (``doj/2019/x.txt`` -> ``doj``; ``feed.jsonl:12`` -> ``feed.jsonl``)."""
    path = source_path.rsplit(":", 1)[0] if ".jsonl" in source_path.lower() else source_path
    return path.split("/", 1)[0] if "/" in path else path


def _span(column: str, values: pd.Series, what: str) -> str:
    dated = values.dropna()
    if not len(dated):
        return f"- `{column}`: none of the {len(values)} {what} has one."
    return f"- `{column}`: {dated.min()} to {dated.max()}, on {len(dated)} of {len(values)} {what}."


def _eval_section(figures: dict[str, Any] | None) -> str:
    """Accuracy from the summary the last ``make eval`` committed
    (:mod:`casewire.publish.accuracy`); another flat ``{measure: value}`` dict is shown as is."""
    head = "## Accuracy\n\n"
    if not figures:
        return head + "No evaluation figures were supplied for this build.\n"
    if "fields" not in figures:
        lines = ["| measure | value |", "|---|---|"]
        lines += [f"| {k} | {_fmt(v)} |" for k, v in figures.items()]
        return head + "\n".join(lines) + "\n"
    lines = [
        "From the last `make eval` (its summary is committed with the code it measured). "
        "An extracted outcome matches a gold one on (document, defendant, outcome type):",
        "",
        "| gold | precision | recall | F1 |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {label} | {_fmt(r.get('precision'))} | {_fmt(r.get('recall'))} | {_fmt(r.get('f1'))} |"
        for label, r in figures.get("outcomes", {}).items()
    ]
    split = figures.get("field_split", "test")
    lines += [
        "",
        f"Per field, the share of matched outcomes whose value equals the gold value "
        f"(`{split}` split, which no rule was written against):",
        "",
        "| field | exact |",
        "|---|---:|",
        *[f"| {name} | {_fmt(v)} |" for name, v in figures["fields"].items()],
    ]
    if figures.get("seed_entities"):
        lines += ["", "Seed documents, entities and events:", ""]
        lines += ["| part | precision | recall |", "|---|---:|---:|"]
        lines += [
            f"| {part} | {_fmt(r.get('precision'))} | {_fmt(r.get('recall'))} |"
            for part, r in figures["seed_entities"].items()
        ]
    return head + "\n".join(lines) + "\n"


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
