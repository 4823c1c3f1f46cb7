"""People of the court named on outcomes (judges, prosecutors, defense attorneys),
resolved to people, so outcomes can carry ``judge_entity_id``, ``prosecutor_entity_ids``
and ``defense_attorney_entity_ids``.

The rule below is written for judges and holds for each role alike (:data:`ROLES`):
a prosecutor's or attorney's name is compared with the names the document gives that
role first, then with any person's, and across documents within one court.

An outcome's judge is read as written ("Stein", "Sidney Stein", "Sidney H. Stein"),
often by surname alone. Two passes give it the fullest name the sources support:

* **within a document**, the judge takes the full name of a person the same document
  names with the same surname and compatible given names (:func:`compatible`): a
  judge's title ("U.S. District Judge Sidney H. Stein"), another outcome's judge, or
  any tagged person name. Judges' names come before other people's, names written
  before the outcome before later ones, and the nearest earlier one decides among
  incompatible names ("Judge Stein" after "Sidney H. Stein" -> "Sidney H. Stein");
* **across documents**, in one court (the coarse jurisdiction of
  :func:`casewire.resolve.cases.jurisdiction_key`; an outcome without a court takes
  its defendant's only jurisdiction, as cases do), full names with the same surname
  and compatible given names are one judge, named by the most complete of them
  ("Sidney Stein" -> "Sidney H. Stein"), and a surname left alone joins the court's
  only judge of that surname. A name compatible with two different judges of a court
  stays as it is. Without a known court nothing is joined across documents.

Names are compared on :func:`casewire.textnorm.name_key` words, titles and suffixes
("Judge", "Hon.", "Jr.") set aside.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from casewire.records import DocExtraction, Outcome
from casewire.resolve.cases import jurisdiction_key
from casewire.textnorm import NAME_SUFFIXES, name_key

_TITLES = frozenset(
    "judge judges justice hon honorable the chief district senior magistrate circuit "
    "superior supreme court county federal us united states assistant deputy attorney "
    "attorneys trial special prosecutor defense public defender lawyer counsel ada ausa da "
    "dda".split()
)

#: Role -> the names an outcome gives for it, as written.
ROLES: dict[str, Callable[[Outcome], tuple[str, ...]]] = {
    "judge": lambda o: (o.judge,) if o.judge else (),
    "prosecutor": lambda o: o.prosecutors,
    "defense_attorney": lambda o: o.defense_attorneys,
}
#: The roles outcomes list (several people each): ``<role>_names``/``<role>_entity_ids``.
COUNSEL_ROLES = ("prosecutor", "defense_attorney")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name split for comparison: given-name words and the surname, both name keys."""

    given: tuple[str, ...]
    surname: str

    @classmethod
    def parse(cls, name: str) -> PersonName | None:
        words = name_key(name).split()
        while words and (words[0] in _TITLES or words[:2] == ["u", "s"]):  # "U.S." is "u s"
            del words[: 2 if words[0] == "u" else 1]
        while len(words) > 1 and words[-1] in NAME_SUFFIXES:
            words.pop()
        return cls(tuple(words[:-1]), words[-1]) if words else None

    @property
    def full(self) -> bool:
        """A given name as well as the surname."""
        return bool(self.given)


def same_word(a: str, b: str) -> bool:
    """Equal words, or an initial and a word it begins ("h" / "harold")."""
    return a == b or (min(len(a), len(b)) == 1 and a[0] == b[0])


def compatible(a: PersonName, b: PersonName) -> bool:
    """Same surname, and given names that can be one person's: the first given names
    agree (a word or its initial) and so do the middle names both give; a missing
    given or middle name agrees with any ("Stein" ~ "Sidney Stein" ~ "S. H. Stein")."""
    if a.surname != b.surname:
        return False
    if not a.given or not b.given:
        return True
    if not same_word(a.given[0], b.given[0]):
        return False
    return all(same_word(x, y) for x, y in zip(a.given[1:], b.given[1:], strict=False))


def _completeness(name: str) -> tuple:
    """Sort key: more words first, then longer, then alphabetical (deterministic)."""
    return (-len(name_key(name).split()), -len(name), name)


@dataclass(slots=True)
class _Candidate:
    start: int
    name: str
    judge: bool  # named in the role (a judge's title, an outcome's judge)
    parsed: PersonName = field(init=False)

    def __post_init__(self) -> None:
        self.parsed = PersonName.parse(self.name) or PersonName((), "")


def _whole_cut_names(x: DocExtraction, written: Callable[[Outcome], tuple[str, ...]]) -> list:
    """Names the reader cut at an apostrophe ("Matthew D" of "Matthew D’Emic"), written
    whole in the text: the tagger often misses such names, the text has them."""
    out = []
    for o in x.outcomes:
        for name in written(o):
            parsed = PersonName.parse(name)
            if parsed is not None and parsed.full and len(parsed.surname) == 1:
                pattern = re.escape(name.strip()) + r"['’][A-Z][\w-]+"
                out += [
                    _Candidate(m.start(), m.group(0), True)
                    for m in re.finditer(pattern, x.document.text)
                ]
    return out


