"""Who an outcome trigger is about: the defendants of one trigger sentence.

Order of evidence: names in the trigger verb's subject (or, when the subject is
an indictment, jury or office, its object), then a person named before the
trigger in the sentence, then the document's defendant context. The context
holds defendants *introduced* by the release ("identified the defendant as X",
"Defendant X", "X, 45, of Y") and the defendants of the latest outcome, so that
"he", "the defendant", "a Maryland man" or "two men" resolve to them. A lede
naming no one takes the first defendants introduced after it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from casewire import rules as rule_files
from casewire.extract.evidence import doc_text, ents_in
from casewire.extract.mentions import (
    AGE_AFTER,
    census_person_name,
    ends_no_name,
    lower_forms,
    name_shaped,
)
from casewire.extract.mentions import load_rules as mention_rules
from casewire.extract.names import NameIndex
from casewire.extract.quantities import parse_number
from casewire.extract.rosters import ROSTER_CUE, ROSTER_ITEM, ROSTER_NOT, ROSTER_SEP, ROSTER_START

Person = tuple[str, str]  # (canonical, entity_type)
_SUBJ_DEPS = {"nsubj", "nsubjpass"}
_LIST_DEPS = {"compound", "appos", "conj", "flat"}
_CUT_DEPS = {"prep", "relcl", "acl", "advcl", "ccomp", "poss"}


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """Compiled defendant rules from ``rules/outcomes_people.yaml`` (loaded once)."""
    raw = rule_files.load_rules("outcomes_people")
    return {
        "intro": [re.compile(p) for p in raw["introductions"]],
        "age_apposition": re.compile(raw["age_apposition"]),
        "residence_slot": re.compile(raw["residence_slot"]),
        "list_separator": re.compile(raw["list_separator"]),
        "not_apposition": re.compile(raw["not_apposition_before"], re.I),
        "generic": set(raw["generic_words"]),
        "company_words": set(raw["company_words"]),
        "plural": set(raw["plural_words"]),
        "not_name": re.compile(raw["not_name"]),
        "headline_tail": re.compile(raw["headline_tail"]),
        "official": re.compile(raw["official_titles"]),
        "official_list": re.compile(raw["official_list_before"]),
        "official_after": re.compile(raw["official_after"]),
        "case_official": re.compile(raw["case_official_titles"]),
        "non_person_subject": re.compile(raw["non_person_subject"], re.I),
        "alias_before": re.compile(raw["alias_before"], re.I),
        "alias_list_before": re.compile(raw["alias_list_before"]),
        "with_codefendants": set(raw["with_codefendants"]),
        "former": re.compile(raw["former_official"]),
        "leading_title": re.compile(raw["leading_title"]),
        "company_suffix": re.compile(raw["company_suffix"]),
        "not_short_name": set(raw["not_short_name"]),
        "plural_verb": set(raw["plural_verb_words"]),
        "any_party": set(raw["any_party_words"]),
        "indefinite": set(raw["indefinite_words"]),
        "indefinite_det": set(raw["indefinite_determiners"]),
        "tasked": set(raw["tasked_bodies"]),
    }


def clean_name(name: str) -> str | None:
    """A name without headline verbs glued on ("Gerald Goines Sentenced") nor the
    release's dateline before it ("WASHINGTON JPMorgan Chase & Co."); None for non-names."""
    name = rules()["leading_title"].sub("", rules()["headline_tail"].sub("", name).strip())
    first, _, rest = name.partition(" ")
    if rest and first in mention_rules()["dateline_words"] and not rest.split()[0].isupper():
        name = rest
    return None if not name or rules()["not_name"].search(name) else name


def plausible_name(name: str) -> bool:
    """False for headline fragments and codes read as names ("Brooklyn Man Sentenced")."""
    return clean_name(name) is not None


_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP")


def _written_with_age(doc: Doc, name: str) -> bool:
    """Whether the text writes ``name`` followed by an age ("Colton Partin, 21,"); kept per
    document, the check runs for every candidate of every trigger."""
    seen = doc.user_data.setdefault("casewire_aged_names", {})
    if name not in seen:
        text = doc_text(doc)
        seen[name] = any(
            AGE_AFTER.match(text, m.end())
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}", text)
        )
    return seen[name]


def plausible_defendant(
    name: str, doc: Doc, *, civil: bool = False, introduced: bool = False
) -> bool:
    """Whether a defendant candidate can be a person's or company's name in this document.

    Not when it is headline type (every word in capitals, no company suffix: "DRUNKEN
    DRIVER", "SAN CLEMENTE"), a place the tagger tags here more often than a person
    ("Buena Park", "Mission Viejo"), or a single word the document also writes in lower
    case, so a common word ("Landlord", "Attacking", "marijuana"). In a civil matter
    (``civil``) a place can be the party: "Polk County, Fla., has agreed to pay".
    A name the release introduces as a defendant (``introduced``: "identified the
    defendant as Dzenan Camovic, 21") is a person even where the tagger calls it a place.
    """
    if rules()["company_suffix"].search(name):
        return True
    words = _WORD.findall(name)
    if not words:
        return False
    if len(words) > 1 and all(w.isupper() for w in words if len(w) > 1):
        return False
    text = doc_text(doc)
    # a name written with an age ("Colton Partin, 21,") is a person: a place has no age
    introduced = introduced or _written_with_age(doc, name)
    places = doc.user_data.get("casewire_places")
    if places is None:
        places = doc.user_data["casewire_places"] = frozenset(
            w.casefold()
            for e in doc.ents
            if e.label_ in _PLACE_LABELS
            for w in (e.text, *e.text.split())
        )
    if not civil and not introduced and name.casefold() in places:
        as_person = sum(
            e.label_ == "PERSON" and e.text.casefold() == name.casefold() for e in doc.ents
        )
        if as_person < sum(name.casefold() in (e.text.casefold(), *e.text.casefold().split())
                           for e in doc.ents if e.label_ in _PLACE_LABELS):  # fmt: skip
            return False
    if not civil and _only_a_modifier(name, doc):
        return False
    if len(words) > 1 and _headline_words(name, words, text):
        return False
    if len(words) == 1:
        w = words[0]
        if (
            w.isupper()
            and len(w) > 1
            or re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", text)
        ):
            return False
    return True


def _title_case_line(line: str) -> bool:
    """A headline or kicker line: its longer words nearly all capitalized."""
    long = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def _headline_words(name: str, words: list[str], text: str) -> bool:
    """A "name" written only in headline or kicker lines, one of whose later words the body
    writes in lower case ("Pleasantville Serial Rapist": "a serial rapist"; "Violent Spree
    Brooklyn District"): title-case words of a headline, not a person's or company's name."""
    pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])"
    hits = list(re.finditer(pattern, text))
    if not hits:
        return False
    for m in hits:
        lo = text.rfind("\n", 0, m.start()) + 1
        hi = text.find("\n", m.start())  # a name broken over two lines: the first one
        if not _title_case_line(text[lo : hi if hi >= 0 else len(text)]):
            return False
    return any("\n" in m.group(0) for m in hits) or any(
        re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", text) for w in words[1:]
    )


def _only_a_modifier(name: str, doc: Doc) -> bool:
    """Every time the document writes the name, it only qualifies a common noun ("a
    Mission Viejo man", "La Habra police", "Sinaloa Cartel members"): a place or a
    group, not someone who stands trial."""
    text, uses = doc_text(doc), 0
    for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        last = span[-1]
        if not (last.dep_ == "compound" and last.head.pos_ == "NOUN" and last.head.i > last.i):
            return False
        if "\n" in text[m.end() : last.head.idx]:
            return False  # a heading line parsed onto the line under it ("Darren Lopez\nMurder")
        uses += 1
    return uses > 0


def _is_official(text: str, start: int, end: int | None = None) -> bool:
    """A name right after an official title, unless the title is a former one ("former
    Police Officer X" is how releases name officials who are defendants)."""
    before = text[max(0, start - 60) : start]
    # a title closing a listed person's line above ("Kenneth Levin, 68, of New York City,
    # Founder and President" then "Taylor Levin, 33, ...") is that person's, not the next
    # line's; a title wrapped onto the next line ("District Attorney\nJohn Creuzot") stays
    line = before.rfind("\n")
    if line >= 0 and not before[line + 1 :].strip(" \t-–•*"):
        above = text[text.rfind("\n", 0, max(0, start - len(before) + line)) + 1 : start]
        if _WRITTEN_NAME.match(above.lstrip(" \t\n-–•*")):  # "Kenneth Levin, 68, ..."
            before = ""
    if rules()["alias_before"].search(before) or (
        end is not None
        and _one_word(text[start:end])
        and rules()["alias_list_before"].search(text[max(0, start - 80) : start])
    ):
        return True
    if end is not None and rules()["official_after"].match(text, end):
        return True
    title = rules()["official"].search(before)
    if title is None and (listed := rules()["official_list"].search(before)):
        return not re.search(r"\b[Ff]ormer\s+(?:[A-Z][\w.’'-]*\s+){0,4}$", before[: listed.start()])
    return bool(title) and not rules()["former"].search(before)


def names_in(
    doc: Doc, names: NameIndex, start: int, end: int, officials: bool = False
) -> list[tuple[str, str, int, int]]:
    """``(canonical, entity_type, start, end)`` of non-official people/orgs in a char range
    (``officials``: people written after a title too)."""
    out = [
        (m.canonical, m.entity_type, m.mention_start, m.mention_end)
        for m in names.mentions_in(start, end)
    ]
    if not out:
        out = [(text, "person" if label == "PERSON" else "organization", s, e)
               for text, label, s, e in ents_in(doc, start, end)
               if label == "ORG" or (label == "PERSON" and not ends_no_name(text))]  # fmt: skip
    text = doc_text(doc)
    # a name written with an age ("Alina Fonts, 49,") is a person's, whatever the tagger
    # called it: no place or company is given an age
    out = [
        (n, "person" if AGE_AFTER.match(text, e) and " " in n.strip() else t, s, e)
        for n, t, s, e in out
    ]
    cleaned = [(clean_name(n), t, s, e) for n, t, s, e in out if t in ("person", "organization")]
    kept = [
        (n, t, s, e)
        for n, t, s, e in cleaned
        if n and (officials or not _is_official(text, s, e)) and not _residence(text, s, e)
    ]
    return _joined(kept, text)


