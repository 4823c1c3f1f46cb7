"""``event_participants``: entities taking part in events, with their role."""

from __future__ import annotations

from pandera.typing import Series

from schemas._common import TableModel, id_field, keys, text_field


class EventParticipants(TableModel):
    """Who took part in an event, and as what."""

    event_id: Series[str] = id_field("evt", "Event.")
    entity_id: Series[str] = id_field("ent", "Participating entity.")
    role: Series[str] = text_field("Participant role in the event (e.g. defendant, agency).")

    class Config:
        description = "Event participants."
        unique = ["event_id", "entity_id", "role"]
        metadata = keys(
            ["event_id", "entity_id", "role"],
            [(["event_id"], "events", ["event_id"]), (["entity_id"], "entities", ["entity_id"])],
        )
