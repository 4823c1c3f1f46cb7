"""`casewire run` refuses unusable folders at once: one line on stderr, exit code 2,
before Prefect is imported (no server start, no retries). The real CLI, in a subprocess."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import RAW

CASEWIRE = str(Path(sys.executable).with_name("casewire"))
#: Importing Prefect alone takes longer than this on the test machine; a check takes ~0.1 s.
FAST = 10.0


def _run(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    proc = subprocess.run(
        [CASEWIRE, "run", *args], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    return proc, time.monotonic() - started


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--raw", "missing"], "--raw missing: no such folder"),
        (["--raw", "a-file.txt"], "--raw a-file.txt: is a file, not a folder"),
        (["--raw", "/"], "--raw /: refusing to read the whole machine"),
        (["--raw", str(RAW), "--output", "a-file.txt"], "--output a-file.txt: is a file"),
        (
            ["--raw", str(RAW), "--output", "a-file.txt/out"],
            "--output a-file.txt/out: cannot write",
        ),
        # sysfs refuses new folders even to root, where file modes would not.
        (
            ["--raw", str(RAW), "--output", "/sys/casewire-out"],
            "--output /sys/casewire-out: cannot",
        ),
    ],
    ids=[
        "raw-missing",
        "raw-is-file",
        "raw-is-root",
        "output-is-file",
        "output-under-file",
        "output-read-only",
    ],
)
def test_bad_folder_is_refused_in_one_line_before_prefect_starts(
    tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "a-file.txt").write_text("not a folder\n", encoding="utf-8")
    proc, seconds = _run(tmp_path, *args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.splitlines() == [proc.stderr.strip()], proc.stderr  # exactly one line
    assert proc.stderr.startswith(f"casewire run: error: {message}"), proc.stderr
    assert proc.stdout == ""
    assert seconds < FAST, f"took {seconds:.1f} s: Prefect started before the check?"
