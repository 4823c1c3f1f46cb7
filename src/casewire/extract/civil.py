"""The party of a civil matter (settlement, consent decree, civil lawsuit, divestiture).

A civil trigger names its party by the parse, within the trigger's clause: the object of
"a lawsuit/complaint/suit against X", of "a settlement/agreement/consent decree with X",
of "require X to divest", else the subject of the verb that governs the trigger ("X has
agreed to pay", "X entered into a stipulated judgment", "The United States and the city
of Portland reached an agreement"). The government bringing the matter (the United
States, the Justice Department, a state's attorney general, a DA's office) is never the
party. Unlike a criminal defendant, the party may be a place: a county, a city, a state,
a territory, a school district.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from casewire.extract.evidence import doc_text
from casewire.extract.names import NameIndex
from casewire.extract.outcome_people import (
    Person,
    clean_name,
    company_named_after,
    names_in,
    people_named_after,
    person_named_after,
)
from casewire.extract.quantities import parse_number

# Triggers of the ``other`` type that are not civil matters: their defendant is found the
# criminal way (mistrial, parole, new trial, diversion, probation revoked, execution).
NOT_CIVIL = re.compile(
    r"mistrial|parole|new\s+trial|diversion|probation|put\s+to\s+death|exonerat|conviction|"
    r"sentence|verdict",
    re.I,
)

# The plaintiff side: whoever brings or announces the matter.
_GOVERNMENT = re.compile(
    r"^(?:the\s+)?(?:United\s+States(?:\s+of\s+America)?|U\.\s?S\.|US|America|government|"
    r"(?:U\.\s?S\.\s+)?(?:Justice\s+)?Department(?:\s+of\s+Justice)?|DOJ|"
    r"[\w.’' ]*\b(?:Division|Section|Office|Department|Attorney|Commission|Bureau|Prosecutor|"
    r"Agency|Administration)s?|EPA|"
    r"(?:District|City|State|U\.\s?S\.)\s+Attorney.*|Attorney\s+General.*|"
    r"(?:it|we|they|he|she|its|our|parties|prosecutors?|department|division|office|"
    r"government|state|states))$",
    re.I,
)
# A common noun that heads a public body's name ("the city of Portland", "Newark Public
# Schools", "Pima Community College", "Polk County").
_BODY_HEAD = {"city", "county", "state", "town", "township", "village", "borough",
              "district", "commonwealth", "territory", "parish", "municipality"}  # fmt: skip
# A legal suffix alone is what is left of a name the tagger cut ("EUSA Pharma (USA) Inc.").
_SUFFIX_ONLY = re.compile(r"^(?:Inc|Corp|Co|LLC|Ltd|LP|LLP|PLC|N\.?A)\.?$", re.I)
_PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP")
_SUBJ = {"nsubj", "nsubjpass"}
# Dependencies a walk up from the trigger crosses to reach the verb whose subject is the
# party ("has agreed to pay": pay -> agreed; "entered into a stipulated judgment":
# stipulated -> judgment -> into -> entered).
_UP = {"xcomp", "conj", "pobj", "prep", "dobj", "amod", "compound", "aux", "auxpass",
       "advcl", "acl", "nmod", "attr", "pcomp"}  # fmt: skip
# Nouns and verbs whose "against"/"with" object is the party.
_MATTER = re.compile(
    r"^(?:lawsuits?|suits?|cases?|complaints?|actions?|claims?|settlements?|agreements?|decrees?|"
    r"judgments?|orders?|injunctions?|settle[sd]?|settling|resolve[sd]?|resolving|filed|"
    r"files|file|filing|reached|reach|entered|enter|signed|brought|counterclaims?)$",
    re.I,
)


def is_civil(trigger_text: str) -> bool:
    return not NOT_CIVIL.search(trigger_text)


def government(name: str) -> bool:
    """The plaintiff or announcing side ("the United States", "the Justice Department")."""
    return bool(_GOVERNMENT.match(" ".join(name.split())))


def civil_parties(doc: Doc, sent: Span, start: int, end: int, names: NameIndex) -> list[Person]:
    """Parties of the civil trigger at document chars ``[start, end)`` (``[]`` when the
    parse names none in the clause)."""
    toks = [t for t in sent if start <= t.idx < end]
    if not toks:
        return []
    for group in [_objects(toks), *_subject_levels(toks)]:
        found: list[Person] = []
        for arg in group:
            found += [p for p in _names(doc, arg, names)
                      if not government(p[0]) and not _SUFFIX_ONLY.match(p[0])]  # fmt: skip
        if found:
            return list(dict.fromkeys(found))
    # "asked a federal court to permanently bar a Utah man from ...": the person the next
    # sentences name ("The complaint alleges that Kevin Hamblin ...")
    objects = _objects(toks)
    if any(_described(o) for o in objects):
        return [p for p in person_named_after(doc, names, sent) if not government(p[0])]
    # "has sued two Dallas tax return preparers, seeking to bar them": the people the next
    # sentences name together ("The civil injunction suit alleges that Ricardo Solomon and
    # Leslie Mosley ...")
    for o in objects:
        count = _counted(o)
        if count:
            found = people_named_after(doc, names, sent, count)
            return [p for p in found if not government(p[0])]
    return []


def _counted(tok: Token) -> int | None:
    """The number of a counted plural party ("two Dallas tax return preparers": 2)."""
    if tok.tag_ != "NNS":
        return None
    for c in tok.children:
        if c.dep_ == "nummod" and c.like_num:
            n = parse_number(c.text.replace(",", ""))
            return int(n) if n and 1 < n < 20 else None
    return None


def _described(tok: Token) -> bool:
    """A party told by a common noun with an indefinite article ("a Utah man", "A hospital
    group based in McAllen")."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                      for c in tok.children)  # fmt: skip


