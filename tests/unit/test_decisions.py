"""Case-level outcomes: which reports are one decision, and how their values are
reconciled (``case_outcomes``)."""

from __future__ import annotations

import pytest

import schemas
from casewire.resolve.decisions import (
    agree,
    case_outcome_rows,
    decision_date,
    group_decisions,
    reconcile,
    release_day,
)

PUBLISHED = {"doc-1": "2019-12-11", "doc-2": "2019-12-12", "doc-3": "2020-06-01", "doc-4": None}


def _report(n: int, doc: str = "doc-1", date: str | None = None, **values) -> dict:
    row = {
        "outcome_id": f"out-{n:02d}",
        "case_id": "case-1",
        "doc_id": doc,
        "defendant_entity_id": "ent-1",
        "defendant_name": "Jane Doe",
        "outcome_type": "sentenced",
        "decision_date": date,
        "decision_date_source": "written" if date else None,
        "court": None,
        "start_char": n,
        "end_char": n + 5,
        "evidence": "xxxxx",
    }
    row |= {c: None for c in schemas.columns("case_outcomes") if c not in row}
    row |= {"life_sentence": False, "death_sentence": False, "custody_suspended": False}
    return row | values


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("2019-12-10", "2019-12-10", True),
        ("2019-12-10", "2019-12-11", False),
        ("2019-12", "2019-12-10", True),
        ("2019", "2020-01-05", False),
        (None, "2019-12-10", True),
    ],
)
def test_dates_agree_on_their_common_precision(a, b, same) -> None:
    assert agree(a, b) is same


def _ids(groups: list[list[dict]]) -> list[list[str]]:
    return [[r["outcome_id"] for r in g] for g in groups]


def test_four_reports_of_one_sentencing_are_one_decision() -> None:
    reports = [
        _report(1, "doc-1", "2019-12-10"),
        _report(2, "doc-2", "2019-12-10"),
        _report(3, "doc-3", None),
        _report(4, "doc-2", "2019-12"),
    ]
    assert _ids(group_decisions(reports, PUBLISHED)) == [["out-01", "out-02", "out-04", "out-03"]]


def test_two_days_apart_are_two_decisions_and_a_month_between_them_stays_apart() -> None:
    reports = [
        _report(1, "doc-1", "2019-12-10"),
        _report(2, "doc-2", "2019-12-14"),
        _report(3, "doc-2", "2019-12"),
    ]
    assert sorted(_ids(group_decisions(reports, PUBLISHED))) == [
        ["out-01"], ["out-02"], ["out-03"],
    ]  # fmt: skip


def test_undated_report_joins_the_latest_decision_before_its_publication() -> None:
    reports = [
        _report(1, "doc-1", "2019-12-10"),
        _report(2, "doc-3", "2020-05-20"),  # a resentencing
        _report(3, "doc-2", None),  # published 2019-12-12: the first sentencing
        _report(4, "doc-4", None),  # no publication date: undated decision of its own
    ]
    assert _ids(group_decisions(reports, PUBLISHED)) == [
        ["out-01", "out-03"], ["out-02"], ["out-04"],
    ]  # fmt: skip


def test_conflicting_values_are_flagged_and_never_averaged() -> None:
    group = [
        _report(1, sentence_min_months=120, sentence_max_months=120, fine_usd=1000.0),
        _report(2, sentence_min_months=120, sentence_max_months=120),
        _report(3, sentence_min_months=60, sentence_max_months=60, fine_usd=1000.0),
    ]
    values, conflicts = reconcile(group)
    assert (values["sentence_min_months"], values["sentence_max_months"]) == (120, 120)
    assert values["fine_usd"] == 1000.0
    assert conflicts == ["sentence_max_months", "sentence_min_months"]


def test_a_tie_goes_to_the_earliest_report_and_flags_are_any() -> None:
    group = [_report(1, counts=3), _report(2, counts=4, life_sentence=True)]
    values, conflicts = reconcile(group)
    assert values["counts"] == 3 and conflicts == ["counts"]
    assert values["life_sentence"] is True


def test_case_rows_link_reports_and_take_the_case_charges_when_theirs_are_none() -> None:
    outcomes = [
        _report(1, "doc-1", "2019-12-10", sentence_min_months=30, sentence_max_months=30),
        _report(2, "doc-2", None),
        _report(3, "doc-1", "2019-06-01", outcome_type="pleaded_guilty"),
    ]
    charges = [
        {"outcome_id": "out-03", "case_id": "case-1", "category": "fraud/theft"},
        {"outcome_id": "out-03", "case_id": "case-1", "category": "bribery/corruption"},
    ]
    rows = case_outcome_rows(outcomes, charges, PUBLISHED, {})
    assert [(r["outcome_type"], r["n_reports"], r["n_documents"]) for r in rows] == [
        ("pleaded_guilty", 1, 1),
        ("sentenced", 2, 2),
    ]
    assert (
        outcomes[0]["case_outcome_id"]
        == outcomes[1]["case_outcome_id"]
        == rows[1]["case_outcome_id"]
    )
    assert [r["charge_category"] for r in rows] == ["bribery/corruption"] * 2
    assert rows[1]["first_reported_date"] == "2019-12-11"
    assert set(rows[1]) == set(schemas.columns("case_outcomes"))


