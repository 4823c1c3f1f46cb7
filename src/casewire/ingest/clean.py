"""Page cleaning: find the article inside a scraped page and repair scraping damage.

The cleaned text is what casewire stores and what every evidence offset refers
to, so cleaning may rewrite freely; it runs before any offset exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from casewire.extract.blocks import block_lines
from casewire.extract.rosters import roster_lines
from casewire.extract.tables import is_row_head
from casewire.rules import load_rules
from casewire.textnorm import plausible_day

_HEADER_DATE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s*")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_TEXT_DATE = re.compile(
    rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?\b({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
    re.IGNORECASE,
)
_MONTH_NUM = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}

#: Characters that render as nothing but split words for spaCy and for name matching:
#: NUL, zero-width space/non-joiner/joiner, word joiner, BOM/ZWNBSP anywhere, and the
#: bidi controls (embeddings, overrides, isolates, LRM/RLM). Removed before anything
#: else, so every offset is computed on text without them.
INVISIBLE = frozenset(
    "\x00\u200b\u200c\u200d\u2060\ufeff"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
)
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))

_MISSING_SPACE = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])")
_DETACHED_POSSESSIVE = re.compile(r"(?<=\w) +(?=[’']s\b)")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +(?=[,;:](?:\s|$))")
_MULTI_SPACE = re.compile(r"[ \t\u00a0]{2,}")
_MANY_NEWLINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class CleanText:
    """The article text after cleaning, with what cleaning learnt on the way."""

    text: str
    header_date: str | None  # from a leading "date YYYY-MM-DD" line
    text_date: str | None  # from a release-date line ("FOR IMMEDIATE RELEASE ...")
    not_a_release: str | None  # the bot-check/error phrase found, if any


@cache
def _menu_limits() -> tuple[int, int]:
    """A menu run's least number of lines and most words per line (``cleaning.yaml``)."""
    rules = load_rules("cleaning")
    return int(rules["menu_run_min_lines"]), int(rules["menu_line_max_words"])


@cache
def _compiled() -> tuple[frozenset[str], re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    rules = load_rules("cleaning")
    tails = frozenset(t.casefold() for t in rules["tail_markers"])
    junk = re.compile("|".join(f"(?:{p})" for p in rules["junk_lines"]), re.IGNORECASE)
    blocked = tuple(p.casefold() for p in rules["not_a_release"])
    leads = tuple(p.casefold() for p in rules["date_lead"])
    return tails, junk, blocked, leads


def iso_from_match(m: re.Match[str]) -> str | None:
    """ISO date from a ``_TEXT_DATE`` match, or None if it is not a real date."""
    month = _MONTH_NUM.get(m.group(1).lower()) or next(
        (n for name, n in _MONTH_NUM.items() if name.startswith(m.group(1).lower())), None
    )
    if month is None:
        return None
    return plausible_day(f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(2)):02d}")


def find_release_date(lines: list[str]) -> str | None:
    """The publication date stated near the top of a page, if any.

    Looks for a date on or just after a lead line ("FOR IMMEDIATE RELEASE",
    "Date:", "Published"), else a line that starts with a date; only the first
    40 lines count, so dates of events told in the body are never taken. Failing
    those, a post timestamp alone on a line ("2023-10-06 14:25:37") anywhere.
    """
    _, _, _, leads = _compiled()
    head = [ln.strip() for ln in lines[:40]]
    # The release's own lead first: Orange County pages carry "Published <date>" (when
    # the page went up on the current site, often months or years later) above "For
    # Immediate Release / Case # ... / <date>" (the day of the release itself).
    own, other = (_lead_date(head, lead) for lead in (leads[:1], leads[1:]))
    if own and other and own[4:] == other[4:] and own[:4] != other[:4]:
        # the same day of another year: a typo in the release line's year ("November
        # 12, 2009" over a sentencing told as after a "Sept. 3, 2010" verdict), never a
        # site upload on exactly the same month and day
        return other
    if own or other:
        return own or other
    for line in head:
        m = _TEXT_DATE.match(line)
        if m and (iso := iso_from_match(m)):
            return iso
    # A page's own metadata: a post timestamp alone on its line, wherever the theme
    # put it (the first is when the page was posted, a second when it was last edited).
    for line in lines:
        m = _POST_STAMP.fullmatch(line.strip())
        if m and (iso := plausible_day(m.group(1))):
            return iso
    return None


def _lead_date(head: list[str], leads: tuple[str, ...]) -> str | None:
    """The date on or within two lines after the first line starting with one of
    ``leads``."""
    for i, line in enumerate(head):
        if line.casefold().startswith(leads):
            for candidate in head[i : i + 3]:
                m = _TEXT_DATE.search(candidate)
                if m and (iso := iso_from_match(m)):
                    return iso
    return None


