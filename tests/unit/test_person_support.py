"""Whether a PERSON span names a person: headline zones, titles, common words."""

from __future__ import annotations

import pytest

from casewire.extract.mentions import census_names
from casewire.extract.person_support import (
    common_word,
    headline_supported,
    is_headline_line,
    place_slot,
    trailing_titles,
)


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Brooklyn Man Sentenced to 47 Years to Life in Prison For Quadruple Shooting", True),
        ("Victim Found In Her Bed, Beaten About the Face", True),
        ("FORMER OFFICIAL CHARGED WITH BRIBERY", True),
        ("Kevin Wright", False),  # a case block's name line
        ("Alfred Lua, 26, Buena Park", False),  # a list row
        ("Brooklyn District Attorney Ken Thompson today announced that a man pleaded.", False),
        ("Sentenced Today", False),  # two words: too short to tell
        ("Merlin Coleman Chicago, IL", False),  # names and a town: nothing in lower case
        ("WHO: Phillipe Zamora, 50, of Roanoke Rapids, North Carolina", False),  # a label
        ("Offense: Possession With Intent To Distribute", False),
    ],
)
def test_headline_line(line, headline):
    lower = frozenset(
        "man sentenced years life prison shooting victim found bed face official "
        "charged bribery possession intent distribute".split()
    )
    assert is_headline_line(line, lower) is headline


@pytest.mark.parametrize(
    ("name", "body", "supported"),
    [
        ("Genaro Garcia Luna", [("genaro", "garcia", "luna")], True),
        ("Garcia Luna", [("genaro", "garcia", "luna")], True),
        ("John Smith", [("smith",)], True),  # a body surname plus a given name
        ("Brooklyn Man Sentenced", [("ken", "thompson")], False),
        ("Smith Sentenced", [("smith",)], False),  # "sentenced" is no given name
    ],
)
def test_headline_name_needs_the_body(name, body, supported):
    given, _ = census_names()
    assert headline_supported(name, body, given.__contains__) is supported


@pytest.mark.parametrize(
    ("words", "cut"),
    [
        (["Chief"], 1),
        (["Bureau", "Chief"], 1),
        (["Founder"], 1),
        (["Det."], 1),
        (["Farrah", "Emami", "Spokesperson"], 1),
        (["Assistant", "Attorney", "General"], 3),  # titles only, "General" a surname too
        (["Mary", "Jones"], 0),
        (["John", "Earl"], 0),  # a given name, not only a title
        (["Benjamin", "D.", "Singer"], 0),  # a census surname ends the name
        (["Xavier", "O.", "Carter", "Sr"], 0),  # a suffix
    ],
)
def test_title_words_end_no_name(words, cut):
    from casewire.extract.mentions import load_rules

    assert trailing_titles(words, load_rules()["person_titles"], *census_names()) == cut


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Ricardo Cortez, 31, Tustin, was charged.", "Tustin", True),
        ("Annamaria Gana, 41, unincorporated Tustin, is charged.", "Tustin", True),
        ("HEADLINE\nFULLERTON – Gary Laine, 49, was arraigned.", "FULLERTON", True),
        ("Contact: Fullerton – Gary Laine was arraigned.", "Fullerton", True),
        ("Ricardo Cortez, 31, was charged.", "Ricardo Cortez", False),
        ("On August 10, James Mumford pleaded guilty.", "James Mumford", False),  # a date
        ("He met Mary Jones - a nurse - in 2010.", "Mary Jones", False),
        ("Kesi Foster – Coordinator at Urban Youth Collaborative.", "Kesi Foster", False),
    ],
)
def test_place_slot(text, name, place):
    start = text.index(name)
    assert place_slot(text, start, start + len(name)) is place


@pytest.mark.parametrize(
    ("name", "lower", "common"),
    [
        ("Victim", {"victim"}, True),
        ("Indicted", {"indicted"}, True),
        ("OCDETF", set(), True),
        ("Brown", {"brown"}, False),  # a census surname, whatever the document writes
        ("Komatireddy", set(), False),
        ("GARCIA", set(), False),
        ("Linda", {"linda"}, False),  # a bare given name stays a name
        ("Delinquency Prevention", {"prevention"}, True),
        ("Frank Crowley Courts Building", {"building"}, True),
        ("Lamont Pugh III", set(), False),
        ("Mary Said", {"said"}, False),  # a census surname, though written in lower case
    ],
)
def test_a_name_ends_with_a_surname(name, lower, common):
    given, surnames = census_names()
    assert common_word(name, frozenset(lower), given, surnames) is common
