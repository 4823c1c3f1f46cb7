"""Block zones: a defendant's heading line owning the lines under it.

Two layouts beyond the ``Name, age, City`` tables of :mod:`casewire.extract.tables`:

- **Case blocks** (annual reports' "Case Spotlight"): a line holding only a
  person's name ("Kevin Wright", "State v. Darryl Goggans"), then short charge
  lines and a narrative, then a subjectless outcome line ("GUILTY and sentenced to
  25 years in prison", "Sentenced to LIFE in Prison", "Convicted for ...").
  The outcome line has no subject of its own: it belongs to the heading's name.
- **Clemency records** (pardon and commutation lists): a head line naming the
  person ("- James Bernard Banks - Liberty, Utah") followed by "Offense:" and
  "Sentence:" lines. The person gets the grant (``other``) and the original
  sentence the record states (``sentenced``).

Shared with ingest cleaning (:func:`block_lines`) so that a block's short heading
and charge lines are never dropped as a menu run.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from casewire.extract.tables import is_row_head, line_spans

#: A person's name alone on its line, optionally as a case caption ("State v. X").
_NAME_LINE = re.compile(
    r"^(?P<caption>State\s+vs?\.?\s+)?(?P<name>[A-Z][a-z][A-Za-z'’\-]*"
    r"(?:\s+(?:[A-Z]\.|[A-Z][a-z][A-Za-z'’\-]*|de|del|la|van|von)){1,3}"
    r"(?:,?\s+(?:Jr|Sr)\.?|,?\s+I{2,3})?)\s*$"
)
#: An outcome line without a subject (or with "the defendant" for one).
_OUTCOME_LINE = re.compile(
    r"^(?:[-•*]\s*)?(?:GUILTY\b|Guilty\b(?!\s+plea)|Found\s+guilty|FOUND\s+GUILTY|Convicted\b"
    r"|CONVICTED\b|Sentenced\b|SENTENCED\b|Pleaded\s+guilty|Pled\s+guilty|PLED\s+GUILTY"
    r"|Pleaded\s+no\s+contest|Acquitted|ACQUITTED|Not\s+guilty|NOT\s+GUILTY"
    # "The defendant was sentenced to ...", never "The defendant was speeding ..."
    r"|(?:The\s+)?[Dd]efendant\s+(?:was|is|has\s+been)\s+(?:\w+\s+){0,2}?"
    r"(?:sentenced|convicted|found|acquitted|placed|ordered|given)\b)"
)
#: An outcome line whose object is the block's defendant: "Judge Peggy Hoffman sentenced
#: Defendant to ...", "The jury found the defendant guilty" (a clause, however many of its
#: words are capitalized).
_DEFENDANT_OBJECT_LINE = re.compile(
    r"^(?:[-•*]\s*)?(?:(?:The\s+)?(?:Judge|jury|court)\b[^.;:]{0,60}?\s)?"
    r"(?:sentenced|found|convicted)\s+(?:the\s+)?[Dd]efendant\b(?!['’])"
)
#: Leading verdict word of an outcome line ("GUILTY and sentenced ...").
VERDICT_LEAD = re.compile(r"^(?:[-•*]\s*)?(?:GUILTY|Guilty|Found\s+guilty|FOUND\s+GUILTY)\b")
#: A short label line under the heading: charges ("Capital Murder", "DWI 3rd").
_CHARGE_LINE_MAX_WORDS = 14
_BLOCK_MAX_LINES = 20

#: A contact line under a name ("Spokesperson", "Office: 714-347-8405", an e-mail): the
#: name is a press officer's, not a case heading.
_CONTACT_LINE = re.compile(
    r"\b(?:Spokes(?:person|man|woman)|Public\s+(?:Affairs|Information)|Communications|Media"
    r"\s+Relations|Press\s+(?:Secretary|Officer)|Contact)\b|@|\(?\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}",
    re.I,
)
#: The label line above an author's or contact's name ("Author", "By", "Contact").
_BYLINE_LABEL = re.compile(r"^(?:Author|By|Written\s+by|(?:Media\s+)?Contacts?)\s*:?$", re.I)
#: An outcome line telling the defendant's history ("*Defendant was previously convicted").
_HISTORY = re.compile(r"\b(?:previously|originally|prior|earlier|formerly)\b", re.I)
_COLUMN_HEADER = re.compile(
    r"^(?:Defendants?|Charges?|(?:Maximum\s+)?Sentences?|Convictions?|Court\s+Date|Name)$", re.I
)


def _prose_case(line: str) -> bool:
    """An outcome line reads as a clause ("GUILTY and sentenced to 25 years in prison"),
    not a headline ("Convicted Felon Charged with ...", "CONVICTED"): four words or more,
    most of them not capitalized."""
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(line.split()) >= 4 and sum(w[0].isupper() for w in words) * 2 < len(words) + 2


def person_like(name: str, strict: bool = False) -> bool:
    """First word a census given name or last word a census surname ("Case Spotlight",
    "Maximum Sentence" are neither); ``strict``: both. Never a name whose last word ends
    no name ("Case Highlight", "Bureau Chief": ``person_not_last_words``)."""
    from casewire.extract.mentions import census_names, ends_no_name  # mentions imports this

    given, surnames = census_names()
    words = [w.casefold() for w in re.findall(r"[A-Za-z'’\-]+", name)]
    words = [w for w in words if w not in ("jr", "sr", "ii", "iii")]
    if not words or ends_no_name(words[-1]):
        return False
    if strict:
        return words[0] in given and words[-1] in surnames and len(words) >= 2
    return words[0] in given or words[-1] in surnames


_RECORD_OFFENSE = re.compile(r"^Offenses?:\s*")
_RECORD_SENTENCE = re.compile(r"^Sentences?:\s*")


@dataclass(frozen=True)
class CaseBlock:
    """A heading name and the lines of its block that state charges and outcomes."""

    name: str
    name_start: int  # offset of the name in the heading line
    start: int  # heading line start
    end: int  # end of the last outcome line
    cells: tuple[tuple[int, int], ...]  # charge lines, then outcome lines
    outcome_lines: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Record:
    """One clemency record: the head line, its "Offense:" and "Sentence:" lines."""

    head: tuple[int, int]
    offense: tuple[int, int] | None
    sentence: tuple[int, int]


def _stripped(text: str, s: int, e: int) -> tuple[int, int]:
    line = text[s:e]
    lead = len(line) - len(line.lstrip())
    return s + lead, s + len(line.rstrip())


def is_name_line(line: str) -> bool:
    """A line holding only a person-like name (title-case words), or "State v. Name"."""
    line = line.strip()
    return _NAME_LINE.match(line) is not None and not line.isupper()


def _outcome_line(line: str) -> bool:
    """A subjectless outcome clause, or one whose object is "the defendant"; never the
    defendant's history ("*Defendant was previously convicted ...")."""
    if _HISTORY.search(line):
        return False
    return bool(
        (_OUTCOME_LINE.match(line) and _prose_case(line)) or _DEFENDANT_OBJECT_LINE.match(line)
    )


