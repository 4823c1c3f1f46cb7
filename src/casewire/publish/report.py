"""The release report: one self-contained ``report.html`` (opens offline, no CDN).

Counts and fill rates per table, evaluation figures, four Plotly charts (outcomes by
type, outcomes by month, sentence lengths, top charge categories) and a timeline per
case (charges, plea/verdict, sentence, with dates and the evidence sentence). plotly.js
is inlined once. The page carries no timestamp: the same tables give the same bytes.
"""

from __future__ import annotations

import html
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

import schemas
from casewire.publish.card import Profile, table_profile
from casewire.publish.files import present_records

REPORT_FILE = "report.html"
#: Cases with a timeline in the report (most outcomes first); the rest are counted.
MAX_TIMELINES = 200
TOP_CHARGES = 15
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}
COLOR = "#2b6cb0"
OUTCOME_ORDER = list(schemas.OUTCOME_TYPES)
#: Order of same-day steps in a timeline: events first, then the outcomes by stage.
STEP_ORDER = {"event": -2, **schemas.OUTCOME_STAGE}

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;
max-width:1200px;padding:1.5rem;color:#1a202c;line-height:1.45}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #e2e8f0;padding-bottom:.3rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #e2e8f0;padding:.3rem .55rem;text-align:left;vertical-align:top}
th{background:#f7fafc}td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;height:.7rem;background:#2b6cb0;vertical-align:middle}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.chart{border:1px solid #e2e8f0;border-radius:6px;padding:.3rem}
.muted{color:#718096}td.date{white-space:nowrap}.evidence{max-width:42rem;font-size:.85rem}
details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}
.case{border-left:4px solid #2b6cb0;padding-left:.8rem;margin:1.2rem 0}
@media (max-width:900px){.charts{grid-template-columns:1fr}}
"""


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _present(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return len(value) > 0
    return value is not None and not (not isinstance(value, str) and pd.isna(value))


def _value(value: Any) -> Any:
    return value if _present(value) else None


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


# ---------------------------------------------------------------- sections


def _tables_section(profile: Profile) -> str:
    rows = []
    details = []
    for name, (n_rows, rates) in profile.items():
        mean = sum(rates.values()) / len(rates) if rates and n_rows else 0.0
        rows.append(
            f"<tr><td>{_esc(name)}</td><td class=num>{n_rows:,}</td>"
            f"<td class=num>{len(rates)}</td><td class=num>{mean:.0%} "
            f'<span class=bar style="width:{mean * 80:.0f}px"></span></td></tr>'
        )
        cells = "".join(
            f"<tr><td>{_esc(c)}</td><td class=num>{r:.0%}</td><td>"
            f'<span class=bar style="width:{r * 120:.0f}px"></span></td></tr>'
            for c, r in rates.items()
        )
        details.append(
            f"<details><summary>{_esc(name)}</summary><table><tr><th>column</th>"
            f"<th>filled</th><th></th></tr>{cells}</table></details>"
        )
    return (
        "<h2 id=tables>Tables</h2><table><tr><th>table</th><th>rows</th><th>columns</th>"
        "<th>mean fill rate</th></tr>" + "".join(rows) + "</table>"
        "<h3>Fill rate per column</h3><p class=muted>Share of non-null (and, for lists, "
        "non-empty) cells.</p>" + "".join(details)
    )


def _eval_section(eval_figures: dict[str, Any] | None) -> str:
    head = "<h2 id=evaluation>Evaluation</h2>"
    if not eval_figures:
        return head + "<p class=muted>No evaluation figures were supplied for this build.</p>"
    rows = "".join(
        f"<tr><td>{_esc(k)}</td><td class=num>{_esc(_fmt(v))}</td></tr>"
        for k, v in _flatten(eval_figures).items()
    )
    return head + f"<table><tr><th>measure</th><th>value</th></tr>{rows}</table>"


def _flatten(figures: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


# ---------------------------------------------------------------- charts


def _layout(fig: go.Figure, title: str, x: str, y: str) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.02},
        xaxis_title=x,
        yaxis_title=y,
        template="plotly_white",
        height=380,
        margin={"l": 60, "r": 20, "t": 50, "b": 60},
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


def chart_figures(tables: dict[str, pd.DataFrame]) -> dict[str, go.Figure]:
    """The report's charts, keyed by the div ID they are drawn in."""
    outcomes = tables["legal_outcomes"]
    charges = tables["charges"]

    counts = outcomes["outcome_type"].value_counts()
    types = [t for t in OUTCOME_ORDER if t in counts] + sorted(
        set(counts.index) - set(OUTCOME_ORDER)
    )
    by_type = go.Figure(
        go.Bar(
            x=types,
            y=[int(counts[t]) for t in types],
            marker_color=COLOR,
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    _layout(by_type, "Outcomes by type", "outcome type", "outcomes")

    dated = outcomes["decision_date"].dropna().astype(str)
    months = dated[dated.str.len() >= 7].str[:7].value_counts().sort_index()
    by_month = go.Figure()
    for kind in types:
        sel = outcomes[(outcomes.outcome_type == kind) & outcomes.decision_date.notna()]
        sel_months = sel.decision_date.astype(str)
        sel_months = sel_months[sel_months.str.len() >= 7].str[:7].value_counts()
        if len(sel_months):
            sel_months = sel_months.reindex(months.index, fill_value=0)
            by_month.add_trace(
                go.Bar(
                    x=list(sel_months.index),
                    y=sel_months.tolist(),
                    name=kind,
                    hovertemplate="%{x} " + kind + ": %{y}<extra></extra>",
                )
            )
    _layout(
        by_month,
        f"Outcomes by decision month ({int(months.sum())} with a month or day date)",
        "month",
        "outcomes",
    )
    by_month.update_layout(barmode="stack", showlegend=True, xaxis_type="category")

    sentenced = outcomes[outcomes["sentence_max_months"].notna()]
    n_life = int(outcomes["life_sentence"].fillna(False).astype(bool).sum())
    lengths = go.Figure(
        go.Histogram(
            x=sentenced["sentence_max_months"].astype(float).tolist(),
            xbins={"start": 0, "size": 12},
            marker_color=COLOR,
            hovertemplate="%{x} months: %{y}<extra></extra>",
        )
    )
    _layout(
        lengths,
        f"Custody sentence length ({_n(len(sentenced), 'term')}; "
        f"{_n(n_life, 'life sentence')} not shown)",
        "months (upper bound of the term, 1-year bins)",
        "outcomes",
    )
    lengths.update_layout(bargap=0.05, xaxis_rangemode="tozero")

    ranked = sorted(charges["category"].value_counts().items(), key=lambda kv: (-kv[1], kv[0]))
    cats = ranked[:TOP_CHARGES][::-1]  # largest at the top of a horizontal bar chart
    top = go.Figure(
        go.Bar(
            x=[int(n) for _, n in cats],
            y=[c for c, _ in cats],
            orientation="h",
            marker_color=COLOR,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    _layout(top, f"Top charge categories ({len(charges)} charges)", "charges", "")
    top.update_layout(margin={"l": 150})
    return {
        "chart-outcomes-by-type": by_type,
        "chart-outcomes-by-month": by_month,
        "chart-sentence-lengths": lengths,
        "chart-charge-categories": top,
    }


def _charts_section(tables: dict[str, pd.DataFrame]) -> str:
    divs = []
    for i, (div_id, fig) in enumerate(chart_figures(tables).items()):
        snippet = fig.to_html(
            full_html=False,
            include_plotlyjs=(i == 0),
            div_id=div_id,
            config=PLOT_CONFIG,
            default_height="380px",
        )
        divs.append(f"<div class=chart>{snippet}</div>")
    return "<h2 id=charts>Charts</h2><div class=charts>" + "".join(divs) + "</div>"


# ---------------------------------------------------------------- timelines


def case_timelines(tables: dict[str, pd.DataFrame]) -> list[dict[str, Any]]:
    """Per case: caption, court, defendant and the dated steps, oldest first."""
    outcomes = tables["legal_outcomes"]
    charges_by_outcome: dict[str, list[str]] = defaultdict(list)
    charges = tables["charges"]
    for outcome_id, text, category in zip(
        charges["outcome_id"].tolist(),
        charges["charge_text"].tolist(),
        charges["category"].tolist(),
        strict=True,
    ):
        charges_by_outcome[outcome_id].append(f"{text} ({category})")
    by_case: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for o in present_records(outcomes):
        details = _terms(o)
        charged = charges_by_outcome.get(o["outcome_id"], [])
        by_case[o["case_id"]].append(
            {
                "date": o["decision_date"],
                "step": o["outcome_type"],
                "details": details,
                "charges": sorted(set(charged)),
                "evidence": o["evidence"],
                "doc_id": o["doc_id"],
                "key": o["outcome_id"],
            }
        )
    # Asserted events (arrest, indictment, trial...) of each case's defendant.
    defendant_cases: dict[str, list[str]] = defaultdict(list)
    for c in tables["cases"].itertuples(index=False):
        if _present(c.defendant_entity_id):
            defendant_cases[c.defendant_entity_id].append(c.case_id)
    events = {ev["event_id"]: ev for ev in present_records(tables["events"])}
    participants = tables["event_participants"]
    for event_id, entity_id, role in zip(
        participants["event_id"].tolist(),
        participants["entity_id"].tolist(),
        participants["role"].tolist(),
        strict=True,
    ):
        if role != "defendant" or entity_id not in defendant_cases or event_id not in events:
            continue
        ev = events[event_id]
        if ev["modality"] != "asserted" or ev["event_type"] in {"sentencing", "conviction", "plea"}:
            continue  # outcomes already give these steps, with their terms
        for case_id in defendant_cases[entity_id]:
            by_case[case_id].append(
                {
                    "date": ev["date"],
                    "step": ev["event_type"].replace("_", " "),
                    "details": f"place: {ev['place']}" if ev["place"] else "",
                    "charges": [],
                    "evidence": ev["evidence"],
                    "doc_id": ev["doc_id"],
                    "key": ev["event_id"],
                    "is_event": True,
                }
            )
    out = []
    for c in present_records(tables["cases"]):
        steps = sorted(by_case.get(c["case_id"], []), key=_step_key)
        out.append({**c, "steps": steps})
    out.sort(key=lambda c: (-(c["n_outcomes"] or 0), c["caption"] or "", c["case_id"]))
    return out


def _step_key(step: dict[str, Any]) -> tuple:
    rank = STEP_ORDER["event"] if step.get("is_event") else STEP_ORDER.get(step["step"], 3)
    return (step["date"] is None, step["date"] or "", rank, step["key"])


def _terms(o: dict[str, Any]) -> str:
    parts = []
    if o.get("death_sentence"):
        parts.append("death sentence")
    if o.get("life_sentence"):
        parts.append("life in prison")
    lo, hi = o.get("sentence_min_months"), o.get("sentence_max_months")
    if lo is not None and hi is not None:
        term = f"{int(lo)} months" if lo == hi else f"{int(lo)}–{int(hi)} months"
        parts.append(term + (" (suspended)" if o.get("custody_suspended") else "") + " custody")
    for col, label in (
        ("probation_months", "probation"),
        ("supervised_release_months", "supervised release"),
    ):
        if o.get(col) is not None:
            parts.append(f"{int(o[col])} months {label}")
    for col, label in (
        ("fine_usd", "fine"),
        ("restitution_usd", "restitution"),
        ("forfeiture_usd", "forfeiture"),
    ):
        if o.get(col) is not None:
            parts.append(f"{label} ${o[col]:,.0f}")
    if o.get("conviction_method"):
        parts.append(f"by {o['conviction_method']}")
    if o.get("judge_name"):
        parts.append(f"judge {o['judge_name']}")
    return "; ".join(parts)


def _timelines_section(tables: dict[str, pd.DataFrame]) -> str:
    cases = case_timelines(tables)
    head = (
        f"<h2 id=timelines>Case timelines</h2><p class=muted>{len(cases)} cases; each "
        "step with its date (as precise as the source) and the sentence it was read "
        "from. Hover a row for the document ID.</p>"
    )
    if len(cases) > MAX_TIMELINES:
        head += (
            f"<p class=muted>Showing the {MAX_TIMELINES} cases with the most outcomes; "
            "the others are in cases.parquet.</p>"
        )
    blocks = []
    for case in cases[:MAX_TIMELINES]:
        rows = []
        for s in case["steps"]:
            what = _esc(s["details"])
            if s["charges"]:
                what += ("<br>" if what else "") + "charges: " + _esc("; ".join(s["charges"]))
            rows.append(
                f'<tr title="{_esc(s["doc_id"])}">'
                f"<td class=date>{_esc(s['date'] or '—')}</td>"
                f"<td><b>{_esc(s['step'].replace('_', ' '))}</b></td><td>{what}</td>"
                f"<td class=evidence>{_esc(s['evidence'])}</td></tr>"
            )
        meta = " · ".join(
            _esc(x)
            for x in (
                case["court"],
                f"status: {case['status']}",
                f"{case['n_documents']} document(s)",
            )
            if x
        )
        blocks.append(
            f'<div class=case id="{_esc(case["case_id"])}"><h3>{_esc(case["caption"])}</h3>'
            f"<p class=muted>{meta} · <code>{_esc(case['case_id'])}</code></p><table><tr>"
            "<th>date</th><th>step</th><th>terms</th><th>evidence</th></tr>"
            + "".join(rows)
            + "</table></div>"
        )
    return head + "".join(blocks)


# ---------------------------------------------------------------- page


def render_report(
    tables: dict[str, pd.DataFrame],
    version: str,
    eval_figures: dict[str, Any] | None = None,
    profile: Profile | None = None,
) -> str:
    """The whole ``report.html`` page as text; ``profile`` as in :func:`render_card`."""
    nav = " · ".join(
        f'<a href="#{a}">{t}</a>'
        for a, t in (
            ("tables", "Tables"),
            ("evaluation", "Evaluation"),
            ("charts", "Charts"),
            ("timelines", "Case timelines"),
        )
    )
    body = "".join(
        [
            f"<h1>casewire release {_esc(version)}</h1>",
            "<p class=muted>Criminal cases read from press releases: what this release holds. "
            "Tables are in the Parquet/CSV files beside this page; the dataset card is "
            f"README.md.</p><p>{nav}</p>",
            _tables_section(profile if profile is not None else table_profile(tables)),
            _eval_section(eval_figures),
            _charts_section(tables),
            _timelines_section(tables),
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>casewire release {_esc(version)}</title><style>{CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def write_report(
    tables: dict[str, pd.DataFrame],
    folder: Path,
    eval_figures: dict[str, Any] | None = None,
    *,
    version: str | None = None,
    profile: Profile | None = None,
) -> Path:
    """Write ``report.html`` into ``folder``; ``version`` defaults to the folder's name
    (pass it when writing into a temporary folder that is renamed later)."""
    folder = Path(folder)
    path = folder / REPORT_FILE
    text = render_report(tables, version or folder.name, eval_figures, profile)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return path
