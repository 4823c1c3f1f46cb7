"""``output/.lock``: one casewire run at a time may write into an output folder."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".lock"


class OutputLockedError(RuntimeError):
    """Another process holds the output lock."""


@contextmanager
def output_lock(output_dir: Path, timeout: float = 0.0) -> Iterator[Path]:
    """Hold an exclusive ``flock`` on ``output_dir/.lock`` (which records our pid).

    Waits up to ``timeout`` seconds, then raises :class:`OutputLockedError` naming the
    holder's pid. The kernel drops the lock when a killed process exits.
    """
    path = Path(output_dir) / LOCK_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, timeout)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
                waited = f" after waiting {timeout:g} s" if timeout > 0 else ""
                raise OutputLockedError(
                    f"another casewire run holds {path} (pid {holder}){waited}; nothing was "
                    "published. Wait for that run to finish and run again, or give this run "
                    "a lock timeout (flow parameter lock_timeout, in seconds) so it waits its "
                    "turn. The lock is freed as soon as that process exits, even if it was "
                    "killed; do not delete the .lock file by hand."
                ) from None
            time.sleep(min(0.1, max(0.01, deadline - time.monotonic())))
