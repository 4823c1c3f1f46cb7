"""Classes found in session 15 on corpus releases whose title announces an outcome the
release had no row for: arrests told with words between "arrested" and the charges, and
civil matters told without the words the older rules wait for."""

from __future__ import annotations

import pytest

from tests.unit.test_outcomes_session14 import _pairs


def test_no_charges_filed_is_no_charge(nlp):
    text = "No charges were filed against Joan Smith and her bail was exonerated."
    assert ("Joan Smith", "charged") not in _pairs(nlp, text)


def test_an_arrest_on_unrelated_charges_is_no_charge_of_this_case(nlp):
    text = (
        "In February 2009, Ron Shawkey was arrested in Virginia on unrelated theft charges. "
        "Ron Shawkey was convicted today of murder."
    )
    assert ("Ron Shawkey", "charged") not in _pairs(nlp, text)


@pytest.mark.parametrize(
    ("text", "who", "kind"),
    [
        (
            "Gordon Chavez, 35, a probation officer with the New Mexico Corrections Department "
            "of Probation and Parole, was arrested today in Albuquerque, N.M., on charges "
            "related to the sexual assault of a probationer whom he supervised.",
            "Gordon Chavez",
            "charged",
        ),
        (
            "Angel M. Mirabal, 61, of Miami, was arrested on a previously sealed indictment "
            "returned by a grand jury in the Southern District of Florida.",
            "Angel M. Mirabal",
            "charged",
        ),
        (
            "The Department of Justice filed a civil lawsuit today in Memphis federal court to "
            "stop Grady Smith, who does business as One Price Refunds, from preparing federal "
            "tax returns.",
            "Grady Smith",
            "other",
        ),
        (
            "WASHINGTON JPMorgan Chase & Co. has entered into an agreement with the Department "
            "of Justice to resolve the company's role in anticompetitive activity.",
            "JPMorgan Chase & Co.",
            "other",
        ),
        (
            "The Department of Justice and the Department of Education reached agreement with "
            "the Boston Public Schools and its superintendent today to ensure that students "
            "receive services.",
            "Boston Public Schools",
            "other",
        ),
        (
            "Pharmaceutical manufacturer Teva Pharmaceuticals USA Inc. and a subsidiary, IVAX "
            "LLC, have agreed to pay the government and the state of Illinois $27.6 million for "
            "allegedly violating the False Claims Act.",
            "Teva Pharmaceuticals USA Inc.",
            "other",
        ),
        (
            "The United States has asked a federal court in Chicago to permanently bar John E. "
            "Rogers, a Chicago tax lawyer, from promoting tax shelters.",
            "John E. Rogers",
            "other",
        ),
        (
            "The Justice Department today filed a civil complaint in the U.S. District Court "
            "for the District of Columbia against Richard Retta for violating the Freedom of "
            "Access to Clinic Entrances Act.",
            "Richard Retta",
            "other",
        ),
        (
            "WASHINGTON The Justice Department today announced that it had reached a settlement "
            "resolving allegations that Empirian Property Management Inc. refused to terminate "
            "residential leases.",
            "Empirian Property Management Inc.",
            "other",
        ),
        (
            "Plaza Home Mortgage Inc. (Plaza) of San Diego will pay $3 million to aggrieved "
            "borrowers as part of a settlement to resolve allegations that it engaged in a pattern or "
            "practice of discrimination.",
            "Plaza Home Mortgage Inc.",
            "other",
        ),
        (
            "The United States has asked a federal court in Los Angeles to bar Elton L. Barnes "
            "Jr. from preparing tax returns for others, the Justice Department announced today.",
            "Elton L. Barnes Jr.",
            "other",
        ),
        (
            "WASHINGTON The United States has sued Judy Grace Sellers to bar her from promoting "
            "an alleged scheme involving fraudulent tax refund claims.",
            "Judy Grace Sellers",
            "other",
        ),
        (
            "The United States has sued a Chicago tax return preparer to bar her from preparing "
            "federal tax returns for others, the Justice Department announced today. The "
            "complaint alleges that Maria Lopez prepared false returns.",
            "Maria Lopez",
            "other",
        ),
        (
            "The United States has asked a federal court to permanently bar a Utah man from "
            "promoting an alleged false church-based tax fraud scheme, the Justice Department "
            "announced today. The complaint alleges that Kevin Hamblin, 52, sold the scheme.",
            "Kevin Hamblin",
            "other",
        ),
        (
            "A federal grand jury sitting in Flint, Michigan, has returned an indictment, which "
            "was unsealed yesterday, charging a Michigan business owner with filing a false tax "
            "return. According to the indictment, Sarah Vidican owned and operated a marketing "
            "company.",
            "Sarah Vidican",
            "charged",
        ),
        (
            "Charges were unsealed today against Edward Lato, 64, aka Eddy; Alfred Scivola, 70, "
            "aka Chippy; and Albino Folcarelli, 67.",
            "Alfred Scivola",
            "charged",
        ),
    ],
)
def test_outcomes_told_in_words_the_older_rules_missed(nlp, text, who, kind):
    assert (who, kind) in _pairs(nlp, text)