@pytest.mark.parametrize(
    ("categories", "expected"),
    [
        (["fraud/theft", "bribery/corruption", "money laundering"], "bribery/corruption"),
        (["tax", "homicide"], "homicide"),
        (["other"], "other"),
        ([], None),
    ],
)
def test_most_serious_charge_category(categories, expected) -> None:
    assert schemas.most_serious(categories) == expected


def test_severity_orders_every_charge_category_once() -> None:
    from schemas._common import CHARGE_CATEGORIES

    assert sorted(schemas.CHARGE_SEVERITY) == sorted(CHARGE_CATEGORIES)
    assert len(set(schemas.CHARGE_SEVERITY)) == len(CHARGE_CATEGORIES)


# Restated decisions (module rule 2): reports of a 2,000-document bench release, with
# their documents' publication days, decision dates, decision_date_source, offsets and
# evidence as it holds them (the sources as the extractor names them; two dates, Koczon's
# second and Nicholson's first, are release days an earlier extractor gave, since read
# from their sentences).
FISHERMEN = "Two fishermen, Joseph Peter Nelson Jr. of Great Mills, Md., and his father Joseph Peter Nelson of Avenue, Md., have been indicted in the District of Maryland and are awaiting trial."
TOLD = {
    "nelson": [  # one indictment, told with "have been indicted" by four releases
        ("doc-056d511fc802a14e", "2009-02-12", "2009-02-12", "release_day", 5538, "Two additional St. Marys County commercial fishermen, Joseph Peter Nelson and Joseph Peter Nelson Jr., have been indicted in the District of Maryland for conspiracy to violate the Lacey Act, and six substantive felony Lacey Act counts."),
        ("doc-2d6c5240ca8d2a21", "2009-04-22", "2009-04-22", "release_day", 4437, FISHERMEN),
        ("doc-35e7a402ec83af23", "2009-04-30", "2009-04-30", "release_day", 3490, FISHERMEN),
        ("doc-7d184d1b42a6dc27", "2009-05-28", "2009-05-28", "release_day", 3132, FISHERMEN),
    ],
    "koczon": [
        ("doc-de6ee5a0f4b85cc2", "2009-04-02", "2009-04-02", "lead", 0, "WASHINGTON A Trumbull, Conn., resident who was involved in operating three businesses in Brooklyn, N.Y., pleaded guilty to conspiring to defraud the Internal Revenue Service (IRS), the Department of Justice announced today."),
        ("doc-93c702d4a4edf0a3", "2009-04-08", "2009-04-08", "release_day", 2809, "Krzysztof Koczon pleaded guilty to participating in that same tax fraud conspiracy on April 2, 2009."),
    ],
    "nicholson": [
        ("doc-61f79d46b8eaae50", "2021-05-25", "2021-05-25", "release_day", 495, "Mallory Vernon Nicholson, 74, was convicted in September 1982 of burglary of a habitation and two counts of aggravated sexual abuse of a child."),
        ("doc-1e0349fa0aaa885f", "2022-06-02", "1982-09", "written", 701, "Mallory Vernon Nicholson, 75, was convicted in September 1982 of burglary of a habitation and two counts of aggravated sexual abuse of a child."),
    ],
    "jordan": [  # headlines: charged with assault, then with murder once the boy died
        ("doc-7e363b24bc36d992", "2016-12-09", "2016-12-09", "announced", 0, "Gravesend Man Arraigned on Indictment Charging Him with Assault of Three-Year-Old Boy - The Brooklyn District Attorney's Office"),
        ("doc-370eb9edfacad9bb", "2017-02-10", "2017-02-10", "announced", 0, "Gravesend Man Indicted for Murder of 3-Year-Old Boy - The Brooklyn District Attorney's Office"),
    ],
    "boyd": [
        ("doc-83a275e8c0ad8395", "2009-07-27", "2009-07-22", "written", 0, "Seven individuals have been charged with conspiring to provide material support to terrorists and conspiring to murder, kidnap, maim and injure persons abroad."),
        ("doc-acd8c16fd07810ca", "2009-09-24", "2009-09-24", "release_day", 373, 'First, the superseding indictment charges Daniel Patrick Boyd, aka "Saifullah," and Hysen Sherifi with conspiring to murder U.S. military personnel, in violation of Title 18, United States Code, Section 1117.'),
    ],
    "stanford": [  # an indictment returned on June 18 and unsealed on June 19
        ("doc-9e812b0f592b299d", "2009-06-19", "2009-06-18", "written", 0, "Robert Allen Stanford, 59, chairman of the Houston-based Stanford Financial Group (SFG), three SFG executives and the former chief executive officer of the Antiguan bank regulatory agency have been indicted on fraud and obstruction charges related to a $7 billion scheme to defraud investors."),
        ("doc-590e8576136fc264", "2009-08-27", "2009-06-18", "written", 3813, "In related cases, Robert Allen Stanford, chairman of SFG; Laura Pendergest-Holt, the chief investment officer of SFG; Gilberto Lopez, SFGs chief accounting officer; Mark Kuhrt SFGs global controller; and Leroy King, the administrator and chief executive officer of the FSRC, were indicted on June 18, 2009, on fraud and obstruction charges related to the scheme."),
        ("doc-a249e32e47fac5f7", "2009-09-10", "2009-06-19", "written", 3817, "In a related case, SFG corporate officers Robert Allen Stanford, Laura Pendergest-Holt, Gilberto Lopez and Mark Kuhrt, as well as Leroy King, a former Antiguan bank regulator, were each charged in an indictment unsealed on June 19, 2009, in the Southern District of Texas with conspiracy to commit mail, wire and securities fraud."),
    ],
    "correa": [  # a verdict, headlined by the next day's release
        ("doc-d967d9019187f854", "2015-11-13", "2015-11-13", "announced", 0, "Brooklyn Man Convicted Of Double Murder in East New York -"),
        ("doc-9532806777a64962", "2015-12-02", "2015-11-12", "written", 850, "He was convicted on November 12, 2015 of two counts of second-degree murder and second-degree criminal possession of a weapon following a jury trial."),
    ],
    "franklin": [  # a lawsuit, then a consent decree (its day moved to the next): civil steps
        ("doc-5686e2c80e551c25", "2009-09-25", "2009-09-25", "written", 0, "The Justice Department today filed a lawsuit in federal court in Raleigh, N.C., against Franklin County, N.C., alleging that the county retaliated against a former employee."),
        ("doc-c57acf9d8b9c4524", "2009-09-29", "2009-09-26", "announced", 11, "The Justice Department today announced that it has reached a consent decree with Franklin County, N.C."),
    ],
    # the day of the verb telling a criminal outcome ("today announced that ... has been
    # convicted", the sentencing's release retelling the verdict): a release day
    "jacob": [
        ("doc-e67d833129dd79b3", "2017-05-16", "2017-05-15", "written", 0, "Brooklyn Man Convicted of 1998 Rape in Park Slope Subway Station Following Cold Case DNA Hit - The Brooklyn District Attorney's Office\nBrooklyn Man Convicted of 1998 Rape in Park Slope Subway Station Following Cold Case DNA Hit\nFaces up to 25 Years in State Prison when he is Sentenced Next Month\nActing Brooklyn District Attorney Eric Gonzalez today announced that a 45-year-old Brooklyn man has been convicted of raping a 19-year-old woman on a subway platform in 1998."),
        ("doc-aaf6d8cdd908dd8d", "2017-06-02", "2017-06-02", "announced", 142, "Brooklyn Man Sentenced to up to 20 Years in State Prison\nFor 1998 Rape in Park Slope Subway Station\nDNA Cold Case Hit Led to Arrest and Prosecution\nActing Brooklyn District Attorney Eric Gonzalez today announced that a 45-year-old Brooklyn man has been convicted of raping a 19-year-old woman on a subway platform in 1998."),
    ],
    # "have been charged ..., including todays defendants": "todays" is no date of the charge
    "lumpkins": [
        ("doc-2d6c5240ca8d2a21", "2009-04-22", "2009-04-22", "release_day", 2431, "Golden Eye Seafood LLC and owner, Robert Lumpkins of St. Marys County, Md., were charged with four felony counts including conspiracy to violate the Lacey Act and three substantive violations of the Act."),
        ("doc-35e7a402ec83af23", "2009-04-30", None, None, 2818, "Golden Eye Seafood LLC and owner, Robert Lumpkins of St. Marys County, Md., were charged with four felony counts including conspiracy to violate the Lacey Act and three substantive violations of the Act."),
        ("doc-a64b2190c45b7b11", "2009-06-11", "2009-06-11", "release_day", 3676, "As a result of the investigation and prosecution, two fish wholesalers and a total of 15 individuals have been charged for illegally harvesting and underreporting their catch of striped bass, including todays defendants."),
    ],
    # a civil step told by "the Department today announced" is that step's news
    "grand_forks": [
        ("doc-8018fa167514b9be", "2009-01-29", "2009-01-29", "written", 11, "The Department of Justice today filed a lawsuit on behalf of Suzanne L. Halverson, an Army National Guard member, against Grand Forks County, N.D., alleging violations of the Uniformed Services Employment and Reemployment Rights Act of 1994 (USERRA)."),
        ("doc-27568d154663417b", "2009-04-22", "2009-04-22", "announced", 11, "The Justice Department today announced that it has reached a settlement that will resolve its lawsuit filed against Grand Forks County, N.D., on behalf of Suzanne L. Halverson in accordance with the Uniformed Services Employment and Reemployment Rights Act of 1994 (USERRA), if approved by the U.S. District Court in Fargo."),
    ],
}  # fmt: skip
TOLD_TYPE = {"nelson": "charged", "koczon": "pleaded_guilty", "nicholson": "convicted",
             "jordan": "charged", "boyd": "charged", "stanford": "charged",
             "correa": "convicted", "franklin": "other", "jacob": "convicted",
             "lumpkins": "charged", "grand_forks": "other"}  # fmt: skip


