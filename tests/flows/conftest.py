"""One real Prefect flow run over the seed articles, shared by the flow tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import RAW


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    # None: use PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS (tests/conftest.py sets 120 s).
    with prefect_test_harness(server_startup_timeout=None):
        yield


@pytest.fixture(scope="session")
def seed_raw(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for path in sorted(RAW.glob("*.txt")):
        shutil.copy(path, raw / path.name)
    return raw


@pytest.fixture(scope="session")
def seed_build(prefect_harness, seed_raw, tmp_path_factory):
    """(PublishResult, release folder) of a real flow run on the seeds."""
    from flows.build import build_release

    out = tmp_path_factory.mktemp("output")
    result = build_release(raw_dir=str(seed_raw), output_dir=str(out))
    latest = json.loads((out / "latest.json").read_text())
    return result, out / latest["path"]


@pytest.fixture(scope="session")
def seed_tables(seed_build) -> dict[str, pd.DataFrame]:
    _, release = seed_build
    return {p.stem: pd.read_parquet(p) for p in sorted(release.glob("*.parquet"))}
