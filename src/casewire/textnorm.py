"""Name normalization shared by resolution and matching."""

from __future__ import annotations

import re

from unidecode import unidecode

_NON_WORD = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """Accent-, case- and punctuation-insensitive key: "García Luna" -> "garcia luna"."""
    return _NON_WORD.sub(" ", unidecode(name).lower()).strip()
