"""The shrink guard on real runs: a raw folder that lost most of its documents does not
replace the release built from them, unless the operator says the loss is intended.

One real first build on the two seeds and six corpus press releases (module fixture);
each test copies its output (release, pointer and extraction cache) and runs again.
"""

from __future__ import annotations

import gzip
import itertools
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from casewire.publish.shrink import ReleaseShrinkError
from flows.cli import main as cli_main

N_CORPUS = 6


@pytest.fixture(scope="module")
def first_build(prefect_harness, seed_raw, corpus_dir, tmp_path_factory) -> Path:
    """Output folder of a first build over the seeds + the first corpus records."""
    from flows.build import build_release

    raw = tmp_path_factory.mktemp("shrink-raw")
    shutil.copytree(seed_raw, raw, dirs_exist_ok=True)
    with gzip.open(corpus_dir / "doj_press_releases.jsonl.gz", "rt", encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, N_CORPUS))
    (raw / "feed.jsonl").write_text("".join(lines), encoding="utf-8")
    out = tmp_path_factory.mktemp("shrink-out")
    result = build_release(raw_dir=str(raw), output_dir=str(out))
    assert result.published
    return out


@pytest.fixture
def output(first_build: Path, tmp_path: Path) -> Path:
    return shutil.copytree(first_build, tmp_path / "out")


def _snapshot(out: Path) -> dict[str, bytes]:
    """Every published byte: the pointer and the release folders."""
    paths = [out / "latest.json", *sorted((out / "releases").rglob("*"))]
    return {str(p.relative_to(out)): p.read_bytes() for p in paths if p.is_file()}


def _documents(out: Path) -> pd.DataFrame:
    latest = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    return pd.read_parquet(out / latest["path"] / "documents.parquet")


def _one_seed_raw(seed_raw: Path, tmp_path: Path) -> Path:
    """The raw folder with all but one document removed."""
    raw = tmp_path / "raw"
    raw.mkdir()
    first = sorted(seed_raw.glob("*.txt"))[0]
    shutil.copy(first, raw / first.name)
    return raw


def test_a_run_missing_most_documents_is_refused(output, seed_raw, tmp_path, capsys) -> None:
    before, n_docs = _snapshot(output), len(_documents(output))
    assert n_docs >= 5
    raw = _one_seed_raw(seed_raw, tmp_path)
    code = cli_main(["run", "--raw", str(raw), "--output", str(output)])
    err = capsys.readouterr().err
    assert code != 0
    assert f"refusing to publish: this run would drop {n_docs - 1} of the {n_docs} documents" in err
    missing = sorted(set(_documents(output).source_id) - {sorted(seed_raw.glob("*.txt"))[0].stem})
    assert f"missing source_ids: {', '.join(missing[:5])}" in err
    assert _snapshot(output) == before  # latest.json and every release untouched


def test_allow_shrink_publishes_the_smaller_release(output, seed_raw, tmp_path, capsys) -> None:
    before = json.loads((output / "latest.json").read_text(encoding="utf-8"))["version"]
    raw = _one_seed_raw(seed_raw, tmp_path)
    code = cli_main(["run", "--raw", str(raw), "--output", str(output), "--allow-shrink"])
    assert code == 0, capsys.readouterr().err
    assert "published release" in capsys.readouterr().out
    latest = json.loads((output / "latest.json").read_text(encoding="utf-8"))["version"]
    assert latest != before and len(_documents(output)) == 1


def test_an_empty_raw_folder_is_refused(output, tmp_path) -> None:
    from flows.build import build_release

    before = _snapshot(output)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ReleaseShrinkError, match="refusing to publish"):
        build_release(raw_dir=str(tmp_path / "empty"), output_dir=str(output))
    assert _snapshot(output) == before


def test_a_raw_folder_of_one_unreadable_file_is_refused(output, tmp_path) -> None:
    from flows.build import build_release

    before = _snapshot(output)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "scan.txt").write_bytes(bytes(range(256)) * 64)  # binary: a reject, no document
    with pytest.raises(ReleaseShrinkError, match="missing source_ids"):
        build_release(raw_dir=str(raw), output_dir=str(output))
    assert _snapshot(output) == before
