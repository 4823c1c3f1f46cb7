"""Draw a random sample of corpus documents for blind gold annotation.

Usage: ``python gold/sample.py --seed 20261206 --name s1 [--county-per-office 20]
[--doj 100] [--corpus ../shared/corpus] [--exclude-gold ../shared/gold --exclude-gold gold]``

Writes ``gold/samples/<name>.jsonl``: one line per drawn document with its
``id``, ``office``, ``year`` and ``split`` (``dev`` or ``test``). The draw is a
pure function of the seed and the corpus files, so anyone can redraw it:

- county offices: up to ``--county-per-office`` documents each, uniformly at
  random among that office's records (no-outcome documents are kept as drawn);
- DOJ: ``--doj`` documents spread evenly over the years present (the remainder
  going to the earliest years), uniformly at random within a year;
- documents already in any gold file under ``--exclude-gold`` are never drawn;
- split: two thirds ``dev``, one third ``test``, by a seeded shuffle within
  each office (an office with fewer than 3 drawn has no test document);
  ``--test-share 1`` puts all in ``test``, for a fresh out-of-sample check that
  nobody studies.

Text is never copied: annotators read it from the corpus by id.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS_FILES = ("prosecutor_press_releases.jsonl.gz", "doj_press_releases.jsonl.gz")


def gold_ids(dirs: list[Path]) -> set[str]:
    """Ids of every document in every ``*.jsonl`` under the given gold dirs.

    Files whose records are not documents (the judged entity samples under
    ``gold/entities`` carry no ``id``) add nothing.
    """
    ids: set[str] = set()
    for d in dirs:
        for p in sorted(d.rglob("*.jsonl")):
            rows = (json.loads(x) for x in p.read_text().splitlines() if x.strip())
            ids |= {r["id"] for r in rows if isinstance(r.get("id"), str)}
    return ids


def corpus_index(corpus: Path) -> dict[str, list[tuple[str, str]]]:
    """``office -> [(id, year)]`` in file order."""
    index: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name in CORPUS_FILES:
        with gzip.open(corpus / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                index[r["office"]].append((r["id"], (r.get("date") or "")[:4]))
    return index


def draw(
    index, exclude: set[str], seed: int, per_office: int, n_doj: int, test_share: float = 1 / 3
) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    for office in sorted(index):
        pool = [(i, y) for i, y in index[office] if i not in exclude]
        if office == "doj_opa":
            by_year: dict[str, list] = defaultdict(list)
            for i, y in pool:
                by_year[y].append((i, y))
            years = sorted(by_year)
            quota = {y: n_doj // len(years) + (k < n_doj % len(years)) for k, y in enumerate(years)}
            picked = [
                p for y in years for p in rng.sample(by_year[y], min(quota[y], len(by_year[y])))
            ]
        else:
            picked = rng.sample(pool, min(per_office, len(pool)))
        order = list(range(len(picked)))
        rng.shuffle(order)
        n_test = int(len(picked) * test_share)
        for rank, k in enumerate(order):
            i, y = picked[k]
            rows.append(
                {
                    "id": i,
                    "office": office,
                    "year": y or None,
                    "split": "test" if rank < n_test else "dev",
                }
            )
    return sorted(rows, key=lambda r: r["id"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--name", required=True)
    ap.add_argument("--county-per-office", type=int, default=20)
    ap.add_argument("--doj", type=int, default=100)
    ap.add_argument("--corpus", type=Path, default=HERE.parents[1] / "shared" / "corpus")
    ap.add_argument(
        "--test-share",
        type=float,
        default=1 / 3,
        help="share of each office in the test split (1: a fresh check nobody studies)",
    )
    ap.add_argument(
        "--exclude-gold",
        type=Path,
        action="append",
        default=None,
        help="gold dirs whose ids are never drawn",
    )
    args = ap.parse_args(argv)
    excl = args.exclude_gold or [HERE.parents[1] / "shared" / "gold", HERE]
    rows = draw(
        corpus_index(args.corpus),
        gold_ids(excl),
        args.seed,
        args.county_per_office,
        args.doj,
        args.test_share,
    )
    out = HERE / "samples" / f"{args.name}.jsonl"
    out.parent.mkdir(exist_ok=True)
    out.write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(f"{len(rows)} documents -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
