"""Throughput of the build: bare spaCy vs the real flow, reruns, and what components cost.

Run with ``make bench`` (N=2000 by default, ``N=all`` for the whole corpus,
``SCALING=1`` to add docs/s at N=1000, 4000 and all). Prints figures and writes
them as JSON to ``bench/out/``; it is a measuring script, not a test.

Stages (``--stages``, comma-separated):

- ``bare``: one ``nlp.pipe`` pass over the cleaned texts (ingest is not timed),
  same model, components, ``n_process`` and ``batch_size`` as the flow;
- ``flow``: ``flows.build.build_release`` end to end into a temp output folder,
  then the same flow again with nothing changed (``rerun``);
- ``components``: bare ``nlp.pipe`` without ``lemmatizer`` and without ``parser``;
- ``profile``: ``pipeline.extract_documents`` + ``tables.build_tables`` in this
  process, split into spaCy time and extractor time, then again under cProfile
  with the hot spots summed by module.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import pstats
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_FILES = ("doj_press_releases.jsonl.gz", "prosecutor_press_releases.jsonl.gz")
SCALING_SIZES = (1000, 4000, None)  # None = the whole corpus
ALL_STAGES = ("bare", "flow", "components", "profile")


def corpus_lines(corpus: Path, n: int | None) -> list[bytes]:
    """The first ``n`` records of the corpus files, interleaved one by one (deterministic)."""
    handles = [gzip.open(corpus / name, "rb") for name in CORPUS_FILES]
    lines: list[bytes] = []
    try:
        while handles and (n is None or len(lines) < n):
            for fh in list(handles):
                line = fh.readline()
                if not line:
                    handles.remove(fh)
                elif line.strip():
                    lines.append(line if line.endswith(b"\n") else line + b"\n")
                if n is not None and len(lines) >= n:
                    break
    finally:
        for fh in handles:
            fh.close()
    return lines


def write_raw(lines: list[bytes], raw_dir: Path) -> None:
    raw_dir.mkdir(parents=True, exist_ok=True)
    (raw_dir / "corpus.jsonl").write_bytes(b"".join(lines))


def ingest(raw_dir: Path) -> tuple[list, int]:
    """(documents, number of rejects) as the flow's ingest produces them."""
    from casewire.ingest import read_raw
    from casewire.records import Document

    units = list(read_raw(raw_dir))
    docs = [u for u in units if isinstance(u, Document)]
    return docs, len(units) - len(docs)


def peak_rss_mb() -> float:
    """Peak resident set size of this process or any waited-for child, in MB."""
    own, kids = peak_rss_parts_mb()
    return max(own, kids)


def peak_rss_parts_mb() -> tuple[float, float]:
    """(this process, the largest finished child process) peak RSS in MB; worker
    processes of ``n_process`` > 1 are children (ru_maxrss is in KiB on Linux)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, kids / 1024


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and its finished children.

    On a shared machine wall time depends on the neighbours; CPU time much less.
    """
    own, kids = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def rate(n_docs: int, n_words: int, seconds: float, cpu: float | None = None) -> dict:
    figures = {
        "seconds": round(seconds, 2),
        "docs_per_s": round(n_docs / seconds, 1),
        "words_per_s": round(n_words / seconds),
    }
    if cpu is not None:
        figures.update(
            cpu_s=round(cpu, 2),
            docs_per_cpu_s=round(n_docs / cpu, 1),
            words_per_cpu_s=round(n_words / cpu),
        )
    return figures


def time_bare(
    texts: list[str], model: str | None, exclude: tuple[str, ...], n_process: int, batch_size: int
) -> tuple[float, float, list[str]]:
    """Wall and CPU seconds of one ``nlp.pipe`` pass (model loading excluded), components run."""
    from casewire.nlp import load_nlp

    nlp = load_nlp(model, exclude=exclude) if exclude else load_nlp(model)
    start, cpu = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass
    return time.perf_counter() - start, cpu_seconds() - cpu, list(nlp.pipe_names)


def start_prefect() -> float:
    """Seconds to start Prefect's ephemeral API server with a no-op flow, kept out of timings."""
    from prefect import flow  # noqa: TID251 - bench drives the flow, like flows/

    @flow(name="bench-warmup")
    def warmup() -> None:
        return None

    start = time.perf_counter()
    warmup()
    return time.perf_counter() - start


def time_flow(
    raw_dir: Path, out_dir: Path, model: str | None, n_process: int, batch_size: int
) -> tuple[float, str, bool]:
    """Seconds for one run of the real Prefect build flow, its message, and whether it passed.

    A failing flow (say, a validation error while extractors are rewritten) is
    timed and reported, not raised: the time still shows what the run cost.
    """
    from flows.build import build_release, describe

    start = time.perf_counter()
    try:
        result = build_release(
            raw_dir=str(raw_dir),
            output_dir=str(out_dir),
            model=model,
            n_process=n_process,
            batch_size=batch_size,
        )
    except Exception as exc:  # reported in the figures
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        return time.perf_counter() - start, f"FAILED {type(exc).__name__}: {first_line}", False
    return time.perf_counter() - start, f"{describe(result)}; {result.accounting}", True


