"""Legal outcomes (charged, pleaded guilty, convicted, sentenced, ...) per defendant.

Trigger phrases, blocking cues and role words live in ``rules/outcomes.yaml``.
For each trigger sentence the defendant is the subject/object of the trigger
verb (dependency parse), else a non-official person named in the sentence,
else the defendant of the previous outcome ("he was sentenced"). Rows of one
defendant and outcome type are merged, earlier mentions winning.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from casewire import rules as rule_files
from casewire.extract.blocks import (
    VERDICT_LEAD,
    CaseBlock,
    Record,
    case_blocks,
    disjoint,
    is_name_line,
    person_like,
    record_names,
    records,
)
from casewire.extract.charges import find_charges
from casewire.extract.civil import (
    civil_parties,
    companies_before,
    fallback_allowed,
    government,
    is_civil,
)
from casewire.extract.courts import bare_districts, court_mentions, find_court
from casewire.extract.dates import find_dates
from casewire.extract.evidence import doc_text, sent_at, sentence_evidence, sentences, span_text
from casewire.extract.names import NameIndex
from casewire.extract.outcome_announcer import find_announcer, news_flags
from casewire.extract.outcome_dates import dated, nominal_date, own_date, spanish_date, subordinate
from casewire.extract.outcome_people import (
    RULING_NOUNS,
    alias_owner,
    build_context,
    case_officials,
    clean_name,
    defendants,
    dismissal_defendants,
    names_in,
    plausible_defendant,
    spanish_defendants,
)
from casewire.extract.quantities import Term, find_money, find_terms
from casewire.extract.tables import TableRow, table_rows
from casewire.records import Charge, Document, Evidence, Outcome
from casewire.textnorm import NAME_SUFFIXES
from schemas._common import RELEASE_DATE_SOURCES

_NAME = r"(?P<name>[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|(?:de|del|la|van|von)\b)){0,3})"


#: The language of the document being read ("en", "es"): which rule file applies.
_LANG: ContextVar[str] = ContextVar("outcome_language", default="en")
#: Rule files by document language; any other language reads the English rules.
_RULE_FILES = {"en": "outcomes", "es": "outcomes_es"}


def rules() -> dict[str, Any]:
    """Compiled outcome rules of the language being read (loaded once per language)."""
    return _rules(_LANG.get())


@lru_cache(maxsize=4)
def _rules(lang: str) -> dict[str, Any]:
    raw = rule_files.load_rules(_RULE_FILES.get(lang, "outcomes"))
    c = lambda p: re.compile(p, re.I)  # noqa: E731
    opt = lambda k, flags=re.I: re.compile(raw[k], flags) if raw.get(k) else None  # noqa: E731
    triggers = [(t, c(p)) for t, ps in raw["triggers"].items() for p in ps]
    triggers += [(t, c(p)) for t, ps in raw["extra_triggers"].items() for p in ps]
    words = tuple(raw.get("trigger_words") or ())
    return {
        "triggers": triggers,
        # each trigger with the trigger words its pattern names (none: runs everywhere)
        "anchored": [
            (t, p, frozenset(w for w in words if w in p.pattern.lower())) for t, p in triggers
        ],  # fmt: skip
        "trigger_words": words,
        # rules that declare no trigger words: one pass that rules out the many sentences
        # no trigger matches
        "any_trigger": None
        if words
        else re.compile("|".join(f"(?:{p.pattern})" for _, p in triggers), re.I),
        "block": [c(p) for p in raw["not_outcome_before"] + raw["not_outcome_sentence"]],
        "tally": [c(p) for p in raw.get("tally_sentence", [])],
        "term_roles": {k: c(v) for k, v in raw["term_roles"].items()},
        "suspended": c(raw["suspended"]),
        "death": c(raw["death"]),
        "money_roles": {k: c(v) for k, v in raw["money_roles"].items()},
        "money_not_ordered": c(raw["money_not_ordered"]),
        "money_terms_agreed": opt("money_terms_agreed"),
        "judge": re.compile(raw["judge_title"] + raw["not_judge_name"] + _NAME),
        "method": {k: c(v) for k, v in raw["conviction_method"].items()},
        "denied": c(raw["denied_charges"]),
        "present_aux": set(raw["present_aux"]),
        "stage_words": {k: c(v) for k, v in raw["stage_words"].items()},
        "lang": lang,
        "clause_break": re.compile(raw["clause_break"]),
        "term_not_imposed": c(raw["term_not_imposed_before"]),
        "term_imposed_anyway": c(raw["term_imposed_anyway_before"]),
        "term_not_term": opt("term_not_term_before"),
        "life_before": re.compile(raw["life_before"]),
        "life_after": re.compile(raw["life_after"]),
        "approx": re.compile(raw["approx_before"]),
        "consecutive": c(raw["consecutive"]),
        "concurrent": c(raw["concurrent"]),
        "verdict": c(raw["verdict_words"]),
        "not_decision_before": opt("not_decision_before"),
        "present_trigger": opt("present_trigger"),
        "age_after": opt("age_after"),
    }


def _triggers(text: str) -> list[tuple[str, int, int]]:
    """Non-blocked ``(type, start, end)`` trigger matches in one sentence."""
    r, found = rules(), []
    if r["trigger_words"]:
        low = text.lower()
        present = {w for w in r["trigger_words"] if w in low}
        if not present:
            return found
        patterns = [(t, p) for t, p, words in r["anchored"] if not words or words & present]
    elif r["any_trigger"].search(text):
        patterns = r["triggers"]
    else:
        return found
    if any(t.search(text) for t in r["tally"]):
        return found
    for otype, pattern in patterns:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < fe and fs < e for _, fs, fe in found):
                continue
            clause = r["clause_break"].split(text[:s])[-1]
            if any(b.search(clause) for b in r["block"]):
                continue
            found.append((otype, s, e))
    return sorted(found, key=lambda t: t[1])


def _trigger_token(sent: Span, start: int, end: int) -> Token | None:
    toks = [t for t in sent if start <= t.idx - sent.start_char < end]
    verbs = [t for t in toks if t.pos_ in ("VERB", "AUX") and t.lemma_ not in ("be", "have")]
    # "the jury took three hours to sentence X", "convinced the jury to find X guilty":
    # the decision is the infinitive's, whose object is the defendant
    told = [v for v in verbs[1:] if v.lemma_ in _TOLD_DECISIONS
            and v.i > 0 and v.doc[v.i - 1].lower_ in ("to", "in")]  # fmt: skip
    return told[0] if told else verbs[0] if verbs else (toks[-1] if toks else None)


#: Decisions a trigger may tell through another verb's infinitive or gerund ("took an hour
#: to sentence", "wasted no time in finding him guilty").
_TOLD_DECISIONS = frozenset({"sentence", "find"})


def _nominal(tok: Token | None, sent: Span, trig: tuple[int, int]) -> bool:
    """A subordinate mention ("following his guilty plea", "her conviction") in a sentence
    with another trigger."""
    return tok is not None and tok.pos_ in ("NOUN", "PROPN") and _many_triggers(span_text(sent))


def _many_triggers(text: str) -> bool:
    return _many_triggers_in(text, _LANG.get())


@lru_cache(maxsize=256)
def _many_triggers_in(text: str, lang: str) -> bool:
    return len(_triggers(text)) > 1


def _custody(text: str, trig_start: int) -> tuple[dict[str, Any], bool]:
    out, approx, _ = _custody_terms(text, trig_start)
    return out, approx


def _custody_terms(text: str, trig_start: int) -> tuple[dict[str, Any], bool, list[Term]]:
    """Custody/probation/supervision fields from one sentencing sentence; approximate flag."""
    r, roles = rules(), rules()["term_roles"]
    custody: list[Term] = []
    out: dict[str, Any] = {}
    approx = False
    for t in find_terms(text, r["lang"]):
        after, before = text[t.end : t.end + 60], text[max(0, t.start - 50) : t.start]
        if r["term_not_imposed"].search(before) and not r["term_imposed_anyway"].search(before):
            continue
        if r["term_not_term"] is not None and r["term_not_term"].search(before):
            continue
        if t.life and not r["life_before"].search(before) and not r["life_after"].match(after):
            continue
        if roles["supervised_release"].match(after) or roles["supervised_before"].search(before):
            out.setdefault("supervised_release_months", t.max_months)
        elif roles["probation"].match(after) or roles["probation_before"].search(before):
            out.setdefault("probation_months", t.max_months)
        elif not roles["not_custody"].match(after) and (
            t.life or t.end > trig_start or roles["custody_context"].search(after)
        ):
            custody.append(t)
            approx = approx or bool(r["approx"].search(before))
    if custody:
        if r["consecutive"].search(text) and not any(t.life for t in custody):
            lo = sum(t.min_months or 0 for t in custody)
            out.update(
                sentence_min_months=lo, sentence_max_months=sum(t.max_months or 0 for t in custody)
            )
        else:
            first = (
                max(custody, key=lambda t: (t.life, t.max_months or 0))
                if r["concurrent"].search(text)
                else custody[0]
            )
            out.update(
                sentence_min_months=first.min_months,
                sentence_max_months=first.max_months,
                life_sentence=any(t.life for t in custody),
            )
        out["custody_suspended"] = bool(r["suspended"].search(text))
    out["death_sentence"] = bool(r["death"].search(text))
    return out, approx, custody


def _money(text: str, agreed: bool = False) -> dict[str, float]:
    """Court-ordered fine/restitution/forfeiture amounts in one sentence (``agreed``: a
    civil matter's sentence, whose "will pay" is a settlement's term, not an order)."""
    r, out = rules(), {}
    for s, e, usd in find_money(text, r["lang"]):
        before = text[max(0, s - 60) : s]
        clause = before.split(",")[-1] if "," in before else before
        if r["money_not_ordered"].search(clause):
            continue
        if agreed and r["money_terms_agreed"] and r["money_terms_agreed"].search(before):
            continue
        after = text[e : e + 40]
        role = next((k for k, p in r["money_roles"].items() if p.search(after[:30])), None)
        if role is None:
            hits = [(m.end(), k) for k, p in r["money_roles"].items() for m in p.finditer(before)]
            role = max(hits)[1] if hits else None
        if role is not None:
            out.setdefault(f"{role}_usd", usd)
    return out


_QUANTITY = (
    "sentence_min_months", "sentence_max_months", "life_sentence", "custody_suspended",
    "probation_months", "supervised_release_months", "fine_usd", "restitution_usd",
    "forfeiture_usd",
)  # fmt: skip


def _own_quantities(
    doc: Doc,
    names: NameIndex,
    sent: Span,
    trig: tuple[int, int],
    people: list[tuple[str, str]],
    defendants_known: set[str],
) -> dict[str, dict[str, Any]] | None:
    """Terms and money of each defendant when one sentence gives several their own.

    "sentenced A and B to 180 months and 60 months, respectively": the custody terms in
    order. "sentenced A to 96 months and B to 84 months", "A, 33, received 73 months; B,
    29, received two years probation": each value belongs to the clause of the defendant
    named before it. None when the sentence does not split so (one shared value)."""
    text = span_text(sent)
    _, _, terms = _custody_terms(text, trig[0])
    if re.search(r"\brespectively\b", text) and len(people) >= 2:
        terms = [t for t in terms if t.end > trig[0]]
        if len(terms) != len(people):
            return None
        return {
            p[0]: {"sentence_min_months": t.min_months, "sentence_max_months": t.max_months,
                   "life_sentence": t.life}
            for p, t in zip(people, terms, strict=True)
        }  # fmt: skip
    owners = {p[0] for p in people} | defendants_known
    marks = [
        (s - sent.start_char, n)
        for n, t, s, _ in names_in(doc, names, sent.start_char, sent.end_char)
        if t == "person" and n in owners
    ]
    firsts: dict[str, int] = {}
    for pos, n in marks:
        firsts.setdefault(n, pos)
    cuts = sorted((pos, n) for n, pos in firsts.items())
    if len(cuts) < 2:
        return None
    out: dict[str, dict[str, Any]] = {}
    for i, (pos, n) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        seg = text[pos:end]
        custody = _terms_and_money(seg, 0 if pos >= trig[0] else trig[0] - pos)
        if any(v not in (None, False) for k, v in custody.items() if k != "custody_suspended"):
            out[n] = custody
    if len(out) < 2:
        return None
    return {p[0]: out.get(p[0], {}) for p in people}


def _terms_and_money(text: str, trig_start: int = 0) -> dict[str, Any]:
    """Custody, probation, supervision and court-ordered money of one stretch of text
    (a clause of one defendant, a table cell, a record's "Sentence:" line)."""
    found, _ = _custody(text, trig_start)
    found.pop("death_sentence", None)
    found.update(_money(text))
    return found


def _method(text: str) -> str | None:
    """How a verdict was reached ("jury", "bench"), when the text says."""
    return next((m for m, p in rules()["method"].items() if p.search(text)), None)


def _first_day(text: str, published: str | None) -> str | None:
    """The first day-precise date written in ``text``."""
    lang = rules()["lang"]
    return next(
        (v.iso for _, _, v in find_dates(text, published, lang) if v.precision == "day"), None
    )


def _near(
    doc: Doc, sent: Span, kind: str, busy: set[int], otype: str, trig: tuple[int, int]
) -> str | None:
    """Judge in the outcome's sentence, else in the next or previous sentence
    when that sentence reports no outcome and speaks of no other stage of its own.

    Within the outcome's own sentence, a name past a word of another stage belongs to
    that stage (spaCy sometimes joins two sentences at "U.S. During ...")."""
    r = rules()
    other_stage = r["stage_words"].get(otype)
    sents = [sent]
    if sent.end < len(doc):
        sents.append(sent_at(doc, sent.end))
    if sent.start > 0:
        sents.append(sent_at(doc, sent.start - 1))
    for s in sents:
        if s is not sent and (
            s.start in busy or (other_stage and other_stage.search(span_text(s)))
        ):
            continue
        for m in r[kind].finditer(span_text(s)):
            if (
                s is sent
                and other_stage
                and _stage_between(other_stage, span_text(s), trig, m.span())
            ):
                continue
            return _clean_official(m.group("name") if kind == "judge" else m.group(0), kind)
    return None


def _stage_between(
    stage: re.Pattern[str], text: str, trig: tuple[int, int], span: tuple[int, int]
) -> bool:
    """Another stage's word stands between the trigger and the match."""
    lo, hi = (trig[1], span[0]) if span[0] >= trig[1] else (span[1], trig[0])
    return stage.search(text, lo, hi) is not None


def _clean_official(value: str, kind: str) -> str:
    value = value.strip(" ,")
    value = re.sub(r"^(.*?\b(?:Jr|Sr|II|III|IV)\b\.?).*$", r"\1", value)
    return re.sub(r"(?<=\w{3})\.$", "", value) if not value.endswith(("Jr.", "Sr.")) else value


def _written(day: str | None) -> str | None:
    """The source of a date read where it is written (a cell, a noun's phrase, a line)."""
    return "written" if day else None


def _fields(
    doc: Doc, sent: Span, otype: str, trig: tuple[int, int], published: str | None, busy: set[int]
) -> dict[str, Any]:
    """Every field one trigger sentence gives (defendant-independent)."""
    r, text = rules(), span_text(sent)
    tok = _trigger_token(sent, *trig)
    f: dict[str, Any] = {"charges": tuple(find_charges(text))}
    if r["lang"] == "es":
        # the English tagger's tense and clause reading do not hold on Spanish text
        day, source = spanish_date(text, trig, published, r["not_decision_before"],
                                   r["present_trigger"])  # fmt: skip
        f.update(decision_date=day, decision_date_source=source,
                 judge=_near(doc, sent, "judge", busy, otype, trig))  # fmt: skip
    elif _nominal(tok, sent, trig) or subordinate(text, trig[0]):
        f["decision_date"] = own_date(text[trig[1] : trig[1] + 60], published) or (
            nominal_date(sent, trig, tok, published) if _nominal(tok, sent, trig) else None
        )
        f["decision_date_source"] = _written(f["decision_date"])
    else:
        day, source = dated(sent, trig, tok, published)
        # only inferred (the tense, the telling verb's date): a later written day beats it
        f["_tense_date"] = source in RELEASE_DATE_SOURCES
        f.update(decision_date=day, decision_date_source=source,
                 judge=_near(doc, sent, "judge", busy, otype, trig),
                 court=find_court(doc, sent, busy, trig, r["stage_words"].get(otype)))  # fmt: skip
    counts = re.search(
        r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:\w+\s+)?counts?\b",
        text,
        re.I,
    )
    if counts:
        words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        c = counts.group(1).lower()
        f["counts"] = int(c) if c.isdigit() else words.index(c) + 1
    if otype == "pleaded_guilty":
        f["conviction_method"] = "plea"
    elif otype == "convicted":
        f["conviction_method"] = _method(text)
    if otype == "sentenced":
        custody, approx = _custody(text, trig[0])
        f.update(custody)
        f["_approx"] = approx
    if otype in ("sentenced", "other"):
        f.update(_money(text, agreed=otype == "other"))
    return f


