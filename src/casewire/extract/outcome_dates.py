"""The decision date of one outcome trigger (GUIDE: "Dates tied to the release day").

A date written in the trigger's own clause wins: the nearest day or month ("on
March 3, 2021", "in December 2009", "last March"), kept at its precision ("2009-12");
a year alone ("in 2009", "last year") only when the clause gives no finer date and
writes it as the time of the outcome ("in 2009", "earlier this year"), never as a
noun's ("a 2009 robbery"). Offence dates are passed over by the same parse rules
whatever their precision.
Without a date, a present or present-perfect outcome ("has been convicted",
"is charged", "announces the charging of") is the release's news: the
published date. An outcome that restates the release's unnamed lead ("A man was
sentenced on Friday ... / Judge X sentenced King") takes the lead's date; "the
same day" takes the last date before it. Anything else ("was sentenced", "had
pleaded guilty"): None. :func:`dated` says which of these gave the date
(``legal_outcomes.decision_date_source``: written, announced, release_day, lead).

Dates that belong to something else are passed over: a dateline ("June 11, 2021
Contact: ..."), a date inside a relative clause after the trigger ("..., who were
shot on Jan. 28, 2019"), a date of another outcome coordinated with this one
("pleaded guilty on Jan. 8, 2010, and was sentenced ...").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from casewire.extract.dates import DateValue, find_dates
from casewire.extract.evidence import doc_text, sentences, span_text

_NOT_DECISION_BEFORE = re.compile(
    r"(?:return|scheduled(?:\s+to\s+be)?|set|until|since|between|from|born|birth|dob|DOB|age|"
    r"due|resumed|began|begin|beginning|started)\s+(?:\w+\s+){0,3}$",
    re.I,
)
# A subordinate earlier outcome: "after being convicted", "following his guilty plea".
_SUBORDINATE_BEFORE = re.compile(
    r"\b(?:after|following|since|before|upon)(?:\s+(?:being|having(?:\s+been)?|his|her|their))?\s*$",
    re.I,
)
# A year told as the time of the outcome ("in 2009", "in early 2009", "in late 2009"),
# not a noun's ("a 2009 robbery", "the 2009 indictment"); and "last year", "earlier this
# year", which the date reader gives at year precision.
_YEAR_AS_TIME = re.compile(
    r"\b(?:in|during)\s+(?:(?:early|late|mid|the\s+(?:spring|summer|fall|winter)\s+of)[\s-]+)?$",
    re.I,
)
_REL_YEAR = re.compile(r"(?:earlier|later)?\s*(?:this|last)\s+year\b", re.I)
# Between a trigger and a later year, the charge's own phrase ("charged with the murder
# of her daughter in 1969", "convicted of a robbery in 2009"): the year may be the offence's.
_CHARGE_OBJECT = re.compile(r"\b(?:with|of|for)\b", re.I)
# A year before the trigger counts only fronted, as the clause's own time ("In 2009, X
# was convicted"); elsewhere before it, it is a relative clause's or a noun's.
_FRONTED_YEAR = re.compile(
    r"\s*[“\"]?\s*(?:in|during)\s+(?:(?:early|late|mid|the\s+\w+\s+of)[\s-]+)?", re.I
)
# Nothing but a preposition before a date that opens its clause.
_OPENING = re.compile(r"\s*[“\"]?\s*(?:(?:on|in|during)\s+)?", re.I)
# A stretch of time between the trigger and a later date: the date is the stretch's.
_SPAN_BETWEEN = re.compile(r"\b(?:since|until|through)\b", re.I)
_RANK = {"day": 0, "month": 0, "year": 1}  # a year only where no day or month is written
# A dateline, not an event: "June 11, 2021 Contact: ...", "Release Date: May 3, 2019".
_DATELINE_AFTER = re.compile(r"^\s*(?:Contact\b|For\s+Immediate\s+Release\b)", re.I)
_DATELINE_BEFORE = re.compile(r"\b(?:Release|Date|Dated|Posted|Updated)\s*:?\s*$", re.I)
# A relative clause between the trigger and a later date: the date is that clause's.
_RELATIVE_BETWEEN = re.compile(r",\s*(?:who|whom|which|where|whose)\b", re.I)
# The trigger inside a relative clause after the date ("judge dismissed the case today
# against X, who was charged with"): the date is the main clause's.
_RELATIVE_HOLDS = re.compile(r"\b(?:who|whom)\s+(?:\w+\s+){0,3}$", re.I)
# A coordination boundary between a date and the trigger ("..., and was sentenced").
_COORDINATION = re.compile(r",\s*(?:and|but)\b|;", re.I)
# "... and was sentenced", "and has been convicted": another outcome's own clause.
_AUX_CONJUNCT = re.compile(
    r"\band\s+(?:(?:was|were|is|are|has|have|had)\s+)(?:been\s+)?(?:\w+\s+)?"
    r"(?P<verb>(?:sentenc|convict|acquit|indict|charg|arraign|plead|pled|found)\w*)",
    re.I,
)
# Words of each kind of outcome (the trigger's own, or another one's).
_KINDS = {
    "acquitted": r"\bacquit\w*|\bnot\s+guilty\b",
    "pleaded_guilty": (
        r"\b(?:pleaded|pled|pleads|plead|pleading)\b|\bguilty\s+pleas?\b|\bplea\s+of\s+guilty\b"
    ),
    "convicted": r"\bconvict\w*|\bfound\s+(?:\w+\s+){0,4}?guilty\b|\bverdicts?\b",
    "sentenced": r"\bsentenc\w*",
    "charged": r"\b(?:charged|indicted|arraigned)\b",
}
_KIND_RE = {k: re.compile(v, re.I) for k, v in _KINDS.items()}
# The lead that lends an undated outcome its date tells the same kind of outcome; a guilty
# plea is also told by a lead of conviction ("A softball coach was convicted today of ...
# / George Quevedo Quintana, 37, Anaheim, pleaded guilty to the court to ...": 119 such
# pairs in the corpus, all Orange County releases, the plea of that day).
_LEAD_RE = {
    **_KIND_RE,
    "pleaded_guilty": re.compile(
        _KINDS["pleaded_guilty"] + r"|\b(?:was|were)\s+convicted\s+(?:today|yesterday)\b", re.I
    ),
}
_ANY_OUTCOME = re.compile("|".join(_KINDS.values()), re.I)
# "the same day": the last date told before it.
_SAME_DAY = re.compile(
    r"\b(?:the\s+same\s+day|that\s+same\s+day|later\s+that\s+day|that\s+day)\b", re.I
)
# An earlier or separate outcome: no borrowing of the lead's date.
_NOT_THE_LEAD = re.compile(r"\b(?:previously|earlier|already|had|separately|prior)\b[^,;]*$", re.I)
# A co-defendant's outcome is never the unnamed lead's ("Co-defendant X, 45, who ...,
# pleaded guilty March 19, 2009, and was sentenced to one year"): no borrowed date.
_CO_DEFENDANT = re.compile(r"\bco-?defendants?\b", re.I)
# Content of a charging document, not the act of charging: "The indictment charges X with".
_DOCUMENT_SUBJECT = re.compile(r"^(?:indictments?|complaints?|information|petitions?)$", re.I)
_PRESENT_AUX = {"has", "have", "is", "are", "am"}
# Verbs of bringing a charging document: its day is the charging's.
_FILING = {"return", "file", "unseal", "issue"}
# Words that put an outcome under another one: "after being convicted", "following his
# plea", "upon his arrest".
_SUBORDINATING = {"after", "following", "upon", "since", "before", "until"}
# Participles that work as prepositions: "convicted following a jury trial last month".
_PREPOSITION_VERBS = {"following", "including", "regarding", "concerning"}
# "have already pleaded guilty", "has previously been convicted": an earlier outcome
# retold, not the release's news.
_EARLIER_ADVERBS = {"already", "previously", "earlier", "formerly"}
# Gerunds of joining a scheme ("pleaded guilty to participating in that conspiracy on
# April 2, 2009"): a conspiracy lasts longer than a day, so a day in their phrase is the
# outcome's, not the offence's.
_SCHEME_VERBS = {"participate", "conspire", "engage"}
# Verbs of telling: a date of the telling ("Ogg announced Tuesday") is the release's,
# not the outcome's, once another mention of the outcome writes its own.
_TELLING = {"announce", "say", "state", "report", "confirm", "disclose"}
# Nouns of the proceedings themselves: a date written before one ("a May 19, 2009,
# indictment", "his July 1, 2025 guilty plea", "a May 22, 2015, hearing") is the date of
# a step of the case, not of the offence.
_PROCEEDING_NOUNS = {
    "indictment", "plea", "hearing", "verdict", "trial", "complaint", "information",
    "sentencing", "arraignment", "conviction", "arrest", "judgment", "order", "agreement",
    "sentence", "ruling", "decision", "appearance", "proceeding", "filing", "deal",
    "court", "session", "conference", "announcement", "release",
}  # fmt: skip


def _clause(text: str, trig: tuple[int, int]) -> tuple[int, int]:
    """Bounds of the sentence-like stretch around the trigger (spaCy may join two sentences)."""
    stops = [m.end() for m in re.finditer(r"(?<=[a-z0-9)])[.!?]\s+(?=[A-Z“\"])", text)]
    start = max((s for s in stops if s <= trig[0]), default=0)
    end = min((s for s in stops if s > trig[1]), default=len(text))
    return start, end


def subordinate(text: str, trig_start: int) -> bool:
    """An earlier outcome told inside another one's sentence ("after being convicted")."""
    return bool(_SUBORDINATE_BEFORE.search(text[max(0, trig_start - 30) : trig_start]))


