"""People resolved as one, or kept apart: fuller writings of a name within a document and
across documents, one-word names, titles before names (issue 18, item 2)."""

from __future__ import annotations

import pytest

from casewire.extract.names import fullest_form, more_specific, name_words
from casewire.records import DocExtraction, Document, Evidence, Mention, RoleMention
from casewire.resolve import resolve_entities
from tests.unit.test_mentions import _mentions


def _t(name: str) -> tuple[str, ...]:
    return name_words(name)


@pytest.mark.parametrize(
    ("longer", "shorter", "fuller"),
    [
        ("Gordon M. Snow", "Gordon Snow", True),
        ("Gordon Michael Snow", "Gordon M. Snow", True),
        ("Juan Carlos Luna-Juarez", "Juan Juarez", False),
        ("Maria Bella-Larkin", "Maria Larkin", False),
        ("Carl Courtright III", "Carl Courtright", True),
        ("Gordon Snow", "Gordon M. Snow", False),
        ("Gordon M. Snow", "Gordon M. Snow", False),
        ("John B. Smith", "John A. Smith", False),
        ("George H. W. Bush", "George W. Bush", False),
        ("Randy Jones Sr.", "Randy Jones Jr.", False),
        ("Michael O’Shea", "Michael Shea", False),
        ("Michael O. Shea", "Michael Shea", True),
        ("Angela D. Alsobrooks", "Angela Alsobrooks", True),
        ("Juan de la Cruz", "Juan Cruz", False),
        ("Geraldine Snow", "Gordon Snow", False),
        ("Snow", "Snow", False),
    ],
)
def test_a_fuller_writing_of_a_name(longer, shorter, fuller):
    assert more_specific(_t(longer), _t(shorter)) is fuller


def test_fullest_form_is_the_only_fuller_writing_the_document_has():
    full = ["Gordon M. Snow", "John A. Smith", "John B. Smith"]
    assert fullest_form("Gordon Snow", full) == "Gordon M. Snow"
    assert fullest_form("John Smith", full) == "John Smith"  # whose is it?
    assert fullest_form("Alan Ralsky", full) == "Alan Ralsky"


def test_writings_of_one_name_are_one_person_within_a_document(nlp):
    text = (
        "The court sentenced Gordon M. Snow, 45, of Reston, today. Prosecutors said "
        "Gordon Snow took bribes from Alan Ralsky. Mr. Snow must also pay restitution. "
        "Alan M. Ralsky was charged in 2008."
    )
    people = {(m.text, m.canonical) for m in _mentions(nlp, text) if m.entity_type == "person"}
    assert ("Gordon Snow", "Gordon M. Snow") in people
    assert ("Snow", "Gordon M. Snow") in people
    assert ("Alan Ralsky", "Alan M. Ralsky") in people


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The paralegal was Paralegal Megan Carroll of the office.", "Megan Carroll"),
        (
            "The case is being prosecuted by ADA Haley Pratt, of the Special Victims Bureau.",
            "Haley Pratt",
        ),
        ("It was investigated by Inspector John Lewis of the Postal Service.", "John Lewis"),
    ],
)
def test_a_staff_title_before_a_name_is_no_part_of_it(nlp, text, name):
    people = {m.canonical for m in _mentions(nlp, text) if m.entity_type == "person"}
    assert name in people


def _ev(doc_id: str) -> Evidence:
    return Evidence(doc_id, 0, 5, "xxxxx")


def _doc(doc_id: str, *people: str, roles: dict[str, str] | None = None) -> DocExtraction:
    document = Document(doc_id, "s", "p", None, None, None, None, "en", "x" * 200, "h")
    mentions = tuple(
        Mention(doc_id, n, "PERSON", "person", n, 10 * k, 10 * k + len(n), _ev(doc_id))
        for k, n in enumerate(people)
    )
    role_rows = tuple(
        RoleMention(doc_id, "person", n, r, None, _ev(doc_id)) for n, r in (roles or {}).items()
    )
    return DocExtraction(document, mentions=mentions, roles=role_rows)


def _same(res, a: tuple[str, str], b: tuple[str, str]) -> bool:
    return res.entity_id_for(a[0], "person", a[1]) == res.entity_id_for(b[0], "person", b[1])


def test_a_one_word_name_is_resolved_within_its_document_only():
    res = resolve_entities([_doc("d1", "Jones", "Wyeth"), _doc("d2", "Jones", "Wyeth")])
    assert not _same(res, ("d1", "Jones"), ("d2", "Jones"))
    assert {r["n_documents"] for r in res.entities()} == {1}


@pytest.mark.parametrize(
    ("docs", "one"),
    [
        # a co-defendant both releases name
        (
            [_doc("d1", "Gordon Snow", "Alan Ralsky"), _doc("d2", "Gordon M. Snow", "Alan Ralsky")],
            True,
        ),
        # a prosecutor in both releases
        (
            [
                _doc("d1", "Kevin Smith", roles={"Kevin Smith": "prosecutor"}),
                _doc("d2", "Kevin R. Smith", roles={"Kevin R. Smith": "prosecutor"}),
            ],
            True,
        ),
        # a rare surname, one fuller writing in the release
        ([_doc("d1", "Deborah Gaynus"), _doc("d2", "Deborah M. Gaynus")], True),
        # a suffix alone, and nothing else in common: father and son?
        ([_doc("d1", "James Gaynus"), _doc("d2", "James Gaynus Jr.")], False),
        # a document naming both (an outcome's name beside a list's)
        ([_doc("d1", "Jimmy Carter"), _doc("d1", "Jimmy Carter, Jr.")], True),
        # a judge who was a prosecutor
        (
            [
                _doc("d1", "Richard King", roles={"Richard King": "prosecutor"}),
                _doc("d2", "Richard M. King", roles={"Richard M. King": "judge"}),
            ],
            True,
        ),
        # a common surname and nothing else in common
        ([_doc("d1", "George Smith"), _doc("d2", "George E. Smith")], False),
        # a judge and a defendant of one name
        (
            [
                _doc("d1", "Ronald Whitacre", roles={"Ronald Whitacre": "defendant"}),
                _doc("d2", "Ronald A. Whitacre", roles={"Ronald A. Whitacre": "judge"}),
            ],
            False,
        ),
        # two fuller writings: whose is the short one?
        (
            [_doc("d1", "John Gaynus"), _doc("d2", "John A. Gaynus"), _doc("d3", "John B. Gaynus")],
            False,
        ),
        # the only person in common is an official named everywhere
        (
            [
                _doc("d1", "Ann Smith", "Preet Bharara", roles={"Preet Bharara": "official"}),
                _doc("d2", "Ann L. Smith", "Preet Bharara", roles={"Preet Bharara": "official"}),
            ],
            False,
        ),
    ],
)
def test_writings_of_one_name_across_documents(docs, one):
    res = resolve_entities(docs)
    short, full = docs[0].mentions[0], docs[1].mentions[0]
    assert _same(res, (short.doc_id, short.canonical), (full.doc_id, full.canonical)) is one
    if one:
        [row] = [
            r
            for r in res.entities()
            if r["entity_id"] == res.entity_id_for(full.doc_id, "person", full.canonical)
        ]
        assert row["canonical_name"] == full.canonical
