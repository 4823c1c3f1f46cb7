"""The data contract as recorded with its version: a contract change needs a semver decision.

``schemas/contract.lock.json`` holds, for the ``SCHEMA_VERSION`` it names, every table's
columns (in order, with dtype, nullability, uniqueness and checks), its table-level
checks, keys and descriptions. A test compares it with the models:

- unchanged contract: the version must be the recorded one;
- changed contract: the version must have been raised by the part the change needs
  (**major**: a column or table removed, renamed or retyped, a column made non-null or
  unique, a key changed; **minor**: a table or a nullable column added; **patch**: checks
  or descriptions), and the lock rewritten with it:
  ``python -m schemas.lock --write`` after setting ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

LOCK = Path(__file__).with_name("contract.lock.json")
_PARTS = ("major", "minor", "patch")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return repr(value)


def _checks(checks: list) -> list:
    return sorted(
        [getattr(c, "name", None) or getattr(c, "error", None) or repr(c), _jsonable(
            getattr(c, "statistics", None) or {})] for c in checks
    )  # fmt: skip


def contract() -> dict[str, Any]:
    """Every table's structure, checks, keys and descriptions, from the pandera models."""
    from schemas.registry import TABLES

    out: dict[str, Any] = {}
    for name, model in TABLES.items():
        schema = model.to_schema()
        out[name] = {
            "columns": [
                {
                    "name": col_name,
                    "dtype": str(col.dtype),
                    "nullable": bool(col.nullable),
                    "unique": bool(col.unique),
                    "checks": _checks(col.checks),
                    "description": col.description,
                }
                for col_name, col in schema.columns.items()
            ],
            "checks": _checks(schema.checks),
            "keys": _jsonable(getattr(model.Config, "metadata", None)),
            "description": schema.description,
        }
    return out


def required_bump(old: dict[str, Any], new: dict[str, Any]) -> str | None:
    """The semver part a change from contract ``old`` to ``new`` needs (None: no change)."""
    if old == new:
        return None
    if set(old) - set(new):
        return "major"  # a table removed
    for table, before in old.items():
        after = new[table]
        if before["keys"] != after["keys"]:
            return "major"
        cols_after = {c["name"]: c for c in after["columns"]}
        for col in before["columns"]:
            now = cols_after.get(col["name"])
            if now is None or now["dtype"] != col["dtype"]:
                return "major"  # removed, renamed or retyped
            if (col["nullable"] and not now["nullable"]) or (now["unique"] and not col["unique"]):
                return "major"  # tightened
    added = [
        c
        for table, after in new.items()
        for c in after["columns"]
        if table in old and c["name"] not in {x["name"] for x in old[table]["columns"]}
    ]
    if set(new) - set(old) or added:
        # an added column that must be filled breaks a consumer's writer, not a reader
        return "minor"
    return "patch"


def bumped(old_version: str, new_version: str) -> str | None:
    """Which part ``new_version`` raised over ``old_version`` (the others reset)."""
    a, b = (tuple(int(x) for x in v.split(".")) for v in (old_version, new_version))
    for k, part in enumerate(_PARTS):
        if b[k] != a[k]:
            later_reset = all(x == 0 for x in b[k + 1 :])
            return part if b[k] == a[k] + 1 and later_reset else "invalid"
    return None


def problem(lock: dict[str, Any], version: str, now: dict[str, Any]) -> str | None:
    """Why the models, their version and the lock disagree (None: they agree)."""
    need = required_bump(lock["contract"], now)
    did = bumped(lock["version"], version)
    if need is None and did is None:
        return None
    if need is None:
        return (
            f"SCHEMA_VERSION is {version} but the contract did not change since "
            f"{lock['version']}: set it back"
        )
    if did is None or did == "invalid" or _PARTS.index(did) > _PARTS.index(need):
        return (
            f"the data contract changed since {lock['version']} ({need} change): raise "
            f"SCHEMA_VERSION's {need} part (it is {version}), then run "
            "`python -m schemas.lock --write`"
        )
    return (
        f"SCHEMA_VERSION {version} raises {lock['version']} for a {need} change: record it "
        "with `python -m schemas.lock --write`"
    )


def read_lock() -> dict[str, Any]:
    return json.loads(LOCK.read_text())


def write_lock() -> None:
    from schemas.registry import SCHEMA_VERSION

    body = {"version": SCHEMA_VERSION, "contract": _jsonable(contract())}
    LOCK.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="record the current contract")
    args = parser.parse_args(argv)
    from schemas.registry import SCHEMA_VERSION

    if args.write:
        lock = read_lock() if LOCK.exists() else None
        if lock is not None:
            why = problem(lock, SCHEMA_VERSION, _jsonable(contract()))
            if why and "record it" not in why:
                print(why, file=sys.stderr)
                return 1
        write_lock()
        print(f"recorded the contract of schema {SCHEMA_VERSION} in {LOCK}")
        return 0
    why = problem(read_lock(), SCHEMA_VERSION, _jsonable(contract()))
    print(why or f"schema {SCHEMA_VERSION}: the contract is the recorded one")
    return 1 if why else 0


if __name__ == "__main__":
    raise SystemExit(main())
