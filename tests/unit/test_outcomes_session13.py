"""Classes found in session 13: the defendants a group noun is said of ("A, B and C are
three of 36 defendants charged")."""

from __future__ import annotations

import pytest

from casewire.extract import extract_document
from casewire.nlp import load_nlp
from casewire.records import Document


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _pairs(nlp, text: str, published: str = "2014-01-10") -> set[tuple[str, str]]:
    document = Document("doc-1", "s", "s.txt", None, published, None, None, "en", text, "x")
    return {(o.defendant, o.outcome_type) for o in extract_document(nlp(text), document).outcomes}


PLEAS = (
    "Sammy Keith Shipman, 45, William David Maynard, 42, and Kenneth Harris, 40, pleaded "
    "guilty today to racketeering. "
)


def test_a_list_said_to_be_some_of_the_defendants_charged_is_charged(nlp):
    text = PLEAS + (
        "Shipman, Maynard and Harris are three of 36 defendants charged with conducting "
        "racketeering activity through the ABT criminal enterprise."
    )
    charged = {n for n, t in _pairs(nlp, text) if t == "charged"}
    assert charged == {"Sammy Keith Shipman", "William David Maynard", "Kenneth Harris"}


def test_among_and_relative_clause_forms(nlp):
    text = (
        "Harjit Mathauda, 44, was sentenced today to 60 months in prison. Mathauda is one "
        "of eight men who have been indicted in the scheme. Vladimir Kats and Arthur "
        "Budovsky were among seven individuals charged in the indictment."
    )
    charged = {n for n, t in _pairs(nlp, text) if t == "charged"}
    assert charged == {"Harjit Mathauda", "Vladimir Kats", "Arthur Budovsky"}


def test_a_group_noun_said_of_nobody_named_takes_no_name_from_it(nlp):
    # "The four men convicted today are among 27 individuals indicted": the subject is a
    # group, not a name, so nothing is read off the copula
    text = (
        "Jurors convicted Mark Spradling and Daniel Mark of racketeering today. The four men "
        "convicted today are among 27 individuals indicted in June 2010."
    )
    pairs = _pairs(nlp, text)
    assert ("Mark Spradling", "convicted") in pairs
    assert not any(n in ("The four men", "men") for n, _ in pairs)



def test_a_party_that_will_pay_a_civil_penalty_is_a_civil_outcome(nlp):
    text = (
        "Cheese manufacturer Sorrento Lactalis Inc. will pay the United States a $315,000 "
        "penalty for excess discharges in violation of its wastewater permit levels, "
        "according to an agreement between the company and the Justice Department."
    )
    assert ("Sorrento Lactalis Inc.", "other") in _pairs(nlp, text)


def test_a_criminal_penalty_told_after_it_is_no_civil_outcome(nlp):
    text = (
        "Princess Cruise Lines will pay a $40 million penalty, the largest-ever criminal "
        "penalty involving deliberate vessel pollution."
    )
    assert not any(t == "other" for _, t in _pairs(nlp, text))


FOLKS = (
    "WASHINGTON - Odell Folks, a resident of Brooklyn, N.Y., and Tanya Smith, a resident of "
    "Waterbury, Conn., pleaded guilty to conspiracy to file false claims for tax refunds, the "
    "Justice Department announced today.\n"
    "Folks and Tanya Smith, along with co-defendants Keith Terry and Sharon Smith, were "
    "indicted in November 2008 for a scheme to file false claims for refund with the IRS."
)


def test_an_untagged_name_heading_a_subject_is_the_defendant_beside_the_names_listed(nlp):
    pairs = _pairs(nlp, FOLKS, "2009-03-06")
    assert {("Odell Folks", "pleaded_guilty"), ("Tanya Smith", "pleaded_guilty")} <= pairs


def test_an_untagged_defendant_is_known_by_surname_and_codefendants_hang_on_the_subject(nlp):
    charged = {n for n, t in _pairs(nlp, FOLKS, "2009-03-06") if t == "charged"}
    assert charged == {"Odell Folks", "Tanya Smith", "Keith Terry", "Sharon Smith"}