def _residence(text: str, start: int, end: int) -> bool:
    """A name in the residence slot of an age apposition ("Jane Roe, 27, Mission Viejo,"):
    the town the defendant lives in; not the next person of a list with ages ("Jane Roe, 27,
    John Doe, 31, and ...")."""
    return bool(rules()["residence_slot"].search(text[max(0, start - 60) : start])) and not (
        rules()["age_apposition"].match(text, end)
    )


def _joined(hits: list[tuple[Any, str, int, int]], text: str) -> list[tuple[str, str, int, int]]:
    """Two person names one space apart are one name split by the tagger ("David Wallace
    Chuck Doughty", a nickname whose quote marks the scrape dropped)."""
    out: list[tuple[str, str, int, int]] = []
    for n, t, s, e in hits:
        if out and t == out[-1][1] == "person" and text[out[-1][3] : s] == " ":
            if rules()["official"].search(out[-1][0] + " "):
                out[-1] = (n, t, s, e)  # "Sheriffs Deputy" + "Mark Hebert": a title, then the name
            else:
                out[-1] = (text[out[-1][2] : e], t, out[-1][2], e)
        else:
            out.append((n, t, s, e))
    return out


def _one_word(name: str) -> bool:
    """A nickname-like name of one word: only such a name is read as a later alias of a list
    ("aka Yankee and Yeyo"); a full name there is the next person of a list of people
    ("aka Buju Ramos, Gregory Gooden and ...")."""
    return len(name.split()) == 1


def alias_owner(names: NameIndex, text: str, m: Any) -> Any:
    """The mention an alias belongs to ("Hong Wei Xian, aka Harry Zan": Xian's), else ``m``."""
    lo = max(0, m.mention_start - 25)
    cue = rules()["alias_before"].search(text[lo : m.mention_start])
    if cue is None and _one_word(text[m.mention_start : m.mention_end]):
        lo = max(0, m.mention_start - 80)
        cue = rules()["alias_list_before"].search(text[lo : m.mention_start])
    if cue is None:
        return m
    # the name before the cue, not an earlier alias of the same list
    prev = [
        p
        for p in names.mentions_in(max(0, lo + cue.start() - 80), lo + cue.start())
        if p.mention_end < m.mention_start - 3
    ]
    return prev[-1] if prev else m


@dataclass
class Context:
    """Defendants introduced in a document, by position, plus the latest outcome's."""

    intros: list[tuple[int, tuple[Person, ...]]]
    last: tuple[int, tuple[Person, ...]] = (-1, ())
    known: dict[str, Person | None] = field(default_factory=dict)
    #: people listed in a roster of defendants (see :mod:`casewire.extract.rosters`)
    rostered: frozenset[Person] = frozenset()
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [p for p, _ in self.intros]

    def group(self, count: int | None) -> list[Person]:
        """The defendants a group subject stands for ("all three defendants", "each
        defendant", "two men", "the three officers"): with a number, the latest outcome's
        people or else the people the document introduces as its defendants, when their
        number is that; without one, the latest outcome's people when they are several,
        else the document's defendants when they are several."""
        last = [p for p in self.last[1] if p[1] == "person"]
        # A one-word "name" in a defendant list is a nickname ("Malik Cherry, a.k.a., Euros,
        # 20") or a bare surname, never a defendant of its own.
        members = list(dict.fromkeys(p for _, g in self.intros for p in g
                                     if p[1] == "person" and len(p[0].split()) > 1))  # fmt: skip
        if count is not None:
            return next((g for g in (last, members) if len(g) == count), [])
        return next((g for g in (last, members) if len(g) >= 2), [])

    def opened_in(self, start: int, end: int) -> list[Person]:
        """The people of the roster introduced between ``start`` and ``end`` (a roster
        opens right after its cue's colon), if any."""
        i = bisect.bisect_left(self._starts, start)
        if i < len(self.intros) and self.intros[i][0] <= end:
            group = list(self.intros[i][1])
            if all(p in self.rostered for p in group):
                return group
        return []

    def set_last(self, pos: int, people: list[Person]) -> None:
        self.last = (pos, tuple(people))

    def resolve(
        self,
        pos: int,
        plural: bool,
        count: int | None = None,
        *,
        human: bool = False,
        forward_to: int | None = None,
    ) -> list[Person]:
        """The defendants a generic subject at ``pos`` refers to ("two men": a group of two).

        ``human``: a word for people ("the executives"), never a company of the latest
        outcome. ``forward_to``: a group introduced after ``pos`` counts only up to there."""
        found = self._resolve(pos, plural, human, forward_to)
        if count is None or count == len(found) or (count == 1 and found):
            return found
        # a roster may list fewer than the number charged ("names the following 12
        # individuals as defendants ... three additional defendants remain under seal")
        listed = len(found) >= 2 and all(p in self.rostered for p in found)
        return found if listed and len(found) < count else []

    def _resolve(self, pos: int, plural: bool, human: bool, forward_to: int | None) -> list[Person]:
        i = bisect.bisect_left(self._starts, pos)
        before = self.intros[i - 1] if i > 0 else (-1, ())
        group: tuple[Person, ...]
        last = tuple(p for p in self.last[1] if not human or p[1] == "person")
        if last and self.last[0] >= before[0]:
            return list(last)
        if before[1]:
            group = before[1]
        elif i < len(self.intros) and (forward_to is None or self.intros[i][0] < forward_to):
            group = self.intros[i][1]
        else:
            return []
        return list(group) if plural else list(group[:1])


_WRITTEN_NAME = re.compile(
    r"((?:[A-Z][a-z][\w’'-]*|[A-Z]\.)(?:[ \t]+(?:[A-Z][a-z][\w’'-]*|[A-Z]\.)){1,3}),"
    r"\s*(?:age\s+)?\d{1,2}\b"
)


def _intro_groups(doc: Doc, names: NameIndex) -> list[tuple[int, tuple[Person, ...]]]:
    """Defendants introduced by cue phrases: the names right after the cue, up to sentence end."""
    r, out = rules(), []
    for pattern in r["intro"]:
        for m in pattern.finditer(doc_text(doc)):
            tok = doc.char_span(m.end() - 1, m.end(), alignment_mode="expand")
            end = tok.sent.end_char if tok is not None else m.end() + 200
            hits = names_in(doc, names, m.end(), end)
            # the cue names a defendant, so a rank written before that first name is theirs
            # ("identified the defendant as Police Officer Joseph Moloney, 27")
            first = names_in(doc, names, m.end(), end, officials=True)[:1]
            between = doc_text(doc)[m.end() : first[0][2]] if first else ""
            titled = (
                bool(first)
                and first[0] not in hits
                and re.fullmatch(r"(?:[A-Z][\w.’'-]*[ \t]+){1,4}", between) is not None
                and r["official"].search(between) is not None
                and r["case_official"].search(between) is None  # a prosecutor is no rank
            )
            if titled:
                hits = first + hits
            people = [
                (n, "person")
                for n, t, _, e in hits
                if t == "person" or r["age_apposition"].match(doc_text(doc), e)
            ]
            near = titled or bool(hits) and hits[0][2] - m.end() < 3
            if not near and (written := _WRITTEN_NAME.match(doc_text(doc), m.end())):
                # a name the tagger missed, told as a name by its age ("identified the
                # defendant as Dzenan Camovic, 21, of Flatbush")
                name = clean_name(written.group(1))
                if name:
                    people, near = [(name, "person"), *people], True
            if people and near:
                out.append((m.start(), tuple(dict.fromkeys(people))))
    return out


#: What stands between two items of a list of names with ages, after the age's own comma,
#: semicolon or "and" (see ``age_apposition``): at most items the apposition rule did not
#: read ("Yuliana Garcia (no relation), 17;").
_LIST_GAP = re.compile(r"\s*(?:[^.;\n]{1,80};\s*)*(?:(?:and|or)\s+)?")


def _apposition_groups(doc: Doc, names: NameIndex) -> list[tuple[int, tuple[Person, ...]]]:
    """People written with an age apposition ("John Smith, 45, of Baltimore"), by sentence."""
    r, groups = rules(), {}
    text = doc_text(doc)
    victim_end = -1  # where the last apposition of a victim ended
    for m in names.mentions_in(0, len(text)):
        name = clean_name(m.canonical)
        if m.entity_type not in ("person", "organization") or name is None:
            continue
        age = r["age_apposition"].match(text, m.mention_end)
        if not age:
            continue
        m = alias_owner(names, text, m)
        name = clean_name(m.canonical) or name
        # the next name of a list of victims is a victim too ("killed Carlos Campos-Rivera,
        # 25; Yuliana Garcia, 17; Jacob Montgomery, 19; and ...")
        listed = victim_end >= 0 and _LIST_GAP.fullmatch(text, victim_end, m.mention_start)
        if (
            listed
            or r["not_apposition"].search(text[max(0, m.mention_start - 40) : m.mention_start])
            # "links him to the rapes and killings of Erica Olivia Hernandez, 23, ..."
            or _HARM_BEFORE.search(text[max(0, m.mention_start - 80) : m.mention_start])
        ):
            victim_end = age.end()
            continue
        tok = doc.char_span(m.mention_start, m.mention_end, alignment_mode="expand")
        key = tok.sent.start_char if tok is not None else m.mention_start
        groups.setdefault(key, {"pos": m.mention_start, "people": {}})["people"][
            (name, "person")
        ] = None
    return [(g["pos"], tuple(g["people"])) for g in groups.values()]


