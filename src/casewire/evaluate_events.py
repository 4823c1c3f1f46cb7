"""Shares of a judged sample of events (``gold/entities/events_<seed>.jsonl``, issue 18).

A judged file, drawn by ``gold/entities/sample_events.py`` from one release, holds one
line per drawn event: ``sample`` (``random``: 80 events stratified by type; ``largest``:
the 20 merged from the most documents), what the release says of it (``event``) and,
per aspect of :data:`ASPECTS`, the reader's verdict (``right``, ``wrong`` or ``na``).

:func:`event_shares` gives, for the random sample, the share of events that are real
events of their type, and among those the shares with modality, participants and date
right, the share of given places that are right and of merged events (two documents or
more) whose merge is right; for the largest, how many merges are wrong. The issue's
targets: type ≥ 95%, participants ≥ 90%, dates ≥ 90%, places ≥ 90%, merges ≥ 95%, no
wrong merge among the largest 20.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

#: What a reader judges of each event, in this order.
ASPECTS = ("type", "modality", "participants", "date", "place", "merge")
VERDICTS = ("right", "wrong", "na")


def load_judged_events(path: Path) -> list[dict]:
    """The lines of a judged events file; an unknown verdict is an error naming the line."""
    rows = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    for k, r in enumerate(rows, 1):
        for a in ASPECTS:
            if r.get(a) not in (*VERDICTS, None):
                raise ValueError(f"{path}:{k}: {a} {r.get(a)!r} is not one of {VERDICTS}")
    return rows


def _share(rows: list[dict], aspect: str) -> dict[str, Any]:
    c = Counter(r.get(aspect) for r in rows)
    n = c["right"] + c["wrong"]
    return {"right": c["right"], "judged": n, "share": c["right"] / n if n else None}


def event_shares(rows: list[dict]) -> dict[str, Any]:
    """Shares per aspect for the random sample, wrong merges for the largest."""
    rand = [r for r in rows if r["sample"] == "random" and r.get("type") is not None]
    real = [r for r in rand if r["type"] == "right"]
    out: dict[str, Any] = {"random": {"drawn": sum(r["sample"] == "random" for r in rows)}}
    out["random"]["type"] = _share(rand, "type")
    for a in ("modality", "participants", "date", "place"):
        out["random"][a] = _share(real, a)
    merged = [r for r in rand if r["event"]["n_documents"] > 1]
    out["random"]["merge"] = _share(merged, "merge")
    largest = [r for r in rows if r["sample"] == "largest" and r.get("merge") is not None]
    out["largest"] = {
        "judged": len(largest),
        "merge_wrong": sum(r["merge"] == "wrong" for r in largest),
    }
    return out


def format_events(name: str, shares: dict[str, Any]) -> str:
    """A table of one judged events file."""
    r = shares["random"]
    lines = [f"events judged in {name} (random {r['drawn']}, stratified by type)"]
    for a in ASPECTS:
        s = r[a]
        cell = f"{s['right']}/{s['judged']} ({s['share']:.1%})" if s["share"] is not None else "-"
        scope = {"type": "of drawn", "place": "of given places", "merge": "of merged events"}
        lines.append(f"  {a:13} {cell:>18}  {scope.get(a, 'of real events')}")
    big = shares["largest"]
    lines.append(f"  largest {big['judged']}: {big['merge_wrong']} merged over unrelated cases")
    return "\n".join(lines)
