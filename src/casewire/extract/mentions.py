"""Named-entity mentions: spaCy entities repaired by rules, linked to full names.

The small English model mislabels and splits names often ("Joaquín" ORG +
"Guzmán" PERSON, "Sergio" NORP, "the U.S. During" ORG). Repairs, in order:

1. rule spans win over model spans: quoted nicknames (``Jesus “Rey” Zambada``)
   and ``<Name> [drug] cartel`` organizations;
2. model spans are cut at sentence ends and stripped of determiners, titles,
   possessives and nation prefixes (``Mexico’s Federal Investigation Agency``);
3. person names broken by the model are re-joined (PROPN chains, "Garcia luna");
4. names are linked within the document (:mod:`casewire.extract.names`):
   surnames and partial names resolve to the full name, model ORG/GPE labels on
   a known person's name become PERSON, acronyms resolve to the full name;
5. a person name must be supported (:mod:`casewire.extract.person_support`): a
   headline's name by the body or the census lists, never a title or a common word.

Nothing is read after page furniture ("More From Author") or from credit lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice

from nameparser.config import CONSTANTS
from spacy.tokens import Doc, Span, Token

from casewire import rules as rule_files
from casewire.extract.blocks import is_name_line
from casewire.extract.evidence import (
    doc_text,
    doc_tokens,
    sent_at,
    sentence_evidence,
    span_text,
)
from casewire.extract.names import link_names
from casewire.extract.person_support import (
    census_name,
    common_word,
    headline_spans,
    headline_supported,
    in_spans,
    place_slot,
    trailing_titles,
)
from casewire.extract.tables import is_row_head
from casewire.records import Document, Mention
from casewire.textnorm import NAME_SUFFIXES, name_key

_UP = r"[A-ZÀ-ÖØ-Þ]"
# A name word is an initial ("B.") or a word; it never swallows a sentence's full stop.
_NAME_WORD = rf"(?:{_UP}\.|{_UP}[\w'’-]*\w[’']?)"
# "Joaquín “El Chapo” Guzmán", "Oscar 'Lobo' Valencia": 1-3 name words, a short
# quoted nickname of capitalized words, 1-3 name words; straight or curly quotes.
_NICKNAME = re.compile(
    rf"(?<![\w’'])(?P<first>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})[ \t]+"
    rf"[\"“'‘](?P<alias>{_UP}[\w.’'-]*(?:[ \t]+{_UP}[\w.’'-]*){{0,2}})[\"”'’][ \t]+"
    rf"(?P<last>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})"
)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")


@dataclass(frozen=True)
class Candidate:
    """A mention being repaired: character span, label, canonical form, alias."""

    start: int
    end: int
    label: str
    name: str  # cleaned name (titles, nickname, determiners removed)
    alias: str | None = None
    from_rule: bool = False


@lru_cache(maxsize=1)
def load_rules() -> dict:
    """The entity rules in ``rules/entities.yaml`` (read once per process)."""
    rules = rule_files.load_rules("entities")
    titles = {t for t in CONSTANTS.titles} | set(rules["extra_person_titles"])
    rules["person_titles"] = frozenset(titles - set(rules["title_given_names"]))
    rules["place_lookup"] = {
        alias.casefold(): canonical
        for canonical, aliases in rules["place_aliases"].items()
        for alias in [canonical, *aliases]
    }
    rules["stop"] = frozenset(s.casefold() for s in rules["stop_mentions"])
    anchors = "|".join(
        re.escape(a) for a in sorted(rules["person_title_anchors"], key=len, reverse=True)
    )
    rules["anchor_re"] = re.compile(
        rf"\b(?:{anchors})[ \t]+(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})"
    )
    rules["anchor_prefix_re"] = re.compile(rf"(?:{anchors})\b[ \t]*")
    rules["acronym_names"] = {v.casefold() for v in rules["org_acronyms"].values()}
    rules["stop_res"] = [re.compile(p) for p in rules["stop_patterns"]]
    rules["org_trailing"] = frozenset(rules["org_trailing_words"])
    rules["org_leading"] = frozenset(rules["org_leading_titles"])
    rules["not_person"] = frozenset(rules["not_person_words"])
    rules["person_not_last"] = frozenset(rules["person_not_last_words"])
    rules["person_company_last"] = frozenset(rules["person_company_last_words"])
    # a word of a company's or an institution's name: no person's name holds one
    rules["org_words"] = rules["not_person"] | rules["org_trailing"] | rules["person_company_last"]
    return rules


def extract_mentions(doc: Doc, document: Document) -> list[Mention]:
    """Entity mentions of one document, each linked to its in-document full name."""
    rules = load_rules()
    limit = _furniture_limit(doc_text(doc), rules)
    cands = [c for c in _candidates(doc, rules) if c.start < limit and _keep(doc, c, rules)]
    cands = [r for c in cands if (r := _person_by_last_word(c, rules)) is not None]
    given, surnames = census_names()
    cands = _shared_surnames(doc_text(doc), cands, given)
    lemmas, words = lower_forms(doc)
    lower = lemmas | words
    linked = link_names(doc, _zone_supported(doc_text(doc), cands, lower), rules)
    out = []
    for cand, canonical, alias in linked:
        if cand.label == "PERSON" and common_word(canonical, lower, given, surnames):
            continue  # "Victim", "Indicted", "Delinquency Prevention": words, not a person
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        out.append(
            Mention(
                doc_id=document.doc_id,
                text=doc_text(doc)[cand.start : cand.end],
                label=cand.label,
                entity_type=rules["label_types"][cand.label],
                canonical=canonical,
                mention_start=cand.start,
                mention_end=cand.end,
                evidence=sentence_evidence(document.doc_id, span),
                alias=alias,
            )
        )
    return out


_NAME_LIST_GLUE = re.compile(r",? and |, ")


def _shared_surnames(text: str, cands: list[Candidate], given: frozenset[str]) -> list[Candidate]:
    """Given names listed before one full name share its surname: "Mel and Cecile
    Campbell", "Roberto, Olga and Fabian Gonzalez" are Mel Campbell, Roberto and Olga
    Gonzalez. Only a one-word census given name joined by "and" or a comma to the next
    name, up to a full name whose first word is a given name too (so "Dennis C. Carletta
    and Francisco J. Navarro" and "Heinz Jacqui and Gail Christie" stay as written)."""
    out = list(cands)
    for k in range(len(out) - 1, -1, -1):
        full = out[k]
        words = full.name.split()
        if full.label != "PERSON" or len(words) < 2 or words[0].casefold() not in given:
            continue
        surname, nxt = words[-1], full
        for j in range(k - 1, -1, -1):
            c = out[j]
            glue = text[c.end : nxt.start]
            one = c.name.split()
            if (
                c.label != "PERSON"
                or len(one) != 1
                or one[0].casefold() not in given
                or not _NAME_LIST_GLUE.fullmatch(glue)
                or (nxt is full and glue.startswith(", ") and "and" not in glue)
            ):
                break
            out[j] = replace(c, name=f"{c.name} {surname}")
            nxt = c
    return out


def _person_by_last_word(cand: Candidate, rules: dict) -> Candidate | None:
    """A PERSON span whose last word no name ends with: the company it names ("Coronet
    Gotham LLC"), or nobody ("Bureau Chief", "Frank Crowley Courts Building")."""
    words = cand.name.split()
    if cand.label != "PERSON" or not words:
        return cand
    if words[-1].casefold().strip(".,") in rules["person_company_last"] and len(words) > 1:
        return replace(cand, label="ORG")
    return None if ends_no_name(cand.name) else cand


def ends_no_name(name: str) -> bool:
    """Whether a name's last word is one no person's name ends with ("Case Highlight",
    "Frank Crowley Courts Building"; ``person_not_last_words``)."""
    words = name.split()
    return bool(words) and words[-1].casefold().strip(".,") in load_rules()["person_not_last"]


def _zone_supported(text: str, cands: list[Candidate], lower: frozenset[str]) -> list[Candidate]:
    """Candidates without the person names of headline lines that neither the body
    nor the census lists support ("Brooklyn Man Sentenced")."""
    heads = headline_spans(text, lower)
    if not heads:
        return cands
    given, surnames = census_names()
    body = [
        tuple(name_key(c.name).split())
        for c in cands
        if c.label == "PERSON" and not in_spans(heads, c.start)
    ]

    def supported(c: Candidate) -> bool:
        return headline_supported(c.name, body, given.__contains__) or census_name(
            c.name, given.__contains__, surnames.__contains__
        )

    return [c for c in cands if c.label != "PERSON" or not in_spans(heads, c.start) or supported(c)]


def _furniture_limit(text: str, rules: dict) -> int:
    """Offset where page furniture starts (end of text when there is none)."""
    limit = len(text)
    for marker in rules["furniture_markers"]:
        m = re.search(rf"(?mi)^[ \t]*{re.escape(marker)}\b", text)
        if m:
            limit = min(limit, m.start())
    return limit


def _keep(doc: Doc, cand: Candidate, rules: dict) -> bool:
    """Drop junk: no letters, single letters, stop words, credit lines."""
    name = cand.name
    if sum(ch.isalpha() for ch in name) < 2 or name.casefold() in rules["stop"]:
        return False
    if not any(ch.isupper() for ch in name):
        return False
    if any(rx.search(name) for rx in rules["stop_res"]):
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    sent = span_text(sent_at(doc, span.start)).casefold()
    return not any(p in sent for p in rules["furniture_phrases"])


#: A company's legal form closing a name ("Acino Products LLC", "AstraZeneca LP").
_COMPANY_END = re.compile(
    r",?\s+(?:Inc|Incorporated|Corp|Corporation|Co|Company|LLC|L\.L\.C|Ltd|Limited|LP|L\.P|"
    r"LLP|PLC|plc|AG|SA|S\.A|N\.V|GmbH)\.?$"
)


def _candidates(doc: Doc, rules: dict) -> list[Candidate]:
    """Rule spans first, then model spans that do not overlap them, in text order."""
    taken = _nickname_spans(doc) + _cartel_spans(doc, rules)
    taken += _anchored_names(doc, rules, [(c.start, c.end) for c in taken])
    occupied = [(c.start, c.end) for c in taken]
    out = list(taken)
    lower = _lowercase_words(doc)
    for chain in _person_chains(doc, lower):
        if chain.label_ in rules["person_if_census"] and census_person_name(chain.text):
            # "a Dallas County jury took only three hours to sentence Kristopher Love"
            chain = Span(doc, chain.start, chain.end, label="PERSON")
        elif chain.label_ in rules["org_if_company_suffix"] and _COMPANY_END.search(chain.text):
            chain = Span(doc, chain.start, chain.end, label="ORG")  # "Acino Products LLC"
        if chain.label_ not in rules["label_types"] and chain.label_ != "NORP":
            continue
        if any(s < chain.end_char and chain.start_char < e for s, e in occupied):
            continue
        for ent in _list_line_pieces(chain):
            cand = _clean(ent, rules, lower)
            if cand is not None:
                out.append(cand)
    return sorted(out, key=lambda c: (c.start, c.end))


def _nickname_spans(doc: Doc) -> list[Candidate]:
    out = []
    for m in _NICKNAME.finditer(doc_text(doc)):
        # A possessive belongs to the sentence, not the name: "Guzmán’s" -> "Guzmán".
        last = _POSSESSIVE.sub("", m.group("last"))
        end = m.end() - (len(m.group("last")) - len(last))
        out.append(
            Candidate(
                m.start(),
                end,
                "PERSON",
                f"{m.group('first')} {last}",
                alias=m.group("alias"),
                from_rule=True,
            )
        )
    return out


def _anchored_names(doc: Doc, rules: dict, occupied: list[tuple[int, int]]) -> list[Candidate]:
    """Capitalized words after a title ("U.S. Attorney Breon Peace") are a person."""
    out = []
    text = doc_text(doc)
    for m in rules["anchor_re"].finditer(text):
        # "Deputy Assistant Attorney General Vanita Gupta": the name starts after the
        # titles that follow the anchor; titles alone name nobody.
        m = _skip_titles(text, m.start("name"), rules)
        if m is None:
            continue
        start, end = m.span()
        if any(s < end and start < e for s, e in occupied):
            continue
        if m.group().split()[0].casefold() in rules["stop"] | {"for", "of"}:
            continue
        name = _POSSESSIVE.sub("", m.group())
        out.append(Candidate(start, start + len(name), "PERSON", name, from_rule=True))
    return out


_ANCHORED_NAME = re.compile(rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}}")
_BLANKS = re.compile(r"[ \t]*")


