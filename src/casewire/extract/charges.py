"""Charge phrases and their categories (rules in ``rules/charges.yaml``).

A charge list starts after a lead-in ("convicted of", "pleaded guilty to",
"charged ... with", "N counts of") or sits before "charges"/"counts" ("on X and
Y charges"); it ends at the first stop (facts, places, dates, the court, the
penalty). The list is split on commas and on "and" before a new charge; a
phrase of category "other" is kept only when it names an offense.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from casewire import rules as rule_files
from casewire.records import Charge
from schemas._common import CHARGE_CATEGORIES

#: The charge categories, declared once with the table schemas.
CATEGORIES = CHARGE_CATEGORIES

_NUMBERS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+"
_LEADING = re.compile(
    rf"^(?:(?:and|or|the|a|an|{_NUMBERS}|(?:\w+-)?counts?|multiple|several|various|varying|additional|related|"
    r"single|separate|counts?|charges?|of|with|to|"
    r"(?:felony|misdemeanor|federal|state|criminal)(?=\s+(?:counts?|charges?)\b))\s+)+",
    re.I,
)
_SPLIT = re.compile(
    # not the comma of "failing to collect, account for and pay over" (one statutory duty)
    r",(?!\s*(?:and\s+)?(?:truthfully\s+)?account\s+for\b)\s*(?:and\s+|or\s+)?|;\s*"
    rf"|\s+(?:and|or)\s+(?=(?:{_NUMBERS}|[a-z]+-degree|first|second|third|fourth|fifth|"
    r"aggravated|attempted|conspiracy|possession|money|wire|mail|bank|tax|murder|assault|felon)\b)"
    r"|(?<!aiding)(?<!preparation)\s+and\s+(?=[a-z]{3,}ing\b)(?!(?:abetting|assisting)\b)",
    re.I,
)
_MAX_WORDS = 16
_NUMBER_ONLY = re.compile(rf"^(?:\w+-)?(?:{_NUMBERS})$", re.I)
_AMOUNT = re.compile(
    r"\$\s?\d|\b(?:millions?|billions?|thousands?)\s+of\s+dollars\b|\bdollars\b", re.I
)
# A phrase cut off by a stop inside it ("conspiring ... to commit a | July 2012 robbery").
_DANGLING = re.compile(r"\b(?:a|an|the|to|of|with|commit)$", re.I)
# Gerunds that tell facts, not offenses ("charged with using text messages ...").
_FACT_VERB = re.compile(
    r"(?:using|having|being|doing|getting|going|coming|seeking|working|living|helping|giving"
    r"|telling|contacting|sending|paying|running|playing|trying|throwing|slamming|kneeing"
    r"|twisting|crashing)\b"
)
_PLACE_OF = re.compile(
    r"\b(?:District|State|Commonwealth|County|Court|Circuit|City|Republic|Department|Division"
    r"|Office|Bureau|Attorney|Southern|Northern|Eastern|Western|Middle|Central)\s+of\s*$"
)
_NOT_FIRST = {"him", "her", "them", "his", "their", "he", "she", "it", "this", "all", "these",
              "those", "each", "both", "following", "such", "any", "other", "same"}  # fmt: skip


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The compiled charge rules (loaded once)."""
    raw = rule_files.load_rules("charges")
    return {
        "categories": [(c["name"], re.compile(c["pattern"], re.I)) for c in raw["categories"]],
        "lead_ins": re.compile(raw["lead_ins"].replace("{gap}", raw["gap"]), re.I),
        "not_lead_before": re.compile(raw["not_lead_before"], re.I),
        "stop": re.compile(raw["stop"]),
        "statute": re.compile(raw["statute"]),
        "charges_after": re.compile(raw["charges_after"], re.I),
        "other_offense": re.compile(raw["other_offense"], re.I),
        "role_in": re.compile(raw["role_in"], re.I),
        "and_to": re.compile(raw["and_to"], re.I),
        "statutes": [(s["category"], re.compile(s["pattern"])) for s in raw["statutes"]],
    }


