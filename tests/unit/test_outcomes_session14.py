"""Classes found in session 14 on the dev sample s16: subjects the parse strands, people
the tagger calls organizations, officials named before their title, companies in a list
of defendants, aged lists parted by semicolons, a plea's own information."""

from __future__ import annotations

import pytest

from casewire.extract import extract_document
from casewire.nlp import load_nlp
from casewire.records import Document


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _pairs(nlp, text: str, published: str = "2014-10-03") -> set[tuple[str, str]]:
    document = Document("doc-1", "s", "s.txt", None, published, None, None, "en", text, "x")
    return {(o.defendant, o.outcome_type) for o in extract_document(nlp(text), document).outcomes}


def test_a_second_clause_whose_subject_the_parse_hung_on_a_date_keeps_it(nlp):
    # "Poulin" is parsed as a conjunct of "June 27"; the second "pleaded" has no subject
    text = (
        "Eric St-Cyr and Patrick Poulin were sentenced today to serve 14 months in prison. "
        "St-Cyr, 50, pleaded guilty on June 27 and Poulin, 41, pleaded guilty on July 11."
    )
    pleas = {n for n, kind in _pairs(nlp, text) if kind == "pleaded_guilty"}
    assert pleas == {"Eric St-Cyr", "Patrick Poulin"}


@pytest.mark.parametrize(
    "lede",
    [
        # tagged ORG, written with an age
        "Sirtaj Mathauda, 42, of Costa Rica, was sentenced today to 252 months in prison.",
        # tagged ORG, no age: another person of the document has his surname
        "WASHINGTON Sirtaj Mathauda, a former resident of South Florida, was sentenced today "
        "in connection with a series of Costa Rica-based business opportunity fraud ventures, "
        "the Justice Department and the U.S. Postal Inspection Service announced. Mathauda "
        "was sentenced by U.S. District Judge Joan A. Lenard in Miami to 252 months in prison.",
    ],
)
def test_a_person_the_tagger_calls_an_organization_keeps_his_bare_surname(nlp, lede: str):
    text = (
        lede + " A jury in Miami found Mathauda guilty of conspiracy, mail fraud and wire fraud "
        "following a two-week trial in late April. Six of the defendants, Stephen Schultz, "
        "Dilraj Mathauda and Donald Williams, previously pleaded guilty."
    )
    pairs = _pairs(nlp, text, "2011-07-26")
    assert ("Sirtaj Mathauda", "convicted") in pairs
    assert ("Dilraj Mathauda", "convicted") not in pairs


@pytest.mark.parametrize(
    ("text", "official"),
    [
        # the title after the name
        ('"The operations today are powerful illustrations," said Daniel R. Levinson, '
         "Inspector General of the Department of Health and Human Services. Collectively, the "
         "physicians, owners and others charged in the indictments are accused of fraud.",
         "Daniel R. Levinson"),
        # the office's acronym between the title and the name
        ("SANTA ANA – Orange County District Attorney (OCDA) Tony Rackauckas is opposing the "
         "parole of an inmate convicted of murder for the drive-by shooting of two juveniles.",
         "Tony Rackauckas"),
    ],
)  # fmt: skip
def test_an_official_is_never_a_defendant(nlp, text: str, official: str):
    assert not any(n == official for n, _ in _pairs(nlp, text, "2009-12-15"))


def test_a_company_listed_among_defendants_is_one_but_a_title_word_is_not(nlp):
    text = (
        "Also charged in the indictment were Adib Zeno, Rizk Ali, Ammar Al Mounajed, and "
        "Syrian Arab Airlines, a/k/a Syrian Air. U.S. Army Specialist Richard Garcia, 29, of "
        "Kirby, Texas, was sentenced today to 18 months in prison."
    )
    pairs = _pairs(nlp, text, "2017-02-24")
    assert {n for n, kind in pairs if kind == "charged"} == {
        "Adib Zeno", "Rizk Ali", "Ammar Al Mounajed", "Syrian Arab Airlines"
    }  # fmt: skip
    assert {n for n, kind in pairs if kind == "sentenced"} == {"Richard Garcia"}


def test_a_law_is_no_defendant(nlp):
    text = (
        "Eleven individuals were charged today with conspiring to violate the International "
        "Emergency Economic Powers Act, the Export Administration Regulations and the Global "
        "Terrorism Sanctions Regulations. Also charged in the indictment were Adib Zeno and "
        "Rizk Ali."
    )
    names = {n for n, _ in _pairs(nlp, text, "2017-02-24")}
    assert not [n for n in names if n.endswith(("Regulations", "Act"))]


