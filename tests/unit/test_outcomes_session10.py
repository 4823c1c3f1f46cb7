"""Classes a blind audit of unseen Dallas and Riverside releases found (gold/audits):
a headline's victim taken for the defendant when the lede names the defendant with a
police title."""

from __future__ import annotations

import pytest

from casewire.extract import extract_document
from casewire.nlp import load_nlp
from casewire.records import Document


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _rows(nlp, text: str) -> set[tuple[str, str]]:
    document = Document("doc-1", "s", "s.txt", None, "2018-08-29", None, None, "en", text, "x")
    return {(o.defendant, o.outcome_type) for o in extract_document(nlp(text), document).outcomes}


def test_the_victim_a_headline_names_is_never_its_defendant(nlp):
    text = (
        "August 29, 2018 Contact: Kimberlee Leach\n"
        "Director of Communications\n"
        "For Immediate Release: Former Balch Springs Police Officer Sentenced to 15 Years for the\n"
        "Murder of Jordan Edwards\n"
        "(Dallas, Texas) – On August 29, former Balch Springs Police Officer Roy Oliver was "
        "convicted\nfor the murder of 15 year old Jordan Edwards. Today, at the conclusion of "
        "his trial, Oliver was\nsentenced to 15 years in prison and assessed a $10,000 fine.\n"
    )
    rows = _rows(nlp, text)
    assert ("Roy Oliver", "sentenced") in rows
    assert not any(name == "Jordan Edwards" for name, _ in rows)


def test_a_section_heading_the_tagger_calls_a_person_is_no_defendant(nlp):
    # the Dallas annual report's "Case Highlight" above an unnamed defendant's story
    text = (
        "Case Highlight\nA 14-year-old was charged and convicted of murder in connection to a "
        "police chase that ended in a deadly crash, killing an innocent victim.\n"
    )
    assert not any(name == "Case Highlight" for name, _ in _rows(nlp, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verdict or a sentence told through another verb's infinitive or gerund
        ("Jimmy Earl Shelly was sentenced today to 169 years in prison for sexually assaulting "
         "his stepdaughters. Jurors wasted no time in finding him guilty on both charges.",
         ("Jimmy Earl Shelly", "convicted")),
        ("The trial of Darrin Ruben Lopez lasted two weeks, but it only took jurors about 20 "
         "minutes to find Lopez guilty.",
         ("Darrin Ruben Lopez", "convicted")),
        ("After a trial, Michael Smith, 41, was found guilty of capital murder. A Dallas County "
         "jury took only three hours to sentence Michael Smith to death.",
         ("Michael Smith", "sentenced")),
    ],
)  # fmt: skip
def test_decisions_told_through_an_infinitive(nlp, text: str, expected: tuple[str, str]):
    assert expected in _rows(nlp, text)


def test_a_decision_still_to_come_is_no_outcome(nlp):
    rows = _rows(nlp, "The judge is expected to sentence Michael Smith to 20 years next month.")
    assert ("Michael Smith", "sentenced") not in rows
