"""A change to the data contract comes with its semver decision (schemas/lock.py)."""

from __future__ import annotations

import copy

import pytest

import schemas
from schemas import lock


def test_the_models_are_the_contract_recorded_for_this_version():
    why = lock.problem(lock.read_lock(), schemas.SCHEMA_VERSION, lock._jsonable(lock.contract()))
    assert why is None, why


@pytest.fixture
def recorded() -> dict:
    return lock.read_lock()


def _changed(recorded: dict, edit) -> dict:  # noqa: ANN001 - a function of the contract
    new = copy.deepcopy(recorded["contract"])
    edit(new)
    return new


def _drop_column(c: dict) -> None:
    c["cases"]["columns"].pop()


def _retype(c: dict) -> None:
    c["cases"]["columns"][1]["dtype"] = "int64"


def _not_null(c: dict) -> None:
    col = next(x for x in c["legal_outcomes"]["columns"] if x["nullable"])
    col["nullable"] = False


def _add_column(c: dict) -> None:
    c["legal_outcomes"]["columns"].append(
        {"name": "home_confinement_months", "dtype": "Int64", "nullable": True,
         "unique": False, "checks": [], "description": "Home confinement, months."}
    )  # fmt: skip


def _describe(c: dict) -> None:
    c["cases"]["columns"][0]["description"] += " (reworded)"


@pytest.mark.parametrize(
    ("edit", "need"),
    [(_drop_column, "major"), (_retype, "major"), (_not_null, "major"),
     (_add_column, "minor"), (_describe, "patch")],
)  # fmt: skip
def test_each_change_needs_its_part(recorded: dict, edit, need: str):  # noqa: ANN001
    new = _changed(recorded, edit)
    assert lock.required_bump(recorded["contract"], new) == need
    major, minor, patch = (int(x) for x in recorded["version"].split("."))
    right = {"major": f"{major + 1}.0.0", "minor": f"{major}.{minor + 1}.0",
             "patch": f"{major}.{minor}.{patch + 1}"}[need]  # fmt: skip
    # the version left as it was, or raised by too small a part: refused with the part
    assert need in lock.problem(recorded, recorded["version"], new)
    assert "record it" in lock.problem(recorded, right, new)
    if need != "patch":
        assert "raise" in lock.problem(recorded, f"{major}.{minor}.{patch + 1}", new)


def test_a_raised_version_without_a_change_is_refused(recorded: dict):
    major, minor, _ = recorded["version"].split(".")
    why = lock.problem(recorded, f"{major}.{int(minor) + 1}.0", recorded["contract"])
    assert why and "did not change" in why
