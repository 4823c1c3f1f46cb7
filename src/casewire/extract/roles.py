"""Roles entities play in a document, from titles, appositives and syntax.

Sources, each driven by ``rules/roles.yaml``:

* titles written before a name ("District Judge Brian Cogan" -> judge);
* appositives after a name ("Anne Milgram, the head of ..." -> official);
* dependency patterns: passive subjects/objects of "sentence", "convict", ...
  (defendant), subjects of "testify" and names listed as "witnesses"
  (witness), agents of "led by" (leader), objects of "kill" (victim);
* organization names ending in "cartel", "gang", ... (criminal_organization);
* positions held with their years (:mod:`casewire.extract.positions` logic
  lives in :func:`positions`), reported as role "official" with valid_from/to.

:class:`Who` maps a token to the mention it stands for (names, "he"/"she",
"the former security chief") and is shared with :mod:`casewire.extract.events`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from casewire import rules as rule_files
from casewire.extract.evidence import (
    doc_text,
    doc_tokens,
    sentence_evidence,
    sentences,
    span_text,
)
from casewire.extract.names import NameIndex
from casewire.records import Document, Mention, RoleMention

_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_YEAR = re.compile(r"(?<![\d$.,/-])(19\d\d|20\d\d)(?![\d,.]\d)\b")
_Y = r"(19\d\d|20\d\d)"
# Year spans, most explicit first. "2001 and 2005" is a span only after
# "between"; a dash span may abbreviate its end ("2006-12" -> 2012).
_SPANS = (
    re.compile(rf"\bbetween\s+{_Y}\s+and\s+{_Y}\b", re.I),
    re.compile(rf"\bfrom\s+{_Y}\s+(?:to|until|till|through|thru)\s+{_Y}\b", re.I),
    re.compile(
        rf"(?<![\d$.,/-]){_Y}\s*(?:-|–|—|to|until|through)\s*(\d\d|{_Y[1:-1]})(?![\d-])", re.I
    ),
)
_OPEN_SPANS = (
    re.compile(rf"\b(?:since|from)\s+{_Y}(?:\s+(?:to|until)\s+(?:the\s+)?present)?\b", re.I),
)


def year_span(text: str) -> tuple[str | None, str | None] | None:
    """``(from, to)`` years of the first span in ``text``, or None.

    "from 2001 until 2012", "Between 2001 and 2005", "2006-2012", "2006–12",
    "from 2006 to 2012" -> both ends; "since 2006", "from 2006 to the present"
    -> ``(2006, None)``. A span whose end is before its start is not one.
    (:func:`casewire.extract.dates.find_dates` reads "2006-2012" as 2006.)
    """
    best = None
    for rx in _SPANS:
        m = rx.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is not None:
        start, end = best.group(1), best.group(2)
        if len(end) == 2:
            end = start[:2] + end
        return (start, end) if end >= start else None
    for rx in _OPEN_SPANS:
        m = rx.search(text)
        if m:
            return m.group(1), None
    return None


@lru_cache(maxsize=1)
def load_rules() -> dict:
    """``rules/roles.yaml`` plus derived lookups (read once per process)."""
    rules = rule_files.load_rules("roles")
    # Longest title first, so "U.S. District Judge" wins over "Judge".
    rules["title_list"] = sorted(
        ((t, role) for role, ts in rules["titles"].items() for t in ts),
        key=lambda x: -len(x[0]),
    )
    heads = "|".join(
        sorted(
            (re.escape(h) for hs in rules["appositive_heads"].values() for h in hs),
            key=len,
            reverse=True,
        )
    )
    rules["appositive_re"] = re.compile(
        rf"^,\s+(?:the\s+|a\s+|an\s+)?(?P<title>(?:[\w’'.-]+\s+){{0,3}}?(?P<head>{heads})"
        rf"(?:\s+(?:of|for|at)\s+(?:[^,.;()]|\.(?=[A-Za-z])|(?<=[A-Z])\.)+)?)",
        re.I,
    )
    rules["head_role"] = {h: r for r, hs in rules["appositive_heads"].items() for h in hs}
    return rules


class Who:
    """Which mention a token stands for, within one parsed document."""

    def __init__(self, doc: Doc, names: NameIndex, person_nouns: frozenset[str]) -> None:
        self.doc, self.names, self.person_nouns = doc, names, person_nouns

    def mentions(self, tok: Token) -> list[Mention]:
        """The mention of ``tok`` and of its conjuncts ("Garcia Luna and associates")."""
        out = []
        for t in [tok, *[c for c in tok.conjuncts if c.i > tok.i]]:
            m = self.one(t)
            if m is not None and m not in out:
                out.append(m)
        return out

    def people(self, tok: Token) -> list[Mention]:
        """Like :meth:`mentions`, and "they" = the people named in the previous sentence."""
        if tok.lower_ not in ("they", "them"):
            return self.mentions(tok)
        start = tok.sent.start
        if start == 0:
            return []
        prev = self.doc[start - 1].sent
        found = self.names.mentions_in(prev.start_char, prev.end_char)
        people = list({m.canonical: m for m in found if m.entity_type == "person"}.values())
        return people if len(people) >= 2 else []

    def one(self, tok: Token) -> Mention | None:
        m = self.names.mention_at(tok.idx)
        if m is not None:
            return m
        if tok.lower_ in ("who", "that") and tok.head.dep_ == "relcl":
            return self.one(tok.head.head)  # "X, a mechanical engineer who relocated"
        if tok.dep_ == "appos" and tok.head.i != tok.i:
            return self.one(tok.head)
        if tok.lower_ in _PRONOUNS:
            return self.names.last_person_before(tok.idx, self._co_arguments(tok))
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.person_nouns and _definite(tok):
            # "the former security chief"
            return self.names.main_person(self._co_arguments(tok))
        return None

    def _co_arguments(self, tok: Token) -> frozenset[str]:
        """Names that an object pronoun or description cannot stand for: the subject
        of its own verb ("Judge Cogan sentenced him": him is not Cogan)."""
        if tok.dep_ not in ("dobj", "dative", "pobj", "nsubjpass", "attr") or tok.lower_ in (
            "himself",
            "herself",
        ):
            return frozenset()
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        out = set()
        for c in verb.children:
            if c.dep_ in ("nsubj", "agent") and c.i != tok.i:
                arg = (
                    next((g for g in c.children if g.dep_ == "pobj"), None)
                    if c.dep_ == "agent"
                    else c
                )
                m = self.names.mention_at(arg.idx) if arg is not None else None
                if m is not None:
                    out.add(m.canonical)
        return frozenset(out)


def _definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children)


def make_who(doc: Doc, names: NameIndex) -> Who:
    return Who(doc, names, frozenset(load_rules()["person_nouns"]))


def extract_roles(doc: Doc, document: Document, names: NameIndex) -> list[RoleMention]:
    """Roles of the document's entities, one record per (entity, role, title, span)."""
    rules, who = load_rules(), make_who(doc, names)
    found: list[tuple[Mention, str, str | None, Span, str | None, str | None]] = []
    found += _title_roles(doc, names, rules)
    found += _syntax_roles(doc, who, rules)
    found += [(m, "official", title, sent, a, b) for m, title, sent, a, b in positions(doc, who)]
    for m in names.mentions_in(0, len(doc_text(doc))):
        if m.entity_type == "organization" and m.canonical.split()[-1].lower() in set(
            rules["criminal_org_words"]
        ):
            found.append((m, "criminal_organization", None, _span(doc, m), None, None))
    out, seen = [], set()
    for m, role, title, span, vfrom, vto in found:
        key = (m.entity_type, m.canonical, role, title, vfrom, vto)
        if key not in seen:
            seen.add(key)
            out.append(
                RoleMention(
                    doc_id=document.doc_id,
                    entity_type=m.entity_type,
                    canonical=m.canonical,
                    role=role,
                    title=title,
                    evidence=sentence_evidence(document.doc_id, span),
                    valid_from=vfrom,
                    valid_to=vto,
                )
            )
    return out


