"""Draw a sample of person entities from a release, for judging by reading their evidence.

Usage::

    python gold/entities/sample_entities.py draw RELEASE_DIR --seed SEED [--out FILE]
    python gold/entities/sample_entities.py show FILE RELEASE_DIR [--only random|largest]

``draw`` writes ``gold/entities/persons_<seed>.jsonl`` (issue 18, item 5): one line
per drawn entity, with ``judgment`` left empty:

- ``random``: 100 person entities seen in two or more documents, uniformly at random
  (``random.Random(seed)`` over the candidates in ``entity_id`` order);
- ``largest``: the 50 person entities seen in the most documents (ties: most
  mentions, then ``entity_id``); an entity in both keeps both lines.

``show`` prints each drawn entity with its written names, its documents (source id
and title) and one evidence sentence per document, for the reader who fills in
``judgment``: ``one_person`` (every mention is one real person), ``joins_different``
(a real name, but the mentions are of two or more people) or ``not_person`` (a
headline fragment, a title, a common noun, a brand, a place, an organization), and
a short ``note`` saying why. ``python -m casewire.evaluate_entities --persons FILE
[--release DIR]`` turns a judged file into shares.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
N_RANDOM = 100
N_LARGEST = 50
SHOW_DOCS = 4  # documents printed per entity (the first by source id)


def person_entities(release: Path) -> pd.DataFrame:
    ents = pd.read_parquet(release / "entities.parquet")
    return ents[ents.entity_type == "person"].sort_values("entity_id").reset_index(drop=True)


def draw(ents: pd.DataFrame, seed: int) -> list[dict]:
    """The random and the largest lines of a sample (see the module docstring)."""
    multi = ents[ents.n_documents >= 2]
    rng = random.Random(seed)
    picked = sorted(rng.sample(range(len(multi)), min(N_RANDOM, len(multi))))
    largest = ents.sort_values(
        ["n_documents", "n_mentions", "entity_id"], ascending=[False, False, True]
    ).head(N_LARGEST)
    rows = [_line("random", k, multi.iloc[i]) for k, i in enumerate(picked)]
    rows += [_line("largest", k, r) for k, (_, r) in enumerate(largest.iterrows())]
    return rows


def _line(sample: str, rank: int, r: pd.Series) -> dict:
    return {
        "sample": sample,
        "rank": rank,
        "entity_id": r.entity_id,
        "canonical_name": r.canonical_name,
        "variants": list(r.variants),
        "n_documents": int(r.n_documents),
        "n_mentions": int(r.n_mentions),
        "judgment": None,
        "note": "",
    }


def show(rows: list[dict], release: Path) -> str:
    """Each drawn entity with its names, documents and one evidence sentence per document."""
    mentions = pd.read_parquet(
        release / "mentions.parquet", columns=["entity_id", "doc_id", "text", "evidence"]
    )
    mentions = mentions[mentions.entity_id.isin({r["entity_id"] for r in rows})]
    docs = pd.read_parquet(release / "documents.parquet", columns=["doc_id", "source_id", "title"])
    source = dict(zip(docs.doc_id, docs.source_id, strict=True))
    title = dict(zip(docs.doc_id, docs.title, strict=True))
    by_entity = {k: g for k, g in mentions.groupby("entity_id")}
    out = []
    for r in rows:
        out.append(
            f"\n### {r['sample']} {r['rank']} | {r['canonical_name']} | "
            f"{r['n_documents']} docs, {r['n_mentions']} mentions | {r['entity_id']}"
        )
        out.append(f"  variants: {'; '.join(r['variants'][:12])}")
        g = by_entity.get(r["entity_id"])
        if g is None:
            out.append("  (no mention: named only by facts)")
            continue
        firsts = g.drop_duplicates("doc_id")
        firsts = firsts.assign(src=firsts.doc_id.map(source)).sort_values("src")
        for m in firsts.head(SHOW_DOCS).itertuples():
            sent = " ".join(m.evidence.split())[:260]
            out.append(f"  - [{m.src}] {str(title.get(m.doc_id) or '')[:70]!r}")
            out.append(f"      «{m.text}»: {sent}")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("release", type=Path)
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--out", type=Path, default=None)
    s = sub.add_parser("show")
    s.add_argument("file", type=Path)
    s.add_argument("release", type=Path)
    s.add_argument("--only", choices=["random", "largest"], default=None)
    args = ap.parse_args()
    if args.cmd == "draw":
        rows = draw(person_entities(args.release), args.seed)
        meta = {"seed": args.seed, "release": args.release.name}
        out = args.out or HERE / f"persons_{args.seed}.jsonl"
        out.write_text("".join(json.dumps({**meta, **r}) + "\n" for r in rows))
        print(f"wrote {len(rows)} lines to {out}")
    else:
        rows = [json.loads(x) for x in args.file.read_text().splitlines() if x.strip()]
        print(show([r for r in rows if args.only in (None, r["sample"])], args.release))


if __name__ == "__main__":
    main()