def _present(tok: Token | None) -> bool:
    if tok is None:
        return False
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj and _DOCUMENT_SUBJECT.match(subj[0].lower_):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in _EARLIER_ADVERBS for c in tok.children):
        return False
    aux = any(c.dep_ in ("aux", "auxpass") and c.lower_ in _PRESENT_AUX for c in tok.children)
    return tok.tag_ in ("VBZ", "VBP") or aux


def _sentence_text(sent: Span) -> str:
    """The sentence's text, joined with the next one when the parser split it after an
    initial ("Judge Jose A. / Fuste the same day")."""
    text = sent.text
    if re.search(r"\b[A-Z][a-z]+\s[A-Z]\.\s*$", text) and sent.end < len(sent.doc):
        nxt = sent.doc[sent.end].sent
        text = doc_text(sent.doc)[sent.start_char : nxt.end_char]
    return text


def _kind(trigger: str) -> str | None:
    return next((k for k, p in _KIND_RE.items() if p.search(trigger)), None)


def _candidates(
    text: str, lo: int, hi: int, trig: tuple[int, int], published: str | None
) -> list[tuple[int, int, DateValue]]:
    """Dates of the clause ``text[lo:hi]`` that may be the trigger's (offsets into text)."""
    out = []
    for s, e, v in find_dates(text[lo:hi], published):
        s, e = lo + s, lo + e
        if (
            v.precision == "year"
            and not _YEAR_AS_TIME.search(text[max(lo, s - 25) : s])
            and not (_REL_YEAR.match(text[s:e]))
        ):
            continue
        if v.precision == "year" and s >= trig[1] and _CHARGE_OBJECT.search(text, trig[1], s):
            continue  # "charged with the murder of her daughter in 1969": the offence's year
        if v.precision == "year" and e <= trig[0] and not _FRONTED_YEAR.fullmatch(text, lo, s):
            continue  # "A man who jumped bail before his trial in 2021 ... pleaded guilty"
        if s >= trig[1] and _span_holds(text, trig[1], s):
            continue  # "indicted 115 cases since the inception of operations in March 2007"
        if _NOT_DECISION_BEFORE.search(text[max(lo, s - 40) : s]):
            continue
        if (
            _DATELINE_AFTER.match(text[e : e + 40])
            or _DATELINE_BEFORE.search(text[max(lo, s - 25) : s])
            or _page_date(text, s, e)
        ):
            continue
        if s >= trig[1] and _RELATIVE_BETWEEN.search(text, trig[1], s):
            continue
        if e <= trig[0] and _RELATIVE_HOLDS.search(text, e, trig[0]):
            continue
        if e <= trig[0] and _coordinated_other(text, lo, (s, e), trig) and not _opens(text, lo, s):
            continue
        if s >= trig[1] and _coordinated_other(text, hi, (s, e), trig):
            continue
        out.append((s, e, v))
    return out


