"""Score extracted legal outcomes against the gold files (``make eval``).

Usage: ``python -m casewire.evaluate [--gold DIR] [--corpus DIR] [--raw DIR] [--json PATH]``.
Every ``*.jsonl`` in the gold dir is scored. Outcomes match on (document,
defendant name — accent/case/punctuation-insensitive, surname allowed —,
outcome type). Extracted rows for people the gold does not list are counted
apart, neither hit nor false alarm.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from casewire.extract.charges import categorize
from casewire.textnorm import name_key

FIELDS = (
    "outcome_type", "sentence_min_months", "sentence_max_months", "life_sentence",
    "death_sentence", "custody_suspended", "probation_months", "supervised_release_months",
    "fine_usd", "restitution_usd", "forfeiture_usd", "judge", "court", "announcer",
    "decision_date", "defendant_age", "conviction_method", "charge_categories",
)  # fmt: skip
_NAME_FIELDS = {"judge", "announcer"}
REPO = Path(__file__).resolve().parents[2]


def names_match(a: str | None, b: str | None) -> bool:
    """Same person: equal keys, one contained in the other, or the same surname."""
    if not a or not b:
        return False
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb or f" {ka} " in f" {kb} " or f" {kb} " in f" {ka} ":
        return True
    ta, tb = (
        [t for t in ka.split() if t not in ("jr", "sr", "ii", "iii")],
        [t for t in kb.split() if t not in ("jr", "sr", "ii", "iii")],
    )
    return bool(ta and tb and ta[-1] == tb[-1])


def field_value(row: dict[str, Any], field: str) -> Any:
    """A comparable value of one field of a gold or predicted outcome."""
    if field == "charge_categories":
        charges = row.get("charges") or []
        cats = {c["category"] if isinstance(c, dict) else categorize(c) for c in charges}
        return frozenset(cats) or None
    v = row.get(field)
    if field in ("life_sentence", "death_sentence", "custody_suspended"):
        return bool(v)
    if v is None or v != v:  # NaN from DataFrames
        return None
    if field in _NAME_FIELDS or field == "court":
        return name_key(str(v)) or None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _equal(field: str, g: Any, p: Any) -> bool:
    if field in _NAME_FIELDS and g and p:
        return names_match(g, p)
    return g == p


def match_doc(
    gold: list[dict], pred: list[dict]
) -> tuple[list[tuple[dict, dict]], list[dict], list[dict], list[dict]]:
    """(matched pairs, missed gold, false alarms, extra rows for unlisted people)."""
    gold = [g for g in gold if g.get("defendant")]
    pairs, free = [], list(pred)
    missed = []
    for g in gold:
        hit = next(
            (
                p
                for p in free
                if p["outcome_type"] == g["outcome_type"]
                and names_match(g["defendant"], p.get("defendant"))
            ),
            None,
        )
        if hit is None:
            missed.append(g)
        else:
            free.remove(hit)
            pairs.append((g, hit))
    false = [p for p in free if any(names_match(g["defendant"], p.get("defendant")) for g in gold)]
    apart = [p for p in free if p not in false]
    return pairs, missed, false, apart


def score(gold_docs: Iterable[dict], predicted: dict[str, list[dict]]) -> dict[str, Any]:
    """Figures for gold docs (``{"id", "outcomes"}``) against predicted rows by doc id."""
    tp = fn = fp = apart = 0
    stats = {f: {"gold": 0, "pred": 0, "correct_nonnull": 0, "exact": 0, "n": 0} for f in FIELDS}
    misses: list[dict] = []
    for doc in gold_docs:
        pairs, missed, false, extra = match_doc(doc["outcomes"], predicted.get(doc["id"], []))
        tp, fn, fp, apart = tp + len(pairs), fn + len(missed), fp + len(false), apart + len(extra)
        misses += [
            {"doc": doc["id"], "defendant": g["defendant"], "outcome_type": g["outcome_type"]}
            for g in missed
        ]
        for g, p in pairs:
            for f in FIELDS:
                gv, pv = field_value(g, f), field_value(p, f)
                s, same = stats[f], _equal(f, gv, pv)
                s["n"] += 1
                s["exact"] += same
                s["gold"] += gv not in (None, False)
                s["pred"] += pv not in (None, False)
                s["correct_nonnull"] += same and gv not in (None, False)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    fields = {
        f: {
            "precision": s["correct_nonnull"] / s["pred"] if s["pred"] else None,
            "recall": s["correct_nonnull"] / s["gold"] if s["gold"] else None,
            "exact": s["exact"] / s["n"] if s["n"] else None,
        }
        for f, s in stats.items()
    }
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    counts = {"tp": tp, "fp": fp, "fn": fn, "apart": apart}
    return {"outcomes": {**counts, "precision": prec, "recall": rec, "f1": f1},
            "fields": fields, "misses": misses}  # fmt: skip


def format_report(name: str, result: dict[str, Any]) -> str:
    """A plain-text table of one score result."""
    o = result["outcomes"]
    lines = [
        f"== {name}: outcomes P={o['precision']:.3f} R={o['recall']:.3f} F1={o['f1']:.3f} "
        f"(tp={o['tp']} fp={o['fp']} fn={o['fn']} apart={o['apart']})",
        f"{'field':28}{'prec':>8}{'recall':>8}{'exact':>8}",
    ]
    fmt = lambda v: "   -" if v is None else f"{v:8.3f}"  # noqa: E731
    for f, s in result["fields"].items():
        lines.append(f"{f:28}{fmt(s['precision'])}{fmt(s['recall'])}{fmt(s['exact'])}")
    return "\n".join(lines)


def load_gold(gold_dir: Path) -> dict[str, list[dict]]:
    """Every ``*.jsonl`` gold file in ``gold_dir``, by file name."""
    return {
        p.name: [json.loads(x) for x in p.read_text().splitlines() if x.strip()]
        for p in sorted(gold_dir.glob("*.jsonl"))
    }


def load_corpus_records(corpus_dir: Path, ids: set[str]) -> list[dict]:
    """Corpus records with these ids, read streaming; stops once all are found."""
    found: list[dict] = []
    for path in sorted(corpus_dir.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if len(found) == len(ids):
                    return found
                rec = json.loads(line)
                if rec.get("id") in ids:
                    found.append(rec)
    return found


def predict(gold: dict[str, list[dict]], corpus_dir: Path, raw_dir: Path) -> dict[str, list[dict]]:
    """Run the real pipeline on the gold documents; outcome rows (with charges) by gold id."""
    from casewire.ingest import read_raw
    from casewire.ingest.documents import documents_from_records
    from casewire.nlp import load_nlp
    from casewire.records import Document

    ids = {d["id"] for docs in gold.values() for d in docs}
    docs, _ = documents_from_records(load_corpus_records(corpus_dir, ids), "corpus")
    docs += [d for d in read_raw(raw_dir) if isinstance(d, Document) and d.source_id in ids]
    from casewire.pipeline import run_pipeline

    tables = run_pipeline(docs, load_nlp())
    return rows_from_tables(tables, {d.doc_id: d.source_id for d in docs})


def rows_from_tables(tables: dict[str, Any], source_ids: dict[str, str]) -> dict[str, list[dict]]:
    """Outcome rows of published tables (with their charges), keyed by the documents'
    source ids, in the shape the scorer compares with gold."""
    charges: dict[str, list[dict]] = {}
    for c in tables["charges"].to_dict("records"):
        charges.setdefault(c["outcome_id"], []).append(c)
    out: dict[str, list[dict]] = {}
    for row in tables["legal_outcomes"].to_dict("records"):
        row = {k: (None if _is_missing(v) else v) for k, v in row.items()}
        row.update(
            defendant=row["defendant_name"],
            judge=row["judge_name"],
            charges=charges.get(row["outcome_id"], []),
        )
        out.setdefault(source_ids.get(row["doc_id"], row["doc_id"]), []).append(row)
    return out


def _is_missing(value: Any) -> bool:
    try:
        return bool(value is None or value != value or str(value) == "<NA>")
    except (TypeError, ValueError):  # arrays and lists compare element-wise
        return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=REPO.parent / "shared" / "gold")
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--raw", type=Path, default=REPO / "raw")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    gold = load_gold(args.gold)
    pred = predict(gold, args.corpus, args.raw)
    figures = {name: score(docs, pred) for name, docs in gold.items()}
    figures["overall"] = score([d for docs in gold.values() for d in docs], pred)
    for name, result in figures.items():
        print(format_report(name, result), end="\n\n")
    print(
        "misses:",
        *(
            f"  {m['doc']} | {m['defendant']} | {m['outcome_type']}"
            for m in figures["overall"]["misses"]
        ),
        sep="\n",
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
