"""Table files: byte-deterministic Parquet and RFC 4180 CSV with defused formulas."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

import schemas
from casewire.publish.files import (
    csv_bytes,
    csv_cell,
    csv_column,
    neutralize,
    present_records,
    read_table,
    read_tables,
    write_tables,
)
from schemas.examples import example_tables


def test_two_writes_are_byte_identical(tmp_path: Path) -> None:
    first = write_tables(example_tables(), tmp_path / "a")
    second = write_tables(example_tables(), tmp_path / "b")
    assert first == second
    for name in first:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_row_order_does_not_depend_on_input_order(tmp_path: Path) -> None:
    tables = example_tables()
    shuffled = {n: df.iloc[::-1].reset_index(drop=True) for n, df in tables.items()}
    assert write_tables(tables, tmp_path / "a") == write_tables(shuffled, tmp_path / "b")


def test_object_text_columns_give_the_same_bytes(tmp_path: Path) -> None:
    tables = example_tables()
    objects = dict(tables, cases=tables["cases"].astype({"caption": object}))
    assert write_tables(tables, tmp_path / "a") == write_tables(objects, tmp_path / "b")


def test_parquet_round_trips_to_the_contract_dtypes(tmp_path: Path) -> None:
    write_tables(example_tables(), tmp_path)
    tables = read_tables(tmp_path)
    for name, df in tables.items():
        assert {c: str(t) for c, t in df.dtypes.items()} == schemas.dtypes(name)
    schemas.validate_tables(tables)
    assert tables["entities"].at[0, "variants"] == ["Doe"]


def test_parquet_has_no_pandas_index_and_fixed_compression(tmp_path: Path) -> None:
    write_tables(example_tables(), tmp_path)
    meta = pq.ParquetFile(tmp_path / "documents.parquet").metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"
    assert pq.read_schema(tmp_path / "documents.parquet").names == schemas.columns("documents")


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_is_rfc4180_with_crlf_and_quoted_commas(tmp_path: Path) -> None:
    write_tables(example_tables(), tmp_path)
    raw = (tmp_path / "mentions.csv").read_bytes()
    assert raw.count(b"\r\n") == 4 and b'"Jane Doe, 42, of Springfield' in raw
    assert _csv_rows(tmp_path / "mentions.csv")[0]["evidence"].startswith("Jane Doe, 42,")


@pytest.mark.parametrize("text", ["=HYPERLINK(1)", "+1", "-2 years", "@SUM(A1)", "\tx", "\rx"])
def test_formulas_are_neutralized_in_csv_only(tmp_path: Path, text: str) -> None:
    tables = example_tables()
    tables["rejects"].at[1, "message"] = text
    write_tables(tables, tmp_path)
    row = [r for r in _csv_rows(tmp_path / "rejects.csv") if r["reject_id"] == "rej-02"][0]
    assert row["message"] == "'" + text
    parquet = read_table(tmp_path, "rejects")
    assert parquet.loc[parquet["reject_id"] == "rej-02", "message"].item() == text


def test_list_columns_are_joined_in_csv_and_lists_in_parquet(tmp_path: Path) -> None:
    tables = example_tables()
    tables["entities"].at[0, "aliases"] = ["JD", "Janie"]
    write_tables(tables, tmp_path)
    assert _csv_rows(tmp_path / "entities.csv")[0]["aliases"] == "JD;Janie"
    assert read_table(tmp_path, "entities").at[0, "aliases"] == ["JD", "Janie"]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (pd.NA, ""),
        (float("nan"), ""),
        (True, "true"),
        (False, "false"),
        (1000.5, "1000.5"),
        (3, "3"),
        ([], ""),
        (["a", "b"], "a;b"),
        ("plain", "plain"),
    ],
)
def test_csv_cell(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_csv_reads_back_with_pandas(tmp_path: Path) -> None:
    write_tables(example_tables(), tmp_path)
    frame = pd.read_csv(tmp_path / "legal_outcomes.csv")
    assert frame["sentence_max_months"].tolist()[0] == 60
    assert list(frame.columns) == schemas.columns("legal_outcomes")


def test_empty_tables_are_written_with_their_columns(tmp_path: Path) -> None:
    tables = {name: schemas.empty_frame(name) for name in schemas.TABLES}
    write_tables(tables, tmp_path)
    header = (tmp_path / "entities.csv").read_text(encoding="utf-8").strip()
    assert header.split(",") == schemas.columns("entities")
    aliases = pq.read_schema(tmp_path / "entities.parquet").field("aliases").type
    assert str(aliases) == "list<element: string>"
    assert len(read_table(tmp_path, "entities")) == 0


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_csv_round_trips_any_text_up_to_neutralization(texts: list[str]) -> None:
    frame = pd.DataFrame({"a": texts, "b": [[t for t in texts if t]] * len(texts)})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"), newline="")))
    assert rows[0] == ["a", "b"]
    assert [r[0] for r in rows[1:]] == [neutralize(t) for t in texts]


@given(st.text())
def test_neutralized_cells_never_start_a_formula(text: str) -> None:
    cell = neutralize(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell.removeprefix("'") == text or cell == text


def _awkward_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "s": pd.Series(["=1", None, 'q "x"\r\ny', "a,b", "\rz", ""], dtype="str"),
            "l": pd.Series([["a", "b"], [], ["-x"], ['q"u', "o;te"], ("t",), None], dtype=object),
            "n": pd.Series([1, None, -3, 0, 5, 6], dtype="Int64"),
            "i": pd.Series([0, 1, 2, 3, 4, -5], dtype="int64"),
            "f": pd.Series([1.5, np.nan, 1e-30, -0.0, 1e16, float("inf")], dtype="float64"),
            "b": pd.Series([True, False, True, False, True, False], dtype="bool"),
            "o": pd.Series(["+1", None, np.nan, pd.NA, 2.5, True], dtype=object),
            "sna": pd.Series(["@a", None, "b", "c", "d", "e"], dtype="string"),
            "bna": pd.Series([True, None, False, True, None, False], dtype="boolean"),
        }
    )


def test_csv_column_converters_equal_csv_cell_per_cell() -> None:
    frame = _awkward_frame()
    for col in frame.columns:
        assert csv_column(frame[col]) == [csv_cell(v) for v in frame[col]], col


def test_csv_bytes_equal_the_cell_by_cell_writer() -> None:
    frame = _awkward_frame()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([csv_cell(v) for v in row])
    assert csv_bytes(frame) == buffer.getvalue().encode("utf-8")
    assert csv_bytes(frame.iloc[:0]) == b"s,l,n,i,f,b,o,sna,bna\r\n"


def test_present_records_equal_to_dict_with_missing_as_none() -> None:
    frame = _awkward_frame().drop(columns=["bna"])

    def present(v: object) -> bool:
        if isinstance(v, (list, tuple)):
            return len(v) > 0
        return v is not None and not (not isinstance(v, str) and pd.isna(v))

    expected = [
        {k: (v if present(v) else None) for k, v in row.items()}
        for row in frame.to_dict(orient="records")
    ]
    got = present_records(frame)
    assert got == expected
    assert [[type(v) for v in r.values()] for r in got] == [
        [type(v) for v in r.values()] for r in expected
    ]


def test_csv_written_in_chunks_is_the_same_bytes(tmp_path) -> None:
    from casewire.publish.files import csv_bytes, write_csv

    df = pd.DataFrame(
        {
            "a": pd.Series(["x", None, "=1+1", "line\nbreak", "é"] * 7, dtype="str"),
            "n": pd.Series(range(35), dtype="Int64"),
            "f": [0.5, float("nan"), -0.0, 1e300, 2.0] * 7,
        }
    )
    for chunk in (1, 3, 34, 35, 1000):
        sha, size = write_csv(df, tmp_path / f"t{chunk}.csv", rows_per_chunk=chunk)
        assert (tmp_path / f"t{chunk}.csv").read_bytes() == csv_bytes(df)
        assert size == len(csv_bytes(df))
        assert sha == hashlib.sha256(csv_bytes(df)).hexdigest()
    sha, size = write_csv(df.iloc[:0], tmp_path / "empty.csv")
    assert (tmp_path / "empty.csv").read_bytes() == csv_bytes(df.iloc[:0])


def test_chunked_columns_give_the_same_bytes(tmp_path: Path) -> None:
    # a table joined from parts holds chunked Arrow columns; the files must not show it
    tables = example_tables()
    mentions = tables["mentions"]
    half = len(mentions) // 2
    joined = pd.concat([mentions.iloc[:half], mentions.iloc[half:]], ignore_index=True)
    assert joined["mention_id"].array.__arrow_array__().num_chunks == 2
    chunked = dict(tables, mentions=joined)
    assert write_tables(tables, tmp_path / "a") == write_tables(chunked, tmp_path / "b")


def test_csv_chunks_follow_row_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # long texts are written a few rows at a time; the bytes are the same either way
    import casewire.publish.files as files

    df = example_tables()["documents"]
    whole = csv_bytes(df)
    monkeypatch.setattr(files, "CSV_CHUNK_BYTES", 1)
    sha256, size = files.write_csv(df, tmp_path / "d.csv")
    assert (tmp_path / "d.csv").read_bytes() == whole
    assert size == len(whole) and sha256 == hashlib.sha256(whole).hexdigest()
