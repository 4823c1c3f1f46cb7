"""``output/index.json``: every release of an output folder, as OpenSanctions lists its
datasets' versions, so that a consumer can see the history without opening each one.

It is rebuilt from the release folders themselves (their ``datapackage.json`` and
``SHA256SUMS``) each time ``latest.json`` moves: a missing or stale index (a run killed
between the two writes) is made whole by the next publish. ``latest.json`` stays the
pointer; the index repeats its version under ``latest``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from casewire.publish.files import sha256_file

INDEX_FILE = "index.json"
_VERSION_RE = re.compile(r"^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$")
_COMPARED = re.compile(r"^Compared with (\S+)\.$", re.M)


def release_entry(folder: Path, sums_file: str) -> dict[str, Any]:
    """One release: version, build date, publication time, previous version, schema
    version, rows per table and the sha256 of its manifest and table files."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resources = package.get("resources", [])
    checksums = {sums_file: f"sha256:{sha256_file(folder / sums_file)}"}
    checksums.update({r["path"]: r["hash"] for r in resources})
    return {
        "version": package["version"],
        "build_date": package["version"][:10],
        "published_at": package.get("created"),
        "previous_version": package.get("previous_version", _changelog_previous(folder)),
        "schema_version": package.get("schema_version"),
        "path": f"releases/{folder.name}",
        "rows": {r["path"].removesuffix(".csv"): r["rows"] for r in resources if "rows" in r},
        "checksums": checksums,
    }


def _changelog_previous(folder: Path) -> str | None:
    """The previous version of a release published before the descriptor named it: the
    first "Compared with <version>." of its CHANGELOG.md."""
    path = folder / "CHANGELOG.md"
    match = _COMPARED.search(path.read_text(encoding="utf-8")) if path.is_file() else None
    return match.group(1) if match else None


def build_index(output_dir: Path, latest: str | None, sums_file: str) -> dict[str, Any]:
    """``{"latest": version, "releases": [entry, ...]}``, oldest first. Folders that are
    not complete releases (no descriptor, no manifest, another name) are left out."""
    releases = Path(output_dir) / "releases"
    folders = sorted(releases.iterdir()) if releases.is_dir() else []
    entries = [
        release_entry(p, sums_file)
        for p in folders
        if _VERSION_RE.match(p.name)
        and (p / "datapackage.json").is_file()
        and (p / sums_file).is_file()
    ]
    entries.sort(key=lambda e: (e["published_at"] or "", e["version"]))
    return {"latest": latest, "releases": entries}
