"""Event mentions: typed triggers with date, place, participants and modality.

The vocabulary is ``rules/events.yaml``. For each trigger (verb lemma, noun
lemma or phrase) one event per type per sentence is read:

* participants: the trigger's subject/object/passive subject/agent, or for a
  noun its possessor ("Garcia Luna’s conviction", "conviction of X") or the
  subject of the verb governing it ("X faced a trial"); pronouns and definite
  descriptions resolve through :class:`casewire.extract.roles.Who`. Events
  with no participant are not emitted, except a definite or not yet asserted
  sentencing, conviction or trial ("the sentencing", "trial is set for May"),
  whose defendant :func:`align_with_outcomes` takes from the document's outcomes
  (none there: the event is dropped);
* legal events then take their defendants (and dates) from the legal outcome
  read in the same sentence (:func:`align_with_outcomes`);
* date: the date phrase (``casewire.extract.dates.find_dates``) nearest to the
  trigger inside the trigger's clause (its subtree without conjoined clauses);
* place: the first place mention inside that clause;
* modality: negated, scheduled, requested, potential, hypothetical, else asserted.

``office_held`` events come from :func:`casewire.extract.roles.positions`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from casewire import rules as rule_files
from casewire.extract.dates import date_precision, find_dates
from casewire.extract.evidence import doc_text, doc_tokens, sent_at, sentence_evidence, span_text
from casewire.extract.names import NameIndex
from casewire.extract.roles import Who, make_who, positions
from casewire.records import (
    Document,
    EventMention,
    Evidence,
    Mention,
    Outcome,
    Participant,
    RoleMention,
)

_LEGAL_DEFAULT = frozenset({"sentencing", "conviction", "trial"})


@lru_cache(maxsize=1)
def load_rules() -> dict:
    """``rules/events.yaml`` plus lemma -> type lookups (read once per process)."""
    rules = rule_files.load_rules("events")
    rules["verb_types"], rules["noun_types"] = {}, {}
    for etype, spec in rules["types"].items():
        for lemma in spec.get("verbs", []):
            rules["verb_types"].setdefault(lemma, etype)
        for lemma in spec.get("nouns", []):
            rules["noun_types"].setdefault(lemma, etype)
    return rules


_MATCHERS: dict[int, PhraseMatcher] = {}


def _phrase_matcher(vocab: Vocab) -> PhraseMatcher:
    """Phrase triggers compiled once per vocabulary (i.e. once per process)."""
    key = id(vocab)
    if key not in _MATCHERS:
        matcher = PhraseMatcher(vocab, attr="LOWER")
        for etype, spec in load_rules()["types"].items():
            phrases = spec.get("phrases", [])
            if phrases:
                matcher.add(etype, [Doc(vocab, words=p.split()) for p in phrases])
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


def extract_events(doc: Doc, document: Document, names: NameIndex) -> list[EventMention]:
    """Event mentions of one document, in text order."""
    rules, who = load_rules(), make_who(doc, names)
    out, seen = [], set()
    for etype, trigger in _triggers(doc, rules):
        key = (etype, trigger.sent.start)
        if key in seen:
            continue
        event = _event(doc, document, who, etype, trigger, rules)
        if event is not None:
            seen.add(key)
            out.append(event)
    out += _office_events(doc, document, who)
    return sorted(out, key=lambda e: (e.evidence.start_char, e.event_type))


def _triggers(doc: Doc, rules: dict) -> list[tuple[str, Token]]:
    """``(event_type, trigger token)`` for every verb, noun and phrase trigger."""
    found = []
    for tok in doc_tokens(doc):
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in rules["verb_types"]:
            found.append((rules["verb_types"][lemma], tok))
        elif tok.pos_ in ("NOUN", "PROPN") and lemma in rules["noun_types"]:
            found.append((rules["noun_types"][lemma], tok))
    matcher = _phrase_matcher(doc.vocab)
    for match_id, start, end in matcher(doc):
        found.append((doc.vocab.strings[match_id], doc[start:end].root))
    return sorted(found, key=lambda x: (x[1].i, x[0]))


def _event(
    doc: Doc, document: Document, who: Who, etype: str, trigger: Token, rules: dict
) -> EventMention | None:
    spec = rules["types"][etype]
    sent = sent_at(doc, trigger.i)
    if spec.get("require") and spec["require"] not in span_text(sent).lower():
        return None
    clause = _clause(trigger)
    place = _place(clause, who, etype)
    if spec.get("require_place") and place is None:
        return None
    people = _participants(trigger, spec, who, set(rules["possessor_verbs"]))
    modality = _modality(trigger, rules["modality"])
    # "the sentencing", "sentencing is set for May 5": about the release's defendant, whom
    # :func:`align_with_outcomes` names when the document's outcomes have exactly one.
    unnamed = etype in _LEGAL_DEFAULT and (_definite(trigger) or modality != "asserted")
    if not people and not unnamed:
        return None
    date = _date(document, clause, trigger)
    governor = next((a for a in trigger.ancestors if a.pos_ == "VERB"), None)
    if date is None and trigger.pos_ != "VERB" and governor is not None:
        # "she said in her closing argument on 15 February": the date sits on the verb.
        date = _date(document, _clause(governor), trigger)
    span = _trigger_span(trigger)
    return EventMention(
        doc_id=document.doc_id,
        event_type=etype,
        trigger=span.text,
        date=date[0] if date else None,
        date_precision=date[1] if date else None,
        date_end=None,
        place=place,
        modality=modality,
        participants=tuple(people),
        evidence=sentence_evidence(document.doc_id, span),
    )


def _trigger_span(trigger: Token) -> Span:
    # "closing argument" reads better than "argument"; other compounds are noise.
    left = trigger.i
    if trigger.i > 0 and trigger.doc[trigger.i - 1].lower_ == "closing":
        left -= 1
    return trigger.doc[left : trigger.i + 1]


def _definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children)


_OUTSIDE = frozenset({"conj", "nsubj", "nsubjpass", "csubj", "relcl"})


def _clause(trigger: Token) -> list[Token]:
    """The trigger's own clause: no conjoined clause, subject or relative clause."""
    skip = {t.i for c in trigger.children if c.dep_ in _OUTSIDE for t in c.subtree}
    return [t for t in trigger.subtree if t.i not in skip]