def test_a_roster_one_per_line_with_roles_after_a_sentence_naming_victims(nlp) -> None:
    """Session 16: the roster cue's own sentence decides whether it lists defendants (a
    sentence before it may speak of victims), a roster line may end with the person's
    role, and a title ending the line above is that line's person's."""
    text = (
        "Scheme Victimized More Than 1,000 Individuals throughout the United States\n"
        "The Justice Department announced today the unsealing of an indictment charging "
        "seven individuals in connection with a vending machine business opportunity that "
        "defrauded thousands of victims across the country. The indictment was returned by "
        "a federal grand jury in New York City. The following individuals were named as "
        "defendants in the indictment:\n-\n"
        "Kenneth Levin, 68, of New York City, Founder and President\n-\n"
        "Taylor Levin, 33, of New York City, Manager and Sales Representative\n-\n"
        "Sears Hobbs, 51, of New York City, Sales Representative\n-\n"
        "James Conley, 58, of Brooklyn, New York, Sales Representative\n"
        "Each of the defendants is charged with conspiracy to commit mail and wire fraud.\n"
    )
    charged = {d for d, t in _session16_rows(nlp, text, "2015-03-04") if t == "charged"}
    assert charged == {"Kenneth Levin", "Taylor Levin", "Sears Hobbs", "James Conley"}


def test_a_roster_after_the_following_defendants_with_quoted_aliases(nlp) -> None:
    """Session 16: "charges the following defendants with <charges>:" opens a roster
    however long the charge, items may carry quoted aliases and end with ";" before a
    new line, a one-word item is read past, and the sentence's own "the following
    defendants" are the roster's people, not a group named before."""
    text = (
        "A federal grand jury has indicted alleged members of the Latin Kings. "
        "The indictment alleges that Miguel Cruz and Erick Roman established the tribe.\n"
        "The indictment charges the following defendants with conspiracy to participate in "
        "the racketeering activities of the Latin Kings:\n"
        'Erick Roman, a/k/a "Erick Javier Sierra," "Malian-T," and "King Malian-T," age 33;\n'
        "Broughton, 25, aka Kblacka;\n"
        'Matthew Aguilar, a/k/a "Mateo" and "King Mateo," age 24;\n'
        "Joseph Deleon, 28, aka Spirit; and\n"
        "Andres Echevarria, 22, aka B-Boy.\n"
    )
    charged = {d for d, t in _session16_rows(nlp, text, "2010-05-06") if t == "charged"}
    assert {"Erick Roman", "Matthew Aguilar", "Joseph Deleon", "Andres Echevarria"} <= charged


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "WASHINGTON - The United States today sued Lincoln Fabrics Ltd., a Canadian "
            "company, under the False Claims Act.",
            "Lincoln Fabrics Ltd.",
        ),
        (
            "The United States today announced that it has settled False Claims Act "
            "allegations against FORBA Holdings LLC, a dental management company.",
            "FORBA Holdings LLC",
        ),
        (
            "The Justice Department announced today that it has sued two Dallas tax return "
            "preparers, seeking to bar them from preparing federal tax returns for others. "
            "The civil injunction suit alleges that Ricardo Solomon and Leslie Mosley, who "
            "operate a business called Trini Tax, claim false deductions.",
            "Leslie Mosley",
        ),
        (
            "The U.S. District Court for the District of New Jersey entered a consent decree "
            "of permanent injunction against Acino Products LLC, of Hamilton, New Jersey, to "
            "prevent the distribution of unapproved drugs, the Department of Justice "
            "announced today.",
            "Acino Products LLC",
        ),
    ],
)
def test_session16_civil_suits_and_settlements(nlp, text: str, party: str) -> None:
    assert (party, "other") in _session16_rows(nlp, text, "2012-06-01")


def test_session16_agreed_to_enter_into_a_consent_decree(nlp) -> None:
    text = (
        "Michaels Stores Inc. and Michaels Stores Procurement Co. Inc. (Michaels) agreed to "
        "enter into a consent decree and pay $1.5 million, the Justice Department announced "
        "today."
    )
    assert ("Michaels Stores Inc.", "other") in _session16_rows(nlp, text, "2014-05-01")


def _session16_rows(nlp, text: str, published: str) -> set[tuple[str, str]]:
    """(defendant, outcome type) of every outcome the whole extractor reads in ``text``."""
    from casewire.extract import extract_document
    from casewire.records import Document

    document = Document("doc-t", "s", "p", None, published, "text", None, "en", text, "x")
    return {(o.defendant, o.outcome_type) for o in extract_document(nlp(text), document).outcomes}
