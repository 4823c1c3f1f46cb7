"""Publishing: an immutable ``releases/<version>/`` folder plus the ``latest.json`` pointer.

A release is built in ``releases/.tmp-*``, fsynced and renamed into place; ``latest.json``
is replaced atomically last, so readers never see a half-written release. ``output/.lock``
keeps two runs apart; ``.tmp-*`` leftovers of killed runs are removed by the next run.

Crash safety, step by step (a run killed at any point, even by SIGKILL or a power cut
after the last fsync, leaves ``latest.json`` naming a complete, valid release):

1. every file of the new release is written and fsynced under ``releases/.tmp-*``, then
   every directory of it (:func:`_fsync_tree`), so the folder is complete on disk;
2. ``os.rename`` moves it to ``releases/<version>`` in one step and ``releases/`` is
   fsynced: a release folder is either absent or complete, never partial;
3. the new pointer is written to ``.latest.json.tmp-<pid>``, fsynced, ``os.replace``d over
   ``latest.json`` and the output folder is fsynced: readers see the old or the new
   pointer, never a mix.

A kill before 3 leaves the previous pointer (a complete release that ``latest.json`` does
not name yet is harmless: the next run with the same tables re-points to it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

import schemas
from casewire.memory import return_free_memory
from casewire.publish.card import Profile, render_card, table_profile
from casewire.publish.datapackage import descriptor, pandera_export
from casewire.publish.delta import FTM_DELTA, changelog_section, write_deltas, write_ftm_delta
from casewire.publish.files import conform, sha256_file, sort_table, write_ordered_tables
from casewire.publish.ftm import FTM_FILE, write_ftm
from casewire.publish.ftm import read_inputs as ftm_inputs
from casewire.publish.index import INDEX_FILE, build_index
from casewire.publish.lock import output_lock
from casewire.publish.report import REPORT_FILE, write_report
from casewire.publish.shrink import check_shrink

LATEST = "latest.json"
SUMS_FILE = "SHA256SUMS"
#: Files of a release besides the tables and their deltas; SHA256SUMS lists them all.
STANDARD_FILES = (
    "CHANGELOG.md",
    "README.md",
    "datapackage.json",
    FTM_FILE,
    REPORT_FILE,
    "schema.json",
)
#: Columns nothing reads once their table's files are written (deltas read the files,
#: card and report take their fill rates before, FtM does not use them): dropped then,
#: which halves the tables' memory on a whole-corpus release.
UNREAD_AFTER_WRITE = {
    "documents": ["text"],
    "mentions": ["mention_id", "text", "label", "mention_start", "mention_end", "evidence"],
    "entities": ["evidence"],
    "entity_roles": ["evidence"],
}
CHANGELOG_TITLE = "# Changelog\n\n"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_VERSION_RE = re.compile(r"^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$")


@dataclass(frozen=True)
class PublishResult:
    """What :func:`publish_release` did; ``changes`` is the per-table ADD/MOD/DEL summary."""

    published: bool
    version: str
    path: Path
    reason: str
    changes: dict[str, dict[str, Any]] = field(default_factory=dict)
    accounting: str = ""  # "N input units = D documents + R rejects (...)", set by the flow


def publish_release(
    tables: dict[str, pd.DataFrame],
    output_dir: Path,
    *,
    sources: list[dict[str, Any]],
    stats: dict[str, Any],
    eval_figures: dict[str, Any] | None = None,
    build_date: str,
    lock_timeout: float = 0.0,
    validated: bool = False,
    consume: bool = False,
    max_shrink: float | None = None,
) -> PublishResult:
    """Validate ``tables`` and publish them as a new release unless nothing changed.

    ``validated=True`` says the caller passes exactly what
    :func:`schemas.validate_tables` returned (the build flow validates in a task of
    its own); validation is then not repeated, which saves seconds per thousand
    documents. ``consume=True`` empties ``tables`` (the caller's dict) once the frames
    are taken over, so that columns nothing reads after the files are written (the
    mentions' evidence, the document texts) can be let go as soon as they are: on the
    whole corpus that is half the tables' memory. ``max_shrink`` (a share, e.g. 0.1)
    refuses a release that drops more than that share of the previous release's
    documents (None: no such check). Raises :class:`schemas.ReleaseValidationError`,
    :class:`casewire.publish.shrink.ReleaseShrinkError` (nothing is published) or
    :class:`casewire.publish.lock.OutputLockedError`.
    """
    if not _DATE_RE.match(build_date):
        raise ValueError(f"build_date must be YYYY-MM-DD, got {build_date!r}")
    output_dir = Path(output_dir)
    releases = output_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    with output_lock(output_dir, timeout=lock_timeout):
        remove_leftovers(releases)
        checked = tables if validated else schemas.validate_tables(tables)
        # the frames as written (contract dtypes, key order) feed the card, FtM and
        # report too: reading the files back would hold every table twice
        ordered = {n: sort_table(n, conform(n, checked[n])) for n in schemas.TABLES}
        del checked
        if max_shrink is not None:  # before anything is written: a refusal leaves no trace
            latest, previous = previous_release(output_dir)
            check_shrink(previous, latest and latest["version"], ordered["documents"], max_shrink)
        if consume:
            tables.clear()
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=releases))
        try:
            return _publish(
                ordered,
                output_dir,
                tmp,
                sources=sources,
                stats=stats,
                eval_figures=eval_figures,
                build_date=build_date,
            )
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def remove_leftovers(releases: Path) -> list[Path]:
    """Delete what killed runs left (call only while holding the lock).

    That is ``releases/.tmp-*`` folders (unfinished releases) and
    ``.latest.json.tmp-*`` files beside ``latest.json`` (unused new pointers).
    """
    leftovers = sorted(p for p in releases.glob(".tmp-*") if p.is_dir())
    pointers = sorted(
        p
        for name in (LATEST, INDEX_FILE)
        for p in releases.parent.glob(f".{name}.tmp-*")
        if p.is_file()
    )
    for path in leftovers:
        shutil.rmtree(path)
    for path in pointers:
        path.unlink()
    return [*leftovers, *pointers]


def previous_release(output_dir: Path) -> tuple[dict[str, Any] | None, Path | None]:
    """(``latest.json`` pointer, its release folder), or (None, None) when there is no
    release yet or the pointer names a deleted one (a new history starts)."""
    latest = read_latest(output_dir)
    previous = output_dir / latest["path"] if latest else None
    if previous is None or not previous.is_dir():
        return None, None
    return latest, previous


def expected_files() -> list[str]:
    """Every file a release holds besides SHA256SUMS (which lists them all)."""
    tables = [f"{name}.{fmt}" for name in schemas.TABLES for fmt in ("parquet", "csv")]
    deltas = [f"delta/{name}.csv" for name in schemas.TABLES] + [FTM_DELTA]
    return sorted([*tables, *deltas, *STANDARD_FILES])


def content_hash(files: dict[str, dict[str, Any]]) -> str:
    """Hex SHA-256 over the sorted ``<file> <sha256>`` lines of the table files."""
    lines = "".join(f"{name} {files[name]['sha256']}\n" for name in sorted(files))
    return hashlib.sha256(lines.encode()).hexdigest()


def _publish(
    tables: dict[str, pd.DataFrame],
    output_dir: Path,
    tmp: Path,
    *,
    sources: list[dict[str, Any]],
    stats: dict[str, Any],
    eval_figures: dict[str, Any] | None,
    build_date: str,
) -> PublishResult:
    profile = table_profile(tables)  # every column, before long ones are dropped
    files = write_ordered_tables(tables, tmp, drop_after=UNREAD_AFTER_WRITE)
    version = f"{build_date}-{content_hash(files)[:8]}"
    hashes = {name: info["sha256"] for name, info in files.items()}
    latest, previous = previous_release(output_dir)
    if previous is not None and release_hashes(previous) == hashes:
        return PublishResult(
            False, latest["version"], previous, f"no change since {latest['version']}"
        )
    target = output_dir / "releases" / version
    if target.exists():  # same day, same tables, but latest moved on: point back to it
        if release_hashes(target) != hashes:
            raise FileExistsError(f"{target} exists with different tables")
        write_latest(output_dir, version)
        return PublishResult(True, version, target, f"latest re-pointed to {version}")
    summary = _write_extras(
        tmp,
        version,
        tables,
        files,
        previous,
        latest,
        sources=sources,
        stats=stats,
        eval_figures=eval_figures,
        profile=profile,
    )
    tmp.chmod(0o755)  # mkdtemp makes it owner-only
    _fsync_tree(tmp)  # every byte on disk before the folder becomes visible
    os.rename(tmp, target)  # atomic: releases/<version> is absent or complete
    _fsync_dir(target.parent)
    write_latest(output_dir, version)  # last: readers follow the pointer
    return PublishResult(True, version, target, "published", summary)


def _write_extras(
    folder: Path,
    version: str,
    release_tables: dict[str, pd.DataFrame],
    files: dict[str, dict[str, Any]],
    previous: Path | None,
    latest: dict[str, Any] | None,
    *,
    sources: list[dict[str, Any]],
    stats: dict[str, Any],
    eval_figures: dict[str, Any] | None,
    profile: Profile,
) -> dict[str, dict[str, Any]]:
    """Deltas, changelog, schema export, card, report, FtM, checksums and
    datapackage.json. Empties ``release_tables`` before the FtM export."""
    summary = write_deltas(previous, folder)
    section = changelog_section(version, latest["version"] if latest else None, summary)
    _write_text(folder / "CHANGELOG.md", CHANGELOG_TITLE + section + _old_changelog(previous))
    _write_text(folder / "schema.json", pandera_export())
    card = render_card(
        version,
        release_tables,
        sources=sources,
        stats=stats,
        eval_figures=eval_figures,
        changelog=section,
        profile=profile,
    )
    _write_text(folder / "README.md", card)
    write_report(
        release_tables,
        folder,
        eval_figures,
        version=version,
        profile=profile,
        documents_file=folder / "documents.parquet",  # its text column is let go by now
    )
    # The FtM graph (290,000 entities on the whole corpus) is built last, from the few
    # columns it reads of the files just written: the frames are let go first, so the
    # graph never sits in memory beside them.
    release_tables.clear()
    return_free_memory()
    write_ftm(ftm_inputs(folder), folder)
    write_ftm_delta(previous, folder, FTM_FILE)
    created = _now()
    previous_version = latest["version"] if latest else None
    package = descriptor(version, files, sources, stats, created, previous_version)
    _write_text(
        folder / "datapackage.json", json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    )
    # last, so that it covers every other file, the descriptor included
    _write_text(folder / SUMS_FILE, checksums(folder))
    return summary


def _old_changelog(previous: Path | None) -> str:
    if previous is None or not (previous / "CHANGELOG.md").exists():
        return ""
    text = (previous / "CHANGELOG.md").read_text(encoding="utf-8")
    return "\n" + text.removeprefix(CHANGELOG_TITLE)


def checksums(folder: Path) -> str:
    """``sha256sum``-format lines for every file of ``folder`` but SHA256SUMS itself."""
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and p != folder / SUMS_FILE)
    return "".join(f"{sha256_file(p)}  {p.relative_to(folder).as_posix()}\n" for p in paths)


def release_hashes(release: Path) -> dict[str, str]:
    """``{table file: sha256}`` as recorded in a release's datapackage.json."""
    path = release / "datapackage.json"
    if not path.exists():
        return {}
    package = json.loads(path.read_text(encoding="utf-8"))
    return {r["path"]: r["hash"].removeprefix("sha256:") for r in package["resources"]}


def read_latest(output_dir: Path) -> dict[str, Any] | None:
    """The ``latest.json`` pointer, or None before the first release.

    Raises ValueError when the file is not a pointer this module wrote: it must name
    ``releases/<version>`` inside the output folder (never an absolute or ``..`` path).
    """
    path = Path(output_dir) / LATEST
    if not path.exists():
        return None
    try:
        pointer = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(
            f"{path} is not valid JSON ({exc}); restore it from a backup or "
            "point it at a folder under releases/"
        ) from None
    version = pointer.get("version") if isinstance(pointer, dict) else None
    if (
        not isinstance(version, str)
        or not _VERSION_RE.match(version)
        or pointer.get("path") != f"releases/{version}"
    ):
        raise ValueError(
            f"{path} does not name a release as releases/<version> "
            f"(got {pointer!r:.200}); fix or delete it"
        )
    return pointer


def write_latest(output_dir: Path, version: str) -> None:
    """Atomically point ``latest.json`` at ``releases/<version>``."""
    pointer = {
        "version": version,
        "path": f"releases/{version}",
        "schema_version": schemas.SCHEMA_VERSION,
        "published_at": _now(),
    }
    _replace_json(output_dir, LATEST, pointer)
    # after the pointer: a run killed in between leaves an index the next publish rebuilds
    _replace_json(output_dir, INDEX_FILE, build_index(output_dir, version, SUMS_FILE))


def _replace_json(output_dir: Path, name: str, content: dict[str, Any]) -> None:
    """Atomically replace ``output_dir/name`` with ``content`` as JSON."""
    tmp = output_dir / f".{name}.tmp-{os.getpid()}"
    _write_text(tmp, json.dumps(content, indent=2) + "\n")
    os.replace(tmp, output_dir / name)
    _fsync_dir(output_dir)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_tree(folder: Path) -> None:
    """fsync every file under ``folder``, then every directory, deepest first.

    Some writers (the delta CSVs) do not fsync their files; this makes the whole
    release durable before it is renamed into place.
    """
    paths = sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True)
    for path in paths:
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    for path in [*(p for p in paths if p.is_dir() and not p.is_symlink()), folder]:
        _fsync_dir(path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
