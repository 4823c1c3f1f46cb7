"""Date phrases -> ISO dates truncated to their precision.

Regexes over month names, weekdays and relative words; no free-text date
parser is fed whole sentences (they read "460 months" as a date). Relative
phrases ("today", "on Tuesday", "last month") resolve against the published
date; without one they give ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from casewire.textnorm import MAX_YEAR, MIN_YEAR, plausible_day

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2,
    "wed": 2, "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip

_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Between month and day: a space, or nothing after an abbreviation's period ("Aug.26,
# 2009", spacing lost in scraping).
_SEP = r"(?:\s+|(?<=\.))"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("numeric", re.compile(r"\b(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)\b")),
    ("mdy", re.compile(rf"\b{_MON}{_SEP}{_DAY}(?:\s*,\s*|\s+){_YEAR}\b", re.I)),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b", re.I)),
    ("md", re.compile(rf"\b{_MON}{_SEP}{_DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![:\d])", re.I)),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}\b", re.I)),
    ("my", re.compile(rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}\b", re.I)),
    # "last March", "this past March", "in March", "earlier this month" is rel_month: a
    # month without its year is the latest such month not after publication, like "March 5"
    ("rel_mon", re.compile(rf"\b(?P<last>last|this\s+past|in)\s+{_MON}(?![\w.])", re.I)),
    (
        "rel_day",
        re.compile(
            # "todays": "today's" with its apostrophe lost in cleaning
            r"\b(?P<rel>todays?|tonight|this\s+(?:morning|afternoon|evening)|yesterday)\b",
            re.I,
        ),
    ),
    ("weekday", re.compile(rf"\b(?:(?P<last>last|this\s+past|on|this)\s+)?{_WD}\b", re.I)),
    ("rel_month", re.compile(r"\b(?:earlier|later)?\s*(?P<which>this|last)\s+month\b", re.I)),
    ("rel_year", re.compile(r"\b(?:earlier|later)?\s*(?P<which>this|last)\s+year\b", re.I)),
    ("year", re.compile(rf"(?<![$\d.,/-]){_YEAR}(?![\d,.]\d|\s*(?:months?|years?|days?|%))\b")),
]  # fmt: skip
_CASE_SENSITIVE_MONTH = {
    "may",
    "mar",
    "jan",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "sat",
    "sun",
}


@dataclass(frozen=True)
class DateValue:
    """An ISO date truncated to ``precision`` ("day", "month" or "year")."""

    iso: str
    precision: str


def date_precision(iso: str | None) -> str | None:
    """The precision ("day", "month", "year") of an ISO date truncated to it; None for None."""
    return {10: "day", 7: "month", 4: "year"}.get(len(iso)) if iso else None


def _pub(published: str | None) -> dt.date | None:
    """The publication day relative dates count from; None unless it is a real,
    plausible day (a "9999-12-31" header must not put "today" in year 9999)."""
    day = plausible_day(published[:10]) if published else None
    return dt.date.fromisoformat(day) if day else None


def _day(y: int, m: int, d: int) -> DateValue | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return DateValue(dt.date(y, m, d).isoformat(), "day")
    except ValueError:
        return None


def _month(y: int, m: int) -> DateValue | None:
    return DateValue(f"{y:04d}-{m:02d}", "month") if 1 <= m <= 12 else None


def _day_no_year(m: int, d: int, pub: dt.date | None) -> DateValue | None:
    """Day-month without a year: the latest such date not after publication."""
    if pub is None:
        return None
    value = _day(pub.year, m, d)
    if value is not None and value.iso > pub.isoformat():
        value = _day(pub.year - 1, m, d)
    return value


def _month_no_year(m: int, last: bool, pub: dt.date | None) -> DateValue | None:
    """A month without a year ("in March", "last March"): the latest such month not after
    publication; "last March" written in March is the year before's."""
    if pub is None:
        return None
    year = pub.year if m < pub.month or (m == pub.month and not last) else pub.year - 1
    return _month(year, m)


def _relative(kind: str, g: dict[str, str | None], pub: dt.date | None) -> DateValue | None:
    if pub is None:
        return None
    if kind == "rel_day":
        back = 1 if (g["rel"] or "").lower() == "yesterday" else 0
        return DateValue((pub - dt.timedelta(days=back)).isoformat(), "day")
    if kind == "weekday":
        back = (pub.weekday() - _WEEKDAYS[(g["wd"] or "").lower()]) % 7
        last = (g["last"] or "").lower()
        if back == 0 and (last == "last" or last.startswith("this")):
            back = 7 if last == "last" else 0
        return DateValue((pub - dt.timedelta(days=back)).isoformat(), "day")
    last = (g["which"] or "").lower() == "last"
    if kind == "rel_month":
        y, m = (pub.year, pub.month - 1) if last else (pub.year, pub.month)
        return _month(y - 1, 12) if m == 0 else _month(y, m)
    return DateValue(str(pub.year - 1 if last else pub.year), "year")


