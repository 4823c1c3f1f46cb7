"""``legal_outcomes``: charges, pleas, verdicts and sentences per defendant."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import (
    CONVICTION_METHODS,
    DOC_FK,
    OUTCOME_TYPES,
    EvidenceTable,
    count_field,
    date_field,
    enum_field,
    id_field,
    keys,
    text_field,
)


def _months(description: str) -> object:
    return count_field(description, nullable=True)


def _usd(description: str) -> object:
    return pa.Field(ge=0, nullable=True, description=description)


class LegalOutcomes(EvidenceTable):
    """One legal outcome for one defendant as read from one document."""

    outcome_id: Series[str] = id_field("out", "Stable outcome ID.", unique=True)
    case_id: Series[str] = id_field("case", "Case the outcome belongs to.")
    doc_id: Series[str] = id_field("doc", "Document reporting the outcome.")
    defendant_entity_id: Series[str] = id_field("ent", "Defendant entity.")
    defendant_name: Series[str] = text_field("Defendant's canonical name.")
    defendant_age: Series[pd.Int64Dtype] = count_field(
        "Age as reported.", nullable=True, maximum=120
    )
    outcome_type: Series[str] = enum_field(OUTCOME_TYPES, "Kind of outcome; other: civil matters.")
    conviction_method: Series[str] = enum_field(
        CONVICTION_METHODS, "jury, bench or plea.", nullable=True
    )
    decision_date: Series[str] = date_field("Date of the decision, ISO truncated.")
    court: Series[str] = text_field("Court name.", nullable=True)
    court_id: Series[str] = text_field(
        "Free Law Project courts-db id of the court (e.g. 'nyed'), when courts-db knows it.",
        nullable=True,
    )
    judge_name: Series[str] = text_field("Judge as named.", nullable=True)
    announcer: Series[str] = text_field("Official announcing the outcome.", nullable=True)
    sentence_min_months: Series[pd.Int64Dtype] = _months("Minimum custodial sentence, months.")
    sentence_max_months: Series[pd.Int64Dtype] = _months("Maximum custodial sentence, months.")
    life_sentence: Series[bool] = pa.Field(description="Sentenced to life imprisonment.")
    death_sentence: Series[bool] = pa.Field(description="Sentenced to death.")
    custody_suspended: Series[bool] = pa.Field(description="Custodial sentence suspended.")
    probation_months: Series[pd.Int64Dtype] = _months("Probation, months.")
    supervised_release_months: Series[pd.Int64Dtype] = _months("Supervised release, months.")
    fine_usd: Series[float] = _usd("Fine in US dollars.")
    restitution_usd: Series[float] = _usd("Restitution in US dollars.")
    forfeiture_usd: Series[float] = _usd("Forfeiture in US dollars.")
    counts: Series[pd.Int64Dtype] = count_field("Number of counts.", minimum=1, nullable=True)
    start_char: Series[int] = count_field("Start offset of the evidence passage.")
    end_char: Series[int] = count_field("End offset (exclusive) of the evidence passage.")
    evidence: Series[str] = text_field("Evidence passage; == documents.text[start_char:end_char].")

    @pa.dataframe_check(error="sentence_min_months <= sentence_max_months")
    def sentence_range(cls, df: pd.DataFrame) -> Series[bool]:
        ok = df["sentence_min_months"] <= df["sentence_max_months"]
        return ok.fillna(True).astype(bool)

    class Config:
        description = "Legal outcomes per defendant and document."
        metadata = keys(
            ["outcome_id"],
            [
                (["case_id"], "cases", ["case_id"]),
                DOC_FK,
                (["defendant_entity_id"], "entities", ["entity_id"]),
            ],
        )
