"""The ``casewire`` command: run the build flow, validate or diff releases, evaluate."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from casewire.eval_args import add_eval_arguments


def version_text() -> str:
    """``casewire <package version> (schema <data contract version>)``."""
    from importlib.metadata import PackageNotFoundError, version

    from schemas.registry import SCHEMA_VERSION

    try:
        package = version("casewire")
    except PackageNotFoundError:  # run from a checkout that was never installed
        package = "unknown (not installed)"
    return f"casewire {package} (schema {SCHEMA_VERSION})"


class _VersionAction(argparse.Action):
    """``--version``, its text computed only when asked (the schemas load pandera)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)  # type: ignore[arg-type]

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # noqa: ANN001
        print(version_text())
        parser.exit()


class ArgumentError(ValueError):
    """A command-line argument that cannot work; reported in one line, exit code 2."""


def _check_run_args(raw: Path, output: Path) -> None:
    """Refuse unusable folders in a second, before Prefect starts and retries."""
    if not raw.exists():
        raise ArgumentError(f"--raw {raw}: no such folder")
    if not raw.is_dir():
        raise ArgumentError(f"--raw {raw}: is a file, not a folder; give the folder holding it")
    if raw.resolve() == Path(raw.resolve().anchor):
        raise ArgumentError(f"--raw {raw}: refusing to read the whole machine; give a raw folder")
    if output.exists() and not output.is_dir():
        raise ArgumentError(f"--output {output}: is a file, not a folder")
    try:  # creating the folder is what the run does first anyway
        output.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=output):
            pass
    except OSError as exc:
        raise ArgumentError(f"--output {output}: cannot write there ({exc.strerror})") from None


def _cmd_run(args: argparse.Namespace) -> int:
    _check_run_args(args.raw, args.output)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if os.environ.get("PREFECT_API_URL"):
        return _run_flow(args)
    # No server configured: start Prefect's temporary server ourselves so that it dies
    # with this process even on SIGKILL (see flows/apiserver.py).
    from flows.apiserver import DEFAULT_STARTUP_TIMEOUT, STARTUP_TIMEOUT_ENV, ApiServer

    os.environ.setdefault(STARTUP_TIMEOUT_ENV, str(int(DEFAULT_STARTUP_TIMEOUT)))
    with ApiServer(full=False) as server:
        # The environment for child processes (Dask workers), the settings for this one:
        # Prefect reads the environment once, at import.
        os.environ["PREFECT_API_URL"] = server.api_url
        from prefect.settings import PREFECT_API_URL, temporary_settings

        try:
            with temporary_settings({PREFECT_API_URL: server.api_url}):
                try:
                    return _run_flow(args)
                finally:
                    _drain_prefect_workers()
        finally:
            del os.environ["PREFECT_API_URL"]  # the server is gone; callers of main() go on


def _drain_prefect_workers() -> None:
    """Send the logs and events Prefect still queues before their server goes away
    (Prefect drains them at interpreter exit, after our server has stopped)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        worker.drain_all(timeout=10)


def _run_flow(args: argparse.Namespace) -> int:
    from flows.build import build_release, describe, on_dask  # late: Prefect starts slowly

    distributed = bool(args.dask_address or args.dask_workers)
    flow = on_dask(args.dask_address, args.dask_workers or 2) if distributed else build_release
    result = flow(
        distributed=distributed,
        raw_dir=str(args.raw),
        output_dir=str(args.output),
        model=args.model,
        n_process=args.n_process,
        batch_size=args.batch_size,
        lock_timeout=args.lock_timeout,
        use_cache=not args.no_cache,
        allow_shrink=args.allow_shrink,
    )
    print(describe(result))
    print(result.accounting)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from casewire.publish import validate_release

    report = validate_release(Path(args.path))
    print(report.render())
    return 0 if report.ok else 1


def _cmd_diff(args: argparse.Namespace) -> int:
    from casewire.publish import diff_releases, render_diff

    print(render_diff(diff_releases(Path(args.old), Path(args.new))))
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from casewire import evaluate  # late: it loads the extraction code

    return evaluate.run(args)


def _cmd_report(args: argparse.Namespace) -> int:
    import json

    from casewire.publish import read_tables
    from casewire.publish.report import write_report

    release = Path(args.release)
    if not (release / "datapackage.json").is_file():
        raise FileNotFoundError(f"{release} is not a release folder (no datapackage.json)")
    eval_path = Path(args.eval) if args.eval else release.parent.parent / "eval.json"
    figures = json.loads(eval_path.read_text(encoding="utf-8")) if eval_path.is_file() else None
    # A published release is immutable (its SHA256SUMS covers report.html): the rebuilt
    # report goes beside it, never into it.
    out = Path(args.out) if args.out else release.parent.parent / "reports" / release.name
    if out.resolve().is_relative_to(release.resolve()):
        raise ArgumentError(f"--out {out} is inside the release; a release is never modified")
    out.mkdir(parents=True, exist_ok=True)
    print(write_report(read_tables(release), out, figures, version=release.name))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casewire", description=__doc__)
    parser.add_argument(
        "--version", action=_VersionAction, help="print the casewire and schema versions"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="build a release from the raw folder")
    run.add_argument("--raw", type=Path, default=Path("raw"), help="input folder (default raw/)")
    run.add_argument(
        "--output", type=Path, default=Path("output"), help="output folder (default output/)"
    )
    run.add_argument("--model", default=None, help="spaCy pipeline (default: installed en sm)")
    run.add_argument("--n-process", type=int, default=1, help="spaCy worker processes")
    run.add_argument("--batch-size", type=int, default=64, help="spaCy nlp.pipe batch size")
    run.add_argument(
        "--lock-timeout",
        type=float,
        default=600.0,
        help="seconds to wait for another run's lock on the output (default 600)",
    )
    run.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every document again instead of reusing cached extractions",
    )
    run.add_argument(
        "--allow-shrink",
        action="store_true",
        help="publish even if this run drops more than 10%% of the previous release's "
        "documents (refused by default)",
    )
    run.add_argument(
        "--dask-address",
        default=None,
        help="run extraction batches on this Dask scheduler (tcp://host:8786)",
    )
    run.add_argument(
        "--dask-workers",
        type=int,
        default=0,
        help="run extraction batches on a local Dask cluster of N worker processes",
    )
    run.set_defaults(func=_cmd_run)
    val = sub.add_parser("validate", help="check a release: checksums, schemas, keys")
    val.add_argument("path", help="release folder (output/releases/<version>)")
    val.set_defaults(func=_cmd_validate)
    diff = sub.add_parser("diff", help="rows added, modified and deleted between releases")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.set_defaults(func=_cmd_diff)
    rep = sub.add_parser(
        "report", help="rebuild a release's report.html outside it (output/reports/<version>/)"
    )
    rep.add_argument("release", help="release folder (output/releases/<version>)")
    rep.add_argument(
        "--out", default=None, help="folder for report.html (default output/reports/<version>)"
    )
    rep.add_argument("--eval", default=None, help="eval.json (default: <output>/eval.json)")
    rep.set_defaults(func=_cmd_report)
    ev = sub.add_parser("eval", help="score extraction against gold files (see make eval)")
    add_eval_arguments(ev)  # the flags of python -m casewire.evaluate, declared there once
    ev.set_defaults(func=_cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (FileNotFoundError, ValueError, RuntimeError) as exc:
        print(f"casewire {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
