"""Rosters: defendants listed one after another after a colon that says who they are.

"The individuals indicted include:" followed by "- Eduardo Franco, 30" lines; "names the
following 12 individuals as defendants: Han Tong, Xi Fu, ..."; "an indictment ... against
five bus transportation company owners: Gavino Rivera-Herrera, ...". The items are names
whether or not the tagger saw them, as the cue says so. Shared with ingest cleaning, which
must keep a roster's short lines that it would otherwise take for a menu.
"""

from __future__ import annotations

import re

#: A colon that opens a roster of defendants: the words before it on its line say who is
#: listed ("The individuals charged are:", "names the following 12 individuals as
#: defendants:", "an indictment ... against five bus transportation company owners:").
ROSTER_CUE = re.compile(
    r"\b(?:defendants?|individuals|people|persons|men|women|owners|members|suspects|"
    r"fugitives|charged|indicted|arrested)\b[^:\n]{0,40}:[ \t]*(?=\S|\n|$)",
    re.I,
)
#: ... and never a list of officials, agencies or helpers.
ROSTER_NOT = re.compile(
    r"\b(?:thank\w*|assist\w*|prosecut\w*|investigat\w*|agenc\w*|attorneys?|partners?|"
    r"officials?|judges?|victims?|witnesses|(?:charges?|counts?)\s+(?:are|include)|statutes?|"
    r"penalt\w*|eligible|relief|honou?r\w*|award\w*|team|committee|board|task\s+force)\b",
    re.I,
)
#: One item of a roster: a name of two to five capitalized words (hyphens, initials and
#: particles allowed), with what may follow it before the next item: a nickname, an age,
#: a residence or a role.
ROSTER_ITEM = re.compile(
    r"(?:[a-z]+[ \t]+){0,2}?"  # a role word before it: "recruiters Cristobal Coln-Coln"
    r"(?P<name>(?:[A-Z]\.|[A-Z][\w’'-]*)(?:[ \t]+(?:[A-Z]\.|Jr\.|Sr\.|[A-Z][\w’'-]*|de|del|la|"
    r"los|van|von|da|dos|y)){1,4})"
    r"(?P<rest>(?:,?[ \t]*\((?:[^()\n]{1,60})\))?"
    r"(?:,?[ \t]+(?:a/?k/?a\.?|aka|also\s+known\s+as)[ \t]+[^,;\n]{1,60})?"
    r"(?:,[ \t]*(?:age[ \t]+)?\d{1,3}\b)?"
    r"(?:,?[ \t]+(?:of|from)[ \t]+[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*)*"
    r"(?:,[ \t]*[A-Z][\w.'’]*(?:[ \t]+[A-Z][\w.'’]*)?(?=[ \t]*(?:[;\n(]|$)))?)?"
    r"(?:[ \t]*\([^()\n]{1,80}\))?)"  # "(already in state custody on unrelated charges)"
)
ROSTER_START = re.compile(r"[\s\-–•*]*")
ROSTER_SEP = re.compile(r"[ \t]*(?:[,;][ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|\.?[ \t]*\n[\s\-–•*]*)")

#: Words of a roster line: a bulleted or bare item, short.
_ROSTER_LINE_MAX_WORDS = 14


def roster_lines(lines: list[str]) -> set[int]:
    """Indexes of the item lines of rosters laid out one per line (a line ending with a
    roster cue, then short lines each opening with a capitalized name, bullets between):
    cleaning keeps them."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        cue = ROSTER_CUE.search(line)
        if cue is None or cue.end() < len(line.rstrip()) or ROSTER_NOT.search(line):
            continue
        for j in range(i + 1, len(lines)):
            item = lines[j].strip()
            if item in ("", "-", "–", "•", "*"):
                out.add(j)
                continue
            body = item.lstrip("-–•* \t")
            if len(body.split()) > _ROSTER_LINE_MAX_WORDS or ROSTER_ITEM.match(body) is None:
                break
            out.add(j)
    return out
