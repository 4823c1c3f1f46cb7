"""The report's outcomes table: every outcome, searchable and sortable, in the page.

The rows travel as JSON in a ``<script type="application/json">`` block (with ``<``,
``>`` and ``&`` written as ``\\u003c``... so no document text can close the block) and
plain JavaScript (``report_outcomes.js``) draws them with DOM calls (``textContent``, never
``innerHTML``): document text is never parsed as HTML. A link is made only for an
``http(s)`` URL. Search and sorting run over all rows; only :data:`PAGE_ROWS` are in
the DOM at a time, so a whole-corpus release (tens of thousands of outcomes) stays a
page a browser opens quickly; its size grows with the evidence sentences, which
are stored once however many outcomes share one.

Each row shows its evidence sentence highlighted (``<mark>``) in the passage around
it (:data:`CONTEXT_CHARS` either side, from ``documents.text``): the highlighted text
is exactly ``text[start_char:end_char]``.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from casewire.publish.files import present_records
from casewire.publish.ftm import describe_outcome

#: The script that draws the table, beside this module.
TABLE_JS = "report_outcomes.js"
#: Rows drawn at a time; search and sort work over all of them.
PAGE_ROWS = 50
#: Characters of document text shown before and after the evidence sentence.
CONTEXT_CHARS = 160
TITLE_CHARS = 90
#: Sort value of a life or death sentence: longer than any term in months.
LIFE_MONTHS = 1_000_000
FIELDS = [
    "id",
    "date",
    "defendant",
    "outcome",
    "terms",
    "months",
    "charges",
    "court",
    "judge",
    "doc",
    "passage",
]
#: (field, heading, sort field) of each column, left to right.
COLUMNS = [
    ("date", "date", "date"),
    ("defendant", "defendant", "defendant"),
    ("outcome", "outcome", "outcome"),
    ("terms", "terms", "months"),
    ("charges", "charges", "charges"),
    ("court", "court", "court"),
    ("judge", "judge", "judge"),
    ("doc", "source", "doc"),
    ("passage", "evidence", "passage"),
]
_URL_RE = re.compile(r"^https?://[^\s\"'<>\\\x00-\x1f\x7f]+$", re.IGNORECASE)


def esc(value: Any) -> str:
    """HTML-escaped text (quotes too, so it is safe in attributes); None -> ''."""
    return html.escape("" if value is None else str(value))


def safe_url(value: Any) -> str | None:
    """``value`` if it is an http(s) URL that cannot leave an attribute; else None
    (a ``javascript:`` URL from a document must never become a link)."""
    return value if isinstance(value, str) and _URL_RE.match(value) else None


def doc_sources(documents: pd.DataFrame) -> dict[str, tuple[str, str | None]]:
    """doc_id -> (label, URL or None): the title (else the source id) and the link."""
    out = {}
    for d in present_records(documents[["doc_id", "source_id", "title", "url"]]):
        title = " ".join(str(d["title"] or "").split())
        if len(title) > TITLE_CHARS:
            title = title[: TITLE_CHARS - 1].rstrip() + "…"
        out[d["doc_id"]] = (title or d["source_id"], safe_url(d["url"]))
    return out


def source_link(doc_id: str, sources: Mapping[str, tuple[str, str | None]]) -> str:
    """The document as HTML: a link to its URL, or its label with the doc id on hover."""
    label, url = sources.get(doc_id, (doc_id, None))
    if url:
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(label)}</a>'
    return f'<span title="{esc(doc_id)}">{esc(label)}</span>'


def document_texts(path: Path, doc_ids: Iterable[str]) -> dict[str, str]:
    """doc_id -> text for ``doc_ids``, read from a ``documents.parquet`` (the release
    flow has let the text column go by the time the report is written)."""
    wanted = sorted(set(doc_ids))
    if not wanted:
        return {}
    table = pq.read_table(path, columns=["doc_id", "text"], filters=[("doc_id", "in", wanted)])
    return dict(zip(table["doc_id"].to_pylist(), table["text"].to_pylist(), strict=True))


def passage(text: str | None, start: int, end: int, evidence: str) -> list[str]:
    """[before, sentence, after]: the evidence with up to CONTEXT_CHARS of text each
    side, cut at a space. Without the text (or if it disagrees), the evidence alone."""
    if not text or text[start:end] != evidence:
        return ["", evidence, ""]
    before = text[max(0, start - CONTEXT_CHARS) : start]
    if start > CONTEXT_CHARS:
        before = "…" + before[before.find(" ") + 1 :] if " " in before else "…" + before
    after = text[end : end + CONTEXT_CHARS]
    if end + CONTEXT_CHARS < len(text):
        after = (after[: after.rfind(" ")] if " " in after else after) + "…"
    return [before, evidence, after]


def terms(o: Mapping[str, Any]) -> str:
    """An outcome's terms in words, as the FtM export describes them, its judge and the
    people who prosecuted and defended it."""
    described = describe_outcome(dict(o))
    parts = [described] if described else []
    if o.get("judge_name"):
        parts.append(f"judge {o['judge_name']}")
    for column, word in (("prosecutor_names", "prosecutor"), ("defense_attorney_names", "defense")):
        names = o.get(column)
        if names is not None and len(names):
            parts.append(f"{word} {', '.join(names)}")
    return "; ".join(parts)


def _months(o: Mapping[str, Any]) -> int | None:
    if o.get("life_sentence") or o.get("death_sentence"):
        return LIFE_MONTHS
    hi = o.get("sentence_max_months")
    return None if hi is None else int(hi)


def outcome_rows(
    tables: Mapping[str, pd.DataFrame], texts: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The table's data: ``fields``, ``rows`` (newest decision first, undated last),
    ``docs`` ([label, URL, doc_id], each once) and ``passages`` (each once)."""
    categories: dict[str, set[str]] = defaultdict(set)
    charges = tables["charges"]
    for outcome_id, category in zip(
        charges["outcome_id"].tolist(), charges["category"].tolist(), strict=True
    ):
        categories[outcome_id].add(category)
    sources = doc_sources(tables["documents"])
    outcomes = sorted(present_records(tables["legal_outcomes"]), key=lambda o: o["outcome_id"])
    outcomes.sort(key=lambda o: o["decision_date"] or "", reverse=True)  # stable
    doc_index: dict[str, int] = {}
    passage_index: dict[tuple[str, int, int], int] = {}
    docs: list[list[Any]] = []
    passages: list[list[str]] = []
    rows = []
    for o in outcomes:
        doc_id = o["doc_id"]
        if doc_id not in doc_index:
            doc_index[doc_id] = len(docs)
            docs.append([*sources.get(doc_id, (doc_id, None)), doc_id])
        span = (doc_id, int(o["start_char"]), int(o["end_char"]))
        if span not in passage_index:
            passage_index[span] = len(passages)
            text = (texts or {}).get(doc_id)
            passages.append(passage(text, span[1], span[2], o["evidence"]))
        rows.append(
            [
                o["outcome_id"],
                o["decision_date"],
                o["defendant_name"],
                o["outcome_type"],
                terms(o),
                _months(o),
                ", ".join(sorted(categories.get(o["outcome_id"], ()))),
                o["court"],
                o["judge_name"],
                doc_index[doc_id],
                passage_index[span],
            ]
        )
    return {"fields": FIELDS, "rows": rows, "docs": docs, "passages": passages}


