"""Validation of a whole set of tables: per-table schemas plus cross-table checks."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pandera.errors as pe
import pyarrow as pa
import pyarrow.compute as pc

from schemas.registry import TABLES, foreign_keys, has_evidence, primary_key

FAILURE_COLUMNS = ["table", "column", "check", "failure_case", "index"]
MAX_LINES = 50


class ReleaseValidationError(Exception):
    """Tables broke the data contract; ``failures`` holds one row per failure case."""

    def __init__(self, failures: pd.DataFrame) -> None:
        self.failures = failures.reset_index(drop=True).astype({"index": "Int64"})
        super().__init__(render_failures(self.failures))


def render_failures(failures: pd.DataFrame, limit: int = MAX_LINES) -> str:
    """Readable fixed-width table of failure cases, capped at ``limit`` lines."""
    n = len(failures)
    if not n:
        return "0 validation failures"
    shown = failures.head(limit).astype(object).map(_cell)
    shown["failure_case"] = [_cell(v, quote=True) for v in failures["failure_case"].head(limit)]
    tables = ", ".join(dict.fromkeys(failures["table"]))
    lines = [f"{n} validation failure(s) in: {tables}", shown.to_string(index=False)]
    if n > limit:
        lines.append(f"... and {n - limit} more failure case(s)")
    return "\n".join(lines)


def _cell(value: object, *, quote: bool = False, width: int = 60) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return "-"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = repr(value) if quote and isinstance(value, str) else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def validate_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Validate every table (lazily) and the keys and evidence between them.

    Returns the validated frames in :data:`schemas.TABLES` order; raises one
    :class:`ReleaseValidationError` listing every failure case otherwise.
    """
    # failure cases name row positions: the index is rebuilt as 0..n-1 first
    tables = {name: df.reset_index(drop=True) for name, df in tables.items()}
    rows: list[dict[str, object]] = list(_table_set_failures(tables))
    validated: dict[str, pd.DataFrame] = {}
    for name, model in TABLES.items():
        if name not in tables:
            continue
        try:
            validated[name] = model.validate(tables[name], lazy=True)
        except pe.SchemaErrors as err:
            rows.extend(_schema_failures(name, tables[name], err.failure_cases))
    rows.extend(cross_table_failures(tables))
    if rows:
        raise ReleaseValidationError(pd.DataFrame(rows, columns=FAILURE_COLUMNS))
    return validated


def _table_set_failures(tables: dict[str, pd.DataFrame]) -> Iterator[dict[str, object]]:
    for name in TABLES:
        if name not in tables:
            yield _row(name, None, "table present", "missing table", None)
    for name in tables:
        if name not in TABLES:
            yield _row(name, None, "table known", "unexpected table", None)


def _schema_failures(
    name: str, df: pd.DataFrame, cases: pd.DataFrame
) -> Iterator[dict[str, object]]:
    """pandera failure cases, one row per failing row for dataframe-level checks.

    pandera reports a failing row-wise dataframe check once per cell; we report it once,
    identified by the row's primary key.
    """
    seen: set[tuple[object, object]] = set()
    pk = primary_key(name)
    for case in cases.itertuples(index=False):
        row_check = case.schema_context == "DataFrameSchema" and not pd.isna(case.index)
        if not row_check:
            column = None if case.schema_context == "DataFrameSchema" else case.column
            yield _row(name, column, case.check, case.failure_case, case.index)
        elif (case.check, case.index) not in seen:
            seen.add((case.check, case.index))
            key = "/".join(str(df.loc[case.index, c]) for c in pk if c in df)
            yield _row(name, None, case.check, key, case.index)


def _row(table: str, column: object, check: object, case: object, index: object) -> dict:
    return {
        "table": table,
        "column": column,
        "check": check,
        "failure_case": case,
        "index": None if index is None or pd.isna(index) else int(index),
    }


def cross_table_failures(tables: dict[str, pd.DataFrame]) -> list[dict[str, object]]:
    """Foreign keys that do not resolve and evidence that is not the cited passage."""
    rows: list[dict[str, object]] = []
    for name, df in tables.items():
        if name not in TABLES:
            continue
        rows.extend(_fk_failures(name, df, tables))
        if has_evidence(name):
            rows.extend(_evidence_failures(name, df, tables.get("documents")))
        if name == "mentions":
            rows.extend(
                _evidence_failures(
                    name, df, tables.get("documents"), ("mention_start", "mention_end", "text")
                )
            )
    return rows


def _fk_failures(
    name: str, df: pd.DataFrame, tables: dict[str, pd.DataFrame]
) -> Iterator[dict[str, object]]:
    for fk in foreign_keys(name):
        (col,), ref_table, (ref_col,) = fk["fields"], fk["table"], fk["ref"]
        ref = tables.get(ref_table)
        if col not in df or ref is None or ref_col not in ref:
            continue  # reported as a missing table/column by the schema checks
        values = df[col].dropna()
        dangling = values[~values.isin(set(ref[ref_col].dropna()))]
        for index, value in dangling.items():
            yield _row(name, col, f"foreign key -> {ref_table}.{ref_col}", value, index)


def _positions(values: pd.Series, keys: pd.Series) -> np.ndarray:
    """Position of each value in ``keys`` (-1 when absent), matched in Arrow: a million
    ids as Python strings would cost ~70 MB for a lookup."""
    try:
        found = pc.index_in(
            pa.array(values, type=pa.string()),
            value_set=pa.array(keys, type=pa.string()),
            skip_nulls=True,
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # ids that are not text (a schema failure)
        position = {key: i for i, key in enumerate(keys.tolist()) if not pd.isna(key)}
        return np.array([position.get(v, -1) for v in values.tolist()], dtype=np.int64)
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


#: Rows whose evidence is compared at a time (see :func:`_evidence_failures`).
EVIDENCE_BATCH_ROWS = 50_000


def _evidence_failures(
    name: str,
    df: pd.DataFrame,
    documents: pd.DataFrame | None,
    span: tuple[str, str, str] = ("start_char", "end_char", "evidence"),
) -> Iterator[dict[str, object]]:
    start, end, text = span
    needed = {"doc_id", start, end, text}
    if documents is None or not needed <= set(df.columns) or "text" not in documents:
        return
    check = f"{text} == documents.text[{start}:{end}]"
    # Rows are compared in document order, a batch at a time, so each document's text
    # becomes a Python string once per batch: all texts at once (and all passages of a
    # million mentions) would take several times the tables' memory.
    texts = documents["text"]
    codes = _positions(df["doc_id"], documents["doc_id"])
    order = np.argsort(codes, kind="stable")
    order = order[codes[order] >= 0]  # a dangling doc_id is the foreign-key check's
    failures = []
    current, source = -1, ""
    for first in range(0, len(order), EVIDENCE_BATCH_ROWS):
        rows = order[first : first + EVIDENCE_BATCH_ROWS]
        batch = df.iloc[rows]
        for row, code, a, b, quoted in zip(
            rows.tolist(), codes[rows].tolist(), batch[start], batch[end], batch[text],
            strict=True,
        ):  # fmt: skip
            if pd.isna(a) or pd.isna(b):
                continue
            if code != current:
                current, source = code, texts.iloc[code]
            if source[int(a) : int(b)] != quoted:
                failures.append((row, quoted))
    for row, quoted in sorted(failures, key=lambda f: f[0]):  # in row order, as always
        yield _row(name, text, check, quoted, df.index[row])