def _opens(text: str, lo: int, date_start: int) -> bool:
    """The date opens the clause ("On Dec. 16, 2008, Sharp pleaded guilty ..., and was
    sentenced to pay"): it dates every outcome coordinated after it, not only the first."""
    return bool(_OPENING.fullmatch(text, lo, date_start))


def _later_conjunct(text: str, trig: tuple[int, int], date_start: int) -> bool:
    """Between the trigger and a later date, "and" opens another outcome's clause with its
    own auxiliary ("pleaded guilty to maintaining a book that concealed ... and was
    sentenced on May 6, 2009"), however the parser attaches it; "convicted and sentenced
    on May 6" (no auxiliary) shares the date."""
    mine = _kind(text[trig[0] : trig[1]])
    for m in _AUX_CONJUNCT.finditer(text, trig[1], date_start):
        verb = m.group("verb")
        theirs = _kind(text[m.start("verb") : date_start] if verb.lower() == "found" else verb)
        if mine is not None and theirs is not None and theirs != mine:
            return True
    return False


def _span_holds(text: str, lo: int, date_start: int) -> bool:
    """A "since/until/through" phrase between the trigger and a later date holds the date
    (no comma between them: "from 1995 through 2007, the Department announced today")."""
    found = list(_SPAN_BETWEEN.finditer(text, lo, date_start))
    return bool(found) and not re.search(r"[,;]", text[found[-1].end() : date_start])


