"""``legal_outcomes``: charges, pleas, verdicts and sentences per defendant."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import (
    CHARGE_CATEGORIES,
    CONVICTION_METHODS,
    DECISION_DATE_SOURCES,
    DOC_FK,
    OUTCOME_TYPES,
    EvidenceTable,
    count_field,
    date_field,
    enum_field,
    id_field,
    ids_field,
    is_str_list,
    keys,
    names_field,
    precision_field,
    precision_ok,
    same_length,
    text_field,
)

#: Prosecutors' and defense attorneys' columns: names as written, and their entities.
COUNSEL_COLUMNS = (
    "prosecutor_names",
    "prosecutor_entity_ids",
    "defense_attorney_names",
    "defense_attorney_entity_ids",
)
#: List columns of entity ids, each item a key of entities (casewire validate checks it).
COUNSEL_FKS = [
    (["prosecutor_entity_ids"], "entities", ["entity_id"]),
    (["defense_attorney_entity_ids"], "entities", ["entity_id"]),
]


def months_field(description: str) -> object:
    """A nullable count of months (a term, probation, supervised release)."""
    return count_field(description, nullable=True)


def usd_field(description: str) -> object:
    """A nullable non-negative amount in US dollars."""
    return pa.Field(ge=0, nullable=True, description=description)


def charge_category_field(what: str) -> object:
    """The most serious charge category of ``what`` (by ``CHARGE_SEVERITY``)."""
    return enum_field(
        CHARGE_CATEGORIES,
        f"Most serious category of {what}, by the severity order declared with the "
        "charge categories (schemas/_common.py CHARGE_SEVERITY); null without charges.",
        nullable=True,
    )


def sentence_range_ok(df: pd.DataFrame) -> pd.Series:
    ok = df["sentence_min_months"] <= df["sentence_max_months"]
    return ok.fillna(True).astype(bool)


class DecisionTable(EvidenceTable):
    """Checks a report of a decision and a case's decision share: the judge, the date's
    precision and the counsel lists (``legal_outcomes`` and ``case_outcomes``)."""

    @pa.dataframe_check(error="judge_entity_id set exactly when judge_name is")
    def judge_linked(cls, df: pd.DataFrame) -> Series[bool]:
        return df["judge_name"].isna() == df["judge_entity_id"].isna()

    @pa.dataframe_check(error="decision_date_precision is decision_date's")
    def date_precision(cls, df: pd.DataFrame) -> Series[bool]:
        return precision_ok(df, "decision_date", "decision_date_precision")

    @pa.check(*COUNSEL_COLUMNS, element_wise=True, error="a list of names or entity ids")
    def counsel_lists(cls, value: object) -> bool:
        return is_str_list(value)

    @pa.dataframe_check(error="an entity id for every prosecutor and defense attorney name")
    def counsel_linked(cls, df: pd.DataFrame) -> Series[bool]:
        return same_length(df, "prosecutor_names", "prosecutor_entity_ids") & same_length(
            df, "defense_attorney_names", "defense_attorney_entity_ids"
        )


class LegalOutcomes(DecisionTable):
    """One legal outcome for one defendant as read from one document."""

    outcome_id: Series[str] = id_field("out", "Stable outcome ID.", unique=True)
    case_id: Series[str] = id_field("case", "Case the outcome belongs to.")
    case_outcome_id: Series[str] = id_field(
        "cout", "The decision this report is of (case_outcomes), where its values are reconciled."
    )
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
    decision_date: Series[str] = date_field(
        'Date of the decision, ISO truncated to its precision: YYYY-MM-DD, YYYY-MM ("in '
        'December 2009") or YYYY ("in 2009"); null when the text dates it no finer than that.'
    )
    decision_date_precision: Series[str] = precision_field("decision_date")
    decision_date_source: Series[str] = enum_field(
        DECISION_DATE_SOURCES,
        "How decision_date was obtained: written (where the outcome is told, as a date or a "
        'weekday or relative word the publication day resolves: "on May 5, 2009", "Tuesday", '
        '"last month"); announced (the day of the verb telling it, "X announced today that Y '
        "was sentenced\": the release's day, not the outcome's); release_day (no date word: "
        'the publication day, given by a present tense, "has been indicted"); lead (borrowed '
        "from an earlier sentence: the release's unnamed lead restated, or the day before "
        '"the same day"); null when decision_date is null.',
        nullable=True,
    )
    court: Series[str] = text_field("Court name.", nullable=True)
    court_id: Series[str] = text_field(
        "Free Law Project courts-db id of the court (e.g. 'nyed'), when courts-db knows it.",
        nullable=True,
    )
    judge_name: Series[str] = text_field("Judge as named.", nullable=True)
    judge_entity_id: Series[str] = id_field(
        "ent",
        "The judge's person entity (full name from the document or the court's other "
        "reports, see casewire.resolve.judges); set whenever judge_name is.",
        nullable=True,
    )
    prosecutor_names: Series[object] = names_field(
        'The prosecutors the document names for the case ("Assistant U.S. Attorney Jane Roe '
        'is prosecuting the case"), as written, in text order (list; empty when none). The '
        "official who only announces is the announcer, not a prosecutor."
    )
    prosecutor_entity_ids: Series[object] = ids_field(
        "ent",
        "Their person entities, in the same order (list; see casewire.resolve.judges).",
    )
    defense_attorney_names: Series[object] = names_field(
        'The defendant\'s attorneys the document names ("represented by attorney X"), as '
        "written (list; empty when none)."
    )
    defense_attorney_entity_ids: Series[object] = ids_field(
        "ent", "Their person entities, in the same order (list)."
    )
    announcer: Series[str] = text_field("Official announcing the outcome.", nullable=True)
    sentence_min_months: Series[pd.Int64Dtype] = months_field("Minimum custodial sentence, months.")
    sentence_max_months: Series[pd.Int64Dtype] = months_field("Maximum custodial sentence, months.")
    life_sentence: Series[bool] = pa.Field(description="Sentenced to life imprisonment.")
    death_sentence: Series[bool] = pa.Field(description="Sentenced to death.")
    custody_suspended: Series[bool] = pa.Field(description="Custodial sentence suspended.")
    probation_months: Series[pd.Int64Dtype] = months_field("Probation, months.")
    supervised_release_months: Series[pd.Int64Dtype] = months_field("Supervised release, months.")
    fine_usd: Series[float] = usd_field("Fine in US dollars.")
    restitution_usd: Series[float] = usd_field("Restitution in US dollars.")
    forfeiture_usd: Series[float] = usd_field("Forfeiture in US dollars.")
    counts: Series[pd.Int64Dtype] = count_field("Number of counts.", minimum=1, nullable=True)
    charge_category: Series[str] = charge_category_field("the outcome's charges")
    start_char: Series[int] = count_field("Start offset of the evidence passage.")
    end_char: Series[int] = count_field("End offset (exclusive) of the evidence passage.")
    evidence: Series[str] = text_field("Evidence passage; == documents.text[start_char:end_char].")

    @pa.dataframe_check(error="sentence_min_months <= sentence_max_months")
    def sentence_range(cls, df: pd.DataFrame) -> Series[bool]:
        return sentence_range_ok(df)

    @pa.dataframe_check(error="decision_date_source is null exactly when decision_date is")
    def date_source(cls, df: pd.DataFrame) -> Series[bool]:
        return df["decision_date"].isna() == df["decision_date_source"].isna()

    class Config:
        description = "Legal outcomes per defendant and document."
        metadata = keys(
            ["outcome_id"],
            [
                (["case_id"], "cases", ["case_id"]),
                (["case_outcome_id"], "case_outcomes", ["case_outcome_id"]),
                DOC_FK,
                (["defendant_entity_id"], "entities", ["entity_id"]),
                (["judge_entity_id"], "entities", ["entity_id"]),
                *COUNSEL_FKS,
            ],
            list_columns=COUNSEL_COLUMNS,
        )