def _skip_titles(text: str, pos: int, rules: dict) -> re.Match | None:
    """The name words at ``pos`` once the title words and anchors there are passed
    ("Deputy" + "District Attorney Steve McGreevy"), if any."""
    while (m := _ANCHORED_NAME.match(text, pos)) is not None:
        if (a := rules["anchor_prefix_re"].match(text, pos)) is not None and a.end() > pos:
            pos = a.end()
            continue
        first = m.group().split()[0]
        if first.casefold().rstrip(".") not in rules["person_titles"]:
            return m
        pos = _BLANKS.match(text, m.start() + len(first)).end()
    return None


def _cartel_spans(doc: Doc, rules: dict) -> list[Candidate]:
    """``Sinaloa drug cartel`` / ``the Sinaloa Cartel`` -> organization "Sinaloa Cartel"."""
    suffixes, fillers = rules["org_suffix_nouns"], set(rules["org_suffix_fillers"])
    out, toks = [], doc_tokens(doc)
    for tok in toks:
        head = suffixes.get(tok.lower_)
        if head is None or tok.i == 0:
            continue
        i = tok.i - 1
        while i > 0 and toks[i].lower_ in fillers:
            i -= 1
        j = i
        while j >= 0 and toks[j].pos_ == "PROPN" and toks[j].is_title:
            j -= 1
        if j == i or sent_at(doc, j + 1).start != sent_at(doc, tok.i).start:
            continue
        words = [t.text for t in doc[j + 1 : i + 1]]
        out.append(
            Candidate(
                doc[j + 1].idx,
                tok.idx + len(tok),
                "ORG",
                f"{' '.join(words)} {head}",
                from_rule=True,
            )
        )
    return out