#: A civil trigger told by its party's own verb ("X and Y have agreed to resolve", "X will
#: pay $3 million to settle"): its party is the subject before it.
_PARTY_VERB = re.compile(r"^(?:agreed|agrees?|paid|pays?|settled|will\s+pay)\b", re.I)


def companies_before(doc: Doc, sent: Span, start: int, end: int, names: NameIndex) -> list[Person]:
    """The companies named before a civil trigger told by its party's verb, when the parse
    gave that verb no usable subject ("Cardiovascular testing disease laboratories Health
    Diagnostics Laboratory Inc. (HDL), of Richmond, Virginia, and Singulex Inc. ... have
    agreed to resolve allegations": the parse makes "laboratories" a verb): every
    organization of the clause before the trigger that is not the government."""
    trigger = doc_text(doc)[start:end]
    if not _PARTY_VERB.match(trigger):
        return []
    before = list(dict.fromkeys(
        (n, t) for n, t, _, _ in names_in(doc, names, sent.start_char, start)
        if t == "organization" and not government(n) and not _SUFFIX_ONLY.match(n)
    ))  # fmt: skip
    if before:
        return before
    # "A hospital group based in McAllen, Texas, has agreed to pay": the company the next
    # sentences name
    subj = _subjects([t for t in sent if start <= t.idx < end])
    if any(_described(s) for s in subj):
        return [p for p in company_named_after(doc, names, sent) if not government(p[0])]
    return []


def fallback_allowed(doc: Doc, sent: Span, start: int, end: int) -> bool:
    """Whether the criminal defendant finder may name a civil trigger's party: only when
    the trigger's subject is a word that refers back to one ("the company", "they", "the
    defendants"), not the government, a document ("the settlement") or nothing."""
    toks = [t for t in sent if start <= t.idx < end]
    objs = [o for o in _objects(toks) if o.lower_ in _BACKREF]
    subj = _subjects(toks)
    return bool(objs) or (bool(subj) and all(s.lower_ in _BACKREF for s in subj))


_BACKREF = {"company", "companies", "corporation", "firm", "defendant", "defendants", "they",
            "he", "she", "who", "which", "that", "county", "city", "district", "owner",
            "owners", "entities", "landlord", "landlords", "bank", "hospital", "laboratory",
            "university", "both"}  # fmt: skip


def _chain(tok: Token) -> list[Token]:
    """The trigger token and its heads up to the governing clause's verb."""
    out = [tok]
    while tok.dep_ in _UP and tok.head.i != tok.i and len(out) < 8:
        tok = tok.head
        out.append(tok)
    return out


