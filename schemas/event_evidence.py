"""``event_evidence``: every passage reporting an event."""

from __future__ import annotations

from pandera.typing import Series

from schemas._common import DOC_FK, EvidenceTable, count_field, id_field, keys, text_field


class EventEvidence(EvidenceTable):
    """All passages (across documents) that mention each event."""

    event_id: Series[str] = id_field("evt", "Event.")
    doc_id: Series[str] = id_field("doc", "Document of the passage.")
    start_char: Series[int] = count_field("Start offset of the evidence passage.")
    end_char: Series[int] = count_field("End offset (exclusive) of the evidence passage.")
    evidence: Series[str] = text_field("Evidence passage; == documents.text[start_char:end_char].")

    class Config:
        description = "Passages reporting each event."
        unique = ["event_id", "doc_id", "start_char"]
        metadata = keys(
            ["event_id", "doc_id", "start_char"], [(["event_id"], "events", ["event_id"]), DOC_FK]
        )
