"""Serve the build flow as a scheduled deployment: `make serve` (default: hourly).

Runs in the foreground; each scheduled run (or a run started from the Prefect UI/API,
e.g. `prefect deployment run build-release/casewire-scheduled`) builds a release from
the raw folder and publishes it only when something changed; the run's log says where
the release went or why nothing new was published.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from prefect import serve
from prefect.deployments.runner import RunnerDeployment

from flows.build import build_release

DEFAULT_CRON = "0 * * * *"  # hourly, on the hour
DEPLOYMENT_NAME = "casewire-scheduled"
FLOW_NAME = "build-release"
#: ``flow/deployment`` as `prefect deployment run` and `run_deployment` want it.
DEPLOYMENT_PATH = f"{FLOW_NAME}/{DEPLOYMENT_NAME}"


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw", default="raw")
    parser.add_argument("--output", default="output")
    parser.add_argument("--cron", default=DEFAULT_CRON, help="schedule (default hourly)")
    args = parser.parse_args(argv)
    serve(make_deployment(args.raw, args.output, cron=args.cron))


if __name__ == "__main__":
    main()