def _person_chains(doc: Doc, lower: frozenset[str]) -> list[Span]:
    """Model entities, with PERSON/NORP spans grown over adjacent capitalized PROPNs.

    "Sergio" (NORP) + "Villarreal Barragan" (no entity) becomes one PERSON; a
    NORP that does not grow stays NORP and is dropped later.
    """
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "NORP"):
            out.append(ent)
            continue
        start = _given_names_before(doc, ent, lower) if ent.label_ == "PERSON" else ent.start
        end = ent.end
        while (
            end < len(doc)
            and _free_name_token(doc[end])
            and sent_at(doc, end).start == sent_at(doc, ent.start).start
        ):
            end += 1
        if end > ent.end or ent.label_ == "PERSON":
            out.append(Span(doc, start, end, label="PERSON"))
    return out


def _lowercase_words(doc: Doc) -> frozenset[str]:
    """Lemmas the document writes in lower case: its common nouns ("cappers", "defendant").
    Read once per document (every token is visited, 13% of the extractors' time when it
    was read twice)."""
    return lower_forms(doc)[0]


def lower_forms(doc: Doc) -> tuple[frozenset[str], frozenset[str]]:
    """(lemmas, words) of the tokens a document writes in lower case, kept on the doc."""
    forms = doc.user_data.get("casewire_lower_forms")
    if forms is None:
        low = [t for t in doc_tokens(doc) if t.is_lower and t.is_alpha]
        forms = (frozenset(t.lemma_.lower() for t in low), frozenset(t.lower_ for t in low))
        doc.user_data["casewire_lower_forms"] = forms
    return forms


