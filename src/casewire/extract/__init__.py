"""spaCy Doc (+ document metadata) -> records. One module per thing extracted.

Every extractor is a pure function of the parsed ``Doc``, the ``Document`` and,
where it needs names, the document's :class:`~casewire.extract.names.NameIndex`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from casewire.extract.ages import extract_ages
from casewire.extract.events import align_with_outcomes, extract_events
from casewire.extract.evidence import doc_text
from casewire.extract.mentions import extract_mentions
from casewire.extract.names import NameIndex
from casewire.extract.outcome_counsel import attach_counsel, counsel_roles, find_counsel
from casewire.extract.outcomes import extract_outcomes
from casewire.extract.roles import extract_roles
from casewire.extract.version import extractor_version
from casewire.records import DocExtraction, Document

#: A digest of the extractors' code and rules (:mod:`casewire.extract.version`), never
#: bumped by hand: cached per-document results are keyed on it.
EXTRACTOR_VERSION = extractor_version()


def extract_document(doc: Doc, document: Document) -> DocExtraction:
    """Run every extractor over one parsed document."""
    last = doc[-1] if len(doc) else None
    if last is not None and last.idx + len(last.text_with_ws) == len(document.text):
        # the Doc was parsed from this text: its text is the Document's, not rebuilt
        doc.user_data.setdefault("casewire_text", document.text)
    mentions = extract_mentions(doc, document)
    names = NameIndex.from_mentions(mentions)
    roles = extract_roles(doc, document, names)
    events = extract_events(doc, document, names)
    outcomes = extract_outcomes(doc, document, names)
    events = align_with_outcomes(events, outcomes, roles, mentions)
    counsel = find_counsel(doc_text(doc), document.doc_id, mentions, outcomes)
    return DocExtraction(
        document=document,
        mentions=tuple(mentions),
        roles=(*roles, *counsel_roles(counsel)),
        events=tuple(events),
        outcomes=tuple(attach_counsel(outcomes, counsel)),
        aliases=tuple(sorted(names.aliases())),
        ages=tuple(extract_ages(doc, document, names)),
    )
