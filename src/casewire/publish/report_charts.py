"""The report's four Plotly charts: outcomes by type, outcomes by decision year,
custody sentence lengths, top charge categories.

Decision years are drawn over the range where the dated outcomes are: a misread or
historical date ("convicted in 1971") would otherwise stretch the axis over decades
of empty bars. :func:`year_window` drops at most :data:`YEAR_TAIL` of the dated
outcomes at each end and the chart's subtitle counts them, so none disappear silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

import schemas

COLOR = "#2b6cb0"
TOP_CHARGES = 15
OUTCOME_ORDER = list(schemas.OUTCOME_TYPES)
#: Share of dated outcomes that may fall outside the drawn years, at each end.
YEAR_TAIL = 0.005


@dataclass(frozen=True)
class YearWindow:
    """The decision years drawn (``first``..``last``) and what falls outside."""

    first: int | None
    last: int | None
    dated: int
    before: int
    after: int
    undated: int

    def note(self) -> str:
        """One line saying what the yearly chart shows and leaves out."""
        if self.first is None:
            return f"no decision dates; {self.undated:,} undated"
        text = f"{self.dated:,} dated outcomes, {self.first}–{self.last}"
        if self.before or self.after:
            text += (
                f"; not drawn: {self.before:,} before {self.first}, "
                f"{self.after:,} after {self.last}"
            )
        return text + f"; {self.undated:,} undated"


def decision_years(outcomes: pd.DataFrame) -> pd.Series:
    """The year of each dated outcome (day, month or year precision alike)."""
    dates = outcomes["decision_date"].dropna().astype(str)
    return dates[dates.str.match(r"^\d{4}")].str[:4].astype(int)


def year_window(outcomes: pd.DataFrame, tail: float = YEAR_TAIL) -> YearWindow:
    """Years from the ``tail`` to the ``1 - tail`` quantile of the decision years
    (nearest rank: below 1 / tail dated outcomes, nothing is left out)."""
    years = sorted(decision_years(outcomes).tolist())
    undated = len(outcomes) - len(years)
    if not years:
        return YearWindow(None, None, 0, 0, 0, undated)
    k = int(len(years) * tail)
    first, last = years[k], years[len(years) - 1 - k]
    before = sum(1 for y in years if y < first)
    after = sum(1 for y in years if y > last)
    return YearWindow(first, last, len(years), before, after, undated)


def _layout(fig: go.Figure, title: str, x: str, y: str) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.02},
        xaxis_title=x,
        yaxis_title=y,
        template="plotly_white",
        height=380,
        margin={"l": 60, "r": 20, "t": 60, "b": 60},
        showlegend=False,
    )
    values = [
        v
        for t in fig.data
        for v in (
            t.y if t.orientation != "h" and t.type == "bar" else t.x if t.type == "bar" else []
        )
        or []
    ]
    if any(t.type == "histogram" for t in fig.data):
        values = [len(t.x or []) for t in fig.data]  # at most that many per bin
    if values and max(values) <= 10:  # small counts: whole-number ticks only
        axis = "xaxis" if fig.data[0].orientation == "h" else "yaxis"
        fig.update_layout({axis: {"dtick": 1}})
    if not fig.data or all(len(t.x if t.x is not None else []) == 0 for t in fig.data):
        fig.add_annotation(
            text="no data in this release",
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
        )
    return fig


def _outcome_types(outcomes: pd.DataFrame) -> list[str]:
    counts = outcomes["outcome_type"].value_counts()
    return [t for t in OUTCOME_ORDER if t in counts] + sorted(
        set(counts.index) - set(OUTCOME_ORDER)
    )


def _by_type(outcomes: pd.DataFrame) -> go.Figure:
    counts = outcomes["outcome_type"].value_counts()
    types = _outcome_types(outcomes)
    fig = go.Figure(
        go.Bar(
            x=types,
            y=[int(counts[t]) for t in types],
            marker_color=COLOR,
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    return _layout(fig, "Outcomes by type", "outcome type", "outcomes")


def _by_year(outcomes: pd.DataFrame) -> go.Figure:
    window = year_window(outcomes)
    fig = go.Figure()
    if window.first is not None:
        axis = [str(y) for y in range(window.first, window.last + 1)]
        for kind in _outcome_types(outcomes):
            years = decision_years(outcomes[outcomes.outcome_type == kind])
            years = years[(years >= window.first) & (years <= window.last)]
            if len(years):
                counts = years.astype(str).value_counts().reindex(axis, fill_value=0)
                fig.add_trace(
                    go.Bar(
                        x=axis,
                        y=counts.tolist(),
                        name=kind,
                        hovertemplate="%{x} " + kind + ": %{y}<extra></extra>",
                    )
                )
    _layout(fig, f"Outcomes by decision year<br><sup>{window.note()}</sup>", "year", "outcomes")
    return fig.update_layout(barmode="stack", showlegend=True, xaxis_type="category")


def _lengths(outcomes: pd.DataFrame) -> go.Figure:
    sentenced = outcomes[outcomes["sentence_max_months"].notna()]
    n_life = int(outcomes["life_sentence"].fillna(False).astype(bool).sum())
    fig = go.Figure(
        go.Histogram(
            x=sentenced["sentence_max_months"].astype(float).tolist(),
            xbins={"start": 0, "size": 12},
            marker_color=COLOR,
            hovertemplate="%{x} months: %{y}<extra></extra>",
        )
    )
    _layout(
        fig,
        f"Custody sentence length ({_n(len(sentenced), 'term')}; "
        f"{_n(n_life, 'life sentence')} not shown)",
        "months (upper bound of the term, 1-year bins)",
        "outcomes",
    )
    return fig.update_layout(bargap=0.05, xaxis_rangemode="tozero")


def _top_charges(charges: pd.DataFrame) -> go.Figure:
    ranked = sorted(charges["category"].value_counts().items(), key=lambda kv: (-kv[1], kv[0]))
    cats = ranked[:TOP_CHARGES][::-1]  # largest at the top of a horizontal bar chart
    fig = go.Figure(
        go.Bar(
            x=[int(n) for _, n in cats],
            y=[c for c, _ in cats],
            orientation="h",
            marker_color=COLOR,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    _layout(fig, f"Top charge categories ({len(charges)} charges)", "charges", "")
    return fig.update_layout(margin={"l": 150})


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def chart_figures(tables: dict[str, pd.DataFrame]) -> dict[str, go.Figure]:
    """The report's charts, keyed by the div ID they are drawn in."""
    outcomes = tables["legal_outcomes"]
    return {
        "chart-outcomes-by-type": _by_type(outcomes),
        "chart-outcomes-by-year": _by_year(outcomes),
        "chart-sentence-lengths": _lengths(outcomes),
        "chart-charge-categories": _top_charges(tables["charges"]),
    }
