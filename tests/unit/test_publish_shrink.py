"""The shrink guard: a release that drops too many of the previous documents is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import schemas
from casewire.publish import publish_release
from casewire.publish.shrink import ReleaseShrinkError, check_shrink, dropped_sources
from schemas.examples import example_tables

SOURCES = [{"path": "raw/doe.txt", "sha256": "a" * 64, "bytes": 187}]


def _previous(tmp_path: Path, n: int) -> Path:
    """A release folder whose documents.parquet holds source_ids src/00 .. src/<n-1>."""
    folder = tmp_path / "releases" / "2026-11-21-00000000"
    folder.mkdir(parents=True)
    ids = [f"src/{i:02d}" for i in range(n)]
    pq.write_table(pa.table({"source_id": ids}), folder / "documents.parquet")
    return folder


def _documents(source_ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"source_id": source_ids})


def test_dropped_sources_are_the_previous_ones_now_absent(tmp_path: Path) -> None:
    previous = _previous(tmp_path, 4)
    missing, n_before = dropped_sources(previous, _documents(["src/01", "src/03", "new/1"]))
    assert (missing, n_before) == (["src/00", "src/02"], 4)


def test_dropping_up_to_the_share_is_allowed(tmp_path: Path) -> None:
    previous = _previous(tmp_path, 20)
    kept = [f"src/{i:02d}" for i in range(2, 20)]  # 2 of 20 dropped: exactly 10%
    check_shrink(previous, "2026-11-21-00000000", _documents(kept), 0.10)


def test_dropping_more_than_the_share_is_refused_with_what_went_missing(tmp_path: Path) -> None:
    previous = _previous(tmp_path, 20)
    kept = [f"src/{i:02d}" for i in range(3, 20)]  # 3 of 20 dropped: 15%
    with pytest.raises(ReleaseShrinkError) as err:
        check_shrink(previous, "2026-11-21-00000000", _documents(kept), 0.10)
    message = str(err.value)
    assert "drop 3 of the 20 documents of release 2026-11-21-00000000" in message
    assert "missing source_ids: src/00, src/01, src/02." in message
    assert "--allow-shrink" in message


def test_the_error_names_the_first_missing_ids_and_counts_the_rest(tmp_path: Path) -> None:
    previous = _previous(tmp_path, 20)
    with pytest.raises(ReleaseShrinkError, match=r"src/04 \(\+15 more\)"):
        check_shrink(previous, "v", _documents([]), 0.10)


@pytest.mark.parametrize("share", [-0.1, 1.5])
def test_a_share_outside_0_to_1_is_an_error(tmp_path: Path, share: float) -> None:
    with pytest.raises(ValueError, match="max_shrink must be a share between 0 and 1"):
        check_shrink(None, None, _documents([]), share)


def _publish(out: Path, tables: dict[str, pd.DataFrame], date: str, **kwargs):
    return publish_release(tables, out, sources=SOURCES, stats={}, build_date=date, **kwargs)


def test_publish_refuses_an_empty_release_over_a_full_one(tmp_path: Path) -> None:
    first = _publish(tmp_path, example_tables(), "2026-11-22")
    pointer = (tmp_path / "latest.json").read_bytes()
    empty = {name: schemas.empty_frame(name) for name in schemas.TABLES}
    with pytest.raises(ReleaseShrinkError, match="releases/doe.txt"):
        _publish(tmp_path, empty, "2026-11-23", max_shrink=0.10)
    assert (tmp_path / "latest.json").read_bytes() == pointer
    assert [p.name for p in (tmp_path / "releases").iterdir()] == [first.version]


def test_publish_without_a_limit_lets_the_release_shrink(tmp_path: Path) -> None:
    _publish(tmp_path, example_tables(), "2026-11-22")
    empty = {name: schemas.empty_frame(name) for name in schemas.TABLES}
    second = _publish(tmp_path, empty, "2026-11-23", max_shrink=None)
    assert second.published
    assert json.loads((tmp_path / "latest.json").read_text())["version"] == second.version