def _page_date(text: str, start: int, end: int) -> bool:
    """The page's own date line, not an event's: a date alone on its line under the
    headline ("... Sentenced to 60 Years\n\nApril 4, 2023\n\nA Houston man ..."), or
    heading the title ("June 5, 2026: Judge Dismisses Indictment ...")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end < 0 else line_end]
    if text[line_start:start].strip():
        return False
    return not rest.strip(" .:") or bool(re.match(r"\s*:\s+[A-Z]", rest))


def _coordinated_other(text: str, edge: int, date: tuple[int, int], trig: tuple[int, int]) -> bool:
    """The date sits in another outcome's conjunct: a coordination boundary lies between
    it and the trigger, and the date's side of it names another outcome."""
    between = (date[1], trig[0]) if date[1] <= trig[0] else (trig[1], date[0])
    bounds = list(_COORDINATION.finditer(text, *between))
    if not bounds:
        return False
    if date[1] <= trig[0]:
        side = text[max(edge, _last_boundary(text, edge, date[0])) : bounds[0].start()]
    else:
        side = text[bounds[-1].end() : edge]
    return bool(_ANY_OUTCOME.search(side))


def _last_boundary(text: str, lo: int, pos: int) -> int:
    found = [m.end() for m in _COORDINATION.finditer(text, lo, pos)]
    return found[-1] if found else lo


def decision_date(
    sent: Span, trig: tuple[int, int], tok: Token | None, published: str | None
) -> str | None:
    """The date nearest the trigger (ISO, truncated to its precision); published date
    for present(-perfect) news; the date of the release's unnamed lead or of "the same
    day"; else None."""
    return dated(sent, trig, tok, published)[0]


def dated(
    sent: Span, trig: tuple[int, int], tok: Token | None, published: str | None
) -> tuple[str | None, str | None]:
    """:func:`decision_date` and how it was obtained (``schemas.DECISION_DATE_SOURCES``,
    None without a date): ``written`` in the trigger's clause; ``announced``, the date of
    the telling verb ("Ogg announced Tuesday"); ``release_day``, the published date given
    by the tense ("has pleaded guilty"); ``lead``, borrowed from an earlier sentence (the
    unnamed lead, "the same day"). An ``announced`` or ``release_day`` date is only
    inferred, so a date written with another mention of the same outcome ("pleaded guilty
    Tuesday") should replace it."""
    text = _sentence_text(sent)
    lo, hi = _clause(text, trig)
    dates = [
        d
        for d in _candidates(text, lo, hi, trig, published)
        if not _attached_elsewhere(sent, d[0], d[1], tok, d[2].precision)
        # "pleaded guilty ... and was sentenced on May 6, 2009": the sentencing's (the
        # parser may hang the clause elsewhere); an unnamed lead still lends it (_lead_date)
        and not (d[0] >= trig[1] and _later_conjunct(text, trig, d[0]))
    ]
    if dates:
        s, e, v = min(
            dates,
            key=lambda d: (_RANK[d[2].precision], min(abs(d[0] - trig[1]), abs(d[1] - trig[0]))),
        )
        if not (v.precision == "year" and published and _present(tok)):
            return v.iso, "announced" if _told_on(sent, s, e, tok) else "written"
    if published and _present(tok):
        return published[:10], "release_day"
    day = _undated(sent, text, lo, hi, trig, published)
    return day, "lead" if day else None


