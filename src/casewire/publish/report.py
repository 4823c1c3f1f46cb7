"""The release report: one self-contained ``report.html`` (opens offline, no CDN).

Counts and fill rates per table, evaluation figures, four Plotly charts
(:mod:`casewire.publish.report_charts`), the outcomes as a searchable, sortable table
(:mod:`casewire.publish.report_outcomes`) and a timeline per case (charges,
plea/verdict, sentence, with dates and the evidence sentence). Every fact names its
source document, linked to the document's ``url`` where it has one. plotly.js is
inlined once. The page carries no timestamp: the same tables give the same bytes.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

import schemas
from casewire.publish.card import Profile, table_profile
from casewire.publish.files import present_records
from casewire.publish.report_charts import chart_figures
from casewire.publish.report_outcomes import (
    doc_sources,
    document_texts,
    esc,
    outcomes_section,
    source_link,
    terms,
)

__all__ = ["REPORT_FILE", "case_timelines", "chart_figures", "render_report", "write_report"]

REPORT_FILE = "report.html"
#: Cases with a timeline in the report (most outcomes first); the rest are counted.
MAX_TIMELINES = 200
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "displayModeBar": False}
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
mark{background:#fefcbf;padding:0 .1rem}.ctx{color:#718096}td.source{max-width:14rem}
#outcomes-table td.evidence{min-width:24rem}
.controls{margin:.5rem 0}.controls input{width:22rem;padding:.3rem}
th button{all:unset;cursor:pointer;font-weight:600}
th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}
@media (max-width:900px){.charts{grid-template-columns:1fr}}
"""


def _present(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return len(value) > 0
    return value is not None and not (not isinstance(value, str) and pd.isna(value))


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
            f"<tr><td>{esc(name)}</td><td class=num>{n_rows:,}</td>"
            f"<td class=num>{len(rates)}</td><td class=num>{mean:.0%} "
            f'<span class=bar style="width:{mean * 80:.0f}px"></span></td></tr>'
        )
        cells = "".join(
            f"<tr><td>{esc(c)}</td><td class=num>{r:.0%}</td><td>"
            f'<span class=bar style="width:{r * 120:.0f}px"></span></td></tr>'
            for c, r in rates.items()
        )
        details.append(
            f"<details><summary>{esc(name)}</summary><table><tr><th>column</th>"
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
        f"<tr><td>{esc(k)}</td><td class=num>{esc(_fmt(v))}</td></tr>"
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
        charged = charges_by_outcome.get(o["outcome_id"], [])
        by_case[o["case_id"]].append(
            {
                "date": o["decision_date"],
                "step": o["outcome_type"],
                "details": terms(o),
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


def _timelines_section(tables: dict[str, pd.DataFrame]) -> str:
    cases = case_timelines(tables)
    sources = doc_sources(tables["documents"])
    head = (
        f"<h2 id=timelines>Case timelines</h2><p class=muted>{len(cases)} cases; each "
        "step with its date (as precise as the source), the sentence it was read from "
        "and its source document (linked where the document has a URL).</p>"
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
            what = esc(s["details"])
            if s["charges"]:
                what += ("<br>" if what else "") + "charges: " + esc("; ".join(s["charges"]))
            rows.append(
                f"<tr><td class=date>{esc(s['date'] or '—')}</td>"
                f"<td><b>{esc(s['step'].replace('_', ' '))}</b></td><td>{what}</td>"
                f"<td class=evidence>{esc(s['evidence'])}</td>"
                f"<td class=source>{source_link(s['doc_id'], sources)}</td></tr>"
            )
        meta = " · ".join(
            esc(x)
            for x in (
                case["court"],
                f"status: {case['status']}",
                f"{case['n_documents']} document(s)",
            )
            if x
        )
        blocks.append(
            f'<div class=case id="{esc(case["case_id"])}"><h3>{esc(case["caption"])}</h3>'
            f"<p class=muted>{meta} · <code>{esc(case['case_id'])}</code></p><table><tr>"
            "<th>date</th><th>step</th><th>terms</th><th>evidence</th><th>source</th></tr>"
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
    texts: Mapping[str, str] | None = None,
) -> str:
    """The whole ``report.html`` page as text; ``profile`` as in :func:`render_card`.

    ``texts`` (doc_id -> text) gives the passage around each evidence sentence; by
    default ``documents.text`` when the table still has it, else the sentence alone."""
    if texts is None and "text" in tables["documents"].columns:
        docs = tables["documents"]
        texts = dict(zip(docs["doc_id"].tolist(), docs["text"].tolist(), strict=True))
    nav = " · ".join(
        f'<a href="#{a}">{t}</a>'
        for a, t in (
            ("tables", "Tables"),
            ("evaluation", "Evaluation"),
            ("charts", "Charts"),
            ("outcomes", "Outcomes"),
            ("timelines", "Case timelines"),
        )
    )
    body = "".join(
        [
            f"<h1>casewire release {esc(version)}</h1>",
            "<p class=muted>Criminal cases read from press releases: what this release holds. "
            "Tables are in the Parquet/CSV files beside this page; the dataset card is "
            f"README.md.</p><p>{nav}</p>",
            _tables_section(profile if profile is not None else table_profile(tables)),
            _eval_section(eval_figures),
            _charts_section(tables),
            outcomes_section(tables, texts),
            _timelines_section(tables),
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>casewire release {esc(version)}</title><style>{CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def write_report(
    tables: dict[str, pd.DataFrame],
    folder: Path,
    eval_figures: dict[str, Any] | None = None,
    *,
    version: str | None = None,
    profile: Profile | None = None,
    documents_file: Path | None = None,
) -> Path:
    """Write ``report.html`` into ``folder``; ``version`` defaults to the folder's name
    (pass it when writing into a temporary folder that is renamed later).
    ``documents_file``: a ``documents.parquet`` to read the texts of documents with
    outcomes from, when ``tables["documents"]`` no longer holds them."""
    folder = Path(folder)
    path = folder / REPORT_FILE
    texts = None
    if documents_file is not None and "text" not in tables["documents"].columns:
        texts = document_texts(documents_file, tables["legal_outcomes"]["doc_id"].tolist())
    text = render_report(tables, version or folder.name, eval_figures, profile, texts)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return path