def _candidates(x: DocExtraction, role: str = "judge") -> list[_Candidate]:
    written = ROLES[role]
    out = [_Candidate(r.evidence.start_char, r.canonical, True) for r in x.roles if r.role == role]
    out += [_Candidate(o.evidence.start_char, n, True) for o in x.outcomes for n in written(o)]
    out += [
        _Candidate(m.mention_start, m.canonical, False)
        for m in x.mentions
        if m.entity_type == "person"
    ]
    out += _whole_cut_names(x, written)
    return [c for c in out if c.parsed.full]


def in_document_name(written: str, at: int, candidates: Sequence[_Candidate]) -> str:
    """The fullest name ``written`` (a judge named at offset ``at``) has in its document."""
    own = PersonName.parse(written)
    if own is None:
        return written
    if own.full and len(own.surname) == 1:  # cut at an apostrophe: "Matthew D" (D'Emic)
        start = " ".join((*own.given, own.surname)) + " "
        cut = [c for c in candidates if name_key(c.name).startswith(start)]
        return min(cut, key=lambda c: (abs(c.start - at), c.name)).name if cut else written
    fits = [c for c in candidates if compatible(c.parsed, own)]
    fits = [c for c in fits if c.judge] or fits
    if not fits:
        return written
    earlier = [c for c in fits if c.start <= at]
    anchor = max(earlier, key=lambda c: c.start) if earlier else min(fits, key=lambda c: c.start)
    family = [c.name for c in fits if compatible(c.parsed, anchor.parsed)]
    if own.full:
        family.append(written)
    return min(family, key=_completeness)


@dataclass(frozen=True)
class CourtNames:
    """The person each outcome's judge (or prosecutor, or attorney: ``role``) is, by name,
    and the names that are one person."""

    #: (doc_id, evidence start, name as written) -> the name the person's entity goes by
    names: dict[tuple[str, int, str], str]
    #: pairs of full names of one person (across documents), to be one entity
    joins: tuple[tuple[str, str], ...] = ()
    role: str = "judge"

    def names_for(self, o: Outcome) -> tuple[str, ...]:
        """The outcome's people of this role as person names (in its order, no repeats)."""
        at = (o.doc_id, o.evidence.start_char)
        found = (self.names.get((*at, w), w) for w in ROLES[self.role](o))
        return tuple(dict.fromkeys(found))

    def name_for(self, o: Outcome) -> str | None:
        """The first of :meth:`names_for` (an outcome's judge), or None when it names none."""
        return next(iter(self.names_for(o)), None)


#: Judges' names, as :func:`resolve_judges` gives them.
JudgeNames = CourtNames


def resolve_judges(extractions: Sequence[DocExtraction]) -> CourtNames:
    """Resolve every outcome's judge (see the module rule)."""
    return resolve_people(extractions, "judge")


def resolve_people(extractions: Sequence[DocExtraction], role: str) -> CourtNames:
    """Resolve every outcome's people of ``role`` within its document, then across one
    court's documents (see the module rule)."""
    written = ROLES[role]
    courts = _defendant_courts(extractions)
    local: dict[tuple[str, int, str], str] = {}
    by_court: dict[tuple[str, str], set[str]] = defaultdict(set)  # (court, surname) -> names
    court_of: dict[tuple[str, int, str], str | None] = {}
    for x in extractions:
        if not any(written(o) for o in x.outcomes):
            continue
        candidates = _candidates(x, role)
        for o in x.outcomes:
            for w in written(o):
                key = (o.doc_id, o.evidence.start_char, w)
                local[key] = name = in_document_name(w, o.evidence.start_char, candidates)
                court = jurisdiction_key(o.court) or courts.get(_defendant(o))
                court_of[key] = court
                parsed = PersonName.parse(name)
                if court is not None and parsed is not None:
                    by_court[(court, parsed.surname)].add(name)
    merged: dict[tuple[str, str], dict[str, str]] = {
        k: _one_court(names) for k, names in sorted(by_court.items())
    }
    names, joins = {}, set()
    for key, name in local.items():
        court, parsed = court_of[key], PersonName.parse(name)
        final = name
        if court is not None and parsed is not None:
            final = merged[(court, parsed.surname)].get(name, name)
        names[key] = final
        if final != name and parsed is not None and parsed.full:
            joins.add((name, final))
    return CourtNames(names, tuple(sorted(joins)), role)


def _one_court(names: Iterable[str]) -> dict[str, str]:
    """Name -> the judge's fullest name, for one court's names of one surname."""
    ordered = sorted(set(names), key=_completeness)
    parsed = {n: PersonName.parse(n) for n in ordered}
    heads: list[str] = []
    out: dict[str, str] = {}
    for n in ordered:
        if not parsed[n].full:
            continue
        fits = [h for h in heads if compatible(parsed[h], parsed[n])]
        if len(fits) == 1:
            out[n] = fits[0]
        elif not fits:
            heads.append(n)
    for n in ordered:
        if not parsed[n].full and len(heads) == 1:
            out[n] = heads[0]
    return out


def _defendant(o: Outcome) -> tuple[str, str]:
    return (o.defendant_type, name_key(o.defendant))


def _defendant_courts(extractions: Sequence[DocExtraction]) -> dict[tuple[str, str], str]:
    """Each defendant's jurisdiction, when all their outcomes with a court share one."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for x in extractions:
        for o in x.outcomes:
            if (court := jurisdiction_key(o.court)) is not None:
                seen[_defendant(o)].add(court)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