def _flow_child(args: tuple, conn) -> None:  # noqa: ANN001 - a multiprocessing Connection
    """In a fresh process: start Prefect (timed apart), run the flow, then rerun it."""
    sys.path.insert(0, str(REPO))
    startup = start_prefect()
    runs = {"prefect_startup_s": round(startup, 2), "flow": time_flow(*args)}
    runs["rerun"] = time_flow(*args)
    own, workers = peak_rss_parts_mb()
    runs["peak_rss_mb"], runs["worker_peak_rss_mb"] = round(own, 1), round(workers, 1)
    conn.send(runs)
    conn.close()


def flow_in_child(
    raw_dir: Path, out_dir: Path, model: str | None, n_process: int, batch_size: int
) -> dict:
    """The flow and its no-change rerun in a process of their own, so that the peak
    RSS is the flow's: not this script's texts, nor the bare pass's model. Worker
    processes of ``n_process`` > 1 are reported apart (the child's children)."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(
        target=_flow_child, args=((raw_dir, out_dir, model, n_process, batch_size), send)
    )
    child.start()
    send.close()
    runs = None
    try:
        runs = receive.recv()
    except EOFError:
        child.join()
        raise RuntimeError(f"the flow process died (exit code {child.exitcode})") from None
    finally:
        if runs is None and child.is_alive():  # interrupted: take the flow down too
            child.terminate()
    child.join()
    return runs


def _build_tables_or_error() -> tuple:
    """``casewire.tables.build_tables``, or the import error while it is being rewritten."""
    try:
        from casewire.tables import build_tables
    except ImportError as exc:
        return None, f"{type(exc).__name__}: {exc}"
    return build_tables, None


def _extract_all(pairs: list, profiler: cProfile.Profile | None = None) -> tuple[list, int, float]:
    """The extractors over parsed (Doc, Document) pairs: (extractions, failures, seconds)."""
    from casewire.extract import extract_document

    extractions, failures = [], 0
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    for doc, document in pairs:
        try:
            extractions.append(extract_document(doc, document))
        except Exception:  # counted, as the pipeline quarantines them
            failures += 1
    if profiler:
        profiler.disable()
    return extractions, failures, time.perf_counter() - start


def _by_module(stats: pstats.Stats, top: int) -> list[dict]:
    """cProfile own time (tottime) summed per module, largest first."""
    per_file: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        per_file[_module_name(filename)] += tottime
    ranked = sorted(per_file.items(), key=lambda kv: -kv[1])[:top]
    return [{"module": m, "tottime_s": round(s, 2)} for m, s in ranked]


def _module_name(filename: str) -> str:
    if filename.startswith("<") or filename == "~":
        return "<builtins / C extensions>"
    for marker in ("/site-packages/", "/src/", "/lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1].removesuffix(".py").replace("/", ".")
    return filename


def _top_functions(stats: pstats.Stats, top: int) -> list[dict]:
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]  # type: ignore[attr-defined]
    return [
        {
            "function": f"{_module_name(f)}:{line}({name})",
            "calls": nc,
            "tottime_s": round(tt, 2),
            "cumtime_s": round(ct, 2),
        }
        for (f, line, name), (_, nc, tt, ct, _) in rows
    ]


def _top_casewire(stats: pstats.Stats, top: int) -> list[dict]:
    """casewire functions by cumulative time (the spaCy calls they make included)."""
    rows = [
        kv
        for kv in stats.stats.items()  # type: ignore[attr-defined]
        if "/casewire/" in kv[0][0] and kv[0][2] != "extract_document"
    ]
    rows.sort(key=lambda kv: -kv[1][3])
    return [
        {"function": f"{_module_name(f)}:{line}({name})", "calls": nc, "cumtime_s": round(ct, 2)}
        for (f, line, name), (_, nc, _, ct, _) in rows[:top]
    ]


def profile_pipeline(
    docs: list, model: str | None, batch_size: int, top: int = 10, profile_docs: int = 400
) -> dict:
    """What ``extract_documents`` + ``build_tables`` cost in one process, stage by stage.

    The texts are parsed once (Docs kept in memory), the extractors run over
    them, then ``build_tables``: the work of ``pipeline.run_pipeline``, split so
    each part has its own time. The first ``profile_docs`` are then extracted
    again under cProfile for the hot spots.
    """
    from casewire.nlp import load_nlp

    nlp = load_nlp(model)
    start, cpu = time.perf_counter(), cpu_seconds()
    pairs = list(nlp.pipe(((d.text, d) for d in docs), as_tuples=True, batch_size=batch_size))
    figures: dict = {
        "spacy_s": round(time.perf_counter() - start, 2),
        "spacy_cpu_s": round(cpu_seconds() - cpu, 2),
    }
    cpu = cpu_seconds()
    extractions, failures, secs = _extract_all(pairs)
    figures.update(
        extract_s=round(secs, 2), extract_cpu_s=round(cpu_seconds() - cpu, 2), failures=failures
    )
    build_tables, error = _build_tables_or_error()
    start = time.perf_counter()
    if build_tables is not None:
        build_tables(extractions, [])
    figures["tables_s"] = round(time.perf_counter() - start, 2)
    if error:
        figures["tables_error"] = error
    figures["total_s"] = round(figures["spacy_s"] + figures["extract_s"] + figures["tables_s"], 2)
    profiler = cProfile.Profile()
    _, _, secs = _extract_all(pairs[:profile_docs], profiler)  # cProfile slows them ~5x
    stats = pstats.Stats(profiler)
    return {
        "unprofiled": figures,
        "profiled_docs": len(pairs[:profile_docs]),
        "profiled_extract_s": round(secs, 2),
        "hot_modules": _by_module(stats, top),
        "hot_functions": _top_functions(stats, top),
        "casewire_cumulative": _top_casewire(stats, top),
    }


def measure(lines: list[bytes], args: argparse.Namespace, stages: set[str]) -> dict:
    """Every requested stage over one sample; returns the figures."""
    figures: dict = {
        "n_requested": len(lines),
        "n_process": args.n_process,
        "batch_size": args.batch_size,
    }
    with tempfile.TemporaryDirectory(prefix="casewire-bench-") as tmp:
        raw = Path(tmp) / "raw"
        write_raw(lines, raw)
        t = time.perf_counter()
        docs, n_rejects = ingest(raw)
        texts = [d.text for d in docs]
        n_docs, n_words = len(docs), sum(len(t.split()) for t in texts)
        figures.update(
            n_documents=n_docs,
            n_rejects=n_rejects,
            n_words=n_words,
            ingest_s=round(time.perf_counter() - t, 2),
        )
        _say(
            f"{n_docs} documents ({n_words:,} words), {n_rejects} rejects; "
            f"ingest {figures['ingest_s']} s"
        )
        if "bare" in stages:
            secs, cpu, pipes = time_bare(texts, args.model, (), args.n_process, args.batch_size)
            figures["bare"] = {**rate(n_docs, n_words, secs, cpu), "components": pipes}
            _say(f"bare nlp.pipe {pipes}: {_fmt(figures['bare'])}")
        if "components" in stages:
            figures["components"] = {}
            for name in ("lemmatizer", "parser"):
                secs, cpu, pipes = time_bare(
                    texts, args.model, (name,), args.n_process, args.batch_size
                )
                figures["components"][f"without_{name}"] = {
                    **rate(n_docs, n_words, secs, cpu),
                    "components": pipes,
                }
                _say(f"bare without {name}: {_fmt(figures['components'][f'without_{name}'])}")
        if "flow" in stages:
            out = args.output or Path(tmp) / "output"
            runs = flow_in_child(raw, out, args.model, args.n_process, args.batch_size)
            figures["prefect_startup_s"] = runs["prefect_startup_s"]
            secs, message, ok = runs["flow"]
            figures["flow"] = {**rate(n_docs, n_words, secs), "ok": ok, "message": message}
            _say(f"flow: {_fmt(figures['flow'])} -> {message}")
            secs, message, ok = runs["rerun"]
            figures["rerun"] = {"seconds": round(secs, 2), "ok": ok, "message": message}
            _say(f"no-change rerun: {secs:.1f} s -> {message}")
            figures["flow_peak_rss_mb"] = runs["peak_rss_mb"]
            figures["flow_worker_peak_rss_mb"] = runs["worker_peak_rss_mb"]
            _say(
                f"flow process peak RSS: {runs['peak_rss_mb']} MiB (its largest worker "
                f"{runs['worker_peak_rss_mb']} MiB)"
            )
            if "bare" in figures:
                figures["flow_over_bare"] = round(
                    figures["flow"]["seconds"] / figures["bare"]["seconds"], 2
                )
                _say(
                    f"flow / bare: {figures['flow_over_bare']}x (Prefect server start, "
                    f"{figures['prefect_startup_s']} s, not counted)"
                )
        if "profile" in stages:
            figures["profile"] = profile_pipeline(docs, args.model, args.batch_size)
            _print_profile(figures["profile"], n_docs, n_words)
    own, kids = peak_rss_parts_mb()
    figures["peak_rss_mb"] = round(max(own, kids), 1)
    figures["peak_rss_self_mb"], figures["peak_rss_largest_child_mb"] = (
        round(own, 1),
        round(kids, 1),
    )
    _say(
        f"peak RSS: {figures['peak_rss_mb']} MB (this process {own:.0f} MB, largest child "
        f"process {kids:.0f} MB; with n_process={args.n_process} workers at once, at most "
        f"{own + args.n_process * kids:.0f} MB together)"
    )
    return figures


def _fmt(r: dict) -> str:
    text = f"{r['seconds']} s, {r['docs_per_s']} docs/s, {r['words_per_s']:,} words/s"
    if "cpu_s" in r:
        text += (
            f" (CPU {r['cpu_s']} s: {r['docs_per_cpu_s']} docs/CPU-s, "
            f"{r['words_per_cpu_s']:,} words/CPU-s)"
        )
    return text


def _say(msg: str) -> None:
    print(f"[bench] {msg}", flush=True)


def _print_profile(p: dict, n_docs: int, n_words: int) -> None:
    u = p["unprofiled"]
    _say(
        f"in-process pipeline: {u['total_s']} s = spaCy {u['spacy_s']} s + extractors "
        f"{u['extract_s']} s + tables {u['tables_s']} s ({n_docs / u['total_s']:.1f} docs/s, "
        f"{n_words / u['total_s']:,.0f} words/s; {u['failures']} failures)"
    )
    if u.get("tables_error"):
        _say(f"build_tables skipped: {u['tables_error']}")
    _say(f"CPU: spaCy {u['spacy_cpu_s']} s, extractors {u['extract_cpu_s']} s")
    _say(
        f"extractors under cProfile ({p['profiled_docs']} documents): "
        f"{p['profiled_extract_s']} s; own time by module:"
    )
    for row in p["hot_modules"]:
        print(f"    {row['tottime_s']:>8.2f} s  {row['module']}")
    _say("top functions by own time:")
    for row in p["hot_functions"]:
        print(f"    {row['tottime_s']:>8.2f} s  {row['calls']:>9}  {row['function']}")
    _say("casewire functions by cumulative time (spaCy calls they make included):")
    for row in p["casewire_cumulative"]:
        print(f"    {row['cumtime_s']:>8.2f} s  {row['calls']:>9}  {row['function']}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--n",
        default=os.environ.get("N", "2000"),
        help="documents to sample, or 'all' (default $N or 2000)",
    )
    parser.add_argument(
        "--corpus", type=Path, default=Path(os.environ.get("CORPUS", DEFAULT_CORPUS))
    )
    parser.add_argument("--model", default=None)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument(
        "--stages",
        default="bare,flow,components",
        help=f"comma-separated, of {','.join(ALL_STAGES)}",
    )
    parser.add_argument(
        "--scaling",
        action="store_true",
        default=os.environ.get("SCALING") == "1",
        help="also bare and flow docs/s at N=1000, 4000 and all",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="keep the flow's releases here (default: a temp folder)",
    )
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    return parser.parse_args(argv)


def _sizes(args: argparse.Namespace) -> Iterator[int | None]:
    yield None if args.n == "all" else int(args.n)
    if args.scaling:
        yield from (s for s in SCALING_SIZES if str(s if s else "all") != args.n)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stages = {s.strip() for s in args.stages.split(",") if s.strip()}
    if unknown := stages - set(ALL_STAGES):
        sys.exit(f"unknown stage(s) {sorted(unknown)}; choose from {ALL_STAGES}")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # a loaded 2-core machine can take longer than the default to start the ephemeral server
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    results = []
    for i, n in enumerate(_sizes(args)):
        lines = corpus_lines(args.corpus, n)
        _say(f"--- N={n or 'all'} ({len(lines)} corpus records)")
        # scaling runs need only the throughput stages, not the component ablation
        results.append(measure(lines, args, stages if i == 0 else stages & {"bare", "flow"}))
    args.out.mkdir(parents=True, exist_ok=True)
    name = f"bench-n{args.n}{'-scaling' if args.scaling else ''}-{'_'.join(sorted(stages))}.json"
    (args.out / name).write_text(json.dumps(results, indent=2) + "\n")
    _say(f"figures written to {args.out / name}")
    if args.scaling:
        for r in results:
            flow = r.get("flow", {}).get("docs_per_s", "-")
            bare = r.get("bare", {}).get("docs_per_s", "-")
            _say(f"N={r['n_documents']:>6}: bare {bare} docs/s, flow {flow} docs/s")
        for stage in ("bare", "flow"):
            rates = [r[stage]["docs_per_s"] for r in results if stage in r]
            if len(rates) > 1:  # linear cost: docs/s the same at every size
                _say(f"{stage} docs/s, slowest / fastest size: {min(rates) / max(rates):.2f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))  # `flows` is a top-level package beside src/
    raise SystemExit(main())
