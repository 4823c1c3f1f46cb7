"""``documents``: one row per ingested article after cleaning."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import (
    DATE_SOURCES,
    SHA256_RE,
    TableModel,
    date_field,
    enum_field,
    id_field,
    keys,
    text_field,
)


class Documents(TableModel):
    """Ingested articles; ``text`` is what every evidence offset refers to."""

    doc_id: Series[str] = id_field("doc", "Stable document ID (hash of the content).", unique=True)
    source_id: Series[str] = text_field(
        "Identifier of the input unit (file or JSONL line).", unique=True
    )
    source_path: Series[str] = text_field("Path of the input file, relative to raw/.")
    title: Series[str] = text_field("Headline, when known.", nullable=True)
    published_date: Series[str] = date_field("Publication date, YYYY-MM-DD.", day_only=True)
    date_source: Series[str] = enum_field(
        DATE_SOURCES, "Where published_date was read.", nullable=True
    )
    url: Series[str] = text_field("Original URL, when known.", nullable=True)
    language: Series[str] = text_field("ISO 639-1 language code, when detected.", nullable=True)
    n_chars: Series[int] = pa.Field(ge=0, description="Length of text in characters.")
    content_sha256: Series[str] = pa.Field(
        str_matches=SHA256_RE, description="SHA-256 of the cleaned text (hex)."
    )
    text: Series[str] = pa.Field(description="Cleaned full text; offsets index into it.")

    @pa.dataframe_check(error="n_chars == len(text)")
    def n_chars_matches_text(cls, df: pd.DataFrame) -> Series[bool]:
        return df["n_chars"] == df["text"].str.len()

    class Config:
        description = "Ingested articles after cleaning."
        metadata = keys(["doc_id"])
