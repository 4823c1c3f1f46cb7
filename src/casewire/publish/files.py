"""Byte-deterministic table files: Parquet (canonical) and CSV (for spreadsheets).

Same frames in, same bytes out: rows are sorted by primary key, dtypes are conformed
to the contract, the Arrow schema is explicit and every writer setting is fixed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import schemas

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = ";"
_ARROW_TYPES = {
    "str": pa.string(),
    "int64": pa.int64(),
    "Int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "object": pa.list_(pa.string()),
}
PARQUET_OPTIONS = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "row_group_size": 1_000_000,
    "store_schema": True,
}


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def conform(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Columns in contract order and dtypes; list cells as Python lists of str."""
    out = {}
    for col, dtype in schemas.dtypes(name).items():
        if dtype == "object":
            out[col] = pd.Series([as_list(v) for v in df[col]], index=df.index, dtype=object)
        else:
            out[col] = df[col].astype(dtype)
    return pd.DataFrame(out, index=df.index)


def as_list(value: object) -> object:
    return [str(v) for v in value] if isinstance(value, (list, tuple, np.ndarray)) else value


def sort_table(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Rows in primary-key order with a fresh RangeIndex (stable row order).

    A frame already in that order (``tables.build_tables`` sorts) is returned as is:
    a sorted copy of a million-row table would cost its size again.
    """
    key = schemas.primary_key(name)
    if in_key_order(df, key):
        return df
    return df.sort_values(key, kind="mergesort").reset_index(drop=True)


def in_key_order(df: pd.DataFrame, key: list[str]) -> bool:
    """True when ``df`` has a fresh RangeIndex and its rows are in ``key`` order
    (single-column keys only; a composite key is always sorted)."""
    index = df.index
    fresh = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
    return fresh and len(key) == 1 and df[key[0]].is_monotonic_increasing


#: Rows converted to CSV text at a time by :func:`write_csv`, unless they would take
#: more than :data:`CSV_CHUNK_BYTES` of memory (long texts: fewer rows at a time).
CSV_CHUNK_ROWS = 20_000
CSV_CHUNK_BYTES = 8_000_000


def arrow_schema(name: str) -> pa.Schema:
    """Explicit Arrow schema of a table (an all-null column keeps its type)."""
    return pa.schema([(c, _ARROW_TYPES[d]) for c, d in schemas.dtypes(name).items()])


def parquet_bytes(name: str, df: pd.DataFrame) -> bytes:
    """Parquet file contents for a conformed, sorted frame."""
    sink = io.BytesIO()
    _write_parquet(name, df, sink)
    return sink.getvalue()


def _write_parquet(name: str, df: pd.DataFrame, sink: BinaryIO) -> None:
    table = pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False)
    # page layout follows Arrow's chunks; one chunk per column keeps the bytes the same
    # however the frame was assembled (built in pieces, or sorted into one)
    table = table.combine_chunks()
    pq.write_table(table, sink, **PARQUET_OPTIONS)


class _HashingFile(io.RawIOBase):
    """A file opened for writing that hashes what goes through it."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.digest.update(data)
        self.size += len(data)
        return self._handle.write(data)


def write_parquet(name: str, df: pd.DataFrame, path: Path) -> tuple[str, int]:
    """Write ``parquet_bytes(name, df)`` to ``path``, never holding the whole file in
    memory (the mentions file is ~100 MB on the full corpus); (sha256, size)."""
    with open(path, "wb") as handle:
        sink = _HashingFile(handle)
        _write_parquet(name, df, sink)
        handle.flush()
        os.fsync(handle.fileno())
    return sink.digest.hexdigest(), sink.size


def csv_bytes(df: pd.DataFrame, header: bool = True) -> bytes:
    """RFC 4180 CSV (UTF-8, CRLF, minimal quoting), lists ';'-joined, formulas defused."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if header:
        writer.writerow(df.columns)
    writer.writerows(csv_rows(df))
    return buffer.getvalue().encode("utf-8")


def csv_rows(df: pd.DataFrame) -> Iterator[tuple[str, ...]]:
    """The rows of ``df`` as CSV cell strings: ``csv_cell`` of every cell, column-wise."""
    columns = [csv_column(df.iloc[:, k]) for k in range(df.shape[1])]
    if not columns:
        return iter([()] * len(df))
    return zip(*columns, strict=True)


def csv_column(series: pd.Series) -> list[str]:
    """``[csv_cell(v) for v in series]``, with a converter chosen once from the dtype."""
    dtype = series.dtype
    kind = getattr(dtype, "kind", None)
    if isinstance(dtype, pd.StringDtype) and dtype.na_value is not pd.NA:
        # "str": every value is a str or NaN (the NaN-variant of the string dtype).
        notna = series.notna().to_numpy()
        return [
            ("'" + v if v.startswith(FORMULA_PREFIXES) else v) if ok else ""
            for v, ok in zip(series.tolist(), notna.tolist(), strict=True)
        ]
    if isinstance(dtype, np.dtype):
        if kind == "b":
            return ["true" if v else "false" for v in series.tolist()]
        if kind in "iu":
            return list(map(str, series.tolist()))
        if kind == "f":
            return [repr(v) if v == v else "" for v in series.tolist()]
        if kind == "O":
            return [_object_cell(v) for v in series]
    elif isinstance(dtype, pd.Int64Dtype | pd.Int32Dtype | pd.Int16Dtype | pd.Int8Dtype):
        return ["" if v is pd.NA else str(v) for v in series.tolist()]
    return [csv_cell(v) for v in series]


def _object_cell(value: object) -> str:
    cls = value.__class__
    if cls is str:
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value  # type: ignore[union-attr]
    if cls is list:
        return neutralize(LIST_SEPARATOR.join(value))  # type: ignore[arg-type]
    return csv_cell(value)


def csv_cell(value: object) -> str:
    """One CSV cell: empty for null, true/false, repr for floats, neutralized text."""
    if isinstance(value, (list, tuple)):
        return neutralize(LIST_SEPARATOR.join(value))
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, str):
        return neutralize(value)
    return str(value)


def present_records(df: pd.DataFrame) -> list[dict[str, object]]:
    """``df.to_dict(orient="records")`` with every missing cell as None.

    Missing means null (None, NaN, NA) or an empty list. Built column by column:
    the values are the same Python objects ``to_dict`` gives (str, int, float, bool, list).
    """
    columns = []
    for col in df.columns:
        series = df[col]
        values = series.tolist()
        notna = series.notna().to_numpy().tolist()
        if series.dtype == object:
            values = [
                (v if len(v) > 0 else None) if isinstance(v, list | tuple) else (v if ok else None)
                for v, ok in zip(values, notna, strict=True)
            ]
        elif not all(notna):
            values = [v if ok else None for v, ok in zip(values, notna, strict=True)]
        columns.append(values)
    names = list(df.columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def neutralize(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would run as a formula (CSV only)."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_tables(tables: dict[str, pd.DataFrame], folder: Path) -> dict[str, dict[str, object]]:
    """Write ``<name>.parquet`` and ``<name>.csv`` for every table into ``folder``, in
    the contract's dtypes and key order.

    Returns ``{file name: {"table", "format", "sha256", "bytes", "rows"}}`` in table order.
    """
    return write_ordered_tables(
        {name: sort_table(name, conform(name, tables[name])) for name in schemas.TABLES}, folder
    )


def write_ordered_tables(
    tables: dict[str, pd.DataFrame],
    folder: Path,
    drop_after: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, dict[str, object]]:
    """:func:`write_tables` for frames already conformed and in key order.

    ``drop_after`` names columns no later step reads: once a table's files are
    written, ``tables[name]`` is replaced by the frame without them, so a long text
    column is let go before the next table is written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, dict[str, object]] = {}
    for name in schemas.TABLES:
        frame = tables[name]
        sums = {
            "parquet": write_parquet(name, frame, folder / f"{name}.parquet"),
            "csv": write_csv(frame, folder / f"{name}.csv"),
        }
        for fmt, (sha256, size) in sums.items():
            written[f"{name}.{fmt}"] = {
                "table": name,
                "format": fmt,
                "sha256": sha256,
                "bytes": size,
                "rows": len(frame),
            }
        if drop_after and drop_after.get(name):
            tables[name] = frame.drop(columns=list(drop_after[name]))
    return written


