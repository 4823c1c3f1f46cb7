"""Charge phrases and their categories (rules in ``rules/charges.yaml``)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from casewire.records import Charge

CATEGORIES = (
    "homicide", "assault/violent", "sexual offense", "drug trafficking", "fraud/theft",
    "bribery/corruption", "money laundering", "firearms", "DUI/vehicular",
    "child exploitation", "tax", "immigration", "civil rights", "other",
)  # fmt: skip

_LEADING = re.compile(
    r"^(?:(?:and|or|the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|multiple|several|"
    r"various|varying|additional|related|single|felony|misdemeanor|federal|state|criminal|"
    r"counts?|charges?|of|with|to)\s+)+",
    re.I,
)
_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+(?=(?:one|two|three|\d+|[a-z]+-degree|first|second|third|fourth|fifth|aggravated|attempted|conspiracy|possession|money|wire|mail|bank|tax|murder|assault|felon)\b)|;\s*", re.I)
_MAX_WORDS = 16
_NUMBER_ONLY = re.compile(r"^(?:\w+-)?(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)$", re.I)


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The compiled charge rules (loaded once)."""
    raw = yaml.safe_load(resources.files("casewire.rules").joinpath("charges.yaml").read_text())
    return {
        "categories": [(c["name"], re.compile(c["pattern"], re.I)) for c in raw["categories"]],
        "lead_ins": re.compile(raw["lead_ins"], re.I),
        "stop": re.compile(raw["stop"]),
        "statute": re.compile(raw["statute"]),
        "charges_after": re.compile(raw["charges_after"], re.I),
    }


def categorize(phrase: str) -> str:
    """Category of a charge phrase, one of :data:`CATEGORIES`."""
    for name, pattern in rules()["categories"]:
        if pattern.search(phrase):
            return name
    return "other"


def _clean(part: str) -> str | None:
    part = _LEADING.sub("", part.strip(" ,")).strip(" ,-")
    part = re.sub(r"\s+", " ", part)
    words = part.split()
    if not words or len(words) > _MAX_WORDS or not re.search(r"[a-z]{3}", part) or _NUMBER_ONLY.match(part):
        return None
    if words[0].lower() in {"him", "her", "them", "his", "their", "he", "she", "it", "this"}:
        return None
    return part


def find_charges(text: str) -> list[Charge]:
    """Charge phrases: "convicted of X", "pleaded guilty to X", "on X and Y charges"."""
    r = rules()
    out: dict[str, Charge] = {}
    chunks = [m["list"] for m in r["charges_after"].finditer(text)]
    for lead in r["lead_ins"].finditer(text):
        tail = text[lead.end():]
        stop = r["stop"].search(tail)
        chunks.append(tail[: stop.start()] if stop else tail)
    for chunk in chunks:
        for raw_part in _SPLIT.split(chunk):
            part = _clean(raw_part)
            if part and part.casefold() not in out:
                statute = r["statute"].search(text)
                out[part.casefold()] = Charge(
                    text=part,
                    category=categorize(part),
                    statute=statute.group(0).strip() if statute else None,
                )
    return list(out.values())
