"""Validation of a whole set of tables: per-table schemas plus cross-table checks."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pandera.errors as pe
import pandera.pandas as pam
import pyarrow as pa
import pyarrow.compute as pc

from schemas.registry import TABLES, foreign_keys, has_evidence, list_columns, primary_key

FAILURE_COLUMNS = ["table", "column", "check", "failure_case", "index"]
MAX_LINES = 50
#: Rows per slice when a long table is checked a slice at a time (see _validate_table).
VALIDATE_BATCH_ROWS = 100_000


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
            validated[name] = _validate_table(model, tables[name])
        except pe.SchemaErrors as err:
            rows.extend(_schema_failures(name, tables[name], err.failure_cases))
    rows.extend(cross_table_failures(tables))
    if rows:
        raise ReleaseValidationError(pd.DataFrame(rows, columns=FAILURE_COLUMNS))
    return validated


def _validate_table(model: type[pam.DataFrameModel], df: pd.DataFrame) -> pd.DataFrame:
    """``df`` checked against its model; raises pandera's ``SchemaErrors`` (lazy).

    pandera's checks allocate in proportion to the rows they see (on the 850,000
    mentions of the corpus, about 80 MiB at once). Once Arrow has seen every uniqueness
    constraint hold, what is left is checked row by row (the contract's dataframe checks
    are row-wise; a test holds them to it), so a long table is checked in slices of
    :data:`VALIDATE_BATCH_ROWS`. A failing table is checked again whole, so that its
    failures are reported once each, as pandera words them.
    """
    schema = _schema_for(model, df)
    row_local = schema.unique is None and not any(c.unique for c in schema.columns.values())
    if row_local and len(df) > VALIDATE_BATCH_ROWS:
        try:
            for start in range(0, len(df), VALIDATE_BATCH_ROWS):
                schema.validate(df.iloc[start : start + VALIDATE_BATCH_ROWS], lazy=True)
        except pe.SchemaErrors:
            pass  # reported by the whole-table check below
        else:
            return df  # validation checks, it never changes a frame (coerce=False)
    return schema.validate(df, lazy=True)


def _schema_for(model: type[pam.DataFrameModel], df: pd.DataFrame) -> pam.DataFrameSchema:
    """The model's schema, minus the uniqueness checks Arrow has already seen pass.

    pandas' duplicate check on a string column builds a hash table of Python objects
    (+113 MiB at the peak of validating 850,000 mention IDs); Arrow sees that a sorted
    column is strictly increasing without any, or else counts distinct values in its
    own memory. Constraints whose values are all distinct need no second
    look; any other keeps its check, so failures are still found and reported by
    pandera, in pandera's words. The published schema (``schema.json``,
    ``datapackage.json``) still declares every constraint.
    """
    schema = model.to_schema()
    passed = {
        col: {"unique": False}
        for col, column in schema.columns.items()
        if column.unique and col in df and _all_distinct([df[col]])
    }
    if passed:
        schema = schema.update_columns(passed)
    together = schema.unique  # columns unique together, e.g. event_evidence's key
    if together and set(together) <= set(df.columns) and _all_distinct([df[c] for c in together]):
        schema = copy.copy(schema)  # to_schema() is the model's own: never mutated
        schema.unique = None
    return schema


def _all_distinct(columns: list[pd.Series]) -> bool:
    """Whether no row of ``columns`` (nulls included) occurs twice; False when Arrow
    cannot tell."""
    try:
        arrays = [pa.array(values, from_pandas=True) for values in columns]
    except (pa.ArrowException, TypeError, ValueError):
        return False
    n = len(columns[0])
    if len(arrays) == 1:
        return _strictly_increasing(arrays[0]) or (
            pc.count_distinct(arrays[0], mode="all").as_py() == n
        )
    names = [f"c{i}" for i in range(len(arrays))]
    table = pa.table(dict(zip(names, arrays, strict=True)))
    return table.group_by(names).aggregate([]).num_rows == n


def _strictly_increasing(values: pa.Array | pa.ChunkedArray) -> bool:
    """Values in strictly increasing order, none null: distinct without a hash table.
    Tables are built in primary-key order, so an ID column is normally sorted; counting
    its distinct values instead would copy every value into a hash set (+72 MiB on the
    corpus's 850,000 mention IDs, against none)."""
    if values.null_count:
        return False
    if len(values) < 2:
        return True
    try:
        return bool(pc.all(pc.less(values[:-1], values[1:])).as_py())
    except pa.ArrowNotImplementedError:  # a type without an order
        return False


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
        values = df[col]
        if col in list_columns(name):  # a list of keys: each item must resolve
            values = values.explode().dropna()
        # matched in Arrow: pandas' isin against a set turns both columns into Python
        # strings (+60 MiB for the mentions' 850,000 entity IDs)
        dangling = values[(_positions(values, ref[ref_col]) < 0) & values.notna().to_numpy()]
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


def _chunks(values: pd.Series) -> pa.ChunkedArray | pd.Series:
    """A text column's Arrow chunks (no copy), or the column itself when it is not text."""
    try:
        return pa.chunked_array(pa.array(values, type=pa.large_string(), from_pandas=True))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return values


def _take(values: pa.ChunkedArray | pd.Series, rows: np.ndarray) -> list:
    """``values[rows]`` as Python objects, taken chunk by chunk: Arrow's ``take`` on a
    column of several chunks first concatenates them, a copy of the whole column (218
    MiB for the mentions' evidence) for every batch."""
    if isinstance(values, pd.Series):
        return values.iloc[rows].tolist()
    out: list = [None] * len(rows)
    offset = 0
    for chunk in values.chunks:
        inside = np.nonzero((rows >= offset) & (rows < offset + len(chunk)))[0]
        if len(inside):
            taken = chunk.take(pa.array(rows[inside] - offset)).to_pylist()
            for i, value in zip(inside.tolist(), taken, strict=True):
                out[i] = value
        offset += len(chunk)
    return out


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
    starts, ends, passages = df[start].to_numpy(), df[end].to_numpy(), _chunks(df[text])
    for first in range(0, len(order), EVIDENCE_BATCH_ROWS):
        rows = order[first : first + EVIDENCE_BATCH_ROWS]
        for row, code, a, b, quoted in zip(
            rows.tolist(), codes[rows].tolist(), starts[rows].tolist(), ends[rows].tolist(),
            _take(passages, rows), strict=True,
        ):  # fmt: skip
            if pd.isna(a) or pd.isna(b):
                continue
            if code != current:
                current, source = code, texts.iloc[code]
            if source[int(a) : int(b)] != quoted:
                failures.append((row, quoted))
    for row, quoted in sorted(failures, key=lambda f: f[0]):  # in row order, as always
        yield _row(name, text, check, quoted, df.index[row])
