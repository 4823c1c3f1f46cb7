"""Courts as written (rules/courts.yaml) and their courts-db ids."""

from __future__ import annotations

import pytest

from casewire.extract.courts import court_mentions
from casewire.resolve.cases import court_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He pleaded guilty in U.S. District Court for the Northern District of Georgia.",
         ["U.S. District Court for the Northern District of Georgia"]),
        ("They were indicted in the Southern District of Texas late yesterday.",
         ["Southern District of Texas"]),
        ("He was sentenced by U.S. District Judge Gustavo A. Gelpi in the District of Puerto Rico.",
         ["District of Puerto Rico"]),
        ("They pleaded guilty before U.S. District Judge Mark R. Hornak for the Western District of "
         "Pennsylvania.", ["Western District of Pennsylvania"]),
        ("On Oct. 3, a grand jury in the Eastern District of Louisiana returned an indictment.",
         ["Eastern District of Louisiana"]),
        ("He was sentenced in Brooklyn Supreme Court.", ["Brooklyn Supreme Court"]),
        ("She appeared in federal US District Court in Brooklyn, New York.",
         ["federal US District Court in Brooklyn, New York"]),
        # a state's abbreviation is part of the court as written; "federal court in" a city
        ("A jury in U.S. District Court in Trenton, N.J., returned a guilty verdict.",
         ["U.S. District Court in Trenton, N.J."]),
        ("He pleaded guilty today in U.S. District Court in Norfolk, Va., to wire fraud.",
         ["U.S. District Court in Norfolk, Va."]),
        # a prosecutor's office, a place: no court
        ("announced U.S. Attorney Joseph H. Hogsett of the Southern District of Indiana.", []),
        ("announced the U.S. Attorney for the Eastern District of Virginia.", []),
        ("They are charged with contacting a company in the Eastern District of Virginia.", []),
        ("The U.S. Attorneys Office in the Western District of Pennsylvania assisted.", []),
    ],
)  # fmt: skip
def test_court_mentions(text: str, expected: list[str]) -> None:
    assert [c for _, _, c in court_mentions(text)] == expected


@pytest.mark.parametrize(
    ("court", "expected"),
    [
        ("U.S. District Court for the Eastern District of New York", "nyed"),
        ("United States District Court for the District of Arizona", "azd"),
        ("Southern District of Texas", "txsd"),
        ("District of Puerto Rico", "prd"),
        ("California Supreme Court", "cal"),
        ("federal court in the District of New Jersey", "njd"),
        ("federal district court in the Northern District of Indiana", "innd"),
        ("Brooklyn Supreme Court", None),  # a county court courts-db does not list
        ("Court of Criminal Appeals", None),  # Texas or Oklahoma: ambiguous
        (None, None),
    ],
)
def test_court_id(court: str | None, expected: str | None) -> None:
    assert court_id(court) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She pleaded guilty today in federal court in Greenbelt, Md., to one count.",
         ["federal court in Greenbelt, Md."]),
        ("He was sentenced yesterday in federal court in St. Louis to 10 years.",
         ["federal court in St. Louis"]),
        ("The suit was filed in a federal district court in Hagatna, Guam.",
         ["federal district court in Hagatna, Guam"]),
    ],
)  # fmt: skip
def test_federal_court_named_by_its_city(text: str, expected: list[str]) -> None:
    assert [c for _, _, c in court_mentions(text)] == expected


def test_city_court_gives_way_to_the_district_the_release_names(nlp) -> None:
    from casewire.extract.courts import find_court

    doc = nlp(
        "Four soldiers were sentenced today in federal court in Raleigh, North Carolina, "
        "for a bribery scheme. The case was prosecuted by the U.S. Attorney's Office and "
        "tried before Judge Ann Smith of the Eastern District of North Carolina."
    )
    sent = next(iter(doc.sents))
    m = sent.text.index("sentenced")
    court = find_court(doc, sent, {sent.start}, (m, m + 9), None)
    assert court == "Eastern District of North Carolina"


def test_required_literals_are_what_every_match_holds():
    import re

    from casewire.resolve.cases import required_literals

    assert required_literals(re.compile(r"Supreme Court of (?:the State of )?New\s+York")) == (
        "supreme court of ",
        "new",
        "york",
    )
    # alternatives, optional parts and lookarounds require nothing
    assert required_literals(re.compile(r"(?:Brooklyn|Kings) County")) == (" county",)
    assert required_literals(re.compile(r"(?:District )?Court(?! of Appeals)")) == ("court",)
    assert required_literals(re.compile(r"(?:abc)+ x")) == ("abc",)
    assert required_literals(re.compile(r"[A-Z]\w*")) == ()


def test_court_lookup_through_required_literals_answers_as_courts_db():
    """The index only skips patterns that cannot match: on courts-db's own court names
    (as written, in capitals, reworded) and casewire's spellings, the same ids."""
    import random

    import courts_db

    from casewire.resolve.cases import _court_variants, _find_court

    rng = random.Random(20261207)
    names = [c["name"] for c in courts_db.courts]
    queries = rng.sample(names, 120) + [n.upper() for n in rng.sample(names, 30)]
    queries += [n.replace("Court", "Court for the") for n in rng.sample(names, 30)]
    for court in ("U.S. District Court for the Eastern District of New York",
                  "federal court in the District of New Jersey", "Brooklyn Supreme Court",
                  "the Western District of Texas", "Superior Court of California"):  # fmt: skip
        queries += _court_variants(court)
    expected = [courts_db.find_court(q, bankruptcy=False) for q in queries]
    assert sum(bool(ids) for ids in expected) > 100  # the queries do name known courts
    assert [_find_court(q) for q in queries] == expected
