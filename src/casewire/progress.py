"""Progress on long work: a tqdm bar (documents/s, ETA) plus periodic log lines."""

from __future__ import annotations

import time
from collections.abc import Callable

from tqdm import tqdm


class Progress:
    """Counts processed documents; draws a bar and reports rate and ETA to ``log``."""

    def __init__(
        self,
        total: int,
        log: Callable[[str], None] | None = None,
        every_s: float = 10.0,
        disable: bool | None = None,
    ) -> None:
        self.total, self.log, self.every_s = total, log, every_s
        self.done = 0
        self.start = self._last = time.perf_counter()
        self.bar = tqdm(total=total, unit="doc", desc="extract", disable=disable, leave=False)

    def update(self, n: int) -> None:
        self.done += n
        self.bar.update(n)
        now = time.perf_counter()
        if self.log and (now - self._last >= self.every_s or self.done >= self.total):
            self._last = now
            self.log(self.summary())

    def summary(self) -> str:
        elapsed = max(time.perf_counter() - self.start, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate else float("inf")
        return (
            f"{self.done}/{self.total} documents, {rate:.1f} docs/s, "
            f"elapsed {elapsed:.0f}s, ETA {eta:.0f}s"
        )

    def close(self) -> None:
        self.bar.close()
