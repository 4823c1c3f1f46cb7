"""Decision dates of outcome triggers (GUIDE: dates tied to the release day)."""

from __future__ import annotations

import re

import pytest

from casewire.extract.outcome_dates import decision_date, subordinate
from tests.unit._triggers import trigger_at

PUB = "2024-10-17"  # a Thursday


def _date(nlp, text: str, trigger: str, published: str = PUB) -> str | None:
    return decision_date(*trigger_at(nlp, text, trigger), published)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("John Smith was sentenced today to 10 years in prison.", "sentenced", PUB),
        ("John Smith was convicted on Tuesday of murder.", "convicted", "2024-10-15"),
        ("John Smith has been convicted of wire fraud.", "convicted", PUB),
        ("Two men have been indicted on drug charges.", "indicted", PUB),
        ("A jury found John Smith guilty of murder.", "found", None),
        ("John Smith was sentenced to 10 years in prison.", "sentenced", None),
        ("John Smith pleaded guilty in March 2016 to fraud.", "pleaded", "2016-03"),
        ("John Smith was sentenced on Oct. 3, 2024, to life in prison.", "sentenced", "2024-10-03"),
        # scraping damage: no space after the month's period, no apostrophe in "today's"
        ("On Aug.26, 2009, John Smith was convicted of fraud.", "convicted", "2009-08-26"),
        ("At todays hearing, John Smith was sentenced to 10 years.", "sentenced", PUB),
        # a date of another sentence joined by the parser does not count
        (
            "Jury selection resumed June 1. A Dallas County jury found King guilty of assault.",
            "found",
            None,
        ),
        # dates of birth and fact years are no decision dates
        ("Proctor (dob 5/19/65) was indicted by the grand jury.", "indicted", None),
        ("A mother has been sentenced to 40 years for abuse beginning in 2019.", "sentenced", PUB),
    ],
)
def test_decision_date(nlp, text: str, trigger: str, expected: str | None) -> None:
    assert _date(nlp, text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was sentenced today after being convicted", True),
        ("He was sentenced following his conviction", True),
        ("He was convicted", False),
    ],
)
def test_subordinate(text: str, expected: bool) -> None:
    start = re.search(r"convict\w*$", text)
    assert start is not None
    assert subordinate(text, start.start()) is expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a dateline is no decision date
        ("June 11, 2021 Contact: Jane Roe / Doctor Charged in Cold Case", "Charged", None),
        # a date in a relative clause after the trigger belongs to that clause
        ("John Smith was convicted of murder for the death of Ann Lee, who was shot on Jan. 28, 2019.",
         "convicted", None),
        # a date coordinated with another outcome is that outcome's
        ("Smith pleaded guilty to the murder on Jan. 8, 2010, and was sentenced to 15 years to life.",
         "sentenced", None),
        ("Smith pleaded guilty to the murder on Jan. 8, 2010, and was sentenced to 15 years to life.",
         "pleaded", "2010-01-08"),
        # the trigger in a relative clause: the main clause's date is not its date
        ("A judge dismissed the case today against John Smith who was charged with murder.",
         "charged", None),
        # an unnamed lead tells the date of the outcome a later sentence names
        ("A 36-year-old man was sentenced on Friday to 85 years in prison. "
         "A jury found King guilty, and Judge Ernest White sentenced King.", "sentenced King", "2024-10-11"),
        # but not for an earlier outcome
        ("A man was sentenced today to 5 years in prison. Jones had been sentenced to 3 years.",
         "sentenced to 3", None),
        # "the same day": the last date before it
        ("Smith was charged on June 25, 2014. Smith pleaded guilty before Judge Jose A. Fuste the same day.",
         "pleaded", "2014-06-25"),
    ],
)  # fmt: skip
def test_decision_date_conventions(nlp, text: str, trigger: str, expected: str | None) -> None:
    assert _date(nlp, text, trigger) == expected


