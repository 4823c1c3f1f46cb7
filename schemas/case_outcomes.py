"""``case_outcomes``: one row per case, outcome type and decision, across its reports.

The rule for "same decision" and for reconciling the reports' values is
:mod:`casewire.resolve.decisions`'s; ``legal_outcomes`` keeps each report (linked by
``legal_outcomes.case_outcome_id``) as the evidence.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import (
    CONVICTION_METHODS,
    DOC_FK,
    OUTCOME_TYPES,
    count_field,
    date_field,
    enum_field,
    id_field,
    ids_field,
    is_str_list,
    keys,
    names_field,
    precision_field,
    text_field,
)
from schemas.legal_outcomes import (
    COUNSEL_COLUMNS,
    COUNSEL_FKS,
    DecisionTable,
    charge_category_field,
    months_field,
    sentence_range_ok,
    usd_field,
)

#: Columns whose reports may disagree, as ``conflicts`` names them.
RECONCILED = (
    "conviction_method",
    "court_id",
    "judge_entity_id",
    "sentence_min_months",
    "sentence_max_months",
    "probation_months",
    "supervised_release_months",
    "fine_usd",
    "restitution_usd",
    "forfeiture_usd",
    "counts",
)


class CaseOutcomes(DecisionTable):
    """One decision of a case (a charge, a plea, a verdict, a sentence), however many
    documents report it; evidence is its first report's passage."""

    case_outcome_id: Series[str] = id_field(
        "cout", "Stable ID: hash of case, outcome type and decision date.", unique=True
    )
    case_id: Series[str] = id_field("case", "Case.")
    defendant_entity_id: Series[str] = id_field("ent", "Defendant entity.")
    defendant_name: Series[str] = text_field("Defendant's canonical name.")
    outcome_type: Series[str] = enum_field(OUTCOME_TYPES, "Kind of outcome; other: civil matters.")
    decision_date: Series[str] = date_field(
        "Date of the decision, ISO truncated: the most precise date its reports give."
    )
    decision_date_precision: Series[str] = precision_field("decision_date")
    first_reported_date: Series[str] = date_field(
        "Earliest published_date of the documents reporting it.", day_only=True
    )
    conviction_method: Series[str] = enum_field(
        CONVICTION_METHODS, "jury, bench or plea.", nullable=True
    )
    court: Series[str] = text_field("Court name, as most reports write it.", nullable=True)
    court_id: Series[str] = text_field("Free Law Project courts-db id of the court.", nullable=True)
    judge_entity_id: Series[str] = id_field("ent", "The judge's person entity.", nullable=True)
    judge_name: Series[str] = text_field("The judge entity's canonical name.", nullable=True)
    prosecutor_entity_ids: Series[object] = ids_field(
        "ent", "Person entities of the prosecutors any report names (list, report order)."
    )
    prosecutor_names: Series[object] = names_field(
        "Their entities' canonical names, in the same order (list)."
    )
    defense_attorney_entity_ids: Series[object] = ids_field(
        "ent", "Person entities of the defense attorneys any report names (list)."
    )
    defense_attorney_names: Series[object] = names_field(
        "Their entities' canonical names, in the same order (list)."
    )
    charge_category: Series[str] = charge_category_field(
        "its reports' charges (the whole case's when they name none)"
    )
    sentence_min_months: Series[pd.Int64Dtype] = months_field("Minimum custodial sentence, months.")
    sentence_max_months: Series[pd.Int64Dtype] = months_field("Maximum custodial sentence, months.")
    life_sentence: Series[bool] = pa.Field(description="Life imprisonment, per any report.")
    death_sentence: Series[bool] = pa.Field(description="Death sentence, per any report.")
    custody_suspended: Series[bool] = pa.Field(description="Custody suspended, per any report.")
    probation_months: Series[pd.Int64Dtype] = months_field("Probation, months.")
    supervised_release_months: Series[pd.Int64Dtype] = months_field("Supervised release, months.")
    fine_usd: Series[float] = usd_field("Fine in US dollars.")
    restitution_usd: Series[float] = usd_field("Restitution in US dollars.")
    forfeiture_usd: Series[float] = usd_field("Forfeiture in US dollars.")
    counts: Series[pd.Int64Dtype] = count_field("Number of counts.", minimum=1, nullable=True)
    conflicts: Series[object] = pa.Field(
        description="Columns its reports give different values for (list; the value shown "
        "is the most reported, never an average)."
    )
    n_reports: Series[int] = count_field("Number of legal_outcomes rows reporting it.", minimum=1)
    n_documents: Series[int] = count_field("Number of documents reporting it.", minimum=1)
    doc_id: Series[str] = id_field("doc", "Document of the first report.")
    start_char: Series[int] = count_field("Start offset of the evidence passage.")
    end_char: Series[int] = count_field("End offset (exclusive) of the evidence passage.")
    evidence: Series[str] = text_field("Evidence passage; == documents.text[start_char:end_char].")

    @pa.check("conflicts", element_wise=True, error="a list of reconciled column names")
    def known_conflicts(cls, value: object) -> bool:
        return is_str_list(value) and all(v in RECONCILED for v in value)  # type: ignore[union-attr]

    @pa.dataframe_check(error="sentence_min_months <= sentence_max_months")
    def sentence_range(cls, df: pd.DataFrame) -> Series[bool]:
        return sentence_range_ok(df)

    class Config:
        description = "Case-level outcomes: one row per case, outcome type and decision."
        metadata = keys(
            ["case_outcome_id"],
            [
                (["case_id"], "cases", ["case_id"]),
                (["defendant_entity_id"], "entities", ["entity_id"]),
                (["judge_entity_id"], "entities", ["entity_id"]),
                *COUNSEL_FKS,
                DOC_FK,
            ],
            list_columns=("conflicts", *COUNSEL_COLUMNS),
        )