def test_an_aged_list_parted_by_semicolons_with_credentials_is_read_whole(nlp):
    text = (
        "Juan Yrorita, 63, of Detroit, was sentenced to 36 months in prison today. Yrorita was "
        "charged along with Editha Manzano, 70, of Troy, Michigan; Liberty Jaramillo, 67, also "
        "of Troy; Roberto Quizon, M.D., 71, of Bloomfield Hills, Michigan; and Victoria "
        "Gallardo-Navarra, M.D., 74, of Sterling Heights, Michigan, in an indictment returned "
        "on Sept. 1, 2016."
    )
    charged = {n for n, kind in _pairs(nlp, text, "2018-03-29") if kind == "charged"}
    assert charged == {
        "Juan Yrorita", "Editha Manzano", "Liberty Jaramillo", "Roberto Quizon",
        "Victoria Gallardo-Navarra",
    }  # fmt: skip


def test_charges_filed_in_a_named_court_today_are_a_charge(nlp):
    text = (
        "Hitachi Automotive Systems Ltd. has agreed to plead guilty and to pay a criminal fine "
        "of at least $55.48 million, the Justice Department announced today. According to "
        "charges filed in the U.S. District Court of the Southern District of Ohio today, "
        "Tokyo-based Hitachi Automotive Systems agreed to allocate the supply of shock absorbers."
    )
    assert ("Hitachi Automotive Systems Ltd.", "charged") in _pairs(nlp, text, "2016-08-09")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # returned on a day, unsealed later, an unnamed description, the name next
        ("A federal grand jury sitting in Miami, Florida, returned an indictment on Tuesday, "
         "April 10 charging a Miami, Florida, certified public accountant with tax evasion, "
         "announced Principal Deputy Assistant Attorney General Richard E. Zuckerman. According "
         "to the indictment, Darryl Sharpton owned The Sharpton Group, a Miami-based firm.",
         {"Darryl Sharpton"}),
        ("A federal grand jury returned an indictment, which was unsealed today, charging the "
         "owner of a Uniondale, New York tax preparation business with filing fraudulent tax "
         "returns, announced Acting Deputy Assistant Attorney General Stuart M. Goldberg. "
         "According to the indictment, Mariano Exantus ran Latrex Multi Service.",
         {"Mariano Exantus"}),
        # "against" after the day, the people named in the next sentence
        ("A federal grand jury in the Eastern District of California returned an indictment "
         "yesterday against two individuals for allegedly conspiring to defraud the United "
         "States, the Department of Justice announced. The indictment alleges that Kenneth "
         "Keyes, a former facility manager at Sierra Army Depot, and Leroy Weber, the owner of a "
         "roofing company, participated in a conspiracy.",
         {"Kenneth Keyes", "Leroy Weber"}),
        # a grand jury in the active voice, a description or a name after it
        ("A federal grand jury in Wilmington, Delaware, indicted a New York man today on charges "
         "related to the production of child pornography, announced Assistant Attorney General "
         "Leslie R. Caldwell. Justin R. Gulisano, 24, of Sodus, New York, was initially arrested "
         "on June 30, 2015.",
         {"Justin R. Gulisano"}),
        ("WASHINGTON A federal grand jury in Washington, D.C., has charged Mac Aviation Group, an "
         "Irish trading company, and its officers Thomas and Sean McGuinn of Sligo, Ireland, in a "
         "superseding indictment with purchasing F-5 fighter aircraft parts from U.S. firms.",
         {"Mac Aviation Group", "Thomas McGuinn", "Sean McGuinn"}),
        # the filing of a paper announced, against its defendant
        ("The Orange County District Attorney's Office announces the filing of a 69-count "
         "complaint against Francisco Guerrero.",
         {"Francisco Guerrero"}),
        # any words before the paper the lede's facts are told "according to"
        ("WASHINGTON A Japanese freight forwarding company has agreed to plead guilty and to pay "
         "a $2.3 million criminal fine, the Department of Justice announced today. According to "
         "the one count felony charge filed today in the U.S. District Court for the District of "
         "Columbia, Yamato Global Logistics Japan Co. Ltd. engaged in a conspiracy to fix fees.",
         {"Yamato Global Logistics Japan Co. Ltd."}),
    ],
)  # fmt: skip
def test_charging_papers_told_in_the_tax_and_antitrust_templates(nlp, text: str, expected):
    charged = {n for n, kind in _pairs(nlp, text, "2018-04-12") if kind == "charged"}
    assert charged == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the information a plea is entered to is no separate charge
        ("Harry Abrahamsen, a resident of Oradell, N.J., pleaded guilty today to failure to "
         "file a Report of Foreign Bank Accounts. Abrahamsen pleaded guilty before U.S. District "
         "Judge Dennis M. Cavanaugh to a one-count Information which charges him with willful "
         "failure to file a report of foreign bank accounts.",
         "2010-04-12", {("Harry Abrahamsen", "pleaded_guilty")}),
        # a tally of the investigation names no one's plea or sentence
        ("Sanden Corp. has agreed to plead guilty and to pay a $3.2 million criminal fine, the "
         "Department of Justice announced today. According to the one-count felony charge filed "
         "today in the U.S. District Court for the Eastern District of Michigan, Sanden "
         "conspired to fix prices. All of the charged companies have pleaded guilty or have "
         "agreed to plead guilty and to pay a combined total of more than $2.4 billion in "
         "fines. Of the 46 individuals, 26 have been sentenced to serve time in U.S. prisons.",
         "2015-01-27", {("Sanden Corp.", "charged")}),
    ],
)  # fmt: skip
def test_a_plea_s_own_paper_and_a_tally_add_no_row(nlp, text: str, published: str, expected):
    assert _pairs(nlp, text, published) == expected