def _ages(doc: Doc, names: NameIndex) -> dict[str, int]:
    """``Name, 56,`` and ``56-year-old Name`` ages by canonical name."""
    out: dict[str, int] = {}
    age_after = rules()["age_after"]
    for m in names.mentions_in(0, len(doc_text(doc))):
        after = doc_text(doc)[m.mention_end : m.mention_end + 8]
        before = doc_text(doc)[max(0, m.mention_start - 25) : m.mention_start]
        hit = re.match(r",\s*(\d{1,2})\b(?!,\d)", after) or re.search(
            r"\b(\d{1,2})-year-old\s+(?:\w+\s+)?$", before
        )
        if age_after is not None and not hit:  # "Rashee Rice, de 25 años,"
            hit = age_after.match(doc_text(doc), m.mention_end, m.mention_end + 40)
        name = clean_name(alias_owner(names, doc_text(doc), m).canonical)
        if hit and m.entity_type == "person" and name:
            out.setdefault(name, int(hit.group(1)))
    return out


def _written_ages(text: str, people: list[str], known: dict[str, int]) -> dict[str, int]:
    """``Name, 56,`` for defendants the tagger did not tag there ("Asem Elgawhary, 73,")."""
    out: dict[str, int] = {}
    for name in dict.fromkeys(p for p in people if p not in known):
        hit = re.search(re.escape(name) + r",\s*(?:age\s+)?(\d{1,2}),", text)
        if hit:
            out[name] = int(hit.group(1))
    return out


