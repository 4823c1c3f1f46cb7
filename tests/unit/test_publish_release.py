"""publish_release: immutable versioned folders, latest.json last, no-op when unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import schemas
from casewire.publish import (
    OutputLockedError,
    diff_releases,
    output_lock,
    publish_release,
    validate_release,
)
from casewire.publish.release import content_hash, release_hashes
from schemas.examples import example_tables

SOURCES = [{"path": "raw/doe.txt", "sha256": "a" * 64, "bytes": 187}]


def _publish(out: Path, tables=None, build_date: str = "2026-11-22", **kwargs):
    return publish_release(
        tables if tables is not None else example_tables(),
        out,
        sources=SOURCES,
        stats={"documents_in": 2},
        build_date=build_date,
        **kwargs,
    )


def test_first_publish_writes_release_and_pointer(tmp_path: Path) -> None:
    result = _publish(tmp_path)
    assert result.published and result.reason == "published"
    assert result.path == tmp_path / "releases" / result.version
    hashes = release_hashes(result.path)
    expected = content_hash({k: {"sha256": v} for k, v in hashes.items()})[:8]
    assert result.version == f"2026-11-22-{expected}"
    latest = json.loads((tmp_path / "latest.json").read_text())
    assert latest["version"] == result.version
    assert latest["path"] == f"releases/{result.version}"
    assert latest["schema_version"] == schemas.SCHEMA_VERSION and latest["published_at"]
    names = {p.name for p in result.path.iterdir()}
    assert {
        "datapackage.json",
        "schema.json",
        "README.md",
        "CHANGELOG.md",
        "SHA256SUMS",
        "delta",
        "documents.parquet",
        "documents.csv",
    } <= names


def test_unchanged_tables_publish_nothing(tmp_path: Path) -> None:
    first = _publish(tmp_path)
    pointer = (tmp_path / "latest.json").read_bytes()
    second = _publish(tmp_path, build_date="2026-11-23")
    assert not second.published
    assert second.reason == f"no change since {first.version}"
    assert (tmp_path / "latest.json").read_bytes() == pointer
    assert [p.name for p in (tmp_path / "releases").iterdir()] == [first.version]


def test_two_builds_give_byte_identical_tables(tmp_path: Path) -> None:
    a, b = _publish(tmp_path / "a"), _publish(tmp_path / "b")
    assert a.version == b.version
    for path in sorted(a.path.rglob("*")):
        other = b.path / path.relative_to(a.path)
        # the descriptor holds its creation time, and SHA256SUMS its checksum
        if path.is_file() and path.name not in ("datapackage.json", "SHA256SUMS"):
            assert path.read_bytes() == other.read_bytes(), path.name
    pa_, pb = (json.loads((r.path / "datapackage.json").read_text()) for r in (a, b))
    pa_.pop("created"), pb.pop("created")
    assert pa_ == pb
    sa, sb = ((r.path / "SHA256SUMS").read_text().splitlines() for r in (a, b))
    assert [s for s in sa if not s.endswith("datapackage.json")] == [
        s for s in sb if not s.endswith("datapackage.json")
    ]


def test_changed_tables_make_a_new_release_with_delta(tmp_path: Path) -> None:
    first = _publish(tmp_path)
    before = {p: p.read_bytes() for p in first.path.rglob("*") if p.is_file()}
    tables = example_tables()
    tables["cases"].at[0, "caption"] = "U.S. v. Doe"
    tables["rejects"] = tables["rejects"].iloc[:1]
    second = _publish(tmp_path, tables, build_date="2026-11-23")
    assert second.published and second.version.startswith("2026-11-23-")
    assert second.changes["cases"]["MOD"] == 1 and second.changes["rejects"]["DEL"] == 1
    delta = (second.path / "delta" / "rejects.csv").read_bytes().decode()
    assert delta == (
        "op,row,changed,reject_id,source,reason,message,duplicate_of\r\n"
        "DEL,old,,rej-02,'=cmd.txt,empty,no text after cleaning,\r\n"
    )  # the deleted row in full
    changelog = (second.path / "CHANGELOG.md").read_text()
    assert changelog.index(second.version) < changelog.index(first.version)
    assert {p: p.read_bytes() for p in first.path.rglob("*") if p.is_file()} == before
    assert json.loads((tmp_path / "latest.json").read_text())["version"] == second.version


def test_diff_releases_counts_and_keys(tmp_path: Path) -> None:
    first = _publish(tmp_path)
    tables = example_tables()
    tables["entities"].at[2, "n_mentions"] = 5
    second = _publish(tmp_path, tables, build_date="2026-11-23")
    diff = diff_releases(first.path, second.path)
    assert diff["entities"]["MOD"] == 1 and diff["entities"]["keys"]["MOD"] == [
        "ent-00000000000000a3"
    ]
    assert all(diff[n]["ADD"] == diff[n]["DEL"] == 0 for n in diff)


def test_diff_read_in_batches_equals_diff_read_whole(tmp_path: Path, monkeypatch) -> None:
    """Release files are compared a batch of rows at a time (the whole corpus's
    mentions are not held twice); batches of one row find the same changes."""
    from casewire.publish import delta

    first = _publish(tmp_path)  # legal_outcomes: sentence_min_months 60 and null
    tables = example_tables()
    tables["legal_outcomes"].loc[1, "sentence_min_months"] = 12  # MOD; row 0 unchanged
    tables["charges"] = tables["charges"].iloc[1:].reset_index(drop=True)  # DEL
    second = _publish(tmp_path, tables, build_date="2026-11-23")
    whole = diff_releases(first.path, second.path)
    monkeypatch.setattr(delta, "DIFF_BATCH_ROWS", 1)
    assert diff_releases(first.path, second.path) == whole
    assert whole["legal_outcomes"]["MOD"] == 1 and whole["charges"]["DEL"] == 1
    assert sum(s["MOD"] + s["ADD"] + s["DEL"] for s in whole.values()) == 2


def test_invalid_tables_publish_nothing(tmp_path: Path) -> None:
    tables = example_tables()
    tables["charges"].at[0, "case_id"] = "case-ffff"
    with pytest.raises(schemas.ReleaseValidationError, match="foreign key"):
        _publish(tmp_path, tables)
    assert not (tmp_path / "latest.json").exists()
    assert list((tmp_path / "releases").iterdir()) == []


def test_leftover_tmp_folders_are_removed(tmp_path: Path) -> None:
    leftover = tmp_path / "releases" / ".tmp-killed"
    leftover.mkdir(parents=True)
    (leftover / "documents.parquet").write_bytes(b"half")
    _publish(tmp_path)
    assert not leftover.exists()


def test_lock_held_by_another_process_gives_a_clear_error(tmp_path: Path) -> None:
    code = (
        "import sys,time; from pathlib import Path; from casewire.publish import output_lock\n"
        "with output_lock(Path(sys.argv[1])):\n print('locked', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputLockedError, match=rf"holds .*\.lock \(pid {holder.pid}\)"):
            _publish(tmp_path)
        with pytest.raises(OutputLockedError):
            with output_lock(tmp_path, timeout=0.3):
                pass
    finally:
        holder.kill()
        holder.wait()
    assert _publish(tmp_path).published  # the kernel released the killed holder's lock


def test_pointer_to_deleted_release_starts_fresh(tmp_path: Path) -> None:
    first = _publish(tmp_path)
    tables = example_tables()
    tables["cases"].at[0, "caption"] = "U.S. v. Doe"
    os.rename(first.path, tmp_path / "elsewhere")
    second = _publish(tmp_path, tables)
    assert second.published and "First release." in (second.path / "CHANGELOG.md").read_text()


@pytest.mark.parametrize("bad", ["22-11-2026", "2026-11-22T00:00", ""])
def test_build_date_must_be_iso(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        _publish(tmp_path, build_date=bad)


def test_empty_tables_make_a_valid_release(tmp_path: Path) -> None:
    tables = {name: schemas.empty_frame(name) for name in schemas.TABLES}
    result = _publish(tmp_path, tables)
    assert result.published
    assert validate_release(result.path).ok


def test_consume_empties_the_callers_tables_and_publishes_the_same(tmp_path: Path) -> None:
    kept = _publish(tmp_path / "a")
    handed_over = example_tables()
    consumed = _publish(tmp_path / "b", tables=handed_over, consume=True)
    assert handed_over == {}  # the frames were let go, for memory
    assert kept.version == consumed.version
    for name in ("entities.ftm.json", "report.html", "README.md", "mentions.parquet"):
        assert (kept.path / name).read_bytes() == (consumed.path / name).read_bytes()


def test_sha256sums_lists_every_file_of_the_release_the_descriptor_included(
    tmp_path: Path,
) -> None:
    from casewire.publish.release import expected_files

    result = _publish(tmp_path)
    listed = [
        line.split("  ", 1)[1] for line in (result.path / "SHA256SUMS").read_text().splitlines()
    ]
    on_disk = sorted(
        p.relative_to(result.path).as_posix() for p in result.path.rglob("*") if p.is_file()
    )
    assert "datapackage.json" in listed
    assert listed == expected_files() == [p for p in on_disk if p != "SHA256SUMS"]
