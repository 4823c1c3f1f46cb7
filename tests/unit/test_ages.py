"""Ages as stated (``entity_ages``): patterns, the as-of rule, birth years, the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from casewire.cache import ExtractionCache
from casewire.extract.ages import age_as_of, birth_years, extract_ages
from casewire.extract.mentions import extract_mentions
from casewire.extract.names import NameIndex
from casewire.records import AgeMention, Document, Evidence, Outcome

README = Path(__file__).resolve().parents[2] / "README.md"


def _document(text: str, published: str | None = "2024-10-17") -> Document:
    return Document(
        "doc-t", "s", "p", None, published, "text" if published else None, None, "en", text, "x"
    )


def _ages(nlp, text: str) -> list[AgeMention]:
    document = _document(text)
    doc = nlp(text)
    return extract_ages(doc, document, NameIndex.from_mentions(extract_mentions(doc, document)))


@pytest.mark.parametrize(
    ("text", "name", "age", "written"),
    [
        (
            "Garcia Luna, 54, had pleaded not guilty to taking part in a criminal enterprise.",
            "Garcia Luna",
            54,
            "54",
        ),
        (
            "John Smith, 45, of Baltimore, Maryland, was sentenced to 10 years in prison.",
            "John Smith",
            45,
            "45",
        ),
        ("The defendant, John Smith, age 45, pleaded guilty on Monday.", "John Smith", 45, "45"),
        ("Prosecutors said Maria Lopez (38) ran the scheme.", "Maria Lopez", 38, "38"),
        (
            "Jury convicted John Smith, a 45-year-old former police officer, of fraud.",
            "John Smith",
            45,
            "45-year-old",
        ),
        (
            "The 54-year-old Genaro Garcia Luna was convicted in Brooklyn.",
            "Genaro Garcia Luna",
            54,
            "54-year-old",
        ),
    ],
)
def test_age_patterns(nlp, text, name, age, written):
    (found,) = _ages(nlp, text)
    assert (found.canonical, found.age) == (name, age)
    assert text[found.age_start : found.age_end] == written
    ev = found.evidence
    assert text[ev.start_char : ev.end_char] == ev.text
    assert ev.start_char <= found.age_start < found.age_end <= ev.end_char


@pytest.mark.parametrize(
    "text",
    [
        "John Smith, 45,000 dollars in cash was seized from the car.",
        "John Smith, 4.5 million dollars was seized from the car.",
        "The 45-year-old told police that John Smith had fled.",
        "John Smith, 130, was not a real age.",
        "The Sinaloa Cartel, 40, is not a person.",
    ],
)
def test_no_age(nlp, text):
    assert _ages(nlp, text) == []


def test_partial_name_resolves_to_the_full_name(nlp):
    text = "Genaro Garcia Luna was convicted on Tuesday. Garcia Luna, 54, faces life in prison."
    (found,) = _ages(nlp, text)
    assert (found.canonical, found.age) == ("Genaro Garcia Luna", 54)


def test_two_people_two_ages(nlp):
    text = "John Smith, 45, and Maria Lopez, 38, were charged with wire fraud."
    assert [(a.canonical, a.age) for a in _ages(nlp, text)] == [
        ("John Smith", 45),
        ("Maria Lopez", 38),
    ]


# --- as_of ----------------------------------------------------------------------------

TEXT = "Jane Doe, 42, was sentenced on March 3, 2021. Doe will appeal, her lawyer said."
SENT1 = Evidence("doc-t", 0, 45, TEXT[:45])
SENT2 = Evidence("doc-t", 46, len(TEXT), TEXT[46:])
AGE = AgeMention("doc-t", "person", "Jane Doe", 42, 10, 12, SENT1)


def _outcome(date: str | None, evidence: Evidence = SENT1, name: str = "Jane Doe") -> Outcome:
    return Outcome("doc-t", name, "person", "sentenced", evidence, decision_date=date)


@pytest.mark.parametrize(
    ("published", "outcomes", "as_of"),
    [
        # 1. the age's own sentence states the decision: its date
        ("2021-03-05", [_outcome("2021-03-03")], "2021-03-03"),
        # 2. otherwise the published date ...
        ("2021-03-05", [_outcome("2021-03-03", SENT2)], "2021-03-05"),
        ("2021-03-05", [_outcome("2021-03", SENT1)], "2021-03-05"),  # not a day: not tied
        ("2021-03-05", [_outcome("2021-03-03", name="Ann Lee")], "2021-03-05"),  # someone else
        # 3. ... else the person's latest day-precision decision date in the document
        (None, [_outcome("2020-01-02", SENT2), _outcome("2021-03-01", SENT2)], "2021-03-01"),
        (None, [_outcome("2021", SENT2)], None),
        # 4. nothing known
        (None, [], None),
    ],
)
def test_as_of_rule(published, outcomes, as_of):
    assert age_as_of(AGE, _document(TEXT, published), outcomes) == as_of


@pytest.mark.parametrize(
    ("age", "as_of", "years"),
    [
        (54, "2023-02-21", (1968, 1969)),
        (56, "2024-10-17", (1967, 1968)),
        (0, "2024-01-01", (2023, 2024)),
        (54, None, (None, None)),
    ],
)
def test_birth_years(age, as_of, years):
    assert birth_years(age, as_of) == years


def test_ages_survive_the_extraction_cache(tmp_path, nlp, seed_documents):
    from casewire.extract import extract_document

    store = ExtractionCache(tmp_path / "cache", model="m", extractor_version="t")
    extractions = [extract_document(nlp(d.text), d) for d in seed_documents.values()]
    assert all(x.ages for x in extractions)
    store.put_many(extractions)
    hits, misses = store.get_many(list(seed_documents.values()))
    assert not misses
    assert [hits[x.document.doc_id] for x in extractions] == extractions


# --- the seeds: García Luna's two ages agree ------------------------------------------


@pytest.fixture(scope="module")
def seed_tables(nlp, seed_documents):
    import schemas
    from casewire.extract import extract_document
    from casewire.tables import build_tables

    tables = build_tables([extract_document(nlp(d.text), d) for d in seed_documents.values()], [])
    return schemas.validate_tables(tables)


def test_seed_ages_of_garcia_luna(seed_tables):
    ages = seed_tables["entity_ages"]
    entities = seed_tables["entities"]
    (gl,) = entities.loc[entities["canonical_name"] == "Genaro Garcia Luna", "entity_id"]
    rows = ages[ages["entity_id"] == gl].sort_values("as_of")
    assert [(r.age, r.as_of) for r in rows.itertuples()] == [(54, "2023-02-21"), (56, "2024-10-17")]
    assert list(rows["birth_year_min"]) == [1968, 1967]
    assert list(rows["birth_year_max"]) == [1969, 1968]
    # the ranges overlap: both ages fit one birth year (1968; he was born in July 1968)
    assert rows["birth_year_min"].max() <= rows["birth_year_max"].min()
    assert all(e.startswith("Garcia Luna, 5") for e in rows["evidence"])


def _readme_query() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("-- entity_ages agreement")
    return text[start : text.index("```", start)]


def test_readme_agreement_query_on_the_seeds(seed_tables):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    for name in ("entity_ages", "entities"):
        con.register(name, seed_tables[name])
    sql = (
        _readme_query()
        .replace("read_parquet(getvariable('release') || '/entity_ages.parquet')", "entity_ages")
        .replace("read_parquet(getvariable('release') || '/entities.parquet')", "entities")
    )
    result = con.execute(sql).df()
    row = result[result["canonical_name"] == "Genaro Garcia Luna"].iloc[0]
    assert (row["n_ages"], row["born_from"], row["born_to"], row["ages_agree"]) == (
        2,
        1968,
        1968,
        True,
    )
    assert bool(result["ages_agree"].all())
