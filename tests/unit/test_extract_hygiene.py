"""Guards on how extractors use spaCy, learnt from profiling."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

EXTRACT = Path(__file__).resolve().parents[2] / "src" / "casewire" / "extract"


@pytest.mark.parametrize(
    "module", sorted(p.name for p in EXTRACT.glob("*.py") if p.name != "evidence.py")
)
def test_extractors_never_rebuild_doc_text(module: str) -> None:
    """spaCy rebuilds ``doc.text`` from every token on each access (quadratic per
    document when read per mention); extractors use ``evidence.doc_text``."""
    source = (EXTRACT / module).read_text(encoding="utf-8")
    assert not re.search(r"\bdoc\.text\b", source), f"{module} reads doc.text; use doc_text(doc)"


def test_doc_text_is_the_document_text(nlp) -> None:
    from casewire.extract.evidence import doc_text

    doc = nlp("Jane Roe was sentenced today. She will appeal.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)
