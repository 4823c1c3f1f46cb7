"""Row-level differences between two releases: delta files, changelog, ``casewire diff``.

``delta/<table>.csv`` says what changed so that a reader need not diff two releases:
one line per changed row with ``op`` (ADD, MOD, DEL), ``row`` (``new`` or ``old``),
``changed`` (the columns a MOD changed, ``;``-joined) and then every column of the
table. An ADD is the new row, a DEL the old row, a MOD two lines: the old row, then
the new one. Cells are written as the table's CSV writes them. Lines come ADD, then
MOD, then DEL, each in key order.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

import schemas
from casewire.publish.files import (
    LIST_SEPARATOR,
    arrow_schema,
    as_list,
    conform,
    csv_cell,
    csv_rows,
)

OPS = ("ADD", "MOD", "DEL")
#: Columns a delta file puts before the table's own.
DELTA_COLUMNS = ("op", "row", "changed")


def _row_hashes(name: str, df: pd.DataFrame) -> pd.Series:
    """Primary key (joined) -> hash of the row's cells (the reference definition)."""
    pk = schemas.primary_key(name)
    keys = df[pk].astype(str).agg("\x1f".join, axis=1) if len(df) else pd.Series([], dtype=str)
    cells = [
        hashlib.sha256("\x1f".join(csv_cell(v) for v in row).encode()).hexdigest()
        for row in df.itertuples(index=False, name=None)
    ]
    return pd.Series(cells, index=keys.tolist(), dtype=object)


def row_keys(name: str, df: pd.DataFrame) -> list[tuple[str, ...]]:
    """Primary key of every row as a tuple of ``str`` (what the delta files hold)."""
    columns = [df[c].astype(str).tolist() for c in schemas.primary_key(name)]
    return list(zip(*columns, strict=True)) if len(df) else []


def row_hashes(name: str, df: pd.DataFrame) -> dict[tuple[str, ...], bytes]:
    """Primary key -> SHA-256 of the row's ``\x1f``-joined CSV cells.

    Same digests as :func:`_row_hashes`, computed column-wise (:func:`csv_rows`).
    """
    sha = hashlib.sha256
    digests = [sha("\x1f".join(row).encode()).digest() for row in csv_rows(df)]
    return dict(zip(row_keys(name, df), digests, strict=True))


def _key_ops(
    name: str, old: pd.DataFrame | None, new: pd.DataFrame
) -> list[tuple[str, tuple[str, ...]]]:
    """``(op, key)`` pairs sorted by op then key (string order, like the delta frame)."""
    if old is None:  # first release: every row is an ADD, nothing to compare
        ops = [("ADD", k) for k in set(row_keys(name, new))]
    else:
        old_h, new_h = row_hashes(name, old), row_hashes(name, new)
        ops = [("ADD", k) for k in new_h.keys() - old_h.keys()]
        ops += [("DEL", k) for k in old_h.keys() - new_h.keys()]
        ops += [("MOD", k) for k, h in new_h.items() if k in old_h and old_h[k] != h]
    ops.sort()
    return ops


def table_delta(name: str, old: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """The delta of two frames of a table, as ``delta/<table>.csv`` holds it (module
    docstring): ``op``, ``row``, ``changed``, then the table's columns as CSV cells."""
    ops = _key_ops(name, old, new)
    old_rows = dict(zip(row_keys(name, old), csv_rows(old), strict=True)) if old is not None else {}
    new_rows = dict(zip(row_keys(name, new), csv_rows(new), strict=True))
    lines = list(_delta_lines(list(new.columns), _ordered(ops), old_rows, new_rows))
    return pd.DataFrame(lines or None, columns=[*DELTA_COLUMNS, *new.columns], dtype=object)


def _ordered(ops: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, tuple[str, ...]]]:
    """ADD, MOD, DEL, each in key order (the order of the delta files)."""
    return sorted(ops, key=lambda item: (OPS.index(item[0]), item[1]))


def _delta_lines(
    columns: list[str],
    ops: list[tuple[str, tuple[str, ...]]],
    old_rows: dict[tuple[str, ...], tuple[str, ...]],
    new_rows: dict[tuple[str, ...], tuple[str, ...]],
) -> Iterator[tuple[str, ...]]:
    for op, key in ops:
        if op == "ADD":
            yield ("ADD", "new", "", *new_rows[key])
        elif op == "DEL":
            yield ("DEL", "old", "", *old_rows[key])
        else:
            before, after = old_rows[key], new_rows[key]
            changed = LIST_SEPARATOR.join(
                c for c, a, b in zip(columns, before, after, strict=True) if a != b
            )
            yield ("MOD", "old", changed, *before)
            yield ("MOD", "new", changed, *after)


