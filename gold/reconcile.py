"""Compare the two blind readings of an annotation batch; merge what they agree on.

Usage: ``python gold/reconcile.py BATCH`` (e.g. ``batch01``) reads
``gold/reads/BATCH_a.jsonl`` and ``BATCH_b.jsonl`` and writes

- ``gold/reads/BATCH_disagreements.md``: per document, what the readings differ on
  (the outcome list by defendant and type, the published date, and every scored
  field but the announcer of the outcomes both list), for settling against ``GUIDE.md``;
- ``gold/reads/BATCH_agreed.jsonl``: the documents the readings agree on, as reading a.

``python gold/reconcile.py --assemble NAME`` joins every batch's agreed records and
settled records (``gold/reads/BATCH_settled.jsonl``, written by whoever settles the
disagreements) with the sample's split and office into ``gold/annotated/NAME.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from casewire.evaluate import FIELDS, field_value, names_match  # noqa: E402

COMPARED = tuple(f for f in FIELDS if f != "announcer")


def _read(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, filter(str.strip, path.read_text().splitlines()))}


def _pairs(a: list[dict], b: list[dict]) -> tuple[list, list, list]:
    """Outcomes matched by type and name; those only in a; those only in b."""
    free, pairs, only_a = list(b), [], []
    for o in a:
        hit = next((p for p in free if p["outcome_type"] == o["outcome_type"]
                    and names_match(o.get("defendant"), p.get("defendant"))), None)  # fmt: skip
        if hit is None:
            only_a.append(o)
        else:
            free.remove(hit)
            pairs.append((o, hit))
    return pairs, only_a, free


def differences(a: dict, b: dict) -> list[str]:
    """What two readings of one document disagree on, one line each."""
    out = []
    if a.get("published_date") != b.get("published_date"):
        out.append(f"published_date: a={a.get('published_date')} b={b.get('published_date')}")
    pairs, only_a, only_b = _pairs(a["outcomes"], b["outcomes"])

    def label(o: dict) -> str:
        return f"{o.get('defendant')} | {o['outcome_type']}" + (
            " (optional)" if o.get("optional") else ""
        )

    out += [f"only in a: {label(o)}" for o in only_a]
    out += [f"only in b: {label(o)}" for o in only_b]
    for x, y in pairs:
        for f in COMPARED:
            vx, vy = field_value(x, f), field_value(y, f)
            same = names_match(vx, vy) if f == "judge" and vx and vy else vx == vy
            if not same:
                out.append(f"{label(x)}: {f}: a={vx!r} b={vy!r}")
        if bool(x.get("optional")) != bool(y.get("optional")):
            out.append(f"{label(x)}: optional: a={x.get('optional')} b={y.get('optional')}")
    return out


def reconcile(batch: str) -> tuple[int, int]:
    a, b = (_read(HERE / "reads" / f"{batch}_{r}.jsonl") for r in "ab")
    if set(a) != set(b):
        raise SystemExit(f"{batch}: the readings cover different documents")
    agreed, report = [], [f"# {batch}: disagreements between readings a and b\n"]
    for doc_id in a:
        diff = differences(a[doc_id], b[doc_id])
        if diff:
            report += [f"\n## {doc_id}\n", *(f"- {d}\n" for d in diff)]
        else:
            agreed.append(a[doc_id])
    (HERE / "reads" / f"{batch}_disagreements.md").write_text("".join(report))
    (HERE / "reads" / f"{batch}_agreed.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in agreed)
    )
    return len(a), len(a) - len(agreed)


def assemble(name: str) -> int:
    sample = {r["id"]: r for r in map(json.loads, (HERE / "samples" / f"{name}.jsonl").open())}
    final: dict[str, dict] = {}
    for kind in ("agreed", "settled"):
        for p in sorted((HERE / "reads").glob(f"*_{kind}.jsonl")):
            for doc_id, rec in _read(p).items():
                if doc_id in sample:
                    final[doc_id] = {**rec, "office": sample[doc_id]["office"],
                                     "split": sample[doc_id]["split"]}  # fmt: skip
    out = HERE / "annotated" / f"{name}.jsonl"
    out.parent.mkdir(exist_ok=True)
    missing = sorted(set(sample) - set(final))
    if missing:
        print(f"note: {len(missing)} drawn documents have no agreed or settled record yet:")
        print("\n".join(f"  {i}" for i in missing))
    rows = [final[i] for i in sorted(final)]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("batch", nargs="*")
    ap.add_argument("--assemble", metavar="NAME")
    args = ap.parse_args(argv)
    for batch in args.batch:
        n, d = reconcile(batch)
        print(f"{batch}: {n} documents, {d} with disagreements")
    if args.assemble:
        print(f"{assemble(args.assemble)} documents -> gold/annotated/{args.assemble}.jsonl")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
