"""Score extracted legal outcomes against the gold files (``make eval``).

Usage: ``python -m casewire.evaluate [--gold DIR ...] [--corpus DIR] [--raw DIR]
[--json PATH] [--baseline EVAL_JSON] [--lenient]``.

Every ``*.jsonl`` in each gold dir is scored (default: ``../shared/gold`` and the
repository's blind-annotated samples in ``gold/annotated``). Outcomes match on
(document, defendant name — accent/case/punctuation-insensitive, surname allowed —,
outcome type). A false alarm is an extracted row that matches no gold outcome and
either names a listed defendant, or sits on a document whose gold lists no outcome,
or whose defendant is no person's or company's name (:func:`name_problem`). Rows for
real names the gold does not list count apart, neither hit nor false alarm, on the
shared gold only; casewire's own samples are annotated in full, so there such rows
are false alarms too (``--lenient`` gives the old figures: rows on no-outcome
documents and non-names apart).
Fields are compared on matched outcomes; ``court`` asks for the same court (equal as
written, or the same courts-db id: "Eastern District of Pennsylvania" is "U.S.
District Court in the Eastern District of Pennsylvania"), ``court_as_written`` for
the same words. Misses and false alarms are printed for studied gold (shared and ``dev``) only;
``test`` gold gives figures, nothing to read.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from casewire.eval_args import add_eval_arguments
from casewire.extract.charges import categorize
from casewire.textnorm import name_key

FIELDS = (
    "outcome_type", "sentence_min_months", "sentence_max_months", "life_sentence",
    "death_sentence", "custody_suspended", "probation_months", "supervised_release_months",
    "fine_usd", "restitution_usd", "forfeiture_usd", "judge", "court", "announcer",
    "decision_date", "defendant_age", "conviction_method", "charge_categories",
    "court_as_written",
)  # fmt: skip
_NAME_FIELDS = {"judge", "announcer"}
REPO = Path(__file__).resolve().parents[2]


def names_match(a: str | None, b: str | None) -> bool:
    """Same person: equal keys, one contained in the other, or the same surname where one
    side is a surname alone or both first names start alike ("John Smith" is not "Mary
    Smith")."""
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
    if not (ta and tb and ta[-1] == tb[-1]):
        return False
    return len(ta) == 1 or len(tb) == 1 or ta[0][0] == tb[0][0]


def field_value(row: dict[str, Any], field: str) -> Any:
    """A comparable value of one field of a gold or predicted outcome."""
    if field == "charge_categories":
        charges = row.get("charges") or []
        cats = {c["category"] if isinstance(c, dict) else categorize(c) for c in charges}
        return frozenset(cats) or None
    v = row.get("court" if field == "court_as_written" else field)
    if field in ("life_sentence", "death_sentence", "custody_suspended"):
        return bool(v)
    if v is None or v != v:  # NaN from DataFrames
        return None
    if field == "court":  # the same court: its courts-db id where it has one
        from casewire.resolve.cases import court_id

        return court_id(str(v)) or name_key(str(v)) or None
    if field in _NAME_FIELDS or field == "court_as_written":
        return name_key(str(v)) or None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _equal(field: str, g: Any, p: Any) -> bool:
    if field in _NAME_FIELDS and g and p:
        return names_match(g, p)
    return g == p


#: Words that no person's or company's name holds: headline verbs, titles, kinds of
#: people. A "defendant" made of them is page text, not a name.
_NOT_NAME_WORDS = frozenset(
    """
sentenced sentence sentences sentencing charged charges indicted indictment convicted guilty
plead pleads pleaded pled arrested arrest accused acquitted jailed found verdict jury trial
man men woman women boy girl teen teenager father mother son daughter husband wife resident
residents victim victims suspect suspects defendant defendants inmate driver doctor nurse
chief bureau det detective sgt sergeant officer officers deputy sheriff police founder
robber burglar dealer trafficker gang member members conspirator conspirators
attorney attorneys district county state states united court courts judge justice office
department prosecutor prosecutors assistant agent agents special investigation investigations
news release press today year years month months prison life murder fraud scheme both
""".split()
)
_COMPANY_WORDS = frozenset(
    "inc incorporated llc corp corporation co company ltd limited lp llp plc "
    "group bank holdings partners associates enterprises sa ag gmbh na".split()
)
_PLACE_CONTEXT = re.compile(
    r"^(?:-based\b| based\b| (?:man|woman|men|women|father|mother|resident|residents|couple"
    r"|teen|teenager|company|firm|business|businessman|businesswoman)\b)",
    re.IGNORECASE,
)


def name_problem(name: str | None, text: str = "", officials: Iterable[str] = ()) -> str | None:
    """Why an extracted defendant is no person's or company's name (None when it is one).

    The scorer's own test, independent of the extractor's rules: a row for a name the
    gold does not list counts apart only when it passes; otherwise it is a false alarm.
    """
    if not name or not name.strip():
        return "no name"
    words = [w for w in re.split(r"[\s,]+", name.strip()) if w]
    keys = name_key(re.sub(r"\.", "", name)).split()  # "L.L.C." -> "llc"
    company = bool(keys) and keys[-1] in _COMPANY_WORDS  # a legal form ends the name
    if any(ch.isdigit() for ch in name):
        return "digits"
    if len(keys) < 2 and not company:
        return "one word"
    if not company and sum(w.isupper() and len(w) > 1 for w in words) == len(words):
        return "all capitals"
    if any(k in _NOT_NAME_WORDS for k in keys):
        return "headline or title word"
    if any(names_match(name, o) and name_key(o).split()[-1:] == keys[-1:] for o in officials if o):
        return "an official"
    for m in re.finditer(re.escape(name), text):
        if _PLACE_CONTEXT.match(text[m.end() : m.end() + 16]):
            return "a place"
    return None


def match_doc(
    gold: list[dict],
    pred: list[dict],
    text: str = "",
    *,
    strict: bool = True,
    complete: bool = False,
) -> tuple[list[tuple[dict, dict]], list[dict], list[dict], list[dict]]:
    """(matched pairs, missed gold, false alarms, extra rows counted apart).

    A gold outcome matches a row of its type naming the same person: rows written with
    the very same name are paired first, then looser forms (:func:`names_match`).
    Gold outcomes marked ``optional`` are hits when found and never misses. With
    ``strict`` (the default), a row is a false alarm when it names a listed defendant
    with an unlisted type, when the gold lists no outcome for the document at all,
    or when its defendant is no name (:func:`name_problem`). Real names absent from
    the gold count apart, unless the gold is ``complete`` (annotated blind and in
    full, as casewire's own samples are): there they are false alarms too, bar people
    the gold lists as optional. ``strict=False`` is the old, lenient scorer, kept to
    compare figures.
    """
    named = [g for g in gold if g.get("defendant")]
    required = [g for g in named if not g.get("optional")]
    optional = [g for g in named if g.get("optional")]
    pairs, free, missed = [], list(pred), []
    found: dict[int, dict] = {}
    for same in (
        lambda g, p: name_key(g["defendant"]) == name_key(p.get("defendant") or ""),
        lambda g, p: names_match(g["defendant"], p.get("defendant")),
    ):
        for i, g in enumerate(required + optional):
            hit = i not in found and next(
                (p for p in free if p["outcome_type"] == g["outcome_type"] and same(g, p)), None
            )
            if hit:
                free.remove(hit)
                found[i] = hit
    for i, g in enumerate(required + optional):
        if i in found:
            pairs.append((g, found[i]))
        elif not g.get("optional"):
            missed.append(g)
    officials = [g.get(k) for g in gold for k in ("announcer", "judge")]
    false, apart = [], []
    for p in free:
        why = None
        if any(names_match(g["defendant"], p.get("defendant")) for g in required):
            why = "listed defendant, other outcome"
        elif strict and not gold:
            why = "document has no outcome"
        elif strict:
            why = name_problem(p.get("defendant"), text, officials)
            if not why and complete:
                told = any(names_match(g["defendant"], p.get("defendant")) for g in optional)
                why = None if told else "not in the gold"
        (false if why else apart).append({**p, "_why": why} if why else p)
    return pairs, missed, false, apart


def score(
    gold_docs: Iterable[dict],
    predicted: dict[str, list[dict]],
    texts: dict[str, str] | None = None,
    *,
    strict: bool = True,
) -> dict[str, Any]:
    """Figures for gold docs (``{"id", "outcomes"}``) against predicted rows by doc id."""
    tp = fn = fp = apart = 0
    stats = {f: {"gold": 0, "pred": 0, "correct_nonnull": 0, "exact": 0, "n": 0} for f in FIELDS}
    # matched outcomes dated to a month or year only: how many the gold leaves undated (the
    # text gives no day) and how many hold the gold day
    coarse = {"n": 0, "gold_undated": 0, "holding_gold_day": 0}
    misses: list[dict] = []
    false_alarms: list[dict] = []
    by_type: dict[str, dict[str, int]] = {}
    texts = texts or {}
    for doc in gold_docs:
        pairs, missed, false, extra = match_doc(
            doc["outcomes"],
            predicted.get(doc["id"], []),
            texts.get(doc["id"], ""),
            strict=strict,
            complete=doc.get("split") in ("dev", "test"),
        )
        tp, fn, fp, apart = tp + len(pairs), fn + len(missed), fp + len(false), apart + len(extra)
        for key, rows in (("tp", [g for g, _ in pairs]), ("fn", missed), ("fp", false)):
            for row in rows:
                t = by_type.setdefault(str(row.get("outcome_type")), {"tp": 0, "fp": 0, "fn": 0})
                t[key] += 1
        misses += [
            {"doc": doc["id"], "defendant": g["defendant"], "outcome_type": g["outcome_type"]}
            for g in missed
        ]
        false_alarms += [
            {"doc": doc["id"], "defendant": p.get("defendant"),
             "outcome_type": p.get("outcome_type"), "why": p["_why"]}
            for p in false
        ]  # fmt: skip
        for g, p in pairs:
            for f in FIELDS:
                gv, pv = field_value(g, f), field_value(p, f)
                s, same = stats[f], _equal(f, gv, pv)
                if f == "decision_date" and pv is not None and len(str(pv)) != 10:
                    # gold dates are days, and so is this score: a month or a year is no
                    # day, so never the gold day's match (it agrees only with a gold that
                    # gives no day either); counted apart, with how many hold the gold day
                    coarse["n"] += 1
                    coarse["gold_undated"] += gv is None
                    coarse["holding_gold_day"] += bool(gv) and str(gv).startswith(str(pv))
                    pv, same = None, gv is None
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
            "types": {k: _prf(v) for k, v in sorted(by_type.items())},
            "fields": fields, "coarse_dates": coarse,
            "misses": misses, "false_alarms": false_alarms}  # fmt: skip