def _role_word(tok: Token, nxt: Token, lower: frozenset[str]) -> bool:
    """ "Capper" of "Capper Sue Nanda": a capitalized word the document also writes in
    lower case, not itself a given name, before a word that is one."""
    given, _ = census_names()
    return (
        tok.is_title
        and tok.lemma_.lower() in lower
        and tok.lower_ not in given
        and nxt.lower_ in given
    )


def _given_names_before(doc: Doc, ent: Span, lower: frozenset[str]) -> int:
    """Start of a PERSON span grown leftwards over the given names the model left out.

    The model often starts a name at its second word when the first is rare
    ("Iain Nigel MacKellar" -> "Nigel MacKellar", "Hope Ashley Jacoby" -> "Ashley
    Jacoby"). The parse still joins the word to the name: a capitalized word with no
    entity of its own, in the same sentence and line, that is a ``compound`` of the
    name's head and a given name of the census lists. A title ("Major", also a given
    name) or a word the document also writes in lower case (a role such as "Capper")
    stops the growth; so does any other word ("Trial Attorneys X", "Specialist X").
    """
    rules = load_rules()
    given, _ = census_names()
    titles = rules["person_titles"] | set(rules["title_given_names"])
    head = ent.root
    start = ent.start
    sent_start = sent_at(doc, ent.start).start
    while start > sent_start:
        tok = doc[start - 1]
        if not (
            tok.is_alpha
            and tok.is_title
            and not tok.ent_type_
            and tok.dep_ == "compound"
            and tok.head == head
            and "\n" not in tok.whitespace_
            and tok.lower_ in given
            and tok.lower_ not in titles
            and tok.lemma_.lower() not in lower
            and tok.lower_ not in lower
            and not tok.is_stop
        ):
            break
        start -= 1
    return start


