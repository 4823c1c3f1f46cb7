"""`make serve`: the hourly deployment is registered; a run triggered through the
Prefect API is picked up by the runner, completes and publishes a release; the real
supervisor (``python -m flows.serve``: its own Prefect server, then the runner) makes
the server's scheduler create runs that publish, and stops everything on SIGTERM."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest

from tests.conftest import REPO

RUN_TIMEOUT = 50  # seconds for the runner to pick up and finish the triggered run
#: seconds for `flows.serve` to start the server and register the deployment (a cold
#: server start takes 20-40 s on a loaded 2-core machine)
SERVE_START_TIMEOUT = 240
#: seconds from registration until a scheduled run has completed: up to a minute until
#: the next cron minute, the runner's 10 s poll, then the flow itself
SCHEDULED_RUN_TIMEOUT = 300


def test_serve_builds_an_hourly_deployment_from_the_command_line(tmp_path: Path) -> None:
    from flows import serve

    deployment = serve.make_deployment(tmp_path / "raw", tmp_path / "out")
    assert deployment.name == serve.DEPLOYMENT_NAME
    assert deployment.flow_name == serve.FLOW_NAME
    (schedule,) = deployment.schedules
    assert schedule.schedule.cron == serve.DEFAULT_CRON == "0 * * * *"
    assert deployment.parameters == {
        "raw_dir": str((tmp_path / "raw").resolve()),
        "output_dir": str((tmp_path / "out").resolve()),
    }


async def _run_logs(client, flow_run_id, wanted: str, timeout: float = 30.0) -> list[str]:
    """The run's own log messages, waited for until one holds ``wanted``: the runner's
    subprocess ships its logs after the run ends, and an unfiltered read returns only
    the session's oldest logs."""
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    flt = LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id]))
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        messages = [log.message for log in await client.read_logs(log_filter=flt)]
        if any(wanted in m for m in messages) or asyncio.get_running_loop().time() > deadline:
            return messages
        await asyncio.sleep(0.5)


@pytest.mark.slow
def test_api_triggered_run_of_the_scheduled_deployment_publishes(
    prefect_harness, seed_raw: Path, tmp_path: Path
) -> None:
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.runner import Runner

    from flows import serve

    out = tmp_path / "output"
    deployment = serve.make_deployment(seed_raw, out)  # sync: to_deployment is async-dispatched
    result: dict = {}

    async def scenario() -> None:
        runner = Runner(
            name="casewire-schedule-test", query_seconds=1, limit=1, pause_on_shutdown=False
        )
        deployment_id = await runner.add_deployment(deployment)
        async with get_client() as client:
            registered = await client.read_deployment(deployment_id)
            result["schedules"] = [s.schedule.cron for s in registered.schedules if s.active]
            result["parameters"] = registered.parameters
            # Trigger one run through the API, as `prefect deployment run` does.
            flow_run = await run_deployment(name=serve.DEPLOYMENT_PATH, timeout=0, client=client)
            result["flow_run_id"] = flow_run.id
            # One poll of the serve loop picks the run up and executes it to the end.
            await asyncio.wait_for(runner.start(run_once=True), RUN_TIMEOUT)
            finished = await client.read_flow_run(flow_run.id)
            result["state"] = finished.state
            result["deployment_id"] = finished.deployment_id
            result["logs"] = await _run_logs(client, flow_run.id, "published release")

    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(scenario())
        except BaseException as exc:  # re-raised in the test thread
            errors.append(exc)

    thread = threading.Thread(target=target, name="serve-loop", daemon=True)
    thread.start()
    thread.join(RUN_TIMEOUT + 50)
    assert not thread.is_alive(), f"the serve loop did not stop within {RUN_TIMEOUT + 50} s"
    if errors:
        raise errors[0]

    assert result["schedules"] == ["0 * * * *"], "the deployment carries the hourly schedule"
    assert result["parameters"]["output_dir"] == str(out.resolve())
    assert result["deployment_id"] is not None
    assert result["state"].is_completed(), result["state"]
    latest = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    release = out / latest["path"]
    assert (release / "datapackage.json").is_file()
    assert any(f"published release {latest['version']}" in m for m in result["logs"]), result[
        "logs"
    ]


