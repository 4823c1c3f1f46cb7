"""Evidence passages: the sentence a fact was read from, with valid offsets."""

from __future__ import annotations

from spacy.tokens import Doc, Span

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


def sentence_evidence(doc_id: str, span: Span) -> Evidence:
    """Evidence for ``span``: its whole sentence, offsets into the document text.

    Trailing whitespace is trimmed so that the stored passage reads cleanly while
    ``text[start_char:end_char] == evidence.text`` still holds.
    """
    sent = span.sent
    start, end = sent.start_char, sent.end_char
    text = doc_text(sent.doc)
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Evidence(doc_id=doc_id, start_char=start, end_char=end, text=text[start:end])
