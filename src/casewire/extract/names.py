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
from casewire.textnorm import NAME_SUFFIXES, name_key


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
    """The full name a (possibly partial) person name refers to, then the fullest form
    of that name the document writes (:func:`fullest_form`)."""
    return fullest_form(_containing_name(c, full), [w for _s, _n, w in full])


def _containing_name(c, full: list) -> str:
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


#: Words that begin a surname ("Juan de la Cruz" is no fuller "Juan Cruz").
_PARTICLES = frozenset({"de", "la", "van", "von", "del", "da", "di", "le", "mc", "mac"})
#: What joins the parts of one name word: "O'"/"D'" before a surname, a hyphen.
_JOINED = re.compile(r"(?<=\b[OoDd])['’`]\s*(?=\w)|(?<=\w)-(?=\w)")


def name_words(name: str) -> tuple[str, ...]:
    """The words of a person name by :func:`casewire.textnorm.name_key`, a surname's
    "O'" or "D'" kept on it ("Michael O'Shea" -> ("michael", "oshea"), never the initial
    "O." of a "Michael O. Shea"), a hyphenated name one word ("Bella-Larkin" is no
    fuller "Larkin": "Maria Larkin aka Maria Bella-Larkin" writes two names)."""
    return tuple(name_key(_JOINED.sub("", name)).split())


def name_core(toks: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(name words, trailing suffixes): ("john", "smith", "jr") -> (("john", "smith"), ("jr",))."""
    n = len(toks)
    while n > 1 and toks[n - 1] in NAME_SUFFIXES:
        n -= 1
    return toks[:n], toks[n:]


def more_specific(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """``longer`` is a fuller writing of the person name ``shorter``: the same given name
    and surname, ``shorter``'s middle names or initials its own (spelt out or not), or
    middles where ``shorter`` writes none, and more written ("Gordon Snow" -> "Gordon M.
    Snow" -> "Gordon Michael Snow"; "Carl Courtright" -> "Carl Courtright III"). A
    suffix ``shorter`` writes must be ``longer``'s too, so a "Jr." is never read as his
    "Sr." father."""
    (s, s_suf), (lg, l_suf) = name_core(shorter), name_core(longer)
    if len(s) < 2 or len(lg) < len(s) or s[0] != lg[0] or s[-1] != lg[-1]:
        return False
    if s_suf and s_suf != l_suf:
        return False
    if lg[-2] in _PARTICLES and s[-2:-1] != lg[-2:-1]:
        return False  # "Juan de la Cruz" is no fuller "Juan Cruz"
    mids, i, upgraded = lg[1:-1], 0, False
    for w in s[1:-1]:
        while i < len(mids) and not (mids[i] == w or (len(w) == 1 and mids[i][0] == w)):
            i += 1
        if i == len(mids):
            return False
        upgraded |= mids[i] != w
        i += 1
    if len(lg) > len(s) and len(s) > 2:
        return False  # a middle added to written ones: "George W." / "George H. W. Bush"
    return len(lg) > len(s) or upgraded or (bool(l_suf) and not s_suf)


def fullest_form(name: str, full: list[str]) -> str:
    """The fullest writing of the person ``name`` among the document's full names
    ``full`` (written, in text order; :func:`more_specific`): ``name`` itself when there
    is none, or when two differ ("John A. Smith" and "John B. Smith": whose is "John
    Smith" the text does not say)."""
    words = name_words(name)
    longer = {n: w for w in reversed(full) if more_specific(n := name_words(w), words)}
    tops = [n for n in longer if not any(more_specific(m, n) for m in longer)]
    return longer[tops[0]] if len(tops) == 1 else name


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
