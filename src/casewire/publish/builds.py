"""Skip a build whose inputs and code are those of the release already published.

A build is a function of the raw files, the code (extractors, rules, schemas, table
builders), the spaCy model and the libraries that write the files. Their
fingerprint is recorded in ``<output>/.cache/build.json`` after each successful
run; the next run with the same fingerprint, while ``latest.json`` still names
that release, has nothing to do and stops before reading a document.

Change one byte of a raw file, one rule or one line of code and the fingerprint
changes: the run goes through the cache (only changed documents are parsed) and
the publish step decides, from the tables themselves, whether anything changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

import casewire
import schemas
from casewire.publish.release import PublishResult, read_latest

RECORD = Path(".cache") / "build.json"
#: Libraries whose versions can change the bytes of a release.
LIBRARIES = ("spacy", "pandas", "pyarrow", "pandera", "followthemoney", "plotly")
_CODE_SUFFIXES = (".py", ".yaml", ".yml", ".json")


def code_digest(roots: Iterable[Path] | None = None) -> str:
    """SHA-256 over the source files (path and bytes) of ``casewire`` and ``schemas``."""
    roots = (
        list(roots)
        if roots is not None
        else [
            Path(casewire.__file__).parent,
            Path(schemas.__file__).parent,
        ]
    )
    digest = hashlib.sha256()
    for root in roots:
        files = sorted(
            p for p in root.rglob("*")
            if p.is_file() and p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts
        )  # fmt: skip
        for path in files:
            digest.update(f"{root.name}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def input_fingerprint(sources: Iterable[dict[str, Any]], model_version: str) -> str:
    """Fingerprint of one build: raw files (path, SHA-256), code, model, libraries."""
    libraries = {}
    for name in LIBRARIES:
        try:
            libraries[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            libraries[name] = None
    payload = {
        "sources": sorted((s["path"], s["sha256"]) for s in sources),
        "code": code_digest(),
        "model": model_version,
        "schema_version": schemas.SCHEMA_VERSION,
        "libraries": libraries,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def unchanged_since(output_dir: Path, fingerprint: str) -> PublishResult | None:
    """The published release built from exactly these inputs and code, if any."""
    record = _read(Path(output_dir) / RECORD)
    if not record or record.get("fingerprint") != fingerprint:
        return None
    try:
        latest = read_latest(output_dir)
    except ValueError:
        return None  # a broken pointer: let the full run report it
    if not latest or latest["version"] != record.get("version"):
        return None
    path = Path(output_dir) / latest["path"]
    if not path.is_dir():
        return None
    return PublishResult(
        False,
        latest["version"],
        path,
        f"no change since {latest['version']}: same raw files, code and model "
        f"(fingerprint {fingerprint[:12]})",
    )


def record_build(output_dir: Path, fingerprint: str, version: str) -> None:
    """Remember that ``version`` is what these inputs and code produce (atomic write)."""
    path = Path(output_dir) / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(
        json.dumps({"fingerprint": fingerprint, "version": version}, indent=2) + "\n",
        encoding="utf-8",
    )
    os.replace(tmp, path)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # absent or damaged: the run simply does the work
    return data if isinstance(data, dict) else None
