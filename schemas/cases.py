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
    ids_field,
    is_str_list,
    keys,
    names_field,
    same_length,
    text_field,
)
from schemas.legal_outcomes import charge_category_field

#: The case's judges: their entities and those entities' names (lists, one order).
JUDGE_COLUMNS = ("judge_entity_ids", "judge_names")


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
    judge_entity_ids: Series[object] = ids_field(
        "ent",
        "Person entities of the judges of its outcomes (legal_outcomes.judge_entity_id), "
        "once each, in the order of the outcomes by decision date (list; empty when no "
        "report names a judge).",
    )
    judge_names: Series[object] = names_field(
        "Their entities' canonical names, in the same order (list)."
    )
    n_outcomes: Series[int] = count_field("Number of outcomes.", minimum=1)
    n_documents: Series[int] = count_field("Number of documents.", minimum=1)

    @pa.dataframe_check(error="first_decision_date <= last_decision_date")
    def date_order(cls, df: pd.DataFrame) -> Series[bool]:
        return _not_after(df["first_decision_date"], df["last_decision_date"])

    @pa.check(*JUDGE_COLUMNS, element_wise=True, error="a list of names or entity ids")
    def judge_lists(cls, value: object) -> bool:
        return is_str_list(value)

    @pa.dataframe_check(error="an entity id for every judge name")
    def judges_linked(cls, df: pd.DataFrame) -> Series[bool]:
        return same_length(df, "judge_names", "judge_entity_ids")

    class Config:
        description = "Cases, one per defendant."
        metadata = keys(
            ["case_id"],
            [
                (["defendant_entity_id"], "entities", ["entity_id"]),
                (["judge_entity_ids"], "entities", ["entity_id"]),
            ],
            list_columns=JUDGE_COLUMNS,
        )
