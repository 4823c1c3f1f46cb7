"""Judges named on outcomes: full names within a document, one judge per court across
documents, and the judge as an entity (``judge_entity_id``)."""

from __future__ import annotations

import pytest

from casewire.records import DocExtraction, Document, Evidence, Mention, Outcome, RoleMention
from casewire.resolve import resolve_entities
from casewire.resolve.judges import (
    PersonName,
    _Candidate,
    compatible,
    in_document_name,
    resolve_judges,
)

SDNY = "U.S. District Court for the Southern District of New York"
EDNY = "U.S. District Court for the Eastern District of New York"


@pytest.mark.parametrize(
    ("written", "given", "surname"),
    [
        ("Sidney H. Stein", ("sidney", "h"), "stein"),
        ("Judge Stein", (), "stein"),
        ("U.S. District Judge Brian M. Cogan", ("brian", "m"), "cogan"),
        ("Hon. John Smith Jr.", ("john",), "smith"),
    ],
)
def test_person_name_sets_titles_and_suffixes_aside(written, given, surname) -> None:
    assert PersonName.parse(written) == PersonName(given, surname)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Stein", "Sidney H. Stein", True),
        ("Sidney Stein", "Sidney H. Stein", True),
        ("S. H. Stein", "Sidney Harold Stein", True),
        ("Sidney Stein", "Robert Stein", False),
        ("Sidney H. Stein", "Sidney K. Stein", False),
        ("Sidney Stein", "Sidney Stern", False),
    ],
)
def test_compatible_given_names(a: str, b: str, same: bool) -> None:
    assert compatible(PersonName.parse(a), PersonName.parse(b)) is same


def _cand(start: int, name: str, judge: bool = True) -> _Candidate:
    return _Candidate(start, name, judge)


def test_bare_surname_takes_the_full_name_named_earlier() -> None:
    cands = [_cand(10, "Sidney H. Stein"), _cand(400, "Stein")]
    assert in_document_name("Stein", 400, cands) == "Sidney H. Stein"


def test_a_judges_title_outranks_another_person_of_that_surname() -> None:
    cands = [_cand(5, "Jacob Stein", judge=False), _cand(90, "Sidney H. Stein")]
    assert in_document_name("Stein", 300, cands) == "Sidney H. Stein"


def test_nearest_earlier_judge_decides_between_two_of_one_surname() -> None:
    cands = [_cand(5, "Robert Stein"), _cand(200, "Sidney Stein")]
    assert in_document_name("Stein", 300, cands) == "Sidney Stein"
    assert in_document_name("Stein", 100, cands) == "Robert Stein"


def test_no_candidate_keeps_the_name_as_written() -> None:
    assert in_document_name("Stein", 100, [_cand(5, "Robert Cogan")]) == "Stein"


def _doc(doc_id: str) -> Document:
    return Document(doc_id, doc_id, doc_id, None, "2020-01-01", None, None, "en", "x" * 500, "h")


def _ev(doc_id: str, start: int) -> Evidence:
    return Evidence(doc_id, start, start + 5, "xxxxx")


def _outcome(doc_id: str, judge: str | None, court: str | None, start: int = 100, who="Ann Doe"):
    return Outcome(doc_id, who, "person", "sentenced", _ev(doc_id, start), court=court, judge=judge)


def _x(doc_id: str, *outcomes: Outcome, judges: tuple[str, ...] = ()) -> DocExtraction:
    roles = tuple(
        RoleMention(doc_id, "person", j, "judge", "District Judge", _ev(doc_id, 0)) for j in judges
    )
    return DocExtraction(_doc(doc_id), outcomes=outcomes, roles=roles)


