"""Handing freed memory back to the operating system between the build's stages.

Python, glibc and Arrow keep freed memory for reuse; after the extraction records
of a whole corpus are dropped, that would stay in the process's resident size while
publishing needs memory of its own. Calling :func:`release` between stages lets
the peak be the largest stage, not the sum of what earlier stages left behind.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache

import pyarrow as pa


def release() -> None:
    """Collect garbage, then return free heap pages (glibc) and Arrow's cached memory."""
    gc.collect()
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None on a C library without it (musl, macOS)."""
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None
