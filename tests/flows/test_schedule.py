"""`make serve`: the hourly deployment is registered, and a run triggered through the
Prefect API is picked up by the runner, completes and publishes a release."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path

import pytest

RUN_TIMEOUT = 50  # seconds for the runner to pick up and finish the triggered run


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
            result["logs"] = [
                log.message for log in await client.read_logs() if log.flow_run_id == flow_run.id
            ]

    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(scenario())
        except BaseException as exc:  # re-raised in the test thread
            errors.append(exc)

    thread = threading.Thread(target=target, name="serve-loop", daemon=True)
    thread.start()
    thread.join(RUN_TIMEOUT + 20)
    assert not thread.is_alive(), f"the serve loop did not stop within {RUN_TIMEOUT + 20} s"
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