def _objects(toks: list[Token]) -> list[Token]:
    """ "against X" / "with X" on a matter word of the trigger or its chain; "require X to
    divest" (the object of a verb with an infinitive complement)."""
    chain = list(dict.fromkeys(t for tok in toks for t in _chain(tok)))
    # "the stipulated judgment requires TJX to pay": the verb the matter is the subject of
    chain += [t.head for t in chain if t.dep_ == "nsubj" and t.head.lemma_.lower() == "require"]
    # a matter noun the trigger verb governs ("reached a settlement ... with X")
    chain += [c for t in chain for c in t.children if c.dep_ in ("dobj", "attr", "nsubjpass")
              and _MATTER.match(c.text) and c not in chain]  # fmt: skip
    # "entered a consent decree of permanent injunction against X": the matter a matter
    # noun is "of"
    chain += [g for t in chain if _MATTER.match(t.text) for c in t.children
              if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
              if g.dep_ == "pobj" and _MATTER.match(g.text) and g not in chain]  # fmt: skip
    # "a complaint seeking to permanently bar X from preparing returns": the enjoining verb
    # the matter asks for
    chain += [x for t in chain if t.lemma_.lower() in ("seek", "ask") for x in t.children
              if x.dep_ == "xcomp" and x.lemma_.lower() in _ENJOIN and x not in chain]  # fmt: skip
    # "filed a civil lawsuit today in Memphis federal court to stop X": the purpose of the
    # filing
    chain += [x for t in chain if t.lemma_.lower() == "file" for x in t.children
              if x.dep_ in ("xcomp", "advcl") and x.lemma_.lower() in _ENJOIN
              and x not in chain]  # fmt: skip
    out: list[Token] = []
    # a trigger that ends on the preposition naming the party ("the filing of a complaint
    # in U.S. District Court for the District of Arizona against X", "announced a settlement
    # under the Americans with Disabilities Act with X"), wherever it attaches
    for t in toks:
        if t.dep_ == "prep" and t.lower_ in ("against", "between", "with") and t.i == toks[-1].i:
            out += _prep_objects(t)
    for t in chain:
        if t.lemma_.lower() in _ENJOIN:
            # "permanently barred X from preparing returns"
            out += [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        if not _MATTER.match(t.text) and t.lemma_.lower() not in ("require", "pay"):
            continue
        # "its suit filed on behalf of a service member against X": the "against" of the
        # clause that tells the matter noun's filing
        heads = [t, *(c for c in t.children if c.dep_ in ("acl", "relcl")
                      and c.lemma_.lower() in ("file", "bring"))]  # fmt: skip
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("against", "with", "between"):
                    out += _prep_objects(c)
        if t.lemma_.lower() == "require":
            out += [c for c in t.children if c.dep_ in ("dobj", "nsubj") and c.i > t.i
                    and any(x.dep_ in ("xcomp", "ccomp") for x in t.children)]  # fmt: skip
    # "a settlement to resolve allegations that the city of Selma, Texas, violated Title
    # VII": who the allegations say did it (a pronoun there refers to the clause's subject)
    for t in toks:
        if t.lower_ == "allegations":
            out += [g for c in t.children if c.dep_ in ("acl", "ccomp", "relcl")
                    for g in c.children if g.dep_ in ("nsubj", "nsubjpass")
                    and g.pos_ != "PRON"]  # fmt: skip
    return _with_conjuncts(out)


def _prep_objects(prep: Token) -> list[Token]:
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    # the parse left the preposition without its object ("against Knight Protective
    # Service Inc." ending a sentence): the proper noun after it
    nxt = prep.doc[prep.i + 1] if prep.i + 1 < len(prep.doc) else None
    if not objs and nxt is not None and nxt.pos_ == "PROPN":
        objs = [nxt]
    return objs


_ENJOIN = {"bar", "enjoin", "prohibit", "shut", "stop", "order", "sue"}


def _subjects(toks: list[Token]) -> list[Token]:
    """The subject of the nearest verb on the trigger's chain that has one."""
    levels = _subject_levels(toks)
    return levels[0] if levels else []


def _subject_levels(toks: list[Token]) -> list[list[Token]]:
    """The subjects of the verbs on the trigger's chain, nearest first: a party is the first
    that names one ("The city of Shreveport has agreed to make upgrades to reduce overflows
    and pay a civil penalty": the parse gives "pay" the subject "upgrades")."""
    out: list[list[Token]] = []
    for tok in toks:
        chain = _chain(tok)
        while (
            chain[-1].dep_ == "ccomp"
            and any(t.dep_ == "conj" for t in chain)
            and chain[-1].head.i != chain[-1].i
            and len(chain) < 12
        ):
            chain += _chain(chain[-1].head)  # a complement clause the parse made of a conjunct
        for t in chain:
            subj = [c for c in t.children if c.dep_ in _SUBJ]
            if subj:
                out.append(_with_conjuncts(subj))
        if out:
            return out
    return out


def _with_conjuncts(args: list[Token]) -> list[Token]:
    out = list(args)
    for a in args:
        out += [c for c in a.conjuncts if c not in out]
    return out


def _names(doc: Doc, arg: Token, names: NameIndex) -> list[Person]:
    """The person, organization or public body an argument denotes."""
    if _place_modifier(doc, arg):
        return []
    if arg.pos_ == "NOUN":
        # "his business, Lot Associates Inc.": the name in apposition to a common noun
        appos = [c for c in arg.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if appos:
            return _names(doc, appos[0], names)
    sub = [t for t in arg.subtree if not _cut(t, arg)]
    if not sub:
        return []
    lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
    own = [(n, t) for n, t, s, e in names_in(doc, names, lo, hi) if s <= arg.idx < e]
    if own:
        # the tagger's span cut short ("Capital" of "Capital One, N.A."): the name's words
        run = _run(doc, arg)
        if own[0][1] == "organization" and run.text.startswith(own[0][0]):
            return [(clean_name(run.text) or own[0][0], "organization")]
        return own[:1]
    ent = next((e for e in doc.ents if e.start <= arg.i < e.end), None)
    if ent is not None and ent.label_ in (*_PLACE_LABELS, "ORG", "PERSON"):
        name = clean_name(ent.text)
        if name:
            kind = "person" if ent.label_ == "PERSON" else "organization"
            return [(name, kind)]
    if arg.lower_ in _BODY_HEAD:
        # "the city of Portland", "the state of Arizona"
        of = [g for c in arg.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in c.children if g.dep_ == "pobj" and g.text[:1].isupper()]  # fmt: skip
        if of:
            end = of[0].i + 1
            while (
                end < len(doc)
                and doc[end].dep_ in ("compound", "flat")
                or (
                    end < len(doc)
                    and doc[end].head.i == of[0].i
                    and doc[end].text[:1].isupper()
                    and doc[end].dep_ not in ("punct", "appos", "prep", "cc", "conj")
                )
            ):
                end += 1
            return [(doc[arg.i : end].text, "organization")]
    if arg.pos_ == "PROPN" and not arg.ent_type_:
        # a company the tagger missed ("The TJX Companies"): the proper-noun phrase it heads
        words = _run(doc, arg)
        name = clean_name(words.text)
        if name and all(w.text[:1].isupper() or not w.is_alpha for w in words):
            return [(name, "organization")]
    # a name inside the argument's own phrase ("two St. Louis landlords, Hezekiah and ...")
    hits = _not_modifier(doc, names_in(doc, names, lo, hi))
    return hits[:1] if arg.pos_ == "PROPN" else [h for h in hits if h[1] == "person"][:2]


def _run(doc: Doc, arg: Token) -> Span:
    """The run of name words around ``arg`` within its phrase ("The TJX Companies")."""
    inside = {t.i for t in arg.subtree}
    first = last = arg.i
    while first - 1 in inside and _name_word(doc[first - 1]):
        first -= 1
    while last + 1 in inside and _name_word(doc[last + 1]):
        last += 1
    return doc[first : last + 1]


def _name_word(t: Token) -> bool:
    return t.text[:1].isupper() or t.text in ("&", "-", "of")


def _cut(t: Token, arg: Token) -> bool:
    """``t`` hangs on ``arg`` through a clause or a preposition (not part of its name)."""
    while t.i != arg.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "acl", "advcl", "ccomp", "prep") and t.lower_ != "of":
            return True
        t = t.head
    return False


def _place_modifier(doc: Doc, arg: Token) -> bool:
    """``arg`` lies in a place name that modifies a common noun after it: "a Garden City,
    Kan. tax preparer", "a Durant, Mississippi, woman", "a Queens-based company", where the
    party is the preparer or the woman (named in an apposition or elsewhere), never the
    town. A company's name so placed is a modifier only after "a" ("a Loveland company")."""
    ent = next((e for e in doc.ents if e.start <= arg.i < e.end), None)
    if ent is None or ent.label_ not in (*_PLACE_LABELS, "ORG"):
        return False
    return _modifies_noun(doc, ent.start, ent.end, ent.label_ == "ORG")


def _modifies_noun(doc: Doc, lo: int, hi: int, org: bool) -> bool:
    def place(t: Token) -> bool:
        return t.text == "," or t.ent_type_ in ("GPE", "LOC")

    while lo > 0 and place(doc[lo - 1]):
        lo -= 1
    while hi < len(doc) and (place(doc[hi]) or doc[hi].text == "-" or doc[hi].lower_ == "based"):
        hi += 1
    if hi >= len(doc) or doc[hi].pos_ != "NOUN" or not doc[hi].text.islower():
        return False
    return not org or (lo > 0 and doc[lo - 1].lower_ in ("a", "an"))


def _not_modifier(doc: Doc, hits: list[tuple[str, str, int, int]]) -> list[Person]:
    """The names of ``hits`` that are no place modifying a noun ("a Newberry County, South
    Carolina, woman")."""
    out: list[Person] = []
    for n, t, s, e in hits:
        span = doc.char_span(s, e, alignment_mode="expand")
        place = span is not None and span.root.ent_type_ in ("GPE", "LOC")
        if span is None or not _modifies_noun(doc, span.start, span.end, not place):
            out.append((n, t))
    return out
