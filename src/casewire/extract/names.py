"""Per-document name index: which full name each mention refers to.

Built from the document's mentions; every extractor that needs to name a
person or organization asks it, so all tables agree on the canonical name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc

from casewire.extract.evidence import doc_text
from casewire.records import Mention
from casewire.textnorm import name_key


class NameIndex:
    """Lookup of canonical names within one document."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self._mentions = sorted(mentions, key=lambda m: (m.mention_start, m.mention_end))
        self._starts = [m.mention_start for m in self._mentions]
        self._by_text: dict[str, Mention] = {}
        for m in self._mentions:
            self._by_text.setdefault(m.text.casefold(), m)
            self._by_text.setdefault(m.canonical.casefold(), m)

    @classmethod
    def from_mentions(cls, mentions: Iterable[Mention]) -> NameIndex:
        return cls(mentions)

    def resolve(self, text: str, entity_type: str | None = None) -> str | None:
        """Canonical name for ``text`` as written (full name, surname, "Ms X")."""
        m = self._by_text.get(text.strip().casefold())
        if m is None or (entity_type and m.entity_type != entity_type):
            return None
        return m.canonical

    def entity_type(self, canonical: str) -> str | None:
        m = self._by_text.get(canonical.casefold())
        return m.entity_type if m else None

    def mentions_in(self, start_char: int, end_char: int) -> list[Mention]:
        """Mentions lying wholly inside ``[start_char, end_char)``, in text order."""
        i = bisect.bisect_left(self._starts, start_char)
        out = []
        while i < len(self._mentions) and self._mentions[i].mention_start < end_char:
            if self._mentions[i].mention_end <= end_char:
                out.append(self._mentions[i])
            i += 1
        return out

    def people(self) -> list[str]:
        """Canonical person names in order of first mention."""
        seen: dict[str, None] = {}
        for m in self._mentions:
            if m.entity_type == "person":
                seen.setdefault(m.canonical, None)
        return list(seen)

    def aliases(self) -> set[tuple[str, str]]:
        return {(m.canonical, m.alias) for m in self._mentions if m.alias}

    def mention_at(self, char: int) -> Mention | None:
        """The mention covering character offset ``char``, if any."""
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0 and self._mentions[i].mention_start <= char < self._mentions[i].mention_end:
            return self._mentions[i]
        return None

    def last_person_before(
        self, char: int, exclude: frozenset[str] = frozenset()
    ) -> Mention | None:
        """The nearest person mention ending before ``char`` (for "he", "she"),
        skipping the canonical names in ``exclude``."""
        i = bisect.bisect_left(self._starts, char) - 1
        while i >= 0:
            m = self._mentions[i]
            if m.entity_type == "person" and m.mention_end <= char and m.canonical not in exclude:
                return m
            i -= 1
        return None

    def main_person(self, exclude: frozenset[str] = frozenset()) -> Mention | None:
        """First mention of the most mentioned person (ties: the earliest), skipping
        the canonical names in ``exclude``."""
        counts: dict[str, int] = {}
        first: dict[str, Mention] = {}
        for m in self._mentions:
            if m.entity_type == "person" and m.canonical not in exclude:
                counts[m.canonical] = counts.get(m.canonical, 0) + 1
                first.setdefault(m.canonical, m)
        if not counts:
            return None
        best = max(counts, key=lambda c: (counts[c], -first[c].mention_start))
        return first[best]


# --- linking mentions to full names (used by casewire.extract.mentions) -------

_ACRONYM_STOP = frozenset({"of", "the", "and", "for", "&", "on", "in"})


def link_names(doc: Doc, cands: list, rules: dict) -> list[tuple[object, str, str | None]]:
    """``(candidate, canonical, alias)`` for every candidate mention, in text order.

    Partial names resolve to the full name they are part of (nearest earlier
    full name first, else the first later one); a model ORG/GPE on a known
    person's name becomes PERSON; acronyms resolve to their full organization.
    """
    full = _full_names(cands)
    cands = [_complete_lowercase(doc_text(doc), c, full) for c in cands]
    # surnames the document gives people: alone ("Mathauda was sentenced") or in full names
    bare = {_tokens(c.name)[-1:] for c in cands if c.label == "PERSON" and _tokens(c.name)}
    cands = [_person_label(c, full, rules, bare) for c in cands]
    full = _full_names(cands)
    acronyms = _defined_acronyms(doc_text(doc), cands, rules)
    out = []
    for c in cands:
        if c.label == "PERSON":
            out.append((c, _person_canonical(c, full), c.alias))
        elif c.label == "ORG":
            canonical, alias = _org_canonical(doc_text(doc), c, acronyms)
            out.append((c, canonical, alias))
        else:
            out.append((c, rules["place_lookup"].get(c.name.casefold(), c.name), None))
    return out


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(name_key(name).split())


