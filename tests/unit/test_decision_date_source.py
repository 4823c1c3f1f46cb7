"""How each outcome's decision date was obtained (``legal_outcomes.decision_date_source``),
read by the extractor with the real spaCy model."""

from __future__ import annotations

import pytest

import schemas
from casewire.extract.mentions import extract_mentions
from casewire.extract.names import NameIndex
from casewire.extract.outcomes import extract_outcomes
from casewire.records import Document

PUB = "2024-10-17"  # a Thursday


def _run(nlp, text: str, lang: str = "en") -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """(defendant, outcome type) -> (decision_date, decision_date_source)."""
    document = Document("doc-1", "s", "s.txt", None, PUB, None, None, lang, text, "x")
    doc = nlp(text)
    rows = extract_outcomes(doc, document, NameIndex.from_mentions(extract_mentions(doc, document)))
    return {(o.defendant, o.outcome_type): (o.decision_date, o.decision_date_source) for o in rows}


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        # written in the trigger's clause: a date, a month, a weekday, a relative word
        ("John Smith was sentenced on Oct. 3, 2024, to life in prison.",
         ("John Smith", "sentenced"), ("2024-10-03", "written")),
        ("John Smith pleaded guilty in March 2016 to wire fraud.",
         ("John Smith", "pleaded_guilty"), ("2016-03", "written")),
        ("John Smith was convicted on Tuesday of murder.",
         ("John Smith", "convicted"), ("2024-10-15", "written")),
        ("John Smith was sentenced today to 10 years in prison.",
         ("John Smith", "sentenced"), (PUB, "written")),
        # the telling verb's day, not the outcome's
        ("Mary Jones was sentenced to life in prison for the killing, Ogg announced Tuesday.",
         ("Mary Jones", "sentenced"), ("2024-10-15", "announced")),
        ("District Attorney Jane Roe today announced that John Smith was convicted of assault.",
         ("John Smith", "convicted"), (PUB, "announced")),
        # no date word: the present tense gives the publication day
        ("John Smith has been convicted of wire fraud.",
         ("John Smith", "convicted"), (PUB, "release_day")),
        # no date: no source
        ("John Smith was sentenced to 10 years in prison.",
         ("John Smith", "sentenced"), (None, None)),
    ],
)  # fmt: skip
def test_decision_date_source_of_a_sentence(nlp, text, key, expected) -> None:
    assert _run(nlp, text)[key] == expected


def _dated(nlp, text: str, trigger: str) -> tuple[str | None, str | None]:
    from casewire.extract.outcome_dates import dated
    from tests.unit._triggers import trigger_at

    return dated(*trigger_at(nlp, text, trigger), PUB)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the unnamed lead's day, restated with the name
        ("A 36-year-old man was sentenced on Friday to 85 years in prison. "
         "A jury found King guilty, and Judge Ernest White sentenced King.", "sentenced King",
         ("2024-10-11", "lead")),
        # "the same day": the last date before it
        ("Smith was charged on June 25, 2014. Smith pleaded guilty before Judge Jose A. Fuste "
         "the same day.", "pleaded", ("2014-06-25", "lead")),
        # an earlier outcome borrows nothing
        ("A man was sentenced today to 5 years in prison. Jones had been sentenced to 3 years.",
         "sentenced to 3", (None, None)),
    ],
)  # fmt: skip
def test_a_date_borrowed_from_an_earlier_sentence(nlp, text, trigger, expected) -> None:
    assert _dated(nlp, text, trigger) == expected


def test_a_written_day_replaces_the_tense_and_its_source(nlp) -> None:
    text = (
        "John Smith has pleaded guilty to wire fraud. "
        "Smith pleaded guilty on Oct. 9, 2024, before U.S. District Judge Ann Lee."
    )
    assert _run(nlp, text)[("John Smith", "pleaded_guilty")] == ("2024-10-09", "written")


def test_a_table_row_writes_its_dates(nlp) -> None:
    text = (
        "The following defendants were sentenced:\n"
        "John Smith, 34, Dallas\n"
        "Pleaded guilty June 26, 2015. Sentenced to 21 years in prison on Sept. 18, 2015.\n"
    )
    found = _run(nlp, text)
    assert found[("John Smith", "sentenced")] == ("2015-09-18", "written")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("El 17 de julio de 2024, Juan Pérez se declaró culpable de fraude.", ("2024-07-17", "written")),
        ("Juan Pérez se declara culpable de fraude.", (PUB, "release_day")),
    ],
)  # fmt: skip
def test_spanish_sources(nlp, text, expected) -> None:
    ((_, (day, source)),) = [(k, v) for k, v in _run(nlp, text, "es").items()
                             if k[1] == "pleaded_guilty"]  # fmt: skip
    assert (day, source) == expected


def test_every_source_is_declared() -> None:
    assert set(schemas.DECISION_DATE_SOURCES) == {"written", "announced", "release_day", "lead"}