def _line_of(text: str, char: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, len(text) if end < 0 else end


def _list_line_pieces(ent: Span) -> list[Span]:
    """A span the model ran across lines of a list split into its lines' names.

    "Alfred Lua, 26, Buena Park<br>Alejandro Mora, 25, Anaheim" gives "Buena
    Park Alejandro Mora", and two "Tagged with:" lines give "Miguel Villagomez
    Roderick Kent Jerro"; a case block's heading runs into its charge line ("Wilson
    Montoya<br>Securities Fraud > $100k"). A line break splits a span when the part
    before it is a name line of its own, or when both lines are list rows
    (``Name, age, City``); a piece survives when it is its whole line or the name
    that opens a list row. A PDF wrap inside prose ("the North<br>Justice Center")
    is neither and stays one span.
    """
    text = doc_text(ent.doc)
    if "\n" not in text[ent.start_char : ent.end_char]:
        return [ent]
    pieces: list[list[Token]] = [[]]
    for tok in ent:
        if tok.is_space:
            if "\n" in tok.text and pieces[-1]:
                pieces.append([])
            continue
        if pieces[-1] and "\n" in text[pieces[-1][-1].idx + len(pieces[-1][-1]) : tok.idx]:
            pieces.append([])
        pieces[-1].append(tok)
    pieces = [p for p in pieces if p]
    if len(pieces) < 2:
        return [ent]

    def line(p: list[Token]) -> str:
        return text[slice(*_line_of(text, p[0].idx))].strip()

    def piece_text(p: list[Token]) -> str:
        return text[p[0].idx : p[-1].idx + len(p[-1])]

    def whole(p: list[Token]) -> bool:
        return line(p).lstrip("-•* ") == piece_text(p)

    def row_start(p: list[Token]) -> bool:
        return is_row_head(line(p)) and line(p).lstrip("-•* ").startswith(piece_text(p))

    def splits(a: list[Token], b: list[Token]) -> bool:
        if whole(a) and is_name_line(piece_text(a)):
            return True
        return is_row_head(line(a)) and (whole(b) or row_start(b))

    if not all(splits(a, b) for a, b in zip(pieces, pieces[1:], strict=False)):
        return [ent]
    given, surnames = census_names()

    def person_like(p: list[Token]) -> bool:  # "Case Spotlight" is a section label
        words = [t.lower_ for t in p if t.is_alpha]
        return bool(words) and (words[0] in given or words[-1] in surnames)

    return [
        Span(ent.doc, p[0].i, p[-1].i + 1, label=ent.label_)
        for p in pieces
        if row_start(p) or (whole(p) and person_like(p))
    ]


def _hyphen_glued(toks: list) -> bool:
    """The last word is the lower-case half of a hyphenated name ("Chun Doo-hwan", "Joel
    Fils-aime"), not a word the span ran on into."""
    return (
        len(toks) > 2
        and toks[-2].text == "-"
        and not toks[-2].whitespace_
        and not toks[-3].whitespace_
        and toks[-3].is_title
    )


#: A capitalized dateline or label opening a paragraph ("SANTA ANA – A former city jail
#: guard", "MEDIA ADVISORY – ", "FULLERTON, Calif. – "): 5,944 matches over both corpora,
#: all Orange County and Riverside releases, 54 distinct words, all read: towns, "MEDIA
#: ADVISORY" and its misspellings, "STATEMENT", "COUNT II": never a person or a company.
_DATELINE = re.compile(
    r"[A-Z]{2,}(?:[ .][A-Z]{2,}){0,2}(?:,\s*[A-Z][A-Za-z.]{1,12}\.?)?[ \t]+[–—][ \t]+(?=[A-Z])"
)


def _line_start(ent: Span) -> bool:
    text = doc_text(ent.doc)
    return ent.start_char == 0 or text[ent.start_char - 1] == "\n"


def _free_name_token(tok) -> bool:
    return tok.pos_ == "PROPN" and tok.is_title and not tok.ent_type_ and tok.is_alpha


def _clean(ent: Span, rules: dict, lower: frozenset[str] = frozenset()) -> Candidate | None:
    """Cut at the sentence end; strip determiners, possessives, titles, nation prefixes."""
    sent_end = sent_at(ent.doc, ent.start).end
    toks = list(ent[: max(1, min(len(ent), sent_end - ent.start))])
    # A capitalized stop word inside a span starts a sentence the parser missed
    # ("the U.S. During the sentencing"); "Bureau of Alcohol" keeps its "of".
    cut = next((k for k, t in enumerate(toks) if k and t.is_stop and t.is_title), len(toks))
    toks = _cut_at_separators(toks[:cut])
    if _is_headline(toks) or (ent.label_ == "PERSON" and _spaced_dash(toks)):
        return None  # "MAN TO BE ARRAIGNED ON CHARGES", "MALE STUDENT - Orange County ..."
    if _DATELINE.match(doc_text(ent.doc), ent.start_char) and _line_start(ent):
        return None  # "SANTA ANA – A third striker was indicted": a dateline, nobody
    while toks and toks[0].lower_ in rules["leading_determiners"]:
        toks = toks[1:]
    # "WASHINGTON JPMorgan Chase & Co. has entered into": a release's dateline the tagger
    # ran into the name after it
    if len(toks) > 1 and toks[0].text in rules["dateline_words"] and not toks[1].text.isupper():
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].lower_ in ("'s", "’s", "'", "’")):
        toks = toks[:-1]
    if ent.label_ == "PERSON":
        # "George, Johnson, Val, and Jones were arraigned": a list the tagger ran into one
        # name; a comma inside a person's name comes only before a suffix ("Abad, Jr.")
        comma = next((k for k, t in enumerate(toks) if k and t.text == ","
                      and k + 1 < len(toks)
                      and toks[k + 1].lower_.rstrip(".") not in _NAME_SUFFIXES), None)  # fmt: skip
        toks = toks[:comma] if comma else toks
        toks = _cut_before_title_line(toks, rules["person_titles"])
        while len(toks) > 1 and toks[0].lower_.rstrip(".") in rules["person_titles"]:
            toks = toks[1:]
        # a role the document also writes in lower case ("Capper Sue Nanda", "the
        # cappers") before a given name
        while len(toks) > 2 and _role_word(toks[0], toks[1], lower):
            toks = toks[1:]
        while len(toks) > 1 and toks[-1].is_lower and not _hyphen_glued(toks):
            toks = toks[:-1]  # "Terri-Lei OMalley of" (a span cut mid-phrase)
        cut = trailing_titles([t.text for t in toks], rules["person_titles"], *census_names())
        if cut and len(toks) - cut < 2:
            return None  # "Chief", "Bureau Chief", "Det.": a title, nobody's name
        toks = toks[: len(toks) - cut]  # "Farrah Emami Spokesperson"
    elif ent.label_ == "ORG":
        toks = _strip_nation_prefix(toks, rules)
        toks = _strip_org_titles(toks, rules)
    if not toks:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    name = _POSSESSIVE.sub("", doc_text(ent.doc)[start:end]) if ent.label_ == "PERSON" else None
    name = name or doc_text(ent.doc)[start:end]
    label = ent.label_
    if label == "ORG" and name.casefold() in rules["place_lookup"]:
        label = "GPE"  # "the U.S." tagged ORG
    elif label == "ORG" and _census_person(toks, rules):
        label = "PERSON"  # "Felipe Hurtado" tagged ORG
    elif label == "ORG" and AGE_AFTER.match(doc_text(ent.doc), end) and name_shaped(toks, rules):
        label = "PERSON"  # "Sirtaj Mathauda, 42," tagged ORG: a company has no age
        roles = _LEADING_ROLES | rules["person_titles"]
        while len(toks) > 2 and toks[0].lower_.rstrip(".") in roles:
            toks = toks[1:]  # "Specialist Paul Escobar, 24,", "Defendant Baktash Fattahi, 34,"
        start = toks[0].idx
        name = doc_text(ent.doc)[start:end]
    elif (
        label in ("GPE", "LOC", "FAC")
        and AGE_AFTER.match(doc_text(ent.doc), end)
        and _census_person(toks, rules)
    ):
        label = "PERSON"  # "Colton Partin, 21," tagged GPE: a place has no age
    elif (
        label == "PERSON"
        and place_slot(doc_text(ent.doc), start, start + len(name))
        # a name with its own age is the list's next person ("Bogdan Nicolescu, 34,
        # Tiberiu Danet, 31, and ..."), not the residence of the one before
        and not AGE_AFTER.match(doc_text(ent.doc), start + len(name))
    ):
        label = "GPE"  # "Ricardo Cortez, 31, Tustin"
    return Candidate(start, start + len(name), label, " ".join(name.split()))