def write_csv(
    df: pd.DataFrame, path: Path, rows_per_chunk: int = CSV_CHUNK_ROWS
) -> tuple[str, int]:
    """Write ``csv_bytes(df)`` to ``path`` a chunk of rows at a time; (sha256, size).

    The whole text of a million-row table as Python strings would briefly take
    several times the table's memory; chunks keep it to a few megabytes.
    """
    digest, size = hashlib.sha256(), 0
    if len(df):
        row_bytes = df.memory_usage(deep=True, index=False).sum() / len(df)
        rows_per_chunk = max(1, min(rows_per_chunk, int(CSV_CHUNK_BYTES // max(row_bytes, 1))))
    with open(path, "wb") as handle:
        for start in range(0, max(len(df), 1), rows_per_chunk):
            data = csv_bytes(df.iloc[start : start + rows_per_chunk], header=start == 0)
            handle.write(data)
            digest.update(data)
            size += len(data)
        handle.flush()
        os.fsync(handle.fileno())
    return digest.hexdigest(), size


def read_table(folder: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Read ``<name>.parquet`` (or only ``columns`` of it) back into the contract's dtypes
    (lists as Python lists)."""
    frame = pq.read_table(Path(folder) / f"{name}.parquet", columns=columns).to_pandas()
    for col in schemas.list_columns(name):
        if col in frame:
            frame[col] = pd.Series([as_list(v) for v in frame[col]], dtype=object)
    return frame


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """Every table of a release folder, read from Parquet."""
    return {name: read_table(folder, name) for name in schemas.TABLES}
