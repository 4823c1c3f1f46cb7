"""``output/index.json`` lists every release with what a consumer checks before use,
and ``delta/entities.ftm.json`` says which FtM entities changed."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import schemas
from casewire.publish import publish_release, validate_release
from casewire.publish.delta import FTM_DELTA, write_ftm_delta
from casewire.publish.files import sha256_file
from schemas.examples import example_tables

SOURCES = [{"path": "raw/doe.txt", "sha256": "a" * 64, "bytes": 187}]


def _publish(out: Path, tables=None, build_date: str = "2026-11-22"):
    return publish_release(
        tables if tables is not None else example_tables(),
        out,
        sources=SOURCES,
        stats={},
        build_date=build_date,
    )


def _changed() -> dict:
    tables = example_tables()
    tables["cases"].at[0, "caption"] = "U.S. v. Doe"
    return tables


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("out")
    first = _publish(out)
    second = _publish(out, _changed(), build_date="2026-11-23")
    return out, first, second


def _index(out: Path) -> dict:
    return json.loads((out / "index.json").read_text(encoding="utf-8"))


def test_index_lists_every_release_oldest_first_with_its_previous(history) -> None:
    out, first, second = history
    index = _index(out)
    assert index["latest"] == second.version
    assert [r["version"] for r in index["releases"]] == [first.version, second.version]
    assert [r["previous_version"] for r in index["releases"]] == [None, first.version]
    entry = index["releases"][1]
    assert entry["build_date"] == "2026-11-23" and entry["published_at"]
    assert entry["path"] == f"releases/{second.version}"
    assert entry["schema_version"] == schemas.SCHEMA_VERSION


def test_index_rows_and_checksums_are_those_of_the_files(history) -> None:
    out, _, second = history
    entry = _index(out)["releases"][1]
    assert set(entry["rows"]) == set(schemas.TABLES)
    for name, rows in entry["rows"].items():
        assert rows == pq.read_metadata(second.path / f"{name}.parquet").num_rows, name
    for rel, digest in entry["checksums"].items():
        assert digest == f"sha256:{sha256_file(second.path / rel)}", rel
    assert "SHA256SUMS" in entry["checksums"] and "cases.parquet" in entry["checksums"]


def test_a_lost_index_is_rebuilt_by_the_next_publish(history, tmp_path: Path) -> None:
    import shutil

    out = shutil.copytree(history[0], tmp_path / "out")
    (out / "index.json").unlink()
    tables = _changed()
    tables["cases"].at[0, "caption"] = "United States v. J. Doe"
    third = _publish(out, tables, build_date="2026-11-24")
    versions = [r["version"] for r in _index(out)["releases"]]
    assert versions == [history[1].version, history[2].version, third.version]


def test_an_unchanged_run_leaves_the_index_as_it_was(history, tmp_path: Path) -> None:
    import shutil

    out = shutil.copytree(history[0], tmp_path / "out")
    before = (out / "index.json").read_bytes()
    assert not _publish(out, _changed(), build_date="2026-11-25").published
    assert (out / "index.json").read_bytes() == before


def _ftm_delta(release: Path) -> list[dict]:
    lines = (release / FTM_DELTA).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_first_ftm_delta_adds_every_entity(history) -> None:
    _, first, _ = history
    entities = (first.path / "entities.ftm.json").read_text(encoding="utf-8").splitlines()
    delta = _ftm_delta(first.path)
    assert [d["op"] for d in delta] == ["ADD"] * len(entities)
    assert [d["entity"] for d in delta] == [json.loads(line) for line in entities]


def test_ftm_delta_holds_the_changed_entity_in_full(history) -> None:
    _, _, second = history
    (line,) = _ftm_delta(second.path)
    assert line["op"] == "MOD" and line["entity"]["schema"] == "CourtCase"
    assert "U.S. v. Doe" in line["entity"]["properties"]["name"]
    assert validate_release(second.path).ok  # the delta is listed in SHA256SUMS


def test_ftm_delta_names_a_deleted_entity_with_its_old_content(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new, new / "delta"):
        folder.mkdir()
    a = {"id": "casewire-a", "schema": "Person", "properties": {"name": ["A"]}}
    b = {"id": "casewire-b", "schema": "Person", "properties": {"name": ["B"]}}
    (old / "entities.ftm.json").write_text(f"{json.dumps(a)}\n{json.dumps(b)}\n")
    (new / "entities.ftm.json").write_text(f"{json.dumps(b)}\n")
    assert write_ftm_delta(old, new, "entities.ftm.json") == {"ADD": 0, "MOD": 0, "DEL": 1}
    assert _ftm_delta(new) == [{"op": "DEL", "entity": a}]
