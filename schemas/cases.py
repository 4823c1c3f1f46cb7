"""``cases``: one case per defendant, summarizing its outcomes."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import (
    OUTCOME_TYPES,
    TableModel,
    count_field,
    date_field,
    enum_field,
    id_field,
    keys,
    text_field,
)
from schemas.legal_outcomes import charge_category_field


def _not_after(first: pd.Series, last: pd.Series) -> pd.Series:
    """ISO dates of mixed precision compared on their common prefix; nulls pass."""
    pairs = zip(first.tolist(), last.tolist(), strict=True)
    ok = [
        not (isinstance(a, str) and isinstance(b, str))
        or a[: min(len(a), len(b))] <= b[: min(len(a), len(b))]
        for a, b in pairs
    ]
    return pd.Series(ok, index=first.index, dtype=bool)


class Cases(TableModel):
    """Cases: a defendant's path through charges, pleas, verdicts and sentences."""

    case_id: Series[str] = id_field("case", "Stable case ID.", unique=True)
    caption: Series[str] = text_field("Caption, e.g. 'United States v. Jane Doe'.")
    court: Series[str] = text_field("Court name.", nullable=True)
    court_id: Series[str] = text_field(
        "Free Law Project courts-db id of the court (e.g. 'nyed'), when courts-db knows it.",
        nullable=True,
    )
    defendant_entity_id: Series[str] = id_field("ent", "Defendant entity.")
    defendant_name: Series[str] = text_field("Defendant's canonical name.")
    status: Series[str] = enum_field(OUTCOME_TYPES, "Latest outcome_type.")
    charge_category: Series[str] = charge_category_field("the case's charges")
    first_decision_date: Series[str] = date_field("Earliest decision date, ISO truncated.")
    last_decision_date: Series[str] = date_field("Latest decision date, ISO truncated.")
    n_outcomes: Series[int] = count_field("Number of outcomes.", minimum=1)
    n_documents: Series[int] = count_field("Number of documents.", minimum=1)

    @pa.dataframe_check(error="first_decision_date <= last_decision_date")
    def date_order(cls, df: pd.DataFrame) -> Series[bool]:
        return _not_after(df["first_decision_date"], df["last_decision_date"])

    class Config:
        description = "Cases, one per defendant."
        metadata = keys(["case_id"], [(["defendant_entity_id"], "entities", ["entity_id"])])
