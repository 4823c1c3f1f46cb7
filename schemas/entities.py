"""``entities``: people, organizations and places resolved across documents."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas._common import (
    DOC_FK,
    ENTITY_TYPES,
    ROLES,
    EvidenceTable,
    count_field,
    enum_field,
    id_field,
    is_str_list,
    keys,
    text_field,
)

LIST_COLUMNS = ("aliases", "variants", "roles")


class Entities(EvidenceTable):
    """Resolved entities; evidence is the first mention's passage."""

    entity_id: Series[str] = id_field("ent", "Stable entity ID.", unique=True)
    entity_type: Series[str] = enum_field(ENTITY_TYPES, "person, organization or place.")
    canonical_name: Series[str] = text_field("Preferred full name.")
    aliases: Series[object] = pa.Field(description="Nicknames written with the name (list).")
    variants: Series[object] = pa.Field(description="Other spellings seen in the documents (list).")
    roles: Series[object] = pa.Field(description="Roles played in any document (list).")
    n_mentions: Series[int] = count_field(
        "Number of named-entity mentions; 0 for an entity only a fact names "
        "(e.g. a defendant found through 'the defendant').",
        minimum=0,
    )
    n_documents: Series[int] = count_field("Number of documents mentioning it.", minimum=1)
    doc_id: Series[str] = id_field("doc", "Document of the first mention.")
    start_char: Series[int] = count_field("Start offset of the evidence passage.")
    end_char: Series[int] = count_field("End offset (exclusive) of the evidence passage.")
    evidence: Series[str] = text_field("Evidence passage; == documents.text[start_char:end_char].")

    @pa.check(*LIST_COLUMNS, element_wise=True, error="a list of non-empty strings")
    def string_lists(cls, value: object) -> bool:
        return is_str_list(value)

    @pa.check("roles", element_wise=True, error="roles from the role vocabulary")
    def known_roles(cls, value: object) -> bool:
        return isinstance(value, list) and all(v in ROLES for v in value)

    class Config:
        description = "Resolved people, organizations and places."
        metadata = keys(["entity_id"], [DOC_FK], list_columns=LIST_COLUMNS)
