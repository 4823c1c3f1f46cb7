"""Classes found in session 13: the defendants a group noun is said of ("A, B and C are
three of 36 defendants charged")."""

from __future__ import annotations

import pytest

from casewire.extract import extract_document
from casewire.nlp import load_nlp
from casewire.records import Document


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _pairs(nlp, text: str, published: str = "2014-01-10") -> set[tuple[str, str]]:
    document = Document("doc-1", "s", "s.txt", None, published, None, None, "en", text, "x")
    return {(o.defendant, o.outcome_type) for o in extract_document(nlp(text), document).outcomes}


def _charged(nlp, text: str, published: str = "2014-01-10") -> set[str]:
    return {name for name, kind in _pairs(nlp, text, published) if kind == "charged"}


PLEAS = (
    "Sammy Keith Shipman, 45, William David Maynard, 42, and Kenneth Harris, 40, pleaded "
    "guilty today to racketeering. "
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list said to be some of the defendants charged
        (PLEAS + "Shipman, Maynard and Harris are three of 36 defendants charged with "
         "conducting racketeering activity through the ABT criminal enterprise.",
         {"Sammy Keith Shipman", "William David Maynard", "Kenneth Harris"}),
        # "among" and the relative-clause form
        ("Harjit Mathauda, 44, was sentenced today to 60 months in prison. Mathauda is one of "
         "eight men who have been indicted in the scheme. Vladimir Kats and Arthur Budovsky "
         "were among seven individuals charged in the indictment.",
         {"Harjit Mathauda", "Vladimir Kats", "Arthur Budovsky"}),
    ],
)  # fmt: skip
def test_the_named_subject_of_a_charged_group_is_charged(nlp, text: str, expected: set[str]):
    assert _charged(nlp, text) == expected


def test_a_group_noun_said_of_nobody_named_takes_no_name_from_it(nlp):
    # "The four men convicted today are among 27 individuals indicted": the subject is a
    # group, not a name, so nothing is read off the copula
    text = (
        "Jurors convicted Mark Spradling and Daniel Mark of racketeering today. The four men "
        "convicted today are among 27 individuals indicted in June 2010."
    )
    pairs = _pairs(nlp, text)
    assert ("Mark Spradling", "convicted") in pairs
    assert not any(n in ("The four men", "men") for n, _ in pairs)


def test_a_party_that_will_pay_a_civil_penalty_is_a_civil_outcome(nlp):
    text = (
        "Cheese manufacturer Sorrento Lactalis Inc. will pay the United States a $315,000 "
        "penalty for excess discharges in violation of its wastewater permit levels, "
        "according to an agreement between the company and the Justice Department."
    )
    assert ("Sorrento Lactalis Inc.", "other") in _pairs(nlp, text)


def test_a_criminal_penalty_told_after_it_is_no_civil_outcome(nlp):
    text = (
        "Princess Cruise Lines will pay a $40 million penalty, the largest-ever criminal "
        "penalty involving deliberate vessel pollution."
    )
    assert not any(t == "other" for _, t in _pairs(nlp, text))


FOLKS = (
    "WASHINGTON - Odell Folks, a resident of Brooklyn, N.Y., and Tanya Smith, a resident of "
    "Waterbury, Conn., pleaded guilty to conspiracy to file false claims for tax refunds, the "
    "Justice Department announced today.\n"
    "Folks and Tanya Smith, along with co-defendants Keith Terry and Sharon Smith, were "
    "indicted in November 2008 for a scheme to file false claims for refund with the IRS."
)


def test_an_untagged_name_heading_a_subject_is_the_defendant_beside_the_names_listed(nlp):
    pairs = _pairs(nlp, FOLKS, "2009-03-06")
    assert {("Odell Folks", "pleaded_guilty"), ("Tanya Smith", "pleaded_guilty")} <= pairs


def test_an_untagged_defendant_is_known_by_surname_and_codefendants_hang_on_the_subject(nlp):
    charged = _charged(nlp, FOLKS, "2009-03-06")
    assert charged == {"Odell Folks", "Tanya Smith", "Keith Terry", "Sharon Smith"}


