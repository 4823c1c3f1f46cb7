"""Case identity: one defendant in one jurisdiction is one case.

Courts as written are also mapped to Free Law Project courts-db ids
(:func:`court_id`, "U.S. District Court for the Eastern District of New York" ->
``nyed``) when courts-db recognizes them.

Rule: the court string is reduced to a coarse jurisdiction key (federal or
state, plus the place: "Brooklyn federal court" and "federal US District Court
in Brooklyn, New York" both give ``federal|brooklyn``). When the court is
unknown the case is keyed by the defendant alone, so a defendant's outcomes
without a court join the defendant's single case.
"""

from __future__ import annotations

import re
import re._constants as sre_c
import re._parser as sre_parse
import threading
from functools import lru_cache

from casewire.ids import stable_id
from casewire.textnorm import name_key

_FEDERAL = re.compile(
    r"\b(?:federal|u\s?s|united states|district court for|"
    r"eastern|western|northern|southern|middle|central)\b"
)
# Places that name a federal district in everyday writing.
_DISTRICTS = {
    "brooklyn": "edny", "eastern district of new york": "edny", "queens": "edny",
    "manhattan": "sdny", "southern district of new york": "sdny",
}  # fmt: skip
_STATE = re.compile(
    r"\b(?:supreme|superior|county|circuit|municipal|criminal district|family|people)\b"
)


def jurisdiction_key(court: str | None) -> str | None:
    """Coarse ``level|place`` key for a court as written, or None when unknown."""
    if not court:
        return None
    k = name_key(court)
    level = (
        "state"
        if _STATE.search(k) and "federal" not in k
        else ("federal" if _FEDERAL.search(k) else "state")
    )
    for place, district in _DISTRICTS.items():
        if place in k:
            return f"{level}|{district if level == 'federal' else place}"
    m = re.search(
        r"((?:(?:eastern|western|northern|southern|middle|central) )?district of [a-z ]+)"
        r"|\bin ([a-z]+)|^([a-z]+)",
        k,
    )
    place = next((g for g in (m.groups() if m else ()) if g), k)
    return f"{level}|{place.strip()}"


def case_key(defendant_entity_id: str, court: str | None) -> str:
    """Stable ``case-…`` id shared by one defendant's outcomes in one jurisdiction.

    Federal courts key by jurisdiction; an unknown court keys by defendant alone.
    """
    return stable_id("case", defendant_entity_id, jurisdiction_key(court))


def case_caption(defendant_name: str, court: str | None) -> str:
    """ "United States v. NAME" (federal), "People v. NAME" (state), else NAME."""
    juris = jurisdiction_key(court)
    if juris is None:
        return defendant_name
    return f"{'United States' if juris.startswith('federal') else 'People'} v. {defendant_name}"


def assign_cases(outcomes: list[tuple[str, str | None]]) -> list[str]:
    """Case ids for ``(defendant_entity_id, court)`` pairs of one build.

    An outcome without a court joins its defendant's case when all of that
    defendant's outcomes with a court fall in one jurisdiction; otherwise it is
    keyed by the defendant alone.
    """
    known: dict[str, set[str]] = {}
    for defendant, court in outcomes:
        if (key := jurisdiction_key(court)) is not None:
            known.setdefault(defendant, set()).add(key)
    out = []
    for defendant, court in outcomes:
        if jurisdiction_key(court) is None and len(known.get(defendant, ())) == 1:
            out.append(stable_id("case", defendant, next(iter(known[defendant]))))
        else:
            out.append(case_key(defendant, court))
    return out


_US_PREFIX = re.compile(r"^(?:the\s+)?(?:federal\s+)?(?:U\.\s?S\.|US|United\s+States)\s+", re.I)
_BARE_DISTRICT = re.compile(
    r"^(?:the\s+)?(?:(?:Eastern|Western|Northern|Southern|Middle|Central)\s+)?District\s+of\s+\S"
)


_COURT_IN_DISTRICT = re.compile(
    r"^(?:district\s+)?court\s+in\s+the\s+(?=(?:(?:Eastern|Western|Northern|Southern|Middle|"
    r"Central)\s+)?District\s+of\s+\S)",
    re.I,
)
_DISTRICT_IN = re.compile(r"^(United States District Court)\s+(?:in|of)\s+(?:the\s+)?", re.I)


