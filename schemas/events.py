"""``events``: resolved events with date, place, modality and first evidence."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import (
    DATE_PRECISIONS,
    DOC_FK,
    MODALITIES,
    EvidenceTable,
    count_field,
    date_field,
    enum_field,
    id_field,
    keys,
    text_field,
)

_LENGTH_BY_PRECISION = {"year": 4, "month": 7, "day": 10}


class Events(EvidenceTable):
    """One row per resolved event; more passages are in ``event_evidence``."""

    event_id: Series[str] = id_field("evt", "Stable event ID.", unique=True)
    event_type: Series[str] = text_field("Event type code (e.g. arrest, indictment).")
    date: Series[str] = date_field("Event date, ISO truncated to date_precision.")
    date_precision: Series[str] = enum_field(DATE_PRECISIONS, "day, month or year.", nullable=True)
    date_end: Series[str] = date_field("End of a span, ISO truncated.")
    place: Series[str] = text_field("Place as written.", nullable=True)
    place_entity_id: Series[str] = id_field("ent", "Resolved place entity.", nullable=True)
    modality: Series[str] = enum_field(MODALITIES, "Whether the event is asserted, negated, ...")
    trigger: Series[str] = text_field("Trigger word or phrase.")
    n_documents: Series[int] = count_field("Number of documents reporting it.", minimum=1)
    doc_id: Series[str] = id_field("doc", "Document of the first evidence passage.")
    start_char: Series[int] = count_field("Start offset of the evidence passage.")
    end_char: Series[int] = count_field("End offset (exclusive) of the evidence passage.")
    evidence: Series[str] = text_field("Evidence passage; == documents.text[start_char:end_char].")

    @pa.dataframe_check(error="date length matches date_precision (null together)")
    def date_matches_precision(cls, df: pd.DataFrame) -> Series[bool]:
        expected = df["date_precision"].map(_LENGTH_BY_PRECISION)
        both_null = df["date"].isna() & df["date_precision"].isna()
        return both_null | (df["date"].str.len() == expected).fillna(False).astype(bool)

    class Config:
        description = "Resolved events."
        metadata = keys(["event_id"], [(["place_entity_id"], "entities", ["entity_id"]), DOC_FK])