def test_an_agreement_to_plead_quoted_as_a_guilty_plea_is_no_plea(nlp):
    text = (
        "NGK Spark Plug Co. Ltd., an automotive parts manufacturer based in Nagoya, Japan, has "
        "agreed to plead guilty and to pay a $52.1 million criminal fine, the Department of "
        "Justice announced today. NGK Spark Plug is charged with one count of price fixing. "
        "Todays guilty plea is just another example of the commitment of the Antitrust "
        "Division to fair competition, said Brent Snyder, a Deputy Assistant Attorney General."
    )
    kinds = {kind for _, kind in _pairs(nlp, text, "2014-08-19")}
    assert "pleaded_guilty" not in kinds


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # names the census lists do not know, written with a residence
        ("WASHINGTON\nEddye Lovely of Tomball, Texas, pleaded guilty today to three counts of "
         "aiding and assisting in the preparation of false tax returns, the Justice Department "
         "announced.", "Eddye Lovely"),
        ("WASHINGTON - Edward Gurary, formerly of Orange Village, Ohio, pleaded guilty today in "
         "federal court to filing false personal income tax returns.", "Edward Gurary"),
    ],
)  # fmt: skip
def test_an_untagged_name_with_a_residence_is_a_person(nlp, text: str, name: str):
    assert (name, "pleaded_guilty") in _pairs(nlp, text, "2011-06-01")


def test_a_title_or_a_headline_with_a_place_after_it_is_no_name(nlp):
    text = (
        "The former Chief Executive Officer of TierOne Bank, a bank formerly headquartered in "
        "Lincoln, Nebraska, was charged today for his role in a scheme to defraud shareholders."
    )
    assert not any(n == "Chief Executive Officer" for n, _ in _pairs(nlp, text, "2014-09-11"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline the tagger takes for a body does not stop an unnamed lede's look-ahead
        ("WASHINGTON A resident of Elmore, Ala., was sentenced to 60 months in prison for "
         "stealing identities, the Justice Department announced today. On Feb. 22, 2011, after "
         "a four-day trial, a jury in Montgomery, Ala., convicted Sharon Thurman of 14 counts "
         "of making false claims.",
         {("Sharon Thurman", "sentenced"), ("Sharon Thurman", "convicted")}),
        # "convicted defendant <Name>" is the verb and its object
        ("A federal jury in Valdosta, Ga., convicted defendant Walter Young, 54, the former chief "
         "of the Omega Police Department, for physically abusing a man in his custody.",
         {("Walter Young", "convicted")}),
        ("A federal jury returned a verdict today convicting Shahid Hassan Muslim, aka Sharp, of "
         "two counts of sex trafficking and one count of kidnapping.",
         {("Shahid Hassan Muslim", "convicted")}),
        ("Weldon Marshall, 43, of the Dallas, Texas area, entered a plea today of guilty to one "
         "count of unlawfully retaining national defense information.",
         {("Weldon Marshall", "pleaded_guilty")}),
        # a prosecutor filing charges against a tally of people names no defendant
        ("Dennis Jay, executive director of the coalition, praised the award. As head of the "
         "unit, she filed charges against over 22 doctors, pharmacists, and business owners.",
         set()),
    ],
)  # fmt: skip
def test_verdicts_pleas_and_ledes_found_by_titles(nlp, text: str, expected: set):
    assert _pairs(nlp, text, "2011-09-01") == expected
