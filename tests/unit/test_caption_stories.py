"""Annual reports tell a case under its caption ("State of Texas vs. Curtis Bullock") and
name the defendant no more: "the defendant" and "him" of the story are the caption's."""

from __future__ import annotations

import pytest

from casewire.extract import extract_document
from casewire.nlp import load_nlp
from casewire.records import Document


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _rows(nlp, text: str) -> dict[tuple[str, str], int | None]:
    document = Document("doc-1", "s", "s.txt", None, "2022-01-15", None, None, "en", text, "x")
    outcomes = extract_document(nlp(text), document).outcomes
    return {(o.defendant, o.outcome_type): o.sentence_min_months for o in outcomes}


STORIES = (
    "Family Violence Division\n"
    "The division handled 1,200 cases in 2021.\n"
    "State of Texas vs. Datrail Clayton\n"
    "The prosecutors tried a member of a violent criminal street gang for the murder of an "
    "innocent 13-year-old victim. After a hard-fought trial, the jury found the defendant "
    "guilty of murder. The jury sentenced the defendant to 45 years in prison.\n"
    "Gang Unit\n"
    "The Gang Unit's mission is to see that justice is done.\n"
    "State of Texas vs. Royneco Harris\n"
    "On October 18, 2021, the prosecutors tried the defendant for the charge of murder. "
    "The jury found him guilty and sentenced him to 99 years in prison on October 22, 2021.\n"
)


def test_each_story_belongs_to_the_caption_above_it(nlp):
    rows = _rows(nlp, STORIES)
    assert rows.get(("Datrail Clayton", "sentenced")) == 540
    assert ("Datrail Clayton", "convicted") in rows
    assert rows.get(("Royneco Harris", "sentenced")) == 1188
    # the second story's sentence is never the first caption's
    assert [k for k, v in rows.items() if v == 1188] == [("Royneco Harris", "sentenced")]


def test_a_caption_inside_a_sentence_introduces_nobody(nlp):
    # only a caption alone on its line heads a story
    text = (
        "The office reviewed the case of State of Texas vs. Royneco Harris in its training. "
        "The defendant was sentenced to 10 years in prison.\n"
    )
    assert not any(name == "Royneco Harris" for name, _ in _rows(nlp, text))