def test_subordinate_tolerates_the_space_before_the_trigger() -> None:
    assert subordinate("sentenced today after being convicted", len("sentenced today after being"))


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # an earlier outcome retold in the present perfect is not the release's news
        ("His daughter and a co-defendant have already pleaded guilty.", "pleaded", None),
        # the date of the offence the sentence is for
        ("Omar Haddad, 30, was sentenced to life in prison for his planting of bombs in "
         "Chicago on Sept. 17, 2016.", "sentenced", None),
        # the date of a coordinated outcome that has words of its own
        ("A co-defendant, Lee Park, 18, was convicted of the same charges by another jury and "
         "was sentenced to 15 years in prison on February 13, 2018.", "convicted", None),
        ("A co-defendant, Lee Park, 18, was convicted of the same charges by another jury and "
         "was sentenced to 15 years in prison on February 13, 2018.", "sentenced", "2018-02-13"),
        ("Tom Reyes was convicted of murder by a jury on Monday and sentenced by a judge in "
         "the shooting.", "convicted", "2024-10-14"),
        ("Tom Reyes was convicted of murder by a jury on Monday and sentenced by a judge in "
         "the shooting.", "sentenced", None),
        # a fronted date governs both outcomes
        ("On March 5, 1998, he was convicted of capital murder and sentenced to life in prison.",
         "sentenced", "1998-03-05"),
        # a nominal trigger has the date of its own phrase, not of the clause it sits in
        ("According to records filed in connection with their guilty pleas, on January 24, 2010, "
         "the guards were on duty when an inmate escaped.", "pleas", None),
        ("Smith entered a guilty plea on May 3, 2024, to one count of fraud.", "plea", "2024-05-03"),
    ],
)  # fmt: skip
def test_dates_of_other_clauses(nlp, text: str, trigger: str, expected: str | None) -> None:
    assert _date(nlp, text, trigger) == expected


def test_reporting_tag_date_yields_to_a_written_one(nlp) -> None:
    from casewire.extract.outcome_dates import dated

    text = "A Houston woman was sentenced to life in prison for the killing, Ogg announced Tuesday."
    doc = nlp(text)
    sent = next(iter(doc.sents))
    m = re.search("sentenced", text)
    tok = next(t for t in sent if t.idx == m.start())
    assert dated(sent, m.span(), tok, PUB) == ("2024-10-15", "announced")


def test_a_co_defendant_borrows_no_lead_date(nlp) -> None:
    text = ("A gang member was sentenced today to death for the killings. Co-defendant Ray Moss, "
            "45, who testified at trial, pleaded guilty March 19, 2009, to one count of accessory "
            "after the fact and was sentenced to one year in jail.")  # fmt: skip
    assert _date(nlp, text, "sentenced to one") is None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a date written before the noun of the offence dates the offence
        (
            "In addition, Brown and Fisher were sentenced for their roles in a Nov. 6, 2015 "
            "attempted murder.",
            "sentenced",
            None,
        ),
        (
            "John Vega has been indicted by the grand jury in connection with the January 12, "
            "2019 attack inside the jail.",
            "indicted",
            PUB,
        ),
        # ... a noun of the proceedings keeps its date
        (
            "John Diallo was one of 13 people charged in a May 19, 2009, indictment.",
            "charged",
            "2009-05-19",
        ),
        # ... and a time of day is the date's own
        ("John Smith was sentenced Tuesday afternoon to 10 years.", "sentenced", "2024-10-15"),
    ],
)
def test_date_before_an_offence_noun(nlp, text: str, trigger: str, expected: str | None) -> None:
    assert _date(nlp, text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the page's own date line under a headline is no outcome's date
        ("Houston Man Sentenced to 60 Years\n\nOctober 17, 2024\n\nA man was sentenced "
         "to 60 years this week.", "Sentenced", None),
        # an earlier outcome told as the circumstance of today's
        ("Jane Roe was sentenced late Monday after a county jury convicted her of murder.",
         "convicted", None),
        ("The court today dismissed an indictment charging John Doe with fraud.",
         "charging", None),
        ("Today the board denied parole to convicted rapist John Doe, 68.",
         "convicted", None),
        # the offence's day, whichever verb the gerund hangs from
        ("Jane Roe pleaded guilty to murder and was sentenced to 30 years for killing her "
         "neighbour at her home on Willow Drive on August 16, 2021.", "pleaded", None),
        ("John Doe is charged with attempted murder for a crime committed in Riverside on "
         "Sept. 9, 2014.", "charged", PUB),
        # an indictment's own day is the charging's
        ("An indictment charging John Doe, 38, with murder was returned by the grand jury "
         "on Dec. 14, 2017.", "charging", "2017-12-14"),
        ("John Doe was charged in a superseding indictment returned on Aug. 20, 2024.",
         "charged", "2024-08-20"),
    ],
)  # fmt: skip
def test_dates_of_other_events_and_page_lines(nlp, text: str, trigger: str, expected) -> None:
    assert _date(nlp, text, trigger) == expected


