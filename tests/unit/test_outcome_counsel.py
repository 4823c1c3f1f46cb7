"""Prosecutors and defense attorneys of outcomes, read with the real spaCy model from
sentences paraphrased from the corpus, and resolved like judges."""

from __future__ import annotations

import pytest

from casewire.extract import extract_document
from casewire.records import DocExtraction, Document
from casewire.resolve import resolve_entities
from casewire.resolve.judges import resolve_people

PUB = "2024-10-17"


def _extract(nlp, text: str, doc_id: str = "doc-1") -> DocExtraction:
    document = Document(doc_id, "s", "s.txt", None, PUB, None, None, "en", text, "x")
    return extract_document(nlp(text), document)


def _counsel(nlp, text: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Defendant -> (prosecutors, defense attorneys) of their outcomes."""
    x = _extract(nlp, text)
    return {o.defendant: (o.prosecutors, o.defense_attorneys) for o in x.outcomes}


@pytest.mark.parametrize(
    ("text", "prosecutors"),
    [
        (
            "Mark Dillon, 41, was sentenced today to 87 months in prison for wire fraud. "
            "Assistant U.S. Attorney Karen Holt is prosecuting the case.",
            ("Karen Holt",),
        ),
        (
            "Luis Ortega was convicted by a jury of second-degree murder on Tuesday. "
            "The case was prosecuted by Deputy District Attorney Brian Castle of the "
            "Homicide Unit.",
            ("Brian Castle",),
        ),
        # the supervisor is not a trial prosecutor
        (
            "Tyrell Brooks pleaded guilty to manslaughter on Monday. The case was prosecuted "
            "by Assistant District Attorney Megan Ruiz, of the Homicide Bureau, under the "
            "supervision of Assistant District Attorney Paul Stone, Bureau Chief.",
            ("Megan Ruiz",),
        ),
        # a team, and the agents who investigated are not prosecutors
        (
            "Ana Velez was sentenced today to five years in prison for health care fraud. "
            "The case was investigated by FBI Special Agent Tom Reyes and is being prosecuted "
            "by Trial Attorneys Laura Kim and Owen Price of the Fraud Section.",
            ("Laura Kim", "Owen Price"),
        ),
    ],
)
def test_prosecutors(nlp, text: str, prosecutors: tuple[str, ...]) -> None:
    found = _counsel(nlp, text)
    assert found and all(p == prosecutors for p, _ in found.values())


def test_a_title_is_no_prosecutor(nlp) -> None:
    text = (
        "Kevin Ford pleaded guilty today to rape. The case was prosecuted by Assistant "
        "District Attorney Frank Duval, First Deputy Bureau Chief of the Special Victims "
        "Bureau, and Senior Assistant District Attorney Joan Nash."
    )
    (prosecutors,) = {p for p, _ in _counsel(nlp, text).values()}
    assert "Frank Duval" in prosecutors and "Joan Nash" in prosecutors
    assert not any(set(n.lower().split()) <= {"bureau", "chief"} for n in prosecutors)


def test_announcer_is_no_prosecutor(nlp) -> None:
    text = (
        "Peter Lang was sentenced today to 10 years in prison, U.S. Attorney Rachel Moore "
        "announced. Assistant U.S. Attorney Dan Ford handled the prosecution."
    )
    x = _extract(nlp, text)
    assert [o.prosecutors for o in x.outcomes] == [("Dan Ford",)]
    assert {r.canonical for r in x.roles if r.role == "prosecutor" and r.title is None} == {
        "Dan Ford"
    }


def test_no_prosecution_sentence(nlp) -> None:
    text = "Peter Lang was sentenced today to 10 years in prison, U.S. Attorney Rachel Moore said."
    assert _counsel(nlp, text) == {"Peter Lang": ((), ())}


def test_round_up_release_case_by_case(nlp) -> None:
    text = (
        "Carl Mayer was sentenced today to 15 years in state prison for robbery. "
        "Deputy District Attorney Nina Hart is prosecuting this case.\n"
        "Victor Salas pleaded guilty today to arson. "
        "Senior Deputy District Attorney Alan Brandt is prosecuting this case."
    )
    found = _counsel(nlp, text)
    assert found["Carl Mayer"][0] == ("Nina Hart",)
    assert found["Victor Salas"][0] == ("Alan Brandt",)


def test_defense_attorney(nlp) -> None:
    text = (
        "Ramon Reyna pleaded guilty today to felony vandalism. "
        "Reyna was represented by attorney Steve Barker."
    )
    assert _counsel(nlp, text)["Ramon Reyna"][1] == ("Steve Barker",)


def test_government_represented_by_is_prosecution(nlp) -> None:
    text = (
        "Acme Pharmacy LLC was sentenced today to pay a $2 million fine. "
        "The government is represented by Trial Attorney Heidi Lang of the Consumer "
        "Protection Branch."
    )
    found = _counsel(nlp, text)
    assert all(p == ("Heidi Lang",) and d == () for p, d in found.values())


def test_surname_resolved_across_documents(nlp) -> None:
    """Within a document the full name is kept; across documents of one court a surname
    alone joins the court's only prosecutor of that surname, and both are one entity."""
    a = _extract(
        nlp,
        "Mark Dillon was sentenced today in the Southern District of Texas to 87 months "
        "in prison. Assistant U.S. Attorney Karen Holt is prosecuting the case.",
        "doc-a",
    )
    b = _extract(
        nlp,
        "Mark Dillon pleaded guilty in the Southern District of Texas to wire fraud. "
        "Prosecutor Holt handled the case.",
        "doc-b",
    )
    people = resolve_people([a, b], "prosecutor")
    names = {n for x in (a, b) for o in x.outcomes for n in people.names_for(o)}
    assert "Karen Holt" in names
    res = resolve_entities([a, b], counsel=[people])
    ids = {
        res.entity_id_for(o.doc_id, "person", n)
        for x in (a, b)
        for o in x.outcomes
        for n in people.names_for(o)
    }
    assert len(ids) == 1
    (row,) = [e for e in res.entities() if e["entity_id"] in ids]
    assert "prosecutor" in row["roles"] and row["canonical_name"] == "Karen Holt"