def _date_span(sent: Span, start: int, end: int) -> Span | None:
    return sent.doc.char_span(
        sent.start_char + start, sent.start_char + end, alignment_mode="expand"
    )


def _governing_verb(tok: Token) -> Token | None:
    """The nearest verb above ``tok`` in the parse."""
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _told_on(sent: Span, start: int, end: int, trigger: Token | None) -> bool:
    """The date is the telling's ("..., Ogg announced Tuesday"), not the outcome's own:
    a date another mention of the outcome writes should replace it."""
    if trigger is None:
        return False
    span = _date_span(sent, start, end)
    if span is None:
        return False
    verb = _governing_verb(span.root)
    # the reporting tag after the outcome ("X was sentenced ..., Ogg announced Tuesday")
    # or before it ("Gonzalez today announced that X was convicted"): the release's day,
    # the outcome's only while no mention of it writes its own ("convicted yesterday")
    return verb is not None and verb.i != trigger.i and verb.lemma_.lower() in _TELLING


def _offence_noun(date: Token, trigger: Token) -> bool:
    """The date modifies a noun of the trigger's "for" phrase: "sentenced ... for his
    execution of bombings in New York City on Sept. 17, 2016" (the offence's date)."""
    tok = date
    seen_noun = False
    while tok.head.i != tok.i and tok.head.i != trigger.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return False
        seen_noun = seen_noun or tok.pos_ in ("NOUN", "PROPN")
    return tok.head.i == trigger.i and tok.dep_ == "prep" and tok.lower_ == "for" and seen_noun


def _other_conjunct(date: Token, trigger: Token) -> bool:
    """The date sits in a coordinated verb phrase of another outcome that has words of
    its own: "convicted of the same charges by a different jury and was sentenced to 15
    years on February 13, 2018" (the sentence's date), "convicted of murder by a jury on
    Monday and sentenced by a judge" (the verdict's)."""
    verb = _governing_verb(date)
    if verb is None or verb.i == trigger.i:
        return False
    if not (
        (verb.dep_ == "conj" and verb.head.i == trigger.i)
        or (trigger.dep_ == "conj" and trigger.head.i == verb.i)
    ):
        return False
    mine, theirs = _kind(trigger.text), _kind(verb.text)
    if mine is None or theirs is None or mine == theirs:
        return False
    if date.i < min(verb.i, trigger.i):
        return False  # fronted: "on March 5, 1998, he was convicted ... and sentenced"
    lo, hi = sorted((verb.i, trigger.i))
    doc = trigger.doc
    own_words = [
        t for t in doc[lo + 1 : hi] if t.dep_ not in ("cc", "aux", "auxpass", "punct", "advmod")
    ]
    return bool(own_words)


def _nominal_own(date: Token, trigger: Token, telling: bool = True) -> bool:
    """A date of a nominal trigger: one that modifies the noun ("his plea on May 3") or
    the verb the noun is the subject or object of ("entered a guilty plea on May 3", "a
    verdict was returned on Monday"); not the date of the clause the noun only sits in
    ("documents filed in connection with their guilty pleas, on January 24, 2010,
    defendants were on duty")."""
    tok = date
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.i == trigger.i:
            return True
        if tok.pos_ in ("VERB", "AUX") and tok.lower_ not in _PREPOSITION_VERBS:
            if _subordinate_noun(trigger):
                return False  # "sentenced today ... following his conviction"
            if tok.lemma_.lower() in _TELLING:
                return telling  # "has returned a guilty verdict ..., DOJ announced today"
            if trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
                return tok.i == trigger.head.i
            # "pleaded guilty at his arraignment on May 3": a noun of the verb's own phrase
            return trigger.dep_ == "pobj" and trigger.head.head.i == tok.i
    return False


def _subordinate_noun(noun: Token) -> bool:
    """An earlier outcome told as the circumstance of another: "following his
    conviction", "after her guilty plea", "prior to his arraignment"."""
    head = noun.head
    return (
        noun.dep_ == "pobj"
        and head.lower_ in _SUBORDINATING
        or (head.lower_ == "to" and head.head.lower_ == "prior")
    )