def script_json(value: Any) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>``, ``&`` and the JS line separators
    escaped, so ``</script>`` or ``<!--`` in document text stays inside the string."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return text


def _table_js() -> str:
    return resources.files("casewire.publish").joinpath(TABLE_JS).read_text(encoding="utf-8")


def outcomes_section(
    tables: Mapping[str, pd.DataFrame], texts: Mapping[str, str] | None = None
) -> str:
    """The outcomes table section: controls, an empty table, the data and the script."""
    data = outcome_rows(tables, texts)
    data["page"] = PAGE_ROWS
    data["columns"] = [[field, sort] for field, _, sort in COLUMNS]
    n = len(data["rows"])
    heads = "".join(
        f'<th data-col="{field}" aria-sort="{"descending" if field == "date" else "none"}">'
        f"<button type=button>{esc(label)}</button></th>"
        for field, label, _ in COLUMNS
    )
    return (
        f"<h2 id=outcomes>Outcomes</h2><p class=muted>{n:,} outcomes (one per defendant "
        "and document), newest decision first. The search box keeps the rows holding "
        "every word typed, in any column or the evidence, and runs over all of them; "
        f"{PAGE_ROWS} rows are shown a page at a time. Click a heading to sort by it "
        "(again to reverse). The source links to the document where it has a URL; the "
        "evidence sentence is highlighted in its passage.</p>"
        "<div class=controls><input id=outcome-search type=search "
        'placeholder="search outcomes, e.g. bribery sentenced" aria-label="search outcomes">'
        " <button id=outcome-prev type=button>‹ previous</button>"
        "<button id=outcome-next type=button>next ›</button> <span id=outcome-status "
        "class=muted></span></div>"
        f"<table id=outcomes-table><thead><tr>{heads}</tr></thead><tbody></tbody></table>"
        "<noscript><p>This table needs JavaScript; the same rows are in "
        "legal_outcomes.csv.</p></noscript>"
        f'<script type="application/json" id=outcomes-data>{script_json(data)}</script>'
        f"<script>{_table_js()}</script>"
    )