_NAME_RUN = re.compile(
    r"(?<![\w.’'-])((?:[A-Z][a-z][\w’'-]*|[A-Z]\.)(?:[ \t]+(?:[A-Z][a-z][\w’'-]*|[A-Z]\.|"
    r"[(\"“‘][^\s()]{1,20}[)\"”’]{1,2}))*)[ \t]+$"
)
_NOT_GIVEN = {"defendant", "defendants", "and", "both", "former", "inmate", "the"}
# What follows a name the release introduces: an age ("Dwain D. Williams, 37,") or an
# apposition that describes the person ("Ilya Sobolevskiy, a 25-year-old resident of",
# "Mahant Singh, operator of a gas station", "Troy Beam, of Harrisburg,", "X, who").
_INTRO = (
    r"(?:age\s+)?\d{1,2}\b(?![,.]?\d)"
    r"|(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:resident|citizen|national|native|man|woman|former)\b"
    r"|(?:a|an|the)\s+(?:former\s+)?(?:[a-z-]+\s+){0,2}?(?:owner|operator|president|officer|"
    r"agent|employee|director|manager|attorney|physician|doctor|nurse|pastor|executive|"
    r"official|member|chairman|founder|partner|accountant|broker|preparer)\b"
    r"|(?:former\s+)?(?:owner|operator|president|director|manager|founder|chairman)\s+of\b"
    r"|of\s+[A-Z]"
)


