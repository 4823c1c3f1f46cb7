"""Delta fast paths: row hashes, keys and delta files equal the reference definitions."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import schemas
from casewire.publish.delta import (
    _row_hashes,
    diff_releases,
    row_hashes,
    summarize,
    table_delta,
    write_deltas,
)
from casewire.publish.files import csv_bytes, csv_cell, read_table, write_tables
from schemas.examples import example_tables


def _awkward_frame() -> pd.DataFrame:
    """One row per awkward cell: nulls, lists, floats, bools, formulas, quoted newlines."""
    return pd.DataFrame(
        {
            "entity_id": pd.Series(["e1", "e2", "=e3", "e,4", "e5", "e6"], dtype="str"),
            "text": pd.Series(
                ["=SUM(A1)", None, 'say "hi"\r\nthere', "a,b", "\tx", "line\nbreak"], dtype="str"
            ),
            "names": pd.Series(
                [["A", "B"], [], ["-x"], ['q"u', "o;te"], ["\r"], ["x\ny"]], dtype=object
            ),
            "n": pd.Series([1, None, -3, 0, 5, 6], dtype="Int64"),
            "i": pd.Series([0, 1, 2, 3, 4, -5], dtype="int64"),
            "f": pd.Series([1.5, np.nan, 1e-30, -0.0, 1e16, float("inf")], dtype="float64"),
            "b": pd.Series([True, False, True, False, True, False], dtype="bool"),
            "o": pd.Series(["+1", None, np.nan, pd.NA, 2.5, True], dtype=object),
        }
    )


@pytest.fixture
def awkward_pk(monkeypatch: pytest.MonkeyPatch) -> None:
    real = schemas.primary_key
    monkeypatch.setattr(
        schemas, "primary_key", lambda n: ["entity_id"] if n == "awkward" else real(n)
    )


def _reference_table_delta(name: str, old: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """The original (Series-based) delta, kept here as the definition to match."""
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


@pytest.mark.usefixtures("awkward_pk")
def test_row_hashes_equal_the_reference_definition() -> None:
    frame = _awkward_frame()
    reference = _row_hashes("awkward", frame)
    fast = row_hashes("awkward", frame)
    assert [(k,) for k in reference.index] == list(fast)
    assert list(reference) == [h.hex() for h in fast.values()]


@pytest.mark.usefixtures("awkward_pk")
def test_row_hashes_equal_hashes_of_the_parsed_csv_rows() -> None:
    frame = _awkward_frame()
    parsed = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"), newline="")))
    assert parsed[0] == list(frame.columns)
    assert parsed[1:] == [[csv_cell(v) for v in row] for row in frame.itertuples(index=False)]
    digests = [hashlib.sha256("\x1f".join(row).encode()).digest() for row in parsed[1:]]
    assert list(row_hashes("awkward", frame).values()) == digests


@pytest.mark.usefixtures("awkward_pk")
def test_table_delta_matches_the_reference_with_add_mod_del() -> None:
    old = _awkward_frame()
    new = old.drop(index=[1, 4]).reset_index(drop=True)
    new.loc[0, "f"] = 2.5
    new.at[1, "names"] = ["-x", "more"]
    new = pd.concat([new, old.iloc[[4]].assign(entity_id="e10")], ignore_index=True)
    for before, after in ((old, new), (new, old), (None, new), (old, old)):
        expected = _reference_table_delta("awkward", before, after)
        got = table_delta("awkward", before, after)
        pd.testing.assert_frame_equal(got, expected)
        assert csv_bytes(got) == csv_bytes(expected)


def _two_releases(tmp_path: Path) -> tuple[Path, Path]:
    tables = example_tables()
    write_tables(tables, tmp_path / "old")
    changed = {n: df.copy() for n, df in tables.items()}
    changed["rejects"] = changed["rejects"].iloc[:1]
    changed["entities"].at[0, "aliases"] = ["=Alias", "Other"]
    changed["legal_outcomes"].loc[0, "fine_usd"] = 12.5
    write_tables(changed, tmp_path / "new")
    return tmp_path / "old", tmp_path / "new"


@pytest.mark.parametrize("first", [True, False])
def test_write_deltas_equals_the_reference(tmp_path: Path, first: bool) -> None:
    old, new = _two_releases(tmp_path)
    summary = write_deltas(None if first else old, new)
    for name in schemas.TABLES:
        before = None if first else read_table(old, name)
        expected = _reference_table_delta(name, before, read_table(new, name))
        assert (new / "delta" / f"{name}.csv").read_bytes() == csv_bytes(expected), name
        assert summary[name] == summarize(name, expected), name
    assert diff_releases(None if first else old, new) == summary
    if not first:
        assert summary["rejects"]["DEL"] == 1 and summary["entities"]["MOD"] == 1
        assert summary["legal_outcomes"]["MOD"] == 1
    else:
        assert all(s["MOD"] == s["DEL"] == 0 for s in summary.values())
