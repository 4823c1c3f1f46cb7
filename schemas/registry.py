"""The ordered table registry and accessors for the key metadata of each model."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa

from schemas._common import EvidenceTable
from schemas.case_outcomes import CaseOutcomes
from schemas.cases import Cases
from schemas.charges import Charges
from schemas.documents import Documents
from schemas.entities import Entities
from schemas.entity_ages import EntityAges
from schemas.entity_roles import EntityRoles
from schemas.event_evidence import EventEvidence
from schemas.event_participants import EventParticipants
from schemas.events import Events
from schemas.legal_outcomes import LegalOutcomes
from schemas.mentions import Mentions
from schemas.rejects import Rejects

#: Semantic version of the data contract. Major: a column removed/renamed/retyped or a
#: constraint tightened; minor: columns or tables added; patch: fixes.
SCHEMA_VERSION = "1.6.0"

#: Table name -> model, in release order.
TABLES: dict[str, type[pa.DataFrameModel]] = {
    "documents": Documents,
    "rejects": Rejects,
    "mentions": Mentions,
    "entities": Entities,
    "entity_roles": EntityRoles,
    "entity_ages": EntityAges,
    "events": Events,
    "event_evidence": EventEvidence,
    "event_participants": EventParticipants,
    "legal_outcomes": LegalOutcomes,
    "charges": Charges,
    "cases": Cases,
    "case_outcomes": CaseOutcomes,
}


def _meta(name: str) -> dict[str, Any]:
    return TABLES[name].__config__.metadata or {}


def primary_key(name: str) -> list[str]:
    """Primary key columns of table ``name`` (rows are written sorted by them)."""
    return list(_meta(name)["primary_key"])


def foreign_keys(name: str) -> list[dict[str, Any]]:
    """``[{"fields": [...], "table": ref_table, "ref": [...]}, ...]`` of table ``name``."""
    return list(_meta(name)["foreign_keys"])


def list_columns(name: str) -> list[str]:
    """Columns holding lists of strings (Arrow ``list<string>``, ';'-joined in CSV)."""
    return list(_meta(name)["list_columns"])


def has_evidence(name: str) -> bool:
    """Whether rows carry ``doc_id``/``start_char``/``end_char``/``evidence``."""
    return issubclass(TABLES[name], EvidenceTable)


def columns(name: str) -> list[str]:
    """Column names of table ``name`` in their fixed order."""
    return list(TABLES[name].to_schema().columns)


def dtypes(name: str) -> dict[str, str]:
    """Column -> pandas dtype name: ``str``, ``int64``, ``Int64``, ``float64``, ``bool``,
    ``object`` (lists)."""
    out = {}
    for col, column in TABLES[name].to_schema().columns.items():
        text = str(column.dtype)
        out[col] = "str" if text.startswith("str") else text
    return out


def empty_frame(name: str) -> pd.DataFrame:
    """A zero-row frame of table ``name`` with the contract's columns and dtypes."""
    return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in dtypes(name).items()})
