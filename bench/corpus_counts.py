"""Per corpus: documents, rejects by reason, outcomes by type, court ids, of a release
built by ``bench/run.py --output DIR`` (its raw file is the interleaved corpus sample).

Usage: ``python bench/corpus_counts.py RELEASE_DIR [--n N|all] [--corpus DIR]``.
``--n`` must be the N the release was built from, so that ``corpus.jsonl:<line>``
sources map back to their corpus records.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from run import DEFAULT_CORPUS, corpus_lines  # noqa: E402


def corpus_of(source_id: str) -> str:
    """``doj`` for DOJ press releases (``doj_opa/...``), else ``county``."""
    return "doj" if source_id.startswith("doj_") else "county"


def counts(release: Path, lines: list[bytes]) -> dict[str, dict]:
    ids = [json.loads(line)["id"] for line in lines]
    docs = pd.read_parquet(release / "documents.parquet", columns=["doc_id", "source_id"])
    corpus_by_doc = dict(zip(docs.doc_id, docs.source_id.map(corpus_of), strict=True))
    rejects = pd.read_parquet(release / "rejects.parquet", columns=["source", "reason"])
    line_no = rejects.source.str.rsplit(":", n=1).str[-1].astype(int)
    rejects["corpus"] = [corpus_of(ids[i - 1]) for i in line_no]
    outcomes = pd.read_parquet(
        release / "legal_outcomes.parquet", columns=["doc_id", "outcome_type", "court", "court_id"]
    )
    outcomes["corpus"] = outcomes.doc_id.map(corpus_by_doc)
    out: dict[str, dict] = {}
    for name in ("county", "doj"):
        o = outcomes[outcomes.corpus == name]
        with_court = o.court.notna()
        out[name] = {
            "records": sum(corpus_of(i) == name for i in ids),
            "documents": int((docs.source_id.map(corpus_of) == name).sum()),
            "rejects_by_reason": rejects[rejects.corpus == name].reason.value_counts().to_dict(),
            "outcomes": len(o),
            "outcomes_by_type": o.outcome_type.value_counts().to_dict(),
            "outcomes_with_court": int(with_court.sum()),
            "court_id_share_of_courts": round(float(o.court_id[with_court].notna().mean()), 3)
            if with_court.any()
            else None,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("release", type=Path)
    parser.add_argument("--n", default="all")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    lines = corpus_lines(args.corpus, None if args.n == "all" else int(args.n))
    print(json.dumps(counts(args.release, lines), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
