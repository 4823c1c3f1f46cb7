"""Per corpus: documents, rejects by reason, outcomes by type, court ids, decision dates
by precision, and the people of the court (judges, prosecutors, defense attorneys: how
many outcomes name one, linked to an entity, with a full name), of a release built by
``bench/run.py --output DIR`` (its raw file is the interleaved corpus sample).

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
    # "corpus.jsonl:1315 (id doj_opa/...)": the line number (the record's id follows it)
    line_no = rejects.source.str.extract(r":(\d+)", expand=False).astype(int)
    rejects["corpus"] = [corpus_of(ids[i - 1]) for i in line_no]
    outcomes = pd.read_parquet(release / "legal_outcomes.parquet")
    entities = pd.read_parquet(
        release / "entities.parquet", columns=["entity_id", "canonical_name"]
    )
    full = set(entities.entity_id[entities.canonical_name.str.split().str.len() >= 2])
    known = set(entities.entity_id)
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
            "decision_dates_by_precision": o.decision_date_precision.value_counts().to_dict(),
            **court_people(o, known, full),
        }
    return out


def court_people(o: pd.DataFrame, known: set[str], full: set[str]) -> dict[str, dict]:
    """Per role: outcomes naming someone, the names, how many are linked to an entity and
    how many of those entities have a full name."""
    named = o.judge_name.notna()
    judges = [[e] if n else [] for n, e in zip(named, o.judge_entity_id, strict=True)]
    ids = {
        "judge": judges,
        "prosecutor": list(o.prosecutor_entity_ids),
        "defense_attorney": list(o.defense_attorney_entity_ids),
    }
    names = {
        "judge": [[n] if ok else [] for n, ok in zip(o.judge_name, named, strict=True)],
        "prosecutor": list(o.prosecutor_names),
        "defense_attorney": list(o.defense_attorney_names),
    }
    out = {}
    for role, rows in ids.items():
        linked = [e for row in rows for e in row if e is not None]
        out[f"{role}s"] = {
            "outcomes_naming": sum(len(row) > 0 for row in names[role]),
            "names": sum(len(row) for row in names[role]),
            "with_entity_id": sum(e in known for e in linked),
            "entity_full_name": sum(e in full for e in linked),
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