def _charge_line(line: str) -> bool:
    return (
        0 < len(line.split()) <= _CHARGE_LINE_MAX_WORDS
        and not line.endswith(".")
        and ":" not in line
        and _OUTCOME_LINE.match(line) is None
        and _DEFENDANT_OBJECT_LINE.match(line) is None
    )


def case_blocks(text: str) -> list[CaseBlock]:
    """Every name line followed, with no blank line or other name line between and
    within ``_BLOCK_MAX_LINES`` lines, by one or more subjectless outcome lines. Blocks
    may overlap ("Case Spotlight" above "Kevin Wright"): the reader keeps the first
    whose heading is a person (:func:`disjoint`)."""
    lines = line_spans(text)
    out: list[CaseBlock] = []
    for i, (s, e) in enumerate(lines):
        m = _NAME_LINE.match(text[s:e].strip())
        if m is None or text[s:e].strip().isupper():
            continue
        if any(_CONTACT_LINE.search(text[ls:le]) for ls, le in lines[i + 1 : i + 3]) or (
            i and _BYLINE_LABEL.match(text[slice(*lines[i - 1])].strip())
        ):
            continue
        charges: list[tuple[int, int]] = []
        outcomes: list[tuple[int, int]] = []
        narrative = False
        for ls, le in lines[i + 1 : i + 1 + _BLOCK_MAX_LINES]:
            line = text[ls:le].strip()
            if not line or is_row_head(line) or (is_name_line(line) and (narrative or outcomes)):
                break  # a name line right under the heading is a charge ("Capital Murder")
            if _COLUMN_HEADER.match(line):
                break  # a table's column headers: the table zone owns what follows
            if _outcome_line(line):
                outcomes.append(_stripped(text, ls, le))
                continue
            if outcomes:
                break  # the block ends with its outcome lines
            if not narrative and _charge_line(line):
                charges.append(_stripped(text, ls, le))
            else:
                narrative = True
        if not outcomes:
            continue
        lead = len(text[s:e]) - len(text[s:e].lstrip())
        out.append(
            CaseBlock(name=" ".join(m.group("name").split()), name_start=s + lead + m.start("name"),
                      start=s + lead, end=outcomes[-1][1], cells=(*charges, *outcomes),
                      outcome_lines=tuple(outcomes))
        )  # fmt: skip
    return out