_USC = re.compile(
    r"\b(?:Title\s+)?(\d+),?\s+(?:U\.?\s?S\.?\s?C\.?(?:\s*A\.?)?|United\s+States\s+Code),?\s*"
    r"(?:§+|Sections?|Secs?\.?)?\s*(\d+[A-Za-z]?(?:-\d+[a-z]?)?(?:\([\w]+\))*)"
)
_STATE = re.compile(
    r"\b(?:(Texas|Tex\.)\s+)?(?:PC|Penal\s+Code)(?:\s+[Ss]ections?)?\s*§?\s*"
    r"(\d+[A-Za-z]?(?:\.\d+)?(?:\([\w]+\))*)"
)


def statute_keys(text: str) -> list[str]:
    """The sections cited in ``text`` as keys: "usc:18:1343", "ca:187", "tx:19.02".

    A Penal Code section is Texas when the text says so or the section is numbered
    like Texas's ("19.02"); otherwise California.
    """
    keys = [f"usc:{m[1]}:{m[2]}" for m in _USC.finditer(text)]
    for m in _STATE.finditer(text):
        texas = bool(m[1]) or re.fullmatch(r"\d{1,2}[A-Z]?\.\d{2,3}\b.*", m[2]) is not None
        keys.append(f"{'tx' if texas else 'ca'}:{m[2]}")
    return keys


def statute_category(statute: str | None) -> str | None:
    """The category a cited statute gives, or None when unknown."""
    for key in statute_keys(statute or ""):
        for name, pattern in rules()["statutes"]:
            m = pattern.search(key)
            if m and not key[m.end() : m.end() + 1].isdigit():  # 1343, not 13430
                return name
    return None


def categorize(phrase: str, statute: str | None = None) -> str:
    """Category of a charge phrase, one of :data:`CATEGORIES`.

    The words decide; a statute (cited in the phrase or given) decides only when the
    words say "other" ("conspiracy, 18 U.S.C. 371", "violating 18 U.S.C. 922(g)").
    """
    cited = statute_category(phrase) or statute_category(statute)
    for name, pattern in rules()["categories"]:
        if pattern.search(phrase):
            if name == "other":
                break
            # "travel to engage in illicit sexual conduct" under 18 U.S.C. 2423: the minor
            # is in the statute only
            return cited if name == "sexual offense" and cited == "child exploitation" else name
    return cited or "other"


def _clean(part: str) -> str | None:
    """A charge phrase without list words and counts, or None when it is no charge."""
    # a list that ran into the next clause's lead-in: "robbery, pleaded guilty to X" -> X
    inner = list(rules()["lead_ins"].finditer(part))
    if inner and inner[-1].end() < len(part):
        part = part[inner[-1].end() :]
    part = _LEADING.sub("", part.strip(" ,")).strip(" ,-")
    part = re.sub(r"\s+", " ", part)
    words = part.split()
    if not words or len(words) > _MAX_WORDS or not re.search(r"[a-z]{3}", part):
        return None
    if _NUMBER_ONLY.match(part) or words[0].lower() in _NOT_FIRST or _AMOUNT.search(part):
        return None
    if _DANGLING.search(part):
        return None
    return part if categorize(part) != "other" or _names_offense(part) else None


def _names_offense(part: str) -> bool:
    """An uncategorized phrase that still names an offense."""
    if rules()["other_offense"].search(part):
        return True
    gerund = re.match(r"[a-z]+ing\s+\w", part)
    return bool(gerund) and not re.search(r"\b[A-Z]", part) and not _FACT_VERB.match(part)


# An item that ends in a bare modifier or verb shares the next item's noun or object:
# "mail | wire fraud", "to advertise, | solicit, | ... possess child pornography".
_SHARES_NEXT = re.compile(
    r"\b(?:mail|wire|bank|securities|health\s+care|tax|commodities|visa|advertise|solicit|transport"
    r"|ship|distribute|receive|possess|produce|manufacture|import|export|sell|buy|purchase|obstruct"
    r"|impede|launder|structure|conceal|acquire|transfer|use|carry|brandish|discharge|receipt"
    r"|possession|distribution|transportation|production|manufacturing|importation)$",
    re.I,
)


def _split(chunk: str) -> list[str]:
    """List items; "X and Y" of two different categories are two charges."""
    out = []
    glued: list[str] = []
    at, joint = 0, ""
    for m in [*_SPLIT.finditer(chunk), None]:
        part = chunk[at : m.start() if m else len(chunk)]
        if glued and _SHARES_NEXT.search(glued[-1].strip()):
            glued[-1] += joint + part  # the list's own words: "mail and wire fraud"
        else:
            glued.append(part)
        if m:
            at, joint = m.end(), m.group(0)
    for part in glued:
        left, sep, right = part.partition(" and ")
        # "misbranded and adulterated cheese": two modifiers, one charge
        modifiers = re.search(r"\w+ed$", left) and re.match(r"\w+ed\b", right)
        cats = {categorize(left), categorize(right)} if sep and not modifiers else set()
        out += [left, right] if len(cats) == 2 and "other" not in cats else [part]
    return out


