"""Normalization shared across stages: name keys, and which ISO days are real."""

from __future__ import annotations

import datetime as dt
import re

from unidecode import unidecode

_NON_WORD = re.compile(r"[^a-z0-9]+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

#: Years a release or a case date can fall in. Outside them a date is a typo or a
#: placeholder ("9999-12-31", "0001-01-01"). Fixed bounds rather than "today": the
#: same inputs must give the same tables whenever they are built.
MIN_YEAR, MAX_YEAR = 1900, 2100
#: Generational suffixes of a person's name, as name-key words ("Jr." -> "jr").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def name_key(name: str) -> str:
    """Accent-, case- and punctuation-insensitive key: "García Luna" -> "garcia luna"."""
    return _NON_WORD.sub(" ", unidecode(name).lower()).strip()


def plausible_day(value: str | None) -> str | None:
    """``value`` when it is ``YYYY-MM-DD``, a real calendar day (no 2023-02-30, no
    month 13) and within ``MIN_YEAR``..``MAX_YEAR``; otherwise None."""
    if not value or not _ISO_DAY.fullmatch(value):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return value if MIN_YEAR <= day.year <= MAX_YEAR else None
