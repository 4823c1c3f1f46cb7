from __future__ import annotations

import pytest

from casewire.ingest.clean import clean_page, find_release_date, repair


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("to North America and Europe.Garcia Luna’s involvement", "Europe. Garcia Luna’s"),
        ("Mexico ’s former top security official", "Mexico’s former"),
        ("convicted Garcia Luna on five counts , including", "five counts, including"),
        ("taking cartel  bribes", "cartel bribes"),
    ],
)
def test_repair_fixes_scraping_damage(raw: str, expected: str) -> None:
    assert expected in repair(raw)


@pytest.mark.parametrize("keep", ["U.S. Attorney", "justice.gov", "Mr. Smith", "No. 3"])
def test_repair_leaves_abbreviations_alone(keep: str) -> None:
    assert repair(f"said {keep} today") == f"said {keep} today"


def test_header_date_is_read_and_removed() -> None:
    cleaned = clean_page(" date 2023-02-21 Mexico ’s former official was convicted.")
    assert cleaned.header_date == "2023-02-21"
    assert cleaned.text.startswith("Mexico’s former")


def test_trailing_furniture_is_cut() -> None:
    raw = "A man was sentenced today to ten years.\n\nMore From Author\n\nUkraine’s Victory Plan"
    cleaned = clean_page(raw)
    assert "Ukraine" not in cleaned.text
    assert cleaned.text.endswith("ten years.")


def test_menu_runs_and_junk_lines_are_dropped() -> None:
    raw = "\n".join(
        [
            "Title of a release about a sentencing in Brooklyn today",
            "HOME",
            "GET HELP",
            "REPORT A CRIME",
            "CONTACT US",
            "Skip to content",
            "John Doe was sentenced today to five years in prison.",
        ]
    )
    text = clean_page(raw).text
    assert "GET HELP" not in text and "Skip to content" not in text
    assert "John Doe was sentenced" in text


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["FOR IMMEDIATE RELEASE", "Thursday, September 12, 2024", "Body."], "2024-09-12"),
        (["Case # 15WF0525", "Date: July 17, 2015", "Body."], "2015-07-17"),
        (["Author", "Published", "November 7, 2014"], "2014-11-07"),
        (["October 15, 2018 Contact: Press Office", "Body."], "2018-10-15"),
        (["WASHINGTON A man who on May 26, 2006 kicked a man pleaded guilty."], None),
        # the release's own line wins over the site's later "Published" date
        (
            [
                "Author",
                "Published",
                "April 29, 2005",
                "Home",
                "For Immediate Release",
                "Case # 04CF1234",
                "August 30th, 2004",
                "Body.",
            ],
            "2004-08-30",
        ),
        # the same month and day of another year: the release line's year is a typo
        (
            [
                "Published",
                "January 22, 2021",
                "Home",
                "FOR IMMEDIATE RELEASE",
                "Date: January 22, 2022",
                "Body.",
            ],
            "2021-01-22",
        ),
    ],
)
def test_release_date_found_only_where_a_release_states_it(lines, expected) -> None:
    assert find_release_date(lines) == expected


def test_bot_check_page_is_flagged() -> None:
    assert clean_page("Pardon Our Interruption\nAs you were browsing").not_a_release


def test_pdf_broken_lines_are_joined() -> None:
    text = clean_page(
        "A jury found Charles Phifer guilty this afternoon\nin the death of a girl."
    ).text
    assert "afternoon in the death" in text


def test_repeated_headline_lines_are_kept_once() -> None:
    raw = "MAN SENTENCED FOR FRAUD\nMAN SENTENCED FOR FRAUD\nMAN SENTENCED FOR FRAUD\nA man was sentenced."
    assert clean_page(raw).text == "MAN SENTENCED FOR FRAUD\nA man was sentenced."


TEASER_PAGE = """Woman Sentenced for Fraud
June 1, 2026
District Attorney Ann Roe announced today that Jane Doe was sentenced to four years.
The judge also ordered restitution of $12,000.
Recent News
Man Charged with Murder after Fight
June 3, 2026
District Attorney Ann Roe announced today that John Poe has been charged with …
Meet Deputy District Attorney Kim Lee
May 28, 2026
In honor of Heritage Month, which is observed throughout May, we ...
Hall of Justice, 1 Main St."""


def test_related_story_teasers_are_dropped_wherever_they_stand() -> None:
    cleaned = clean_page(TEASER_PAGE)
    assert "John Poe" not in cleaned.text and "Kim Lee" not in cleaned.text
    assert "Recent News" not in cleaned.text
    assert "Jane Doe was sentenced to four years." in cleaned.text
    assert "Hall of Justice" in cleaned.text


def test_a_teasers_date_is_never_the_release_date() -> None:
    page = "\n".join(TEASER_PAGE.splitlines()[4:] + TEASER_PAGE.splitlines()[:4])
    page = page.replace("June 1, 2026\n", "")
    assert clean_page(page).text_date is None


def test_a_dated_paragraph_that_is_no_teaser_is_kept() -> None:
    page = "Title line\nJune 3, 2026\nJohn Poe was charged today with robbery."
    assert "John Poe" in clean_page(page).text


def test_a_post_timestamp_dates_a_page_that_states_no_date() -> None:
    page = "Man Sentenced\nJohn Poe was sentenced today.\nAnn Roe\n2023-10-06 14:25:37\n2023-10-09 09:00:01"
    assert clean_page(page).text_date == "2023-10-06"


def test_a_stated_release_date_wins_over_the_post_timestamp() -> None:
    page = (
        "FOR IMMEDIATE RELEASE\nOctober 5, 2023\nJohn Poe was sentenced today.\n2023-10-06 14:25:37"
    )
    assert clean_page(page).text_date == "2023-10-05"


@pytest.mark.parametrize(
    ("page", "first_line"),
    [
        ("WASHINGTON Curtis Keith Cooper of Princeville was sentenced today.", "WASHINGTON"),
        ("WASHINGTONWashington Beef LLC has agreed to pay $750,000.", "WASHINGTON"),
        (
            "SANTA ANA – Three men were convicted today.",
            "SANTA ANA – Three men were convicted today.",
        ),
        ("FBI Special Agent Ann Roe led the case.", "FBI Special Agent Ann Roe led the case."),
    ],
)
def test_a_dateline_glued_to_the_first_sentence_gets_its_own_line(page, first_line) -> None:
    assert clean_page(page).text.split("\n")[0] == first_line


def test_a_lone_headline_date_and_lead_ending_in_an_ellipsis_is_the_page_itself() -> None:
    page = "Man Sentenced for Fraud\nJune 1, 2026\nJohn Poe was sentenced today to four years for …"
    assert "John Poe" in clean_page(page).text
    assert clean_page(page).text_date == "2026-06-01"


def test_dated_headline_below_a_long_menu() -> None:
    menu = [f"Menu item {i}" for i in range(60)]
    raw = "\n".join(
        ["Man Charged With Arson | County District Attorney's Office", *menu,
         "Email:", "June 5, 2026: Man Charged With Arson", "Contact:",
         "A man was charged today with setting fire to a warehouse in the city."]
    )  # fmt: skip
    assert clean_page(raw).text_date == "2026-06-05"