def _participants(trigger: Token, spec: dict, who: Who, verbs: set[str]) -> list[Participant]:
    """Mentions in the trigger's subject/object/agent/possessor slots, with roles."""
    slots: list[tuple[Token, str]] = []
    passive = any(c.dep_ == "auxpass" for c in trigger.children)
    deps = {
        "nsubj": spec.get("passive" if passive else "subject"),
        "dobj": spec.get("object"),
        "nsubjpass": spec.get("passive"),
        "dative": spec.get("object"),
    }
    kids = list(trigger.children)
    if trigger.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in kids):
        kids += [c for c in trigger.head.children if c.dep_.startswith("nsubj")]
    for c in kids:
        if deps.get(c.dep_):
            slots.append((c, deps[c.dep_]))
        elif c.dep_ == "agent" and spec.get("agent"):
            slots += [(g, spec["agent"]) for g in c.children if g.dep_ == "pobj"]
        elif spec.get("possessor") and (
            c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of")
        ):
            slots += (
                [(c, spec["possessor"])]
                if c.dep_ == "poss"
                else [(g, spec["possessor"]) for g in c.children if g.dep_ == "pobj"]
            )
    if not slots and trigger.pos_ != "VERB" and spec.get("possessor"):
        slots += _governor_subject(trigger, spec, verbs)
    out = []
    for tok, role in slots:
        for m in who.people(tok):
            if m.entity_type in ("person", "organization"):
                p = Participant(m.entity_type, m.canonical, role)
                if p not in out:
                    out.append(p)
    return out