def _value(kind: str, g: dict[str, str | None], pub: dt.date | None) -> DateValue | None:
    """Turn one regex match (its kind and groups) into a DateValue."""
    mon = _MONTHS.get((g.get("mon") or "").lower().rstrip("."), 0)
    if kind == "iso":
        return _day(int(g["year"] or 0), int(g["m"] or 0), int(g["d"] or 0))
    if kind == "numeric":
        y = int(g["y"] or 0)
        return _day(y + 2000 if y < 100 else y, int(g["m"] or 0), int(g["d"] or 0))
    if kind in ("mdy", "dmy"):
        return _day(int(g["year"] or 0), mon, int(g["day"] or 0))
    if kind in ("md", "dm"):
        return _day_no_year(mon, int(g["day"] or 0), pub)
    if kind == "my":
        return _month(int(g["year"] or 0), mon)
    if kind == "rel_mon":
        return _month_no_year(mon, (g["last"] or "").lower() == "last", pub)
    if kind == "year":
        return DateValue(g["year"] or "", "year")
    return _relative(kind, g, pub)


def _plausible(kind: str, m: re.Match[str]) -> bool:
    """Reject lower-case short month words that are ordinary words ("may", "sat")."""
    mon = m.groupdict().get("mon")
    if mon and mon.lower() in _CASE_SENSITIVE_MONTH and mon[0].islower():
        return False
    if kind == "dm" and int(m.group("day")) == 0:
        return False
    return True


_ES_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}  # fmt: skip
_ES_WEEKDAYS = {
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4,
    "sábado": 5, "sabado": 5, "domingo": 6,
}  # fmt: skip
_ES_MON = rf"(?P<mon>{'|'.join(_ES_MONTHS)})"
_ES_WD = rf"(?P<wd>{'|'.join(_ES_WEEKDAYS)})"
_ES_DAY = r"(?P<day>[0-3]?\d|primero)"
# Spanish releases: "el 5 de marzo de 2023", "17 de marzo del 2009", "30 de diciembre,
# 2025", "el 11 de octubre", "marzo de 2016", "hoy", "ayer", "el martes".
_ES_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", _PATTERNS[0][1]),
    ("dmy", re.compile(rf"\b{_ES_DAY}\s+de\s+{_ES_MON}(?:\s+(?:de|del)\s+|,\s*){_YEAR}\b", re.I)),
    ("dm", re.compile(rf"\b{_ES_DAY}\s+de\s+{_ES_MON}\b", re.I)),
    ("my", re.compile(rf"\b{_ES_MON}\s+(?:de|del)\s+{_YEAR}\b", re.I)),
    ("rel_day", re.compile(r"\b(?P<rel>hoy|ayer|esta\s+(?:mañana|tarde|noche))\b", re.I)),
    ("weekday", re.compile(rf"\b(?P<last>el\s+pasado|el|este)\s+{_ES_WD}\b", re.I)),
    ("year", _PATTERNS[-1][1]),
]  # fmt: skip


_EN_MONTH = {n: name for name, n in reversed(_MONTHS.items())}  # the full names
_EN_WEEKDAY = {n: name for name, n in reversed(_WEEKDAYS.items())}


def _value_es(kind: str, g: dict[str, str | None], pub: dt.date | None) -> DateValue | None:
    """A Spanish match's DateValue (month and weekday names mapped to the English tables)."""
    g = dict(g)
    if g.get("mon"):
        g["mon"] = _EN_MONTH[_ES_MONTHS[g["mon"].lower()]]
    if (g.get("day") or "").lower() == "primero":
        g["day"] = "1"
    if kind == "rel_day":
        g["rel"] = "yesterday" if (g["rel"] or "").lower() == "ayer" else "today"
    if kind == "weekday":
        g["wd"] = _EN_WEEKDAY[_ES_WEEKDAYS[(g["wd"] or "").lower()]]
        g["last"] = "last" if "pasado" in (g["last"] or "").lower() else "on"
    return _value(kind, g, pub)


def find_dates(
    text: str, published: str | None, lang: str = "en"
) -> list[tuple[int, int, DateValue]]:
    """Date phrases in ``text`` as ``(start, end, value)``; longer patterns win overlaps.
    ``lang`` "es" reads Spanish date phrases instead of English ones."""
    pub = _pub(published)
    taken: list[tuple[int, int, DateValue | None]] = []
    if lang == "es":
        for kind, pattern in _ES_PATTERNS:
            for m in pattern.finditer(text):
                start, end = m.span()
                if any(s < end and start < e for s, e, _ in taken):
                    continue
                taken.append((start, end, _value_es(kind, m.groupdict(), pub)))
        return sorted(((s, e, v) for s, e, v in taken if v is not None), key=lambda t: t[0])
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span("mon") if kind == "rel_mon" else m.span()  # the month only
            while start < end and text[start].isspace():
                start += 1
            if any(s < end and start < e for s, e, _ in taken) or not _plausible(kind, m):
                continue
            # An invalid match ("February 30, 2024") still blocks shorter readings.
            taken.append((start, end, _value(kind, m.groupdict(), pub)))
    return sorted(((s, e, v) for s, e, v in taken if v is not None), key=lambda t: t[0])


def parse_date_phrase(text: str, published: str | None) -> DateValue | None:
    """Parse a short date phrase ("October 17, 2024", "on Tuesday", "earlier this month")."""
    found = find_dates(text, published)
    if not found:
        return None
    # Several parts ("Monday, Oct. 14, 2024"): the most precise one wins.
    rank = {"day": 0, "month": 1, "year": 2}
    return min(found, key=lambda t: (rank[t[2].precision], t[0]))[2]