def _span(doc: Doc, m: Mention) -> Span:
    return doc.char_span(m.mention_start, m.mention_end, alignment_mode="expand")


def _title_roles(doc: Doc, names: NameIndex, rules: dict) -> list[tuple]:
    """Titles before a person's name, and appositives after it."""
    out = []
    text = doc_text(doc)
    for m in names.mentions_in(0, len(text)):
        if m.entity_type != "person":
            continue
        span = _span(doc, m)
        before = text[max(span.sent.start_char, m.mention_start - 60) : m.mention_start]
        low = " ".join(before.split()).lower()
        for title, role in rules["title_list"]:
            # Word boundary before the title: "Prosecutor" must not match "coprosecutor".
            if low.endswith(title) and (
                len(low) == len(title) or not low[-len(title) - 1].isalnum()
            ):
                written = " ".join(before.split())[-len(title) :]
                out.append((m, role, written, span, None, None))
                break
        app = rules["appositive_re"].match(text[m.mention_end : span.sent.end_char])
        if app:
            role = rules["head_role"].get(app.group("head").lower(), "official")
            out.append((m, role, app.group("title").strip(), span, None, None))
    return out


def _syntax_roles(doc: Doc, who: Who, rules: dict) -> list[tuple]:
    """Defendants, witnesses, leaders, victims and investigators from the parse."""
    out = []
    dverbs, vverbs = set(rules["defendant_verbs"]), set(rules["victim_verbs"])
    for tok in doc_tokens(doc):
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and (lemma in dverbs or lemma in vverbs):
            role = "defendant" if lemma in dverbs else "victim"
            if lemma == "find" and not any(c.lower_ == "guilty" for c in tok.subtree):
                continue
            deps = ("nsubj", "nsubjpass") if lemma == "plead" else ("nsubjpass", "dobj")
            out += _with_role(tok, deps, role, who)
        elif lemma in rules["witness_verbs"] and tok.pos_ == "VERB":
            out += _with_role(tok, ("nsubj",), "witness", who)
        elif lemma in rules["leader_verbs"] and tok.pos_ == "VERB":
            for agent in (c for c in tok.children if c.dep_ == "agent"):
                out += [
                    r
                    for r in _with_role(agent, ("pobj",), "leader", who)
                    if r[0].entity_type == "person"
                ]  # "led by the U.S. Attorney's Office"
        elif lemma in rules["witness_nouns"] and tok.pos_ == "NOUN":
            out += _listed_witnesses(tok, who, set(rules["witness_link_lemmas"]))
    return out


