"""Frictionless Data Package (v2) descriptor and the exported pandera schemas."""

from __future__ import annotations

import json
import warnings
from typing import Any

import schemas

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PACKAGE_NAME = "casewire"
DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
SOURCES_STATUS = (
    "Sources: press releases published by government offices (works of the U.S. federal "
    "government are in the public domain, 17 U.S.C. 105) and news articles, of which only "
    "short evidence passages are quoted, under fair use. The casewire tables (structure, "
    "identifiers, extracted facts) are licensed CC-BY-4.0."
)
_FIELD_TYPES = {
    "str": "string",
    "int64": "integer",
    "Int64": "integer",
    "float64": "number",
    "bool": "boolean",
}
MEDIATYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


def table_schema(name: str) -> dict[str, Any]:
    """Frictionless Table Schema of a table's CSV file, derived from its pandera model."""
    model = schemas.TABLES[name].to_schema()
    fields = []
    for col, column in model.columns.items():
        fields.append(_field(col, column, schemas.dtypes(name)[col]))
    out: dict[str, Any] = {"fields": fields, "primaryKey": schemas.primary_key(name)}
    # a list column's keys (";"-joined in CSV) are no Table Schema foreign key: casewire
    # validate checks them item by item
    lists = set(schemas.list_columns(name))
    fks = [
        {"fields": fk["fields"], "reference": {"resource": fk["table"], "fields": fk["ref"]}}
        for fk in schemas.foreign_keys(name)
        if not lists & set(fk["fields"])
    ]
    if fks:
        out["foreignKeys"] = fks
    out["missingValues"] = [""]
    return out


def _field(col: str, column: Any, dtype: str) -> dict[str, Any]:
    field: dict[str, Any] = {"name": col, "description": column.description or ""}
    if dtype == "object":
        field.update(type="list", itemType="string", delimiter=";")
    else:
        field["type"] = _FIELD_TYPES[dtype]
    # an empty list and a null are both an empty CSV cell, so list columns are optional
    constraints: dict[str, Any] = {"required": not column.nullable and dtype != "object"}
    for check in column.checks:
        constraints.update(_constraint(check.name, check.statistics))
    field["constraints"] = constraints
    return field


def _constraint(name: str, stats: dict[str, Any]) -> dict[str, Any]:
    if name == "isin":
        return {"enum": list(stats["allowed_values"])}
    if name == "str_matches":
        return {"pattern": str(stats["pattern"]).removeprefix("^").removesuffix("$")}
    if name == "greater_than_or_equal_to":
        return {"minimum": stats["min_value"]}
    if name == "in_range":
        return {"minimum": stats["min_value"], "maximum": stats["max_value"]}
    if name == "str_length" and stats.get("min_value"):
        return {"minLength": stats["min_value"]}
    return {}


def resource(file_name: str, info: dict[str, Any]) -> dict[str, Any]:
    """One resource entry; CSV files carry the full Table Schema."""
    table, fmt = str(info["table"]), str(info["format"])
    entry: dict[str, Any] = {
        "name": table if fmt == "csv" else f"{table}-{fmt}",
        # Parquet is listed as a plain file: frictionless 5 cannot read list<string> columns
        "path": file_name,
        "type": "table" if fmt == "csv" else "file",
        "format": fmt,
        "mediatype": MEDIATYPES[fmt],
        "hash": f"sha256:{info['sha256']}",
        "bytes": info["bytes"],
        "description": (schemas.TABLES[table].__config__.description or "")
        + ("" if fmt == "csv" else " Canonical Parquet copy of the CSV resource."),
    }
    if fmt == "csv":  # frictionless checks "rows" only where it reads the table itself
        entry.update(
            rows=info["rows"],
            encoding="utf-8",
            dialect={"delimiter": ",", "quoteChar": '"', "header": True},
        )
        entry["schema"] = table_schema(table)
    return entry


def descriptor(
    version: str,
    files: dict[str, dict[str, Any]],
    sources: list[dict[str, Any]],
    stats: dict[str, Any],
    created: str,
    previous_version: str | None = None,
) -> dict[str, Any]:
    """The datapackage.json content of one release; ``previous_version`` is the release
    its deltas compare with (None for a first release)."""
    return {
        "$schema": PROFILE,
        "name": PACKAGE_NAME,
        "title": "casewire: criminal cases extracted from press releases and news",
        "description": "Documents, entities, events, legal outcomes, charges and cases "
        "extracted from news about criminal cases, each fact with the "
        "passage it was read from. " + SOURCES_STATUS,
        "version": version,
        "schema_version": schemas.SCHEMA_VERSION,
        "created": created,
        "previous_version": previous_version,
        "licenses": [DATA_LICENSE],
        "sources": [
            {
                "title": s["path"],
                "path": s["path"],
                "hash": f"sha256:{s['sha256']}",
                "bytes": s["bytes"],
            }
            for s in sources
        ],
        "casewire_stats": stats,
        "resources": [resource(name, info) for name, info in files.items()],
    }


def pandera_export() -> str:
    """All table schemas as pandera JSON, loadable with ``DataFrameSchema.from_json``.

    Row-wise custom checks (spans, list cells) are not serializable by pandera; they are
    listed by name under ``custom_checks`` so consumers know what is not re-checked.
    """
    tables: dict[str, Any] = {}
    for name, model in schemas.TABLES.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            tables[name] = json.loads(model.to_json())
        schema = model.to_schema()
        tables[name]["custom_checks"] = sorted(
            [str(c.error or c.name) for c in schema.checks]
            + [
                f"{col}: {c.error or c.name}"
                for col, column in schema.columns.items()
                for c in column.checks
                if c.name not in _SERIALIZED
            ]
        )
    return (
        json.dumps(
            {"schema_version": schemas.SCHEMA_VERSION, "tables": tables},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


_SERIALIZED = {"isin", "str_matches", "greater_than_or_equal_to", "in_range", "str_length"}