def _governor_subject(noun: Token, spec: dict, verbs: set[str]) -> list[tuple[Token, str]]:
    """Subject of the verb that has ``noun`` as object: "X faced a trial", "X took bribes".

    Only verbs from ``possessor_verbs`` (or the type's ``giver_verbs``) count: in
    "Y described the sentencing" Y is not the one sentenced. The verb that
    governs the noun decides; its subject may sit higher up when the verb has
    none of its own (:func:`_controller`): "convicted of taking bribes",
    "exploited his position, accepting bribes", "his involvement in accepting
    bribes". A giver verb ("the cartel paid Y bribes") gives its subject the
    type's ``subject`` role and its indirect object the ``possessor`` role.
    """
    verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return []
    lemma = verb.lemma_.lower()
    givers = set(spec.get("giver_verbs", ()))
    if lemma in givers and spec.get("subject"):
        role = spec["subject"]
        out = [(c, spec["possessor"]) for c in verb.children if c.dep_ == "dative"]
    elif lemma in verbs:
        role, out = spec["possessor"], []
    else:
        return []
    subj = _controller(verb)
    return ([(subj, role)] if subj is not None and subj.i != noun.i else []) + out


_CONTROLLED = frozenset({"conj", "advcl", "xcomp", "pcomp"})


