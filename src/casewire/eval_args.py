"""The command-line flags of ``make eval`` / ``casewire eval``, declared once.

Kept apart from :mod:`casewire.evaluate`, which loads extraction code: ``casewire``
builds its parser at every start, and ``casewire run`` must refuse a bad folder
before anything heavy is imported.
"""

from __future__ import annotations

import argparse
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def add_eval_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the evaluation flags to ``parser`` (the module's own or the CLI's sub-command)."""
    parser.add_argument(
        "--gold",
        type=Path,
        action="append",
        default=None,
        help="gold dir (repeatable; default: ../shared/gold and gold/annotated)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=REPO.parent / "shared" / "corpus",
        help="folder of the corpus files the gold documents come from",
    )
    parser.add_argument(
        "--raw", type=Path, default=REPO / "raw", help="raw folder (gold ids not in the corpus)"
    )
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="the old scorer: rows on no-outcome documents and non-names apart",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="an earlier eval.json: print each office's change against it",
    )
    return parser
