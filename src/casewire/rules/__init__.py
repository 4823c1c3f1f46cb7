"""Rules as data: YAML files next to this module, read by one loader.

Every rule file is read here and nowhere else: ``load_rules("courts")`` reads
``rules/courts.yaml`` with ``yaml.safe_load`` once per process and hands each
caller its own deep copy, so a module that adds compiled entries to its rules
never changes what another module reads. A file that is not YAML, or not a
mapping at its top, fails with the file's name and the line yaml points to.
"""

from __future__ import annotations

import copy
from functools import cache
from importlib import resources
from typing import Any

import yaml


class RuleFileError(ValueError):
    """A rule file that cannot be read as a YAML mapping."""


@cache
def _read(name: str) -> dict[str, Any]:
    path = resources.files(__package__).joinpath(f"{name}.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleFileError(f"no rule file rules/{name}.yaml") from None
    except yaml.MarkedYAMLError as exc:
        where = exc.context_mark or exc.problem_mark
        at = f" line {where.line + 1}" if where else ""
        what = "; ".join(x for x in (exc.context, exc.problem) if x)
        raise RuleFileError(f"rules/{name}.yaml{at} is not valid YAML: {what}") from exc
    except yaml.YAMLError as exc:
        raise RuleFileError(f"rules/{name}.yaml is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RuleFileError(f"rules/{name}.yaml must hold a mapping, got {type(data).__name__}")
    return data


def load_rules(name: str) -> dict[str, Any]:
    """``rules/<name>.yaml`` as a mapping: the caller's own copy of the cached file."""
    return copy.deepcopy(_read(name))
