"""casewire's data contract: one pandera model per table plus cross-table checks.

>>> from schemas import TABLES, validate_tables
>>> validated = validate_tables(tables)   # raises ReleaseValidationError
"""

from schemas._common import (
    CHARGE_SEVERITY,
    DECISION_DATE_SOURCES,
    GUILTY_OUTCOMES,
    OUTCOME_KINDS,
    OUTCOME_LABEL,
    OUTCOME_STAGE,
    OUTCOME_TYPES,
    most_serious,
)
from schemas.crosstable import (
    ReleaseValidationError,
    cross_table_failures,
    render_failures,
    validate_tables,
)
from schemas.registry import (
    SCHEMA_VERSION,
    TABLES,
    columns,
    dtypes,
    empty_frame,
    foreign_keys,
    has_evidence,
    list_columns,
    primary_key,
)

__all__ = [
    "CHARGE_SEVERITY",
    "DECISION_DATE_SOURCES",
    "GUILTY_OUTCOMES",
    "OUTCOME_KINDS",
    "OUTCOME_LABEL",
    "OUTCOME_STAGE",
    "OUTCOME_TYPES",
    "SCHEMA_VERSION",
    "TABLES",
    "ReleaseValidationError",
    "columns",
    "cross_table_failures",
    "dtypes",
    "empty_frame",
    "foreign_keys",
    "has_evidence",
    "list_columns",
    "most_serious",
    "primary_key",
    "render_failures",
    "validate_tables",
]