def nominal_date(
    sent: Span, trig: tuple[int, int], tok: Token | None, published: str | None
) -> str | None:
    """A day written in a nominal trigger's own phrase: "following his guilty plea to
    first-degree manslaughter on April 17, 2024" (the plea's day), never a date of the
    verb the noun hangs from ("sentenced today following his plea")."""
    if tok is None:
        return None
    text = _sentence_text(sent)
    lo, hi = _clause(text, trig)
    dates = sorted(
        _candidates(text, lo, hi, trig, published),
        key=lambda d: min(abs(d[0] - trig[1]), abs(d[1] - trig[0])),
    )
    for s, e, v in dates:
        span = _date_span(sent, s, e)
        if v.precision == "day" and span is not None and _nominal_own(span.root, tok, False):
            return v.iso
    return None


def _event_premodifier(span: Span, trigger: Token) -> bool:
    """The date is written before a noun it dates: "sentenced for their roles in a Nov. 6,
    2015 attempted murder", "convicted in connection with an April 5, 1999, fire" (the
    offence's day). A noun of the proceedings ("a May 19, 2009, indictment") or the
    trigger itself keeps its date."""
    heads = [t.head for t in span if t.head.i >= span.end]
    return any(
        h.pos_ == "NOUN"
        and h.ent_type_ not in ("DATE", "TIME")  # "Tuesday afternoon"
        and not any(_proceeding(n, trigger) for n in _noun_chain(h))
        for h in heads
    )


def _noun_chain(tok: Token) -> list[Token]:
    """A noun and the nouns it is a compound of: "court" of "a June 5 court appearance"."""
    out = [tok]
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head
        out.append(tok)
    return out


def _proceeding(noun: Token, trigger: Token) -> bool:
    return (
        noun.i == trigger.i
        or noun.lemma_.lower() in _PROCEEDING_NOUNS
        or bool(_ANY_OUTCOME.search(noun.text))
    )


def _attached_elsewhere(
    sent: Span, start: int, end: int, trigger: Token | None, precision: str | None = None
) -> bool:
    """The parse puts the date under another verb of the trigger's clause: "charged with
    killing her neighbour on Sept. 6, 2018", "were on duty on Jan. 24, 2010, when ..."."""
    if trigger is not None and trigger.pos_ == "NOUN":
        span = _date_span(sent, start, end)
        return span is not None and not _nominal_own(span.root, trigger)
    if trigger is None or trigger.pos_ not in ("VERB", "AUX"):
        return False
    span = _date_span(sent, start, end)
    if span is None or span.root.i == span.root.head.i:
        return False
    if trigger.dep_ == "acl" and _DOCUMENT_SUBJECT.match(trigger.head.lower_):
        # "An indictment charging X ... was returned on Dec. 14, 2017": the document's
        # own day is the charging's
        verb = _governing_verb(span.root)
        return not (
            verb is not None
            and verb.lemma_.lower() in _FILING
            and trigger.head.head.i == verb.i
            and trigger.head.dep_ in ("nsubj", "nsubjpass", "dobj")
        )
    if (_attributive(trigger) or _subordinate_clause(trigger)) and span.root not in trigger.subtree:
        # "an indictment charging her", "convicted rapist X", "after a jury convicted
        # him": a date outside the trigger's own phrase is the main clause's
        return True
    if _offence_noun(span.root, trigger) or _other_conjunct(span.root, trigger):
        return True
    if _under_subordinate_outcome(span.root, trigger):
        return True
    if _gerund_above(span.root, trigger):
        return True
    if _event_premodifier(span, trigger):
        return True
    head = span.root.head
    while (head.pos_ == "ADP" or head.lower_ in _PREPOSITION_VERBS) and head.head.i != head.i:
        head = head.head
    if head.pos_ not in ("VERB", "AUX") or head.i == trigger.i:
        return False
    # A gerund, a participle of a noun or a clause of its own under the trigger tells the
    # offence or another event ("charged with killing her neighbour on Sept. 6, 2018",
    # "sentenced for their roles in burning a cross on Aug. 28, 2010", "charged ... for a
    # crime committed in Riverside on Sept. 9, 2014"), bar a day in a gerund of joining a
    # scheme (_SCHEME_VERBS); the trigger's governor ("announced today that X was
    # sentenced") and a coordinated outcome ("convicted and sentenced") share its date.
    if head not in trigger.subtree or head.dep_ == "conj":
        return False
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
    return (
        (head.tag_ == "VBG" and not (precision == "day" and head.lemma_ in _SCHEME_VERBS))
        or (head.tag_ == "VBN" and head.dep_ == "acl" and not _proceeding(head.head, trigger))
        or (own_subject and head.dep_ in ("advcl", "relcl", "ccomp"))
    )


