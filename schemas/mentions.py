"""``mentions``: named-entity mentions linked to resolved entities."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import (
    DOC_FK,
    MENTION_LABELS,
    EvidenceTable,
    count_field,
    enum_field,
    id_field,
    keys,
    text_field,
)


class Mentions(EvidenceTable):
    """One row per entity mention in a document."""

    mention_id: Series[str] = id_field("men", "Stable mention ID.", unique=True)
    doc_id: Series[str] = id_field("doc", "Document the mention is in.")
    entity_id: Series[str] = id_field("ent", "Resolved entity.")
    text: Series[str] = text_field(
        "Mention as written; == documents.text[mention_start:mention_end]."
    )
    label: Series[str] = enum_field(MENTION_LABELS, "spaCy entity label.")
    mention_start: Series[int] = count_field("Start offset of the mention in documents.text.")
    mention_end: Series[int] = count_field("End offset (exclusive) of the mention.")
    start_char: Series[int] = count_field("Start offset of the evidence passage.")
    end_char: Series[int] = count_field("End offset (exclusive) of the evidence passage.")
    evidence: Series[str] = text_field("Evidence passage; == documents.text[start_char:end_char].")

    @pa.dataframe_check(error="mention_start < mention_end")
    def mention_span(cls, df: pd.DataFrame) -> Series[bool]:
        return df["mention_start"] < df["mention_end"]

    class Config:
        description = "Named-entity mentions."
        metadata = keys(["mention_id"], [DOC_FK, (["entity_id"], "entities", ["entity_id"])])