def _dated_headline(lines: list[str]) -> str | None:
    """The date of a headline that starts with it ("June 5, 2026: Man Charged With ...")
    among the first lines left once the menus are dropped: a long menu can push it past
    the 40 lines :func:`find_release_date` reads."""
    for line in [ln for ln in lines if ln][:_HEADLINE_LINES]:
        m = _TEXT_DATE.match(line)
        if m and re.match(r"\s*:\s+\S", line[m.end() :]) and (iso := iso_from_match(m)):
            return iso
    return None


_HEADLINE_LINES = 10


_LINK_TO = re.compile(r"link to:\s*(.+?)\s*$", re.IGNORECASE)


def _drop_furniture(lines: list[str], min_run: int, max_words: int, teasers: set[int]) -> list[str]:
    """Cut at a tail marker, then drop menu runs, teasers (indexes into ``lines``) and
    single junk lines."""
    tails, junk, _, _ = _compiled()
    kept: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.casefold() in tails and any(kept):
            break
        kept.append(stripped)
    # a roster's item lines ("- Eduardo Franco, 30" under "The individuals indicted
    # include:") are short like a menu's, and the page's own news
    rows = _table_lines(kept) | block_lines(kept) | roster_lines(kept)
    # the titles of other pages a "Link to: <title>" line points at: the page repeats
    # each title on a line of its own ("Oceanside Man Sentenced to Prison for ...")
    linked = {m.group(1).casefold() for ln in kept if (m := _LINK_TO.match(ln))}
    seen: set[str] = set()
    is_junk = []
    for i, ln in enumerate(kept):
        # junk pattern, or a repeat of an earlier line (headlines come 3-4 times); a
        # table's cells repeat by nature ("Pleaded guilty to one misdemeanor count ...")
        repeat = ln.casefold() in seen and i not in rows
        other_page = ln.casefold() in linked
        is_junk.append(bool(ln) and (junk.fullmatch(ln) is not None or repeat or other_page))
        seen.add(ln.casefold())
    is_menu = [
        j or (i not in rows and _is_menu_line(ln, max_words))
        for i, (ln, j) in enumerate(zip(kept, is_junk, strict=True))
    ]
    drop = _menu_runs(is_menu, min_run) | teasers
    return [ln for i, ln in enumerate(kept) if not (is_junk[i] or i in drop)]


_POST_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}")
_SNIPPET_END = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*(?:read more\W*)?$", re.IGNORECASE)


def _teaser_lines(lines: list[str]) -> set[int]:
    """Indexes of related-story teasers: a headline, a date alone on its line and a
    snippet cut off with an ellipsis ("Recent News" sidebars). They are other pages'
    news, wherever they stand on the page; the heading just before a run goes too.
    Teasers come several to a sidebar: a lone triple is the page's own headline, date
    and a lead that happens to end in an ellipsis, and stays."""
    filled = [i for i, ln in enumerate(lines) if ln]
    drop: set[int] = set()
    triples = 0
    for k in range(1, len(filled) - 1):
        title, date, snippet = (lines[filled[j]] for j in (k - 1, k, k + 1))
        if (
            _TEXT_DATE.fullmatch(date)
            and _SNIPPET_END.search(snippet)
            and not title.endswith(".")
            and len(title.split()) <= 25
        ):
            drop.update(filled[j] for j in (k - 1, k, k + 1))
            triples += 1
            if k >= 2 and filled[k - 2] not in drop and _is_menu_line(lines[filled[k - 2]], 4):
                drop.add(filled[k - 2])  # the sidebar's heading ("Recent News")
    return drop if triples >= 2 else set()


_DAY_LINE = re.compile(rf"(?:{_MONTHS})\.?\s+\d{{1,2}}", re.IGNORECASE)
_HEADLINE_LIKE = re.compile(r"[A-Z0-9“\"'‘]")


def _listing_lines(lines: list[str]) -> set[int]:
    """Indexes of an archive listing: a day alone on its line ("December 19", no year)
    and the headline under it, again and again ("Press Releases 2019" pages). Each pair is
    another page's headline; four pairs or more make a listing, and the page holds no
    news of its own there."""
    filled = [i for i, ln in enumerate(lines) if ln]
    pairs = [
        (filled[k], filled[k + 1])
        for k in range(len(filled) - 1)
        if _DAY_LINE.fullmatch(lines[filled[k]])
        and _HEADLINE_LIKE.match(lines[filled[k + 1]])
        and len(lines[filled[k + 1]].split()) <= 30
        and not _DAY_LINE.fullmatch(lines[filled[k + 1]])
    ]
    return {i for pair in pairs for i in pair} if len(pairs) >= 4 else set()


