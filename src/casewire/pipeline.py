"""The pipeline as plain functions: documents -> spaCy Docs -> extractions -> tables.

Flows call these one stage per task; ``make eval`` and tests call them directly.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

import pandas as pd
from spacy.language import Language

from casewire.cache import ExtractionCache
from casewire.extract import extract_document
from casewire.nlp import default_model_name, load_nlp
from casewire.records import DocExtraction, Document, Reject, share_strings
from casewire.tables import build_tables

DEFAULT_BATCH_SIZE = 64
#: Characters per batch, unless one document is longer (see :func:`batches`).
DEFAULT_BATCH_CHARS = 300_000


class TooManyFailures(RuntimeError):
    """More documents failed extraction than the configured share allows."""


@dataclass
class ExtractionResult:
    extractions: list[DocExtraction] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    failed: dict[str, Reject] = field(default_factory=dict)  # doc_id -> its reject
    cached: int = 0  # extractions read from the cache instead of parsed again

    def extend(self, other: ExtractionResult) -> None:
        self.extractions.extend(other.extractions)
        self.rejects.extend(other.rejects)
        self.failed.update(other.failed)
        self.cached += other.cached


def _failure_reject(document: Document, exc: BaseException) -> Reject:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return Reject(
        document.source_path,
        "extraction_error",
        f"{type(exc).__name__}: {exc}{where} (doc {document.doc_id})",
        record_id=document.source_id,
    )


def batches(
    documents: Sequence[Document], batch_size: int, max_chars: int = DEFAULT_BATCH_CHARS
) -> Iterator[list[Document]]:
    """Consecutive documents in groups of at most ``batch_size`` documents and, unless a
    single document is longer, ``max_chars`` characters.

    spaCy's parser and tagger allocate working memory for a whole batch at once, so a
    batch of long documents (annual reports, pardon lists) would briefly need a
    gigabyte; a character budget keeps that peak flat however the corpus is mixed.
    """
    batch: list[Document] = []
    chars = 0
    for document in documents:
        if batch and (len(batch) >= batch_size or chars + len(document.text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(document)
        chars += len(document.text)
    if batch:
        yield batch


def _extract_batch(nlp: Language, documents: list[Document]) -> ExtractionResult:
    """One ``nlp.pipe`` pass over a batch, then the extractors, quarantining failures."""
    result = ExtractionResult()
    stream = nlp.pipe(((d.text, d) for d in documents), as_tuples=True, batch_size=len(documents))
    for doc, document in stream:
        try:
            result.extractions.append(share_strings(extract_document(doc, document)))
        except Exception as exc:  # one bad document must not sink the run
            reject = _failure_reject(document, exc)
            result.rejects.append(reject)
            result.failed[document.doc_id] = reject
    return result


# --- worker processes ---------------------------------------------------------------
_WORKER_NLP: Language | None = None


def _init_worker(model: str | None, exclude: tuple[str, ...]) -> None:
    global _WORKER_NLP
    _WORKER_NLP = load_nlp(model, exclude=exclude)


def _ready() -> bool:
    return _WORKER_NLP is not None


def _work(documents: list[Document]) -> ExtractionResult:
    assert _WORKER_NLP is not None, "worker started without its model"
    return _extract_batch(_WORKER_NLP, documents)


class ExtractorPool:
    """``n_process`` worker processes, each loading the model once, that parse *and*
    extract whole batches; only the small extraction records travel back. With
    ``start_now`` the workers start (and load the model) at once, in the background.

    spaCy's own ``nlp.pipe(n_process=...)`` ships every parsed ``Doc`` back to the
    parent, which then runs the extractors alone; here both cores do both. Start it
    once per run (``with ExtractorPool(...) as pool``) and pass it to
    :func:`extract_documents`.
    """

    def __init__(
        self,
        model: str | None,
        n_process: int,
        exclude: tuple[str, ...] = (),
        *,
        start_now: bool = False,
    ) -> None:
        if n_process < 2:
            raise ValueError(f"an ExtractorPool needs n_process >= 2, got {n_process}")
        self.n_process = n_process
        # "spawn": a fresh interpreter per worker; forking a process that runs
        # Prefect's threads can deadlock.
        self._executor = ProcessPoolExecutor(
            n_process,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(model or default_model_name(), exclude),
        )
        if start_now:  # workers load the model in the background while the caller goes on
            for _ in range(n_process):
                self._executor.submit(_ready)
        # else they start with the first batch, so a run that parses nothing starts none

    def map(self, groups: Iterable[list[Document]]) -> Iterator[ExtractionResult]:
        """Results of each batch, in input order, with a bounded number in flight."""
        pending: deque[Future[ExtractionResult]] = deque()
        for group in groups:
            pending.append(self._executor.submit(_work, group))
            if len(pending) >= 2 * self.n_process:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def extract_documents(
    documents: Sequence[Document],
    nlp: Language | None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    pool: ExtractorPool | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> ExtractionResult:
    """Parse every document once and run the extractors, batch by batch: on ``pool``
    when given, else in this process with ``nlp``.

    A document whose extraction raises is quarantined as an ``extraction_error``
    reject with a one-line traceback summary; the others go on. ``on_batch(n)`` is
    called after each batch of ``n`` documents (progress).
    """
    groups = batches(documents, batch_size)
    if pool is not None:
        parts: Iterable[ExtractionResult] = pool.map(groups)
    elif nlp is not None:
        parts = (_extract_batch(nlp, g) for g in groups)
    else:
        raise ValueError("extract_documents needs a loaded model or a pool")
    result = ExtractionResult()
    for part in parts:
        result.extend(part)
        if on_batch:
            on_batch(len(part.extractions) + len(part.rejects))
    return result


def extract_documents_cached(
    documents: Sequence[Document],
    nlp: Language | Callable[[], Language] | None,
    cache: ExtractionCache | None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    pool: ExtractorPool | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> ExtractionResult:
    """:func:`extract_documents` for the documents ``cache`` lacks; stores the new ones.

    ``nlp`` may be a function that loads the model: it is called only when some
    document is not cached and no ``pool`` parses them. Extractions come back in
    document order however many were cached, so the tables are the same with or
    without a cache. Failed documents are not cached: they are tried again on the
    next run.
    """
    hits, misses = cache.get_many(documents) if cache is not None else ({}, list(documents))
    if hits and on_batch:
        on_batch(len(hits))
    fresh = ExtractionResult()
    if misses:
        if pool is None and nlp is not None and not isinstance(nlp, Language):
            nlp = nlp()
        model = nlp if isinstance(nlp, Language) else None
        fresh = extract_documents(
            misses, model, batch_size=batch_size, pool=pool, on_batch=on_batch
        )
    if cache is None:
        return fresh
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
                record_id=r.record_id,
            )
        out.append(r)
    return out


#: Failures a run always tolerates (quarantined, the rest published) whatever the
#: share: one bad document in a run of three is a bad document, not a broken build.
MIN_TOLERATED_FAILURES = 1


def check_failure_share(failures: Sequence[Reject], n_total: int, max_share: float) -> None:
    """Raise :class:`TooManyFailures`, naming each failed document and its error, when
    more than ``max_share`` of the documents (and more than
    ``MIN_TOLERATED_FAILURES``, or all of them) failed extraction. Otherwise the
    failures stay ``extraction_error`` rejects of the published release."""
    n_failed = len(failures)
    if not n_total or not n_failed:
        return
    if n_failed < n_total and (
        n_failed <= MIN_TOLERATED_FAILURES or n_failed / n_total <= max_share
    ):
        return
    shown = "\n".join(f"  {r.source}: {r.message}" for r in failures[:10])
    more = f"\n  ... and {n_failed - 10} more" if n_failed > 10 else ""
    raise TooManyFailures(
        f"{n_failed} of {n_total} documents failed extraction (more than the allowed "
        f"{max_share:.0%}); nothing published. Failed documents:\n{shown}{more}"
    )


def run_pipeline(
    documents: Sequence[Document], nlp: Language, rejects: Iterable[Reject] = ()
) -> dict[str, pd.DataFrame]:
    """Documents -> unvalidated tables, in one process (evaluation and tests)."""
    result = extract_documents(documents, nlp)
    return build_tables(
        result.extractions, reconcile_duplicates([*rejects, *result.rejects], result.failed)
    )