def _told(case: str) -> tuple[list[dict], dict[str, str | None]]:
    """The case's reports and their documents' publication days."""
    reports = [
        _report(n, doc, date, start_char=start, evidence=text, outcome_type=TOLD_TYPE[case],
                decision_date_source=source)
        for n, (doc, _, date, source, start, text) in enumerate(TOLD[case], 1)
    ]  # fmt: skip
    return reports, {doc: published for doc, published, *_ in TOLD[case]}


@pytest.mark.parametrize(
    ("case", "n", "expected"),
    [
        ("nelson", 0, True),  # a release day even in the first release, which opens the decision
        ("nelson", 1, True),
        ("koczon", 0, False),  # the release's day, but it opens the document
        ("koczon", 1, True),
        ("nicholson", 0, True),
        ("nicholson", 1, False),  # a month, written
        ("jordan", 1, False),  # a headline
        ("boyd", 1, False),  # a superseding indictment
        ("jacob", 1, True),  # "today announced" writes the telling's day, not the verdict's
        ("lumpkins", 2, True),  # "todays defendants" dates no charge
        ("grand_forks", 1, False),  # a civil step's announcement is its news
        ("stanford", 1, False),  # written
    ],
)
def test_a_report_dated_only_by_its_release_day(case, n, expected) -> None:
    reports, published = _told(case)
    assert release_day(reports[n], published) is expected


