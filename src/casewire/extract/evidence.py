"""Evidence passages: the sentence a fact was read from, with valid offsets."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from casewire.records import Evidence


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document.

    spaCy joins every token's text on each ``doc.text`` access, so reading it per
    mention or sentence is quadratic in document length; extractors call this.
    """
    text = doc.user_data.get("casewire_text")
    if text is None:
        text = doc.user_data["casewire_text"] = doc.text
    return text


def doc_tokens(doc: Doc) -> list[Token]:
    """``list(doc)``, built once per document: spaCy makes a new ``Token`` object on
    every ``for tok in doc`` and ``doc[i]``, so extractors that each walk the whole
    document share this list instead."""
    toks = doc.user_data.get("casewire_tokens")
    if toks is None:
        toks = doc.user_data["casewire_tokens"] = list(doc)
    return toks


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, built once per document."""
    sents = doc.user_data.get("casewire_sents")
    if sents is None:
        sents = doc.user_data["casewire_sents"] = list(doc.sents)
        doc.user_data["casewire_sent_starts"] = [s.start for s in sents]
    return sents


def sent_at(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``: ``doc[i].sent`` without walking the tokens
    back to the sentence start on every call."""
    sents = sentences(doc)
    return sents[bisect.bisect_right(doc.user_data["casewire_sent_starts"], i) - 1]


def span_text(span: Span) -> str:
    """``span.text``, sliced from the document text instead of rebuilt from tokens."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def ents_in(doc: Doc, start: int, end: int) -> list[tuple[str, str, int, int]]:
    """``(text, label, start_char, end_char)`` of the named entities lying within the
    tokens that overlap ``[start, end)``: what ``doc.char_span(start, end, "expand").ents``
    gives, without rebuilding every entity span of the document on each call."""
    ents = doc.user_data.get("casewire_ents")
    if ents is None:
        ents = doc.user_data["casewire_ents"] = [
            (e.start, e.end, e.text, e.label_, e.start_char, e.end_char) for e in doc.ents
        ]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not ents:
        return []
    i = bisect.bisect_left(ents, (span.start,))
    out = []
    while i < len(ents) and ents[i][0] < span.end:
        if ents[i][1] <= span.end:
            out.append(ents[i][2:])
        i += 1
    return out


def sentence_evidence(doc_id: str, span: Span) -> Evidence:
    """Evidence for ``span``: its whole sentence, offsets into the document text.

    Trailing whitespace is trimmed so that the stored passage reads cleanly while
    ``text[start_char:end_char] == evidence.text`` still holds.
    """
    doc = span.doc
    sent = sent_at(doc, span.start)
    start, end = sent.start_char, sent.end_char
    text = doc_text(doc)
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    # One shared (immutable) Evidence per sentence: a sentence with ten facts would
    # otherwise hold ten copies of its text until the tables are built.
    shared = doc.user_data.setdefault("casewire_evidence", {})
    key = (doc_id, start, end)
    evidence = shared.get(key)
    if evidence is None:
        evidence = shared[key] = Evidence(doc_id, start, end, text[start:end])
    return evidence
