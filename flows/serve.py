"""Serve the build flow as a scheduled deployment: `make serve` (default: hourly).

Runs in the foreground; each scheduled run builds a release from the raw folder
and publishes it only when something changed.
"""

from __future__ import annotations

import argparse

from flows.build import build_release

DEFAULT_CRON = "0 * * * *"  # hourly, on the hour
DEPLOYMENT_NAME = "casewire-scheduled"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw", default="raw")
    parser.add_argument("--output", default="output")
    parser.add_argument("--cron", default=DEFAULT_CRON, help="schedule (default hourly)")
    args = parser.parse_args(argv)
    build_release.serve(
        name=DEPLOYMENT_NAME,
        cron=args.cron,
        parameters={"raw_dir": args.raw, "output_dir": args.output},
        description="Build a casewire release from the raw folder on a schedule.",
    )


if __name__ == "__main__":
    main()