def test_an_indictment_restated_by_later_releases_is_one_decision() -> None:
    reports, published = _told("nelson")
    groups = group_decisions(reports, published)
    assert _ids(groups) == [["out-01", "out-02", "out-03", "out-04"]]
    assert decision_date(groups[0], published) == "2009-02-12"


@pytest.mark.parametrize(("case", "date"), [("koczon", "2009-04-02"), ("nicholson", "1982-09")])
def test_a_release_day_joins_the_written_date_and_never_replaces_it(case, date) -> None:
    reports, published = _told(case)
    rows = case_outcome_rows(reports, [], published, {})
    assert [(r["decision_date"], r["n_reports"]) for r in rows] == [(date, 2)]
    assert {r["case_outcome_id"] for r in reports} == {rows[0]["case_outcome_id"]}


def test_a_written_publication_day_is_no_release_day() -> None:
    # the source decides, not whether the evidence happens to spell the day
    report = _report(1, "doc-1", "2019-12-11", evidence="Jane Doe was sentenced.")
    assert release_day(report, PUBLISHED) is False
    told = report | {"decision_date_source": "release_day"}
    assert release_day(told, PUBLISHED) is True


@pytest.mark.parametrize("case", ["jordan", "boyd", "grand_forks"])
def test_a_headline_or_a_superseding_indictment_is_a_charge_of_its_own(case) -> None:
    reports, published = _told(case)
    assert _ids(group_decisions(reports, published)) == [["out-01"], ["out-02"]]


@pytest.mark.parametrize(
    ("case", "date"),
    [
        # a day told by the release joins the decision it retells
        ("jacob", "2017-05-15"),
        ("lumpkins", "2009-04-22"),
        # consecutive days are one decision, dated by the earlier written day
        ("stanford", "2009-06-18"),
        ("correa", "2015-11-12"),
    ],
)
def test_reports_of_one_decision_make_one_row(case, date) -> None:
    reports, published = _told(case)
    rows = case_outcome_rows(reports, [], published, {})
    assert [(r["decision_date"], r["n_reports"]) for r in rows] == [(date, len(reports))]


def test_consecutive_days_of_a_civil_matter_stay_two_steps() -> None:
    reports, published = _told("franklin")
    assert _ids(group_decisions(reports, published)) == [["out-01"], ["out-02"]]
