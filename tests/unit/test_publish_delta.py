"""Delta fast paths: row hashes, keys and delta files equal the reference definitions."""

from __future__ import annotations

import csv
import hashlib
import io
import json
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
    """The delta as the module docstring defines it, built the slow, obvious way."""
    pk = schemas.primary_key(name)
    old_h = _row_hashes(name, old) if old is not None else pd.Series([], dtype=object)
    new_h = _row_hashes(name, new)

    def cells(frame: pd.DataFrame, key: str) -> list[str]:
        keys = frame[pk].astype(str).agg("\x1f".join, axis=1)
        (row,) = frame[keys == key].itertuples(index=False, name=None)
        return [csv_cell(v) for v in row]

    lines = []
    for key in sorted(new_h.index.difference(old_h.index), key=lambda k: k.split("\x1f")):
        lines.append(["ADD", "new", "", *cells(new, key)])
    common = sorted(new_h.index.intersection(old_h.index), key=lambda k: k.split("\x1f"))
    for key in (k for k in common if new_h[k] != old_h[k]):
        before, after = cells(old, key), cells(new, key)
        changed = ";".join(c for c, a, b in zip(new.columns, before, after, strict=True) if a != b)
        lines += [["MOD", "old", changed, *before], ["MOD", "new", changed, *after]]
    for key in sorted(old_h.index.difference(new_h.index), key=lambda k: k.split("\x1f")):
        lines.append(["DEL", "old", "", *cells(old, key)])
    columns = ["op", "row", "changed", *new.columns]
    return pd.DataFrame(lines or None, columns=columns, dtype=object)


def _csv(frame: pd.DataFrame) -> bytes:
    """A delta frame (cells already CSV cells) as the delta file writes it."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(frame.columns)
    writer.writerows(frame.itertuples(index=False, name=None))
    return buffer.getvalue().encode("utf-8")


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
        assert (new / "delta" / f"{name}.csv").read_bytes() == _csv(expected), name
        assert summary[name] == summarize(name, expected), name
    assert diff_releases(None if first else old, new) == summary
    if not first:
        assert summary["rejects"]["DEL"] == 1 and summary["entities"]["MOD"] == 1
        assert summary["legal_outcomes"]["MOD"] == 1
    else:
        assert all(s["MOD"] == s["DEL"] == 0 for s in summary.values())


def _delta(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / "delta" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _csv_row(folder: Path, name: str, **key: str) -> dict[str, str]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return next(r for r in csv.DictReader(handle) if all(r[k] == v for k, v in key.items()))


def test_a_modified_row_shows_old_and_new_and_the_changed_columns(tmp_path: Path) -> None:
    old, new = _two_releases(tmp_path)
    write_deltas(old, new)
    (before, after) = _delta(new, "legal_outcomes")
    assert (before["op"], before["row"], after["op"], after["row"]) == ("MOD", "old", "MOD", "new")
    assert before["changed"] == after["changed"] == "fine_usd"
    table_columns = list(_csv_row(new, "legal_outcomes", outcome_id=after["outcome_id"]))
    assert {k: after[k] for k in table_columns} == _csv_row(
        new, "legal_outcomes", outcome_id=after["outcome_id"]
    )
    assert {k: before[k] for k in table_columns} == _csv_row(
        old, "legal_outcomes", outcome_id=before["outcome_id"]
    )
    assert after["fine_usd"] == "12.5" and before["fine_usd"] != "12.5"


def test_a_deleted_row_shows_the_old_row_in_full(tmp_path: Path) -> None:
    old, new = _two_releases(tmp_path)
    write_deltas(old, new)
    (line,) = _delta(new, "rejects")
    assert (line["op"], line["row"], line["changed"]) == ("DEL", "old", "")
    gone = _csv_row(old, "rejects", reject_id=line["reject_id"])
    assert {k: line[k] for k in gone} == gone and gone["message"]


def test_an_added_row_shows_the_new_row_in_full(tmp_path: Path) -> None:
    old, new = _two_releases(tmp_path)
    write_deltas(None, new)  # a first release: every row an ADD
    lines = _delta(new, "documents")
    assert [(x["op"], x["row"]) for x in lines] == [("ADD", "new")]
    kept = _csv_row(new, "documents", doc_id=lines[0]["doc_id"])
    assert {k: lines[0][k] for k in kept} == kept and kept["text"]


def _without_table(folder: Path, name: str) -> None:
    """``folder`` as a release of a contract before table ``name``: its files gone and
    its descriptor listing the other tables only."""
    for suffix in ("parquet", "csv"):
        (folder / f"{name}.{suffix}").unlink()
    listed = [{"path": f"{t}.parquet"} for t in schemas.TABLES if t != name]
    (folder / "datapackage.json").write_text(json.dumps({"resources": listed}))


def test_a_table_the_previous_release_did_not_have_is_all_adds(tmp_path: Path) -> None:
    old, new = _two_releases(tmp_path)
    _without_table(old, "case_outcomes")
    summary = write_deltas(old, new)
    added = len(read_table(new, "case_outcomes"))
    assert (summary["case_outcomes"]["ADD"], summary["case_outcomes"]["DEL"]) == (added, 0)
    assert [x["op"] for x in _delta(new, "case_outcomes")] == ["ADD"] * added


def test_a_listed_table_missing_from_the_previous_release_still_fails(tmp_path: Path) -> None:
    old, new = _two_releases(tmp_path)
    _without_table(old, "case_outcomes")
    (old / "charges.parquet").unlink()  # listed, but gone: damage, not an older contract
    with pytest.raises(FileNotFoundError):
        write_deltas(old, new)
