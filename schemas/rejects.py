"""``rejects``: input units that did not become documents, with the reason."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from casewire.records import REJECT_REASONS
from schemas._common import TableModel, enum_field, id_field, keys, text_field


class Rejects(TableModel):
    """Quarantined inputs: nothing is dropped silently."""

    reject_id: Series[str] = id_field("rej", "Stable reject ID.", unique=True)
    source: Series[str] = text_field(
        "Input path relative to raw/; a JSONL line is '<path>:<line>', followed by "
        "' (id <record id>)' once its id was read."
    )
    reason: Series[str] = enum_field(REJECT_REASONS, "Reason code.")
    message: Series[str] = text_field("Human-readable detail.")
    duplicate_of: Series[str] = id_field(
        "doc", "doc_id of the kept copy (duplicates only).", nullable=True
    )

    @pa.dataframe_check(error="duplicate_of is set exactly when reason == 'duplicate_of'")
    def duplicate_link(cls, df: pd.DataFrame) -> Series[bool]:
        return df["duplicate_of"].notna() == (df["reason"] == "duplicate_of")

    class Config:
        description = "Input units that did not become documents."
        metadata = keys(["reject_id"], [(["duplicate_of"], "documents", ["doc_id"])])