def _written_full_names(text: str, rows: list[Outcome]) -> dict[str, str]:
    """A one-word defendant (a surname) mapped to the full name the release introduces
    them by, when the tagger left that full name untagged: the capitalized words right
    before the surname's first writing with an age ("WASHINGTON - Dwain D. Williams, 37,",
    "and Eliceo Flores, 36", "Colin (“Rum”) Toney, 27,"); a nickname in brackets or quotes
    is left out. Without this, the surname alone is no name to publish and the row is lost."""
    out: dict[str, str] = {}
    for o in rows:
        w = o.defendant
        if o.defendant_type != "person" or " " in w or not w[:1].isupper() or w in out:
            continue
        aged = rf"(?<![\w-]){re.escape(w)},\s*(?:{_INTRO})"
        for m in re.finditer(aged, text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            run = _NAME_RUN.search(text, line_start, m.start())
            if run is None:
                continue
            words = [x for x in run.group(1).split() if x[0] not in '("“‘']
            while words and words[0].lower() in _NOT_GIVEN:
                words = words[1:]
            name = clean_name(" ".join([*words, w])) if words else None
            if name and len(name.split()) > 1:
                out[w] = name
            break
    return out


def _refine(old: Outcome, new: dict[str, Any]) -> Outcome:
    """A later exact term refines a rounded one ("38 years" then "460 months"), a later
    day a month or year; charges add up."""
    o, n = old.sentence_max_months, new.get("sentence_max_months")
    if o and n and o % 12 == 0 and o < n < o + 12 and n == new.get("sentence_min_months"):
        old = replace(old, sentence_min_months=n, sentence_max_months=n)
    d = new.get("decision_date")
    if d and old.decision_date and len(d) > len(old.decision_date):
        # a day beats a month or a year, as it beat None
        old = replace(old, decision_date=d, decision_date_source=new["decision_date_source"])
    extra = tuple(c for c in new.get("charges", ()) if c not in old.charges)
    return replace(old, charges=old.charges + extra) if extra else old


_CUSTODY = ("sentence_min_months", "sentence_max_months", "life_sentence")


#: Words by which a sentence tells a decision other than one already told: the decision
#: itself told as earlier or separate, a new trial, a resentencing. Read on 249 random
#: corpus releases: looser cues ("second", "another", "earlier", "prior") split one
#: decision in two in 6 of 9 cases ("second-degree", "a second superseding indictment
#: filed on", "earlier this month" of another step).
_ANOTHER = re.compile(
    r"\bpreviously\s+(?:had\s+)?(?:been\s+|was\s+|were\s+)?"
    r"(?:charged|indicted|convicted|sentenced|pleaded|arraigned)\b"
    r"|\bseparate(?:ly)?\s+(?:[\w-]+\s+){0,2}?(?:indictment|complaint|information|case)\b"
    r"|\b(?:second|new)\s+trial\b|\bretri(?:al|ed)\b|\bre-?sentenc\w*",
    re.IGNORECASE,
)

#: A release about a trial to come ("MAN FACES TRIAL FOR ...", "Opening statements will
#: begin on Monday"): 377 releases of the corpora say so in their first 1,500 characters
#: (346 Orange County), 284 of them with "X is charged with", a status told on the day of
#: the trial, not the day of the charge.
_TRIAL_PREVIEW = re.compile(
    r"\b(?:faces?|facing)\s+trial\b|\bto\s+(?:stand|go\s+on)\s+trial\b"
    r"|\btrial\s+(?:begins|to\s+begin|is\s+set)\b|\bopening\s+statements\b",
    re.IGNORECASE,
)

#: A row's key while a document is read: defendant, outcome type, and which of that
#: defendant's decisions of the type it is (0 for the first; see :func:`_slot`).
_Key = tuple[str, str, int]


def _distinct_decisions(old: Outcome, new: dict[str, Any]) -> bool:
    """Two mentions of one defendant's outcome type are two decisions when the later one
    says it is another (:data:`_ANOTHER`: "previously charged and arraigned on May 22",
    "a separate indictment ... unsealed today", "after his second trial") with a date
    written in it, and that date disagrees with the first row's. A written date alone never
    splits: an offence's or a plea's date read into a sentencing sentence is as common as
    a second decision."""
    d, o = new.get("decision_date"), old.decision_date
    if not d or not o or new.get("decision_date_source") != "written":
        return False
    return not (d.startswith(o) or o.startswith(d))


def _slot(
    rows: dict[_Key, Outcome], name: str, otype: str, fields: dict[str, Any], another: bool
) -> _Key:
    """The key of the row a mention adds to: the first of the defendant's rows of this
    type that is no other decision, else a new one. ``another``: the mention's sentence
    says it tells another decision (:data:`_ANOTHER`)."""
    n = 0
    while (name, otype, n) in rows:
        if not (another and _distinct_decisions(rows[(name, otype, n)], fields)):
            return (name, otype, n)
        n += 1
    return (name, otype, n)


def _merge(old: Outcome, new: dict[str, Any]) -> Outcome:
    """Fill the fields ``old`` lacks from a later mention of the same outcome.

    The custody term is one unit: "40 years to life" has no maximum on purpose, so
    a term read elsewhere never fills half of it.
    """
    has_custody = any(getattr(old, k) not in (None, False) for k in _CUSTODY)
    updates = {
        k: v
        for k, v in new.items()
        if v not in (None, (), False)
        and getattr(old, k) in (None, (), False)
        and not (has_custody and k in _CUSTODY)
    }
    return replace(old, **updates) if updates else old


def extract_outcomes(doc: Doc, document: Document, names: NameIndex) -> list[Outcome]:
    """One outcome per defendant and outcome type the document reports, read with the
    rules of the document's language (``rules/outcomes_es.yaml`` for Spanish)."""
    token = _LANG.set(document.language if document.language in _RULE_FILES else "en")
    try:
        return _extract_outcomes(doc, document, names)
    finally:
        _LANG.reset(token)


def _extract_outcomes(doc: Doc, document: Document, names: NameIndex) -> list[Outcome]:
    spanish = rules()["lang"] == "es"
    rows: dict[_Key, Outcome] = {}
    approx: dict[_Key, bool] = {}
    tense: dict[_Key, bool] = {}  # the row's date only inferred from tense
    denied: dict[str, list[Charge]] = {}
    ctx = build_context(doc, names)
    table = table_rows(doc_text(doc))
    blocks = disjoint([b for b in case_blocks(doc_text(doc)) if _block_name(names, b)])
    grants = records(doc_text(doc))
    # a block's outcome lines and a record's lines are cells, not prose; its narrative is prose
    in_table = [(r.start, r.end) for r in table] + [c for b in blocks for c in b.outcome_lines]
    in_table += [(r.head[0], r.sentence[1]) for r in grants]
    # a table's cells are read as cells (below), never as prose: a trigger inside a
    # row would give the row's outcome to whatever name the parse finds near it
    found = [
        (sent, [t for t in _triggers(span_text(sent))
                if not any(s <= sent.start_char + t[1] < e for s, e in in_table)])
        for sent in sentences(doc)
    ]  # fmt: skip
    busy = {sent.start for sent, trigs in found if trigs}
    preview = bool(_TRIAL_PREVIEW.search(doc_text(doc)[:1500]))
    # A term told without "sentenced" counts only once the release has told a sentencing.
    told = next((i for i, (_, t) in enumerate(found) if any(o == "sentenced" for o, _, _ in t)),
                len(found))  # fmt: skip
    found = [
        (sent, [(o if o != "sentenced_in_sentencing" else "sentenced", s, e) for o, s, e in trigs
                if o != "sentenced_in_sentencing" or i > told])
        for i, (sent, trigs) in enumerate(found)
    ]  # fmt: skip
    for sent, trigs in found:
        text = span_text(sent)
        another = bool(_ANOTHER.search(text))  # the sentence tells another decision
        for m in rules()["denied"].finditer(text):
            for n, _, _, _ in names_in(doc, names, sent.start_char, sent.start_char + m.start())[
                -1:
            ]:
                denied.setdefault(n, []).extend(
                    find_charges(text[m.start() :].replace("not guilty", "guilty"))
                )
        for otype, s, e in trigs:
            start = sent.start_char + s
            civil = otype == "other" and is_civil(text[s:e])
            ruling = False
            end = sent.start_char + e
            if civil:
                # the parse of the trigger's clause names the party; the criminal finder
                # only resolves a word that refers back to one ("the company agreed ...")
                people = civil_parties(doc, sent, start, end, names) or (
                    [p for p in defendants(doc, sent, _trigger_token(sent, s, e), start, names, ctx)
                     if not government(p[0])]
                    if fallback_allowed(doc, sent, start, end)
                    else companies_before(doc, sent, start, end, names)
                )  # fmt: skip
            elif spanish:
                # the English parse of a Spanish sentence names no reliable subject
                people = spanish_defendants(doc, sent, text[s:e], start, names, ctx)
            else:
                ruling = otype == "other" and bool(_RULING.search(text[s:e]))
                owned = (
                    dismissal_defendants(doc, sent, start, end, names, ctx,
                                         RULING_NOUNS if ruling else frozenset())
                    if otype == "dismissed" or ruling
                    else None
                )  # fmt: skip
                people = (
                    owned
                    if owned is not None
                    else defendants(doc, sent, _trigger_token(sent, s, e), start, names, ctx)
                )
            if not people:
                continue
            if not civil and (
                (otype != "dismissed" and not ruling)
                or any(n.split()[-1] in text for n, _ in people)
            ):
                # a civil party is no antecedent for a later criminal trigger's "he"/"they",
                # nor is a dismissal's or a ruling's owner not named in its own sentence
                # ("the case was dismissed", "the convictions were overturned": told as
                # history as often as news); one named there is ("the People v. X")
                ctx.set_last(start, people)
            fields = _fields(doc, sent, otype, (s, e), document.published_date, busy)
            if (
                otype == "charged"
                and fields.get("decision_date_source") == "release_day"
                and preview
            ):
                # "X is charged with ..." in a release about the trial: the charge is old
                fields.update(decision_date=None, decision_date_source=None)
            is_approx = fields.pop("_approx", False)
            tense_date = fields.pop("_tense_date", False)
            own = (
                _own_quantities(doc, names, sent, (s, e), people, {k[0] for k in rows})
                if otype == "sentenced"
                else None
            )
            shared = fields
            for name, etype in people:
                if own is not None:
                    fields = {k: v for k, v in shared.items() if k not in _QUANTITY}
                    fields.update(own.get(name, {}))
                key = _slot(rows, name, otype, fields, another)
                if key in rows:
                    if approx.get(key) and not is_approx and fields.get("sentence_max_months"):
                        rows[key] = replace(
                            rows[key], sentence_min_months=None, sentence_max_months=None
                        )
                        approx[key] = False
                    written = fields.get("decision_date")
                    if tense[key] and not tense_date and written and len(written) == 10:
                        # A day written with this mention beats one inferred from tense (a
                        # month or year of another mention may be another's outcome).
                        rows[key] = replace(
                            rows[key],
                            decision_date=written,
                            decision_date_source=fields["decision_date_source"],
                        )
                        tense[key] = False
                    rows[key] = _merge(_refine(rows[key], fields), fields)
                    continue
                span = doc.char_span(
                    sent.start_char + s, sent.start_char + e, alignment_mode="expand"
                )
                rows[key] = _merge(
                    Outcome(doc_id=document.doc_id, defendant=name, defendant_type=etype,
                            outcome_type=otype,
                            evidence=sentence_evidence(document.doc_id, span or sent)),
                    fields,
                )  # fmt: skip
                approx[key] = is_approx
                tense[key] = tense_date
    for row in table:
        name = _row_name(names, row)
        for otype, fields in _row_outcomes(doc_text(doc), row, document.published_date).items():
            key = (name, otype, 0)  # a cell or record line is never told as another decision
            if key in rows:
                rows[key] = _merge(_refine(rows[key], fields), fields)
                continue
            ev = Evidence(document.doc_id, row.start, row.end, doc_text(doc)[row.start : row.end])
            rows[key] = _merge(
                Outcome(doc_id=document.doc_id, defendant=name, defendant_type="person",
                        outcome_type=otype, evidence=ev),
                fields,
            )  # fmt: skip
    zoned = [(_block_name(names, b), _block_outcomes(doc_text(doc), b, document.published_date),
              b.start, b.end) for b in blocks]  # fmt: skip
    grant_date = _grant_date(doc_text(doc), grants, document.published_date)
    sorted_names = record_names(doc_text(doc), grants)
    zoned += [(name, _record_outcomes(doc_text(doc), r, grant_date), r.head[0], r.sentence[1])
              for r, listed in zip(grants, sorted_names, strict=True)
              if (name := _record_name(names, doc_text(doc), r, listed))]  # fmt: skip
    for name, found_here, start, end in zoned:
        for otype, fields in found_here.items():
            key = (name, otype, 0)  # a cell or record line is never told as another decision
            if key in rows:
                rows[key] = _merge(_refine(rows[key], fields), fields)
                continue
            ev = Evidence(document.doc_id, start, end, doc_text(doc)[start:end])
            rows[key] = _merge(
                Outcome(doc_id=document.doc_id, defendant=name, defendant_type="person",
                        outcome_type=otype, evidence=ev),
                fields,
            )  # fmt: skip
    ages = _ages(doc, names)
    written = _written_full_names(doc_text(doc), list(rows.values()))
    fuller = {**written, **_surnames(doc, names)}
    people = [o.defendant for o in rows.values()] + list(fuller.values())
    ages.update(_written_ages(doc_text(doc), people, ages))
    out = _finish(list(rows.items()), ages, denied, {**fuller, **_akas(doc, names)})
    # Judged once surnames and aliases are merged into full names ("Ogg" is "Kim Ogg").
    officials = case_officials(doc, names)
    # named as defendants by a cue ("charging defendants Phillips, Williams and Ellis")
    # (a full name read from "Name, 36," is as good as an introduction: a person)
    introduced = {n for _, group in ctx.intros for n, _ in group} | set(written.values())
    out = [
        o
        for o in _agreed_pleas(_plea_convictions(out), doc_text(doc))
        if plausible_defendant(
            o.defendant, doc, civil=o.outcome_type == "other", introduced=o.defendant in introduced
        )
        and o.defendant not in officials
        and not (_lone_word(o, doc, names) and o.defendant not in introduced)
    ]
    announcer = find_announcer(doc, names)
    flags = news_flags(out, document.published_date)
    return [
        replace(o, announcer=announcer) if news else o for o, news in zip(out, flags, strict=True)
    ]


def _lone_word(o: Outcome, doc: Doc, names: NameIndex) -> bool:
    """A person "defendant" of one word that is nobody's surname in the document ("Jean's
    parents, Allison and Bertrum"): a first name or a nickname, never a defendant's name. A
    surname of a fuller name is kept (it is that person, the tagger split the mentions), and
    so is a name the release introduces as a defendant's."""
    if o.defendant_type != "person" or len(o.defendant.split()) > 1:
        return False
    return not any(
        m.entity_type == "person"
        and m.canonical.split()[-1:] == [o.defendant]
        and len(m.canonical.split()) > 1
        for m in names.mentions_in(0, len(doc_text(doc)))
    )


_AGREED_TO_PLEAD = re.compile(r"\b(?:agreed|agrees|agree|will)\s+(?:to\s+)?plead\s+guilty\b", re.I)
_PLEA_VERB = re.compile(
    r"\b(?:pleaded|pled|pleads)\s+(?:\w+\s+){0,2}?guilty\b|\bentered\s+(?:a\s+)?(?:guilty\s+)?pleas?\b",
    re.I,
)


def _agreed_pleas(rows: list[Outcome], text: str) -> list[Outcome]:
    """A release that tells only an agreement to plead guilty ("has agreed to plead guilty and
    to pay a $2.3 million criminal fine") and no plea itself reports no plea: its "Today's
    guilty plea demonstrates ..." speaks of the agreement (GUIDE: an agreement to plead is
    no plea). 7 DOJ releases quote such a "guilty plea"; the rows of a plea told in the
    verb ("pleaded guilty") anywhere in the release stay."""
    for tally in rules()["tally"]:
        text = tally.sub(" ", text)  # "28 companies have pleaded guilty or agreed to plead"
    if not _AGREED_TO_PLEAD.search(text) or _PLEA_VERB.search(text):
        return rows
    return [o for o in rows if o.outcome_type != "pleaded_guilty"]


def _plea_convictions(rows: list[Outcome]) -> list[Outcome]:
    """A conviction that is only the guilty plea told again ("the sixth defendant convicted",
    "convicted pursuant to his plea"): GUIDE counts a plea as ``pleaded_guilty`` only, so a
    ``convicted`` row of someone who pleaded guilty here stands only when a verdict (jury,
    trial, "found guilty") is told with it."""
    pleaded = {o.defendant for o in rows if o.outcome_type == "pleaded_guilty"}
    return [
        o
        for o in rows
        if not (
            o.outcome_type == "convicted"
            and o.defendant in pleaded
            and o.conviction_method is None
            and not rules()["verdict"].search(o.evidence.text)
        )
    ]


def _row_name(names: NameIndex, row: TableRow) -> str:
    """The row's defendant as the name index knows them, else as the row writes them."""
    head_end = row.cells[0][0] if row.cells else row.end
    for m in names.mentions_in(row.start, head_end):
        if m.entity_type == "person" and m.mention_start - row.start <= 3:
            return m.canonical
    return row.name


def _row_outcomes(text: str, row: TableRow, published: str | None) -> dict[str, dict[str, Any]]:
    """What a table row's cells state: each trigger in a cell ("Pleaded guilty June 26,
    2015. Sentenced to 21 years in prison on Sept. 18, 2015.") opens its own outcome
    with the values up to the next trigger; a cell with a term and no trigger is the
    row's sentence ("Sixty days in jail, three years informal probation") once the row
    states a plea or verdict, unless a header says its terms are maximum penalties; a
    cell with charges and no trigger gives every outcome of the row its charges."""
    out: dict[str, dict[str, Any]] = {}
    charges: list[Charge] = []
    terms: list[dict[str, Any]] = []
    cells = [(s, e, [t for t in _triggers(text[s:e]) if t[0] != "sentenced_in_sentencing"])
             for s, e in row.cells]  # fmt: skip
    starts = [s + t[1] for s, _, trigs in cells for t in trigs]
    for s, e, trigs in cells:
        cell = text[s:e]
        if not trigs:
            custody = _terms_and_money(cell)
            if any(v not in (None, False) for v in custody.values()):
                terms.append(custody)
            charges.extend(find_charges(cell))
            continue
        for otype, ts, _ in trigs:
            # a trigger's values run to the next trigger of the row, across cell lines
            # ("Sentenced on March 16, 2018, to" / "60 years to life in state prison")
            nxt = next((p for p in starts if p > s + ts), row.end)
            seg = text[s + ts : nxt]
            f: dict[str, Any] = {"charges": tuple(find_charges(seg))}
            f["decision_date"] = _first_day(seg, published)
            f["decision_date_source"] = _written(f["decision_date"])
            if otype == "pleaded_guilty":
                f["conviction_method"] = "plea"
            elif otype == "convicted":
                f["conviction_method"] = _method(seg)
            if otype == "sentenced":
                custody, _ = _custody(seg, 0)
                f.update(custody)
                f.update(_money(seg))
            out.setdefault(otype, f)
    if terms and out and "sentenced" not in out and not row.max_terms:
        out["sentenced"] = {"charges": (), **terms[0]}
    for f in out.values():
        f["charges"] = tuple(dict.fromkeys((*f.get("charges", ()), *charges)))
    return out


def _block_name(names: NameIndex, block: CaseBlock) -> str | None:
    """The heading's person as the name index knows them; a heading the tagger does not
    read as a person ("Family Violence Division"), or whose first word is no given name
    and last word no surname of the census lists ("Case Spotlight"), heads no block."""
    if not person_like(block.name):
        return None
    seen = names.mentions_in(block.name_start, block.name_start + len(block.name) + 1)
    for m in seen:
        if m.entity_type == "person" and m.mention_start - block.name_start <= 1:
            return m.canonical
    # the tagger saw nothing on the heading line ("Darren Lopez" above "Murder"): the
    # heading alone on its line, a census given name first and a census surname last,
    # is the person's name as written ("Cherry Hill", seen as a place, is not)
    return block.name if not seen and person_like(block.name, strict=True) else None


def _block_outcomes(
    text: str, block: CaseBlock, published: str | None
) -> dict[str, dict[str, Any]]:
    """A case block read as a table row: its charge lines and outcome lines are cells.
    A leading verdict word ("GUILTY and sentenced to ...") is the conviction."""
    row = TableRow(name=block.name, age=None, start=block.start, end=block.end,
                   cells=block.cells, max_terms=False)  # fmt: skip
    out = _row_outcomes(text, row, published)
    if "convicted" not in out and any(
        VERDICT_LEAD.match(text[s:e]) for s, e in block.outcome_lines
    ):
        body = text[block.start : block.end]
        out["convicted"] = {
            "charges": next(iter(out.values()), {}).get("charges", ()),
            "conviction_method": _method(body),
        }
    return out


# An ``other`` trigger that rules on a conviction or sentence ("affirmed the conviction",
# "X's conviction was overturned"): its defendant is the ruling's owner.
_RULING = re.compile(r"\b(?:convictions?|sentences?|verdicts?)\b", re.I)
_GRANT = re.compile(r"\b(?:grant(?:s|ed)?|pardon(?:s|ed)?|commut(?:ed|ations?))\b", re.I)
_RECORD_LABEL = re.compile(r"^(?:Offenses?|Sentences?):\s*")


def _grant_date(text: str, grants: list[Record], published: str | None) -> str | None:
    """The day of the grant: a date (or "today") in the nearest line above the first
    record that tells a grant ("Today President Barack Obama granted pardons to ...")."""
    if not grants:
        return None
    for line in reversed(text[: grants[0].head[0]].split("\n")[-8:]):
        if _GRANT.search(line):
            return _first_day(line, published)
    return None


def _record_name(
    names: NameIndex, text: str, record: Record, listed: str | None = None
) -> str | None:
    """The person the record's head line names ("- Name - City, ST", "Name City, ST"):
    the words before a spaced dash, else the reading of a glued head that keeps the list
    in alphabetical order (``listed``, :func:`~casewire.extract.blocks.record_names`),
    else the tagger's person mention at the line's start unless it ran into the town (it
    then ends right before ", ST": "Timothy Adams Hartsville, SC" is no name to publish)
    or is two words only."""
    s, e = record.head
    head = text[s:e].lstrip("-•* ")
    lead = s + len(text[s:e]) - len(head)
    if " - " in head and is_name_line(name := head.split(" - ")[0].strip()):
        return name
    if listed is not None:
        return listed
    for m in names.mentions_in(s, e):
        if m.entity_type == "person" and m.mention_start - lead <= 1:
            # a two-word name glued to its town is as often a name cut short ("Ali Reno"
            # of "Ali Reno Harden Dublin, GA"): only three words or more are trusted
            rest = text[m.mention_end : e].strip()
            ok = rest and not rest.startswith(",") and len(m.canonical.split()) >= 3
            return m.canonical if ok else None
    return None


def _record_outcomes(
    text: str, record: Record, grant_date: str | None
) -> dict[str, dict[str, Any]]:
    """The grant (``other``) and the sentence the record states: its custody, money,
    court and date from the "Sentence:" line; charges from the "Offense:" line."""
    sent = _RECORD_LABEL.sub("", text[slice(*record.sentence)])
    offense = _RECORD_LABEL.sub("", text[slice(*record.offense)]) if record.offense else ""
    charges = tuple(find_charges(offense))
    f: dict[str, Any] = {"charges": charges}
    f.update(_terms_and_money(sent))
    f["decision_date"] = _first_day(sent, None)
    f["decision_date_source"] = _written(f["decision_date"])
    courts = [c for _, _, c in court_mentions(sent) or court_mentions(offense)]
    # a record's cells name the sentencing district bare ("...; District of Utah; ...")
    f["court"] = next(iter(courts or bare_districts(sent) or bare_districts(offense)), None)
    # the grant's day is written on the line that tells it ("Today President ... granted")
    grant = {"decision_date": grant_date, "decision_date_source": _written(grant_date)}
    return {"other": {"charges": charges, **grant}, "sentenced": f}


def _akas(doc: Doc, names: NameIndex) -> dict[str, str]:
    """Alias canonical names mapped to the name they follow ("X, aka Y": Y -> X)."""
    out = {}
    for m in names.mentions_in(0, len(doc_text(doc))):
        owner = alias_owner(names, doc_text(doc), m)
        if owner is not m and clean_name(m.canonical) and clean_name(owner.canonical):
            out[clean_name(m.canonical)] = clean_name(owner.canonical)
    return out


def _surnames(doc: Doc, names: NameIndex) -> dict[str, str]:
    """Shorter forms of the document's people mapped to their one fuller name there
    ("Cooper" -> "Curtis Keith Cooper"), so a bare surname is never a defendant of its own."""
    people = {
        n
        for m in names.mentions_in(0, len(doc_text(doc)))
        if m.entity_type == "person" and (n := clean_name(m.canonical))
    }
    return _fuller_forms(people, people)


def _core(name: str) -> tuple[str, str] | None:
    """First and last word of a person's name, initials and suffixes aside."""
    words = [w for w in re.sub(r"[.,]", " ", name).lower().split() if w not in NAME_SUFFIXES]
    return (words[0], words[-1]) if len(words) >= 2 else None


def _fuller_forms(names: set[str], people: set[str]) -> dict[str, str]:
    """Each shorter form mapped to the one fuller name of ``names`` it stands for: a
    surname ("Blanco-Diaz"), or, for ``people``, the name without a middle initial or
    suffix ("Louis Age" -> "Louis T. Age Jr."); a company's short form, the first words of
    its name ("Southwest" for "Southwest Airlines Co. (Southwest)")."""
    out = {}
    for n in names:
        longer = [f for f in names if f != n and f.endswith(" " + n)]
        if not longer and n not in people:
            longer = [f for f in names if f not in people and f.startswith((n + " ", n + ","))]
        if not longer and n in people and (core := _core(n)):
            longer = [f for f in people if f != n and len(f) > len(n) and _core(f) == core]
        if len(longer) == 1:
            out[n] = longer[0]
    return out


def _full_names(rows: list[Outcome]) -> dict[str, str]:
    """Shorter forms of a defendant mapped to the one fuller defendant name of the rows."""
    people = {o.defendant for o in rows if o.defendant_type == "person"}
    return _fuller_forms({o.defendant for o in rows}, people)


def _dedupe(keyed: list[tuple[_Key, Outcome]], akas: dict[str, str]) -> list[Outcome]:
    """Rows of a surname-only defendant or of an alias merged into the full name's rows;
    a row read as another decision of its name (its key's slot above 0) stays apart from
    the rows whose dates it contradicts."""
    rows = [(k[2], replace(o, defendant=akas.get(o.defendant, o.defendant))) for k, o in keyed]
    alias = _full_names([o for _, o in rows])
    by_key: dict[_Key, Outcome] = {}
    for n, o in rows:
        o = replace(o, defendant=alias.get(o.defendant, o.defendant))
        fields = asdict_fields(o)
        key = _slot(by_key, o.defendant, o.outcome_type, fields, n > 0)
        by_key[key] = _merge(by_key[key], fields) if key in by_key else o
    return list(by_key.values())


def asdict_fields(o: Outcome) -> dict[str, Any]:
    return {
        f: getattr(o, f)
        for f in Outcome.__dataclass_fields__
        if f not in ("doc_id", "defendant", "defendant_type", "outcome_type", "evidence")
    }


def _finish(keyed: list[tuple[_Key, Outcome]], ages: dict[str, int],
            denied: dict[str, list[Charge]],
            akas: dict[str, str]) -> list[Outcome]:  # fmt: skip
    """Share a defendant's charges across rows; the age goes on their first outcome."""
    rows = _dedupe(keyed, akas)
    by_person: dict[str, list[Charge]] = {}
    for o in rows:
        by_person.setdefault(o.defendant, []).extend(_informative(o.charges))
    out, aged = [], set()
    for o in sorted(rows, key=lambda o: o.evidence.start_char):
        charges = _informative(o.charges) or tuple(dict.fromkeys(by_person.get(o.defendant, ())))
        if o.outcome_type in ("charged", "convicted"):
            charges = tuple(dict.fromkeys(charges + tuple(denied.get(o.defendant, ()))))
        if o.outcome_type != "sentenced" or _inverted(o):
            # An inverted range is a misread: publish no custody rather than a wrong one.
            o = replace(o, sentence_min_months=None, sentence_max_months=None, life_sentence=False)
        age = ages.get(o.defendant) if o.defendant not in aged else None
        aged.add(o.defendant)
        out.append(replace(o, charges=charges, defendant_age=age))
    return out


def _inverted(o: Outcome) -> bool:
    lo, hi = o.sentence_min_months, o.sentence_max_months
    return lo is not None and hi is not None and lo > hi


def _informative(charges: tuple[Charge, ...]) -> tuple[Charge, ...]:
    """The charges (find_charges already drops phrases that name no offense)."""
    return tuple(charges)