def _under_subordinate_outcome(date: Token, trigger: Token) -> bool:
    """The date modifies another outcome's noun told as the circumstance of this one:
    "sentenced ... following his conviction last month", "after his guilty plea in March"
    (the conviction's, the plea's date)."""
    tok = date
    while tok.head.i != tok.i and tok.i != trigger.i:
        tok = tok.head
        if tok.i != trigger.i and tok.pos_ == "NOUN" and _ANY_OUTCOME.search(tok.text):
            return _subordinate_noun(tok)
    return False


def _gerund_above(date: Token, trigger: Token) -> bool:
    """The first verb above the date, past prepositions and nouns, is a gerund object of
    "for"/"in"/"of": "... and was sentenced for killing Terri Mendoza at her apartment on
    Willow Place Drive on August 16, 2021" (the killing's day, whichever verb of the
    sentence the gerund hangs from)."""
    tok = date
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.i == trigger.i:
            return False
        if tok.pos_ in ("VERB", "AUX") and tok.lower_ not in _PREPOSITION_VERBS:
            return (
                tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.lower_ in ("for", "in", "of")
            )
    return False


def _attributive(trigger: Token) -> bool:
    """The trigger describes a noun: "an indictment charging her", "convicted rapist X",
    "X, who was charged with murder"."""
    if trigger.dep_ == "amod":
        return not _proceeding(trigger.head, trigger)  # "a stipulated judgment" is one
    if trigger.dep_ == "acl" and trigger.tag_ == "VBG":
        return True
    return trigger.dep_ == "relcl" and any(
        c.tag_ in ("WP", "WDT") and c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children
    )


def _subordinate_clause(trigger: Token) -> bool:
    """The trigger's clause is introduced by "after", "following", ... ("sentenced late
    Monday after a jury convicted him")."""
    return trigger.dep_ in ("advcl", "pcomp") and (
        any(c.dep_ == "mark" and c.lower_ in _SUBORDINATING for c in trigger.children)
        or (trigger.dep_ == "pcomp" and trigger.head.lower_ in _SUBORDINATING)
    )


def _undated(
    sent: Span, text: str, lo: int, hi: int, trig: tuple[int, int], published: str | None
) -> str | None:
    same = _SAME_DAY.search(text, lo, hi)
    if same:
        return _last_date_before(sent, same.start(), published)
    if _NOT_THE_LEAD.search(text[lo : trig[0]]) or _CO_DEFENDANT.search(text, lo, trig[0]):
        return None
    return _lead_date(sent, text[trig[0] : trig[1]], published)


def _last_date_before(sent: Span, pos: int, published: str | None) -> str | None:
    """The last day-precise date within the 400 characters before ``pos`` of ``sent``."""
    start = max(0, sent.start_char - 400)
    before = doc_text(sent.doc)[start : sent.start_char + pos]
    days = [v for _, _, v in find_dates(before, published) if v.precision == "day"]
    return days[-1].iso if days else None


