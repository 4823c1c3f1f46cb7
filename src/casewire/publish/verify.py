"""``casewire validate PATH``: re-check a published release from its files alone.

What is checked, and why:

- ``SHA256SUMS`` is the release's manifest: it must list every file of the release
  (the descriptor ``datapackage.json`` included) and nothing else. A file on disk it
  does not list, or a file a release must hold (:func:`release.expected_files`) that
  it leaves out, fails: a dropped line can no longer hide an edited or added file.
- Every listed file's bytes match their digest; every table file's also match
  ``datapackage.json`` (hash and size), and the release version names the hash of
  the table files (:func:`release.content_hash`).
- Each CSV holds the rows of its Parquet twin, cell for cell under the documented CSV
  conventions (lists joined with ``;``, formulas defused, ``true``/``false``).
- The Parquet tables satisfy the data contract (schemas, keys, evidence offsets).

A damaged ``SHA256SUMS`` or ``datapackage.json`` is one problem line naming the file.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import schemas
from casewire.publish.delta import table_batches
from casewire.publish.files import csv_rows, read_table, sha256_file
from casewire.publish.release import SUMS_FILE, content_hash, expected_files

PACKAGE_FILE = "datapackage.json"
_SUM_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")
_HASH = re.compile(r"^sha256:([0-9a-f]{64})$")
#: Differing CSV rows named per table before the rest are only counted.
SHOWN_ROWS = 3


@dataclass
class ValidationReport:
    """Problems found in a release; ``ok`` when there are none."""

    path: Path
    problems: list[str] = field(default_factory=list)
    checked_files: int = 0
    _digests: dict[str, str] = field(default_factory=dict, repr=False)

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
    """Check the manifest, every file's checksum, the descriptor, CSV against Parquet,
    table schemas and cross-table keys."""
    report = ValidationReport(Path(path))
    sums = _read_sums(report)
    package = _read_package(report)
    intact = sums is not None
    if sums is not None:
        _check_listing(report, sums)
        checked = [_check_file(report, rel, digest, None) for rel, digest in sums.items()]
        intact = all(checked) and all(rel in sums for rel in table_files())
    if package is not None:
        _check_schema_version(package, report)
        intact = _check_resources(report, package) and intact
    if intact:  # tables are only worth reading when their bytes are the published ones
        for name in schemas.TABLES:
            _check_csv_matches_parquet(report, name)
        _check_tables(report)
    return report


def table_files() -> list[str]:
    """``<table>.parquet`` and ``<table>.csv`` of every table of the schema registry."""
    return [f"{name}.{fmt}" for name in schemas.TABLES for fmt in ("parquet", "csv")]


# --- the two index files ----------------------------------------------------------


def _read_sums(report: ValidationReport) -> dict[str, str] | None:
    """``{path: sha256}`` from SHA256SUMS, or None (one problem) when absent or damaged."""
    path = report.path / SUMS_FILE
    if not path.is_file():
        report.problems.append(f"missing file: {SUMS_FILE}")
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        report.problems.append(f"{SUMS_FILE}: not UTF-8 text; the checksum list is damaged")
        return None
    sums: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        match = _SUM_LINE.match(line)
        if match is None:
            report.problems.append(
                f"{SUMS_FILE} line {number}: expected '<64 hex digits>  <path>', "
                f"got {line!r:.80}; the checksum list is damaged"
            )
            return None
        digest, rel = match.groups()
        if rel in sums:
            report.problems.append(f"{SUMS_FILE} line {number}: {rel} is listed twice")
            return None
        sums[rel] = digest
    return sums


def _read_package(report: ValidationReport) -> dict[str, Any] | None:
    """The descriptor, or None (one problem) when absent, not JSON or not a package."""
    path = report.path / PACKAGE_FILE
    if not path.is_file():
        report.problems.append(f"missing file: {PACKAGE_FILE}")
        return None
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        report.problems.append(f"{PACKAGE_FILE}: not valid JSON ({exc}); the descriptor is damaged")
        return None
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or not all(_resource_ok(r) for r in resources):
        report.problems.append(
            f"{PACKAGE_FILE}: not a casewire data package (needs a 'resources' list, each "
            "with 'path', 'hash' 'sha256:<hex>' and 'bytes'); the descriptor is damaged"
        )
        return None
    return package


def _resource_ok(res: object) -> bool:
    return (
        isinstance(res, dict)
        and isinstance(res.get("path"), str)
        and isinstance(res.get("hash"), str)
        and _HASH.match(res["hash"]) is not None
        and type(res.get("bytes")) is int
    )


# --- files ------------------------------------------------------------------------


def _release_files(root: Path) -> Iterator[str]:
    for path in sorted(root.rglob("*")):
        if path.is_file() or path.is_symlink():
            yield path.relative_to(root).as_posix()


def _check_listing(report: ValidationReport, sums: dict[str, str]) -> None:
    """SHA256SUMS lists exactly the files a release holds: no more, no fewer."""
    expected = set(expected_files())
    on_disk = set(_release_files(report.path)) - {SUMS_FILE}
    for rel in sorted(on_disk - sums.keys()):
        report.problems.append(f"unlisted file: {rel} is not in {SUMS_FILE}")
    for rel in sorted(expected - sums.keys()):
        report.problems.append(f"{rel}: a release must hold it, but {SUMS_FILE} does not list it")
    for rel in sorted(sums.keys() - expected):
        report.problems.append(f"unexpected file: {rel} is not part of a casewire release")


def _schema_version_ok(package: dict[str, Any]) -> tuple[bool, str]:
    found = str(package.get("schema_version", "?"))
    return found.split(".")[0] == schemas.SCHEMA_VERSION.split(".")[0], found


def _check_schema_version(package: dict[str, Any], report: ValidationReport) -> None:
    ok, found = _schema_version_ok(package)
    if not ok:
        report.problems.append(
            f"schema_version {found} is not compatible with this "
            f"casewire's {schemas.SCHEMA_VERSION}"
        )


def _check_resources(report: ValidationReport, package: dict[str, Any]) -> bool:
    """Every table file is a resource whose hash and size match; the version names
    their hash. False when a table file is missing or differs."""
    tables = set(table_files())
    listed = {res["path"]: res for res in package["resources"]}
    intact = True
    for rel in sorted(tables - listed.keys()):
        report.problems.append(f"{rel}: not a resource of {PACKAGE_FILE} (missing table)")
        intact = False
    for rel in sorted(listed.keys() - tables):
        report.problems.append(f"{PACKAGE_FILE}: resource {rel!r} is not a table of the release")
    files = {}
    for rel in sorted(tables & listed.keys()):
        res = listed[rel]
        files[rel] = {"sha256": res["hash"].removeprefix("sha256:")}
        intact = _check_file(report, rel, files[rel]["sha256"], res["bytes"]) and intact
    version = str(package.get("version", ""))
    if intact and not version.endswith("-" + content_hash(files)[:8]):
        report.problems.append(
            f"{PACKAGE_FILE}: version {version!r} does not name the hash of the table "
            "files (a table was replaced after publishing)"
        )
    return intact


def _inside(report: ValidationReport, rel: str) -> bool:
    """A downloaded release is untrusted: its paths must stay inside the folder."""
    root = report.path.resolve()
    if Path(rel).is_absolute() or not (root / rel).resolve().is_relative_to(root):
        report.problems.append(f"unsafe path {rel!r}: resources must lie inside the release")
        return False
    return True


def _check_file(report: ValidationReport, rel: str, sha256: str, size: int | None) -> bool:
    """True when ``rel`` exists inside the release with this size and digest."""
    report.checked_files += 1
    if not _inside(report, rel):
        return False
    target = report.path / rel
    if not target.is_file():
        report.problems.append(f"missing file: {rel}")
        return False
    actual_size = target.stat().st_size
    if size is not None and actual_size != size:
        report.problems.append(f"{rel}: {actual_size} bytes, expected {size}")
        return False
    if rel not in report._digests:  # a table is listed twice: hash its bytes once
        report._digests[rel] = sha256_file(target)
    actual = report._digests[rel]
    if actual != sha256:
        report.problems.append(
            f"{rel}: sha256 {actual[:12]}… does not match the "
            f"published {sha256[:12]}… (file changed or corrupt)"
        )
        return False
    return True


# --- tables -----------------------------------------------------------------------


def _check_csv_matches_parquet(report: ValidationReport, name: str) -> None:
    """The CSV holds the Parquet's rows, as the CSV writer renders them, in order."""
    columns = list(schemas.dtypes(name))
    with open(report.path / f"{name}.csv", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != columns:
            report.problems.append(
                f"{name}.csv: header {header!r:.120} is not the columns of {name}.parquet"
            )
            return
        n_differ, shown, row = 0, [], 0
        for batch in table_batches(report.path, name):
            for expected in csv_rows(batch):
                row += 1
                got = next(reader, None)
                if got is None:
                    report.problems.append(
                        f"{name}.csv ends after {row - 1} rows; {name}.parquet has more"
                    )
                    return
                if tuple(got) != expected:
                    n_differ += 1
                    if len(shown) < SHOWN_ROWS:
                        shown.append(_first_difference(columns, row, got, expected))
        extra = sum(1 for _ in reader)
    if extra:
        report.problems.append(f"{name}.csv has {extra} row(s) more than {name}.parquet")
    if n_differ:
        report.problems.append(
            f"{name}.csv differs from {name}.parquet in {n_differ} row(s): {'; '.join(shown)}"
        )


def _first_difference(columns: list[str], row: int, got: list[str], expected: tuple) -> str:
    if len(got) != len(expected):
        return f"row {row} has {len(got)} cells, expected {len(expected)}"
    col = next(i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b)
    return f"row {row} {columns[col]} = {got[col]!r:.40} in CSV, {expected[col]!r:.40} in Parquet"


def _check_tables(report: ValidationReport) -> None:
    tables = {name: read_table(report.path, name) for name in schemas.TABLES}
    try:
        schemas.validate_tables(tables)
    except schemas.ReleaseValidationError as err:
        report.problems.append(f"tables break the data contract:\n{err}")
