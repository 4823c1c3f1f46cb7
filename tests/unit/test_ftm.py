"""FollowTheMoney export: every entity validates with the library and survives a round trip."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from followthemoney import model
from unidecode import unidecode

from casewire.publish.ftm import (
    FTM_FILE,
    build_entities,
    entity_line,
    ftm_id,
    organization_schema,
    read_ftm,
    read_inputs,
    write_ftm,
)
from schemas.examples import example_tables


@pytest.fixture(scope="module")
def seed_tables(seed_release_tables) -> dict[str, pd.DataFrame]:
    return seed_release_tables


@pytest.fixture(scope="module")
def seed_ftm(seed_tables, tmp_path_factory) -> Path:
    return write_ftm(seed_tables, tmp_path_factory.mktemp("ftm"))


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _key(text: str) -> str:
    return unidecode(text).casefold()


def check_valid(path: Path) -> None:
    """Every line is a valid, concrete FtM entity whose entity links resolve in the file."""
    data = _lines(path)
    ids = {d["id"]: d["schema"] for d in data}
    assert len(ids) == len(data), "entity IDs must be unique"
    for d in data:
        schema = model.get(d["schema"])
        assert schema is not None and not schema.abstract, d["schema"]
        schema.validate(d)  # raises InvalidData
        proxy = model.get_proxy(d, cleaned=False)
        for req in schema.required:
            assert proxy.has(req), f"{d['id']}: required {req} missing"
        for prop in proxy.iterprops():
            if prop.type.name == "entity":
                for ref in proxy.get(prop):
                    assert ref in ids, f"{d['id']}.{prop.name} -> {ref} not in the file"
                    assert model.get(ids[ref]).is_a(prop.range), (d["id"], prop.name, ref)


def test_seed_export_validates_with_followthemoney(seed_ftm: Path) -> None:
    check_valid(seed_ftm)
    schemas_used = {d["schema"] for d in _lines(seed_ftm)}
    assert {
        "Person",
        "Organization",
        "PublicBody",
        "CourtCase",
        "CourtCaseParty",
        "Event",
        "Article",
    } <= schemas_used


def test_seed_acceptance_garcia_luna_case(seed_ftm: Path) -> None:
    entities = {d["id"]: d for d in _lines(seed_ftm)}

    def named(schema: str, name: str) -> list[dict]:
        return [
            d
            for d in entities.values()
            if d["schema"] == schema
            and any(name in _key(n) for n in d["properties"].get("name", []))
        ]

    (garcia,) = named("Person", "garcia luna")
    (cogan,) = named("Person", "brian cogan")
    (cartel,) = named("Organization", "sinaloa cartel")
    assert "crime" in cartel["properties"]["topics"]
    cases = [
        d
        for d in entities.values()
        if d["schema"] == "CourtCase" and "garcia luna" in _key(d["properties"]["name"][0])
    ]
    assert len(cases) == 1
    case_id = cases[0]["id"]
    parties = {
        (d["properties"]["party"][0], d["properties"]["role"][0])
        for d in entities.values()
        if d["schema"] == "CourtCaseParty" and d["properties"]["case"] == [case_id]
    }
    assert (garcia["id"], "defendant") in parties
    assert (cogan["id"], "judge") in parties
    # The sentence is an Event involving him, linked to the case and proved by an article.
    sentenced = [
        entities[p]
        for p, role in parties
        if role == "outcome" and "sentenced" in entities[p]["properties"]["keywords"]
    ]
    assert sentenced and garcia["id"] in sentenced[0]["properties"]["involved"]
    assert sentenced[0]["properties"]["date"] == ["2024-10-17"]
    assert all(entities[a]["schema"] == "Article" for a in sentenced[0]["properties"]["proof"])


def test_ids_come_from_casewire_ids(seed_tables, seed_ftm: Path) -> None:
    ids = {d["id"] for d in _lines(seed_ftm)}
    people = seed_tables["entities"].query("entity_type != 'place'").entity_id
    assert {ftm_id(e) for e in people} <= ids
    assert {ftm_id(c) for c in seed_tables["cases"].case_id} <= ids
    assert {ftm_id(o) for o in seed_tables["legal_outcomes"].outcome_id} <= ids
    assert all(i.startswith("casewire-") for i in ids)


def test_round_trip_through_the_library(seed_ftm: Path) -> None:
    text = seed_ftm.read_text(encoding="utf-8")
    again = "".join(entity_line(p) + "\n" for p in read_ftm(seed_ftm))
    assert again == text  # re-cleaning by the library changes nothing


def test_ftm_cli_validate_accepts_the_file(seed_ftm: Path, tmp_path: Path) -> None:
    cli = Path(sys.executable).with_name("ftm")
    if not cli.exists():
        cli = shutil.which("ftm")
    assert cli, "the followthemoney package ships the ftm command"
    out = tmp_path / "validated.json"
    subprocess.run(
        [str(cli), "validate", "-i", str(seed_ftm), "-o", str(out)], check=True, timeout=120
    )
    strip = lambda d: {k: d[k] for k in ("id", "schema", "properties")}  # noqa: E731
    assert [strip(d) for d in _lines(out)] == _lines(seed_ftm)


def test_file_is_byte_deterministic(seed_tables, tmp_path: Path) -> None:
    shuffled = {n: df.sample(frac=1.0, random_state=7) for n, df in seed_tables.items()}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = write_ftm(seed_tables, tmp_path / "a")
    b = write_ftm(shuffled, tmp_path / "b")
    assert a.name == b.name == FTM_FILE
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("which", ["seeds", "examples"])
def test_the_columns_read_back_give_the_same_file(which, seed_tables, tmp_path: Path) -> None:
    # publishing builds the export from READ_COLUMNS of the written files, not the frames
    from casewire.publish import write_tables

    tables = seed_tables if which == "seeds" else example_tables()
    write_tables(tables, tmp_path)
    (tmp_path / "files").mkdir()
    (tmp_path / "frames").mkdir()
    from_files = write_ftm(read_inputs(tmp_path), tmp_path / "files")
    from_frames = write_ftm(tables, tmp_path / "frames")
    assert from_files.read_bytes() == from_frames.read_bytes()
    assert len(from_files.read_bytes().splitlines()) > 3


def test_example_tables_judge_and_terms(tmp_path: Path) -> None:
    path = write_ftm(example_tables(), tmp_path)
    check_valid(path)
    entities = {d["id"]: d for d in _lines(path)}
    sentenced = entities[ftm_id("out-01")]["properties"]
    assert sentenced["name"] == ["Jane Doe sentenced"]
    assert "5 years in prison" in sentenced["description"][0]
    assert ftm_id("ent-00000000000000a2") in sentenced["involved"]  # judge Ann Lee
    assert "crime.fraud" in entities[ftm_id("ent-00000000000000a1")]["properties"]["topics"]


def test_empty_release_gives_an_empty_file(tmp_path: Path) -> None:
    empty = {n: df.iloc[0:0] for n, df in example_tables().items()}
    assert build_entities(empty) == []
    assert write_ftm(empty, tmp_path).read_bytes() == b""


@pytest.mark.parametrize(
    ("name", "roles", "schema"),
    [
        ("Sinaloa Cartel", ["criminal_organization"], "Organization"),
        ("Acme Holdings Inc.", [], "Company"),
        ("Blue Ridge Logistics LLC", [], "Company"),
        ("Bank of Springfield", [], "Company"),
        ("U.S. Department of Justice", [], "PublicBody"),
        ("Drug Enforcement Administration", [], "PublicBody"),
        ("Cook County Sheriff's Office", [], "PublicBody"),
        ("FBI", [], "PublicBody"),
        ("Federal Investigation Agency", [], "PublicBody"),
        ("Los Zetas", [], "Organization"),
        ("Gulf Cartel Inc.", ["criminal_organization"], "Organization"),
    ],
)
def test_organization_schema(name: str, roles: list[str], schema: str) -> None:
    assert organization_schema(name, roles) == schema


def test_entity_only_a_fact_names_is_exported(tmp_path: Path) -> None:
    """An entity with no NER mention (n_mentions 0) still exports, with its first fact."""
    tables = example_tables()
    tables["mentions"] = tables["mentions"].iloc[0:0]
    path = write_ftm(tables, tmp_path)
    check_valid(path)
    assert ftm_id("ent-00000000000000a1") in {d["id"] for d in _lines(path)}
