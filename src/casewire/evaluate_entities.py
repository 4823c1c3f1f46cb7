"""Score entities, roles and events against hand-written gold.

Usage: ``python -m casewire.evaluate_entities --raw raw [--json PATH]
[--persons gold/entities] [--release RELEASE_DIR]``.

Three measurements:

1. **Seed gold** (``tests/fixtures/seed_entities_gold.json``, over the documents
   in ``--raw``): the real pipeline runs on ``raw/`` and its resolved tables are
   scored.

   * entities: a hit is an entity of the same type whose canonical name has the
     same :func:`casewire.textnorm.name_key` as a gold entity. An extracted
     entity that matches nothing is a false positive, **except** places (the
     gold does not list places: every country and city named in an article is
     a right but uninteresting entity) and entities the gold lists as
     ``acceptable`` (named in the text, not part of the case's facts); those
     are counted apart. Alias recall is reported on the side.
   * roles: ``(entity, role)`` pairs, the entity matched as above. Every
     extracted pair that is not gold is a false positive.
   * events: ``(type, date, modality)``, plus ``date_end`` for ``office_held``
     (a span is its two ends). ``events+who`` also requires the gold ``who`` to
     be a *main* participant of the event (any participant whose role is not
     one of :data:`casewire.resolve.events.SECONDARY_ROLES`, so the judge who
     sentenced someone does not count). Matching is one-to-one, gold order.

2. **Corpus gold** (``*.jsonl`` in ``--gold``; the outcome files of ``make
   eval``): they only name ``defendant``, ``judge`` and ``announcer`` per
   outcome, so only role recall is measured there: for every gold document and
   distinct name, is there an entity in that document whose name matches
   (:func:`casewire.evaluate.names_match`: surname allowed) holding the role
   (defendant; judge; announcer = prosecutor or official). Extracted
   defendants the gold does not list are counted, but they are not all errors
   (the gold leaves out co-defendants told in passing).

3. **Judged person samples** (``gold/entities/persons_*.jsonl``, issue 18): the
   shares of real people, joined people and non-persons among person entities
   drawn from a corpus release and judged by reading their evidence, and with
   ``--release`` how many of them are still person entities of that release
   (:mod:`casewire.evaluate_persons`); and of pairs of person entities of one
   surname and compatible given names (``pairs_*.jsonl``), the share that are one
   person left split.

4. **Judged event samples** (``gold/entities/events_*.jsonl``, issue 18): of events
   drawn from a corpus release at random, stratified by type, the shares whose type,
   modality, participants, date, place and merge a reader found right, and how many
   of the 20 largest merges join unrelated cases (:mod:`casewire.evaluate_events`).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from casewire.evaluate import names_match
from casewire.evaluate_events import event_shares, format_events, load_judged_events
from casewire.evaluate_persons import (
    against_release,
    format_persons,
    load_judged,
    person_shares,
    release_persons,
)
from casewire.resolve.events import SECONDARY_ROLES
from casewire.textnorm import name_key

REPO = Path(__file__).resolve().parents[2]
PERSON_SAMPLES = REPO / "gold" / "entities"
SEED_GOLD = REPO / "tests" / "fixtures" / "seed_entities_gold.json"
NEUTRAL_TYPES = frozenset({"place"})
ANNOUNCER_ROLES = frozenset({"prosecutor", "official"})


def _prf(tp: int, fp: int, fn: int, **extra: Any) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, **extra}


# --- seed gold ------------------------------------------------------------------


def score_entities(gold: dict, pred: list[dict]) -> dict[str, Any]:
    """``pred``: ``{"type", "name", "aliases"}`` per resolved entity."""
    want = {(g["type"], name_key(g["name"])): g for g in gold["entities"]}
    ok = {(g["type"], name_key(g["name"])) for g in gold.get("acceptable", [])}
    by_type: dict[str, Counter] = {}
    found, apart, false = set(), [], []
    for p in pred:
        key = (p["type"], name_key(p["name"]))
        c = by_type.setdefault(p["type"], Counter())
        if key in want and key not in found:
            found.add(key)
            c["tp"] += 1
        elif key in want or key in ok or p["type"] in NEUTRAL_TYPES:
            apart.append(p["name"])
        else:
            false.append(f"{p['type']}:{p['name']}")
            c["fp"] += 1
    missed = [f"{t}:{want[(t, k)]['name']}" for t, k in want if (t, k) not in found]
    for t, _k in want:
        by_type.setdefault(t, Counter())
        by_type[t]["fn"] += (t, _k) not in found
    gold_aliases = {(t, k, name_key(a)) for (t, k), g in want.items() for a in g.get("aliases", [])}
    pred_aliases = {
        (p["type"], name_key(p["name"]), name_key(a)) for p in pred for a in p.get("aliases", [])
    }
    alias_hits = len(gold_aliases & pred_aliases)
    out = _prf(
        len(found),
        len(false),
        len(want) - len(found),
        apart=len(apart),
        false_positives=sorted(false),
        missed=sorted(missed),
        alias_recall=alias_hits / len(gold_aliases) if gold_aliases else None,
    )
    out["by_type"] = {t: _prf(c["tp"], c["fp"], c["fn"]) for t, c in sorted(by_type.items())}
    return out


def score_roles(gold: dict, pred: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """``pred``: ``(entity canonical name, role)`` pairs."""
    want = {(name_key(g["entity"]), g["role"]) for g in gold["roles"]}
    got = {(name_key(n), r) for n, r in pred}
    false = sorted(f"{n}:{r}" for n, r in got - want)
    missed = sorted(f"{n}:{r}" for n, r in want - got)
    return _prf(
        len(want & got), len(got - want), len(want - got), false_positives=false, missed=missed
    )


def _event_key(e: dict) -> tuple:
    end = e.get("date_end") if e["type"] == "office_held" else None
    return (e["type"], e.get("date"), end, e.get("modality", "asserted"))


def _main_names(e: dict) -> list[str]:
    return [n for n, role in e.get("participants", []) if role not in SECONDARY_ROLES]


def score_events(gold: dict, pred: list[dict], with_who: bool) -> dict[str, Any]:
    """``pred``: ``{"type","date","date_end","modality","participants": [(name, role)],
    "n_documents"}`` per merged event."""
    free = list(pred)
    hits, missed = [], []
    for g in gold["events"]:
        cands = [p for p in free if _event_key(p) == _event_key(g)]
        who_ok = [p for p in cands if any(names_match(g.get("who"), n) for n in _main_names(p))]
        pick = (who_ok or ([] if with_who else cands))[:1]
        if pick:
            free.remove(pick[0])
            hits.append((g, pick[0]))
        else:
            missed.append(_describe(g, who=g.get("who")))
    merged = [(g, p) for g, p in hits if g.get("n_documents")]
    merged_ok = sum(p.get("n_documents") == g["n_documents"] for g, p in merged)
    return _prf(
        len(hits),
        len(free),
        len(missed),
        missed=missed,
        false_positives=sorted(_describe(p, who=";".join(_main_names(p))) for p in free),
        n_documents_ok=f"{merged_ok}/{len(merged)}",
    )


def _describe(e: dict, who: str | None) -> str:
    span = f"{e.get('date')}..{e.get('date_end')}" if e.get("date_end") else str(e.get("date"))
    return f"{e['type']} {span} {e.get('modality', 'asserted')} [{who or '-'}]"


def predicted_from_tables(tables: dict) -> dict[str, Any]:
    """Entities, role pairs and events (with participant names) from pipeline tables."""
    ents = tables["entities"]
    names = dict(zip(ents.entity_id, ents.canonical_name, strict=True))
    entities = [
        {"type": r.entity_type, "name": r.canonical_name, "aliases": list(r.aliases)}
        for r in ents.itertuples()
    ]
    roles = {
        (names[r.entity_id], r.role)
        for r in tables["entity_roles"].itertuples()
        if r.entity_id in names
    }
    parts: dict[str, list[tuple[str, str]]] = {}
    for r in tables["event_participants"].itertuples():
        parts.setdefault(r.event_id, []).append((names.get(r.entity_id, r.entity_id), r.role))
    events = []
    for r in tables["events"].itertuples():
        events.append(
            {
                "type": r.event_type,
                "date": _none(r.date),
                "date_end": _none(r.date_end),
                "modality": r.modality,
                "participants": parts.get(r.event_id, []),
                "n_documents": int(r.n_documents),
            }
        )
    return {"entities": entities, "roles": sorted(roles), "events": events}


def _none(v: Any) -> Any:
    return None if v is None or v != v else v


def score_seed(gold: dict, pred: dict) -> dict[str, Any]:
    return {
        "entities": score_entities(gold, pred["entities"]),
        "roles": score_roles(gold, pred["roles"]),
        "events": score_events(gold, pred["events"], with_who=False),
        "events+who": score_events(gold, pred["events"], with_who=True),
    }


# --- corpus gold (defendant / judge / announcer per outcome) --------------------


def score_corpus_roles(
    gold_docs: Iterable[dict], pred: dict[str, list[tuple[str, str]]]
) -> dict[str, Any]:
    """Role recall for gold names; ``pred``: doc id -> ``(entity name, role)`` pairs."""
    wanted = {"defendant": {"defendant"}, "judge": {"judge"}, "announcer": ANNOUNCER_ROLES}
    stats = {f: Counter() for f in wanted}
    missed: list[str] = []
    extra_defendants = 0
    for doc in gold_docs:
        got = pred.get(doc["id"], [])
        for f, roles in wanted.items():
            for name in sorted({o[f] for o in doc["outcomes"] if o.get(f)}):
                hit = any(r in roles and names_match(name, n) for n, r in got)
                stats[f]["n"] += 1
                stats[f]["hit"] += hit
                if not hit:
                    missed.append(f"{doc['id']} | {f} | {name}")
        gold_def = {o["defendant"] for o in doc["outcomes"] if o.get("defendant")}
        extra_defendants += sum(
            1
            for n, r in set(got)
            if r == "defendant" and not any(names_match(g, n) for g in gold_def)
        )
    out: dict[str, Any] = {
        f: {"gold": s["n"], "hit": s["hit"], "recall": s["hit"] / s["n"] if s["n"] else None}
        for f, s in stats.items()
    }
    out["extra_defendants"] = extra_defendants
    out["misses"] = missed
    return out


def _corpus_predictions(
    gold: dict[str, list[dict]], corpus_dir: Path, raw_dir: Path, nlp: Any
) -> dict[str, list[tuple[str, str]]]:
    """Role pairs by gold id; gold ids not in the corpus are looked up in ``raw_dir``."""
    from casewire.evaluate import load_corpus_records
    from casewire.ingest import documents_from_records, read_raw
    from casewire.pipeline import run_pipeline
    from casewire.records import Document

    ids = {d["id"] for docs in gold.values() for d in docs}
    docs, _ = documents_from_records(load_corpus_records(corpus_dir, ids), "corpus")
    docs += [d for d in read_raw(raw_dir) if isinstance(d, Document) and d.source_id in ids]
    tables = run_pipeline(docs, nlp)
    source = {d.doc_id: d.source_id for d in docs}
    names = dict(zip(tables["entities"].entity_id, tables["entities"].canonical_name, strict=True))
    out: dict[str, list[tuple[str, str]]] = {}
    for r in tables["entity_roles"].itertuples():
        out.setdefault(source.get(r.doc_id, r.doc_id), []).append(
            (names.get(r.entity_id, ""), r.role)
        )
    return out


# --- report ---------------------------------------------------------------------


def format_table(seed: dict[str, Any] | None, corpus: dict[str, Any] | None) -> str:
    lines = []
    if seed:
        lines.append(f"{'seed gold':24}{'P':>7}{'R':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
        rows = [("entities", seed["entities"])]
        rows += [(f"  {t}", s) for t, s in seed["entities"]["by_type"].items()]
        rows += [(k, seed[k]) for k in ("roles", "events", "events+who")]
        for name, s in rows:
            lines.append(
                f"{name:24}{s['precision']:7.3f}{s['recall']:7.3f}{s['tp']:5}{s['fp']:5}{s['fn']:5}"
            )
        e = seed["entities"]
        alias = "-" if e["alias_recall"] is None else f"{e['alias_recall']:.3f}"
        lines.append(
            f"(entities counted apart: {e['apart']}; alias recall {alias}; "
            f"merged events n_documents ok {seed['events']['n_documents_ok']})"
        )
        for k in ("entities", "roles", "events+who"):
            if seed[k]["missed"]:
                lines.append(f"  {k} missed: " + " | ".join(seed[k]["missed"]))
            if seed[k]["false_positives"]:
                lines.append(f"  {k} false: " + " | ".join(seed[k]["false_positives"]))
    if corpus:
        lines.append("")
        lines.append(f"{'corpus gold role':24}{'R':>7}{'hit':>5}{'gold':>6}")
        for f in ("defendant", "judge", "announcer"):
            s = corpus[f]
            r = "     -" if s["recall"] is None else f"{s['recall']:7.3f}"
            lines.append(f"{f:24}{r}{s['hit']:5}{s['gold']:6}")
        lines.append(
            f"(defendant roles on names the gold does not list: {corpus['extra_defendants']})"
        )
        lines += [f"  miss: {m}" for m in corpus["misses"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=REPO / "raw")
    ap.add_argument("--seed-gold", type=Path, default=SEED_GOLD)
    ap.add_argument(
        "--gold",
        type=Path,
        default=REPO.parent / "shared" / "gold",
        help="corpus gold dir (*.jsonl); '' to skip",
    )
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument(
        "--persons",
        type=Path,
        default=PERSON_SAMPLES,
        help="folder of judged person samples (persons_*.jsonl, pairs_*.jsonl); '' to skip",
    )
    ap.add_argument(
        "--release", type=Path, default=None, help="release folder to check the samples against"
    )
    args = ap.parse_args(argv)
    persons = _person_samples(args.persons, args.release)
    events = _event_samples(args.persons)

    from casewire.ingest import read_raw
    from casewire.nlp import load_nlp
    from casewire.pipeline import run_pipeline
    from casewire.records import Document

    nlp = load_nlp()
    docs = [d for d in read_raw(args.raw) if isinstance(d, Document)]
    seed_gold = json.loads(args.seed_gold.read_text("utf-8"))
    seed = score_seed(seed_gold, predicted_from_tables(run_pipeline(docs, nlp)))
    corpus = None
    if str(args.gold) not in ("", ".") and args.gold.is_dir():
        from casewire.evaluate import load_gold

        gold = load_gold(args.gold)
        if gold:
            pred = _corpus_predictions(gold, args.corpus, args.raw, nlp)
            corpus = score_corpus_roles([d for ds in gold.values() for d in ds], pred)
    print(format_table(seed, corpus))
    for name, p in persons.items():
        print("\n" + format_persons(name, p["shares"], p.get("release")))
    for name, e in events.items():
        print("\n" + format_events(name, e))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {"seed": seed, "corpus_gold": corpus, "persons": persons, "events": events},
                indent=2,
                default=str,
            )
        )
    return 0


def _person_samples(folder: Path, release: Path | None) -> dict[str, Any]:
    """Shares of every judged person sample in ``folder`` (and their standing in
    ``release``), by file name."""
    if str(folder) in ("", ".") or not folder.is_dir():
        return {}
    persons = release_persons(release) if release else None
    out: dict[str, Any] = {}
    for path in sorted([*folder.glob("persons_*.jsonl"), *folder.glob("pairs_*.jsonl")]):
        rows = load_judged(path)
        out[path.name] = {"shares": person_shares(rows)}
        if persons is not None:
            out[path.name]["release"] = against_release(rows, persons)
    return out


def _event_samples(folder: Path) -> dict[str, Any]:
    """Shares of every judged event sample in ``folder``, by file name."""
    if str(folder) in ("", ".") or not folder.is_dir():
        return {}
    return {
        path.name: event_shares(load_judged_events(path))
        for path in sorted(folder.glob("events_*.jsonl"))
    }


if __name__ == "__main__":
    raise SystemExit(main())
