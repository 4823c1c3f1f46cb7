"""`casewire run` leaves no process behind when it is killed: the Prefect API server it
starts (flows/apiserver.py) dies with it, even on SIGKILL, which no handler sees."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

CASEWIRE = str(Path(sys.executable).with_name("casewire"))
SERVER_START_TIMEOUT = 180  # seconds until the run has started its server child


def _server_child(run: psutil.Process) -> psutil.Process | None:
    for child in run.children(recursive=True):
        try:
            if "prefect.server.api.server:create_app" in " ".join(child.cmdline()):
                return child
        except psutil.NoSuchProcess:
            continue
    return None


@pytest.mark.slow
def test_sigkill_of_a_run_takes_its_prefect_server_down(seed_raw: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    command = [CASEWIRE, "run", "--raw", str(seed_raw), "--output", str(tmp_path / "out")]
    run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[psutil.Process] = []
    try:
        deadline, server = time.monotonic() + SERVER_START_TIMEOUT, None
        while server is None and time.monotonic() < deadline and run.poll() is None:
            server = _server_child(psutil.Process(run.pid))
            time.sleep(0.2)
        assert server is not None, "the run never started a Prefect server child"
        children = psutil.Process(run.pid).children(recursive=True)
        run.send_signal(signal.SIGKILL)
        run.wait(10)
        _, alive = psutil.wait_procs(children, timeout=10)
        assert not alive, [" ".join(p.cmdline()) for p in alive]
    finally:  # never leave a process behind, even when the test fails
        run.kill()
        run.wait()
        for proc in children:
            with contextlib.suppress(psutil.NoSuchProcess):
                proc.kill()
