"""Per-table pandera models: the example tables pass, each kind of bad frame fails."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

import schemas
from schemas.examples import example_tables

Mutation = Callable[[pd.DataFrame], pd.DataFrame]


def _set(col: str, value: object, row: int = 0) -> Mutation:
    def mutate(df: pd.DataFrame) -> pd.DataFrame:
        df = df.copy()
        df.at[row, col] = value
        return df

    return mutate


def _astype(col: str, dtype: str) -> Mutation:
    return lambda df: df.assign(**{col: df[col].astype(dtype)})


def _drop(col: str) -> Mutation:
    return lambda df: df.drop(columns=[col])


def _extra(col: str) -> Mutation:
    return lambda df: df.assign(**{col: "x"})


def _swap_first_columns(df: pd.DataFrame) -> pd.DataFrame:
    cols = list(df.columns)
    return df[[cols[1], cols[0], *cols[2:]]]


def _set_cell(col: str, value: object) -> Mutation:
    """Like :func:`_set`, for a value pandas would spread over cells (a list)."""

    def mutate(df: pd.DataFrame) -> pd.DataFrame:
        df = df.copy()
        df[col] = pd.Series([value, *df[col].tolist()[1:]], dtype=object)
        return df

    return mutate


def _duplicate_first_row(df: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([df, df.iloc[:1]], ignore_index=True)


@pytest.mark.parametrize("name", list(schemas.TABLES))
def test_example_table_passes(name: str) -> None:
    schemas.TABLES[name].validate(example_tables()[name], lazy=True)


@pytest.mark.parametrize("name", list(schemas.TABLES))
def test_empty_frame_passes(name: str) -> None:
    schemas.TABLES[name].validate(schemas.empty_frame(name), lazy=True)


BAD = [
    ("documents", _drop("title"), "column_in_dataframe"),
    ("documents", _extra("notes"), "column_in_schema"),
    ("documents", _swap_first_columns, "column_ordered"),
    ("documents", _set("doc_id", "document-1"), "str_matches"),
    ("documents", _set("published_date", "2021-3-4"), "str_matches"),
    ("documents", _set("published_date", "2021-03"), "str_matches"),
    ("documents", _set("date_source", "guess"), "isin"),
    ("documents", _set("content_sha256", "abc"), "str_matches"),
    ("documents", _set("n_chars", 5), "n_chars == len(text)"),
    ("documents", _astype("n_chars", "float64"), "dtype('int64')"),
    ("documents", _duplicate_first_row, "field_uniqueness"),
    ("rejects", _set("reason", "bogus"), "isin"),
    ("rejects", _set("duplicate_of", None), "duplicate_of is set exactly"),
    ("mentions", _set("label", "MONEY"), "isin"),
    ("mentions", _set("mention_end", 0), "mention_start < mention_end"),
    ("mentions", _set("start_char", -1), "greater_than_or_equal_to"),
    ("entities", _set("entity_type", "animal"), "isin"),
    ("entities", _set("aliases", "El Chapo"), "a list of non-empty strings"),
    ("entities", _set("roles", ["pope"]), "roles from the role vocabulary"),
    ("entities", _set("n_documents", 0), "greater_than_or_equal_to"),
    ("entities", _set("start_char", 500), "start_char <= end_char"),
    ("entity_roles", _set("role", "janitor"), "isin"),
    ("entity_roles", _set("valid_from", "March 2020"), "str_matches"),
    ("entity_ages", _set("age", 130), "in_range"),
    ("entity_ages", _set("as_of", "2021-03"), "str_matches"),
    ("entity_ages", _set("birth_year_min", 1970), "birth years == year(as_of) - age"),
    ("entity_ages", _set("as_of", None), "birth years == year(as_of) - age"),
    ("entity_ages", _astype("age", "float64"), "dtype('Int64')"),
    ("events", _set("modality", "rumoured"), "isin"),
    ("events", _set("date_precision", "month"), "date length matches"),
    ("events", _set("date", None), "date length matches"),
    ("events", _set("place_entity_id", "place-1"), "str_matches"),
    ("event_evidence", _duplicate_first_row, "multiple_fields_uniqueness"),
    ("event_participants", _duplicate_first_row, "multiple_fields_uniqueness"),
    ("legal_outcomes", _set("defendant_age", 130), "in_range"),
    ("legal_outcomes", _set("sentence_min_months", 61), "sentence_min_months <= sentence_max"),
    ("legal_outcomes", _set("probation_months", -1), "greater_than_or_equal_to"),
    ("legal_outcomes", _set("fine_usd", -5.0), "greater_than_or_equal_to"),
    ("legal_outcomes", _set("counts", 0), "greater_than_or_equal_to"),
    ("legal_outcomes", _set("conviction_method", "coin"), "isin"),
    ("legal_outcomes", _set("outcome_type", "pardoned"), "isin"),
    ("legal_outcomes", _astype("life_sentence", "str"), "dtype('bool')"),
    ("legal_outcomes", _set("defendant_name", None), "not_nullable"),
    ("charges", _set("category", "jaywalking"), "isin"),
    ("charges", _set("charge_text", ""), "str_length"),
    ("cases", _set("status", "open"), "isin"),
    ("cases", _set("first_decision_date", "2022"), "first_decision_date <= last"),
    ("cases", _set("n_outcomes", 0), "greater_than_or_equal_to"),
    ("cases", _set("charge_category", "jaywalking"), "isin"),
    ("cases", _set_cell("judge_names", []), "an entity id for every judge name"),
    ("cases", _set_cell("judge_entity_ids", [""]), "a list of names or entity ids"),
    ("legal_outcomes", _set("judge_entity_id", None), "judge_entity_id set exactly"),
    ("legal_outcomes", _set("charge_category", "jaywalking"), "isin"),
    ("legal_outcomes", _set("case_outcome_id", "cout-99"), "foreign key -> case_outcomes"),
    ("case_outcomes", _set_cell("conflicts", ["mood"]), "a list of reconciled column names"),
    ("case_outcomes", _set("judge_name", None), "judge_entity_id set exactly"),
    ("case_outcomes", _set("sentence_min_months", 61), "sentence_min_months <= sentence_max"),
    ("case_outcomes", _set("first_reported_date", "2021-03"), "str_matches"),
    ("case_outcomes", _set("n_reports", 0), "greater_than_or_equal_to"),
    ("case_outcomes", _set("judge_entity_id", "ent-99"), "foreign key -> entities"),
    ("case_outcomes", _duplicate_first_row, "field_uniqueness"),
]


@pytest.mark.parametrize(
    ("name", "mutate", "check"), BAD, ids=[f"{n}-{c}-{i}" for i, (n, _, c) in enumerate(BAD)]
)
def test_bad_frame_fails(name: str, mutate: Mutation, check: str) -> None:
    tables = example_tables()
    tables[name] = mutate(tables[name])
    with pytest.raises(schemas.ReleaseValidationError) as info:
        schemas.validate_tables(tables)
    failures = info.value.failures
    own = failures[failures["table"] == name]
    assert own["check"].astype(str).str.contains(check, regex=False).any(), str(info.value)


def test_schema_version_is_semver() -> None:
    major, minor, patch = schemas.SCHEMA_VERSION.split(".")
    assert all(part.isdigit() for part in (major, minor, patch))


@pytest.mark.parametrize("name", list(schemas.TABLES))
def test_every_column_has_a_description(name: str) -> None:
    columns = schemas.TABLES[name].to_schema().columns
    assert all(column.description for column in columns.values())


@pytest.mark.parametrize("name", list(schemas.TABLES))
def test_primary_key_columns_exist(name: str) -> None:
    assert set(schemas.primary_key(name)) <= set(schemas.columns(name))


def test_a_repeated_id_is_reported_with_its_value() -> None:
    # rows that differ but share an ID: the Arrow pre-check must not wave them through
    tables = example_tables()
    mentions = tables["mentions"].copy()
    mentions.loc[1, "mention_id"] = mentions.loc[0, "mention_id"]
    tables["mentions"] = mentions
    with pytest.raises(schemas.ReleaseValidationError) as info:
        schemas.validate_tables(tables)
    failures = info.value.failures
    unique = failures[(failures["table"] == "mentions") & (failures["check"] == "field_uniqueness")]
    assert set(unique["failure_case"]) == {mentions.loc[0, "mention_id"]}
    assert sorted(unique["index"]) == [0, 1]


def test_published_schema_keeps_unique_constraints_skipped_at_validation() -> None:
    from schemas.crosstable import _schema_for
    from schemas.mentions import Mentions

    distinct = _schema_for(Mentions, example_tables()["mentions"])
    assert not distinct.columns["mention_id"].unique  # Arrow saw every value once
    assert Mentions.to_schema().columns["mention_id"].unique  # the contract is unchanged


@pytest.mark.parametrize("name", list(schemas.TABLES))
def test_dataframe_checks_are_row_wise(name: str) -> None:
    # long tables are validated a slice of rows at a time: only row-wise checks allow it
    df = example_tables()[name]
    for check in schemas.TABLES[name].to_schema().checks:
        output = check(df).check_output
        assert isinstance(output, pd.Series) and len(output) == len(df), check.name


def test_sliced_validation_finds_and_places_a_bad_row(monkeypatch) -> None:
    from schemas import crosstable

    monkeypatch.setattr(crosstable, "VALIDATE_BATCH_ROWS", 1)  # every row a slice
    good = example_tables()
    validated = schemas.validate_tables(good)
    pd.testing.assert_frame_equal(validated["mentions"], good["mentions"])
    bad = example_tables()
    bad["mentions"] = _set("label", "MONEY", row=1)(bad["mentions"])
    with pytest.raises(schemas.ReleaseValidationError) as info:
        schemas.validate_tables(bad)
    failures = info.value.failures
    own = failures[failures["table"] == "mentions"]
    assert list(own["column"]) == ["label"]  # reported once, not once per slice
    assert list(own["index"]) == [1]
    assert list(own["failure_case"]) == ["MONEY"]