@lru_cache(maxsize=1)
def census_names() -> tuple[frozenset[str], frozenset[str]]:
    """Given names and surnames of the U.S. census lists shipped by the ``names`` package."""
    import names as census

    def read(*keys: str) -> frozenset[str]:
        out: set[str] = set()
        for key in keys:
            with open(census.FILES[key], encoding="ascii") as f:
                out.update(line.split()[0].casefold() for line in f if line.strip())
        return frozenset(out)

    return read("first:male", "first:female"), read("last")


#: Surnames this common in the U.S. census name many unrelated people: two writings of
#: such a name ("George Smith", "George E. Smith") need more than their names to be one.
COMMON_SURNAME_RANK = 1000


@lru_cache(maxsize=1)
def common_surnames() -> frozenset[str]:
    """The ``COMMON_SURNAME_RANK`` most frequent census surnames, case-folded."""
    import names as census

    with open(census.FILES["last"], encoding="ascii") as f:
        return frozenset(line.split()[0].casefold() for line in islice(f, COMMON_SURNAME_RANK))


#: What follows a name the text gives an age: ", 21," / ", age 21,". A place or a
#: company is never given one, so such a name is a person's whatever the tagger said.
AGE_AFTER = re.compile(r",\s*(?:age\s+)?\d{1,2},")


