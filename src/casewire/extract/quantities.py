"""Quantities in sentencing language: custody terms in months, money in USD.

Plain regexes and number-word tables; the words that give a term or an amount
its role (prison, probation, fine, restitution, ...) come from
``rules/outcomes.yaml`` via :mod:`casewire.extract.outcome_rules`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_FRACTION = r"(?:\s*(?:½|1/2|-?\s*and[-\s]+(?:a[-\s]+)?(?:one[-\s]+)?half))"
NUM = rf"(?:\d+(?:\.\d+)?|(?:{_WORD})(?:[-\s](?:{_WORD}))*){_FRACTION}?"
_UNIT = r"(?P<unit>years?|months?|weeks?|days?)(?:['’]|-)?"
_DURATION = rf"(?P<num>{NUM})[-\s]+{_UNIT}"
# A scrape sometimes glues the number to the word before it ("sentenced tofour years",
# "andthree years", "to18 months": 19 matches on both corpora, 17 of them real terms),
# so a duration may also start right after "to" or "and" ("of" only before digits, not "often").
_ONE_DURATION = re.compile(rf"(?:\b|(?<=\bto)|(?<=\band)|(?<=\bof)(?=\d)){_DURATION}", re.I)
_MONTHS_PER = {"year": 12.0, "month": 1.0, "week": 12 / 52, "day": 12 / 365}

# "38 years and four months", "a year and a day", "15 years, 8 months"
_COMPOUND = re.compile(
    rf"\b(?P<a>{NUM})[-\s]+(?P<ua>years?|months?)(?:,?\s+and\s+|,\s*)(?P<b>{NUM})[-\s]+(?P<ub>months?|days?|weeks?)\b",
    re.I,
)
# "7 ½ to 15 years", "two-and-a-half to five years", "five to 15 years"
_RANGE = re.compile(
    rf"\b(?P<lo>{NUM})(?:[-\s]+(?P<ulo>years?|months?))?(?:\s*(?:to|–)\s*|(?<=\d)\s*-\s*(?=\d))(?P<hi>{NUM}|life)(?:[-\s]+(?P<uhi>years?|months?))?",
    re.I,
)
_LIFE = re.compile(r"\blife\b(?!\s*(?:-|\s)?(?:threatening|insurance|skills|support))", re.I)
_MONEY = re.compile(
    r"\$\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<mult>million|billion|thousand|mn|bn|m|b|k)\b)?",
    re.I,
)
_MULT = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
}


@dataclass(frozen=True)
class Term:
    """A custody (or supervision) term found in text, in months."""

    start: int
    end: int
    min_months: int | None
    max_months: int | None
    life: bool = False


def parse_number(text: str) -> float | None:
    """Number as written: "38", "1,234.5", "thirty-eight", "five and a half", "7 ½"."""
    t = text.strip().lower().replace(",", "")
    half = 0.5 if re.search(r"½|1/2|half", t) else 0.0
    t = re.sub(_FRACTION, "", t).strip(" -")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    total, current = 0, 0
    for w in re.split(r"[-\s]+", t):
        if w not in _UNITS:
            return None
        if w == "hundred":
            current = max(current, 1) * 100
        else:
            current += _UNITS[w]
    total += current
    return total + half


def to_months(number: str, unit: str) -> float | None:
    """Months in ``number`` ``unit`` (unit singular or plural)."""
    n = parse_number(number)
    if n is None:
        return None
    return n * _MONTHS_PER[unit.lower().rstrip("s’'-").rstrip("s")]


def _ceil(months: float | None) -> int | None:
    return None if months is None else int(math.ceil(months - 1e-9))


def find_terms(text: str, lang: str = "en") -> list[Term]:
    """Every duration in ``text``: compound, ranges, single terms and life (``lang`` "es":
    Spanish words, :func:`find_terms_es`)."""
    if lang == "es":
        return find_terms_es(text)
    out: list[Term] = []

    def free(s: int, e: int) -> bool:
        return not any(t.start < e and s < t.end for t in out)

    for m in _COMPOUND.finditer(text):
        if m["ua"].lower().rstrip("s") == m["ub"].lower().rstrip("s"):
            continue  # "180 months and 60 months": two terms (of two defendants), not one
        a, b = to_months(m["a"], m["ua"]), to_months(m["b"], m["ub"])
        if a is not None and b is not None:
            out.append(Term(m.start(), m.end(), _ceil(a + b), _ceil(a + b)))
    for m in _RANGE.finditer(text):
        unit = m["uhi"] or m["ulo"]
        if not free(m.start(), m.end()) or (unit is None and m["hi"].lower() != "life"):
            continue
        if m["hi"].lower() == "life":
            if m["ulo"]:
                lo = to_months(m["lo"], m["ulo"])
                out.append(Term(m.start(), m.end(), _ceil(lo), None, life=True))
            continue
        lo, hi = to_months(m["lo"], m["ulo"] or unit), to_months(m["hi"], unit)
        if lo is not None and hi is not None:
            out.append(Term(m.start(), m.end(), _ceil(lo), _ceil(hi)))
    for m in _ONE_DURATION.finditer(text):
        months = to_months(m["num"], m["unit"])
        if free(m.start(), m.end()) and months is not None:
            out.append(Term(m.start(), m.end(), _ceil(months), _ceil(months)))
    for m in _LIFE.finditer(text):
        if free(m.start(), m.end()):
            out.append(Term(m.start(), m.end(), None, None, life=True))
    return sorted(out, key=lambda t: t.start)


def parse_money(text: str) -> float | None:
    """Dollars in a money phrase: "$2 million", "$745.9m", "$1,234,567.89"."""
    m = _MONEY.search(text)
    return _money_value(m) if m else None


def _money_value(m: re.Match[str]) -> float:
    value = float(m["num"].replace(",", "").rstrip("."))
    mult = _MULT.get((m["mult"] or "").lower(), 1.0)
    return round(value * mult, 2)


def find_money(text: str, lang: str = "en") -> list[tuple[int, int, float]]:
    """Dollar amounts in ``text`` as ``(start, end, usd)``."""
    if lang == "es":
        return [(m.start(), m.end(), _money_value_es(m)) for m in _MONEY_ES.finditer(text)]
    return [(m.start(), m.end(), _money_value(m)) for m in _MONEY.finditer(text)]


# Spanish: "20 años de prisión", "seis años y ocho meses", "25 años a cadena perpetua",
# "42 años hasta cadena perpetua", "30 días en la cárcel", "$2 millones".
_ES_UNITS = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciséis": 16, "dieciseis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintidós": 22,
    "veintidos": 22, "veintitrés": 23, "veintitres": 23, "veinticuatro": 24,
    "veinticinco": 25, "veintiséis": 26, "veintiseis": 26, "veintisiete": 27,
    "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
}  # fmt: skip
_ES_WORD = "|".join(sorted(_ES_UNITS, key=len, reverse=True))
_ES_NUM = rf"(?:\d+(?:[.,]5)?|(?:{_ES_WORD})(?:\s+y\s+(?:{_ES_WORD}))?)(?:\s+y\s+medio)?"
_ES_UNIT_MONTHS = {"año": 12.0, "mes": 1.0, "semana": 12 / 52, "día": 12 / 365, "dia": 12 / 365}
_ES_UNIT = r"(?:años?|meses|mes|semanas?|días?|dias?)"
_ES_ONE = re.compile(
    rf"\b(?P<num>{_ES_NUM})\s+(?P<unit>{_ES_UNIT})\b(?P<half>\s+y\s+medio\b)?", re.I
)
_ES_COMPOUND = re.compile(
    rf"\b(?P<a>{_ES_NUM})\s+(?P<ua>años?)(?:,?\s+y\s+|,\s*)(?P<b>{_ES_NUM})\s+(?P<ub>meses|mes|días?)\b",
    re.I,
)
_ES_RANGE = re.compile(
    rf"\b(?:de\s+)?(?P<lo>{_ES_NUM})(?:\s+(?P<ulo>años?|meses))?\s+(?:a|hasta)\s+(?:la\s+)?"
    rf"(?P<hi>{_ES_NUM}|cadena\s+perpetua)(?:\s+(?P<uhi>años?|meses))?",
    re.I,
)
_ES_LIFE = re.compile(r"\bcadena\s+perpetua\b", re.I)
_MONEY_ES = re.compile(
    r"\$\s?(?P<num>\d[\d,.]*\d|\d)(?:\s*(?P<mult>millones|millón|millon|mil\s+millones|mil)\b)?",
    re.I,
)


def _es_number(text: str) -> float | None:
    """A Spanish number as written: "20", "cinco", "treinta y cinco", "dos y medio"."""
    t = text.strip().lower()
    half = 0.5 if t.endswith("medio") else 0.0
    t = re.sub(r"\s+y\s+medio$", "", t)
    if re.fullmatch(r"\d+", t):
        return float(t) + half
    if re.fullmatch(r"\d+[.,]5", t):
        return float(t.replace(",", ".")) + half
    parts = re.split(r"\s+y\s+", t)
    if not all(p in _ES_UNITS for p in parts):
        return None
    return sum(_ES_UNITS[p] for p in parts) + half


def _es_months(number: str, unit: str) -> float | None:
    n = _es_number(number)
    u = unit.lower()
    key = "mes" if u.startswith("mes") else u.rstrip("s")
    per = _ES_UNIT_MONTHS.get(key)
    return None if n is None or per is None else n * per


def find_terms_es(text: str) -> list[Term]:
    """Every duration of a Spanish text: compound, ranges ("25 años a cadena perpetua"),
    single terms and life ("cadena perpetua")."""
    out: list[Term] = []

    def free(s: int, e: int) -> bool:
        return not any(t.start < e and s < t.end for t in out)

    for m in _ES_COMPOUND.finditer(text):
        a, b = _es_months(m["a"], m["ua"]), _es_months(m["b"], m["ub"])
        if a is not None and b is not None:
            out.append(Term(m.start(), m.end(), _ceil(a + b), _ceil(a + b)))
    for m in _ES_RANGE.finditer(text):
        unit = m["uhi"] or m["ulo"]
        life = m["hi"].lower().startswith("cadena")
        if not free(m.start(), m.end()) or (unit is None and not life):
            continue
        if life:
            if m["ulo"]:
                lo = _es_months(m["lo"], m["ulo"])
                out.append(Term(m.start(), m.end(), _ceil(lo), None, life=True))
            continue
        lo, hi = _es_months(m["lo"], m["ulo"] or unit), _es_months(m["hi"], unit)
        if lo is not None and hi is not None:
            out.append(Term(m.start(), m.end(), _ceil(lo), _ceil(hi)))
    for m in _ES_ONE.finditer(text):
        months = _es_months(m["num"] + (" y medio" if m["half"] else ""), m["unit"])
        if free(m.start(), m.end()) and months is not None:
            out.append(Term(m.start(), m.end(), _ceil(months), _ceil(months)))
    for m in _ES_LIFE.finditer(text):
        if free(m.start(), m.end()):
            out.append(Term(m.start(), m.end(), None, None, life=True))
    return sorted(out, key=lambda t: t.start)


def _money_value_es(m: re.Match[str]) -> float:
    """ "$115,481.91" (US separators, as the county releases write them), "$2 millones"."""
    num = m["num"]
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num):  # "$100.000": a Spanish thousands point
        num = num.replace(".", "")
    value = float(num.replace(",", ""))
    mult = (m["mult"] or "").lower()
    factor = (
        1e9
        if mult.startswith("mil m")
        else 1e6
        if mult.startswith("mill")
        else (1e3 if mult == "mil" else 1.0)
    )
    return round(value * factor, 2)
