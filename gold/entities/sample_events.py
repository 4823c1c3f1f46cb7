"""Draw a sample of events from a release, for judging by reading their documents.

Usage::

    python gold/entities/sample_events.py draw RELEASE_DIR --seed SEED [--out FOLDER]
    python gold/entities/sample_events.py show FILE RELEASE_DIR [--only random|largest]

``draw`` writes ``events_<seed>.jsonl`` (issue 18, item 5): one line per drawn event,
its judgments left empty:

- ``random``: 80 events, stratified by type: each type gets a share of the 80 in
  proportion to its number of events (largest remainders), at least one per type;
  within a type, ``random.Random(seed)`` picks among its events in ``event_id`` order;
- ``largest``: the 20 events merged from the most documents (ties: ``event_id``),
  judged for their merge only.

``show`` prints each drawn event with its type, trigger, modality, date, place and
participants (name and role), and for up to four of its documents the source id, title,
publication date and the evidence sentence inside some of its surrounding text.

A reader fills in, from the documents (:data:`casewire.evaluate_events.ASPECTS`):

- ``type``: ``right`` (an event of this type that the evidence tells) or ``wrong``;
- ``modality``: ``right`` or ``wrong`` (asserted, negated, scheduled, requested,
  potential, hypothetical);
- ``participants``: ``right`` when every participant is who the event involves, in the
  role given, and whom it is about (the defendant, the person arrested, sentenced...)
  is among them whenever the text names them; else ``wrong``;
- ``date``: ``right`` when the date is this event's date as the text gives it (empty
  when the text gives none), ``wrong`` when it is another event's or missing although
  stated;
- ``place``: ``right`` or ``wrong`` when one is given, ``na`` when empty;
- ``merge``: for an event of two or more documents, ``right`` when all of them tell this
  one event, else ``wrong``; ``na`` for one document;

and a short ``note``. On a line whose ``type`` is ``wrong`` only ``merge`` is still read.
``python -m casewire.evaluate_entities --persons gold/entities`` turns judged files into
shares (``make eval``).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd

from casewire.evaluate_events import ASPECTS

HERE = Path(__file__).resolve().parent
N_RANDOM = 80
N_LARGEST = 20
SHOW_DOCS = 4  # documents printed per event
CONTEXT = 500  # characters of document text shown on each side of the evidence


def allocate(counts: dict[str, int], total: int) -> dict[str, int]:
    """Per type, how many of ``total`` to draw: proportional to ``counts`` by largest
    remainders, at least one for every type with events, never more than it has."""
    types = sorted(t for t, n in counts.items() if n > 0)
    if not types:
        return {}
    size = sum(counts[t] for t in types)
    quota = {t: total * counts[t] / size for t in types}
    share = {t: min(counts[t], max(1, int(quota[t]))) for t in types}
    by_remainder = sorted(types, key=lambda t: (-(quota[t] - int(quota[t])), t))
    while sum(share.values()) < min(total, size):
        grew = False
        for t in by_remainder:
            if sum(share.values()) >= min(total, size):
                break
            if share[t] < counts[t]:
                share[t] += 1
                grew = True
        if not grew:
            break
    while sum(share.values()) > total:  # the minimum of one pushed the sum over
        t = max((t for t in types if share[t] > 1), key=lambda t: (share[t], t))
        share[t] -= 1
    return share


def draw(release: Path, seed: int) -> list[dict]:
    """The random and the largest lines of a sample (see the module docstring)."""
    events = pd.read_parquet(release / "events.parquet").sort_values("event_id")
    rng = random.Random(seed)
    share = allocate(events.event_type.value_counts().to_dict(), N_RANDOM)
    picked: list[pd.Series] = []
    for etype in sorted(share):
        of_type = events[events.event_type == etype].reset_index(drop=True)
        for i in sorted(rng.sample(range(len(of_type)), share[etype])):
            picked.append(of_type.iloc[i])
    largest = events.sort_values(["n_documents", "event_id"], ascending=[False, True]).head(
        N_LARGEST
    )
    people = _participants(release)
    docs = _event_docs(release)
    rows = [_line("random", k, r, people, docs) for k, r in enumerate(picked)]
    rows += [_line("largest", k, r, people, docs) for k, (_, r) in enumerate(largest.iterrows())]
    return rows


def _participants(release: Path) -> dict[str, list[dict]]:
    parts = pd.read_parquet(release / "event_participants.parquet")
    ents = pd.read_parquet(
        release / "entities.parquet", columns=["entity_id", "entity_type", "canonical_name"]
    )
    parts = parts.merge(ents, on="entity_id", how="left").sort_values(["event_id", "role"])
    return {
        k: [
            {"name": r.canonical_name, "role": r.role, "entity_type": r.entity_type}
            for r in g.itertuples()
        ]
        for k, g in parts.groupby("event_id")
    }


def _event_docs(release: Path) -> dict[str, list[str]]:
    ev = pd.read_parquet(release / "event_evidence.parquet", columns=["event_id", "doc_id"])
    return {k: sorted(set(g.doc_id)) for k, g in ev.groupby("event_id")}


def _line(sample: str, rank: int, r: pd.Series, people: dict, docs: dict) -> dict:
    """One drawn event: what the release says of it under ``event``, the reader's
    verdicts beside it."""
    return {
        "sample": sample,
        "rank": rank,
        "event_id": r.event_id,
        "event": {
            "event_type": r.event_type,
            "trigger": r.trigger,
            "modality": r.modality,
            "date": _text(r.date),
            "place": _text(r.place),
            "n_documents": int(r.n_documents),
            "participants": people.get(r.event_id, []),
            "doc_ids": docs.get(r.event_id, [r.doc_id]),
        },
        **{a: None for a in ASPECTS},
        "note": "",
    }


def _text(value: object) -> str | None:
    """A cell as text, an empty one (None or NaN) as None: JSON has no NaN."""
    return value if isinstance(value, str) else None


def show(rows: list[dict], release: Path) -> str:
    """Each drawn event with its fields and, per document, its evidence in context."""
    evidence = pd.read_parquet(release / "event_evidence.parquet")
    wanted = {r["event_id"] for r in rows}
    evidence = evidence[evidence.event_id.isin(wanted)]
    docs = pd.read_parquet(
        release / "documents.parquet",
        columns=["doc_id", "source_id", "title", "published_date", "text"],
    ).set_index("doc_id")
    by_event = {k: g.sort_values("doc_id") for k, g in evidence.groupby("event_id")}
    out = []
    for r in rows:
        e = r["event"]
        people = "; ".join(f"{p['name']} ({p['role']})" for p in e["participants"]) or "-"
        out.append(
            f"\n### {r['sample']} {r['rank']} | {e['event_type']} | trigger «{e['trigger']}» | "
            f"modality {e['modality']} | date {e['date'] or '-'} | place {e['place'] or '-'} | "
            f"{e['n_documents']} docs\n  participants: {people}"
        )
        g = by_event.get(r["event_id"])
        if g is None:
            continue
        for ev in g.head(SHOW_DOCS).itertuples():
            d = docs.loc[ev.doc_id]
            text = d.text
            before = " ".join(text[max(0, ev.start_char - CONTEXT) : ev.start_char].split())
            after = " ".join(text[ev.end_char : ev.end_char + CONTEXT].split())
            said = " ".join(text[ev.start_char : ev.end_char].split())
            out.append(
                f"  - [{d.source_id}] {str(d.title or '')[:90]!r} published {d.published_date}\n"
                f"      …{before} [[{said}]] {after}…"
            )
        if len(g) > SHOW_DOCS:
            out.append(f"  (+{len(g) - SHOW_DOCS} more documents)")
    return "\n".join(out)


def main() -> None:
    from sample_entities import draw_show_parser  # the sampler beside this one

    args = draw_show_parser(__doc__, ["random", "largest"]).parse_args()
    if args.cmd == "draw":
        rows = draw(args.release, args.seed)
        out = (args.out or HERE) / f"events_{args.seed}.jsonl"
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        print(f"{len(rows)} events -> {out}")
    else:
        rows = [json.loads(x) for x in args.file.read_text("utf-8").splitlines() if x.strip()]
        if args.only:
            rows = [r for r in rows if r["sample"] == args.only]
        print(show(rows, args.release))


if __name__ == "__main__":
    main()
