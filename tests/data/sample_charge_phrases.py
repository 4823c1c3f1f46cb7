"""Draw charge phrases at random from both corpora for the hand-labelled table.

Usage (from the worktree root):
    PYTHONPATH=src python tests/data/sample_charge_phrases.py > /tmp/charge_phrases_draw.csv

Seeded (SEED) and deterministic: documents of the county prosecutor corpus and of
the DOJ corpus are shuffled, every gold document (any split of any gold file: only
its "id" is read) is skipped, and the first charge phrase find_charges() finds in a
document is kept with the statute cited in its sentence, until N_PER_CORPUS phrases
per corpus; then N_WITH_STATUTE phrases that cite a statute (both corpora
pooled, shuffled with SEED + 1). The category column of charge_phrases.csv is then written by hand.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
import sys
from pathlib import Path

from casewire.extract.charges import find_charges

SEED = 20160416
N_PER_CORPUS = 90
N_WITH_STATUTE = 40  # a further draw, from both corpora, of phrases that cite a statute
CORPUS = Path("/work/shared/corpus")
GOLD = [Path("/work/shared/gold"), Path("gold/annotated")]


def gold_ids() -> set[str]:
    ids = set()
    for g in GOLD:
        for f in sorted(g.glob("*.jsonl")):
            for line in f.open():
                ids.add(json.loads(line)["id"])
    return ids


def main() -> None:
    skip = gold_ids()
    out = csv.writer(sys.stdout)
    out.writerow(["corpus", "doc_id", "phrase", "statute"])
    seen: set[str] = set()
    corpora = {
        name: [json.loads(line) for line in gzip.open(CORPUS / f"{name}.jsonl.gz", "rt")]
        for name in ("prosecutor_press_releases", "doj_press_releases")
    }
    pooled = [(name, d) for name, docs in corpora.items() for d in docs]
    random.Random(SEED + 1).shuffle(pooled)
    draws = [(N_PER_CORPUS, False, [(name, d) for d in docs]) for name, docs in corpora.items()]
    draws.append((N_WITH_STATUTE, True, pooled))
    for quota, cited, docs in draws:
        if not cited:
            random.Random(SEED).shuffle(docs)
        n = 0
        for name, d in docs:
            if d["id"] in skip:
                continue
            sents = re.split(r"(?<=[.!?])\s+(?=[A-Z])|\n", d["text"] or "")
            charges = [c for s in sents for c in find_charges(s)]
            fresh = [
                c for c in charges if c.text.casefold() not in seen and (c.statute or not cited)
            ]
            if not fresh:
                continue
            c = random.Random(f"{SEED}/{d['id']}").choice(fresh)
            seen.add(c.text.casefold())
            out.writerow([name.split("_")[0], d["id"], c.text, c.statute or ""])
            n += 1
            if n >= quota:
                break


if __name__ == "__main__":
    main()