def _prf(counts: dict[str, int]) -> dict[str, Any]:
    """Counts with their precision, recall and F1 (None where undefined)."""
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {**counts, "precision": p, "recall": r, "f1": f1}


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
    if result.get("types"):
        lines.append(
            f"{'outcome type':16}{'tp':>5}{'fp':>5}{'fn':>5}{'prec':>8}{'recall':>8}{'F1':>8}"
        )
        for t, c in result["types"].items():
            lines.append(f"{t:16}{c['tp']:5d}{c['fp']:5d}{c['fn']:5d}"
                         f"{fmt(c['precision'])}{fmt(c['recall'])}{fmt(c['f1'])}")  # fmt: skip
    coarse = result.get("coarse_dates") or {}
    if coarse.get("n"):
        lines.append(
            f"decision dates to a month or year only: {coarse['n']} ({coarse['gold_undated']} "
            f"undated in the gold, {coarse['holding_gold_day']} hold the gold day; not scored "
            "as days)"
        )
    return "\n".join(lines)


def load_gold(gold_dir: Path) -> dict[str, list[dict]]:
    """Every ``*.jsonl`` gold file in ``gold_dir``, by file name.

    Each document gets an ``office`` (its own, else the id's prefix) and a ``split``:
    its own (``dev``/``test``, the repository's annotated samples), else ``shared``
    (gold written before the split, studied like dev).
    """
    out = {}
    for p in sorted(gold_dir.glob("*.jsonl")):
        docs = [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
        for d in docs:
            d.setdefault("office", d["id"].split("/")[0] if "/" in d["id"] else "seeds")
            d.setdefault("split", "shared")
        out[p.name] = docs
    return out


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


def predict(
    gold: dict[str, list[dict]], corpus_dir: Path, raw_dir: Path
) -> tuple[dict[str, list[dict]], dict[str, str]]:
    """Run the real pipeline on the gold documents: (outcome rows with charges by gold
    id, cleaned text by gold id)."""
    from casewire.ingest import read_raw
    from casewire.ingest.documents import documents_from_records
    from casewire.nlp import load_nlp
    from casewire.records import Document

    ids = {d["id"] for docs in gold.values() for d in docs}
    docs, _ = documents_from_records(load_corpus_records(corpus_dir, ids), "corpus")
    docs += [d for d in read_raw(raw_dir) if isinstance(d, Document) and d.source_id in ids]
    from casewire.pipeline import run_pipeline

    tables = run_pipeline(docs, load_nlp())
    texts = {d.source_id: d.text for d in docs}
    failed = tables["rejects"][tables["rejects"]["reason"] == "extraction_error"]
    if len(failed):
        # a scorer must not read a crash as "no outcome": the figures would hide it
        detail = "\n".join(f"  {r.source}: {r.message}" for r in failed.itertuples())
        raise RuntimeError(f"{len(failed)} gold document(s) failed extraction:\n{detail}")
    return rows_from_tables(tables, {d.doc_id: d.source_id for d in docs}), texts


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


def default_gold_dirs() -> list[Path]:
    """The shared gold beside the checkout and the repository's own annotated samples."""
    return [REPO.parent / "shared" / "gold", REPO / "gold" / "annotated"]


def evaluate(
    gold: dict[str, list[dict]],
    pred: dict[str, list[dict]],
    texts: dict[str, str],
    *,
    strict: bool = True,
) -> dict[str, Any]:
    """Figures per gold file and split, per office for each split group, and the
    errors of the studied groups (never of ``test``)."""
    from casewire.evaluate_views import office_table, split_groups

    scorer = lambda docs: score(docs, pred, texts, strict=strict)  # noqa: E731
    files: dict[str, Any] = {}
    for name, docs in gold.items():
        for split in sorted({d["split"] for d in docs}):
            label = name if split == "shared" else f"{name} [{split}]"
            files[label] = scorer([d for d in docs if d["split"] == split])
    everything = [d for docs in gold.values() for d in docs]
    groups = {k: scorer(v) for k, v in split_groups(everything).items()}
    offices = {k: office_table(v, scorer) for k, v in split_groups(everything).items()}
    for k, result in {**files, **groups}.items():
        if "test" in k or k == "all":  # test figures only: its misses are not for reading
            result.pop("misses"), result.pop("false_alarms")
    return {"files": files, "groups": groups, "offices": offices, "strict": strict}


def main(argv: list[str] | None = None) -> int:
    ap = add_eval_arguments(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    return run(ap.parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Score, print the figures and write ``--json``: what ``make eval`` does."""
    from casewire.evaluate_views import render_errors, render_office_table

    gold: dict[str, list[dict]] = {}
    for gold_dir in args.gold or default_gold_dirs():
        if not gold_dir.is_dir():
            print(f"note: gold dir {gold_dir} not found, skipped")
            continue
        gold.update(load_gold(gold_dir))
    if not gold:
        raise FileNotFoundError("no gold files found: pass --gold DIR")
    pred, texts = predict(gold, args.corpus, args.raw)
    figures = evaluate(gold, pred, texts, strict=not args.lenient)
    base = json.loads(args.baseline.read_text()) if args.baseline else None
    for name, result in {**figures["files"], **figures["groups"]}.items():
        print(format_report(name, result), end="\n\n")
    for group, rows in figures["offices"].items():
        old = (base or {}).get("offices", {}).get(group)
        print(render_office_table(f"per office, {group}", rows, old), end="\n\n")
    if "studied" in figures["groups"]:
        print(render_errors(figures["groups"]["studied"]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