@dataclass
class Served:
    proc: subprocess.Popen[bytes]
    api: str
    output: Path
    log: Path

    def fail(self, why: str) -> None:
        tail = self.log.read_text(errors="replace")[-4000:]
        pytest.fail(f"{why}\n--- flows.serve output (tail) ---\n{tail}")

    def deployment_id(self, client: httpx.Client) -> str:
        """Wait until the runner has registered the deployment with the server."""
        from flows.serve import DEPLOYMENT_PATH

        deadline = time.monotonic() + SERVE_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.fail(f"flows.serve exited with code {self.proc.returncode}")
            try:
                resp = client.get(f"{self.api}/deployments/name/{DEPLOYMENT_PATH}")
                if resp.status_code == 200:
                    return resp.json()["id"]
            except httpx.TransportError:
                pass
            time.sleep(2)
        self.fail(f"no deployment registered within {SERVE_START_TIMEOUT} s")
        raise AssertionError  # unreachable: pytest.fail raises


@pytest.fixture
def served(seed_raw: Path, tmp_path: Path) -> Iterator[Served]:
    """`python -m flows.serve` as `make serve` runs it, every minute, on a free port."""
    from flows.apiserver import free_port

    port, log = free_port(), tmp_path / "serve.log"
    command = [sys.executable, "-m", "flows.serve", "--raw", str(seed_raw)]
    command += ["--output", str(tmp_path / "output"), "--cron", "* * * * *"]
    command += ["--home", str(tmp_path / "prefect-serve"), "--port", str(port)]
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    yield Served(proc, f"http://127.0.0.1:{port}/api", tmp_path / "output", log)
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        proc.wait(90)


@pytest.mark.slow
def test_server_scheduler_creates_a_run_that_publishes(served: Served) -> None:
    with httpx.Client(timeout=30) as client:
        deployment_id = served.deployment_id(client)
        deadline, run = time.monotonic() + SCHEDULED_RUN_TIMEOUT, None
        while run is None and time.monotonic() < deadline:
            if served.proc.poll() is not None:
                served.fail(f"flows.serve exited with code {served.proc.returncode}")
            query = {"flow_runs": {"deployment_id": {"any_": [deployment_id]}}}
            runs = client.post(f"{served.api}/flow_runs/filter", json=query).json()
            assert all(r["auto_scheduled"] for r in runs), "only the scheduler creates runs here"
            bad = [r for r in runs if r["state_type"] in ("FAILED", "CRASHED")]
            if bad:
                served.fail(f"a scheduled run ended {bad[0]['state_name']}")
            run = next((r for r in runs if r["state_type"] == "COMPLETED"), None)
            time.sleep(3)
        if run is None:
            served.fail(f"no scheduled run completed within {SCHEDULED_RUN_TIMEOUT} s")
        states = client.get(f"{served.api}/flow_run_states/", params={"flow_run_id": run["id"]})
        query = {"logs": {"flow_run_id": {"any_": [run["id"]]}}}
        logs = [
            log["message"] for log in client.post(f"{served.api}/logs/filter", json=query).json()
        ]

    history = sorted(states.json(), key=lambda s: s["timestamp"])
    assert history[0]["name"] == "Scheduled", [s["name"] for s in history]
    latest = json.loads((served.output / "latest.json").read_text(encoding="utf-8"))
    assert (served.output / latest["path"] / "datapackage.json").is_file()
    assert any(f"published release {latest['version']}" in m for m in logs), logs


@pytest.mark.slow
def test_sigterm_stops_the_server_and_the_runner(served: Served) -> None:
    with httpx.Client(timeout=30) as client:
        served.deployment_id(client)  # both children are up
    children = psutil.Process(served.proc.pid).children(recursive=True)
    commands = [" ".join(c.cmdline()) for c in children]
    assert any("prefect server start" in c for c in commands), commands
    assert any("--runner-only" in c for c in commands), commands

    served.proc.send_signal(signal.SIGTERM)
    assert served.proc.wait(90) == 0
    _, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, [p.pid for p in alive]


def test_serve_refuses_a_port_in_use_in_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        command = [sys.executable, "-m", "flows.serve", "--port", str(port)]
        command += ["--home", str(tmp_path / "home")]
        proc = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip() == (
        f"serve: error: 127.0.0.1:{port} is already in use (another `make serve`?); "
        "choose another port (make serve PORT=...)"
    )