def _controller(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the clause it hangs from when it has none.

    Climbs conjoined verbs, adverbial/open clauses and gerunds after a
    preposition ("of taking", "in accepting"); a gerund after a noun's
    preposition takes the noun's possessor ("Garcia Luna’s involvement in
    accepting"). Relative clauses and finite clauses stop the climb: they have
    subjects of their own.
    """
    v = verb
    for _ in range(4):
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if v.dep_ not in _CONTROLLED or v.head.i == v.i:
            return None
        head = v.head
        if v.dep_ == "pcomp":  # "of taking": the preposition's head
            if head.head.i == head.i:
                return None
            head = head.head
            if head.pos_ in ("NOUN", "PROPN"):
                return next((c for c in head.children if c.dep_ == "poss"), None)
        if head.pos_ not in ("VERB", "AUX"):
            return None
        v = head
    return None


#: Prepositions that say where something happened ("arrested in Texas", "a federal jury
#: in Manhattan", "at the Santa Ana courthouse").
_WHERE = frozenset({"in", "at", "inside", "near"})
#: ... and, for a move or an extradition, where to ("relocated to the United States").
_DESTINATION = {"relocation": frozenset({"to", "from"}), "extradition": frozenset({"to", "from"})}


def _place(clause: list[Token], who: Who, etype: str = "") -> str | None:
    """The first place of the clause told as where ("in Texas", "a jury in Manhattan"):
    never a home town ("Smith, 34, of Dallas"), a party ("defraud the United States")
    or a title ("U.S. Attorney")."""
    for tok in clause:
        m = who.names.mention_at(tok.idx)
        if m is not None and m.entity_type == "place" and _located(tok, etype):
            return m.canonical
    return None


def _located(tok: Token, etype: str) -> bool:
    """``tok`` is part of the object of a locative preposition."""
    for _ in range(4):
        if tok.dep_ == "pobj":
            return tok.head.lower_ in _WHERE | _DESTINATION.get(etype, frozenset())
        if tok.dep_ not in ("compound", "amod", "nmod", "appos", "npadvmod") or tok.head is tok:
            return False
        tok = tok.head
    return False


def _date(document: Document, clause: list[Token], trigger: Token) -> tuple[str, str] | None:
    """The date phrase nearest the trigger within its clause: ``(iso, precision)``."""
    if not clause:
        return None
    doc = trigger.doc
    lo = min(t.idx for t in clause)
    hi = max(t.idx + len(t) for t in clause)
    inside = {t.idx for t in clause}
    best = None
    for start, end, value in find_dates(doc_text(doc)[lo:hi], document.published_date):
        tok = doc.char_span(lo + start, lo + end, alignment_mode="expand")
        if tok is None or tok[0].idx not in inside:
            continue
        dist = abs(tok[0].i - trigger.i)
        if best is None or dist < best[0]:
            best = (dist, (value.iso, value.precision))
    return best[1] if best else None


def _modality(trigger: Token, spec: dict) -> str:
    """First matching modality from ``rules/events.yaml``; default asserted."""
    near = [*trigger.children, *(g for c in trigger.children for g in c.children)]
    governors = [trigger, *list(trigger.ancestors)[:3]]
    if any(t.lower_ in spec["negated"]["children"] and not _verdict_word(t) for t in near):
        return "negated"
    # "If convicted, he faces ...": the conviction itself is conditional, whatever the
    # verb it hangs on says of the sentence
    marks = spec["hypothetical"].get("marks", ())
    if any(c.dep_ == "mark" and c.lower_ in marks for c in trigger.children):
        return "hypothetical"
    for name in ("scheduled", "requested", "potential", "hypothetical"):
        rule = spec[name]
        past_ok = name != "potential"  # "faced a trial" happened; "faces a maximum" may not
        if any(
            g.lemma_.lower() in rule.get("governors", ())
            and (past_ok or g.tag_ not in ("VBD", "VBN"))
            for g in governors[1:]
        ):
            return name
        if any(
            c.lower_ in rule.get("aux", ())
            for g in governors
            for c in g.children
            if c.dep_ in ("aux", "auxpass")
        ):
            return name
        if any(
            c.lower_ in rule.get("marks", ())
            for g in governors
            for c in g.children
            if c.dep_ == "mark"
        ):
            return name
    return "asserted"


def _verdict_word(tok: Token) -> bool:
    """The "not" of a "found not guilty" verdict: an acquittal's own words, no negation."""
    doc = tok.doc
    return (
        0 < tok.i < len(doc) - 1
        and doc[tok.i - 1].lower_ == "found"
        and doc[tok.i + 1].lower_ == "guilty"
    )


def _office_events(doc: Doc, document: Document, who: Who) -> list[EventMention]:
    """Positions held as ``office_held`` events spanning ``date``..``date_end``."""
    out = []
    for person, title, sent, vfrom, vto in positions(doc, who):
        out.append(
            EventMention(
                doc_id=document.doc_id,
                event_type="office_held",
                trigger=title,
                date=vfrom,
                date_precision="year" if vfrom else None,
                date_end=vto,
                place=None,
                modality="asserted",
                participants=(Participant(person.entity_type, person.canonical, "office_holder"),),
                evidence=sentence_evidence(document.doc_id, sent),
            )
        )
    return out


#: Event types a legal outcome tells, and the outcome types that tell each: the sentence
#: of a "sentencing" event that holds a ``sentenced`` outcome is about that outcome's
#: defendant, found by the outcome extractor's own coreference and clause reading.
OUTCOME_TYPES_OF_EVENT = {
    "arrest": ("charged",),
    "charge": ("charged",),
    "conviction": ("convicted", "pleaded_guilty"),
    "plea": ("pleaded_guilty",),
    "sentencing": ("sentenced",),
    "acquittal": ("acquitted",),
    "trial": ("convicted", "acquitted"),
}
#: Legal events whose day is not their outcome's: an arrest is not the charge's day, a
#: trial not the verdict's.
_OWN_DATE = frozenset({"arrest", "trial"})
#: Roles that are never whom a legal event is about, however the parse hangs them.
_OFFICIAL_ROLES = frozenset({"judge", "prosecutor", "defense_attorney", "investigator", "victim"})


def align_with_outcomes(
    events: Sequence[EventMention],
    outcomes: Sequence[Outcome],
    roles: Sequence[RoleMention],
    mentions: Sequence[Mention] = (),
) -> list[EventMention]:
    """Events whose defendants agree with the document's legal outcomes.

    A legal event (:data:`OUTCOME_TYPES_OF_EVENT`) in a sentence that an outcome's
    evidence covers takes that outcome's defendants, those of an outcome of its own
    type first, else those of any outcome there, in place of the defendants its own
    slots gave; an asserted event of the outcome's own type (but an arrest or a
    trial, whose days are their own) takes the outcome's decision date too (none when
    the outcome has none: the outcome reader ties a date to its outcome only where the
    text does).

    Elsewhere, a defendant (or the person who moved or fled) who is one of the
    document's officials (a judge, prosecutor, defence lawyer, investigator or victim
    by a role of the document, or an outcome's judge or announcer) and no outcome's
    defendant is dropped, so is an organization as a legal event's defendant that none
    of the document's outcomes names when it has some ("MS-13", "E.D. Cal"), and a
    legal event with no defendant left (its slots named none: "sentencing is set for
    May 5") takes the release's main defendant: of the defendants its outcomes name,
    the one with the most mentions (``mentions``), the first on a tie.

    Everywhere, a victim is dropped from any role; an undated asserted legal event
    (but an arrest or a trial) takes the date of its defendants' outcome of its type
    (:func:`_dated_by_outcome`); an event left with no participant is dropped."""
    defendants = {o.defendant for o in outcomes}
    victims = {r.canonical for r in roles if r.role == "victim"} - defendants
    officials = {r.canonical for r in roles if r.role in _OFFICIAL_ROLES}
    officials |= {n for o in outcomes for n in (o.judge, o.announcer, *o.prosecutors) if n}
    officials -= defendants
    # the release's main defendant: of its outcomes' defendants, the most mentioned
    told_of = list(dict.fromkeys((o.defendant_type, o.defendant) for o in outcomes))
    times = Counter(m.canonical for m in mentions)
    main = max(told_of, key=lambda p: times[p[1]], default=None)
    out = []
    for e in events:
        if any(p.canonical in victims for p in e.participants):
            # "Jordan Edwards's trial", "the testimony of Jorge Diaz": a victim takes no part
            kept = tuple(p for p in e.participants if p.canonical not in victims)
            e = replace(e, participants=kept)
        wanted = OUTCOME_TYPES_OF_EVENT.get(e.event_type)
        here = [o for o in outcomes if _covers(o.evidence, e.evidence)] if wanted else []
        same = [o for o in here if o.outcome_type in wanted] if wanted else []
        told = same or here
        if told:
            people = list(dict.fromkeys((o.defendant_type, o.defendant) for o in told))
            named = {n for _, n in people}
            others = [
                p for p in e.participants if p.role != "defendant" and p.canonical not in named
            ]
            e = replace(
                e, participants=(*(Participant(t, n, "defendant") for t, n in people), *others)
            )
            if same and e.modality == "asserted" and e.event_type not in _OWN_DATE:
                dates = {o.decision_date for o in same}
                if len(dates) == 1 and dates != {None}:
                    (date,) = dates
                    e = replace(e, date=date, date_precision=date_precision(date))
                elif dates == {None}:
                    e = replace(e, date=None, date_precision=None)
        else:
            kept = tuple(
                p
                for p in e.participants
                if not (p.role in ("defendant", "person") and p.canonical in officials)
                # "MS-13", "E.D. Cal": an organization no outcome of a release that has
                # outcomes names is a gang, a court or an agency, not the one charged
                and not (
                    wanted
                    and p.role == "defendant"
                    and p.entity_type == "organization"
                    and told_of
                    and p.canonical not in defendants
                )
            )
            if wanted and main and not any(p.role == "defendant" for p in kept):
                kind, name = main
                kept = (Participant(kind, name, "defendant"),
                        *(p for p in kept if p.canonical != name))  # fmt: skip
            if not kept:
                continue
            e = replace(e, participants=kept)
        if wanted and e.modality == "asserted" and e.date is None and e.event_type not in _OWN_DATE:
            e = _dated_by_outcome(e, wanted, outcomes)
        out.append(e)
    return out


def _dated_by_outcome(
    e: EventMention, wanted: tuple[str, ...], outcomes: Sequence[Outcome]
) -> EventMention:
    """An undated asserted legal event takes the decision date of its defendants'
    outcome of its own type, read elsewhere in the document ("Kieu ... was indicted on
    one felony count of torture" under a headline and lede that say "today"), when
    their outcomes give one date."""
    who = {p.canonical for p in e.participants if p.role == "defendant"}
    dates = {
        o.decision_date
        for o in outcomes
        if o.defendant in who and o.outcome_type in wanted and o.decision_date
    }
    if len(dates) != 1:
        return e
    (date,) = dates
    return replace(e, date=date, date_precision=date_precision(date))


def _covers(outer: Evidence, inner: Evidence) -> bool:
    return outer.start_char <= inner.start_char < outer.end_char