def _lead_date(sent: Span, trigger: str, published: str | None) -> str | None:
    """The date of an earlier sentence telling the same kind of outcome of people it
    does not name ("A 36-year-old man was sentenced on Friday ...")."""
    kind = _kind(trigger)
    if kind is None:
        return None
    doc = sent.doc
    persons = [e.start_char for e in doc.ents if e.label_ == "PERSON" and e.end <= sent.start]
    # The first sentence telling this kind of outcome, or the second one after a
    # headline without a date; never a quotation.
    tries = 2
    for lead in sentences(doc):
        if lead.start >= sent.start or tries == 0:
            break
        lead_text = span_text(lead)
        m = _LEAD_RE[kind].search(lead_text)
        if m is None:
            continue
        if m.start() > 0 and lead_text[m.start()].isupper():
            continue  # a title-case headline ("Man Charged With ..."), often repeated
        tries -= 1
        if re.search(r"[“”\"]", lead_text):
            return None
        if any(lead.start_char <= p < lead.start_char + m.start() for p in persons):
            return None
        lo, hi = _clause(lead_text, m.span())
        lead_tok = next((t for t in lead if t.idx >= lead.start_char + m.start()), None)
        if lead_tok is not None and lead_tok.dep_ == "amod":
            lead_tok = lead_tok.head  # "guilty pleas": the noun
        if lead_tok is not None and lead_tok.pos_ == "NOUN" and _year_before(lead_text, m.start()):
            return None  # "recommends 1982 conviction be overturned": an old outcome retold
        dates = _candidates(lead_text, lo, hi, m.span(), published)
        if lead_tok is not None and lead_tok.pos_ == "NOUN":
            # a nominal lead ("documents filed with their guilty pleas, on January 24,
            # 2010, defendants were on duty") lends only a date of its own phrase
            dates = [d for d in dates if not _attached_elsewhere(lead, d[0], d[1], lead_tok)]
        if dates:
            _, _, v = min(
                dates,
                key=lambda d: (
                    _RANK[d[2].precision],
                    min(abs(d[0] - m.end()), abs(d[1] - m.start())),
                ),
            )
            return v.iso if v.precision == "day" else None
    return None


def _year_before(text: str, pos: int) -> bool:
    """A date with its year written right before an outcome noun dates the noun ("a 1982
    conviction", "his May 2009 guilty plea"): the lead tells an earlier outcome. A
    relative word ("today's conviction") is the release's own news."""
    before = text[max(0, pos - 30) : pos]
    return any(
        not before[e:].strip(" ,") and re.search(r"(?:19|20)\d\d", before[s:e])
        for s, e, _ in find_dates(before, None)
    )


def own_date(after: str, published: str | None) -> str | None:
    """A day-precise date written right after a nominal trigger: "his plea on May 3",
    "his guilty plea to first-degree manslaughter on April 17, 2024" (in the noun's own
    phrase), never past a comma ("their guilty pleas, on January 24, 2010, defendants
    were on duty": the next clause's date) or another outcome's word; a weekday only
    right after the noun ("... - DA NewsCenter announced today that" is the telling's)."""
    if re.match(r"\s*(?:today|this|yesterday)", after, re.I):
        return None
    for s, e, v in find_dates(after, published):
        if v.precision != "day" or re.search(r"[,;:]|\band\b", after[:s]):
            continue
        if _ANY_OUTCOME.search(after[:s]):
            return None
        if s < 12 or (s < 50 and re.search(r"\d", after[s:e])):
            return v.iso
    return None


def spanish_date(
    text: str,
    trig: tuple[int, int],
    published: str | None,
    not_decision: re.Pattern[str] | None,
    present: re.Pattern[str] | None,
) -> tuple[str | None, str | None]:
    """The decision date of a trigger in a Spanish sentence (``rules/outcomes_es.yaml``)
    and its source (as :func:`dated`'s): the day-precise date of the trigger's clause
    nearest to it ("El 17 de julio de 2025, X se declaró culpable"), passing over a date
    that dates something else ("entre el 12 de enero", "programado para el 5 de marzo");
    else the release day for an outcome told in the present ("es acusado de", "se declara
    culpable"); else None."""
    stop = re.compile(r";|(?<=[a-z0-9)])[.!?]\s+(?=[A-Z])")
    lo = max((m.end() for m in stop.finditer(text, 0, trig[0])), default=0)
    hi = min((m.start() for m in stop.finditer(text, trig[1])), default=len(text))
    days = [
        (s, e, v)
        for s, e, v in find_dates(text[lo:hi], published, "es")
        if v.precision == "day"
        and not (not_decision and not_decision.search(text[max(0, lo + s - 40) : lo + s]))
    ]
    if days:
        s, e, v = min(days, key=lambda d: min(abs(lo + d[0] - trig[1]), abs(lo + d[1] - trig[0])))
        return v.iso, "written"
    if published and present is not None and present.match(text[trig[0] : trig[1]]):
        return published[:10], "release_day"
    return None, None
