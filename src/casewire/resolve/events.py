"""Cross-document event merging.

Merge rule: two *asserted* event mentions are one event when they have the same
``event_type``, the same main participant entity (the first participant whose
role is defendant, else the first participant whose role is not one of
:data:`SECONDARY_ROLES`: the judge who "sentenced X", the agents who "arrested
X" or the prosecutors who "charged X" are never what an event is about) and
compatible dates. An event whose participants are all secondary has no main
participant and is never merged across documents. Dates are
compatible when equal or when one is a prefix of the other ("2019" and
"2019-12"). An undated mention joins the dated group of its key when there is
exactly one; otherwise undated mentions form their own event. Non-asserted
mentions (negated, requested, potential, scheduled, hypothetical) are never
merged with anything: each is its own event.

``event_id = stable_id("evt", event_type, main participant entity_id, date or
None, modality, [doc_id, start_char for non-asserted])`` where date is the most
precise date of the group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from casewire.ids import stable_id
from casewire.records import EventMention

EntityIdFor = Callable[[str, str, str], str]

#: Participant roles that act on an event's subject rather than being it.
SECONDARY_ROLES = frozenset({"judge", "investigator", "accuser", "prosecutor", "defense_attorney"})


def merge_events(
    mentions: Sequence[EventMention], entity_id_for: EntityIdFor
) -> tuple[list[dict], list[dict], list[dict]]:
    """``(events, event_evidence, event_participants)`` rows, each sorted by key."""
    groups: dict[tuple, list[EventMention]] = defaultdict(list)
    for key, members in _group(mentions, entity_id_for).items():
        groups[key] = members
    events, evidence, participants = [], [], []
    for key, members in groups.items():
        members = sorted(members, key=lambda m: (m.doc_id, m.evidence.start_char))
        event_id = stable_id("evt", *key)
        events.append(_event_row(event_id, members, entity_id_for))
        seen_docs = set()
        for m in members:
            if m.doc_id not in seen_docs:  # one evidence row per document
                seen_docs.add(m.doc_id)
                evidence.append(
                    {
                        "event_id": event_id,
                        "doc_id": m.doc_id,
                        "start_char": m.evidence.start_char,
                        "end_char": m.evidence.end_char,
                        "evidence": m.evidence.text,
                    }
                )
        participants += _participant_rows(event_id, members, entity_id_for)
    return (
        sorted(events, key=lambda r: r["event_id"]),
        sorted(evidence, key=lambda r: (r["event_id"], r["doc_id"])),
        sorted(participants, key=lambda r: (r["event_id"], r["entity_id"], r["role"])),
    )


def _main(m: EventMention, entity_id_for: EntityIdFor) -> str | None:
    p = next((p for p in m.participants if p.role == "defendant"), None) or next(
        (p for p in m.participants if p.role not in SECONDARY_ROLES), None
    )
    if p is None:
        return None
    return entity_id_for(m.doc_id, p.entity_type, p.canonical)


def _group(mentions: Sequence[EventMention], entity_id_for: EntityIdFor) -> dict:
    """Group key (the event_id parts) -> member mentions."""
    by_key: dict[tuple, list[EventMention]] = defaultdict(list)
    out: dict[tuple, list[EventMention]] = {}
    for m in mentions:
        main = _main(m, entity_id_for)
        if m.modality != "asserted":
            key = (m.event_type, main, m.date, m.modality, m.doc_id, m.evidence.start_char)
            out.setdefault(key, []).append(m)
        elif main is None:  # nobody the event is about: keep it to its document
            by_key[(m.event_type, f"{m.doc_id}:{m.evidence.start_char}")].append(m)
        else:
            by_key[(m.event_type, main)].append(m)
    for (etype, main), members in sorted(by_key.items(), key=lambda kv: str(kv[0])):
        dated: list[list[EventMention]] = []
        for m in sorted((m for m in members if m.date), key=lambda m: (-len(m.date), m.date)):
            group = next((g for g in dated if _compatible(g[0].date, m.date)), None)
            (group.append(m) if group is not None else dated.append([m]))
        undated = [m for m in members if not m.date]
        if len(dated) == 1:
            dated[0] += undated
        elif undated:
            dated.append(undated)
        for g in dated:
            extra = (g[0].date_end,) if etype == "office_held" else ()
            out[(etype, main, g[0].date, "asserted", *extra)] = g
    return out


def _compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _event_row(event_id: str, members: list[EventMention], entity_id_for: EntityIdFor) -> dict:
    first = members[0]
    dated = [m for m in members if m.date]
    best = max(dated, key=lambda m: (len(m.date), m.date)) if dated else first
    place_m = next((m for m in members if m.place), None)
    return {
        "event_id": event_id,
        "event_type": first.event_type,
        "date": best.date,
        "date_precision": best.date_precision,
        "date_end": next((m.date_end for m in members if m.date_end), None),
        "place": place_m.place if place_m else None,
        "place_entity_id": entity_id_for(place_m.doc_id, "place", place_m.place)
        if place_m
        else None,
        "modality": first.modality,
        "trigger": first.trigger,
        "n_documents": len({m.doc_id for m in members}),
        "doc_id": first.doc_id,
        "start_char": first.evidence.start_char,
        "end_char": first.evidence.end_char,
        "evidence": first.evidence.text,
    }


def _participant_rows(
    event_id: str, members: list[EventMention], entity_id_for: EntityIdFor
) -> list[dict]:
    rows: dict[tuple[str, str], dict] = {}
    for m in members:
        for p in m.participants:
            eid = entity_id_for(m.doc_id, p.entity_type, p.canonical)
            rows.setdefault(
                (eid, p.role),
                {
                    "event_id": event_id,
                    "entity_id": eid,
                    "entity_type": p.entity_type,
                    "canonical_name": p.canonical,
                    "role": p.role,
                },
            )
    return list(rows.values())