def test_same_court_joins_names_of_one_judge_across_documents() -> None:
    xs = [
        _x("doc-a", _outcome("doc-a", "Sidney H. Stein", SDNY)),
        _x("doc-b", _outcome("doc-b", "Sidney Stein", SDNY, who="Bo Roe")),
        _x("doc-c", _outcome("doc-c", "Stein", SDNY, who="Cy Poe")),
    ]
    judges = resolve_judges(xs)
    assert {judges.name_for(o) for x in xs for o in x.outcomes} == {"Sidney H. Stein"}
    assert judges.joins == (("Sidney Stein", "Sidney H. Stein"),)


def test_another_court_or_no_court_joins_nothing() -> None:
    xs = [
        _x("doc-a", _outcome("doc-a", "Sidney H. Stein", SDNY)),
        _x("doc-b", _outcome("doc-b", "Stein", EDNY, who="Bo Roe")),
        _x("doc-c", _outcome("doc-c", "Stein", None, who="Cy Poe")),
    ]
    judges = resolve_judges(xs)
    assert [judges.name_for(x.outcomes[0]) for x in xs] == ["Sidney H. Stein", "Stein", "Stein"]


def test_surname_compatible_with_two_judges_of_a_court_stays_bare() -> None:
    xs = [
        _x("doc-a", _outcome("doc-a", "Sidney Stein", SDNY)),
        _x("doc-b", _outcome("doc-b", "Robert Stein", SDNY, who="Bo Roe")),
        _x("doc-c", _outcome("doc-c", "Stein", SDNY, who="Cy Poe")),
    ]
    assert resolve_judges(xs).name_for(xs[2].outcomes[0]) == "Stein"


def test_outcome_without_court_takes_its_defendants_court() -> None:
    xs = [
        _x("doc-a", _outcome("doc-a", "Sidney H. Stein", SDNY)),
        _x(
            "doc-b",
            _outcome("doc-b", None, SDNY, who="Bo Roe"),
            _outcome("doc-b", "Stein", None, 300, "Bo Roe"),
        ),
    ]
    assert resolve_judges(xs).name_for(xs[1].outcomes[1]) == "Sidney H. Stein"


def test_judge_is_an_entity_with_the_judge_role_and_one_id_for_its_names() -> None:
    xs = [
        _x("doc-a", _outcome("doc-a", "Stein", SDNY), judges=("Sidney H. Stein",)),
        DocExtraction(
            _doc("doc-b"),
            mentions=(
                Mention(
                    "doc-b",
                    "Sidney Stein",
                    "PERSON",
                    "person",
                    "Sidney Stein",
                    0,
                    12,
                    _ev("doc-b", 0),
                ),
            ),
            outcomes=(_outcome("doc-b", "Sidney Stein", SDNY, who="Bo Roe"),),
        ),
    ]
    judges = resolve_judges(xs)
    res = resolve_entities(xs, judges)
    ids = {
        res.entity_id_for(o.doc_id, "person", judges.name_for(o)) for x in xs for o in x.outcomes
    }
    assert len(ids) == 1
    assert res.entity_id_for("doc-b", "person", "Sidney Stein") in ids  # the NER mention too
    (row,) = [r for r in res.entities() if r["entity_id"] in ids]
    assert row["canonical_name"] == "Sidney H. Stein" and "judge" in row["roles"]


def test_a_name_cut_at_an_apostrophe_takes_the_whole_name() -> None:
    cands = [_cand(10, "Matthew D’Emic"), _cand(30, "Matthew Dunn", judge=False)]
    assert in_document_name("Matthew D", 200, cands) == "Matthew D’Emic"


def test_a_cut_name_the_tagger_missed_is_read_whole_from_the_text() -> None:
    text = "Brooklyn Supreme Court Justice Matthew D’Emic sentenced Ann Doe on Monday."
    doc = Document("doc-t", "t", "t", None, None, None, None, "en", text, "h")
    x = DocExtraction(doc, outcomes=(_outcome("doc-t", "Matthew D", "Brooklyn Supreme Court", 0),))
    assert resolve_judges([x]).name_for(x.outcomes[0]) == "Matthew D’Emic"
