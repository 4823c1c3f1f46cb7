"""`casewire run` in a process of its own Prefect server: the run publishes, and the
server it started is gone afterwards, so a second run in the same process (a caller of
``flows.cli.main``) starts a fresh one instead of calling a dead address."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from flows.cli import main


# No capsys here: Prefect binds its console log handler to the sys.stderr of the first
# run in the process, and capsys closes its stream after the test.
@pytest.mark.slow
def test_two_runs_in_one_process_each_publish(seed_raw: Path, tmp_path: Path) -> None:
    assert "PREFECT_API_URL" not in os.environ, "the test needs the run to start its server"
    for out in (tmp_path / "first", tmp_path / "second"):
        assert main(["run", "--raw", str(seed_raw), "--output", str(out)]) == 0
        assert "PREFECT_API_URL" not in os.environ, "the stopped server's address was left set"
        latest = json.loads((out / "latest.json").read_text(encoding="utf-8"))
        assert (out / latest["path"] / "datapackage.json").is_file()
