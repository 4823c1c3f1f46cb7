"""Serve the build flow on a schedule: `make serve` (default: hourly).

Prefect's ephemeral mode runs no scheduler, so a schedule needs a real server.
``python -m flows.serve`` supervises two child processes, in this order:

1. ``prefect server start`` on 127.0.0.1 (state, SQLite database and log in
   ``--home``, default ``.prefect/serve``); it waits until ``/api/health`` answers;
2. the runner (``--runner-only``): registers the deployment ``casewire-scheduled``
   with that server (``PREFECT_API_URL``) and executes the runs the server's
   scheduler creates, or that are started from the UI/API
   (`prefect deployment run build-release/casewire-scheduled`).

Ctrl-C or SIGTERM stops the runner, then the server; if either child exits, the
other is stopped and the supervisor exits 1. Both children get SIGTERM from the
kernel should the supervisor itself be killed (see flows/apiserver.py). Each run
builds a release from the raw folder and publishes it only when something changed;
its log says where the release went or why nothing new was published.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from flows.apiserver import ApiServer, ServerStartError, spawn_child, stop_child

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment

DEFAULT_CRON = "0 * * * *"  # hourly, on the hour
DEPLOYMENT_NAME = "casewire-scheduled"
FLOW_NAME = "build-release"
#: ``flow/deployment`` as `prefect deployment run` and `run_deployment` want it.
DEPLOYMENT_PATH = f"{FLOW_NAME}/{DEPLOYMENT_NAME}"
DEFAULT_HOME = Path(".prefect/serve")
DEFAULT_PORT = 4200


def make_deployment(
    raw_dir: str | Path = "raw",
    output_dir: str | Path = "output",
    *,
    cron: str = DEFAULT_CRON,
    name: str = DEPLOYMENT_NAME,
) -> RunnerDeployment:
    """The scheduled deployment of :func:`flows.build.build_release`.

    Folders are made absolute so a run finds them whatever its working directory.
    """
    from flows.build import build_release  # late: the supervisor never imports Prefect

    return build_release.to_deployment(
        name=name,
        cron=cron,
        parameters={
            "raw_dir": str(Path(raw_dir).resolve()),
            "output_dir": str(Path(output_dir).resolve()),
        },
        description="Build a casewire release from the raw folder on a schedule.",
        tags=["casewire"],
    )


class _Stop(Exception):
    """SIGTERM or SIGINT reached the supervisor."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop(signal.Signals(signum).name)


def _watch(children: dict[str, subprocess.Popen[bytes]]) -> int:
    """Block until a child exits (exit 1) or a stop signal arrives (exit 0)."""
    try:
        while True:
            for name, proc in children.items():
                if proc.poll() is not None:
                    print(f"serve: {name} exited with code {proc.returncode}; stopping", flush=True)
                    return 1
            time.sleep(1)
    except _Stop as stop:
        print(f"serve: {stop} received; stopping the runner, then the server", flush=True)
        return 0


def supervise(raw: Path, output: Path, cron: str, home: Path, port: int) -> int:
    """Start the server, then the runner; stop both on a signal or when one exits."""
    home = home.resolve()
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    server = ApiServer(full=True, port=port, home=home, log=home / "server.log")
    runner: subprocess.Popen[bytes] | None = None
    try:
        print(f"serve: starting Prefect server on {server.api_url} (log {server.log})", flush=True)
        server.start()
        print(f"serve: server up; UI at {server.api_url.removesuffix('/api')}", flush=True)
        env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": server.api_url}
        args = ["--raw", str(raw.resolve()), "--output", str(output.resolve()), "--cron", cron]
        runner = spawn_child([sys.executable, "-m", "flows.serve", "--runner-only", *args], env)
        assert server.proc is not None
        return _watch({"runner": runner, "Prefect server": server.proc})
    except _Stop:
        return 0
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):  # a second Ctrl-C must not cut this
            signal.signal(signum, signal.SIG_IGN)
        if runner is not None:  # Prefect's runner stops cleanly on SIGINT (a traceback on SIGTERM)
            stop_child(runner, grace=30, sig=signal.SIGINT)
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw", type=Path, default=Path("raw"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--cron", default=DEFAULT_CRON, help="schedule (default hourly)")
    parser.add_argument(
        "--home", type=Path, default=DEFAULT_HOME, help="server state (default .prefect/serve)"
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="server port on 127.0.0.1")
    parser.add_argument(
        "--runner-only",
        action="store_true",
        help="only serve the deployment, against the server PREFECT_API_URL names",
    )
    args = parser.parse_args(argv)
    if not args.runner_only:
        try:
            return supervise(args.raw, args.output, args.cron, args.home, args.port)
        except ServerStartError as exc:
            print(f"serve: error: {exc}", file=sys.stderr)
            return 1
    if not os.environ.get("PREFECT_API_URL"):
        parser.error("--runner-only needs PREFECT_API_URL (a server with a scheduler)")
    from prefect import serve

    serve(make_deployment(args.raw, args.output, cron=args.cron))
    return 0


if __name__ == "__main__":
    sys.exit(main())