def _list_groups(doc: Doc, names: NameIndex) -> list[tuple[int, tuple[Person, ...]]]:
    """Sentences opening with a list of two or more people ("A, B, and C each admitted ...")."""
    out, sep = [], rules()["list_separator"]
    for sent in doc.sents:
        hits = [h for h in names_in(doc, names, sent.start_char, sent.end_char) if h[1] == "person"]
        if len(hits) < 2 or hits[0][2] - sent.start_char > 2:
            continue
        group = [hits[0]]
        for h in hits[1:]:
            if not sep.fullmatch(doc_text(doc), group[-1][3], h[2]):
                break
            group.append(h)
        if len(group) >= 2:
            out.append((sent.start_char, tuple(dict.fromkeys((n, t) for n, t, _, _ in group))))
    return out


def _caption_groups(doc: Doc, names: NameIndex) -> list[tuple[int, tuple[Person, ...]]]:
    """A case caption alone on its line ("State of Texas vs. Curtis Bullock" heading an
    annual report's case story) introduces the person it names: "the defendant" and "he"
    of the story below are theirs."""
    text, out = doc_text(doc), []
    for m in _CAPTION_LINE.finditer(text):
        hits = names_in(doc, names, m.start("name"), m.end("name"))
        if hits and hits[0][2] == m.start("name") and hits[0][3] == m.end("name"):
            # a caption names whom the case is against: a person, whatever the tagger said
            out.append((m.start(), ((hits[0][0], "person"),)))
        elif not hits and census_person_name(name := m.group("name")):
            out.append((m.start(), ((name, "person"),)))
    return out


def _written_as_place(text: str, name: str) -> bool:
    """The text puts ``name`` where a place goes elsewhere ("in New Jersey", "of Central
    Islip"): a residence left in a list, not a listed person the tagger took for a place
    ("Wang Dong, Sun Kailiang, Wen Xinyu")."""
    return re.search(rf"\b(?:in|of|from|at|near|to)\s+{re.escape(name)}\b", text) is not None


_JOB_WORDS = {"Manager", "Owner", "Officer", "Director", "President", "Supervisor",
              "Chairman", "Executive", "Analyst", "Specialist", "Counsel", "Counsels", "Agent",
              "Inspector", "General", "Employee", "Assistant", "Secretary", "Treasurer",
              "Partner", "Member", "Members", "Team", "Chief", "Deputy"}  # fmt: skip
_NOT_LISTED_FIRST_WORDS = {"Operation", "Project", "Case", "Count", "Counts", "Docket"}


#: The rest of a roster line after its name, age and residence: a role or a title.
_LINE_REST = re.compile(r",[^\n;]{1,120}(?=\n)")


def _roster_groups(doc: Doc, names: NameIndex) -> list[tuple[int, tuple[Person, ...]]]:
    """Defendants listed after a colon that says who they are ("The individuals indicted
    include: - Eduardo Franco, 30 - Alexander Wayne Worster, 27 ..."): each item a name,
    read as a person's even where the tagger saw none, as a roster names defendants."""
    r, text, out = rules(), doc_text(doc), []
    officials: set[str] | None = None
    for cue in ROSTER_CUE.finditer(text):
        line_start = text.rfind("\n", 0, cue.start()) + 1
        # the cue's own sentence: "... defrauded thousands of victims across the country.
        # The following individuals were named as defendants:" lists no victims
        sent_start = text.rfind(". ", 0, cue.start()) + 2
        intro = text[max(line_start, sent_start, cue.start() - 200) : cue.end()]
        if ROSTER_NOT.search(intro):
            continue
        pos, people, first = cue.end(), [], True
        while True:
            sep = ROSTER_START.match(text, pos) if first else ROSTER_SEP.match(text, pos)
            item = ROSTER_ITEM.match(text, sep.end()) if sep else None
            if item is None:
                break
            first = False
            pos = item.end()
            opened = text.rfind("\n", 0, item.start()) + 1
            if opened > cue.end() - 1 and not text[opened : item.start()].strip(" \t-–•*"):
                # one item per line ("Kenneth Levin, 68, of New York City, Founder and
                # President"): the rest of a short line says who the item is
                rest = _LINE_REST.match(text, pos)
                pos = rest.end() if rest else pos
            name = clean_name(" ".join(item.group("name").rstrip(".,").split()))
            if officials is None:
                officials = _officials(doc, names)  # built for a document with a roster only
            if name is None or name in officials or len(name.split()) < 2:
                continue
            # a residence or a heading the layout left in the list ("- Anthony Gaines of
            # Newark, New Jersey", "Operation Hard Copy"), or a title ("Senior Program
            # Analyst"): no one listed
            kind = names.entity_type(names.resolve(name) or name)
            if kind == "organization" and r["company_suffix"].search(name):
                people.append((name, "organization"))  # "Kayaba Industry Co. Ltd."
                continue
            if r["official"].search(name + " ") or (
                kind in ("place", "organization") and _written_as_place(text, name)
            ):
                continue
            if name.split()[0] in _NOT_LISTED_FIRST_WORDS or set(name.split()) & _JOB_WORDS:
                continue  # "Plant Manager, Michael William Schott": the title, not the name
            people.append((name, "person"))
        if len(people) >= 2:
            out.append((cue.end(), tuple(dict.fromkeys(people))))
    return out


def build_context(doc: Doc, names: NameIndex) -> Context:
    """The document's introduced defendants, in text order."""
    intros = _intro_groups(doc, names) + _apposition_groups(doc, names) + _list_groups(doc, names)
    rosters = _roster_groups(doc, names)
    intros += _caption_groups(doc, names) + rosters
    intros.sort(key=lambda t: t[0])
    rostered = frozenset(p for _, g in rosters for p in g)
    return Context(intros, known=_known_names(doc, names), rostered=rostered)


def _known_names(doc: Doc, names: NameIndex) -> dict[str, Person | None]:
    """Short forms of the document's non-official names, casefolded: a person's full name
    and surname, a company's name without its legal suffix and its first word ("Viable"
    for "Viable Communications Inc."). A form two names share maps to None."""
    r, text, out = rules(), doc_text(doc), {}
    officials = _officials(doc, names)
    for m in names.mentions_in(0, len(text)):
        name = clean_name(m.canonical)
        if not name or m.canonical in officials:
            continue
        if _residence(text, m.mention_start, m.mention_end):
            continue
        if m.entity_type == "person":
            words = [w for w in name.split() if w.strip(".,") not in ("Jr", "Sr", "II", "III")]
            forms = [name, words[-1]] if words else [name]
        elif m.entity_type == "organization" and r["company_suffix"].search(name):
            base = r["company_suffix"].sub("", name)
            forms = [name, base, base.split()[0]] if base else [name]
        else:
            continue
        for f in dict.fromkeys(forms):
            key = f.casefold()
            if not _short_form(key):
                continue
            if out.get(key, (name, m.entity_type)) != (name, m.entity_type):
                out[key] = None
            else:
                out[key] = (name, m.entity_type)
    return out


def _known_at(doc: Doc, arg: Token, known: dict[str, Person | None]) -> Person | None:
    """The name an untagged argument spells: a bare surname or company short name known
    from elsewhere in the document ("Elgawhary", "Viable", "Lopez- Torres" split by the
    scrape), a known full name, or a full name written with an age ("Asem Elgawhary, 73,")."""
    if not arg.text[:1].isupper() or arg.pos_ not in ("PROPN", "ADJ", "NOUN"):
        return None
    first = arg.i
    while first > 0:
        prev = doc[first - 1]
        if prev.text.endswith("-") or (prev.text[:1].isupper() and doc[first].text == "-"):
            first -= 1
        elif prev.dep_ in ("compound", "flat") and prev.head.i == arg.i and prev.pos_ == "PROPN":
            first -= 1
        else:
            break
    text = doc_text(doc)
    span = " ".join(text[doc[first].idx : arg.idx + len(arg)].split())
    compounds = any(t.dep_ in ("compound", "flat") for t in doc[first : arg.i])
    if compounds and rules()["age_apposition"].match(text, arg.idx + len(arg)):
        name = clean_name(span)
        return (name, "person") if name and all(w[:1].isupper() for w in span.split()) else None
    form = re.sub(r"-\s+", "-", span)
    hit = known.get(form.casefold()) if form.casefold() in known else None
    if hit and hit[1] == "person" and " " not in form:
        return _nearest_bearer(doc, hit, form, arg.idx)
    return hit


#: Capitalized words before a surname that are no given name of another bearer.
_NOT_GIVEN = frozenset(
    "mr mrs ms dr judge justice defendant defendants officer agent detective sgt deputy "
    "brother sister father mother son daughter wife husband co-defendant codefendant "
    "president governor senator mayor sheriff chief director".split()
)


def _nearest_bearer(doc: Doc, known: Person, surname: str, before: int) -> Person:
    """Whom a bare surname stands for: the bearer the text wrote in full last before it.
    The tagger may miss one of two bearers ("WASHINGTON Sirtaj Mathauda, a former resident"
    untagged, "Dilraj Mathauda" tagged later): "Mathauda was sentenced" right after the
    first is his, not the later one's."""
    text, name, lower = doc_text(doc), known[0], lower_forms(doc)[1]
    last = None
    for m in re.finditer(rf"\b([A-Z][a-z]+)[ \t]+(?=({re.escape(surname)})\b)", text[:before]):
        word = m.group(1).casefold()
        given = _token_at(doc, m.start(1))
        if word not in _NOT_GIVEN and word not in lower and given.pos_ == "PROPN":
            last = m  # not "Both Bek and Mahoney"
    if last is None or last.group(1).casefold() in name.casefold().split():
        return known
    return (f"{last.group(1)} {last.group(2)}", "person")


