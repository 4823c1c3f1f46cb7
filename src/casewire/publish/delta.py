"""Row-level differences between two releases: delta files, changelog, ``casewire diff``."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pandas as pd

import schemas
from casewire.publish.files import csv_bytes, csv_cell, read_table

OPS = ("ADD", "MOD", "DEL")


def _row_hashes(name: str, df: pd.DataFrame) -> pd.Series:
    """Primary key (joined) -> hash of the row's other cells."""
    pk = schemas.primary_key(name)
    keys = df[pk].astype(str).agg("\x1f".join, axis=1) if len(df) else pd.Series([], dtype=str)
    cells = [
        hashlib.sha256("\x1f".join(csv_cell(v) for v in row).encode()).hexdigest()
        for row in df.itertuples(index=False, name=None)
    ]
    return pd.Series(cells, index=keys.tolist(), dtype=object)


def table_delta(name: str, old: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """``op`` (ADD/MOD/DEL) plus primary-key columns, sorted by op then key."""
    pk = schemas.primary_key(name)
    old_h = _row_hashes(name, old) if old is not None else pd.Series([], dtype=object)
    new_h = _row_hashes(name, new)
    ops = [("ADD", k) for k in new_h.index.difference(old_h.index)]
    ops += [("DEL", k) for k in old_h.index.difference(new_h.index)]
    common = new_h.index.intersection(old_h.index)
    ops += [("MOD", k) for k in common if new_h[k] != old_h[k]]
    rows = [{"op": op, **dict(zip(pk, key.split("\x1f"), strict=True))} for op, key in ops]
    frame = pd.DataFrame(rows, columns=["op", *pk], dtype=object)
    return frame.sort_values(["op", *pk], kind="mergesort").reset_index(drop=True)


def diff_releases(old_path: Path | None, new_path: Path) -> dict[str, dict[str, Any]]:
    """``{table: {"ADD": n, "MOD": n, "DEL": n, "keys": {op: [key, ...]}}}``.

    ``old_path`` None means "no previous release": every row is an ADD.
    """
    out: dict[str, dict[str, Any]] = {}
    for name in schemas.TABLES:
        old = read_table(Path(old_path), name) if old_path is not None else None
        out[name] = summarize(name, table_delta(name, old, read_table(Path(new_path), name)))
    return out


def summarize(name: str, delta: pd.DataFrame) -> dict[str, Any]:
    pk = schemas.primary_key(name)
    keys = {
        op: [
            "/".join(map(str, k))
            for k in delta.loc[delta["op"] == op, pk].itertuples(index=False, name=None)
        ]
        for op in OPS
    }
    return {**{op: len(keys[op]) for op in OPS}, "keys": keys}


def write_deltas(old_path: Path | None, folder: Path) -> dict[str, dict[str, Any]]:
    """Write ``folder/delta/<table>.csv``: the tables in ``folder`` vs ``old_path``."""
    (folder / "delta").mkdir(parents=True, exist_ok=True)
    summary = {}
    for name in schemas.TABLES:
        old = read_table(old_path, name) if old_path is not None else None
        delta = table_delta(name, old, read_table(folder, name))
        (folder / "delta" / f"{name}.csv").write_bytes(csv_bytes(delta))
        summary[name] = summarize(name, delta)
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
