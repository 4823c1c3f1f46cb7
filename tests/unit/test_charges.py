"""Charge phrases and categories."""

from __future__ import annotations

import pytest

from casewire.extract.charges import CATEGORIES, categorize, find_charges


@pytest.mark.parametrize(
    ("phrase", "category"),
    [
        ("conspiracy to distribute cocaine", "drug trafficking"),
        ("murder conspiracy", "homicide"),
        ("second-degree grand larceny", "fraud/theft"),
        ("receiving child pornography", "child exploitation"),
        ("tax evasion", "tax"),
        ("bribery", "bribery/corruption"),
        ("second-degree assault", "assault/violent"),
        ("felon in possession of a weapon", "firearms"),
    ],
)
def test_category(phrase: str, category: str) -> None:
    assert categorize(phrase) == category and category in CATEGORIES


@pytest.mark.parametrize(
    ("sentence", "charges"),
    [
        ("They are charged with second-degree grand larceny, first-degree scheme to defraud and fourth-degree conspiracy.",
         ["second-degree grand larceny", "first-degree scheme to defraud", "fourth-degree conspiracy"]),
        ("following his conviction in Brooklyn on drug trafficking and murder conspiracy charges.",
         ["drug trafficking", "murder conspiracy"]),
        ("A jury convicted Garcia Luna on five counts , including conspiracy to distribute cocaine.",
         ["conspiracy to distribute cocaine"]),
    ],
)  # fmt: skip
def test_charge_phrases(sentence: str, charges: list[str]) -> None:
    assert [c.text for c in find_charges(sentence)] == charges


def test_statute_is_read() -> None:
    (c,) = find_charges("He pleaded guilty to receiving child pornography, 18 U.S.C. § 2252.")
    assert c.statute == "18 U.S.C. § 2252"


@pytest.mark.parametrize(
    ("sentence", "charges"),
    [
        # lead-in with words between verb and "of"/"with"
        ("David Harlow was found guilty at trial on March 21, 2012, of racketeering aggravated assault.",
         ["racketeering aggravated assault"]),
        ("A Tampa federal grand jury has charged a Florida man with criminal contempt of a federal court order "
         "in connection with the operation of a business.", ["criminal contempt of a federal court order"]),
        ("He was charged in a one-count information with making a false statement.", ["making a false statement"]),
        # uncategorized offenses are kept; stops at "carries", dates, "for his role", facts
        ("The indictment charges Eugenio Pedraza, 49, with six counts of falsification of records in federal "
         "investigations and one count of conspiracy.",
         ["falsification of records in federal investigations", "conspiracy"]),
        ("Yeh is charged with violating the Sherman Act, which carries a maximum penalty of 10 years.",
         ["violating the Sherman Act"]),
        ("Peake was convicted of price fixing in violation of the Sherman Act.", ["price fixing"]),
        ("He was convicted of capital murder in\nOctober and sentenced to death.", ["capital murder"]),
        ("She pleaded guilty to production of child pornography related to surreptitiously videotaping boys.",
         ["production of child pornography"]),
        ("Smith was charged with two counts of tax evasion relative to tax years 2002 and 2003.", ["tax evasion"]),
        # two categories joined by "and" are two charges
        ("Jorge Fernandez-Aviles pleaded guilty to robbery and firearms charges.", ["robbery", "firearms charges"]),
        ("He is charged with two-counts of second-degree murder and first-degree kidnapping.",
         ["second-degree murder", "first-degree kidnapping"]),
        # a not-guilty plea still names the case's charge ("taking part in" is no charge)
        ("Garcia Luna, 54, had pleaded guilty to taking part in a continuing criminal enterprise but faces "
         "a minimum sentence of 10 years.", ["continuing criminal enterprise"]),
        # background and fact descriptions are no charges
        ("Garcia Luna is one of the most senior Mexican officials ever convicted of ties to a drug cartel.", []),
        ("He has been convicted in the US of taking millions of dollars in bribes from the cartel.", []),
        ("At that time, Pedraza was the special agent in charge of the McAllen Field Office.", []),
        ("Jeffrey Duane Noble pleaded guilty to shooting John Sciandra on Dec. 5.", []),
        ("The defendant is formally charged with an offense.", []),
    ],
)  # fmt: skip
def test_charge_boundaries(sentence: str, charges: list[str]) -> None:
    assert [c.text for c in find_charges(sentence)] == charges


@pytest.mark.parametrize(
    ("phrase", "category"),
    [
        ("conspiracies to rig bids", "bribery/corruption"),
        ("bid-rigging conspiracy", "bribery/corruption"),
        ("criminal contempt of a federal court order", "other"),
        ("robbery", "fraud/theft"),
    ],
)
def test_more_categories(phrase: str, category: str) -> None:
    assert categorize(phrase) == category
