"""The pipeline as plain functions: documents -> spaCy Docs -> extractions -> tables.

Flows call these one stage per task; ``make eval`` and tests call them directly.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd
from spacy.language import Language

from casewire.cache import ExtractionCache
from casewire.extract import extract_document
from casewire.records import DocExtraction, Document, Reject
from casewire.tables import build_tables

DEFAULT_BATCH_SIZE = 64


class TooManyFailures(RuntimeError):
    """More documents failed extraction than the configured share allows."""


@dataclass
class ExtractionResult:
    extractions: list[DocExtraction] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    failed: dict[str, Reject] = field(default_factory=dict)  # doc_id -> its reject
    cached: int = 0  # extractions read from the cache instead of parsed again


def _failure_reject(document: Document, exc: BaseException) -> Reject:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return Reject(
        document.source_path,
        "extraction_error",
        f"{type(exc).__name__}: {exc}{where} (doc {document.doc_id})",
    )


def extract_documents(
    documents: Sequence[Document],
    nlp: Language,
    *,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> ExtractionResult:
    """Parse every document once with ``nlp.pipe`` and run the extractors.

    A document whose extraction raises is quarantined as an ``extraction_error``
    reject with a one-line traceback summary; the others go on.
    """
    result = ExtractionResult()
    stream = nlp.pipe(
        ((d.text, d) for d in documents), as_tuples=True, n_process=n_process, batch_size=batch_size
    )
    for doc, document in stream:
        try:
            result.extractions.append(extract_document(doc, document))
        except Exception as exc:  # one bad document must not sink the run
            reject = _failure_reject(document, exc)
            result.rejects.append(reject)
            result.failed[document.doc_id] = reject
    return result


def extract_documents_cached(
    documents: Sequence[Document],
    nlp: Language,
    cache: ExtractionCache | None,
    *,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> ExtractionResult:
    """:func:`extract_documents` for the documents ``cache`` lacks; stores the new ones.

    Extractions come back in document order however many were cached, so the
    tables are the same with or without a cache. Failed documents are not
    cached: they are tried again on the next run.
    """
    if cache is None:
        return extract_documents(documents, nlp, n_process=n_process, batch_size=batch_size)
    hits, misses = cache.get_many(documents)
    fresh = (
        extract_documents(misses, nlp, n_process=n_process, batch_size=batch_size)
        if misses
        else ExtractionResult()
    )
    cache.put_many(fresh.extractions)
    by_id = hits | {e.document.doc_id: e for e in fresh.extractions}
    return ExtractionResult(
        [by_id[d.doc_id] for d in documents if d.doc_id in by_id],
        fresh.rejects,
        fresh.failed,
        cached=len(hits),
    )


def reconcile_duplicates(rejects: Iterable[Reject], failed: dict[str, Reject]) -> list[Reject]:
    """Duplicates of a document that failed extraction share its fate.

    ``duplicate_of`` must name a published document; when the kept copy was
    quarantined, its duplicates become ``extraction_error`` rejects too, saying why.
    """
    out = []
    for r in rejects:
        if r.reason == "duplicate_of" and r.duplicate_of in failed:
            r = Reject(
                r.source,
                "extraction_error",
                f"same text as {r.duplicate_of}, which failed extraction: "
                f"{failed[r.duplicate_of].message}",
            )
        out.append(r)
    return out


def check_failure_share(n_failed: int, n_total: int, max_share: float) -> None:
    """Raise :class:`TooManyFailures` when more than ``max_share`` of documents failed."""
    if n_total and n_failed / n_total > max_share:
        raise TooManyFailures(
            f"{n_failed} of {n_total} documents failed extraction "
            f"(more than the allowed {max_share:.0%}); see the extraction_error rejects"
        )


def run_pipeline(
    documents: Sequence[Document], nlp: Language, rejects: Iterable[Reject] = ()
) -> dict[str, pd.DataFrame]:
    """Documents -> unvalidated tables, in one process (evaluation and tests)."""
    result = extract_documents(documents, nlp)
    return build_tables(
        result.extractions, reconcile_duplicates([*rejects, *result.rejects], result.failed)
    )
