"""``entity_ages``: an age stated with a name in one document, and the date it refers to."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import (
    DOC_FK,
    EvidenceTable,
    count_field,
    date_field,
    id_field,
    keys,
    text_field,
)


class EntityAges(EvidenceTable):
    """Ages as stated ("Garcia Luna, 54,"), with the birth years they allow."""

    age_id: Series[str] = id_field(
        "age", "Stable age ID (entity, document, evidence start).", unique=True
    )
    entity_id: Series[str] = id_field("ent", "Entity whose age is stated.")
    doc_id: Series[str] = id_field("doc", "Document stating the age.")
    age: Series[pd.Int64Dtype] = count_field("Age in years, as stated.", maximum=120)
    as_of: Series[str] = date_field(
        "Day the age refers to: the decision date of an outcome stated in the same sentence, "
        "else the document's published date, else the person's latest decision date in the "
        "document; null when none is known.",
        day_only=True,
    )
    birth_year_min: Series[pd.Int64Dtype] = count_field(
        "Earliest possible birth year: year(as_of) - age - 1; null without as_of.", nullable=True
    )
    birth_year_max: Series[pd.Int64Dtype] = count_field(
        "Latest possible birth year: year(as_of) - age; null without as_of.", nullable=True
    )
    start_char: Series[int] = count_field("Start offset of the evidence passage.")
    end_char: Series[int] = count_field("End offset (exclusive) of the evidence passage.")
    evidence: Series[str] = text_field("Evidence passage; == documents.text[start_char:end_char].")

    @pa.dataframe_check(error="birth years == year(as_of) - age - 1 .. year(as_of) - age")
    def birth_year_range(cls, df: pd.DataFrame) -> Series[bool]:
        year = pd.to_numeric(df["as_of"].str.slice(0, 4), errors="coerce").astype("Int64")
        expected_max = year - df["age"]
        dated = df["as_of"].notna()
        ok_dated = (df["birth_year_max"] == expected_max) & (
            df["birth_year_min"] == expected_max - 1
        )
        ok_undated = df["birth_year_min"].isna() & df["birth_year_max"].isna()
        return (ok_dated.fillna(False).astype(bool) & dated) | (ok_undated & ~dated)

    class Config:
        description = "Ages of entities as stated in documents, with the date they refer to."
        metadata = keys(["age_id"], [(["entity_id"], "entities", ["entity_id"]), DOC_FK])
