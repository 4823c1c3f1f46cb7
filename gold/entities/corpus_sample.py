"""Write a seeded random sample of corpus records as one ``corpus.jsonl`` raw folder.

Usage: ``python gold/entities/corpus_sample.py --seed 20261210 --n 4200 --out /tmp/ent/raw``

The entity evaluation (``sample_entities.py``) judges a release built from such a
folder (``casewire run --raw /tmp/ent/raw --output /tmp/ent/out --n-process 2``).
The draw is a pure function of the seed, ``--n`` and the corpus files: records of
the DOJ and county-prosecutor files together, uniformly at random without
replacement, written in corpus order, so anyone can rebuild the same release.
"""

from __future__ import annotations

import argparse
import gzip
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS_FILES = ("doj_press_releases.jsonl.gz", "prosecutor_press_releases.jsonl.gz")


def corpus_lines(corpus: Path) -> list[bytes]:
    """Every non-blank record line of the corpus files, in file order."""
    lines: list[bytes] = []
    for name in CORPUS_FILES:
        with gzip.open(corpus / name, "rb") as fh:
            lines.extend(x if x.endswith(b"\n") else x + b"\n" for x in fh if x.strip())
    return lines


def draw(lines: list[bytes], n: int, seed: int) -> list[bytes]:
    """``n`` lines drawn at random with ``seed``, kept in corpus order."""
    picked = sorted(random.Random(seed).sample(range(len(lines)), min(n, len(lines))))
    return [lines[i] for i in picked]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--n", type=int, default=4200)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--out", type=Path, required=True, help="raw folder to write")
    args = ap.parse_args()
    picked = draw(corpus_lines(args.corpus), args.n, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "corpus.jsonl").write_bytes(b"".join(picked))
    print(f"wrote {len(picked)} records to {args.out / 'corpus.jsonl'}")


if __name__ == "__main__":
    main()
