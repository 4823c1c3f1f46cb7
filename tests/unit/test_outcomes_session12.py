"""Classes found in session 12: a second decision of one kind told as another ("previously
charged ... on May 22"), and a civil suit whose party is named only by the definite noun
phrase after a lede that named nobody."""

from __future__ import annotations

import pytest

from casewire.extract import extract_document
from casewire.nlp import load_nlp
from casewire.records import Document


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _outcomes(nlp, text: str, published: str = "2026-06-03") -> list:
    document = Document("doc-1", "s", "s.txt", None, published, None, None, "en", text, "x")
    return list(extract_document(nlp(text), document).outcomes)


def _pairs(nlp, text: str, published: str = "2026-06-03") -> set[tuple[str, str]]:
    return {(o.defendant, o.outcome_type) for o in _outcomes(nlp, text, published)}


def _dates(nlp, text: str, name: str, otype: str) -> list[str | None]:
    return sorted(
        str(o.decision_date)
        for o in _outcomes(nlp, text)
        if o.defendant == name and o.outcome_type == otype
    )


SECOND_CHARGE = (
    "San Diego County District Attorney Summer Stephan announced today that Thomas Butler "
    "has been charged with murder in the death of a man he beat on May 20. "
    "Butler was previously charged and arraigned on May 22 for attempted murder."
)


def test_a_decision_told_as_another_is_its_own_row(nlp):
    assert _dates(nlp, SECOND_CHARGE, "Thomas Butler", "charged") == ["2026-05-22", "2026-06-03"]


def test_a_written_date_alone_never_splits_a_decision(nlp):
    # the scheme's date read into a retelling of the sentencing is no second sentencing
    text = (
        "John Miller, 45, of Tampa, was sentenced today to 60 months in prison. "
        "Miller was sentenced for a fraud scheme that ended on May 3, 2010."
    )
    assert len(_dates(nlp, text, "John Miller", "sentenced")) == 1


def test_the_same_decision_told_again_with_a_cue_stays_one_row(nlp):
    # "previously" with the same day (or no day) is the same decision told again
    text = (
        "Maria Lopez, 33, was charged on May 22, 2026 with fraud. "
        "Lopez had previously been charged on May 22, 2026 in the same case."
    )
    assert len(_dates(nlp, text, "Maria Lopez", "charged")) == 1


CIVIL_SUIT = (
    "The United States filed a complaint seeking to bar a Doral, Florida, man and his "
    "businesses from preparing federal tax returns for others, the Justice Department "
    "announced today.\n"
    "The civil injunction complaint against Eleuterio Almanzar, Almanzar Tax Accounting & "
    "Consulting Corp. and Almanzar Financial Services Corp., filed in U.S. District Court in "
    "the Southern District of Florida, alleges that Almanzar prepares false returns."
)


def test_the_suit_named_by_its_definite_noun_phrase_gives_its_parties(nlp):
    rows = _pairs(nlp, CIVIL_SUIT, "2012-05-01")
    assert ("Eleuterio Almanzar", "other") in rows
    assert ("Almanzar Financial Services Corp.", "other") in rows
    # the government bringing the suit is never its party
    assert not any("United States" in n or "Justice" in n for n, _ in rows)


def test_a_suit_against_an_unnamed_party_gives_no_row(nlp):
    text = "The civil complaint against the company remains pending in federal court."
    assert not [o for o in _outcomes(nlp, text) if o.outcome_type == "other"]


def test_a_company_heading_a_list_of_its_people_is_a_defendant_beside_them(nlp):
    text = (
        "Ocean Pro Ltd., aka Profish, and two of its fish buyers, Timothy Lydon of Bethesda, "
        "Md., and Benjamin Clough of Graysonville, Md., were charged in a five-count felony "
        "indictment."
    )
    rows = _pairs(nlp, text, "2009-12-08")
    assert {("Ocean Pro Ltd.", "charged"), ("Timothy Lydon", "charged"),
            ("Benjamin Clough", "charged")} <= rows  # fmt: skip


