"""Cross-table checks (foreign keys, evidence offsets) and the failure report."""

from __future__ import annotations

import pandas as pd
import pytest

import schemas
from schemas.examples import example_tables


def test_example_tables_validate() -> None:
    validated = schemas.validate_tables(example_tables())
    assert list(validated) == list(schemas.TABLES)


FK_CASES = [
    (table, fk["fields"][0], f"{fk['table']}.{fk['ref'][0]}")
    for table in schemas.TABLES
    for fk in schemas.foreign_keys(table)
]


@pytest.mark.parametrize(("table", "column", "target"), FK_CASES)
def test_dangling_foreign_key_fails(table: str, column: str, target: str) -> None:
    tables = example_tables()
    if column in schemas.list_columns(table):  # a list of keys: one dangling item
        tables[table].at[0, column] = [f"ent-{'f' * 16}"]
        names = column.replace("_entity_ids", "_names")
        tables[table].at[0, names] = ["Somebody"]
    else:
        prefix = tables[table].at[0, column].split("-")[0]
        tables[table].at[0, column] = f"{prefix}-{'f' * 16}"
    with pytest.raises(schemas.ReleaseValidationError) as info:
        schemas.validate_tables(tables)
    failures = info.value.failures
    row = failures[(failures["table"] == table) & (failures["column"] == column)]
    assert row["check"].tolist() == [f"foreign key -> {target}"]
    assert row["index"].tolist() == [0]


def test_null_optional_foreign_key_passes() -> None:
    tables = example_tables()
    tables["events"].at[0, "place_entity_id"] = None
    schemas.validate_tables(tables)


@pytest.mark.parametrize("table", [t for t in schemas.TABLES if schemas.has_evidence(t)])
def test_evidence_not_matching_document_text_fails(table: str) -> None:
    tables = example_tables()
    tables[table].at[0, "evidence"] = tables[table].at[0, "evidence"].upper()
    with pytest.raises(schemas.ReleaseValidationError, match="documents.text") as info:
        schemas.validate_tables(tables)
    assert set(info.value.failures["table"]) == {table}


def test_shifted_offsets_fail() -> None:
    tables = example_tables()
    tables["charges"]["start_char"] += 1
    with pytest.raises(schemas.ReleaseValidationError, match="evidence == documents.text"):
        schemas.validate_tables(tables)


def test_evidence_checked_in_batches_reports_every_row_in_order(monkeypatch) -> None:
    """The evidence check reads rows in document order, a batch at a time; failures
    still name every bad row, in row order, whatever the batch size."""
    from schemas import crosstable

    tables = example_tables()
    documents = tables["documents"]
    copy = documents.iloc[[0]].assign(doc_id="doc-0000000000000000")  # same text
    tables["documents"] = pd.concat([copy, documents], ignore_index=True)
    mentions = tables["mentions"]
    mentions.at[1, "doc_id"] = "doc-0000000000000000"  # document order != row order
    bad = [1, 0]
    for row in bad:
        mentions.at[row, "evidence"] = mentions.at[row, "evidence"] + " (edited)"
    found = []
    for size in (1, 2, 50_000):
        monkeypatch.setattr(crosstable, "EVIDENCE_BATCH_ROWS", size)
        failures = crosstable.cross_table_failures(tables)
        found.append([(f["table"], f["check"], f["index"]) for f in failures])
    check = "evidence == documents.text[start_char:end_char]"
    assert found[0] == found[1] == found[2] == [("mentions", check, r) for r in sorted(bad)]


def test_ids_that_are_not_text_are_reported_not_raised() -> None:
    tables = example_tables()
    tables["mentions"]["doc_id"] = pd.Series([7] * len(tables["mentions"]), dtype=object)
    with pytest.raises(schemas.ReleaseValidationError) as info:
        schemas.validate_tables(tables)
    failures = info.value.failures
    assert "doc_id" in set(failures.loc[failures["table"] == "mentions", "column"])


def test_mention_text_must_match_its_span() -> None:
    tables = example_tables()
    tables["mentions"].at[0, "text"] = "John Doe"
    with pytest.raises(schemas.ReleaseValidationError, match=r"text\[mention_start"):
        schemas.validate_tables(tables)


def test_missing_and_unknown_tables_fail() -> None:
    tables = example_tables()
    del tables["cases"]
    tables["extra"] = pd.DataFrame({"a": [1]})
    with pytest.raises(schemas.ReleaseValidationError) as info:
        schemas.validate_tables(tables)
    cases = info.value.failures["failure_case"].tolist()
    assert "missing table" in cases and "unexpected table" in cases


def test_report_is_a_readable_capped_table() -> None:
    tables = example_tables()
    docs = tables["documents"]
    tables["documents"] = pd.concat([docs] * 60, ignore_index=True)
    tables["documents"]["doc_id"] = [f"doc-{i:04x}" for i in range(60)]
    tables["documents"]["date_source"] = "guess"
    with pytest.raises(schemas.ReleaseValidationError) as info:
        schemas.validate_tables(tables)
    message = str(info.value)
    assert message.splitlines()[1].split() == ["table", "column", "check", "failure_case", "index"]
    assert "more failure case(s)" in message
    assert len(message.splitlines()) <= schemas.crosstable.MAX_LINES + 3
