"""Shared field builders, vocabularies and key metadata for the table models.

Every model declares its keys in ``Config.metadata``::

    {"primary_key": [...], "foreign_keys": [{"fields": [...], "table": ..., "ref": [...]}],
     "list_columns": [...]}

so that writers (sort order), exporters (datapackage.json) and cross-table checks all read
the same declaration.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa

DAY_RE = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
ISO_DATE_RE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
SHA256_RE = r"^[0-9a-f]{64}$"

ENTITY_TYPES = ("person", "organization", "place")
MENTION_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
ROLES = (
    "defendant",
    "judge",
    "prosecutor",
    "defense_attorney",
    "witness",
    "investigator",
    "official",
    "victim",
    "criminal_organization",
    "leader",
)
MODALITIES = ("asserted", "negated", "hypothetical", "requested", "potential", "scheduled")
DATE_PRECISIONS = ("day", "month", "year")
DATE_SOURCES = ("header", "text", "record")
#: How an outcome's decision_date was obtained (legal_outcomes.decision_date_source):
#: ``written``, where the outcome is told (its clause, a table cell or record line, the
#: line telling a grant), as a date or as a weekday or relative word the publication day
#: resolves ("on May 5, 2009", "in December 2009", "Tuesday", "last month");
#: ``announced``, the day of the verb telling the outcome ("Ogg announced today that X was
#: sentenced"): the release's day, not the outcome's own; ``release_day``, no date word:
#: the publication day, given by a present tense ("has been indicted", "es acusado");
#: ``lead``, borrowed from an earlier sentence: the release's unnamed lead restated ("A man
#: was sentenced Friday ... / Judge X sentenced King") or the day before "the same day".
DECISION_DATE_SOURCES = ("written", "announced", "release_day", "lead")
#: The sources that give the release's day rather than the outcome's own: a later written
#: day beats them (extraction), and a decision dated only by them is a retelling's
#: (case-level grouping).
RELEASE_DATE_SOURCES = frozenset({"announced", "release_day"})


@dataclass(frozen=True)
class OutcomeKind:
    """One kind of legal outcome, declared once for every part of casewire."""

    name: str
    #: How far a case has come: a case's status is its latest stage, a timeline orders
    #: same-day steps by it, and a defendant's news is their latest stage. A civil matter
    #: is no stage of a criminal case.
    stage: int
    #: Words for readers ("pleaded guilty").
    label: str
    #: A finding or admission of guilt.
    guilty: bool


OUTCOME_KINDS = (
    OutcomeKind("charged", 0, "charged", False),
    OutcomeKind("dismissed", 1, "case dismissed", False),
    OutcomeKind("pleaded_guilty", 2, "pleaded guilty", True),
    OutcomeKind("convicted", 2, "convicted", True),
    OutcomeKind("acquitted", 2, "acquitted", False),
    OutcomeKind("sentenced", 3, "sentenced", True),
    OutcomeKind("other", -1, "civil matter", False),
)  # other: civil matters (settlements, consent judgments, injunctions)
OUTCOME_TYPES = tuple(k.name for k in OUTCOME_KINDS)
OUTCOME_STAGE = {k.name: k.stage for k in OUTCOME_KINDS}
OUTCOME_LABEL = {k.name: k.label for k in OUTCOME_KINDS}
GUILTY_OUTCOMES = frozenset(k.name for k in OUTCOME_KINDS if k.guilty)
CONVICTION_METHODS = ("jury", "bench", "plea")
CHARGE_CATEGORIES = (
    "homicide",
    "assault/violent",
    "sexual offense",
    "drug trafficking",
    "fraud/theft",
    "bribery/corruption",
    "money laundering",
    "firearms",
    "DUI/vehicular",
    "child exploitation",
    "tax",
    "immigration",
    "civil rights",
    "other",
)
#: The charge categories from most to least serious: an outcome's or a case's
#: ``charge_category`` is the first of this order among its charges, so that one
#: category stands for a sentence ("sentence by offence" needs no join). Harm to a
#: person first (homicide, sexual offenses, child exploitation, violence), then the
#: organized and armed trades (drugs, firearms), civil rights, then public
#: corruption before the financial crimes it usually comes with (laundering, fraud,
#: tax), then immigration and traffic offences; ``other`` last.
CHARGE_SEVERITY = (
    "homicide",
    "sexual offense",
    "child exploitation",
    "assault/violent",
    "drug trafficking",
    "firearms",
    "civil rights",
    "bribery/corruption",
    "money laundering",
    "fraud/theft",
    "tax",
    "immigration",
    "DUI/vehicular",
    "other",
)
if sorted(CHARGE_SEVERITY) != sorted(CHARGE_CATEGORIES):
    raise AssertionError("CHARGE_SEVERITY must order exactly the CHARGE_CATEGORIES")
_SEVERITY_RANK = {name: i for i, name in enumerate(CHARGE_SEVERITY)}


def most_serious(categories: Iterable[str | None]) -> str | None:
    """The most serious of ``categories`` by :data:`CHARGE_SEVERITY`; None for none."""
    known = [c for c in categories if c in _SEVERITY_RANK]
    return min(known, key=_SEVERITY_RANK.__getitem__) if known else None


def id_field(prefix: str, description: str, *, unique: bool = False, nullable: bool = False) -> Any:
    """A ``<prefix>-<hex>`` identifier column (see :func:`casewire.ids.stable_id`)."""
    return pa.Field(
        str_matches=rf"^{prefix}-[0-9a-f]+$",
        unique=unique,
        nullable=nullable,
        description=description,
    )


def text_field(description: str, *, nullable: bool = False, unique: bool = False) -> Any:
    """Free text; required text must not be empty."""
    if nullable:
        return pa.Field(nullable=True, unique=unique, description=description)
    return pa.Field(str_length={"min_value": 1}, unique=unique, description=description)


def enum_field(values: tuple[str, ...], description: str, *, nullable: bool = False) -> Any:
    return pa.Field(isin=list(values), nullable=nullable, description=description)


def date_field(description: str, *, day_only: bool = False, nullable: bool = True) -> Any:
    """ISO date string, truncated to its precision unless ``day_only``."""
    return pa.Field(
        str_matches=DAY_RE if day_only else ISO_DATE_RE, nullable=nullable, description=description
    )


def precision_field(date_column: str) -> Any:
    """The precision of ``date_column`` (day, month, year); null exactly when it is null."""
    return enum_field(
        DATE_PRECISIONS,
        f"Precision of {date_column}: day (YYYY-MM-DD), month (YYYY-MM) or year (YYYY); "
        f"null when {date_column} is null.",
        nullable=True,
    )


def precision_ok(df: pd.DataFrame, date_column: str, precision_column: str) -> pd.Series:
    """Row-wise: the precision column names the date's length (null with a null date)."""
    length = df[date_column].str.len().map({10: "day", 7: "month", 4: "year"})
    return (length.fillna("") == df[precision_column].fillna("")).astype(bool)


