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
        ("robbery", "assault/violent"),  # a crime of violence (issue 16, class 8)
    ],
)
def test_more_categories(phrase: str, category: str) -> None:
    assert categorize(phrase) == category


@pytest.mark.parametrize(
    ("phrase", "category"),
    [
        ("assault with a deadly weapon", "assault/violent"),
        ("possession of an assault weapon", "firearms"),
        ("forced oral copulation on a child", "sexual offense"),
        ("pimping a minor", "sexual offense"),
        ("unlawful taking of a vehicle", "fraud/theft"),
        ("second-degree criminal possession of a forged instrument", "fraud/theft"),
        ("false imprisonment", "assault/violent"),
        ("conspiracy to violate the FCPA", "bribery/corruption"),
        ("structuring cash transactions", "money laundering"),
        ("conspiracy to commit human smuggling for financial gain", "immigration"),
        ("violating the rights of an inmate", "civil rights"),
        ("driving without a valid license", "DUI/vehicular"),
        ("endangering the welfare of a child", "child exploitation"),
    ],
)
def test_categories_not_other(phrase: str, category: str) -> None:
    assert categorize(phrase) == category


@pytest.mark.parametrize(
    ("sentence", "charges"),
    [
        # a federal court name between the verb and "to"
        ("A business owner pleaded guilty today in U.S. District Court for the Western District of Virginia "
         "to filing a fraudulent tax return, announced the Tax Division.", ["filing a fraudulent tax return"]),
        # one statutory duty, not a list
        ("He was convicted of failing to collect, account for and pay over employment taxes following a trial.",
         ["failing to collect, account for and pay over employment taxes"]),
        ("The jury convicted Loyer of two counts of possession of a firearm by a felon, and one count each of "
         "grand theft of a firearm and grand theft auto in case 24CJCF02723.",
         ["possession of a firearm", "grand theft of a firearm", "grand theft auto"]),
        ("Taylor was charged with three felony counts of assault with a deadly weapon.",
         ["assault with a deadly weapon"]),
        ("He was convicted of burglary of a habitation with the intent to commit a sex offense.",
         ["burglary of a habitation with the intent to commit a sex offense"]),
        # a prior conviction ("had been convicted"), not a charge of this case
        ("Klemp had been convicted of rape in 1976 and 1981.", []),
        ("He also pleaded guilty to one count of false statements for lying to agents about the robbery and "
         "to a civil rights crime for an unrelated robbery.", ["false statements", "civil rights crime"]),
        ("The indictment also charged defendant Kanubhai Patel, who was the former owner of the motel, with "
         "benefitting financially from the sex trafficking conspiracy.",
         ["benefitting financially from the sex trafficking conspiracy"]),
        ("They each pleaded guilty to one count of conspiring to introduce misbranded and adulterated cheese "
         "products into interstate commerce and to commit money laundering before a judge.",
         ["conspiring to introduce misbranded and adulterated cheese products into interstate commerce and to "
          "commit money laundering"]),
        ("One count of aiding and abetting in a false statement relating to a health care matter.",
         ["aiding and abetting in a false statement relating to a health care matter"]),
        ("A jury handed down a guilty verdict for capital murder.", ["capital murder"]),
        # nothing but "for their roles in": the named offenses
        ("Three investors pleaded guilty today for their roles in bid-rigging and fraud conspiracies committed "
         "at public auctions.", ["bid-rigging", "fraud conspiracies committed"]),
        ("Eleven others have pleaded guilty for their roles in the scheme.", []),
        # headlines of other releases in the same run-on sentence give way to the real lead-in
        ("More News Man Charged with Murder Successfully Extradited to Houston Duo Charged with Child Sex Abuse "
         "News Releases Floyd Parrott, 64, has been charged with Capital Murder in connection to the killings.",
         ["Capital Murder"]),
        # cut-off fragments and fact gerunds are no charges
        ("He pleaded guilty to conspiring with corrupt police officers to commit a July 2012 robbery.", []),
        ("The conspirators were charged with using text messages to complete their transactions.", []),
    ],
)  # fmt: skip
def test_charge_lists(sentence: str, charges: list[str]) -> None:
    assert [c.text for c in find_charges(sentence)] == charges


@pytest.mark.parametrize(
    ("sentence", "statute"),
    [
        ("He pleaded guilty to distribution of methamphetamine, in violation of Title 21, U.S.C., Sec. 841(a)(1).",
         "Title 21, U.S.C., Sec. 841(a)(1)"),
        ("He pleaded guilty to wire fraud in violation of 18 U.S.C. 1343.", "18 U.S.C. 1343"),
        ("He was convicted of murder under PC 187.", "PC 187"),
    ],
)  # fmt: skip
def test_statute_forms(sentence: str, statute: str) -> None:
    assert find_charges(sentence)[0].statute == statute