def _with_role(tok: Token, deps: tuple[str, ...], role: str, who: Who) -> list[tuple]:
    """Mentions filling ``deps`` of ``tok`` (a conjoined verb shares its head's subject)."""
    kids = [c for c in tok.children if c.dep_ in deps]
    if not kids and tok.dep_ == "conj" and "nsubjpass" in deps:
        kids = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    span = tok.sent
    return [(m, role, None, span, None, None) for k in kids for m in who.mentions(k)]


def _listed_witnesses(noun: Token, who: Who, links: set[str]) -> list[tuple]:
    """Names joined to "witnesses" by "were", "included", "such as" in its sentence."""
    out = []
    anc_noun = {noun.i, *(a.i for a in noun.ancestors)}
    for tok in noun.sent:
        m = who.names.mention_at(tok.idx)
        if m is None or m.entity_type != "person" or tok.i == noun.i:
            continue
        for a in [tok, *tok.ancestors]:
            if a.i in anc_noun:
                if a.i == noun.i or a.lemma_.lower() in links:
                    out.append((m, "witness", None, noun.sent, None, None))
                break
    return out


def positions(doc: Doc, who: Who) -> list[tuple[Mention, str, Span, str | None, str | None]]:
    """Positions held: ``(person, title, sentence, valid_from, valid_to)``.

    "he ran X" gives "head of X"; "became/was/appointed as <title>" gives the
    title when it is a real office (has "of ..." or a noun modifier). Years come
    from the clause; a sentence-wide range is shared (first position takes its
    start, the last its end), and a following "This role ... 2006 to 2012"
    dates the last position.
    """
    rules, toks = load_rules(), doc_tokens(doc)
    out = []
    for sent in sentences(doc):
        in_sent = toks[sent.start : sent.end]
        found = [p for tok in in_sent if (p := _position(tok, who, rules)) is not None]
        if not found:
            continue
        shared = year_span(span_text(sent))
        follow = _this_role_range(sent)
        for k, (m, title, clause) in enumerate(found):
            vfrom, vto = _clause_years(clause)
            if vfrom is None and shared:
                vfrom = shared[0] if k == 0 else None
                vto = shared[1] if k == len(found) - 1 else None
            if k == len(found) - 1 and follow:
                vfrom, vto = follow
            out.append((m, title, sent, vfrom, vto))
    return out


