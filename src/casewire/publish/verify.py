"""``casewire validate PATH``: re-check a published release from its files alone."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import schemas
from casewire.publish.files import read_table, sha256_file


@dataclass
class ValidationReport:
    """Problems found in a release; ``ok`` when there are none."""

    path: Path
    problems: list[str] = field(default_factory=list)
    checked_files: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def render(self) -> str:
        """Readable text for the CLI."""
        head = f"release {self.path}: {self.checked_files} file(s) checked"
        if self.ok:
            return f"{head}, OK"
        return "\n".join(
            [f"{head}, {len(self.problems)} problem(s):", *(f"- {p}" for p in self.problems)]
        )


def validate_release(path: Path) -> ValidationReport:
    """Check checksums and sizes, missing files, table schemas and cross-table keys."""
    report = ValidationReport(Path(path))
    package_path = report.path / "datapackage.json"
    if not package_path.exists():
        report.problems.append(f"missing file: {package_path}")
        return report
    package = json.loads(package_path.read_text(encoding="utf-8"))
    _check_schema_version(package, report)
    for res in package.get("resources", []):
        _check_file(report, res["path"], res["hash"].removeprefix("sha256:"), res["bytes"])
    _check_sums(report)
    if report.ok:  # tables are only worth reading when their bytes are the published ones
        _check_tables(report)
    return report


def _check_schema_version(package: dict, report: ValidationReport) -> None:
    found = str(package.get("schema_version", "?"))
    if found.split(".")[0] != schemas.SCHEMA_VERSION.split(".")[0]:
        report.problems.append(
            f"schema_version {found} is not compatible with this "
            f"casewire's {schemas.SCHEMA_VERSION}"
        )


def _inside(report: ValidationReport, rel: str) -> bool:
    """A downloaded release is untrusted: its paths must stay inside the folder."""
    root = report.path.resolve()
    if Path(rel).is_absolute() or not (root / rel).resolve().is_relative_to(root):
        report.problems.append(f"unsafe path {rel!r}: resources must lie inside the release")
        return False
    return True


def _check_file(report: ValidationReport, rel: str, sha256: str, size: int | None) -> None:
    report.checked_files += 1
    if not _inside(report, rel):
        return
    target = report.path / rel
    if not target.is_file():
        report.problems.append(f"missing file: {rel}")
        return
    actual_size = target.stat().st_size
    if size is not None and actual_size != size:
        report.problems.append(f"{rel}: {actual_size} bytes, expected {size}")
    actual = sha256_file(target)
    if actual != sha256:
        report.problems.append(
            f"{rel}: sha256 {actual[:12]}… does not match the "
            f"published {sha256[:12]}… (file changed or corrupt)"
        )


def _check_sums(report: ValidationReport) -> None:
    sums = report.path / "SHA256SUMS"
    if not sums.exists():
        report.problems.append("missing file: SHA256SUMS")
        return
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, rel = line.split("  ", 1)
        _check_file(report, rel, digest, None)


def _check_tables(report: ValidationReport) -> None:
    tables = {name: read_table(report.path, name) for name in schemas.TABLES}
    try:
        schemas.validate_tables(tables)
    except schemas.ReleaseValidationError as err:
        report.problems.append(f"tables break the data contract:\n{err}")
