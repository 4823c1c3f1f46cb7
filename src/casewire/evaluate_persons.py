"""Shares of a judged sample of person entities, and how a release stands against it.

A judged file (``gold/entities/persons_<seed>.jsonl`` or ``pairs_<seed>.jsonl``, drawn by
``gold/entities/sample_entities.py`` from one release and judged by reading each
entity's evidence) holds one line per drawn entity: ``sample`` (``random``: 100
person entities seen in two or more documents; ``largest``: the 50 seen in the most
documents), ``entity_id``, ``canonical_name`` and ``judgment``, one of
:data:`JUDGMENTS`; a pairs file one line per drawn pair (``sample`` ``pairs``,
``entities``: the two), judged one of :data:`PAIR_JUDGMENTS`.

:func:`person_shares` recomputes the shares per sample, as judged on the release the
file was drawn from. :func:`against_release` reads another release's entities and
says, per judgment, how many of the judged entities are still person entities there
(by ``entity_id``, or by the name key of their canonical name): judged non-persons
still present are errors left; judged real people gone are losses. It does not
re-judge anything, so the figures of a later release need a fresh draw too.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from casewire.textnorm import name_key

JUDGMENTS = ("one_person", "joins_different", "not_person")
#: A pairs file (``pairs_<seed>.jsonl``): two person entities of one surname and
#: compatible given names; ``one_person`` is one person left split in two entities.
PAIR_JUDGMENTS = ("one_person", "different_people", "unsure")


def judgments(sample: str) -> tuple[str, ...]:
    """The judgments a line of ``sample`` may carry."""
    return PAIR_JUDGMENTS if sample == "pairs" else JUDGMENTS


def load_judged(path: Path) -> list[dict]:
    """The lines of a judged file; an unknown judgment is an error naming the line."""
    rows = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    for k, r in enumerate(rows, 1):
        allowed = judgments(r.get("sample", ""))
        if r.get("judgment") not in (*allowed, None):
            raise ValueError(f"{path}:{k}: judgment {r.get('judgment')!r} is not one of {allowed}")
    return rows


def person_shares(rows: list[dict]) -> dict[str, Any]:
    """Per sample: number drawn, judged, and count and share of each judgment."""
    out: dict[str, Any] = {}
    for sample in sorted({r["sample"] for r in rows}):
        judged = Counter(r["judgment"] for r in rows if r["sample"] == sample)
        n = sum(judged.values()) - judged[None]
        out[sample] = {
            "drawn": sum(judged.values()),
            "judged": n,
            **{
                j: {"n": judged[j], "share": judged[j] / n if n else None}
                for j in judgments(sample)
            },
        }
    return out


def against_release(rows: list[dict], persons: list[tuple[str, str]]) -> dict[str, Any]:
    """Per sample and judgment: how many judged entities are person entities of the
    release given as ``(entity_id, canonical_name)`` pairs of its person entities."""
    ids = {i for i, _ in persons}
    keys = {name_key(n) for _, n in persons}
    out: dict[str, Any] = {}
    for r in rows:
        if r["judgment"] is None or r["sample"] == "pairs":
            continue
        present = r["entity_id"] in ids or name_key(r["canonical_name"]) in keys
        c = out.setdefault(r["sample"], {j: Counter() for j in JUDGMENTS})[r["judgment"]]
        c["present" if present else "gone"] += 1
    return {s: {j: dict(c) for j, c in by.items()} for s, by in out.items()}


def release_persons(release: Path) -> list[tuple[str, str]]:
    """``(entity_id, canonical_name)`` of every person entity of a release folder."""
    import pyarrow.parquet as pq

    t = pq.read_table(
        release / "entities.parquet", columns=["entity_id", "entity_type", "canonical_name"]
    ).to_pydict()
    return [
        (i, n)
        for i, kind, n in zip(t["entity_id"], t["entity_type"], t["canonical_name"], strict=True)
        if kind == "person"
    ]


def format_persons(name: str, shares: dict, release: dict | None) -> str:
    """A table of one judged file's shares (and its standing in a release, if given)."""
    lines = [f"person entities judged in {name}"]
    for sample, s in shares.items():
        names = judgments(sample)
        lines.append(f"{'sample':10}{'judged':>7}" + "".join(f"{j:>18}" for j in names))
        cells = "".join(
            f"{s[j]['n']:>8} ({s[j]['share']:6.1%})" if s[j]["share"] is not None else f"{'-':>18}"
            for j in names
        )
        lines.append(f"{sample:10}{s['judged']:>7}{cells}")
    if release:
        lines.append("still person entities in the release (present/judged):")
        for sample, by in release.items():
            cells = ", ".join(
                f"{j} {c.get('present', 0)}/{c.get('present', 0) + c.get('gone', 0)}"
                for j, c in by.items()
            )
            lines.append(f"  {sample:8} {cells}")
    return "\n".join(lines)