def _write_delta_csv(
    name: str, ops: list[tuple[str, tuple[str, ...]]], old: Path | None, new: Path, path: Path
) -> None:
    """``delta/<table>.csv`` of two release folders, reading them a batch at a time and
    holding only the changed rows (a first release is all ADDs, streamed straight)."""
    columns = schemas.columns(name)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([*DELTA_COLUMNS, *columns])
        wanted = {op: {k for o, k in ops if o == op} for op in OPS}
        old_rows = _rows_of(old, name, wanted["MOD"] | wanted["DEL"]) if old else {}
        new_rows = _rows_of(new, name, wanted["MOD"]) if wanted["MOD"] else {}
        added = wanted["ADD"]
        for batch in table_batches(new, name):  # ADD lines streamed, in file (key) order
            for key, cells in zip(row_keys(name, batch), csv_rows(batch), strict=True):
                if key in added:
                    writer.writerow(("ADD", "new", "", *cells))
        rest = [(op, k) for op, k in _ordered(ops) if op != "ADD"]
        writer.writerows(_delta_lines(columns, rest, old_rows, new_rows))


def _rows_of(
    folder: Path, name: str, keys: set[tuple[str, ...]]
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """CSV cells of the rows of a release table whose key is in ``keys``."""
    rows: dict[tuple[str, ...], tuple[str, ...]] = {}
    if not keys:
        return rows
    columns = schemas.columns(name)
    for batch in table_batches(folder, name):
        current = list(batch.columns) == columns
        for key, cells in zip(row_keys(name, batch), csv_rows(batch), strict=True):
            if key in keys:
                # a release of an older contract: its cells under today's columns
                rows[key] = cells if current else _realign(list(batch.columns), cells, columns)
    return rows


def _realign(have: list[str], cells: tuple[str, ...], columns: list[str]) -> tuple[str, ...]:
    by_name = dict(zip(have, cells, strict=True))
    return tuple(by_name.get(c, "") for c in columns)


def _summary(ops: list[tuple[str, tuple[str, ...]]]) -> dict[str, Any]:
    keys: dict[str, list[str]] = {op: [] for op in OPS}
    for op, key in ops:
        keys[op].append("/".join(key))
    return {**{op: len(keys[op]) for op in OPS}, "keys": keys}


def diff_releases(old_path: Path | None, new_path: Path) -> dict[str, dict[str, Any]]:
    """``{table: {"ADD": n, "MOD": n, "DEL": n, "keys": {op: [key, ...]}}}``.

    ``old_path`` None means "no previous release": every row is an ADD.
    """
    old = Path(old_path) if old_path is not None else None
    return {name: _summary(_file_key_ops(name, old, Path(new_path))) for name in schemas.TABLES}


#: Rows read at a time when release files are compared (:func:`_file_key_ops`).
DIFF_BATCH_ROWS = 50_000


def _file_key_ops(name: str, old: Path | None, new: Path) -> list[tuple[str, tuple[str, ...]]]:
    """:func:`_key_ops` of a table in two release folders, reading the files a batch of
    rows at a time: only the old release's key -> row digest map is held, never two
    whole tables (on the whole corpus the mentions alone are ~360 MB each)."""
    if old is None:  # first release: every row is an ADD, only the keys are read
        keys = pq.read_table(new / f"{name}.parquet", columns=schemas.primary_key(name))
        return sorted(("ADD", k) for k in set(row_keys(name, keys.to_pandas())))
    old_h: dict[tuple[str, ...], bytes] = {}
    for batch in table_batches(old, name):
        old_h.update(row_hashes(name, batch))
    ops = []
    for batch in table_batches(new, name):
        for key, digest in row_hashes(name, batch).items():
            was = old_h.pop(key, None)
            if was is None:
                ops.append(("ADD", key))
            elif was != digest:
                ops.append(("MOD", key))
    ops += [("DEL", k) for k in old_h]
    ops.sort()
    return ops


def table_batches(folder: Path, name: str) -> Iterator[pd.DataFrame]:
    """A release table as frames of at most :data:`DIFF_BATCH_ROWS` rows in the
    contract's dtypes, so that a cell reads the same whatever batch it falls in.

    A release made under an older contract (other columns or types) is read as it is:
    its rows then differ from the new ones, and show as modified. A table that contract
    did not have yet has no rows there, so every row of it is an ADD.
    """
    if not _published(folder, name):
        return  # a table added to the contract since that release
    with pq.ParquetFile(folder / f"{name}.parquet") as source:
        current = source.schema_arrow.remove_metadata().equals(arrow_schema(name))
        for batch in source.iter_batches(batch_size=DIFF_BATCH_ROWS):
            frame = batch.to_pandas()
            yield conform(name, frame) if current else frame.map(as_list)


def _published(folder: Path, name: str) -> bool:
    """Whether the release in ``folder`` has table ``name``: its descriptor lists it. A
    release without a readable descriptor is taken to have every table (a missing file
    then fails loudly, as damage should)."""
    try:
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        paths = {r.get("path") for r in package["resources"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return True
    return f"{name}.parquet" in paths


def summarize(name: str, delta: pd.DataFrame) -> dict[str, Any]:
    """:func:`diff_releases`'s summary of one table, read from its delta frame."""
    keys: dict[str, list[str]] = {op: [] for op in OPS}
    columns = ["op", "row", *schemas.primary_key(name)]
    for op, row, *key in delta[columns].itertuples(index=False, name=None):
        if op != "MOD" or row == "new":  # a MOD is two lines, one change
            keys[op].append("/".join(key))
    return {**{op: len(keys[op]) for op in OPS}, "keys": keys}


def write_deltas(old_path: Path | None, folder: Path) -> dict[str, dict[str, Any]]:
    """Write ``folder/delta/<table>.csv``: the tables in ``folder`` vs ``old_path``."""
    (folder / "delta").mkdir(parents=True, exist_ok=True)
    summary = {}
    old = Path(old_path) if old_path is not None else None
    for name in schemas.TABLES:
        ops = _file_key_ops(name, old, folder)
        _write_delta_csv(name, ops, old, folder, folder / "delta" / f"{name}.csv")
        summary[name] = _summary(ops)
    return summary


def changelog_section(
    version: str, previous: str | None, summary: dict[str, dict[str, Any]]
) -> str:
    """Markdown section: per-table ADD/MOD/DEL counts vs the previous release."""
    lines = [
        f"## {version}",
        "",
        f"Compared with {previous}." if previous else "First release.",
        "",
        "| table | added | modified | deleted |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {n} | {s['ADD']} | {s['MOD']} | {s['DEL']} |" for n, s in summary.items()]
    return "\n".join(lines) + "\n"


def render_diff(summary: dict[str, dict[str, Any]], max_keys: int = 10) -> str:
    """Text for ``casewire diff``: counts per table and the first keys of each change."""
    lines = []
    for name, s in summary.items():
        lines.append(f"{name}: +{s['ADD']} ~{s['MOD']} -{s['DEL']}")
        for op in OPS:
            keys = s["keys"][op]
            if keys:
                more = f" (+{len(keys) - max_keys} more)" if len(keys) > max_keys else ""
                lines.append(f"  {op} {', '.join(keys[:max_keys])}{more}")
    return "\n".join(lines)


#: The FtM delta of a release, beside the table deltas.
FTM_DELTA = "delta/entities.ftm.json"


def write_ftm_delta(old: Path | None, folder: Path, ftm_file: str) -> dict[str, int]:
    """Write ``delta/entities.ftm.json``: one ``{"op": ..., "entity": {...}}`` line per
    FtM entity added, modified (the new entity) or deleted (the old one) since ``old``,
    as OpenSanctions publishes its deltas. Lines follow the entity files' order: ADD and
    MOD as in the new file, then DEL as in the old. Returns the count per op."""
    before: dict[str, bytes] = {}
    if old is not None and (old / ftm_file).is_file():
        for entity_id, line in _ftm_lines(old / ftm_file):
            before[entity_id] = hashlib.sha256(line.encode()).digest()
    counts = dict.fromkeys(OPS, 0)
    path = folder / FTM_DELTA
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for entity_id, line in _ftm_lines(folder / ftm_file):
            was = before.pop(entity_id, None)
            if was == hashlib.sha256(line.encode()).digest():
                continue
            op = "ADD" if was is None else "MOD"
            out.write(f'{{"op": "{op}", "entity": {line}}}\n')
            counts[op] += 1
        if before:  # what is left of the old file was deleted
            for entity_id, line in _ftm_lines(old / ftm_file):  # type: ignore[operator]
                if entity_id in before:
                    out.write(f'{{"op": "DEL", "entity": {line}}}\n')
                    counts["DEL"] += 1
    return counts


def _ftm_lines(path: Path) -> Iterator[tuple[str, str]]:
    """``(entity id, JSON line without its newline)`` of an FtM JSON-lines file."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                line = line.rstrip("\n")
                yield json.loads(line)["id"], line