def _chunks(text: str) -> list[str]:
    """The raw charge lists of one sentence.

    A title-case lead-in inside a sentence ("... Man Charged with Murder Extradited")
    is a headline, often of another release: used only when no other lead-in names
    a charge. "for their roles in X" is used only when nothing else is found.
    """
    r = rules()
    chunks = [m["list"] for m in r["charges_after"].finditer(text)]
    headlines = []
    for lead in r["lead_ins"].finditer(text):
        if r["not_lead_before"].search(text[max(0, lead.start() - 20) : lead.start()]):
            continue
        if _PLACE_OF.search(lead.group(0)):  # "guilty in the District of | Maryland to X"
            continue
        tail = text[lead.end() :]
        chunk = _until_stop(tail)
        before = text[: lead.start()].rstrip(" ")
        headline = lead.group(0)[0].isupper() and before and before[-1] not in '.!?:\n"“”'
        (headlines if headline else chunks).append(chunk)
        more = r["and_to"].search(tail[len(chunk) :])
        if more:
            chunks.append(_until_stop(tail[len(chunk) + more.end() :]))
    chunks = chunks or headlines
    if not any(_clean(p) for c in chunks for p in _split(c)):
        # only a named offense: "for his role in the scheme" says nothing
        roles = [_until_stop(text[m.end() :]) for m in r["role_in"].finditer(text)]
        chunks += [
            p for c in roles for p in _split(c)
            if (q := _clean(p)) and categorize(q) != "other" and not re.fullmatch(r"schemes?", q)
        ]  # fmt: skip
    return chunks


def _until_stop(tail: str) -> str:
    """The charge list at the start of ``tail`` ("aiding and abetting in X" goes on)."""
    stop_re = rules()["stop"]
    stop = stop_re.search(tail)
    while (
        stop
        and (
            (
                re.search(r"\babetting$", tail[: stop.start()])
                and re.match(r"\s+in\s", tail[stop.start() :])
            )
            # the dot of an abbreviation, not an end: "18 U.S.C. 1519", "U.S. Munitions List"
            or (stop.group(0) == "." and re.search(r"(?:^|[\s.(])[A-Z]$", tail[: stop.start()]))
        )
    ):
        stop = stop_re.search(tail, stop.start() + 1)
    return tail[: stop.start()] if stop else tail


def find_charges(text: str) -> list[Charge]:
    """Charge phrases: "convicted of X", "pleaded guilty to X", "on X and Y charges"."""
    out: dict[str, Charge] = {}
    cited = list(rules()["statute"].finditer(text))
    for chunk in _chunks(text):
        for raw_part in _split(chunk):
            part = _clean(raw_part)
            if part and part.casefold() not in out:
                out[part.casefold()] = Charge(text=part, category="other", statute=None)
    charges = list(out.values())
    for i, c in enumerate(charges):
        statute = _own_statute(text, c.text, cited, len(charges))
        charges[i] = Charge(text=c.text, category=categorize(c.text, statute), statute=statute)
    return charges


def _own_statute(text: str, phrase: str, cited: list[re.Match], n: int) -> str | None:
    """The statute cited for one charge: right after the phrase ("X, in violation of
    18 U.S.C. 1343", "X (Penal Code 187)"), or the sentence's only statute when the
    sentence names one charge."""
    at = text.find(phrase)
    if at >= 0:
        end = at + len(phrase)
        for m in cited:
            between = text[end : m.start()]
            if 0 <= m.start() - end <= 80 and re.fullmatch(
                r"[\s,(]*(?:(?:each\s+)?in\s+violation\s+of|under|pursuant\s+to|contrary\s+to)?"
                r"[\s,]*(?:the\s+)?(?:Title)?[\s,]*",
                between,
            ):
                return m.group(0).strip().rstrip(".")
    if n == 1 and len(cited) == 1:
        return cited[0].group(0).strip().rstrip(".")
    return None
