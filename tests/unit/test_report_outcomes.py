"""The report's outcomes table, driven in a real headless Chromium over a real release:
search filters rows, headings sort them, sources link to the document's URL, the
highlighted passage is the evidence span, and document text cannot inject markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import schemas
from casewire.ingest import read_raw
from casewire.pipeline import run_pipeline
from casewire.publish import publish_release, read_tables
from casewire.publish import report_outcomes as ro
from casewire.publish.report import write_report
from casewire.records import Document
from tests.chromium import CHROMIUM, Page

#: What a hostile document tries to run; the body must never get this attribute.
PWN = "document.body.setAttribute('data-pwned','{}')"
FEED = [
    {
        "id": "doj/alpha",
        "title": "Miami Official Sentenced for Bribery",
        "date": "2019-06-03",
        "url": "https://www.justice.gov/opa/pr/miami-official-sentenced-bribery",
        "text": "WASHINGTON - John Alpha Smith, 45, of Miami, Florida, was sentenced today to "
        "120 months in prison by U.S. District Judge Jane Roe of the Southern District of "
        "Florida for accepting bribes as a county commissioner. Smith pleaded guilty in "
        "March 2019 to one count of bribery. The FBI investigated the case.",
    },
    {
        "id": "doj/charlie",
        "title": "Texas Man Convicted of Wire Fraud",
        "date": "2012-02-10",
        "url": "https://www.justice.gov/opa/pr/texas-man-convicted-wire-fraud",
        "text": "DALLAS - A federal jury convicted Charles Delta Young, 52, of Dallas, of five "
        "counts of wire fraud on February 9, 2012. Young faces up to 20 years in prison on "
        "each count. Sentencing is scheduled for May 2012.",
    },
    {
        "id": "doj/echo",
        "title": "Ohio Doctor Sentenced for Health Care Fraud",
        "date": "2016-09-21",
        "url": "https://www.justice.gov/opa/pr/ohio-doctor-sentenced-health-care-fraud",
        "text": "COLUMBUS - Kevin Michael Brown, 61, of Dublin, Ohio, was sentenced today to "
        "78 months in prison by U.S. District Judge Algenon Marbley of the Southern District "
        "of Ohio for health care fraud. Brown was ordered to pay $2.1 million in restitution.",
    },
    {
        "id": "evil/inject",
        "title": f"<script>{PWN.format('title')}</script> Fraud <b>case</b>",
        "date": "2018-05-03",
        "url": f"javascript:{PWN.format('url')}",
        "text": "NEW YORK - Robert Bravo, 38, of Queens, was sentenced on May 2, 2018 to 36 "
        f"months in prison for wire fraud <script>{PWN.format('text')}</script> "
        f'<img src=x onerror="{PWN.format("img")}"> by U.S. District Judge Kimba Wood. '
        "Bravo pleaded guilty in 2017.",
    },
]
ROWS = "#outcomes-table tbody tr"

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (apt-get install -y chromium)"
)


@pytest.fixture(scope="module")
def release(nlp, tmp_path_factory) -> Path:
    """A release published from FEED (JSONL with titles and URLs), report included."""
    raw = tmp_path_factory.mktemp("raw")
    (raw / "feed.jsonl").write_text("".join(json.dumps(d) + "\n" for d in FEED))
    documents = [d for d in read_raw(raw) if isinstance(d, Document)]
    tables = schemas.validate_tables(run_pipeline(documents, nlp))
    out = tmp_path_factory.mktemp("output")
    return publish_release(
        tables, out, sources=[], stats={}, build_date="2026-12-07", validated=True
    ).path


@pytest.fixture(scope="module")
def tables(release: Path) -> dict[str, pd.DataFrame]:
    return read_tables(release)


@pytest.fixture(scope="module")
def page(release: Path, tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed")
    browser = Page((release / "report.html").as_uri(), tmp_path_factory.mktemp("chromium"))
    yield browser
    browser.close()


def _rows(page: Page) -> list[dict]:
    return page.evaluate(
        f"[...document.querySelectorAll('{ROWS}')].map(tr => ({{"
        "id: tr.dataset.outcome, defendant: tr.cells[1].textContent,"
        " terms: tr.cells[3].textContent,"
        " href: tr.querySelector('td.source a') && tr.querySelector('td.source a').href,"
        " source: tr.querySelector('td.source').textContent,"
        " before: (tr.querySelector('td.evidence .before') || {}).textContent || '',"
        " mark: [...tr.querySelectorAll('td.evidence mark')].map(e => e.textContent),"
        " evidence: tr.querySelector('td.evidence').textContent}))"
    )


def test_the_fixture_reads_an_outcome_from_the_hostile_sentence(tables) -> None:
    outcomes = tables["legal_outcomes"]
    assert outcomes["evidence"].str.contains("<script>", regex=False).any()
    assert len(outcomes) >= 4


def test_document_text_is_never_markup_in_the_file(release: Path) -> None:
    text = (release / "report.html").read_text(encoding="utf-8")
    assert "data-pwned" in text  # the hostile text is in the page...
    assert "<script>document" not in text and "<img src=x" not in text  # ...never as markup
    assert not re.search(r"<a [^>]*href=\"javascript:", text, flags=re.I)
    for block in re.findall(r"<script[^>]*>(.*?)</script>", text, flags=re.S):
        assert "data-pwned" not in block or "\\u003cscript\\u003e" in block


@needs_chromium
def test_nothing_from_a_document_runs_in_the_browser(page: Page) -> None:
    page.type("#outcome-search", "bravo")
    assert page.evaluate("document.body.hasAttribute('data-pwned')") is False
    assert page.evaluate("document.querySelectorAll('#outcomes-table img').length") == 0
    cells = page.evaluate(f"[...document.querySelectorAll('{ROWS} td')].map(c => c.textContent)")
    assert any("<script>document.body.setAttribute" in c for c in cells)  # shown as text
    assert any(c.startswith("<script>") and "Fraud <b>case</b>" in c for c in cells)  # title
    assert page.errors == []


@needs_chromium
def test_search_filters_rows_over_all_outcomes(page: Page, tables) -> None:
    outcomes = tables["legal_outcomes"]
    page.type("#outcome-search", "")
    assert {r["id"] for r in _rows(page)} == set(outcomes["outcome_id"])
    page.type("#outcome-search", "Bravo")
    bravo = outcomes[outcomes["defendant_name"].str.contains("Bravo")]
    assert {r["id"] for r in _rows(page)} == set(bravo["outcome_id"]) and len(bravo) == 2
    page.type("#outcome-search", "bravo 2017")  # every word must match
    assert [r["id"] for r in _rows(page)] == bravo[
        bravo["evidence"].str.contains("2017")
    ].outcome_id.tolist()
    assert page.evaluate("document.getElementById('outcome-status').textContent").startswith(
        "rows 1–1 of 1 matching"
    )
    page.type("#outcome-search", "no such words here")
    assert _rows(page) == []
    page.type("#outcome-search", "")


@needs_chromium
def test_headings_sort_the_rows(page: Page, tables) -> None:
    page.type("#outcome-search", "")
    page.click("th[data-col=defendant] button")
    names = [r["defendant"] for r in _rows(page)]
    assert names == sorted(names, key=str.lower) and len(set(names)) > 1
    page.click("th[data-col=defendant] button")
    assert [r["defendant"] for r in _rows(page)] == sorted(names, key=str.lower, reverse=True)
    assert page.evaluate("document.querySelector('th[data-col=defendant]').ariaSort") == (
        "descending"
    )
    page.click("th[data-col=terms] button")  # by custody months, outcomes without last
    months = tables["legal_outcomes"].set_index("outcome_id")["sentence_max_months"]
    order = [months[r["id"]] for r in _rows(page)]
    dated = [m for m in order if pd.notna(m)]
    assert dated == sorted(dated) and len(dated) >= 2
    assert all(pd.isna(m) for m in order[len(dated) :])


@needs_chromium
def test_sources_link_to_the_document_url(page: Page, tables) -> None:
    page.type("#outcome-search", "")
    outcomes = tables["legal_outcomes"].set_index("outcome_id")
    docs = tables["documents"].set_index("doc_id")
    rows = _rows(page)
    for row in rows:
        doc = docs.loc[outcomes.loc[row["id"], "doc_id"]]
        if doc["url"].startswith("https://"):
            assert row["href"] == doc["url"] and row["source"] == doc["title"]
        else:  # the javascript: URL is no link; its title shows as text
            assert row["href"] is None and row["source"].startswith("<script>")
    assert sum(r["href"] is not None for r in rows) >= 2


@needs_chromium
def test_the_highlight_is_the_evidence_span_in_its_passage(page: Page, tables) -> None:
    page.type("#outcome-search", "")
    outcomes = tables["legal_outcomes"].set_index("outcome_id")
    texts = tables["documents"].set_index("doc_id")["text"]
    for row in _rows(page):
        o = outcomes.loc[row["id"]]
        text = texts[o["doc_id"]]
        assert row["mark"] == [text[o["start_char"] : o["end_char"]]] == [o["evidence"]]
        shown = row["evidence"].strip("…")
        assert shown in text  # the passage is the document's own text around it
        assert row["before"].lstrip("…") == text[text.index(shown) : o["start_char"]]
    assert any(r["before"] for r in _rows(page))  # some evidence has text before it


@needs_chromium
def test_pages_hold_page_rows_and_search_covers_the_rest(
    tables, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(ro, "PAGE_ROWS", 2)
    report = write_report(tables, tmp_path, version="2026-12-07-00000000")
    page = Page(report.as_uri(), tmp_path)
    try:
        n = len(tables["legal_outcomes"])
        first = [r["id"] for r in _rows(page)]
        assert len(first) == 2 and page.evaluate("document.getElementById('outcome-prev').disabled")
        page.click("#outcome-next")
        second = [r["id"] for r in _rows(page)]
        assert len(second) == min(2, n - 2) and not set(first) & set(second)
        page.type("#outcome-search", "Young")  # beyond the first page, found all the same
        assert [r["defendant"] for r in _rows(page)] == ["Charles Delta Young"]
        assert page.errors == []
    finally:
        page.close()


def test_casewire_report_rebuilds_the_release_report_byte_for_byte(
    release: Path, tmp_path: Path
) -> None:
    """The release flow reads passages back from documents.parquet (its text column
    is gone by then); `casewire report` has every table: the same page either way."""
    from flows.cli import main as cli_main

    eval_json = tmp_path / "no-eval.json"  # absent: no figures, as in the release
    assert cli_main(["report", str(release), "--out", str(tmp_path), "--eval", str(eval_json)]) == 0
    assert (tmp_path / "report.html").read_bytes() == (release / "report.html").read_bytes()
