"""Whether a PERSON span names a person: what its zone, its words and its document say.

The small model tags the words of press-release headlines, titles and capitalized
common nouns as people; resolved across a corpus they become the largest "person"
entities ("Brooklyn Man Sentenced", "Chief", "Bureau Chief", "Victim"). A person
name here must be supported:

* **zone**: on a headline line (three or more content words, every one capitalized:
  "Brooklyn Man Sentenced to 47 Years ...", or all capitals) a name stands only
  when the body names the same person (its words are those of a body name, or of
  a body name plus given names) or reads as a census name (a given name first, a
  surname last, nothing else); a name line ("Kevin Wright") or a list row
  ("Alfred Lua, 26, Buena Park") is not a headline;
* **title**: a name never ends with a title word, unless that word is also a
  census given name: the title is cut ("Farrah Emami Spokesperson"), and what is
  left of fewer than two words names nobody ("Chief", "Bureau Chief", "Det.");
* **place slot**: a span after an age in a list row ("Ricardo Cortez, 31, Tustin")
  or a dateline ("FULLERTON – ...") is a place;
* **common noun**: a name ends with a surname; one whose last word is no census
  surname (nor, alone, a given name) and that the document also writes in lower
  case ("Victim", "Indicted", "Delinquency Prevention"), or a lone word in capitals
  that is no census name (an acronym: "RSVP"), is words, not a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from casewire.extract.blocks import is_name_line
from casewire.extract.tables import is_row_head, line_spans
from casewire.textnorm import NAME_SUFFIXES, name_key

#: Words a title-case headline leaves in lower case ("Sentenced to 47 Years in Prison"),
#: and the labels of a media advisory ("WHO:").
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for and or but nor with by from as into onto over after "
    "before about against during under up out off than via vs v per who what when where".split()
)
_SUFFIXES = NAME_SUFFIXES | {"esq"}
_LABEL = re.compile(r"^\W*\w+(?:\s+\w+)?:")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def headline_spans(text: str, lower_words: frozenset[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of every headline line of ``text`` (see :func:`is_headline_line`)."""
    return [(s, e) for s, e in line_spans(text) if is_headline_line(text[s:e], lower_words)]


def is_headline_line(line: str, lower_words: frozenset[str]) -> bool:
    """Three or more content words, all capitalized, one of them a word the document
    also writes in lower case ("Sentenced", "Man"): names and places never are, so a
    list of names and towns ("Merlin Coleman Chicago, IL") is no headline. Never a
    name line, a list row, a labelled line ("WHO: ...", "Offense: ...") or a list
    of two commas or more."""
    content = [w for w in _WORD.findall(line) if w.casefold() not in _FUNCTION_WORDS]
    if len(content) < 3 or not all(w[0].isupper() for w in content):
        return False
    if line.count(",") > 1 or _LABEL.match(line):
        return False
    if not any(w.casefold().rstrip(".") in lower_words for w in content):
        return False
    return not (is_name_line(line) or is_row_head(line))


def in_spans(spans: Sequence[tuple[int, int]], start: int) -> bool:
    return any(s <= start < e for s, e in spans)


def _contains(longer: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return 0 < n <= len(longer) and any(
        longer[i : i + n] == part for i in range(len(longer) - n + 1)
    )


def headline_supported(
    name: str, body_names: Sequence[tuple[str, ...]], is_given: Callable[[str], bool]
) -> bool:
    """A headline name is a body name, part of one, or one plus given names."""
    toks = tuple(name_key(name).split())
    if not toks:
        return False
    for body in body_names:
        if _contains(body, toks):
            return True
        if _contains(toks, body) and all(t in body or is_given(t) for t in toks):
            return True
    return False


def census_name(
    name: str, is_given: Callable[[str], bool], is_surname: Callable[[str], bool]
) -> bool:
    """Two to four words: a census given name first, a census surname last."""
    toks = name_key(name).split()
    return 2 <= len(toks) <= 4 and is_given(toks[0]) and is_surname(toks[-1])


def trailing_titles(
    words: Sequence[str], titles: frozenset[str], given: frozenset[str], surnames: frozenset[str]
) -> int:
    """How many title words end a name: all of them when every word is a title
    ("Assistant Attorney General"); else the trailing titles that are no census
    given name or surname ("Farrah Emami Spokesperson": 1, "Bureau Chief": 1), so
    "Benjamin D. Singer", "John Earl" and a suffix ("Sr") stay whole."""
    keys = [w.casefold().rstrip(".") for w in words]
    if keys and all(k in titles and k not in given and k not in _SUFFIXES for k in keys):
        return len(keys)
    n = 0
    while n < len(keys):
        k = keys[len(keys) - 1 - n]
        if k not in titles or k in given or k in surnames or k in _SUFFIXES:
            break
        n += 1
    return n


_PLACE_AFTER_AGE = re.compile(r",[ \t]*\d{1,3},[ \t]*(?:unincorporated[ \t]+)?$")
_DATELINE_DASH = re.compile(r"^[ \t]+[–—-][ \t]")
_LINE_OPENING = re.compile(r"(?:^|\n)[ \t]*(?:Contact:[ \t]*)?$")


def place_slot(text: str, start: int, end: int) -> bool:
    """The span sits where a release puts a place: after an age in a list row ("Ricardo
    Cortez, 31, Tustin"), or as a dateline opening a line, in capitals or after
    "Contact:" ("FULLERTON – ..."; "Kesi Foster – Coordinator at ..." is a person)."""
    if _PLACE_AFTER_AGE.search(text[max(0, start - 30) : start]):
        return True
    opening = _LINE_OPENING.search(text[max(0, start - 30) : start])
    return bool(
        _DATELINE_DASH.match(text[end : end + 4])
        and opening
        and (text[start:end].isupper() or "Contact:" in opening.group())
    )


def common_word(
    name: str, lower_words: frozenset[str], given: frozenset[str], surnames: frozenset[str]
) -> bool:
    """A person's name ends with a surname: a census surname, or a word the document
    never writes in lower case. A name that ends otherwise is words ("Victim",
    "Delinquency Prevention", "Obamas Financial Fraud Enforcement"); so is one word
    in capitals that is no census name (an acronym: "RSVP"). A bare census given
    name ("Linda") stays a name."""
    words = [w for w in name.split() if w.casefold().rstrip(".,") not in _SUFFIXES]
    if not words:
        return False
    last = words[-1].casefold().rstrip(".")
    if last in surnames or (len(words) == 1 and last in given):
        return False
    return last in lower_words or (len(words) == 1 and words[0].isupper() and words[0].isalpha())
