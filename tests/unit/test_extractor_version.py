"""The extractor version is derived from the extractors' code and rules, never bumped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casewire.extract import EXTRACTOR_VERSION
from casewire.extract import version as v

SRC = Path(v.__file__).resolve().parents[1]
SCHEMAS = v._package_root("schemas")


def test_the_version_is_the_digest_of_the_extractors_sources():
    assert len(EXTRACTOR_VERSION) == 16 and int(EXTRACTOR_VERSION, 16) >= 0
    sources = {
        p.relative_to(SRC.parent).as_posix() for p in v.extractor_sources() if SRC in p.parents
    }
    assert {f"casewire/extract/{p.name}" for p in (SRC / "extract").glob("*.py")} <= sources
    assert {f"casewire/rules/{p.name}" for p in (SRC / "rules").glob("*.yaml")} <= sources
    # what the extractors import, followed through imports; the line-break component
    assert {"casewire/records.py", "casewire/nlp.py", "casewire/resolve/cases.py"} <= sources
    # publishing is not extraction
    assert not any(s.startswith("casewire/publish/") for s in sources)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the casewire and schemas packages the version is read from."""
    shutil.copytree(SRC, tmp_path / "casewire", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SCHEMAS, tmp_path / "schemas", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(v, "_CASEWIRE", tmp_path / "casewire")
    monkeypatch.setattr(
        v, "_package_root", lambda name: tmp_path / name if name in v._PACKAGES else None
    )
    v.extractor_version.cache_clear()
    yield tmp_path
    v.extractor_version.cache_clear()


def _version_after(edit: Path) -> str:
    v.extractor_version.cache_clear()
    edit.write_text(edit.read_text() + "\n# changed\n")
    v.extractor_version.cache_clear()
    return v.extractor_version()


def test_a_rule_or_extractor_change_changes_the_version(tree: Path):
    before = v.extractor_version()
    assert before == EXTRACTOR_VERSION  # the copy reads as the package does
    after_rule = _version_after(tree / "casewire" / "rules" / "outcomes.yaml")
    assert after_rule != before
    after_code = _version_after(tree / "casewire" / "extract" / "dates.py")
    assert after_code not in (before, after_rule)
    assert _version_after(tree / "casewire" / "nlp.py") != after_code


def test_a_change_outside_extraction_keeps_the_version(tree: Path):
    before = v.extractor_version()
    assert _version_after(tree / "casewire" / "publish" / "report.py") == before
    assert _version_after(tree / "casewire" / "evaluate.py") == before
