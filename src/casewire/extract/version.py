"""The extractor version, derived from what the extractors run instead of bumped by hand.

It is a digest of the source of every ``casewire`` and ``schemas`` module the
extractors import (followed through their imports, read from the files, not from what
happens to be imported), of ``casewire/nlp.py`` (its page-line component decides the
sentences the extractors read) and of every rule file in ``casewire/rules``. Change one
byte of any of them and the version changes, so no cached extraction outlives the code
that made it; change anything else (publishing, tables, docs) and cached extractions
stay valid.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from functools import lru_cache
from pathlib import Path

_CASEWIRE = Path(__file__).resolve().parents[1]
#: Top-level packages of this project whose modules count.
_PACKAGES = ("casewire", "schemas")


def _package_root(name: str) -> Path | None:
    if name == "casewire":
        return _CASEWIRE
    spec = importlib.util.find_spec(name)  # finds without importing
    origin = spec.origin if spec is not None else None
    return Path(origin).parent if origin else None


def _module_file(module: str) -> Path | None:
    """The file of a project module (``casewire.extract.names``), or None."""
    top, *rest = module.split(".")
    root = _package_root(top) if top in _PACKAGES else None
    if root is None:
        return None
    path = root.joinpath(*rest)
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path) -> set[str]:
    """Project modules a file imports (``from a.b import c`` gives ``a.b`` and ``a.b.c``)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return {m for m in out if m.split(".")[0] in _PACKAGES}


def extractor_sources() -> list[Path]:
    """Every file the extractors' results depend on, sorted."""
    seen: set[Path] = set()
    todo = sorted((_CASEWIRE / "extract").glob("*.py")) + [_CASEWIRE / "nlp.py"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        parents = [m.rsplit(".", k)[0] for m in _imports(path) for k in range(m.count(".") + 1)]
        todo += [f for m in sorted(set(parents)) if (f := _module_file(m)) and f not in seen]
    rules = [p for p in (_CASEWIRE / "rules").rglob("*") if p.is_file()]
    return sorted(seen | set(rules))


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """16 hex digits of the SHA-256 over the files of :func:`extractor_sources` (each
    named by its path below its package's parent)."""
    named = sorted((_name(path), path) for path in extractor_sources())
    digest = hashlib.sha256()
    for name, path in named:
        digest.update(f"{name}\0".encode())
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def _name(path: Path) -> str:
    """``casewire/extract/dates.py``: the path below the package's parent, the same in
    every checkout."""
    top = next(p for p in path.parents if p.name in _PACKAGES)
    return path.relative_to(top.parent).as_posix()