LAS_VEGAS = (
    "WASHINGTON - A federal grand jury in Las Vegas today returned indictments against 10 "
    "Nevada-certified emissions testers for falsifying vehicle emissions test reports, the "
    "Justice Department announced.\n"
    "Each defendant faces one felony Clean Air Act count.\n"
    "The individuals indicted include:\n- Eduardo Franco, 30\n- Alexander Wayne Worster, 27\n"
    "- William Joseph McCown, 48\n- Joseph DeMatteo, 52\n- David Eugene Nelson, 46\n"
    "- Louis Engene Demeo, 50\n- Adolpho Silva-Contreras, 47\n- Peter Escudero, 47\n"
    "- Wadji Waked, 41\n- Gary Smith, 56\n"
    "Escudero resides in Pahrump, Nev. All other individuals are from Clark County, Nev.\n"
)


def test_cleaning_keeps_a_roster_laid_out_one_name_per_line():
    text = clean_page_text(LAS_VEGAS)
    assert "- Eduardo Franco, 30" in text and "- Gary Smith, 56" in text


CHINESE_NATIONALS = (
    "Fifteen Chinese nationals have been indicted by a federal grand jury in Pittsburgh on "
    "charges of conspiracy and wire fraud, U.S. Attorney David J. Hickton announced today.\n"
    "The 35 count indictment, returned on May 21, 2015, and unsealed today, names the "
    "following 12 individuals as defendants: Han Tong, Xi Fu, Xiaojin Guo, Yudong Zhang, "
    "Yue Zou, Biyuan Li aka Jack Li, Jia Song, Ning Wei, Gong Zhang, Songling Peng, Siyuan "
    "Zhao and Yunlin Sun. The identities of the three additional defendants remain under seal."
)


@pytest.mark.parametrize(
    ("raw", "published", "count", "some"),
    [
        # a counted group charged in the lede is the roster listed below, one per line
        (LAS_VEGAS, "2010-01-08", 10, {"Eduardo Franco", "Wadji Waked", "Gary Smith"}),
        # a roster may list fewer than the group, and its items need no tag
        (CHINESE_NATIONALS, "2015-05-28", 12, {"Han Tong", "Biyuan Li", "Yunlin Sun"}),
    ],
)
def test_a_counted_group_charged_in_the_lede_is_its_roster(nlp, raw, published, count, some):
    charged = _charged(nlp, clean_page_text(raw), published)
    assert len(charged) == count and some <= charged


def test_titles_and_residences_in_a_roster_are_nobody(nlp):
    from casewire.extract.mentions import extract_mentions
    from casewire.extract.names import NameIndex
    from casewire.extract.outcome_people import build_context

    text = (
        "The office filed criminal charges against the company today.\n"
        "The following defendants have been named in the case: Corporate Owner James Aaron "
        "Smith, 55; Plant Manager, Michael William Schott, 31; Operation Hard Copy; and "
        "Gerardo Carlos Welti, 40.\n"
    )
    doc = nlp(text)
    document = Document("doc-1", "s", "s.txt", None, "2002-09-30", None, None, "en", text, "x")
    names = NameIndex.from_mentions(extract_mentions(doc, document))
    rostered = {n for n, _ in build_context(doc, names).rostered}
    assert "Gerardo Carlos Welti" in rostered
    assert not rostered & {"Plant Manager", "Operation Hard Copy", "Corporate Owner James Aaron"}


def clean_page_text(raw: str) -> str:
    from casewire.ingest.clean import clean_page

    return clean_page(raw).text


def test_a_counted_group_charged_in_a_participle_is_the_roster_below(nlp):
    text = (
        "Six New Jersey residents were among nine individuals charged today for their alleged "
        "roles in an interstate dog-fighting network, the Justice Department announced.\n"
        "Criminal complaints filed in New Jersey named the following individuals, eight of whom "
        "were arrested:\n"
        "- Anthony Monte Gaines, 35, of Vineland, New Jersey (already in state custody)\n"
        "- Justin Love, 36, of Westville, New Jersey\n- Lydell Harris, 30, of Vineland\n"
        "- Mario Atkinson, 40, of Asbury Park, New Jersey\n- Frank Nichols, 44, of Camden\n"
        "- Tiffany Burt, 27, of Camden\n- Dajwan Ware, 25, of Camden\n"
        "- Pedro Cuellar, 50, of Albuquerque, New Mexico\n- Robert Arellano, 41, of Las Cruces\n"
    )
    charged = _charged(nlp, text, "2016-06-01")
    assert len(charged) == 9 and {"Justin Love", "Tiffany Burt", "Robert Arellano"} <= charged
