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