def _full_names(cands: list) -> list[tuple[int, tuple[str, ...], str]]:
    """``(start, key tokens, written name)`` of every multi-word person name."""
    return [
        (c.start, _tokens(c.name), c.name)
        for c in cands
        if c.label == "PERSON" and len(_tokens(c.name)) >= 2
    ]


def _contains(longer: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return 0 < n < len(longer) and any(
        longer[i : i + n] == part for i in range(len(longer) - n + 1)
    )


def _complete_lowercase(text: str, c, full: list) -> object:
    """ "Garcia luna" (model tagged only "Garcia") -> the mention covers both words."""
    if c.label != "PERSON":
        return c
    toks = _tokens(c.name)
    for _, name, _w in full:
        for i in range(len(name) - len(toks)):
            if name[i : i + len(toks)] == toks:
                m = re.match(r"[ \t]+(\w+)", text[c.end :])
                if m and name_key(m.group(1)) == name[i + len(toks)]:
                    return replace(c, end=c.end + m.end(), name=f"{c.name} {m.group(1)}")
    return c


def _person_label(c, full: list, rules: dict, bare: set[tuple[str, ...]]) -> object:
    """A model ORG/GPE/LOC whose words are part of a known person's name is that person;
    so is a model ORG of two or three plain words whose last word is a person's surname in
    the document ("Sirtaj Mathauda, a former resident of South Florida" tagged ORG, then
    "Mathauda was sentenced" or "Dilraj Mathauda")."""
    if c.label == "PERSON" or c.from_rule or c.name.casefold() in rules["place_lookup"]:
        return c
    toks = _tokens(c.name)
    if any(_contains(name, toks) or name == toks for _, name, _w in full):
        return replace(c, label="PERSON")
    words = c.name.split()
    if (
        c.label == "ORG"
        and 2 <= len(words) <= 3
        and toks[-1:] in bare
        and all(re.fullmatch(r"[A-Z][a-z’'-]+", w) for w in words)
        and not {w.casefold().strip(".,") for w in words} & rules["org_words"]
        # "Defendant Baktash Fattahi": a role before the name is no given name
        and words[0].casefold().rstrip(".") not in rules["person_titles"] | {"defendant"}
    ):
        return replace(c, label="PERSON")
    return c


def _person_canonical(c, full: list) -> str:
    """The full name a (possibly partial) person name refers to."""
    toks = _tokens(c.name)
    containing = [(s, name, w) for s, name, w in full if _contains(name, toks)]
    # Only maximal names: "Garcia Luna" is itself part of "Genaro Garcia Luna".
    maximal = [f for f in containing if not any(_contains(g[1], f[1]) for g in containing)]
    if not maximal:
        same = [w for s, name, w in full if name == toks]
        return same[0] if same else c.name
    earlier = [f for f in maximal if f[0] < c.start]
    best = max(earlier, key=lambda f: f[0]) if earlier else min(maximal, key=lambda f: f[0])
    firsts = [w for s, name, w in full if name == best[1]]
    return firsts[0]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.casefold() not in _ACRONYM_STOP).upper()


def _acronym_of(name: str, acronym: str) -> bool:
    """ "Full Name (FN)"; also a unit written after its parent body: "Criminal
    Division’s Child Exploitation and Obscenity Section (CEOS)" (three letters or more)."""
    initials = _initials(name)
    return initials == acronym or (len(acronym) >= 3 and initials.endswith(acronym))


def _defined_acronyms(text: str, cands: list, rules: dict) -> dict[str, str]:
    """Acronym -> full name: the rule table, plus "Full Name (FN)" written in the text."""
    table = dict(rules["org_acronyms"])
    for c in cands:
        m = re.match(r"\s*\(([A-Z]{2,8})\)", text[c.end :])
        if c.label == "ORG" and m and _acronym_of(c.name, m.group(1)):
            table[m.group(1)] = c.name
    return table


def _org_canonical(text: str, c, acronyms: dict[str, str]) -> tuple[str, str | None]:
    """Organization canonical name and the acronym written with it, if any."""
    if c.name in acronyms:
        return acronyms[c.name], c.name
    m = re.match(r"\s*\(([A-Z]{2,8})\)", text[c.end :])
    if m and _acronym_of(c.name, m.group(1)):
        return c.name, m.group(1)
    return c.name, None
