"""validate_release: checksums, missing files, schemas and keys of a published release."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from casewire.publish import publish_release, read_table, validate_release
from casewire.publish.files import parquet_bytes
from casewire.publish.release import checksums
from schemas.examples import example_tables

SOURCES = [{"path": "raw/doe.txt", "sha256": "a" * 64, "bytes": 187}]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    return publish_release(
        example_tables(), out, sources=SOURCES, stats={}, build_date="2026-11-22"
    ).path


@pytest.fixture
def release(published: Path, tmp_path: Path) -> Path:
    copy = tmp_path / published.name
    shutil.copytree(published, copy)
    return copy


def _rewrite(release: Path, file_name: str, data: bytes) -> None:
    """Replace a table file *and* its recorded checksums, as buggy code would."""
    (release / file_name).write_bytes(data)
    package = json.loads((release / "datapackage.json").read_text())
    for res in package["resources"]:
        if res["path"] == file_name:
            res["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
            res["bytes"] = len(data)
    (release / "datapackage.json").write_text(json.dumps(package))
    (release / "SHA256SUMS").write_text(checksums(release))


def test_good_release_passes(release: Path) -> None:
    report = validate_release(release)
    assert report.ok, report.render()
    assert report.render().endswith("OK") and report.checked_files > 22


def test_flipped_byte_fails(release: Path) -> None:
    data = bytearray((release / "entities.parquet").read_bytes())
    data[100] ^= 0x01
    (release / "entities.parquet").write_bytes(bytes(data))
    report = validate_release(release)
    assert not report.ok
    assert "entities.parquet: sha256" in report.render()
    assert "file changed or corrupt" in report.render()


@pytest.mark.parametrize("file_name", ["cases.csv", "README.md", "delta/cases.csv"])
def test_missing_file_fails(release: Path, file_name: str) -> None:
    (release / file_name).unlink()
    report = validate_release(release)
    assert not report.ok and f"missing file: {file_name}" in report.render()


def test_missing_datapackage_fails(release: Path) -> None:
    (release / "datapackage.json").unlink()
    report = validate_release(release)
    assert not report.ok and "datapackage.json" in report.render()


def test_dangling_foreign_key_fails(release: Path) -> None:
    charges = read_table(release, "charges")
    charges.loc[0, "outcome_id"] = "out-99"
    _rewrite(release, "charges.parquet", parquet_bytes("charges", charges))
    report = validate_release(release)
    assert not report.ok
    text = report.render()
    assert "foreign key -> legal_outcomes.outcome_id" in text and "'out-99'" in text


def test_column_of_the_wrong_type_fails(release: Path) -> None:
    events = read_table(release, "events")
    events["start_char"] = events["start_char"].astype(str)
    table = pa.Table.from_pandas(events, preserve_index=False)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    _rewrite(release, "events.parquet", sink.getvalue().to_pybytes())
    report = validate_release(release)
    assert not report.ok
    assert "events" in report.render() and "dtype('int64')" in report.render()


def test_incompatible_schema_version_is_reported(release: Path) -> None:
    package = json.loads((release / "datapackage.json").read_text())
    package["schema_version"] = "2.0.0"
    (release / "datapackage.json").write_text(json.dumps(package))
    report = validate_release(release)
    assert "schema_version 2.0.0 is not compatible" in report.render()


def test_paths_leaving_the_release_are_refused(release: Path) -> None:
    outside = release.parent / "secret.txt"
    outside.write_text("not part of the release")
    sums = release / "SHA256SUMS"
    sums.write_text(sums.read_text() + f"{'0' * 64}  ../secret.txt\n")
    report = validate_release(release)
    assert not report.ok
    assert "unsafe path '../secret.txt'" in report.render()