def census_person_name(name: str) -> bool:
    """Two to four words, a census given name first and a census surname last, the last
    no word a name never ends with ("Case Highlight", "Bureau Chief")."""
    given, surnames = census_names()
    return not ends_no_name(name) and census_name(name, given.__contains__, surnames.__contains__)


def _census_person(toks: list, rules: dict) -> bool:
    """A span the model took for an organization that reads as a person's name."""
    if not 2 <= len(toks) <= rules["census_person_max_words"]:
        return False
    if not all(t.is_title for t in toks) or {t.lower_ for t in toks} & rules["not_person"]:
        return False
    given, surnames = census_names()
    return toks[0].lower_ in given and toks[-1].lower_ in surnames


#: Words a release writes before a person's name that are no part of it.
_LEADING_ROLES = frozenset(
    {"defendant", "defendants", "co-defendant", "codefendant", "specialist", "inmate", "suspect"}
)


def name_shaped(toks: list, rules: dict) -> bool:
    """Two to four capitalized words, none a word of a company's or an institution's name
    (the census need not know them: "Sirtaj Mathauda")."""
    words = [t for t in toks if t.text not in _DASHES]
    return (
        2 <= len(words) <= rules["census_person_max_words"]
        and all(t.is_title or (t.text[:1].isupper() and "-" in t.text) for t in words)
        and not {t.lower_.strip(".,") for t in words} & rules["org_words"]
        and not ends_no_name(" ".join(t.text for t in words))
    )