def _table_lines(lines: list[str]) -> set[int]:
    """Indexes of table rows: each row head ("Name, 45, City" alone on its line) and
    the cell lines under it, up to the next head. A table has two or more heads; its
    short lines are no menu and its repeated cells no repeated headline."""
    heads = [i for i, ln in enumerate(lines) if ln and is_row_head(ln)]
    if len(heads) < 2:
        return set()
    out: set[int] = set()
    for a, b in zip(heads, [*heads[1:], heads[-1] + 3], strict=True):
        out.update(range(a, min(b, a + _TABLE_ROW_LINES + 1)))
    return out


_TABLE_ROW_LINES = 4


def _is_menu_line(line: str, max_words: int) -> bool:
    return bool(line) and len(line.split()) <= max_words and not line.endswith((".", ":", "”", '"'))


def _menu_runs(is_menu: list[bool], min_run: int) -> set[int]:
    """Indexes of runs of ``min_run``+ consecutive menu-like lines."""
    drop: set[int] = set()
    start = None
    for i, flag in enumerate([*is_menu, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start >= min_run:
                drop.update(range(start, i))
            start = None
    return drop


def _join_broken_lines(lines: list[str]) -> str:
    """Join lines a PDF conversion broke mid-sentence; keep paragraph breaks."""
    parts: list[str] = []
    for line in lines:
        if parts and line and parts[-1] and line[0].islower():
            parts[-1] = f"{parts[-1]} {line}"
        else:
            parts.append(line)
    return "\n".join(parts)


def repair(text: str) -> str:
    """Repair scraping damage: "Europe.Garcia", "Mexico ’s", "counts ,", runs of spaces."""
    text = _MISSING_SPACE.sub(". ", text)
    text = _DETACHED_POSSESSIVE.sub("", text)
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    text = _MULTI_SPACE.sub(" ", text)
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def clean_page(raw: str) -> CleanText:
    """Clean one page: header date, furniture, broken lines, scraping damage."""
    _, _, blocked, _ = _compiled()
    menu_min, menu_words = _menu_limits()
    text = raw.translate(_DROP_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n")
    header_date = None
    if m := _HEADER_DATE.match(text):
        header_date, text = m.group(1), text[m.end() :]
    folded = text[:5000].casefold()
    not_release = next((b for b in blocked if b in folded), None)
    lines = text.split("\n")
    stripped = [ln.strip() for ln in lines]
    # their dates are other pages'
    teasers = _teaser_lines(stripped) | _listing_lines(stripped)
    text_date = find_release_date([ln for i, ln in enumerate(lines) if i not in teasers])
    kept = _drop_furniture(lines, menu_min, menu_words, teasers)
    if text_date is None:
        text_date = _dated_headline(kept)
    kept = _split_dateline(kept)
    return CleanText(repair(_join_broken_lines(kept)), header_date, text_date, not_release)


#: A dateline glued to the first sentence once the scrape dropped its dash:
#: "WASHINGTON Curtis Keith Cooper of ...", "WASHINGTONWashington Beef LLC ...".
_GLUED_DATELINE = re.compile(
    r"^((?:[A-Z]{5,}|NEW YORK|ST\. LOUIS|SAN [A-Z]{4,}|LOS ANGELES))"
    r"(?: (?=[A-Z][a-z])|(?=[A-Z][a-z]))"
)


#: A city and its state glued to the first sentence: "CHATTANOOGA, Tenn. James Smiley, 27,",
#: "SAN JUAN, Puerto Rico Manuel Garcia-Figueroa", "WASHINGTON, D.C. Speaking at ..." (41 DOJ
#: releases and 5 San Diego ones open so; the state is an AP abbreviation or a state's name).
_STATE_DATELINE = re.compile(
    r"^([A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+){0,3}, (?:[A-Z]\.[A-Z]\.|"
    r"(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss|"
    r"Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo)\.|"
    r"(?:Alaska|Hawaii|Idaho|Iowa|Maine|Ohio|Oregon|Texas|Utah|Puerto Rico|Guam)\.?))"
    r" (?=[A-Z])"
)


def _split_dateline(lines: list[str]) -> list[str]:
    """The first line's dateline on a line of its own, so the tagger does not read the
    city as part of the name that starts the first sentence."""
    first = next((i for i, ln in enumerate(lines) if ln), None)
    if first is None:
        return lines
    m = _STATE_DATELINE.match(lines[first]) or _GLUED_DATELINE.match(lines[first])
    if m is None:
        return lines
    return [*lines[:first], m.group(1), lines[first][m.end() :], *lines[first + 1 :]]
