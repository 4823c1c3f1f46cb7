"""The build flow: raw/ -> documents -> spaCy -> records -> tables -> validated -> release.

Each task wraps one casewire function; the flow reads as the recipe. Flow
parameters are the configuration.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import replace
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
from prefect import flow, get_run_logger
from prefect import task as prefect_task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote
from spacy.language import Language

import schemas
from casewire import ingest, pipeline, tables
from casewire.cache import ExtractionCache, default_cache_dir
from casewire.memory import return_free_memory
from casewire.nlp import load_nlp, model_version_of
from casewire.progress import Progress
from casewire.publish import PublishResult, builds, publish_release
from casewire.publish.accuracy import load_accuracy
from casewire.publish.shrink import DEFAULT_MAX_SHRINK
from casewire.records import DocExtraction, Document, Reject


def task(fn=None, **kwargs):
    """Prefect's ``@task`` without input hashing: results are never persisted or
    reused here, and hashing every task's inputs (thousands of documents, whole
    tables) would cost seconds for nothing."""
    kwargs.setdefault("cache_policy", NO_CACHE)
    return prefect_task(fn, **kwargs) if fn is not None else prefect_task(**kwargs)


@cache
def _nlp(model: str | None) -> Language:
    """The spaCy pipeline, loaded once per process (and per Dask worker)."""
    return load_nlp(model)


@task(retries=2, retry_delay_seconds=1)
def scan_sources(raw_dir: Path) -> list[ingest.SourceFile]:
    return ingest.scan_sources(raw_dir)


@task
def read_documents(raw_dir: Path) -> tuple[list[Document], list[Reject]]:
    documents: list[Document] = []
    rejects: list[Reject] = []
    for unit in ingest.read_raw(raw_dir):
        (rejects if isinstance(unit, Reject) else documents).append(unit)
    return documents, rejects


@task
def extract_batch(
    documents: list[Document],
    model: str | None,
    batch_size: int,
    cache_root: str | None,
    pool: pipeline.ExtractorPool | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> pipeline.ExtractionResult:
    return pipeline.extract_documents_cached(
        documents,
        lambda: _nlp(model),  # loaded only if something is not cached
        extraction_cache(cache_root, model),
        batch_size=batch_size,
        pool=pool,
        on_batch=on_batch,
    )


@task
def build_tables(
    extractions: list[DocExtraction], rejects: list[Reject]
) -> dict[str, pd.DataFrame]:
    return tables.build_tables(extractions, rejects)


@task
def validate_tables(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return schemas.validate_tables(frames)


@task
def publish(
    frames: dict[str, pd.DataFrame],
    output_dir: Path,
    sources: list[ingest.SourceFile],
    stats: dict[str, int],
    lock_timeout: float,
    max_shrink: float | None = None,
) -> PublishResult:
    # No retries: a validation error, a refused shrink or a held lock would fail again.
    return publish_release(
        frames,
        output_dir,
        sources=[s.__dict__ for s in sources],
        stats=stats,
        eval_figures=load_eval_figures(),
        build_date=dt.date.today().isoformat(),
        lock_timeout=lock_timeout,
        validated=True,  # the frames validate_tables returned, unchanged
        consume=True,  # the flow keeps only counts: publishing may let frames go
        max_shrink=max_shrink,
    )


def extraction_cache(cache_root: str | None, model: str | None) -> ExtractionCache | None:
    """The extraction cache of this model and extractor version under ``cache_root``."""
    if cache_root is None:
        return None
    version = model_version_of(model)
    return ExtractionCache(default_cache_dir(cache_root, version), version)


def on_dask(address: str | None = None, n_workers: int = 2):
    """The build flow on a Dask cluster: ``address`` of a running scheduler
    (``tcp://host:8786``), or a LocalCluster of ``n_workers`` processes.

    Each worker loads the spaCy model once (``_nlp`` is cached per process). Call
    the result with ``distributed=True``.
    """
    from prefect_dask import DaskTaskRunner

    runner = (
        DaskTaskRunner(address=address)
        if address
        else DaskTaskRunner(cluster_kwargs={"n_workers": n_workers, "threads_per_worker": 1})
    )
    return build_release.with_options(task_runner=runner)


def use_jemalloc_for_arrow() -> None:
    """Arrow buffers from jemalloc, unless ``ARROW_DEFAULT_MEMORY_POOL`` says otherwise.

    Arrow's default allocator (mimalloc) keeps freed buffers mapped: on the whole
    corpus, jemalloc gives them back and the flow process peaks ~140 MB lower, with
    the same bytes written. Wheels built without jemalloc keep the default.
    """
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    except NotImplementedError:  # includes pa.ArrowNotImplementedError
        pass


def load_eval_figures(path: Path | None = None) -> dict | None:
    """The accuracy summary the last ``make eval`` committed (casewire/publish/accuracy.json),
    for the dataset card; ``path`` reads another."""
    return load_accuracy(path) if path is not None else load_accuracy()


def _extract_all(
    documents: list[Document],
    model: str | None,
    pool: pipeline.ExtractorPool | None,
    batch_size: int,
    chunk: int,
    cache_root: str | None,
    distributed: bool,
) -> pipeline.ExtractionResult:
    logger = get_run_logger()
    progress = Progress(len(documents), log=logger.info)
    total = pipeline.ExtractionResult()
    chunks = [documents[i : i + chunk] for i in range(0, len(documents), chunk)]
    # Locally the pool's workers parse + extract; on a cluster every chunk is a task
    # and the Dask workers share them out. Results are collected in input order either
    # way, so the tables are the same.
    args = (model, batch_size, cache_root)
    futures = [extract_batch.submit(c, *args) for c in chunks] if distributed else None
    try:
        for i, part_docs in enumerate(chunks):
            if futures:  # progress per chunk, as the workers finish them
                total.extend(futures[i].result())
                progress.update(len(part_docs))
            else:  # progress per batch
                total.extend(extract_batch(quote(part_docs), *args, pool, progress.update))
    finally:
        progress.close()
    if cache_root is not None:
        logger.info(
            "extraction cache: %d of %d documents unchanged, not parsed again",
            total.cached,
            len(documents),
        )
    return total


@flow(name="build-release", log_prints=True)
def build_release(
    raw_dir: str = "raw",
    output_dir: str = "output",
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = pipeline.DEFAULT_BATCH_SIZE,
    chunk_size: int = 2000,
    max_failure_share: float = 0.05,
    lock_timeout: float = 600.0,
    use_cache: bool = True,
    distributed: bool = False,
    max_shrink: float = DEFAULT_MAX_SHRINK,
    allow_shrink: bool = False,
) -> PublishResult:
    """Build a validated release of every table from the texts under ``raw_dir``.

    A release that would drop more than ``max_shrink`` of the previous release's
    documents is refused (nothing published) unless ``allow_shrink``.
    """
    logger = get_run_logger()
    use_jemalloc_for_arrow()
    raw, out = Path(raw_dir), Path(output_dir)
    sources = scan_sources(raw)
    fingerprint = builds.input_fingerprint([s.__dict__ for s in sources], model_version_of(model))
    if use_cache and (unchanged := builds.unchanged_since(out, fingerprint)):
        logger.info("%s", describe(unchanged))  # nothing read, parsed or written
        return replace(unchanged, accounting="inputs unchanged: no document read")
    cache_root = str(out) if use_cache else None  # <output>/.cache/extract/...
    # Locally, n_process > 1 runs one pool of worker processes for the whole run. On a
    # first build (nothing cached yet: everything will be parsed) they load the model
    # while this process reads the documents; otherwise they start only if a document
    # needs parsing.
    pool = None
    if n_process > 1 and not distributed:
        cache = extraction_cache(cache_root, model)
        pool = pipeline.ExtractorPool(model, n_process, start_now=cache is None or cache.is_empty())
    with pool or nullcontext():  # the workers stop once extraction is done, or fails
        documents, rejects = read_documents(raw)
        logger.info(
            "read %d input units: %d documents, %d rejects",
            len(documents) + len(rejects),
            len(documents),
            len(rejects),
        )
        result = _extract_all(
            documents, model, pool, batch_size, chunk_size, cache_root, distributed
        )
    return_free_memory()  # what extraction let go (worker replies, batches) goes back first
    pipeline.check_failure_share(result.rejects, len(documents), max_failure_share)
    for failed in result.rejects:  # quarantined: published as extraction_error rejects
        logger.warning(
            "extraction failed, document quarantined: %s: %s", failed.source, failed.message
        )
    all_rejects = pipeline.reconcile_duplicates([*rejects, *result.rejects], result.failed)
    # quote(): Prefect would otherwise walk every record and row of these arguments
    # looking for futures, which costs seconds per thousand documents.
    built = build_tables(quote(result.extractions), quote(all_rejects))
    n_units = len(documents) + len(rejects)
    del result, documents  # the tables hold what is published; free the records
    return_free_memory()  # ...and hand their pages back before validation allocates
    frames = validate_tables(quote(built))
    del built
    stats = {name: len(df) for name, df in frames.items()}
    accounting = account(frames, n_units)  # checked before publishing
    rejected = frames["rejects"].reason.value_counts().sort_index().to_dict()
    # publish takes the frames over (and empties ``frames``) to free memory as it goes
    shrink = None if allow_shrink else max_shrink
    published = replace(
        publish(quote(frames), out, sources, stats, lock_timeout, shrink), accounting=accounting
    )
    builds.record_build(out, fingerprint, published.version)
    message = describe(published)
    logger.info("%s", message)
    logger.info("%s", published.accounting)
    report_run(stats, rejected, n_units=n_units, message=message)
    return published


def account(frames: dict[str, pd.DataFrame], n_units: int) -> str:
    """Every input unit is a document or a reject; say so, with the reasons."""
    n_docs, rejects = len(frames["documents"]), frames["rejects"]
    if n_docs + len(rejects) != n_units:  # a unit went missing: never publish quietly
        raise RuntimeError(
            f"accounting broken: {n_units} input units but {n_docs} documents "
            f"+ {len(rejects)} rejects"
        )
    reasons = ", ".join(f"{r} {n}" for r, n in rejects.reason.value_counts().sort_index().items())
    return f"{n_units} input units = {n_docs} documents + {len(rejects)} rejects" + (
        f" ({reasons})" if reasons else ""
    )


def describe(result: PublishResult) -> str:
    """One line for the log and the CLI: where the release went, or why none was made."""
    if result.published:
        return f"published release {result.version} at {result.path}"
    return f"nothing new published: {result.reason}"


def report_run(rows: dict[str, int], rejected: dict[str, int], n_units: int, message: str) -> None:
    """Publish the run summary as Prefect artifacts: markdown summary + counts table."""
    lines = [
        "# casewire build",
        "",
        message,
        "",
        f"Input units read: **{n_units}** = documents {rows['documents']} "
        f"+ input rejects {n_units - rows['documents']}",
        "",
        "| table | rows |",
        "|---|---:|",
        *(f"| {name} | {n} |" for name, n in rows.items()),
        "",
        "| reject reason | count |",
        "|---|---:|",
        *(f"| {reason} | {count} |" for reason, count in rejected.items()),
    ]
    create_markdown_artifact(
        "\n".join(lines),
        key="casewire-release-summary",
        description="What this build read and published",
    )
    create_table_artifact(
        [{"table": name, "rows": n} for name, n in rows.items()],
        key="casewire-table-counts",
        description="Rows per table",
    )