_DASHES = frozenset({"-", "–", "—"})


def _spaced_dash(toks: list) -> bool:
    """A dash with a space before it: "STUDENT - Orange County ..." (page titles), not
    the hyphen of "Mir-Hernandez"."""
    return any(t.text in _DASHES and k and toks[k - 1].whitespace_ for k, t in enumerate(toks))


def _label_line(prev, tok) -> bool:
    """``tok`` starts a new line that reads "Label: ..." ("Sentence: Life")."""
    doc = tok.doc
    newline = "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)
    return newline and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"


def _cut_before_title_line(toks: list, titles: frozenset[str]) -> list:
    """A name ends where a line opening with a title starts: "Farrah Emami<br>
    Spokesperson<br>FULLERTON" is the name, her title and the dateline."""
    for k, t in enumerate(toks):
        prev = toks[k - 1] if k else None
        newline = prev is not None and (
            "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)
        )
        if newline and t.lower_.rstrip(".") in titles:
            toks = toks[:k]
            while toks and toks[-1].is_space:
                toks = toks[:-1]
            return toks
    return toks


#: What may follow a comma inside a name: a person's suffix, or a company's the tagger
#: took for a person ("Lamps Plus, Inc.").
_NAME_SUFFIXES = NAME_SUFFIXES | frozenset({"v", "esq", "md", "m.d", "phd", "ph.d",
                            "inc", "llc", "ltd", "corp", "co", "lp", "llp", "plc", "n.a", "l.c",
                            "l.l.c", "p.c", "p.a", "pllc"})  # fmt: skip


def _cut_at_separators(toks: list) -> list:
    """Cut a span at an unclosed bracket, a colon or a line break: "Criminal Division’s Child
    Exploitation and Obscenity Section (CEOS" -> the section (the acronym after it
    is then read as its alias); "District of Idaho<line break>Sentence: Life" -> the district
    (a line that starts with "Label:" is not part of the name; other line breaks
    are, scraped PDFs wrap lines inside names: "North\\nJustice Center")."""
    for k, t in enumerate(toks):
        if k and (t.text == ":" or _label_line(toks[k - 1], t)):
            return toks[:k]
        if t.text in ("(", "[") and k and not any(u.text in (")", "]") for u in toks[k:]):
            return toks[:k]
    return toks


def _is_headline(toks: list) -> bool:
    """An all-capitals headline the model read as a name: four or more upper-case
    words, or three with an upper-case function word ("CHARGED WITH MURDER")."""
    words = [t for t in toks if t.is_alpha]
    if len(words) < 3 or not all(
        t.is_upper and len(t) > 1 or t.lower_ in ("of", "and") for t in words
    ):
        return False
    return len(words) >= 4 or any(t.is_stop for t in words)


def _strip_org_titles(toks: list, rules: dict) -> list:
    """ "Administrator of the Drug Enforcement Administration" -> the agency; "Civil
    Rights Division Trial" (from "... Trial Attorney X") -> the division; trailing
    "and", "with" of a span cut mid-phrase go too."""
    if len(toks) > 2 and toks[0].lower_ in rules["org_leading"] and toks[1].lower_ == "of":
        toks = toks[2:]
        while toks and toks[0].lower_ in rules["leading_determiners"]:
            toks = toks[1:]
    while len(toks) > 1 and (toks[-1].lower_ in rules["org_trailing"] or toks[-1].is_punct):
        toks = toks[:-1]
    return toks


def _strip_nation_prefix(toks: list, rules: dict) -> list:
    """``Mexico’s X`` -> ``X``; ``U.S. Drug Enforcement Administration`` -> the agency.

    A bare nation prefix is only removed when the rest is a known agency name:
    "U.S. Attorney's Office" must keep its prefix.
    """
    for k in range(1, min(4, len(toks) - 1)):
        if toks[k].lower_ in ("'s", "’s") and len(toks) > k + 1:
            return toks[k + 1 :]
    if toks and toks[0].text.casefold() in rules["place_lookup"] and len(toks) > 1:
        rest = " ".join(t.text for t in toks[1:]).casefold()
        if rest in rules["acronym_names"]:
            return toks[1:]
    return toks
