"""``charges``: the charges attached to a legal outcome."""

from __future__ import annotations

from pandera.typing import Series

from schemas._common import (
    CHARGE_CATEGORIES,
    DOC_FK,
    EvidenceTable,
    count_field,
    enum_field,
    id_field,
    keys,
    text_field,
)


class Charges(EvidenceTable):
    """One row per charge of an outcome."""

    charge_id: Series[str] = id_field("chg", "Stable charge ID.", unique=True)
    outcome_id: Series[str] = id_field("out", "Outcome the charge belongs to.")
    case_id: Series[str] = id_field("case", "Case.")
    doc_id: Series[str] = id_field("doc", "Document stating the charge.")
    charge_text: Series[str] = text_field("Charge as written.")
    category: Series[str] = enum_field(CHARGE_CATEGORIES, "Charge category.")
    statute: Series[str] = text_field("Statute cited (e.g. '18 U.S.C. 1343').", nullable=True)
    start_char: Series[int] = count_field("Start offset of the evidence passage.")
    end_char: Series[int] = count_field("End offset (exclusive) of the evidence passage.")
    evidence: Series[str] = text_field("Evidence passage; == documents.text[start_char:end_char].")

    class Config:
        description = "Charges per outcome."
        metadata = keys(
            ["charge_id"],
            [
                (["outcome_id"], "legal_outcomes", ["outcome_id"]),
                (["case_id"], "cases", ["case_id"]),
                DOC_FK,
            ],
        )
