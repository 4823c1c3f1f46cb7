"""The command line the README documents is the one that works: `--version`, and every
flag the README shows for a sub-command is one that sub-command accepts."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import schemas
from flows.cli import build_parser, main
from tests.conftest import GOLD, RAW, REPO


def _readme_commands() -> dict[str, set[str]]:
    """``{sub-command: flags}`` of the README's "Command line" block."""
    section = (REPO / "README.md").read_text(encoding="utf-8").split("## Command line", 1)[1]
    block = section.split("```", 2)[1]
    commands: dict[str, set[str]] = {}
    current = None
    for line in block.splitlines():
        code = line.split("#", 1)[0]
        if match := re.match(r"\s*casewire (\S+)", code):
            current = match.group(1) if not match.group(1).startswith("-") else None
        if current:
            commands.setdefault(current, set()).update(re.findall(r"--[\w-]+", code))
    return commands


def _options(command: str) -> set[str]:
    sub = build_parser()._subparsers._group_actions[0].choices[command]  # noqa: SLF001
    return {o for o in sub._option_string_actions if o.startswith("--")} - {"--help"}


def test_version_prints_package_and_schema_version(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    out = capsys.readouterr().out.strip()
    assert re.fullmatch(rf"casewire \S+ \(schema {re.escape(schemas.SCHEMA_VERSION)}\)", out)


def test_readme_documents_version_and_every_sub_command() -> None:
    commands = _readme_commands()
    assert set(commands) == {"run", "validate", "diff", "report", "eval"}
    assert "casewire --version" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["run", "validate", "diff", "report", "eval"])
def test_every_flag_the_readme_shows_is_accepted(command: str) -> None:
    shown = _readme_commands()[command]
    assert shown <= _options(command), f"README shows {shown - _options(command)}"


def test_readme_shows_every_flag_of_eval() -> None:
    assert _readme_commands()["eval"] == _options("eval")


def test_eval_with_the_readme_flags_scores_and_writes_json(tmp_path: Path) -> None:
    """`casewire eval --gold DIR` used to fail with "unrecognized arguments"."""
    if not (GOLD / "seeds.jsonl").is_file():
        pytest.skip(f"seed gold not found at {GOLD / 'seeds.jsonl'} (it lives in ../shared/gold)")
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(GOLD / "seeds.jsonl", gold / "seeds.jsonl")
    out = tmp_path / "eval.json"
    args = ["eval", "--gold", str(gold), "--corpus", str(tmp_path), "--raw", str(RAW)]
    assert main([*args, "--json", str(out), "--lenient"]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["files"]["seeds.jsonl"]["outcomes"]["recall"] > 0.5
    assert figures["strict"] is False