def test_a_company_named_before_a_kind_of_person_is_no_list(nlp):
    # the company only says whose executive the defendant is
    text = "An Acme Corp. executive, John Smith, 52, of Dallas, was charged today with fraud."
    rows = _pairs(nlp, text, "2009-12-08")
    assert ("John Smith", "charged") in rows
    assert not any("Acme" in n for n, _ in rows)


def test_the_indictment_also_charges_names_a_defendant(nlp):
    text = (
        "Timothy Lydon was charged today in a five-count felony indictment. "
        "The indictment also charges one commercial fisherman, Gordon Jett of "
        "Fredericksburg, Va., for his role in illegally harvesting striped bass."
    )
    rows = _pairs(nlp, text, "2009-12-08")
    assert ("Gordon Jett", "charged") in rows


def test_a_name_with_its_own_age_in_a_list_is_a_person_not_a_residence(nlp):
    text = (
        "Bogdan Nicolescu, 34, Tiberiu Danet, 31, and Radu Miclaus, 34, were extradited to "
        "the United States this week after being taken into custody in their native Romania "
        "earlier this year. They were each charged with 12 counts of wire fraud."
    )
    rows = {o.defendant for o in _outcomes(nlp, text, "2016-12-09")}
    assert rows == {"Bogdan Nicolescu", "Tiberiu Danet", "Radu Miclaus"}
    # a town after an age is still a residence
    text = "Hossein Nayeri, 37, Newport Beach, was charged today with escape."
    assert {o.defendant for o in _outcomes(nlp, text)} == {"Hossein Nayeri"}


def test_an_aged_list_reaches_past_each_residence(nlp):
    text = (
        "Chases co-defendants Michael Fluckiger, 46, of Portland, Indiana, and David Lynn "
        "Browning, 47, of Wooton, Kentucky, the co-administrator and global moderator of the "
        "website, respectively, pleaded guilty in December 2015 to engaging in a child "
        "exploitation enterprise."
    )
    rows = _pairs(nlp, text, "2017-05-01")
    assert rows == {("Michael Fluckiger", "pleaded_guilty"),
                    ("David Lynn Browning", "pleaded_guilty")}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "Financial Freedom has agreed to a settlement with the United States of more than "
            "$89 million to resolve allegations that it violated the False Claims Act.",
            "Financial Freedom",
        ),
        (
            "SunCoke Energy Inc. and Cokenergy have agreed to resolve alleged Clean Air Act "
            "violations relating to excess emissions from their coke plant.",
            "SunCoke Energy Inc.",
        ),
        (
            "A hospital group based in McAllen, Texas, has agreed to pay the United States "
            "$27.5 million to settle claims that it violated the False Claims Act.\n"
            "McAllen Hospitals L.P. is a subsidiary of Universal Health Services Inc.",
            "McAllen Hospitals L.P.",
        ),
    ],
)
def test_civil_resolutions_told_by_the_partys_own_verb(nlp, text, party):
    rows = _pairs(nlp, text, "2017-05-16")
    assert (party, "other") in rows
    assert not any("United States" in n for n, _ in rows)


def test_a_plea_after_an_unnamed_lead_of_conviction_takes_its_day(nlp):
    text = (
        "SANTA ANA – A softball coach was convicted today of sexually assaulting a 12-year-old "
        "player on his team. George Quevedo Quintana, 37, Anaheim, pleaded guilty to the court "
        "to four felony counts of lewd acts on a child under 14."
    )
    rows = {(o.defendant, o.outcome_type): o.decision_date for o in _outcomes(nlp, text)}
    assert rows.get(("George Quevedo Quintana", "pleaded_guilty")) == "2026-06-03"
    # the plea is the conviction: no second row of it
    assert ("George Quevedo Quintana", "convicted") not in rows