def _court_variants(court: str) -> list[str]:
    """Spellings of one court that courts-db's patterns know ("U.S." -> "United States";
    a district named alone -> "United States District Court for the ...")."""
    text = re.sub(r"\s+", " ", court).strip(" ,.")
    text = re.sub(r"^(?:the|federal)\s+", "", text, flags=re.I)
    out = [text]
    if _US_PREFIX.match(text):
        out.append(_US_PREFIX.sub("United States ", text))
        # "U.S. District Court in the Eastern District of ...": courts-db knows "for the".
        out.append(_DISTRICT_IN.sub(r"\1 for the ", out[-1]))
    if _BARE_DISTRICT.match(text):
        out.append("United States District Court for the " + re.sub(r"^the\s+", "", text))
    if m := _COURT_IN_DISTRICT.match(text):
        # "(federal) court in the District of New Jersey": that district's court
        out.append("United States District Court for the " + text[m.end() :])
    return list(dict.fromkeys(out))  # each spelling tried once: courts-db scans all courts


@lru_cache(maxsize=4096)
def court_id(court: str | None) -> str | None:
    """The courts-db id of a court as written, or None when courts-db does not know it
    or names several courts. Memoized per distinct string; each lookup tries only the
    courts-db patterns whose required words the string holds (:func:`_find_court`)."""
    if not court:
        return None
    for variant in _court_variants(court):
        ids = _find_court(variant)
        if len(ids) == 1:
            return str(ids[0])
    return None


def required_literals(pattern: re.Pattern) -> tuple[str, ...]:
    """Lower-case runs of three or more literal characters that every match of
    ``pattern`` holds: literals in sequence, inside groups and inside repeats of at
    least one; never inside alternatives, optional parts or lookarounds."""

    def runs(items: sre_parse.SubPattern | list) -> list[str]:
        out: list[str] = []
        cur: list[str] = []
        for op, av in items:
            if op is sre_c.LITERAL:
                cur.append(chr(av))
                continue
            out.append("".join(cur))
            cur = []
            if op is sre_c.SUBPATTERN:
                out += runs(av[-1])
            elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT) and av[0]:
                out += runs(av[2])
        out.append("".join(cur))
        return [r for r in out if len(r) >= 3]

    return tuple(dict.fromkeys(r.lower() for r in runs(sre_parse.parse(pattern.pattern))))


_COURTS_DB_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _indexed_patterns() -> tuple[list[tuple], dict[str, list[tuple]]]:
    """courts-db's patterns as ``(position, literals, entry)``: those with no required
    literal (tried on every string), and the others by their longest literal."""
    import courts_db

    always: list[tuple] = []
    by_literal: dict[str, list[tuple]] = {}
    for pos, entry in enumerate(courts_db.regexes):
        lits = required_literals(entry[0])
        if lits:
            by_literal.setdefault(max(lits, key=len), []).append((pos, lits, entry))
        else:
            always.append((pos, (), entry))
    return always, by_literal


def _find_court(variant: str) -> list[str]:
    """``courts_db.find_court(variant, bankruptcy=False)``, trying only the patterns whose
    required literals the (punctuation-stripped, as courts-db matches it) string holds:
    a pattern missing one cannot match, so the answer is the same, about ten times
    sooner (courts-db otherwise runs 8,383 patterns per string)."""
    import courts_db
    from courts_db.text_utils import strip_punc

    query = strip_punc(variant).lower()
    always, by_literal = _indexed_patterns()
    held = [group for lit, group in by_literal.items() if lit in query]
    found = always + [t for group in held for t in group if all(x in query for x in t[1])]
    wanted = [entry for _, _, entry in sorted(found, key=lambda t: t[0])]  # courts-db's order
    with _COURTS_DB_LOCK:  # courts-db reads its module-level list on each call
        full = courts_db.regexes
        courts_db.regexes = wanted
        try:
            return courts_db.find_court(variant, bankruptcy=False)
        finally:
            courts_db.regexes = full
