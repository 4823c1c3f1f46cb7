"""spaCy Doc (+ document metadata) -> records. One module per thing extracted.

Every extractor is a pure function of the parsed ``Doc``, the ``Document`` and,
where it needs names, the document's :class:`~casewire.extract.names.NameIndex`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from casewire.extract.ages import extract_ages
from casewire.extract.events import extract_events
from casewire.extract.mentions import extract_mentions
from casewire.extract.names import NameIndex
from casewire.extract.outcomes import extract_outcomes
from casewire.extract.roles import extract_roles
from casewire.records import DocExtraction, Document

#: Bump when extraction rules change: cached per-document results are keyed on it.
EXTRACTOR_VERSION = "19"


def extract_document(doc: Doc, document: Document) -> DocExtraction:
    """Run every extractor over one parsed document."""
    mentions = extract_mentions(doc, document)
    names = NameIndex.from_mentions(mentions)
    return DocExtraction(
        document=document,
        mentions=tuple(mentions),
        roles=tuple(extract_roles(doc, document, names)),
        events=tuple(extract_events(doc, document, names)),
        outcomes=tuple(extract_outcomes(doc, document, names)),
        aliases=tuple(sorted(names.aliases())),
        ages=tuple(extract_ages(doc, document, names)),
    )
