"""datapackage.json passes the real frictionless validator; schema.json loads in pandera."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest
from frictionless import validate

import schemas
from casewire.publish import publish_release
from casewire.publish.datapackage import table_schema
from schemas.examples import example_tables

FRICTIONLESS = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "frictionless"
SOURCES = [{"path": "raw/doe.txt", "sha256": "a" * 64, "bytes": 187}]


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    return publish_release(
        example_tables(), out, sources=SOURCES, stats={}, build_date="2026-11-22"
    ).path


def test_frictionless_python_api_accepts_the_package(release: Path) -> None:
    report = validate(release / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "type", "note"])


def test_frictionless_cli_accepts_the_package(release: Path) -> None:
    run = subprocess.run(
        [str(FRICTIONLESS), "validate", str(release / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_descriptor_metadata(release: Path) -> None:
    package = json.loads((release / "datapackage.json").read_text())
    assert package["version"] == release.name
    assert package["schema_version"] == schemas.SCHEMA_VERSION
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert "public domain" in package["description"] and "fair use" in package["description"]
    assert package["sources"] == [
        {"title": "raw/doe.txt", "path": "raw/doe.txt", "hash": "sha256:" + "a" * 64, "bytes": 187}
    ]
    csv_res = {r["name"]: r for r in package["resources"] if r["format"] == "csv"}
    assert list(csv_res) == list(schemas.TABLES)
    assert csv_res["legal_outcomes"]["rows"] == 2
    assert csv_res["documents"]["hash"].startswith("sha256:")


def test_frictionless_detects_a_flipped_byte(release: Path, tmp_path: Path) -> None:
    copy = tmp_path / "rel"
    subprocess.run(["cp", "-r", str(release), str(copy)], check=True)
    data = bytearray((copy / "cases.csv").read_bytes())
    data[-3] ^= 0x01
    (copy / "cases.csv").write_bytes(bytes(data))
    report = validate(copy / "datapackage.json")
    assert not report.valid
    assert "hash-count" in {e[0] for e in report.flatten(["type"])}


def test_frictionless_detects_a_dangling_key_in_csv(release: Path, tmp_path: Path) -> None:
    copy = tmp_path / "rel"
    subprocess.run(["cp", "-r", str(release), str(copy)], check=True)
    package = json.loads((copy / "datapackage.json").read_text())
    for res in package["resources"]:
        if res["path"] == "charges.csv":
            del res["hash"], res["bytes"]
    (copy / "datapackage.json").write_text(json.dumps(package))
    text = (copy / "charges.csv").read_text(encoding="utf-8").replace("out-02", "out-99")
    (copy / "charges.csv").write_text(text, encoding="utf-8", newline="")
    report = validate(copy / "datapackage.json")
    assert "foreign-key" in {e[0] for e in report.flatten(["type"])}


def test_table_schema_carries_constraints_and_descriptions() -> None:
    schema = table_schema("legal_outcomes")
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["defendant_age"]["constraints"] == {
        "required": False,
        "minimum": 0,
        "maximum": 120,
    }
    assert fields["outcome_type"]["constraints"]["enum"][0] == "charged"
    assert fields["fine_usd"]["type"] == "number" and fields["life_sentence"]["type"] == "boolean"
    assert all(f["description"] for f in schema["fields"])
    assert {
        "fields": ["case_id"],
        "reference": {"resource": "cases", "fields": ["case_id"]},
    } in schema["foreignKeys"]
    assert schema["primaryKey"] == ["outcome_id"]


@pytest.mark.parametrize("name", list(schemas.TABLES))
def test_exported_pandera_schema_validates_parquet_without_casewire(
    release: Path, name: str
) -> None:
    exported = json.loads((release / "schema.json").read_text())
    assert exported["schema_version"] == schemas.SCHEMA_VERSION
    schema = pa.DataFrameSchema.from_json(json.dumps(exported["tables"][name]))
    schema.validate(pd.read_parquet(release / f"{name}.parquet"))


def test_exported_schema_rejects_bad_values(release: Path) -> None:
    exported = json.loads((release / "schema.json").read_text())
    schema = pa.DataFrameSchema.from_json(json.dumps(exported["tables"]["charges"]))
    frame = pd.read_parquet(release / "charges.parquet")
    frame.loc[0, "category"] = "jaywalking"
    with pytest.raises(pa.errors.SchemaError):
        schema.validate(frame)
