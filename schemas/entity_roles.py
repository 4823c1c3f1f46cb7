"""``entity_roles``: a role an entity plays in one document."""

from __future__ import annotations

from pandera.typing import Series

from schemas._common import (
    DOC_FK,
    ROLES,
    EvidenceTable,
    count_field,
    date_field,
    enum_field,
    id_field,
    keys,
    text_field,
)


class EntityRoles(EvidenceTable):
    """Roles (defendant, judge, ...) with the passage that states them."""

    role_id: Series[str] = id_field("rol", "Stable role ID.", unique=True)
    entity_id: Series[str] = id_field("ent", "Entity playing the role.")
    doc_id: Series[str] = id_field("doc", "Document stating the role.")
    role: Series[str] = enum_field(ROLES, "Role code.")
    title: Series[str] = text_field("Title as written (e.g. 'District Judge').", nullable=True)
    valid_from: Series[str] = date_field("Start of a position held, ISO truncated.")
    valid_to: Series[str] = date_field("End of a position held, ISO truncated.")
    start_char: Series[int] = count_field("Start offset of the evidence passage.")
    end_char: Series[int] = count_field("End offset (exclusive) of the evidence passage.")
    evidence: Series[str] = text_field("Evidence passage; == documents.text[start_char:end_char].")

    class Config:
        description = "Roles entities play in documents."
        metadata = keys(["role_id"], [(["entity_id"], "entities", ["entity_id"]), DOC_FK])