def test_today_of_the_telling_yields_to_a_written_one(nlp) -> None:
    from casewire.extract.outcome_dates import dated

    doc = nlp(
        "District Attorney Jane Roe today announced that a Brooklyn man was convicted of assault."
    )
    sent = next(iter(doc.sents))
    m = sent.text.index("convicted")
    tok = next(t for t in sent if t.idx - sent.start_char == m)
    assert dated(sent, (m, m + 9), tok, PUB) == (PUB, "announced")


def test_own_date_of_a_nominal_trigger() -> None:
    from casewire.extract.outcome_dates import own_date

    assert own_date(" to first-degree manslaughter on April 17, 2024.", PUB) == "2024-04-17"
    assert own_date(" - DA NewsCenter announced today that", PUB) is None
    assert own_date(", on January 24, 2010, defendants were on duty", PUB) is None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # month and year dates are kept at their precision (paraphrased corpus sentences)
        ("Ronald Pike was sentenced last March to 20 years in federal prison.", "sentenced",
         "2024-03"),
        ("Ronald Pike was convicted in December 2009 of accepting bribes.", "convicted",
         "2009-12"),
        ("Ronald Pike was sentenced in 2019 to life in prison.", "sentenced", "2019"),
        ("In late 2018, Ronald Pike was convicted of murder.", "convicted", "2018"),
        ("Ronald Pike pleaded guilty earlier this year to wire fraud.", "pleaded", "2024"),
        ("Ronald Pike pleaded guilty in June to wire fraud and was sentenced today to five "
         "years.", "pleaded", "2024-06"),
        # ... never the offence's, whatever its precision
        ("Ronald Pike was sentenced today for a 2009 robbery.", "sentenced", PUB),
        ("Ronald Pike was sentenced to 10 years for a robbery committed in March 2015.",
         "sentenced", None),
        ("Ronald Pike was charged with killing his neighbor in May 2021.", "charged", None),
        ("Ronald Pike was sentenced on Oct. 3, 2024, for crimes he committed in 2019.",
         "sentenced", "2024-10-03"),
        ("Ronald Pike, who was born in 1975, was convicted of murder.", "convicted", None),
        # a year after the charge's own phrase may be the offence's; the present tense
        # tells the release day
        ("Donna Prentice, 57, has been charged with the murder of her daughter, Michelle, "
         "in 1969.", "charged", PUB),
        ("Donna Prentice was charged with the murder of her daughter, Michelle, in 1969.",
         "charged", None),
        # a year inside a relative clause before the trigger; a date of a stretch of time
        ("A Houston man who jumped bail before his trial in 2021 and was rearrested pleaded "
         "guilty to murder this week.", "pleaded", None),
        ("Prosecutors have indicted 115 cases since the inception of strike force operations "
         "in March 2007.", "indicted", PUB),
        # ... but past a comma the stretch has ended: the telling's day is the outcome's
        ("A fish wholesaler and two employees were charged for buying striped bass from 1995 "
         "through 2007, the Justice Department announced today.", "charged", PUB),
        # a date of an earlier outcome told as the circumstance is that outcome's
        ("A Brooklyn man has been sentenced to 21 years in prison following his conviction "
         "last month on assault charges.", "sentenced", PUB),
        ("He was sentenced on May 3 following his conviction in March.", "sentenced",
         "2024-05-03"),
        ("He was sentenced today following his guilty plea in March to wire fraud.",
         "sentenced", PUB),
        # a finer date wins over a year written nearer
        ("Ronald Pike pleaded guilty in June to wire fraud and was sentenced today to five "
         "years.", "sentenced", PUB),
    ],
)  # fmt: skip
def test_month_and_year_precision(nlp, text: str, trigger: str, expected: str | None) -> None:
    assert _date(nlp, text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "published", "expected"),
    [
        # a day in a gerund of joining a scheme is the plea's, not the offence's
        ("Krzysztof Koczon pleaded guilty to participating in that same tax fraud conspiracy "
         "on April 2, 2009.", "pleaded", "2009-04-08", "2009-04-02"),
        ("John Doe pleaded guilty to conspiring with others and engaging in a scheme on "
         "Aug. 15, 2012.", "pleaded", "2012-09-01", "2012-08-15"),
        # a date after another outcome's own clause ("and was sentenced on") is that
        # outcome's, however the parser attaches the clause
        ("Carl Oria, who was the chief engineer between January and March 2008 pleaded guilty "
         "to maintaining an oil record book that concealed the discharge of waste from the "
         "bilges and was sentenced on May 6, 2009 to serve one month in prison.", "pleaded",
         "2009-07-27", None),
        ("Carl Oria, who was the chief engineer between January and March 2008 pleaded guilty "
         "to maintaining an oil record book that concealed the discharge of waste from the "
         "bilges and was sentenced on May 6, 2009 to serve one month in prison.", "sentenced",
         "2009-07-27", "2009-05-06"),
        # ... while "convicted and sentenced on" (no clause of its own) shares it
        ("John Smith was convicted and sentenced on May 6, 2009 to five years.", "convicted",
         "2009-07-27", "2009-05-06"),
        # "last month" is the month before publication, even late in the month
        ("The defendant was convicted of second-degree murder, last month, following a jury "
         "trial.", "convicted", "2017-08-30", "2017-07"),
    ],
)  # fmt: skip
def test_dates_of_schemes_and_later_conjuncts(
    nlp, text: str, trigger: str, published: str, expected: str | None
) -> None:
    assert _date(nlp, text, trigger, published) == expected


