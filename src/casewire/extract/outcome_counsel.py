"""Prosecutors and defense attorneys of a document's outcomes.

Press releases name the trial prosecutors in a sentence of their own, usually near
the end: "Assistant U.S. Attorney Jane Roe is prosecuting the case", "The case was
prosecuted by Deputy District Attorney X of the Homicide Unit", "The government is
represented by Trial Attorney Y". Defense attorneys are rarer: "Reyna was represented
by attorney Steve Baric", "defense attorney Z".

Read, per sentence (bounded by our own stops, since the tagger splits at "U.S."):

* **prosecution**: the people named after "prosecuted / handled / tried by" (the last
  two only when a case, matter or prosecution is what is handled), after "the
  government / the United States / the People is represented by", or before "is
  prosecuting / prosecuted the case"; names after "under the supervision of", "with
  the assistance of", "investigated by" and the like are supervisors and agents, not
  the trial prosecutors. The official who announces the outcome is the announcer
  (:mod:`casewire.extract.outcome_announcer`), never read here: only these sentences
  name prosecutors.
* **defense**: the people after "represented / defended by" whose subject is a
  defendant of the document (a name of one of its outcomes, "he", "she", "the
  defendant"), and people titled "defense attorney", "defense lawyer", "public
  defender". A defense attorney applies to the defendant the sentence names, or to
  every defendant when it names none but a pronoun or "the defendant(s)".

Which outcomes a prosecution sentence covers: consecutive prosecution sentences with
no outcome between them are one block; an outcome takes the first block after it (a
release tells its case, then who prosecutes it; a round-up release does so case by
case), or, when none follows, the last block before it.

People are the document's person mentions (canonical names) inside the stretch; a
name an outcome gives as a defendant is never its prosecutor or attorney.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from casewire.records import Evidence, Mention, Outcome, RoleMention

# Sentence stops of our own: a period after two lower-case letters or a digit (not "U.S.",
# not an initial "L."), or a line break.
_STOP = re.compile(r"(?<=[a-z0-9)]{2})[.!?][\"”’]?\s+(?=[A-Z“\"])|\n+")
_BY_PROSECUTION = re.compile(
    r"\b(?:prosecuted|(?P<weak>handled|tried|litigated|prosecuting))\s+by\b", re.I
)
_GOVERNMENT_BY = re.compile(
    r"\b(?:the\s+)?(?:government|United\s+States|People|State|Commonwealth)(?:['’]s\s+case)?"
    r"\s+(?:is|are|was|were|has\s+been|had\s+been)\s+(?:being\s+)?represented\s+by\b",
    re.I,
)
_ACTIVE_PROSECUTION = re.compile(
    r"\b(?:(?:is|are|was|were|has\s+been|have\s+been)\s+(?:prosecuting|handling|trying)|"
    r"prosecuted|handled|tried)\s+(?:the|this|these|both)\s+(?:\w+\s+)?(?:case|cases|matter|"
    r"prosecution)\b",
    re.I,
)
_CASE_WORD = re.compile(r"\b(?:case|cases|matter|prosecution|it|trial|appeal)\b", re.I)
_NOT_CASE = re.compile(r"\binvestigat\w*", re.I)
_DEFENSE_BY = re.compile(r"\b(?:represented|defended)\s+by\b", re.I)
_DEFENSE_TITLE = re.compile(
    r"\b(?:(?:his|her|their)\s+)?(?:defense\s+(?:attorney|lawyer|counsel)|public\s+defender|"
    r"(?:his|her|their)\s+(?:attorney|lawyer))s?,?\s+$",
    re.I,
)
_DEFENDANT_WORD = re.compile(r"\b(?:he|she|they|defendants?)\b", re.I)
_GOVERNMENT_WORD = re.compile(r"\b(?:government|United\s+States|People|State|Commonwealth)\b")
# Where the trial prosecutors' names end: supervisors, assistants, agents follow.
_CUT = re.compile(
    r"\b(?:under\s+the\s+(?:\w+\s+)?(?:supervision|direction|oversight)|supervised\s+by|"
    r"with\s+(?:the\s+)?(?:assistance|help|support)|assisted\s+by|(?:and\s+)?(?:was\s+|were\s+|"
    r"is\s+|are\s+)?investigated\s+by|the\s+investigation|who\s+(?:is|was)\s+(?:a|the)\b|"
    r"formerly|previously|and\s+(?:the|a)\s+(?:case|investigation)\b)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Counsel:
    """People named as one side's counsel in one sentence of a document."""

    role: str  # prosecutor or defense_attorney
    names: tuple[str, ...]  # in-document canonical names, in text order
    evidence: Evidence
    defendants: tuple[str, ...] = ()  # defense: the defendants it is named for (all if empty)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _STOP.finditer(text):
        out.append((start, m.start() + (1 if text[m.start()] in ".!?" else 0)))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if e > s]


# Words of titles the tagger sometimes takes for a name ("First Deputy Bureau Chief").
_TITLE_WORDS = frozenset(
    "assistant assistants attorney attorneys bureau chief chiefs counsel deputy district "
    "executive first general senior special trial unit division section office".split()
)


def _people(mentions: Sequence[Mention], lo: int, hi: int, exclude: set[str]) -> tuple[str, ...]:
    names: list[str] = []
    for m in sorted(mentions, key=lambda m: m.mention_start):
        if m.entity_type != "person" or not lo <= m.mention_start < hi:
            continue
        if all(w.lower().strip(".,") in _TITLE_WORDS for w in m.canonical.split()):
            continue  # a title, not a name
        if m.canonical not in names and m.canonical not in exclude:
            names.append(m.canonical)
    return tuple(names)


