"""Rules as data: YAML files next to this module, loaded explicitly and safely."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_rules(name: str) -> dict[str, Any]:
    """Load ``rules/<name>.yaml`` with ``yaml.safe_load`` (cached per process)."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"rules/{name}.yaml must hold a mapping, got {type(data).__name__}")
    return data