def disjoint(blocks: list[CaseBlock]) -> list[CaseBlock]:
    """The blocks that do not overlap an earlier kept one."""
    out: list[CaseBlock] = []
    for b in blocks:
        if not out or b.start >= out[-1].end:
            out.append(b)
    return out


def records(text: str) -> list[Record]:
    """Clemency records: a "Sentence:" line with an "Offense:" line just above it (or
    none), under a head line that is neither a label line nor prose."""
    lines = line_spans(text)
    out: list[Record] = []
    for i, (s, e) in enumerate(lines):
        if not _RECORD_SENTENCE.match(text[s:e].strip()):
            continue
        k, offense = i - 1, None
        if k >= 0 and _RECORD_OFFENSE.match(text[slice(*lines[k])].strip()):
            offense, k = _stripped(text, *lines[k]), k - 1
        if k < 0:
            continue
        head = text[slice(*lines[k])].strip()
        if (
            not head
            or re.search(r"[:;(]", head)
            or (head.endswith(".") and " - " not in head)
            or head[0].isdigit()
            or len(head.split()) > 16
        ):
            continue
        out.append(Record(head=_stripped(text, *lines[k]), offense=offense,
                          sentence=_stripped(text, s, e)))  # fmt: skip
    return out if len(out) >= 2 else []


#: A record head's town and state at its end: "Hartsville, SC", "Lake Station, IN".
_HEAD_STATE = re.compile(r",\s*(?:[A-Z]{2}|D\.\s?C\.|[A-Z][a-z]{2,4}\.)\s*$")
_SURNAME_PARTICLES = frozenset({"van", "von", "de", "del", "della", "la", "le", "da", "di", "st."})
_HEAD_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?,?$")


def _head_splits(head: str) -> list[tuple[str, str]]:
    """Ways to read a head "Name Town, ST" written without a separator: ``(name,
    surname)`` for a town of one to three words, the name two words or more. A name
    suffix ends the name wherever it stands ("Jose Carlos Arras, Jr. Albuquerque, NM")."""
    m = _HEAD_STATE.search(head)
    if m is None:
        return []
    words = head[: m.start()].lstrip("-•* ").split()
    suffix = next((i for i, w in enumerate(words) if i >= 2 and _HEAD_SUFFIX.match(w)), None)
    ends = [suffix + 1] if suffix is not None else range(len(words) - 1, len(words) - 4, -1)
    out = []
    for end in ends:
        name = words[:end]
        core = [w for w in name if not _HEAD_SUFFIX.match(w)]
        if len(core) < 2 or end >= len(words) or not all(w[:1].isupper() for w in words):
            continue
        if core[-1].casefold() in _SURNAME_PARTICLES:
            continue  # "... Van Zee Highmore, SD": "Van" starts a surname, ends none
        out.append((" ".join(name).rstrip(","), core[-1].rstrip(",").casefold()))
    return out


def record_names(text: str, recs: list[Record]) -> list[str | None]:
    """The person each record's head names when the head glues the name to the town
    ("Timothy Adams Hartsville, SC"): the reading whose surname keeps the list in
    alphabetical order (clemency lists are sorted by surname), the shortest surname
    that is no earlier than the previous record's and no later than the latest the next
    record can have; a record earlier than the previous one starts a new sorted list. None
    where no reading keeps the order."""
    options = [_head_splits(text[slice(*r.head)]) for r in recs]
    out: list[str | None] = []
    last = ""
    for i, opts in enumerate(options):
        after = options[i + 1] if i + 1 < len(options) else []
        upper = max((sur for _, sur in after), default="\uffff")
        fits = sorted((sur, name) for name, sur in opts if last <= sur <= upper)
        if not fits and any(sur < last for _, sur in opts):
            # a second list starts again at A ("commutations ... pardons")
            fits = sorted((sur, name) for name, sur in opts if sur <= upper)
        if fits:
            last = fits[0][0]
            out.append(fits[0][1])
        else:
            out.append(None)
    return out


def block_lines(lines: list[str]) -> set[int]:
    """Indexes of the heading and charge lines of case blocks and of clemency record
    heads: short lines that cleaning must keep."""
    text = "\n".join(lines)
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1

    def index(off: int) -> int:
        return bisect.bisect_right(starts, off) - 1

    out: set[int] = set()
    for b in disjoint([b for b in case_blocks(text) if person_like(b.name)]):
        out.add(index(b.start))
        out.update(index(s) for s, _ in b.cells)
    for r in records(text):
        out.update(index(s) for s in (r.head[0], r.sentence[0]))
        if r.offense:
            out.add(index(r.offense[0]))
    return out