def _position(tok: Token, who: Who, rules: dict) -> tuple[Mention, str, list[Token]] | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and lemma in ("run", "head", "lead", "direct"):
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        org = who.names.mention_at(obj.idx) if obj is not None else None
        if org is None or org.entity_type != "organization":
            return None
        subj = _subject(tok, who)
        return (subj, f"head of {org.canonical}", _clause(tok)) if subj else None
    if tok.pos_ != "NOUN" or lemma not in rules["position_nouns"]:
        return None
    is_attr = tok.dep_ == "attr" and tok.head.lemma_ in ("be", "become")
    is_as = tok.dep_ == "pobj" and tok.head.lower_ == "as"
    if not (is_attr or is_as):
        return None
    kids = list(tok.children)
    if not any(c.dep_ == "compound" or (c.dep_ == "prep" and c.lower_ == "of") for c in kids):
        return None
    verb = tok.head if is_attr else tok.head.head
    subj = _subject(verb, who)
    words = [t for t in tok.subtree if t.dep_ != "det"]
    cut = next((k for k, t in enumerate(words) if t.text in "(,"), len(words))
    title = tok.doc[words[0].i : words[cut - 1].i + 1].text if cut else tok.text
    return (subj, title, _clause(verb)) if subj else None


def _subject(verb: Token, who: Who) -> Mention | None:
    """Subject of ``verb`` or of the clause above it ("including being the chief")."""
    for v in [verb, *verb.ancestors]:
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            m = who.one(subj)
            return m if m is not None and m.entity_type == "person" else None
    return None


def _clause(verb: Token) -> list[Token]:
    """``verb``'s subtree without conjoined clauses (each dates its own position)."""
    skip = {t.i for c in verb.children if c.dep_ == "conj" for t in c.subtree}
    return [t for t in verb.subtree if t.i not in skip]


def _clause_years(clause: list[Token]) -> tuple[str | None, str | None]:
    # Tokens with their own trailing space: "2006-2012" stays one piece.
    text = "".join(
        t.text_with_ws
        if t.whitespace_
        else t.text + ("" if k + 1 < len(clause) and clause[k + 1].i == t.i + 1 else " ")
        for k, t in enumerate(clause)
    )
    span = year_span(text)
    if span:
        return span
    years = _YEAR.findall(text)
    return (years[0], None) if len(years) == 1 else (None, None)


def _this_role_range(sent: Span) -> tuple[str, str] | None:
    nxt = sent.doc[sent.end : sent.end + 1]
    if not len(nxt):
        return None
    follow = nxt[0].sent
    if not re.match(r"\s*(?:This|That|The)\s+(?:role|position|post|job)\b", follow.text):
        return None
    span = year_span(follow.text)
    return span if span and span[1] else None
