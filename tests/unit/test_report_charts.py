"""The yearly outcomes chart draws the years where the data is and counts the rest."""

from __future__ import annotations

import pandas as pd
import pytest

from casewire.publish.report_charts import chart_figures, year_window
from schemas.examples import example_tables


def _outcomes(dates: list[str | None]) -> pd.DataFrame:
    return pd.DataFrame({"decision_date": dates, "outcome_type": ["sentenced"] * len(dates)})


@pytest.mark.parametrize(
    ("dates", "window"),
    [
        ([], (None, None, 0, 0, 0, 0)),
        ([None, None], (None, None, 0, 0, 0, 2)),
        (["2023-02-21", "2024-10"], (2023, 2024, 2, 0, 0, 0)),  # few dates: all drawn
        (["1971"] + ["2010-05-01"] * 150 + ["2012"] * 49, (2010, 2012, 200, 1, 0, 0)),
        (["1969-01-01"] + ["2009"] * 398 + ["2026-03"], (2009, 2009, 400, 1, 1, 0)),
        (["1990"] * 3 + ["2010"] * 197, (1990, 2010, 200, 0, 0, 0)),  # not a 0.5% tail
    ],
)
def test_year_window(dates: list[str | None], window: tuple) -> None:
    w = year_window(_outcomes(dates))
    assert (w.first, w.last, w.dated, w.before, w.after, w.undated) == window


def test_the_chart_draws_whole_years_and_says_what_it_leaves_out() -> None:
    tables = example_tables()
    dates = ["1971-06-01"] + [f"{2005 + i % 10}-0{1 + i % 9}-15" for i in range(298)] + [None]
    tables["legal_outcomes"] = pd.DataFrame(
        {"decision_date": dates, "outcome_type": ["sentenced", "charged"] * 150}
    ).assign(sentence_max_months=None, life_sentence=False)
    fig = chart_figures(tables)["chart-outcomes-by-year"]
    assert list(fig.data[0].x) == [str(y) for y in range(2005, 2015)]
    assert sum(sum(t.y) for t in fig.data) == 298
    assert "299 dated outcomes, 2005–2014; not drawn: 1 before 2005, 0 after 2014" in (
        fig.layout.title.text
    )
    assert "1 undated" in fig.layout.title.text
