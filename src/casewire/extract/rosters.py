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
#: "The indictment charges the following defendants with conspiracy to participate in the
#: racketeering activities of the Latin Kings:", "charges against the following police
#: officers:": after "the following" and a noun for people, the colon may come later (29
#: corpus matches beyond the 40 characters, 28 DOJ; 20 read, 17 rosters of defendants).
ROSTER_CUE = re.compile(
    r"\b(?:(?:defendants?|individuals|people|persons|men|women|owners|members|suspects|"
    r"fugitives|charged|indicted|arrested)\b[^:\n]{0,40}"
    r"|the\s+following\s+(?:[\w-]+\s+){0,3}?(?:defendants|individuals|people|persons|men|"
    r"women|officers|agents|employees|executives|members|suspects|doctors|physicians|owners|"
    r"companies|corporations|entities|residents|nationals)\b[^:\n]{0,160}):"
    r"[ \t]*(?=\S|\n|$)",
    re.I,
)
#: ... and never a list of officials, agencies or helpers.
ROSTER_NOT = re.compile(
    r"\b(?:thank\w*|assist\w*|prosecut\w*|investigat\w*|agenc\w*|attorneys?|partners?|"
    r"officials?|judges?|victims?|witnesses|(?:charges?|counts?)\s+(?:are|include)|statutes?|"
    r"penalt\w*|eligible|relief|honou?r\w*|award\w*|team|committee|board|task\s+force|"
    r"staff|appoint\w*|claims)\b",
    re.I,
)
#: One item of a roster: a name of two to five capitalized words (hyphens, initials and
#: particles allowed), with what may follow it before the next item: a nickname, an age,
#: a residence or a role.
ROSTER_ITEM = re.compile(
    r"(?:[a-z]+[ \t]+){0,2}?"  # a role word before it: "recruiters Cristobal Coln-Coln"
    r"(?P<name>(?:[A-Z]\.|[A-Z][\w’'-]*)(?:[ \t]+(?:[A-Z]\.|Jr\.|Sr\.|[A-Z][\w’'-]*|de|del|la|"
    r"los|van|von|da|dos|y)){0,4})"  # one word too ("- Broughton, 25"): read, not kept
    r"(?P<rest>(?:,?[ \t]*\((?:[^()\n]{1,60})\))?"
    # aliases: one unquoted, or quoted ones in a row ('a/k/a "Erick Javier Sierra,"
    # "Malian-T," and "King Malian-T," age 28')
    r"(?:,?[ \t]+(?:a/?k/?a\.?|aka|also\s+known\s+as)[ \t]+"
    r"(?:(?:[\"“][^\"”\n]{1,40}[\"”],?[ \t]*(?:and[ \t]+)?)+|[^,;\n]{1,60}))?"
    r"(?:,?[ \t]*age[ \t]+\d{1,3}\b|,[ \t]*\d{1,3}\b)?"
    r"(?:,?[ \t]+(?:a/?k/?a\.?|aka)[ \t]+[^,;\n]{1,60})?"  # "Jones, 22, aka Boogie Mac"
    r"(?:,?[ \t]+(?:of|from)[ \t]+[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*)*"
    r"(?:,[ \t]*[A-Z][\w.'’]*(?:[ \t]+[A-Z][\w.'’]*)?(?=[ \t]*(?:[;\n(]|$)))?)?"
    r"(?:[ \t]*\([^()\n]{1,80}\))?)"  # "(already in state custody on unrelated charges)"
)
ROSTER_START = re.compile(r"[\s\-–•*]*")
ROSTER_SEP = re.compile(
    r"[ \t]*(?:[,;][ \t]*(?:and\b[ \t]*)?(?:\n[\s\-–•*]*)?(?:and[ \t]+)?|[ \t]+and[ \t]+"
    r"|\.?[ \t]*\n[\s\-–•*]*)"
)

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