def test_a_charge_told_in_a_trial_preview_is_undated(nlp):
    text = (
        "FULLERTON – A man who was resisting arrest faces trial today for the attempted "
        "murder of a police officer. Carlos Alberto Leon, 30, Tustin, is charged with one "
        "felony count of attempted murder of a peace officer."
    )
    rows = {(o.defendant, o.outcome_type): o.decision_date for o in _outcomes(nlp, text)}
    assert ("Carlos Alberto Leon", "charged") in rows
    assert rows[("Carlos Alberto Leon", "charged")] is None
    # outside a trial preview the present tense still gives the release day
    text = "Carlos Alberto Leon, 30, Tustin, is charged with one felony count of mayhem."
    rows = {(o.defendant, o.outcome_type): o.decision_date for o in _outcomes(nlp, text)}
    assert rows[("Carlos Alberto Leon", "charged")] == "2026-06-03"


def test_a_dismissal_of_charges_of_an_offence_against_ranked_officers(nlp):
    # "Sgt." is one token (no sentence ends before the name), "Officers" a rank, and the
    # "against" of the offence phrase names whom the dismissed charges were brought against
    text = (
        "On Monday, March 18, the Dallas County District Attorney’s Office dismissed charges "
        "of misdemeanor deadly conduct against Dallas Police Sgt. Kevin Mansell and Officers "
        "Danny Vasquez and Dustin Dillard in the death of 32-year-old Anthony Timpa."
    )
    rows = _pairs(nlp, text, "2019-03-18")
    assert rows == {("Kevin Mansell", "dismissed"), ("Danny Vasquez", "dismissed"),
                    ("Dustin Dillard", "dismissed")}  # fmt: skip


def test_rank_abbreviations_are_one_token(nlp):
    doc = nlp("The charges against Police Sgt. Kevin Mansell and Det. Ann Lee were dismissed.")
    assert "Sgt." in [t.text for t in doc] and "Det." in [t.text for t in doc]
    assert len(list(doc.sents)) == 1


def test_a_contact_line_is_no_earlier_defendant_for_an_unnamed_lede(nlp):
    text = (
        "May 13, 2021 Contact: Tasha Tsiaperas\n"
        "Dallas County District Attorney’s Office\n"
        "A 51-year-old man has been sentenced to life in prison for the murder of a Dallas "
        "woman. Glen Richter pleaded guilty Thursday to the murder of Sara Hudson."
    )
    rows = _pairs(nlp, text, "2021-05-13")
    assert ("Glen Richter", "sentenced") in rows
    assert not any("Tsiaperas" in n or "Hudson" in n for n, _ in rows)


def test_victims_listed_with_ages_after_a_plural_harm_are_nobody_s_defendants(nlp):
    text = (
        "A 43-year-old serial killer was sentenced to life in prison after he pleaded guilty "
        "to murder charges, District Attorney John Creuzot announced Thursday. Jose Sifuentes "
        "would go to bars and clubs, where he met his victims. DNA evidence links him to the "
        "rapes and killings of Erica Olivia Hernandez, 23, Maria de Lourdes Perales, 20, and "
        "Veronica Hernandez, 27."
    )
    rows = _pairs(nlp, text, "2021-05-13")
    assert ("Jose Sifuentes", "sentenced") in rows
    assert not any("Hernandez" in n or "Perales" in n for n, _ in rows)


@pytest.mark.parametrize(
    "status",
    [
        "Smith, a convicted felon, was arrested today.",
        "He pleaded guilty to possession of a firearm by a convicted felon.",
        "The judge said that a convicted defendant was not the person who committed it.",
    ],
)
def test_convicted_as_a_status_is_no_conviction(nlp, status):
    text = f"John Smith was sentenced today to 10 years in prison. {status}"
    assert not [o for o in _outcomes(nlp, text) if o.outcome_type == "convicted"]


def test_a_conviction_told_by_the_verb_is_still_one(nlp):
    text = "John Smith was convicted today of murder."
    assert [o.defendant for o in _outcomes(nlp, text) if o.outcome_type == "convicted"] == [
        "John Smith"
    ]