def ids_field(prefix: str, description: str) -> Any:
    """A list of ``<prefix>-<hex>`` identifiers (Arrow ``list<string>``; may be empty)."""
    return pa.Field(description=description)


def names_field(description: str) -> Any:
    """A list of names (Arrow ``list<string>``; may be empty)."""
    return pa.Field(description=description)


def same_length(df: pd.DataFrame, a: str, b: str) -> pd.Series:
    """Row-wise: two list columns hold as many items (names and their ids)."""
    return pd.Series(
        [len(x) == len(y) for x, y in zip(df[a], df[b], strict=True)], index=df.index, dtype=bool
    )


def count_field(
    description: str, *, minimum: int = 0, nullable: bool = False, maximum: int | None = None
) -> Any:
    kwargs: dict[str, Any] = {"ge": minimum}
    if maximum is not None:
        kwargs = {"in_range": {"min_value": minimum, "max_value": maximum}}
    return pa.Field(nullable=nullable, description=description, **kwargs)


def span_ok(df: pd.DataFrame, start: str = "start_char", end: str = "end_char") -> pd.Series:
    """Row-wise ``start <= end``."""
    return df[start] <= df[end]


def is_str_list(value: object) -> bool:
    """A list of non-empty strings (list columns are Arrow ``list<string>``)."""
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


ForeignKey = tuple[list[str], str, list[str]]  # (columns, referenced table, its columns)


def keys(
    primary: list[str],
    foreign: Sequence[ForeignKey] = (),
    *,
    list_columns: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Build the ``Config.metadata`` key declaration for a model."""
    return {
        "primary_key": list(primary),
        "foreign_keys": [{"fields": f, "table": t, "ref": r} for f, t, r in foreign],
        "list_columns": list(list_columns),
    }


DOC_FK: ForeignKey = (["doc_id"], "documents", ["doc_id"])


class TableModel(pa.DataFrameModel):
    """Base of every table model: exact, ordered column sets, no dtype coercion."""

    class Config:
        strict = True
        ordered = True
        coerce = False


class EvidenceTable(TableModel):
    """Base of fact tables: rows carry ``doc_id``, ``start_char``, ``end_char`` and
    ``evidence`` (declared in each model, where column order puts them)."""

    @pa.dataframe_check(error="start_char <= end_char")
    def evidence_span(cls, df: pd.DataFrame) -> pd.Series:
        return span_ok(df)
