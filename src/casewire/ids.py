"""Stable identifiers: a table prefix plus a hash of meaningful raw values."""

from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object, length: int = 16) -> str:
    """``prefix-<hex>`` from the parts; ``None`` and ints are rendered explicitly.

    The same parts always give the same ID; the order of parts matters.
    """
    payload = "\x1f".join("\x00" if p is None else str(p) for p in parts)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:length]
    return f"{prefix}-{digest}"
