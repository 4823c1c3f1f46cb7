"""The release report: self-contained, deterministic, and really drawn by headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from casewire.publish.report import REPORT_FILE, case_timelines, chart_figures, write_report
from schemas.examples import example_tables
from tests.chromium import CHROMIUM, run_chromium
from tests.conftest import REPO

CHART_IDS = [
    "chart-outcomes-by-type",
    "chart-outcomes-by-year",
    "chart-sentence-lengths",
    "chart-charge-categories",
]
#: Kept for a look after the test run (CI can upload it).
SCREENSHOT = REPO / ".pytest_cache" / "report.png"
VERSION = "2026-11-22-a3375a0b"


@pytest.fixture(scope="module")
def seed_tables(seed_release_tables) -> dict[str, pd.DataFrame]:
    return seed_release_tables


@pytest.fixture(scope="module")
def seed_report(seed_tables, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("releases") / VERSION
    folder.mkdir()
    return write_report(seed_tables, folder, {"outcomes_f1": 0.8125, "gold_documents": 12})


def test_report_is_self_contained(seed_report: Path) -> None:
    text = seed_report.read_text(encoding="utf-8")
    assert seed_report.name == REPORT_FILE
    assert f"casewire release {VERSION}" in text
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"?https?:", text), "no CDN"
    assert text.count("Plotly.newPlot") == len(CHART_IDS)
    assert len(re.findall(r"plotly\.js v\d", text)) == 1  # plotly.js inlined, once
    assert "outcomes_f1" in text and "0.8125" in text
    assert "United States v. Genaro Garcia Luna" in text


def test_report_is_deterministic(seed_tables, tmp_path: Path) -> None:
    a, b = tmp_path / "a" / VERSION, tmp_path / "b" / VERSION
    a.mkdir(parents=True)
    b.mkdir(parents=True)
    shuffled = {n: df.sample(frac=1.0, random_state=3) for n, df in seed_tables.items()}
    assert write_report(seed_tables, a).read_bytes() == write_report(shuffled, b).read_bytes()


def test_version_can_be_given_for_a_temporary_folder(tmp_path: Path) -> None:
    path = write_report(example_tables(), tmp_path, version="2026-01-01-deadbeef")
    assert "casewire release 2026-01-01-deadbeef" in path.read_text(encoding="utf-8")


def test_seed_timeline_orders_conviction_before_sentence(seed_tables) -> None:
    cases = {c["caption"]: c for c in case_timelines(seed_tables)}
    steps = cases["United States v. Genaro Garcia Luna"]["steps"]
    dated = [(s["date"], s["step"]) for s in steps if s["date"]]
    assert dated == sorted(dated)
    assert ("2023-02-21", "convicted") in dated and ("2024-10-17", "sentenced") in dated
    assert ("2019-12", "arrest") in dated  # the defendant's asserted events join the timeline
    assert all(s["evidence"] for s in steps)


def test_charts_handle_an_empty_release(tmp_path: Path) -> None:
    empty = {n: df.iloc[0:0] for n, df in example_tables().items()}
    assert list(chart_figures(empty)) == CHART_IDS
    text = write_report(empty, tmp_path).read_text(encoding="utf-8")
    assert "no data in this release" in text and "0 cases" in text


@pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} not installed (apt-get install -y chromium; make test installs it in CI)",
)
def test_report_renders_in_headlessrun_chromium(seed_report: Path, tmp_path: Path) -> None:
    url = seed_report.as_uri()
    dom = run_chromium(url, "--dump-dom", tmp=tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Uncaught" not in dom.stderr, dom.stderr[-2000:]
    for chart in CHART_IDS:
        block = re.search(rf'<div id="{chart}"(.*?)</script>', dom.stdout, flags=re.S)
        assert block, f"{chart} missing from the DOM"
        assert 'class="main-svg"' in block.group(1), f"{chart} was not drawn"
    assert dom.stdout.count('class="main-svg"') >= len(CHART_IDS)

    SCREENSHOT.parent.mkdir(exist_ok=True)
    shot = run_chromium(
        url,
        f"--screenshot={SCREENSHOT}",
        "--window-size=1280,3400",
        "--hide-scrollbars",
        tmp=tmp_path,
    )
    assert shot.returncode == 0 and "Uncaught" not in shot.stderr, shot.stderr[-2000:]
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert SCREENSHOT.stat().st_size > 50_000  # a blank page is a few kB
