"""Views of the outcome scores that keep errors from hiding in an average.

- by split: ``shared`` and ``dev`` gold is studied (misses and false alarms are
  printed); ``test`` gold is reported as figures only, never read for misses;
- by source office, so an office at 0.5 F1 shows next to a good overall figure;
- leave one office out: the F1 over every other office, so a rule written for one
  office shows what it buys (or costs) elsewhere; with ``--baseline`` (an earlier
  ``eval.json``) each figure is printed next to its change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Fields the acceptance figures name, shown per office (exact agreement on matched outcomes).
OFFICE_FIELDS = ("judge", "court", "decision_date", "sentence_max_months")
STUDIED = ("shared", "dev")

Scorer = Callable[[list[dict]], dict[str, Any]]


def split_groups(docs: list[dict]) -> dict[str, list[dict]]:
    """``studied`` (shared + dev), ``dev``, ``test`` and ``all``; empty groups left out."""
    groups = {
        "studied": [d for d in docs if d["split"] in STUDIED],
        "dev": [d for d in docs if d["split"] == "dev"],
        "test": [d for d in docs if d["split"] == "test"],
        "all": docs,
    }
    return {k: v for k, v in groups.items() if v}


def office_table(docs: list[dict], scorer: Scorer) -> dict[str, dict[str, Any]]:
    """Per office: counts, P/R/F1, the F1 of every *other* office, and field accuracy."""
    offices = sorted({d["office"] for d in docs})
    rows: dict[str, dict[str, Any]] = {}
    for office in offices:
        own = scorer([d for d in docs if d["office"] == office])
        o = own["outcomes"]
        if not (o["tp"] or o["fp"] or o["fn"]):  # nothing to find and nothing found
            o = {**o, "precision": None, "recall": None, "f1": None}
            own = {**own, "outcomes": o}
        rest = [d for d in docs if d["office"] != office]
        rows[office] = {
            "docs": sum(d["office"] == office for d in docs),
            **{k: own["outcomes"][k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")},
            "f1_without": scorer(rest)["outcomes"]["f1"] if rest else None,
            **{f: own["fields"][f]["exact"] for f in OFFICE_FIELDS},
        }
    return rows


def render_office_table(
    title: str, rows: dict[str, dict[str, Any]], baseline: dict[str, dict] | None = None
) -> str:
    """Plain-text table; with a baseline, F1 and F1-without carry their change."""
    fmt = lambda v: "    -" if v is None else f"{v:5.2f}"  # noqa: E731

    def delta(office: str, key: str) -> str:
        old = (baseline or {}).get(office, {}).get(key)
        new = rows[office][key]
        if baseline is None:
            return ""
        if new is None:
            return "     -"
        return "   new" if old is None else f"{new - old:+6.2f}"

    head = f"{'office':16}{'docs':>5}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>6}{'R':>6}{'F1':>6}"
    head += "   Δ" if baseline else ""
    head += f"{'F1 others':>10}" + ("   Δ" if baseline else "")
    head += "".join(f"{f[:8]:>9}" for f in OFFICE_FIELDS)
    lines = [f"-- {title}", head]
    for office, r in rows.items():
        line = f"{office:16}{r['docs']:5d}{r['tp']:5d}{r['fp']:5d}{r['fn']:5d}"
        line += f" {fmt(r['precision'])} {fmt(r['recall'])} {fmt(r['f1'])}{delta(office, 'f1')}"
        line += f"     {fmt(r['f1_without'])}{delta(office, 'f1_without')}"
        line += "".join(f"    {fmt(r[f])}" for f in OFFICE_FIELDS)
        lines.append(line)
    return "\n".join(lines)


def render_errors(result: dict[str, Any]) -> str:
    """Misses and false alarms of a studied group, one line each."""
    lines = ["misses (gold outcomes not extracted):"]
    lines += [f"  {m['doc']} | {m['defendant']} | {m['outcome_type']}" for m in result["misses"]]
    lines.append("false alarms (extracted rows that are wrong):")
    lines += [
        f"  {f['doc']} | {f['defendant']} | {f['outcome_type']} | {f['why']}"
        for f in result["false_alarms"]
    ]
    return "\n".join(lines)