def test_a_lead_retelling_an_old_outcome_lends_no_date(nlp) -> None:
    # the lead's noun carries its own year ("a 1982 conviction"): its date of telling
    # ("announced Tuesday") is not the date of a past-tense restatement
    text = ("County DA recommends 1982 conviction be overturned because prosecutors hid "
            "evidence\nThe District Attorney's Office is recommending a 1982 conviction be "
            "overturned, District Attorney John Creuzot announced Tuesday.\nMallory Nicholson, "
            "74, was convicted in September 1982 of burglary. In 1982, the standard was "
            "eyewitness testimony. Nicholson was convicted solely based on such testimony.")  # fmt: skip
    assert _date(nlp, text, "convicted in", "2021-05-25") == "1982-09"
    assert _date(nlp, text, "convicted solely", "2021-05-25") is None


def test_a_lead_dated_today_still_lends_its_day(nlp) -> None:
    # "today" right before the lead's verb is the lead's own day, not a noun's year
    text = ("LOS ANGELES — A jury today found Clifford Roe guilty on all counts for a 2024 "
            "shooting spree downtown. The jury convicted Roe of two counts of first-degree "
            "murder.")  # fmt: skip
    assert _date(nlp, text, "convicted", "2026-06-03") == "2026-06-03"


# Dates that split one decision into several (issue 19: the case-level table holds each
# case x outcome x decision once). Texts from the corpus, names kept as the release writes
# them.
@pytest.mark.parametrize(
    ("text", "trigger", "published", "expected"),
    [
        # a date opening the clause dates every outcome coordinated after it, comma or not
        ("On Dec. 16, 2008, Sharp Corp. pleaded guilty to three separate conspiracies to fix "
         "the prices of TFT-LCD panels sold to Dell Inc., Apple Computer Inc., and Motorola "
         "Inc., and was sentenced to pay a $120 million criminal fine.", "sentenced",
         "2009-02-03", "2008-12-16"),
        ("On Dec. 16, 2008, Sharp Corp. pleaded guilty to three separate conspiracies to fix "
         "the prices of TFT-LCD panels sold to Dell Inc., Apple Computer Inc., and Motorola "
         "Inc., and was sentenced to pay a $120 million criminal fine.", "pleaded",
         "2009-02-03", "2008-12-16"),
        # ... but not a date written after the first outcome ("pleaded guilty on Jan. 8,
        # 2010, and was sentenced"): that one is the plea's
        ("John Doe pleaded guilty on Jan. 8, 2010, and was sentenced to 10 years in prison.",
         "sentenced", "2010-06-01", None),
        # the day a sentencing is scheduled for is nobody's decision
        ("A co-defendant, Malik Peters, 19, was convicted of the same charges by a different "
         "jury and is scheduled to be sentenced on February 27, 2018.", "convicted",
         "2018-02-13", None),
        ("Laterrica Woods also pleaded guilty to a civil rights conspiracy and is scheduled to "
         "be sentenced in March 2009.", "pleaded", "2009-02-05", None),
    ],
)  # fmt: skip
def test_dates_of_coordinated_and_scheduled_outcomes(
    nlp, text: str, trigger: str, published: str, expected: str | None
) -> None:
    assert _date(nlp, text, trigger, published) == expected
