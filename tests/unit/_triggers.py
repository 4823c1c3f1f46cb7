"""A trigger's sentence, offsets and token in a parsed text, as the date readers take them."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token


def trigger_at(nlp, text: str, trigger: str) -> tuple[Span, tuple[int, int], Token]:
    """The sentence holding the first match of ``trigger``, the match's offsets within it
    and its first token."""
    doc = nlp(text)
    m = re.search(trigger, text)
    assert m is not None
    sent = doc.char_span(m.start(), m.end(), alignment_mode="expand")[0].sent
    s, e = m.start() - sent.start_char, m.end() - sent.start_char
    tok = next(t for t in sent if s <= t.idx - sent.start_char < e)
    return sent, (s, e), tok