def _cut(text: str, lo: int, hi: int) -> int:
    m = _CUT.search(text, lo, hi)
    return m.start() if m else hi


def _evidence(doc_id: str, text: str, s: int, e: int) -> Evidence:
    while e > s and text[e - 1].isspace():
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return Evidence(doc_id, s, e, text[s:e])


def _prosecution(text: str, s: int, e: int, mentions: Sequence[Mention], skip: set[str]):
    """Names of the trial prosecutors one sentence gives, or ()."""
    gov = _GOVERNMENT_BY.search(text, s, e)
    by = gov or _BY_PROSECUTION.search(text, s, e)
    if by is not None and not gov and by.group("weak"):
        subject = text[s : by.start()]
        if not _CASE_WORD.search(subject) or _NOT_CASE.search(subject):
            by = None
    if by is not None:
        return _people(mentions, by.end(), _cut(text, by.end(), e), skip)
    active = _ACTIVE_PROSECUTION.search(text, s, e)
    if active is not None and not _NOT_CASE.search(text, s, active.start()):
        start = max((m.end() for m in _CUT.finditer(text, s, active.start())), default=s)
        return _people(mentions, start, active.start(), skip)
    return ()


def _defense(
    text: str, s: int, e: int, mentions: Sequence[Mention], defendants: set[str]
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(attorneys, the defendants they are named for) of one sentence, or None."""
    by = _DEFENSE_BY.search(text, s, e)
    if by is not None:
        subject = text[s : by.start()]
        if _GOVERNMENT_WORD.search(subject):
            return None
        named = _defendants_named(text, mentions, s, by.start(), defendants)
        if not named and not _DEFENDANT_WORD.search(subject):
            return None
        people = _people(mentions, by.end(), _cut(text, by.end(), e), defendants)
        return (people, named) if people else None
    people = tuple(
        m.canonical
        for m in sorted(mentions, key=lambda m: m.mention_start)
        if m.entity_type == "person"
        and s <= m.mention_start < e
        and m.canonical not in defendants
        and _DEFENSE_TITLE.search(text, max(s, m.mention_start - 40), m.mention_start)
    )
    if not people:
        return None
    return tuple(dict.fromkeys(people)), _defendants_named(text, mentions, s, e, defendants)


def _defendants_named(
    text: str, mentions: Sequence[Mention], lo: int, hi: int, defendants: set[str]
) -> tuple[str, ...]:
    """The defendants a stretch names, by a mention or by their surname ("Reyna" for
    "Ramon Reyna": the tagger often leaves a repeated surname untagged)."""
    found = {m.canonical for m in mentions if lo <= m.mention_start < hi} & defendants
    for d in defendants:
        words = d.split()
        if words and re.search(rf"\b{re.escape(words[-1])}\b", text[lo:hi]):
            found.add(d)
    return tuple(sorted(found))


def find_counsel(
    text: str, doc_id: str, mentions: Sequence[Mention], outcomes: Sequence[Outcome]
) -> list[Counsel]:
    """Every prosecution and defense sentence of the document (module rules)."""
    defendants = {o.defendant for o in outcomes}
    mentions = [m for m in mentions if m.entity_type == "person"]
    out = []
    for s, e in _sentences(text):
        names = _prosecution(text, s, e, mentions, defendants)
        if names:
            out.append(Counsel("prosecutor", names, _evidence(doc_id, text, s, e)))
            continue
        defense = _defense(text, s, e, mentions, defendants)
        if defense is not None:
            out.append(
                Counsel("defense_attorney", defense[0], _evidence(doc_id, text, s, e), defense[1])
            )
    return out


def _blocks(counsel: Sequence[Counsel], outcomes: Sequence[Outcome]) -> list[tuple[int, tuple]]:
    """Prosecution sentences merged into blocks: (start of the block, names in order)."""
    starts = sorted(o.evidence.start_char for o in outcomes)
    blocks: list[tuple[int, int, tuple[str, ...]]] = []  # (start, end, names)
    for c in sorted(counsel, key=lambda c: c.evidence.start_char):
        if c.role != "prosecutor":
            continue
        s = c.evidence.start_char
        if blocks and not any(blocks[-1][1] <= p < s for p in starts):
            start, _, names = blocks[-1]
            blocks[-1] = (start, c.evidence.end_char, tuple(dict.fromkeys(names + c.names)))
        else:
            blocks.append((s, c.evidence.end_char, c.names))
    return [(s, names) for s, _, names in blocks]


def attach_counsel(outcomes: Sequence[Outcome], counsel: Sequence[Counsel]) -> list[Outcome]:
    """The outcomes with their prosecutors and defense attorneys (module rule)."""
    blocks = _blocks(counsel, outcomes)
    out = []
    for o in outcomes:
        at = o.evidence.start_char
        after = [names for s, names in blocks if s >= at]
        before = [names for s, names in blocks if s < at]
        prosecutors = after[0] if after else (before[-1] if before else ())
        defense: list[str] = []
        for c in counsel:
            if c.role == "defense_attorney" and (not c.defendants or o.defendant in c.defendants):
                defense += [n for n in c.names if n not in defense]
        prosecutors = tuple(n for n in prosecutors if n != o.defendant)
        if prosecutors or defense:
            o = replace(o, prosecutors=prosecutors, defense_attorneys=tuple(defense))
        out.append(o)
    return out


def counsel_roles(counsel: Sequence[Counsel]) -> list[RoleMention]:
    """A role row per person of each sentence, its evidence the sentence."""
    return [
        RoleMention(c.evidence.doc_id, "person", name, c.role, None, c.evidence)
        for c in counsel
        for name in c.names
    ]
