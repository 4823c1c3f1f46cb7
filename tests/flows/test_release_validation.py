"""``casewire validate`` on a real seed release: each way of tampering with it fails.

Every test copies the release of the session's real flow run and tampers with the
copy, the way a careless edit or a hostile mirror would, updating whatever checksum
a tamperer could update.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from casewire.publish import validate_release
from casewire.publish.release import checksums
from flows.cli import main as cli_main


@pytest.fixture
def release(seed_build, tmp_path: Path) -> Path:
    _, published = seed_build
    return shutil.copytree(published, tmp_path / published.name)


def _sums(release: Path) -> dict[str, str]:
    lines = (release / "SHA256SUMS").read_text().splitlines()
    return {rel: digest for digest, rel in (line.split("  ", 1) for line in lines)}


def _write_sums(release: Path, sums: dict[str, str]) -> None:
    text = "".join(f"{digest}  {rel}\n" for rel, digest in sorted(sums.items()))
    (release / "SHA256SUMS").write_text(text)


def _drop_line(release: Path, rel: str) -> None:
    sums = _sums(release)
    del sums[rel]
    _write_sums(release, sums)


def _rewrite_package(release: Path, edit) -> None:
    """Edit datapackage.json and update its line in SHA256SUMS, as a tamperer would."""
    path = release / "datapackage.json"
    package = json.loads(path.read_text())
    edit(package)
    path.write_text(json.dumps(package, indent=2) + "\n")
    sums = _sums(release)
    sums["datapackage.json"] = hashlib.sha256(path.read_bytes()).hexdigest()
    _write_sums(release, sums)


def _problems(release: Path) -> str:
    report = validate_release(release)
    assert not report.ok, "the tampered release passed validation"
    return report.render()


def test_the_untouched_copy_passes(release: Path) -> None:
    report = validate_release(release)
    assert report.ok, report.render()


def test_sha256sum_c_checks_every_file_and_the_descriptor(release: Path) -> None:
    done = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=release, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "datapackage.json: OK" in done.stdout


def test_report_with_an_injected_script_and_its_line_dropped_fails(release: Path) -> None:
    report = release / "report.html"
    report.write_text(report.read_text().replace("</body>", "<script>steal()</script></body>"))
    _drop_line(release, "report.html")
    text = _problems(release)
    assert "unlisted file: report.html is not in SHA256SUMS" in text


def test_edited_readme_with_its_line_dropped_fails(release: Path) -> None:
    card = release / "README.md"
    card.write_text(card.read_text() + "\nLicense: all rights reserved.\n")
    _drop_line(release, "README.md")
    assert "unlisted file: README.md" in _problems(release)


def test_edited_datapackage_fails(release: Path) -> None:
    path = release / "datapackage.json"
    package = json.loads(path.read_text())
    package["licenses"] = [{"name": "proprietary"}]
    path.write_text(json.dumps(package, indent=2) + "\n")
    assert "datapackage.json: sha256" in _problems(release)


def test_unlisted_extra_file_fails(release: Path) -> None:
    (release / "delta" / "notes.js").write_text("alert(1)")
    assert "unlisted file: delta/notes.js" in _problems(release)


def test_csv_disagreeing_with_its_parquet_fails_with_both_checksums_updated(
    release: Path,
) -> None:
    path = release / "legal_outcomes.csv"
    data = path.read_bytes()
    assert data.count(b",460,") >= 1  # Garcia Luna's sentence, in months
    path.write_bytes(data.replace(b",460,", b",999,", 1))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()

    def update(package: dict) -> None:
        for res in package["resources"]:
            if res["path"] == "legal_outcomes.csv":
                res["hash"], res["bytes"] = f"sha256:{digest}", path.stat().st_size

    sums = _sums(release)
    sums["legal_outcomes.csv"] = digest
    _write_sums(release, sums)
    _rewrite_package(release, update)
    text = _problems(release)
    assert "legal_outcomes.csv differs from legal_outcomes.parquet in 1 row(s)" in text
    assert "'999' in CSV, '460' in Parquet" in text


def test_table_removed_from_both_lists_fails(release: Path) -> None:
    for fmt in ("parquet", "csv"):
        (release / f"cases.{fmt}").unlink()
    sums = _sums(release)
    del sums["cases.parquet"], sums["cases.csv"]
    _write_sums(release, sums)
    _rewrite_package(
        release,
        lambda p: p.update(
            resources=[r for r in p["resources"] if not r["path"].startswith("cases.")]
        ),
    )
    text = _problems(release)
    assert "cases.parquet: a release must hold it, but SHA256SUMS does not list it" in text
    assert "cases.csv: not a resource of datapackage.json (missing table)" in text


def test_malformed_datapackage_is_one_clear_line(release: Path, capsys) -> None:
    path = release / "datapackage.json"
    path.write_text(path.read_text()[:200])  # cut short
    (release / "SHA256SUMS").write_text(checksums(release))
    assert cli_main(["validate", str(release)]) == 1
    out = capsys.readouterr()
    lines = [line for line in out.out.splitlines() if "datapackage.json" in line]
    assert len(lines) == 1 and "datapackage.json: not valid JSON" in lines[0]
    assert "Traceback" not in out.out + out.err


def test_malformed_sha256sums_is_one_clear_line(release: Path, capsys) -> None:
    sums = release / "SHA256SUMS"
    bad_line = len(sums.read_text().splitlines()) + 1
    sums.write_text(sums.read_text() + "not a checksum line\n")
    assert cli_main(["validate", str(release)]) == 1
    out = capsys.readouterr()
    lines = [line for line in out.out.splitlines() if "SHA256SUMS" in line]
    assert lines == [
        f"- SHA256SUMS line {bad_line}: expected '<64 hex digits>  <path>', "
        "got 'not a checksum line'; the checksum list is damaged"
    ]
    assert "Traceback" not in out.out + out.err


def test_report_command_rebuilds_beside_the_release_and_leaves_it_valid(
    release: Path, tmp_path: Path
) -> None:
    before = {p.name: p.read_bytes() for p in release.iterdir() if p.is_file()}
    out = tmp_path / "rebuilt"
    assert cli_main(["report", str(release), "--out", str(out)]) == 0
    assert (out / "report.html").read_text(encoding="utf-8").count(release.name) >= 1
    assert {p.name: p.read_bytes() for p in release.iterdir() if p.is_file()} == before
    assert validate_release(release).ok


def test_report_command_refuses_to_write_into_the_release(release: Path, capsys) -> None:
    assert cli_main(["report", str(release), "--out", str(release)]) == 2
    assert "inside the release" in capsys.readouterr().err
    assert validate_release(release).ok