def _is_company_word(tok: Token) -> bool:
    """An indefinite company description ("a packaged-ice manufacturer", "a Texas bank")."""
    return (
        tok.lemma_.lower() in rules()["company_words"]
        # "A company, its president and its auditor": not the company alone
        and not any(c.dep_ in ("conj", "appos", "cc") for c in tok.children)
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)
    )


def _is_generic(tok: Token) -> bool:
    r = rules()
    return tok.lower_ in r["generic"] or tok.lemma_.lower() in r["generic"]


def _counted_group(tok: Token) -> bool:
    """A plural noun with a number ("10 Nevada-certified emissions testers", "five Chinese
    military hackers"): in a release that lists its defendants in a roster, the group the
    roster names."""
    return tok.tag_ == "NNS" and any(c.dep_ == "nummod" and c.like_num for c in tok.children)


_GROUP_DETS = {"each", "all", "both", "the", "these", "those"}


def _group_size(arg: Token) -> tuple[int | None] | None:
    """``(count,)`` when a subject denotes a group of defendants taken together or one by
    one: numbered ("three former officers", "one current and three former soldiers": 4),
    "both men", "all three defendants", "each defendant", "each of the defendants",
    "the defendants"; ``count`` None when no number is written. None for anything else."""
    nouns = [arg, *arg.conjuncts]
    if arg.lower_ in ("each", "all", "both"):
        nouns += [g for c in arg.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    count, group = 0, False
    for n in nouns:
        if n.pos_ not in ("NOUN", "PRON", "NUM") or rules()["non_person_subject"].search(n.text):
            continue
        dets = {c.lower_ for c in n.children if c.dep_ in ("det", "predet")}
        nums = [parse_number(c.text) for c in n.children if c.dep_ == "nummod"]
        if nums and nums[0] and (n.tag_ in ("NNS", "NNPS") or n.pos_ == "NOUN" and nouns[1:]):
            count += int(nums[0])
            group = True
        elif n.lower_ == "both" or "both" in dets:
            count += 2
            group = True
        elif _is_generic(n) and (
            n.lower_ in ("each", "all")
            or dets & _GROUP_DETS
            and n.tag_ in ("NNS", "NNPS")
            or "each" in dets
        ):
            group = True
    if not group or count == 1:
        return None
    return (count or None,)


def _count(tok: Token, trig: Token | None = None) -> int | None:
    """The number written before a generic noun ("two men" -> 2), if any; the number of
    generic nouns joined under a plural verb ("the owner and the manager were ...")."""
    for c in tok.children:
        if c.dep_ == "nummod":
            n = parse_number(c.text.replace(",", ""))
            return int(n) if n is not None else None
    joined = _joined_generics(tok, trig)
    return 1 + len(joined) if joined else None


def _joined_generics(tok: Token, trig: Token | None) -> list[Token]:
    """Generic nouns in conjunction with ``tok`` when the verb is plural ("were", "each")."""
    conj = [c for c in tok.conjuncts if _is_generic(c)]
    if not conj or trig is None:
        return []
    words = {c.lower_ for c in trig.children} | {c.lower_ for c in tok.head.children}
    return conj if words & rules()["plural_verb"] else []


def _is_plural(tok: Token, trig: Token | None = None) -> bool:
    nums = [c for c in tok.children if c.dep_ == "nummod" and c.lower_ not in ("one", "1")]
    return (
        tok.tag_ in ("NNS", "NNPS")
        or tok.lower_ in rules()["plural"]
        or bool(nums)
        or bool(_joined_generics(tok, trig))
    )


def _against(toks: list[Token]) -> list[Token]:
    """Objects of "against" attached to these tokens ("an indictment against X")."""
    return [
        g
        for t in toks
        for c in t.children
        if c.dep_ == "prep" and c.lower_ == "against"
        for g in c.children
        if g.dep_ == "pobj"
    ]


#: Pronoun subjects of "filed ... charges against X": the prosecution (a release's "she"
#: or "he" there is its prosecutor: "she filed charges against over 22 doctors").
_FILERS = frozenset({"it", "we", "they", "she", "he", "i"})


def _arguments(tok: Token) -> list[Token]:
    """Subject (or object, for a jury/judge/indictment subject) tokens and their conjuncts."""
    heads = [tok] + (
        [tok.head] if tok.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp", "amod") else []
    )
    args: list[Token] = []
    adjunct = next(
        (a for a in (tok, *tok.ancestors) if a.lower_ == "according" and a.dep_ == "prep"), None
    )
    if adjunct is not None:
        # "According to charges filed today, KYB conspired ...": the clause's subject
        heads = [adjunct.head]
    if tok.pos_ == "NOUN":
        # "the guilty pleas by Siemens AG and its subsidiary": the agent of a nominal outcome
        args = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
                for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    elif (stranded := _stranded_subject(tok)) is not None:
        args = [stranded]
    elif tok.dep_ == "acl" and tok.lemma_.lower() in _GROUP_CHARGE_VERBS:
        # "Six New Jersey residents were among nine individuals charged today": the counted
        # group itself when no name is said to be in it
        args = _copula_subject(tok.head) or ([tok.head] if _counted_group(tok.head) else [])
    for h in heads if not args else []:
        subj = [c for c in h.children if c.dep_ in _SUBJ_DEPS]
        obj = [c for c in h.children if c.dep_ in ("dobj", "obj")]
        filer = h.lemma_ == "file" and bool(subj) and subj[0].lower_ in _FILERS
        if subj and (filer or rules()["non_person_subject"].search(subj[0].text)):
            # "granted X a new trial" (dative); "found X guilty" (subject of the clause)
            dative = [c for c in h.children if c.dep_ == "dative"]
            clause = [g for c in h.children if c.dep_ in ("ccomp", "xcomp", "oprd")
                      for g in c.children if g.dep_ in _SUBJ_DEPS]  # fmt: skip
            # whoever files charges is the prosecution: "(the office said) it has filed
            # assault charges and hate crime allegations against two men"
            filed = _against([t for t in h.subtree if t.sent == h.sent]) if filer else []
            # "announced the filing of a 69-count complaint against X": the paper's "against"
            papers = [g for o in obj for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"]  # fmt: skip
            against = _against([h, *obj, *subj, *papers])
            args += against or filed or dative + obj or clause or subj[1:]
        else:
            args += subj + obj
        if args:
            break
    for a in list(args):
        args += list(a.conjuncts)
    return args


def _stranded_subject(tok: Token) -> Token | None:
    """The subject of a second clause that the parser hung on the first one's object:
    in "St-Cyr, 50, pleaded guilty on June 27 and Poulin, 41, pleaded guilty on July 11"
    "Poulin" is parsed as a conjunct of the date and the second "pleaded" has no subject.
    A verb conjoined without a subject of its own takes the proper name written right
    before it, after "and" (an age apposition between them is skipped)."""
    if (
        tok.dep_ != "conj"
        or tok.pos_ not in ("VERB", "AUX")
        or any(c.dep_ in _SUBJ_DEPS for c in tok.children)
    ):
        return None
    doc, j = tok.doc, tok.i - 1
    while j > tok.sent.start and doc[j].pos_ == "AUX":
        j -= 1  # "and Poulin was sentenced"
    aged = j > tok.sent.start + 2 and doc[j - 1].like_num
    if aged and (doc[j].text, doc[j - 2].text) == (",", ","):
        j -= 3  # "Poulin, 41,"
    end = j
    while (
        j > tok.sent.start
        and (doc[j].pos_ == "PROPN" or doc[j].text == "-")
        and doc[j].ent_type_ != "DATE"
    ):
        j -= 1
    if end == j or end - j > 4 or doc[j].lower_ != "and" or doc[end].pos_ != "PROPN":
        return None
    return doc[end] if doc[end].head.i != tok.i else None


#: Verbs whose group ("one of 19 defendants charged") is a charging paper's: what the
#: corpus says of a named subject that way is their own charge (67 such subjects counted);
#: "one of 41 people who have been exonerated" in an annual report is background.
_GROUP_CHARGE_VERBS = {"charge", "indict", "arrest", "arraign"}


def _copula_subject(noun: Token) -> list[Token]:
    """The named subject a group noun is said of: "Shipman, Maynard and Harris are three of
    36 defendants charged", "Marmilev and Budovsky were among seven individuals charged",
    "Dunlap is one of 10 defendants charged" (the participle's own head is the group)."""
    n = noun
    while n.dep_ == "pobj" and n.head.lower_ in ("of", "among") and n.head.head.i != n.head.i:
        n = n.head.head
    cop = n.head if n.dep_ == "attr" else n
    if cop.lemma_ != "be" or cop.i == noun.i:
        return []
    return [c for c in cop.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]


def _codefendants(tok: Token) -> list[Token]:
    """Objects of "along with" / "together with" on the trigger ("charged X along with Y"),
    and the person a charging verb's plain "with" names ("Murdoch was indicted with Hugh
    Morgan, 68, ... on one count": "charged with" a crime names no one)."""
    # the prep hangs on the trigger, or on its subject ("Folks and Tanya Smith, along with
    # co-defendants Keith Terry and Sharon Smith, were indicted")
    subjects = [c for c in tok.children if c.dep_ in _SUBJ_DEPS]
    heads = [
        c
        for h in (tok, *subjects)
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in rules()["with_codefendants"]
    ]
    out = [
        g
        for h in heads
        for w in h.children
        if w.lower_ == "with"
        for g in w.children
        if g.dep_ == "pobj"
    ]
    # the parse hangs the names on "along" itself ("along with co-defendants Keith Terry")
    out += [g for h in heads for g in h.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
    if tok.lemma_.lower() in ("indict", "charge", "arrest", "arraign"):
        out += [
            g
            for w in tok.children
            if w.dep_ == "prep" and w.lower_ == "with"
            for g in w.children
            if g.dep_ == "pobj" and g.ent_type_ == "PERSON"
        ]
    return out


def _in_scope(t: Token, arg: Token) -> bool:
    """True when ``t`` reaches ``arg`` without crossing a prepositional or clausal modifier."""
    while t.i != arg.i and t.head.i != t.i:
        if t.dep_ in _CUT_DEPS:
            return False
        t = t.head
    return t.i == arg.i


_OUTCOME_VERBS = {"charge", "indict", "arraign", "convict", "sentence", "acquit"}


def _defendant_slot(arg: Token) -> bool:
    """An argument that only a defendant fills, so a title before its name is the
    defendant's rank, not an official's: the passive subject of an outcome ("Officer X was
    sentenced"), the object of an outcome verb ("a jury convicted Police Sergeant X", "an
    indictment charging former Deputy Y") and the object of "against" ("charges against
    Sgt. Z"), with the names listed with it ("Officer A and former Officers B and C")."""
    while arg.dep_ == "conj" and arg.head.i != arg.i:
        arg = arg.head
    if arg.dep_ == "pobj":
        return arg.head.lower_ == "against"
    if arg.dep_ in ("dobj", "obj"):
        # only an outcome verb's object: "announced Attorney General X" names an official
        return arg.head.lemma_.lower() in _OUTCOME_VERBS
    return arg.dep_ == "nsubjpass"


def _arg_names(
    doc: Doc, names: NameIndex, arg: Token, known: dict[str, Person | None] | None = None
) -> list[Person]:
    """Names an argument denotes: the name it heads, else the people listed in it, else a
    name of the document the tagger missed here."""
    sub = list(arg.subtree)
    hits = names_in(doc, names, sub[0].idx, sub[-1].idx + len(sub[-1]), _defendant_slot(arg))
    scoped = [
        (n, t, s, e)
        for n, t, s, e in hits
        if _in_scope(_token_at(doc, s), arg) and not _qualifier(doc, s, e)
    ]
    if not scoped:
        hit = _known_at(doc, arg, known) if known else None
        if hit is None and (untagged := _untagged_person(arg)):
            return [_remember(known, untagged)]
        return [hit] if hit else []
    own = [(n, t) for n, t, s, e in scoped if s <= arg.idx < e]
    if not own and known and (hit := _known_at(doc, arg, known)):
        return [hit]
    if not own and (untagged := _untagged_person(arg)):
        # "Odell Folks, a resident of Brooklyn, N.Y., and Tanya Smith ... pleaded guilty":
        # the tagger saw the places and the second name, not the first
        own = [_remember(known, untagged)]
    people = [(n, t) for n, t, _, _ in scoped if t == "person"]
    if own:
        # "A, B and C", "Ocean Pro Ltd. and two of its fish buyers, Timothy Lydon ... and
        # Benjamin Clough": the name heading the argument and the people listed with it
        # (a company heading the list is a defendant beside its people)
        # (a company listed among them is one too: "Adib Zeno, Rizk Ali, ... and Syrian
        # Arab Airlines"; an agency is not: ``not_name``)
        listed = [
            (n, t)
            for n, t, s, e in scoped
            if (t == "person" and _listed(_token_at(doc, s), arg))
            or (t == "organization" and _conjoined(doc, s, e, arg))
        ]
        if own[0][1] == "person" or listed:
            return list(dict.fromkeys(own[:1] + listed))
    if not people and (_is_generic(arg) or arg.pos_ == "NOUN"):
        # "a Pasadena man", "a Bechtel executive", "U.S. Army soldiers": a name before a
        # common noun only says what kind; it is no defendant
        scoped = [h for h in scoped if h[2] > arg.idx]
    return people or own[:1] or [(n, t) for n, t, _, _ in scoped[:1]]


def _remember(known: dict[str, Person | None] | None, name: str) -> Person:
    """A person found untagged, made known by full name and surname for the rest of the
    document ("Odell Folks ... pleaded guilty"; then "Folks and Tanya Smith were indicted")."""
    person = (name, "person")
    if known is not None:
        for form in (name, name.split()[-1]):
            if form[:1].isupper() and _short_form(key := form.casefold()):
                known.setdefault(key, person)
    return person


def _short_form(key: str) -> bool:
    """Whether a casefolded name form can stand for its name alone in a document: three
    letters or more and not a word that names no one by itself (``not_short_name``)."""
    return len(key) >= 3 and key not in rules()["not_short_name"]


def _untagged_person(arg: Token) -> str | None:
    """The name an outcome's subject or object spells when the tagger saw no entity there
    ("(DALLAS) – Darrin Ruben Lopez has been convicted", no entity on any word): the
    proper-noun chain the argument heads, read as a person only when it is two to four
    capitalized words, a census given name first and a census surname last."""
    if arg.pos_ != "PROPN" or arg.ent_type_ or arg.dep_ not in _SUBJ_DEPS | {"dobj"}:
        return None
    words = [c for c in arg.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [arg]
    if words[-1].i - words[0].i + 1 != len(words) or any(
        w.ent_type_ or not (w.is_title or re.fullmatch(r"[A-Z]\.", w.text)) for w in words
    ):
        return None
    name = " ".join(w.text for w in words)
    if census_person_name(name):
        return name
    # a name the census lists do not know, written as releases write a person: with a
    # residence or an age ("Eddye Lovely of Tomball, Texas, pleaded guilty", "Edward
    # Gurary, formerly of Orange Village, Ohio,")
    start = arg.idx + len(arg)
    residence = _RESIDENCE_AFTER.match(doc_text(arg.doc)[start : start + 40])
    if residence is None or len(words) < 2 or not name_shaped(words, mention_rules()):
        return None
    if residence.group("place"):
        place = _token_at(arg.doc, start + residence.start("place"))
        if place.ent_type_ not in ("GPE", "LOC", "FAC"):
            return None  # "the former Chief Executive Officer of TierOne Bank"
    lower, titles = lower_forms(arg.doc)[1], mention_rules()["person_titles"]
    if any(w.lower_ in lower or w.lower_.rstrip(".") in titles for w in words):
        return None  # "Victim Dies from Severe Beating": words, not a name
    return name


_RESIDENCE_AFTER = re.compile(
    r",?\s+(?:(?:formerly|currently|also)\s+)?(?:of|from)\s+(?P<place>[A-Z])"
    r"|,\s*(?:age\s+)?\d{1,2},"
    r"|,\s+(?:a|an)\s+(?:former\s+)?(?:resident|citizen|native)\s+of\b"
)


def _name_head(doc: Doc, start: int, end: int) -> Token:
    """The token a name's words hang on (its last word, as a rule)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return _token_at(doc, start)
    return span.root


def _qualifier(doc: Doc, start: int, end: int) -> bool:
    """A name that only says what kind a common noun after it is ("three former U.S. Army
    soldiers", "Two Mexican Mafia Associates", "a Bechtel executive"): the name modifies a
    word outside it that is a common noun, or a plural written in title case (a headline's
    "Associates"): a group or a place, not the defendant."""
    head = _name_head(doc, start, end)
    nxt = head.head
    if head.dep_ not in ("compound", "nmod", "amod") or nxt.i <= head.i or nxt.idx < end:
        return False
    return nxt.pos_ == "NOUN" or nxt.tag_ == "NNPS" or _is_generic(nxt)


_PLACE_PREPS = {"from", "at", "in", "into", "inside", "outside", "near", "to", "on", "within"}


def _oblique(doc: Doc, start: int, end: int) -> bool:
    """A name that is the object of a preposition of place or source ("stole jackets from
    Burberry", "robbed a store in Tustin"): a victim or a place, not who the outcome is for."""
    head = _name_head(doc, start, end)
    return head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS


#: Nouns of a harm done to someone: "the murder of his girlfriend, 16-year-old X".
_HARMS = {"murder", "death", "killing", "shooting", "stabbing", "assault", "rape", "kidnapping",
          "abduction", "beating", "homicide", "manslaughter", "slaying", "robbery", "abuse",
          "molestation", "torture", "strangulation"}  # fmt: skip


_HARM_BEFORE = re.compile(
    rf"\b(?:{'|'.join(sorted(_HARMS))})s?\s+of\s+(?:(?:his|her|their|a|an|the)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:[\w-]+,\s+)?(?:\d{1,3}-year-old\s+)?$",
    re.I,
)


def _harmed(doc: Doc, start: int, end: int) -> bool:
    """A name that is who a harm was done to ("pleaded guilty to the 2022 murder of his
    former girlfriend, 16-year-old Diamond Alvarez"; "the death of X"): a victim, whom a
    trigger's name-before fallback must pass over."""
    if _HARM_BEFORE.search(doc_text(doc)[max(0, start - 80) : start]):
        return True  # the parse often hangs an apposition elsewhere: the words decide
    tok = _name_head(doc, start, end)
    for _ in range(4):
        if tok.dep_ == "pobj" and tok.head.lower_ == "of":
            return tok.head.head.lemma_.lower() in _HARMS
        if tok.dep_ not in ("appos", "compound", "conj") or tok.head is tok:
            return False
        tok = tok.head
    return False


def _known_within(doc: Doc, arg: Token, known: dict[str, Person | None]) -> list[Person]:
    """Known names inside a co-defendant phrase the tagger left untagged ("along with
    Viable and other employees")."""
    hits = (_known_at(doc, t, known) for t in arg.subtree if t.i != arg.i and _in_scope(t, arg))
    return [h for h in hits if h]


def _listed(t: Token, arg: Token) -> bool:
    """True when ``t`` is part of a name listed with ``arg`` ("Smith, Jones and Lee")."""
    while t.i != arg.i and t.head.i != t.i:
        if t.dep_ not in _LIST_DEPS:
            return False
        t = t.head
    return t.i == arg.i


def _conjoined(doc: Doc, start: int, end: int, arg: Token) -> bool:
    """An organization that is itself an item of the list ``arg`` heads (a conjunct, not a
    word of a person's title: "U.S. Army Specialist Richard Garcia"), and no agency."""
    head, text = _name_head(doc, start, end), doc_text(doc)
    return (
        head.dep_ == "conj"
        and _listed(head, arg)
        and not rules()["not_name"].search(text[start:end])
        # an alias list: "Yester Ayala, aka Freeway or Daddy Yankee"
        and not _ALIAS_NEAR.search(text[max(0, start - 60) : start].split(";")[-1])
    )


_ALIAS_NEAR = re.compile(r"\b(?:a/?k/?a|aka|also\s+known\s+as|known\s+as|f/?k/?a)\b", re.I)


def _token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[0]


def _officials(doc: Doc, names: NameIndex, case: bool = False) -> set[str]:
    """Canonical names written at least once after an official title ("Attorney Kim Ogg");
    with ``case``, only a prosecutor's, judge's or agent's title with no "former" just
    before it, and the names cleaned as defendants' are (see :func:`case_officials`)."""
    text = doc_text(doc)
    out = set()
    for m in names.mentions_in(0, len(text)):
        if not case:
            if _is_official(text, m.mention_start, m.mention_end):
                out.add(m.canonical)
            continue
        before = text[max(0, m.mention_start - 60) : m.mention_start]
        title = rules()["case_official"].search(before)
        if title and not re.search(r"\b[Ff]ormer\b", before[: title.start()][-40:]):
            out.add(clean_name(m.canonical) or m.canonical)
    return out


def case_officials(doc: Doc, names: NameIndex) -> set[str]:
    """Who the document titles prosecutor, judge or agent ("District Attorney Kim Ogg"),
    unless "former" comes just before the title: never a defendant here."""
    return _officials(doc, names, case=True)


def _named_after(
    doc: Doc,
    names: NameIndex,
    sent: Span,
    plural: bool,
    count: int | None,
    kind: str = "person",
) -> list[Person]:
    """A lede naming no one ("A Houston man was sentenced"): the people of the first of the
    next three sentences (quotations not counted) that names a non-official person who is
    not whom a harm was done to ("the murder of 15 year old Jordan Edwards");
    with ``kind="organization"`` ("A Cincinnati packaged-ice manufacturer was sentenced"),
    the first company named there that is no public body."""
    if kind == "person" and _named_in_prose(doc, names, sent.start_char):
        return []
    officials, nxt, looked = _officials(doc, names), sent.end, 0
    while looked < 3 and nxt < len(doc):
        s = doc[nxt].sent
        nxt = s.end
        # A quotation ("... ," Ogg said.) is read but not counted among the three.
        looked += not s.text.lstrip().startswith(("“", '"'))
        found_here = names_in(doc, names, s.start_char, s.end_char)
        if kind == "person":
            found_here = sorted(found_here + _aged_untagged(doc, s, found_here), key=lambda h: h[2])
        hits = [(n, t) for n, t, b, e in found_here
                if t == kind and n not in officials and not _oblique(doc, b, e)
                and not (kind == "person" and _harmed(doc, b, e))
                and not (kind == "organization" and rules()["not_name"].search(n))
                and not rules()["not_apposition"].search(
                    doc_text(doc)[max(0, b - 40) : b])]  # fmt: skip
        people = list(dict.fromkeys(hits))
        if people:
            if not plural:
                return people[:1]
            return people[:count] if count is None or len(people) >= count else []
    return []


def person_named_after(doc: Doc, names: NameIndex, sent: Span) -> list[Person]:
    """The person a sentence describes without naming ("a Utah man"), named in one of the
    next three sentences."""
    return _named_after(doc, names, sent, False, None)


def people_named_after(doc: Doc, names: NameIndex, sent: Span, count: int) -> list[Person]:
    """The ``count`` people a sentence describes without naming them ("has sued two Dallas
    tax return preparers"), named together in one of the next three sentences."""
    return _named_after(doc, names, sent, True, count)


def company_named_after(doc: Doc, names: NameIndex, sent: Span) -> list[Person]:
    """The company a lede describes without naming it ("A hospital group based in McAllen,
    Texas, has agreed to pay ..."), named in one of the next three sentences."""
    return _named_after(doc, names, sent, False, None, kind="organization")


def _named_in_prose(doc: Doc, names: NameIndex, end: int) -> bool:
    """Someone is named before ``end`` outside the release's contact lines ("Contact:
    Tasha Tsiaperas", an e-mail or a phone number): a later unnamed lede then refers back
    to them rather than ahead."""
    return any(
        not _on_contact_line(doc, s)
        for n, _, s, _ in names_in(doc, names, 0, end)
        if not n.isupper()  # not a dateline the tagger took for a body ("WASHINGTON")
    )


#: A contact line of a release's header: "Contact: Tasha Tsiaperas", an e-mail address, a
#: phone number, "(Office)".
_CONTACT = re.compile(
    r"\bContacts?\s*:|@[\w-]+\.\w|\(?\b\d{3}\)?[-.\s]\d{3}[-.]\d{4}\b|\(\s*(?:Office|Cell)\s*\)"
)


def _on_contact_line(doc: Doc, pos: int) -> bool:
    """The line holding document char ``pos`` is a contact line of the release's header."""
    text = doc_text(doc)
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    return bool(_CONTACT.search(text[start : end if end >= 0 else len(text)]))


_AGED_NAME = re.compile(
    r"(?<![\w.’'-])([A-Z][a-z’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'-]+){1,2}),\s*(?:age\s+)?\d{1,2},"
)


def _aged_untagged(
    doc: Doc, sent: Span, hits: list[tuple[str, str, int, int]]
) -> list[tuple[str, str, int, int]]:
    """People a sentence introduces with an age whom the tagger left without an entity
    ("Blanca Ruiz, 61, and Alina Fonts, 49, both of Miami, were convicted"): two or three
    capitalized words, a census given name first and a census surname last."""
    taken = [(b, e) for *_, b, e in hits]
    out = []
    for m in _AGED_NAME.finditer(doc_text(doc), sent.start_char, sent.end_char):
        b, e = m.span(1)
        if any(b < e2 and b2 < e for b2, e2 in taken):
            continue
        if census_person_name(m.group(1)):
            out.append((m.group(1), "person", b, e))
    return out


def _full_company(person: Person, known: dict[str, Person | None]) -> Person:
    """A company tagged by its short name ("Brightline") under its full name."""
    full = known.get(person[0].casefold()) if person[1] == "organization" else None
    return full if full and full[1] == "organization" else person


def _ahead(doc: Doc, sent: Span, n: int = 3) -> int:
    """The end of the ``n``-th sentence after ``sent`` (as far as a lede looks ahead)."""
    end = sent.end
    for _ in range(n):
        if end >= len(doc):
            break
        end = doc[end].sent.end
    return doc[end - 1].idx + len(doc[end - 1]) if end > 0 else 0


def _indefinite(tok: Token) -> bool:
    """ "someone", "anyone", "every member (of ...)", "any juvenile": nobody in particular."""
    r = rules()
    return tok.lower_ in r["indefinite"] or any(
        c.dep_ == "det" and c.lower_ in r["indefinite_det"] for c in tok.children
    )


def _generic_those(subj: Token, trig: Token) -> bool:
    """ "those who have been charged (should take responsibility)": the pronoun of a
    relative clause stands for anyone; "four of those who pleaded guilty" is a group."""
    return (
        trig.dep_ == "relcl"
        and subj.i == trig.head.i
        and subj.lower_ == "those"
        and not (subj.dep_ == "pobj" and subj.head.lower_ == "of")
    )


def _nobody(trig: Token) -> bool:
    """The trigger is about nobody who stands trial: its subject is indefinite ("after
    someone is convicted", "those who are charged"), or a public body is "charged with"
    a duty ("a task force charged with conducting a review")."""
    r = rules()
    subj = [c for c in trig.children if c.dep_ in _SUBJ_DEPS]
    if trig.dep_ in ("acl", "relcl"):
        subj = subj if subj and subj[0].lower_ not in ("who", "that") else [trig.head]
    if any(_indefinite(s) or _generic_those(s, trig) for s in subj):
        return True
    return trig.lemma_.lower() == "charge" and any(s.lemma_.lower() in r["tasked"] for s in subj)


_TALLY_WORDS = frozenset({"over", "more", "nearly", "almost", "about", "approximately", "some"})


def defendants(
    doc: Doc, sent: Span, trig_tok: Token | None, trig_start: int, names: NameIndex, ctx: Context
) -> list[Person]:
    """Defendants of one trigger (``trig_start`` is a document char offset)."""
    found: list[Person] = []
    generic: Token | None = None
    group: tuple[int | None] | None = None
    if trig_tok is not None and _nobody(trig_tok):
        return []
    args = _arguments(trig_tok) if trig_tok is not None else []
    # a name on the release's contact line the parse hung on the lede is nobody's subject
    args = [a for a in args if not _on_contact_line(doc, a.idx)]
    for arg in args:
        listed: list[Token] = []
        if arg.lower_ in ("who", "that") and trig_tok is not None and trig_tok.dep_ == "relcl":
            arg = trig_tok.head
            said_of = _copula_subject(arg) if trig_tok.lemma_.lower() in _GROUP_CHARGE_VERBS else []
            if _is_generic(arg) and said_of:
                arg = said_of[0]  # "Mathauda is one of eight men who have been indicted"
            elif arg.dep_ == "appos" and _is_generic(arg):
                arg = arg.head  # "X, a former employee who was also charged": X
            # "A, 27, and B, 27, who pleaded guilty, were sentenced": the clause is both's
            listed = [c for c in arg.conjuncts if c.i < arg.i]
        named = _arg_names(doc, names, arg, ctx.known)
        for c in listed:
            named = _arg_names(doc, names, c, ctx.known) + named
        # headline words the tagger took for a name ("DRIVER", "Kick Box" of a merged
        # headline and lede) are nobody: they must not stand in for the defendant, nor
        # become the antecedent of every later "he"
        named = [p for p in named if p[1] != "person" or plausible_defendant(p[0], doc)]
        if not named and (_is_generic(arg) or (ctx.rostered and _counted_group(arg))):
            generic = generic or arg
        if group is None and arg.dep_ in _SUBJ_DEPS | {"conj"}:
            group = _group_size(arg)
        found += named
    if group is not None and not any(t == "person" for _, t in found):
        # A group subject stands for the document's defendants, not for a company or
        # unit named inside it ("three former U.S. Army soldiers").
        members = ctx.group(group[0])
        if members and (group[0] is not None or not found):
            found = members
    company = next((a for a in args if a.dep_ in _SUBJ_DEPS and _is_company_word(a)), None)
    if not found and company is not None:
        # "A Cincinnati packaged-ice manufacturer was sentenced": the company named next.
        found = _named_after(doc, names, sent, False, None, kind="organization")
    if not found and generic is not None:
        plural, count = _is_plural(generic, trig_tok), _count(generic, trig_tok)
        human = not {w.lower_ for w in (generic, *generic.conjuncts)} & rules()["any_party"]
        # A lone defendant is named nearby; a group may be listed further on.
        ahead = None if plural else _ahead(doc, sent)
        # "charges against over 22 doctors": a group counted as a tally ("over", "more than",
        # "nearly") is nobody the release names
        if plural and any(
            q.dep_ == "quantmod" and q.lower_ in _TALLY_WORDS
            for n in generic.lefts if n.like_num for q in n.lefts
        ):  # fmt: skip
            return []
        # "charges the following defendants with ...:" then the list: the group the
        # sentence's own colon opens, never one introduced before
        following = plural and any(c.lower_ == "following" for c in generic.children)
        colon = doc_text(doc).find(":", generic.idx) if following else -1
        found = (
            (ctx.opened_in(colon, colon + 4) if 0 <= colon - generic.idx <= 200 else [])
            or ctx.resolve(trig_start, plural, count, human=human, forward_to=ahead)
            or _named_after(doc, names, sent, plural, count)
            or ctx.resolve(trig_start, plural, count, human=human)
        )
        if not found:
            return []
    for arg in _codefendants(trig_tok) if trig_tok is not None and found else []:
        found += _arg_names(doc, names, arg, ctx.known) or _known_within(doc, arg, ctx.known)
    if not found:
        hits = [
            h
            for h in names_in(doc, names, sent.start_char, trig_start)
            if h[1] == "person"
            and not _oblique(doc, h[2], h[3])
            and not _harmed(doc, h[2], h[3])
            and plausible_defendant(h[0], doc)
            and not _on_contact_line(doc, h[2])
        ]
        found = [(hits[-1][0], hits[-1][1])] if hits else ctx.resolve(trig_start, False)
    if not found and sent.end < len(doc):
        nxt = doc[sent.end].sent
        found = [
            (n, t)
            for n, t, b, e in names_in(doc, names, nxt.start_char, nxt.end_char)
            if t == "person" and not _oblique(doc, b, e) and not _harmed(doc, b, e)
        ][:1] or _named_after(doc, names, sent, False, None)
    found = _aged_list_mates(doc, names, sent, found)
    return list(dict.fromkeys(_full_company(p, ctx.known) for p in found))


#: Between two names of a list that gives each an age: ", 17, ", ", 20, and ", with the
#: residence after the age (", 46, of Portland, Indiana, and ", ", 31, Tustin, ").
_PLACE_WORDS = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"
#: Semicolons may part the rows, a credential may come before the age, "also" before the
#: residence and a rank before the next name: "Editha Manzano, 70, of Troy, Michigan;
#: Liberty Jaramillo, 67, also of Troy; Roberto Quizon, M.D., 71, of Bloomfield Hills,
#: Michigan; and ...".
_AGED_SEP = re.compile(
    r"(?:,\s*(?:M\.D|D\.O|Ph\.D|D\.D\.S|R\.N|Esq)\.?)?"
    r",\s*(?:age\s+)?\d{1,2}[,;]?\s*"
    rf"(?:(?:also\s+)?(?:of\s+|from\s+)?{_PLACE_WORDS}(?:,\s*{_PLACE_WORDS})?[,;]\s*)?(?:and\s+)?"
    # the next one's rank: "...; former Corporal Christopher Castro, 30, ...; Specialist Paul"
    r"(?:(?:former|then)\s+)?(?:[A-Z][a-z]+\.?\s+){0,3}"
    r"|[,;]\s*(?:and\s+)?|\s+and\s+"
)


def _aged_list_mates(doc: Doc, names: NameIndex, sent: Span, found: list[Person]) -> list[Person]:
    """A found person's mates in the list of people with ages it is part of in this
    sentence ("identified the defendants as Jaziah Waldron, 17, Jahfyah Selassie, 20, Omar
    Jones, 16, and Dylon Val, 15, who have been charged"): the parse makes such a list a
    chain of appositions and the outcome reaches only its ends. Only a list that gives an
    age after at least two of its names counts (a plain "A, B and C" the parse joins)."""
    if not any(t == "person" for _, t in found):
        return found
    text = doc_text(doc)
    # a name with an age is a person's whatever the tagger called it ("Jahfyah Selassie, 20")
    hits = [
        (m.canonical if m.entity_type == "person" else m.text, "person", m.mention_start,
         m.mention_end)
        for m in names.mentions_in(sent.start_char, sent.end_char)
        if m.entity_type == "person"
        or AGE_AFTER.match(text, m.mention_end)
    ]  # fmt: skip
    chains: list[list[tuple[str, str, int, int]]] = []
    for h in hits:
        if chains and _AGED_SEP.fullmatch(text, chains[-1][-1][3], h[2]):
            chains[-1].append(h)
        else:
            chains.append([h])
    out = list(found)
    have = {n for n, _ in found}
    for chain in chains:
        aged = sum(bool(AGE_AFTER.match(text, e)) for *_, e in chain)
        if len(chain) >= 2 and aged >= 2 and have & {n for n, *_ in chain}:
            out += [(n, t) for n, t, _, _ in chain if n not in have]
    return out


#: The party a case is brought in the name of, with its "v.", spaces written ``{s}``.
_PARTY = (
    r"(?:People|State(?:{s}+of{s}+[A-Z][a-z]+)?|United{s}+States|Commonwealth){s}+(?:v\.|vs\.?)"
)
#: A case's caption: "People v. ", "State of Texas v. ", "United States v. ".
_CAPTION = re.compile(r"\b" + _PARTY.format(s=r"\s") + r"\s+")

#: A caption that is its line's whole text, naming one person.
_CAPTION_LINE = re.compile(
    r"(?m)^[ \t]*(?:The[ \t]+)?"
    + _PARTY.format(s=r"[ \t]")
    + r"[ \t]+(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,3})[ \t]*$"
)

#: What a dismissal disposes of: the defendant is whoever it was brought against.
_CASE_NOUNS = {"charge", "case", "indictment", "count", "complaint", "prosecution"}


# What an appellate court or a conviction-review unit disposes of: its owner is the
# defendant, never the court that affirms, overturns or vacates it.
RULING_NOUNS = {"conviction", "sentence", "verdict"}


def dismissal_defendants(
    doc: Doc,
    sent: Span,
    start: int,
    end: int,
    names: NameIndex,
    ctx: Context,
    case_nouns: set[str] | frozenset[str] = frozenset(),
) -> list[Person] | None:
    """Defendants of a dismissal (``start``/``end``: the trigger's document char offsets).

    A dismissal disposes of charges, a case or an indictment; its defendant is whom they
    were brought against, whatever the sentence's subject ("the judge dismissed an
    indictment today against X", "X's case was dismissed", "the case against X was
    dismissed", "dismissed the charges of Y against X"). A bare "the case" / "the charges"
    is the case the release is telling: its latest defendant, else the person named last
    in the two sentences before. Cases counted or unowned ("dismissed 350 cases", "began
    dismissing criminal cases", "had not dismissed a case") are nobody's: an empty list.
    None when the trigger names no such noun (the general finder decides). The same holds
    for a ruling on a conviction or sentence (``case_nouns`` = :data:`RULING_NOUNS`): "the
    Court of Appeal affirmed the conviction", "X's conviction was overturned", "upheld
    the conviction of X"."""
    nouns = [
        t for t in sent
        if start <= t.idx < end and t.pos_ in ("NOUN", "PROPN")
        and t.lemma_.lower() in (case_nouns or _CASE_NOUNS)
    ]  # fmt: skip
    if not nouns:
        return None
    noun = nouns[0]
    verb = noun.head if noun.dep_ in ("dobj", "obj", "nsubjpass", "nsubj") else noun
    owners = [
        g
        for t in dict.fromkeys((noun, verb))
        for c in t.children
        if c.dep_ == "prep" and (c.lower_ == "against" or (c.lower_ == "of" and t is noun)
                                 or (case_nouns and c.lower_ == "for"))
        for g in c.children
        if g.dep_ == "pobj" and (c.lower_ != "for" or g.ent_type_ == "PERSON")
    ]  # fmt: skip
    # "dismissed charges of misdemeanor deadly conduct against X": the "against" of the
    # offence the noun names
    owners += [
        g
        for c in noun.subtree
        if c.dep_ == "prep" and c.lower_ == "against" and c.head.i != noun.i
        and _within_offence(c.head, noun)
        for g in c.children
        if g.dep_ == "pobj"
    ]  # fmt: skip
    for g in owners:
        found = _arg_names(doc, names, g, ctx.known)
        found = [p for p in found if p[1] in ("person", "organization")]
        if found:
            return list(dict.fromkeys(_full_company(p, ctx.known) for p in found))
    if case_nouns and not any(c.dep_ == "nummod" for c in noun.children):
        # a ruling on "the conviction of a former lobbyist", "his conviction", "the
        # defendant's conviction": the person named before it in its sentence ("Pacheco
        # appeared before Justice D'Emic, who vacated his conviction"), else the release's
        # defendant; never the court that rules
        poss = [c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
        poss += [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"
                 and c.ent_type_ == "PERSON"]  # fmt: skip
        named = [_full_company(p, ctx.known) for g in poss[:1]
                 for p in _arg_names(doc, names, g, ctx.known)]  # fmt: skip
        return (
            named
            or _named_before_ruling(doc, names, sent, verb, start)
            or ctx.resolve(start, False)
        )
    caption = _CAPTION.search(doc_text(doc), sent.start_char, sent.end_char)
    if caption is not None:
        # "an example of a felony case that was dismissed is the People v. Steven Flores":
        # the case's caption names whom it was brought against
        named = [(n, t) for n, t, _, _ in names_in(doc, names, caption.end(), sent.end_char)
                 if t in ("person", "organization")][:1]  # fmt: skip
        if named:
            return [_full_company(p, ctx.known) for p in named]
    if any(g.pos_ != "PRON" for g in owners):
        # "charges against a woman who ...", "against former Officer" (a headline), "against
        # one defendant": nobody named there; the sentence that names them gives the row
        return []
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if poss and poss[0].pos_ != "PRON":
        return [_full_company(p, ctx.known) for p in _arg_names(doc, names, poss[0], ctx.known)]
    dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
    counted = any(c.dep_ == "nummod" for c in noun.children) or any(
        c.dep_ == "amod" and c.lower_ in ("many", "several", "numerous") for c in noun.children
    )
    many_cases = noun.lemma_.lower() == "case" and noun.tag_ in ("NNS", "NNPS")
    if counted or (many_cases and not poss) or dets & {"a", "an", "any", "no", "every"}:
        return []
    if any(t.lemma_.lower() == "victim" for c in noun.lefts for t in c.subtree):
        return []  # "the victim's charges were dismissed"
    # a name before the trigger in its own sentence ("People v. Daniel Alvarez - the case was
    # dismissed"), else the release's latest defendant; only "the case" reaches back two
    # sentences ("... the trial of X. The next day, the case was dismissed"): a bare "the
    # charge" there is as often a victim's or a co-defendant's
    # (the subject of an active "X dismissed the case" is the dismisser: not read there)
    passive = noun.dep_ in _SUBJ_DEPS
    return (
        (_named_before(doc, names, sent, start, 0) if passive else [])
        or ctx.resolve(start, False)
        or (_named_before(doc, names, sent, start, 2) if noun.lower_ == "case" else [])
    )


def _within_offence(t: Token, noun: Token) -> bool:
    """``t`` is part of the offence phrase of a case noun ("charges of misdemeanor deadly
    conduct"): reached from the noun through "of" and its object's modifiers only."""
    while t.i != noun.i:
        if t.dep_ not in ("pobj", "prep", "compound", "amod", "nmod") or t.head.i == t.i:
            return False
        if t.dep_ == "prep" and t.lower_ != "of":
            return False
        t = t.head
    return True


def _named_before_ruling(
    doc: Doc, names: NameIndex, sent: Span, verb: Token, start: int
) -> list[Person]:
    """The last person named before a ruling in its sentence, outside the ruling verb's
    subject (the judge or court that rules: "The Honorable Gregg L. Prickett overturned
    the conviction")."""
    subj = [t for c in verb.children if c.dep_ in ("nsubj", "agent") for t in c.subtree]
    subj += [t for c in verb.children if c.dep_ == "agent" for t in c.subtree]
    if verb.dep_ == "relcl":
        subj += list(verb.head.subtree) if verb.head.i < verb.i else []
    lo = [(t.idx, t.idx + len(t)) for t in subj]
    hits = [
        h
        for h in _named_before(doc, names, sent, start, 0)
        if not any(a <= h_s < b for a, b in lo for h_s in [_char_of(doc, h[0], sent, start)])
    ]
    return hits


def _char_of(doc: Doc, name: str, sent: Span, start: int) -> int:
    """The char offset of the last writing of ``name``'s last word before ``start``."""
    text = doc_text(doc)
    return text.rfind(name.split()[-1], sent.start_char, start)


def _named_before(doc: Doc, names: NameIndex, sent: Span, start: int, n: int) -> list[Person]:
    """The last non-official person named before ``start`` in its sentence or in the ``n``
    sentences before it ("... the trial of Jose Luis Tapia. The next day, the case was
    dismissed")."""
    first = sent.start
    for _ in range(n):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    officials = _officials(doc, names)
    hits = [
        (name, t)
        for name, t, b, e in names_in(doc, names, doc[first].idx, start)
        if t == "person" and name not in officials and not _oblique(doc, b, e)
    ]
    return hits[-1:]


#: A name after these words is a place or an institution ("de la ciudad de Fullerton",
#: "en el Condado de ...") in a Spanish release, not a party.
_ES_PLACE_BEFORE = re.compile(
    r"\b(?:ciudad|condado|estado|en|hacia|desde|a\s+trav[eé]s)\s+(?:de\s+|del\s+)?$", re.I
)


#: A line broken inside a sentence (a PDF's or a page's wrapping: "de la ciudad de\nSan
#: Clemente"): the line ends with a comma or a function word, so the break is no boundary.
_ES_BROKEN_LINE = re.compile(
    r"(?:,|\b(?:de|del|la|el|los|las|en|y|a|que|por|con|su|sus|un|una))\n$", re.I
)


def _es_name(name: str) -> str:
    """A name without the "de" of an age or town the tagger ran into ("Liborio Canales, de")."""
    return re.sub(r"^(?:de|del)\s+|,?\s+(?:de|del|de\s+la)$", "", name)


@lru_cache(maxsize=1)
def _es_not_name_words() -> frozenset[str]:
    return frozenset(rule_files.load_rules("outcomes_es")["not_name_words"])


def _es_person(name: str) -> bool:
    """A person's name in a Spanish release: two words or more, each capitalized and not
    all capitals (a headline's words), none a word of ``not_name_words``."""
    stop = _es_not_name_words()
    words = [w for w in re.split(r"[\s,]+", name) if w]
    return (
        len(words) >= 2
        and all(w[:1].isupper() or w.lower() in ("de", "del", "la", "y") for w in words)
        and not any(len(w) > 3 and w.isupper() for w in words)
        and not any(w.lower().strip(".") in stop for w in words)
    )


#: A complement clause naming its subject right away: "anunció hoy que LaQuinton Turner".
_ES_QUE = re.compile(r"\bque\s+(?=[A-Z])")


def spanish_defendants(
    doc: Doc, sent: Span, trigger: str, trig_start: int, names: NameIndex, ctx: Context
) -> list[Person]:
    """Defendants of a trigger in a Spanish sentence, where the English parse gives no
    reliable subject: the person named last before the trigger in its clause ("Liborio
    Canales, de 86 años, se declaró culpable"), every one of them for a plural trigger
    ("X y Y fueron sentenciados"); else the person the trigger governs right after it
    ("el juez sentenció a X"); else the latest defendant ("Fue sentenciado a ...")."""
    text = doc_text(doc)
    # the clause on the trigger's own line: a name on a line above it is a headline's, an
    # author's or a contact's ("Greg Risling\nAdministrador de ...\nUn hombre que se ...")
    clause_start = max(
        (sent.start_char + m.end()
         for m in re.finditer(r";|\n", text[sent.start_char : trig_start])
         if m.group() == ";" or not _ES_BROKEN_LINE.search(text, 0, sent.start_char + m.end())),
        default=sent.start_char,
    )  # fmt: skip
    # "John Creuzot, anunció hoy que X, de 45 años, ha sido condenado": the clause "que"
    # opens is the trigger's, the announcer's name before it is not
    clause_start = max(
        [clause_start] + [m.end() for m in _ES_QUE.finditer(text, clause_start, trig_start)]
    )
    before = [
        (_es_name(n), t)
        for n, t, b, e in names_in(doc, names, clause_start, trig_start)
        if t == "person"
        and not _oblique(doc, b, e)
        and not _ES_PLACE_BEFORE.search(text[max(0, b - 25) : b])
        and _es_person(_es_name(n))
    ]
    plural = bool(re.search(r"[oa]s\b|\bfueron\b|\bson\b|\bhan\b", trigger, re.I))
    if before:
        # the subject opens the clause: "X, de 42 años, de la ciudad de Y, es acusado"
        return list(dict.fromkeys(before)) if plural else [before[0]]
    trig_end = trig_start + len(trigger)
    after = [
        (n, t)
        for n, t, b, _ in names_in(doc, names, trig_end, sent.end_char)
        if t == "person" and b - trig_end <= 2 and _es_person(_es_name(n))
    ]
    if after and re.search(r"[oó]\s+a$", trigger):  # "sentenció a X", "condenó a X"
        return after[:1]
    return ctx.resolve(trig_start, plural)
