"""The accuracy summary every release's dataset card quotes, kept in the repository.

``make eval`` writes ``output/eval.json`` (and ``eval_entities.json``) on the machine
that ran it; those files are not committed, so a release built elsewhere would carry no
figures. ``make eval`` therefore also runs ``python -m casewire.publish.accuracy``,
which keeps the headline figures in ``accuracy.json`` beside this module: committed
with the code it measured, read by every build. No timestamp, so the card stays
byte-reproducible.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ACCURACY_FILE = Path(__file__).with_name("accuracy.json")
_SCORES = ("precision", "recall", "f1")


def summarize_eval(outcomes: dict[str, Any], entities: dict[str, Any] | None) -> dict[str, Any]:
    """Headline figures of ``eval.json`` (and ``eval_entities.json``): outcome detection
    per gold file and split group, exact agreement per field on matched outcomes (the
    ``test`` split, which no rule was written against, else all gold), entity figures
    on the seeds."""
    groups = outcomes.get("groups", {})
    split = "test" if "test" in groups else "all"
    summary: dict[str, Any] = {
        "made_by": "make eval",
        "field_split": split,
        "outcomes": {
            label: _counts(result["outcomes"])
            for label, result in {**outcomes.get("files", {}), **groups}.items()
        },
        "fields": {
            name: round(float(v["exact"]), 4)
            for name, v in groups.get(split, {}).get("fields", {}).items()
            if v.get("exact") is not None
        },
    }
    seed = (entities or {}).get("seed", {})
    summary["seed_entities"] = {
        part: _counts(result)
        for part, result in seed.items()
        if isinstance(result, dict) and "precision" in result
    }
    return summary


def _counts(result: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {k: round(float(result[k]), 4) for k in _SCORES if k in result}
    out.update({k: int(result[k]) for k in ("tp", "fp", "fn") if k in result})
    return out


def load_accuracy(path: Path = ACCURACY_FILE) -> dict[str, Any] | None:
    """The committed summary, or None when there is none (the card says so)."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc}); run make eval again") from None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="eval.json -> the committed accuracy summary")
    ap.add_argument("eval_json", type=Path, help="output/eval.json written by make eval")
    ap.add_argument("--entities", type=Path, default=None, help="output/eval_entities.json")
    ap.add_argument("--out", type=Path, default=ACCURACY_FILE)
    args = ap.parse_args(argv)
    if not args.eval_json.is_file():
        raise SystemExit(f"{args.eval_json}: no such file; run make eval first")
    outcomes = json.loads(args.eval_json.read_text(encoding="utf-8"))
    entities = None
    if args.entities is not None and args.entities.is_file():
        entities = json.loads(args.entities.read_text(encoding="utf-8"))
    summary = summarize_eval(outcomes, entities)
    args.out.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
