"""The build fingerprint: what makes a rerun skippable, and what does not."""

from __future__ import annotations

import json
from pathlib import Path

from casewire.publish import builds
from casewire.publish.release import write_latest

SOURCES = [{"path": "a.txt", "sha256": "1" * 64, "bytes": 3}]


def test_code_digest_follows_every_source_byte(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    (root / "rules").mkdir(parents=True)
    (root / "mod.py").write_text("x = 1\n")
    (root / "rules" / "r.yaml").write_text("a: 1\n")
    first = builds.code_digest([root])
    (root / "rules" / "r.yaml").write_text("a: 2\n")
    assert builds.code_digest([root]) != first
    (root / "rules" / "r.yaml").write_text("a: 1\n")
    assert builds.code_digest([root]) == first
    (root / "notes.txt").write_text("not code")
    assert builds.code_digest([root]) == first  # only code and rule files count


def test_fingerprint_changes_with_sources_and_model() -> None:
    base = builds.input_fingerprint(SOURCES, "en_core_web_sm-3.8.0")
    assert base == builds.input_fingerprint(list(reversed(SOURCES)), "en_core_web_sm-3.8.0")
    changed = [{**SOURCES[0], "sha256": "2" * 64}]
    assert builds.input_fingerprint(changed, "en_core_web_sm-3.8.0") != base
    assert builds.input_fingerprint(SOURCES, "en_core_web_sm-3.9.0") != base


def test_unchanged_only_while_latest_names_the_recorded_release(tmp_path: Path) -> None:
    out = tmp_path
    version, other = "2026-01-01-0123abcd", "2026-01-02-89abcdef"
    for v in (version, other):
        (out / "releases" / v).mkdir(parents=True)
    assert builds.unchanged_since(out, "f" * 64) is None  # no record yet
    write_latest(out, version)
    builds.record_build(out, "f" * 64, version)
    hit = builds.unchanged_since(out, "f" * 64)
    assert hit is not None and not hit.published and hit.version == version
    assert builds.unchanged_since(out, "e" * 64) is None  # other inputs or code
    write_latest(out, other)
    assert builds.unchanged_since(out, "f" * 64) is None  # latest moved on
    (out / builds.RECORD).write_text("{broken")
    assert builds.unchanged_since(out, "f" * 64) is None  # damaged record: do the work
    assert json.loads((out / "latest.json").read_text())["version"] == other
