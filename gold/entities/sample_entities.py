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

``draw`` also writes ``pairs_<seed>.jsonl``: 100 random pairs of person entities with
the same surname and compatible given names (:func:`compatible`: "Gordon Snow" /
"Gordon M. Snow", "J. Smith" / "John A. Smith"), each judged ``one_person`` (one
person left split in two entities), ``different_people`` or ``unsure``.

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

from casewire.extract.names import name_core
from casewire.resolve.judges import same_word
from casewire.textnorm import name_key

HERE = Path(__file__).resolve().parent
N_RANDOM = 100
N_LARGEST = 50
N_PAIRS = 100
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


def _words(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(name words, suffixes) of a person name, by its name key."""
    return name_core(tuple(name_key(name).split()))


def compatible(a: str, b: str) -> bool:
    """Two different person names that may be one person: two words or more each, the
    same surname, given names equal or one the other's initial, the middle names of one
    found (or their initials) in order among the other's, no two different suffixes."""
    (wa, sa), (wb, sb) = _words(a), _words(b)
    if len(wa) < 2 or len(wb) < 2 or wa[-1] != wb[-1] or (wa, sa) == (wb, sb):
        return False
    if sa and sb and sa != sb or not same_word(wa[0], wb[0]):
        return False
    short, long_ = sorted((wa[1:-1], wb[1:-1]), key=len)
    i = 0
    for w in short:
        while i < len(long_) and not same_word(w, long_[i]):
            i += 1
        if i == len(long_):
            return False
        i += 1
    return True


def draw_pairs(ents: pd.DataFrame, seed: int) -> list[dict]:
    """``N_PAIRS`` random compatible pairs (see :func:`compatible`), in entity_id order."""
    by_surname: dict[str, list[pd.Series]] = {}
    for r in ents.itertuples():
        words, _ = _words(r.canonical_name)
        # pseudonyms ("Jane Doe 2") are one entity per document by design
        if len(words) >= 2 and "doe" not in words and not any(w.isdigit() for w in words):
            by_surname.setdefault(words[-1], []).append(r)
    pairs = [
        (a, b)
        for group in by_surname.values()
        for i, a in enumerate(group)
        for b in group[i + 1 :]
        if compatible(a.canonical_name, b.canonical_name)
    ]
    pairs.sort(key=lambda p: (p[0].entity_id, p[1].entity_id))
    picked = sorted(random.Random(seed).sample(range(len(pairs)), min(N_PAIRS, len(pairs))))
    return [
        {
            "sample": "pairs",
            "rank": k,
            "entities": [
                {
                    "entity_id": e.entity_id,
                    "canonical_name": e.canonical_name,
                    "n_documents": int(e.n_documents),
                    "n_mentions": int(e.n_mentions),
                }
                for e in pairs[i]
            ],
            "judgment": None,
            "note": "",
        }
        for k, i in enumerate(picked)
    ]


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
    wanted = {r["entity_id"] for r in rows if "entity_id" in r}
    wanted |= {e["entity_id"] for r in rows for e in r.get("entities", ())}
    mentions = mentions[mentions.entity_id.isin(wanted)]
    docs = pd.read_parquet(release / "documents.parquet", columns=["doc_id", "source_id", "title"])
    source = dict(zip(docs.doc_id, docs.source_id, strict=True))
    title = dict(zip(docs.doc_id, docs.title, strict=True))
    by_entity = {k: g for k, g in mentions.groupby("entity_id")}
    out = []
    for r in rows:
        if r["sample"] == "pairs":
            out.append(f"\n## pair {r['rank']}: is it one person?")
            out.append(
                show(
                    [
                        {**e, "sample": "  entity", "rank": k, "variants": []}
                        for k, e in enumerate(r["entities"])
                    ],
                    release,
                )
            )
            continue
        out.append(
            f"\n### {r['sample']} {r['rank']} | {r['canonical_name']} | "
            f"{r['n_documents']} docs, {r['n_mentions']} mentions | {r['entity_id']}"
        )
        if r["variants"]:
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


def draw_show_parser(doc: str, samples: list[str]) -> argparse.ArgumentParser:
    """The command line of a sampler: ``draw RELEASE --seed S [--out DIR]`` and ``show
    FILE RELEASE [--only SAMPLE]`` (this script's and ``sample_events.py``'s)."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("release", type=Path)
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--out", type=Path, default=None, help="folder (default: this one)")
    s = sub.add_parser("show")
    s.add_argument("file", type=Path)
    s.add_argument("release", type=Path)
    s.add_argument("--only", choices=samples, default=None)
    return ap


def main() -> None:
    args = draw_show_parser(__doc__, ["random", "largest", "pairs"]).parse_args()
    if args.cmd == "draw":
        ents = person_entities(args.release)
        meta = {"seed": args.seed, "release": args.release.name}
        folder = args.out or HERE
        for name, rows in (
            ("persons", draw(ents, args.seed)),
            ("pairs", draw_pairs(ents, args.seed)),
        ):
            out = folder / f"{name}_{args.seed}.jsonl"
            out.write_text("".join(json.dumps({**meta, **r}) + "\n" for r in rows))
            print(f"wrote {len(rows)} lines to {out}")
    else:
        rows = [json.loads(x) for x in args.file.read_text().splitlines() if x.strip()]
        print(show([r for r in rows if args.only in (None, r["sample"])], args.release))


if __name__ == "__main__":
    main()
