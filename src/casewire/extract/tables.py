"""Table zones: releases that set out defendants one per row.

Orange County lays a table out one cell per line ("Defendant / Conviction /
Sentence" headers, then for each man "Name, 45, City", "Pleaded guilty to ...",
"Sixty days in jail, three years informal probation ..."); DOJ and San Diego
releases list defendants one per line ("- Name, 34, of City" or
"Name, 54, of City | Pleaded guilty June 26, 2015. Sentenced to 21 years ...").
Read as prose, such a zone loses its rows: a row's name, plea and term sit in
three "sentences" that the parser never ties together. Here a zone is read as a
table: each row head (``Name, age, place`` alone on its line) owns the cell lines
under it up to the next row head.

Shared with ingest cleaning (``is_row_head``), so that cleaning keeps the rows it
would otherwise take for a menu or a repeated headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = r"[A-Z][a-z][A-Za-z'’.\-]*|[A-Z]\.|de|del|la|van|von|Jr\.?|Sr\.?|III|II"
#: ``[- ]Name[, a/k/a X], 34, [of] Place[, State][.;:]``, alone on its line.
_ROW_HEAD = re.compile(
    rf"^(?:[-•·*–]\s*)?(?P<name>[A-Z][a-z][A-Za-z'’\-]*(?: (?:{_WORD})){{1,4}}?)"
    r"(?:,\s*(?:Jr|Sr)\.?|,\s*I{2,3})?(?:,?\s+(?:a/k/a|aka|a\.k\.a\.)\s+[^,]{1,30})?"
    r"\s*[,.]\s*(?:age\s+)?(?P<age>\d{1,2})(?:,\s*|\s+)(?:(?:a/k/a|aka)\s+[^,]{1,30},\s*)?"
    r"(?:of\s+)?(?P<place>[A-Z][A-Za-z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30}){0,2})"
    r"\s*(?:[.;:]|,?\s+and)?$"
)
#: Headers of a table whose terms are the charges' maximums, not sentences.
_MAX_HEADER = re.compile(r"\b(?:maximum|max\.?|possible|faces?|exposure)\b", re.I)
_HEADER_MAX_WORDS = 6
#: A cell line is short; a prose paragraph ends the row.
_CELL_MAX_CHARS = 400
_CELLS_PER_ROW = 4
_SINGLE_ROW_LINES = 16
_DEFENDANT_HEADER = re.compile(r"(?:defendant|name)\b", re.I)


def is_row_head(line: str) -> bool:
    """``Name, 45, City`` (optionally bulleted, with an alias or "of") alone on a line."""
    return _ROW_HEAD.match(line.strip()) is not None


@dataclass(frozen=True)
class TableRow:
    """One row of a table zone: the defendant as written and the row's cells."""

    name: str
    age: int | None
    start: int  # offset of the row head in the text
    end: int  # end of the row's last cell line (exclusive)
    cells: tuple[tuple[int, int], ...]  # (start, end) of each cell line after the head
    max_terms: bool  # a header says the terms are maximum penalties


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text`` (newline excluded)."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def table_rows(text: str) -> list[TableRow]:
    """Rows of every table zone in ``text``: two or more row heads, each at most
    ``_CELLS_PER_ROW`` lines from the previous one's row."""
    lines = line_spans(text)
    heads = [i for i, (s, e) in enumerate(lines) if _ROW_HEAD.match(text[s:e].strip())]
    if not heads:
        return []
    rows: list[TableRow] = []
    groups: list[list[int]] = [[heads[0]]]
    for i in heads[1:]:
        if i - groups[-1][-1] <= _CELLS_PER_ROW + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        header = []
        for s, e in reversed(lines[max(0, group[0] - 5) : group[0]]):
            cell = text[s:e].strip()
            if not cell or len(cell.split()) > _HEADER_MAX_WORDS:
                break
            header.append(cell)
        max_terms = any(_MAX_HEADER.search(h) for h in header)
        if len(group) < 2:
            # one defendant set out under column headers ("Defendant / Charges / Sentence")
            if len(header) < 2 or not any(_DEFENDANT_HEADER.match(h) for h in header):
                continue
            width = _SINGLE_ROW_LINES
        else:
            gaps = [b - a - 1 for a, b in zip(group, group[1:], strict=False)]
            width = max(sorted(set(gaps)), key=gaps.count)  # cells per row, most rows
        for k, i in enumerate(group):
            stop = group[k + 1] if k + 1 < len(group) else min(len(lines), i + 1 + width)
            cells = []
            for s, e in lines[i + 1 : stop]:
                cell = text[s:e].strip()
                if not cell:
                    continue
                if len(cell) > (_CELL_MAX_CHARS if len(group) > 1 else 200) or is_row_head(cell):
                    break
                cells.append((s, e))
            s, e = lines[i]
            m = _ROW_HEAD.match(text[s:e].strip())
            assert m is not None
            rows.append(
                TableRow(name=m.group("name"), age=int(m.group("age")), start=s,
                         end=cells[-1][1] if cells else e, cells=tuple(cells),
                         max_terms=max_terms)
            )  # fmt: skip
    return rows
