"""One loader reads every rule file (``casewire.rules.load_rules``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from casewire import rules
from casewire.rules import RuleFileError, load_rules

SRC = Path(rules.__file__).resolve().parents[1]
RULE_FILES = sorted(p.stem for p in Path(rules.__file__).parent.glob("*.yaml"))


@pytest.mark.parametrize("name", RULE_FILES)
def test_every_rule_file_loads_as_a_mapping(name: str) -> None:
    data = load_rules(name)
    assert isinstance(data, dict) and data


def test_each_caller_gets_its_own_copy() -> None:
    first = load_rules("entities")
    first["stop_mentions"].append("a word no file holds")
    first["added by a caller"] = True
    again = load_rules("entities")
    assert "a word no file holds" not in again["stop_mentions"]
    assert "added by a caller" not in again


def test_a_missing_rule_file_is_named() -> None:
    with pytest.raises(RuleFileError, match=r"rules/no_such_rules\.yaml"):
        load_rules("no_such_rules")


def test_bad_yaml_names_the_file_and_line(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "broken.yaml").write_text("triggers:\n  - [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(rules, "__package__", None)
    monkeypatch.setattr(rules.resources, "files", lambda _pkg: tmp_path)
    rules._read.cache_clear()
    try:
        with pytest.raises(
            RuleFileError,
            match=r"rules/broken\.yaml line 2 is not valid YAML: while parsing a flow sequence",
        ):
            load_rules("broken")
        (tmp_path / "alist.yaml").write_text("- a\n- b\n", encoding="utf-8")
        with pytest.raises(RuleFileError, match="must hold a mapping, got list"):
            load_rules("alist")
    finally:
        rules._read.cache_clear()


def test_no_module_reads_yaml_itself() -> None:
    """Only ``casewire.rules`` parses YAML rules; ``publish/card.py`` only writes YAML."""
    readers = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {"safe_load", "load", "full_load"}:
                if isinstance(node.value, ast.Name) and node.value.id == "yaml":
                    readers.append(path.relative_to(SRC).as_posix())
    assert readers == ["rules/__init__.py"]
