"""The data contract on real flow runs: immutability, determinism, deltas, consumer checks."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import schemas
from flows.cli import main as cli_main


def _run(raw: Path, out: Path):
    from flows.build import build_release

    return build_release(raw_dir=str(raw), output_dir=str(out))


def _table_bytes(release: Path) -> dict[str, bytes]:
    files = sorted([*release.glob("*.parquet"), *release.glob("*.csv")])
    return {p.name: p.read_bytes() for p in files}


def test_rerun_on_unchanged_inputs_publishes_nothing(seed_build, seed_raw) -> None:
    result, release = seed_build
    again = _run(seed_raw, release.parent.parent)
    assert not again.published
    assert result.version in again.reason
    assert sorted(p.name for p in release.parent.iterdir()) == [release.name]


def test_same_inputs_give_byte_identical_tables(seed_build, seed_raw, tmp_path) -> None:
    _, release = seed_build
    other = _run(seed_raw, tmp_path / "out")
    assert _table_bytes(release) == _table_bytes(other.path)
    assert len(_table_bytes(release)) == 2 * len(schemas.TABLES)


def test_frictionless_validates_the_release(seed_build) -> None:
    from frictionless import validate

    _, release = seed_build
    report = validate(str(release / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_casewire_validate_accepts_the_release(seed_build, capsys) -> None:
    _, release = seed_build
    assert cli_main(["validate", str(release)]) == 0


def test_casewire_validate_rejects_a_flipped_byte(seed_build, tmp_path, capsys) -> None:
    _, release = seed_build
    copy = shutil.copytree(release, tmp_path / "copy")
    target = copy / "legal_outcomes.csv"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    assert cli_main(["validate", str(copy)]) == 1
    assert "legal_outcomes.csv" in capsys.readouterr().out


def test_readme_duckdb_query_runs(seed_build) -> None:
    import duckdb

    _, release = seed_build
    rows = duckdb.sql(
        "SELECT defendant_name, outcome_type, sentence_min_months, fine_usd "
        f"FROM '{release}/legal_outcomes.parquet' WHERE outcome_type = 'sentenced'"
    ).fetchall()
    assert ("Genaro Garcia Luna", "sentenced", 460, 2_000_000.0) in rows


def _first_corpus_record(corpus_dir: Path) -> dict:
    with gzip.open(corpus_dir / "doj_press_releases.jsonl.gz", "rt", encoding="utf-8") as fh:
        return json.loads(fh.readline())


def test_adding_a_document_gives_a_delta_of_exactly_its_rows(
    prefect_harness, seed_raw, corpus_dir, tmp_path
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(seed_raw, raw)
    first = _run(raw, out)
    record = _first_corpus_record(corpus_dir)
    (raw / "added.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    second = _run(raw, out)
    assert second.published and second.version != first.version
    delta = {p.stem: pd.read_csv(p, dtype=str) for p in (second.path / "delta").glob("*.csv")}
    new_docs = delta["documents"]
    assert list(new_docs.op) == ["ADD"]
    new_doc = new_docs.doc_id.iloc[0]
    assert new_docs.source_id.iloc[0] == record["id"] and len(new_docs.text.iloc[0]) > 100
    for name in ("mentions", "entity_roles", "legal_outcomes", "charges"):
        table = pd.read_parquet(second.path / f"{name}.parquet")
        key = schemas.primary_key(name)[0]
        changed = table[table[key].isin(delta[name][key])]
        assert set(changed.doc_id) <= {new_doc}, name
        assert set(delta[name].doc_id) <= {new_doc}, name  # the rows, not only their keys
        assert list(delta[name].columns[3:]) == list(table.columns), name
    for name, frame in delta.items():
        assert "DEL" not in set(frame.op), f"{name}: adding a document deleted rows"
    old_entities = pd.read_parquet(first.path / "entities.parquet")
    new_entities = pd.read_parquet(second.path / "entities.parquet")
    kept = old_entities.merge(new_entities, on="entity_id", how="left", indicator=True)
    assert (kept._merge == "both").all(), "an existing entity_id changed"


@pytest.mark.parametrize("name", ["legal_outcomes", "entities"])
def test_csv_lists_and_parquet_agree(seed_build, name: str) -> None:
    _, release = seed_build
    parquet = pd.read_parquet(release / f"{name}.parquet")
    csv = pd.read_csv(release / f"{name}.csv", dtype=str, keep_default_na=False)
    assert list(csv.columns) == list(parquet.columns)
    assert len(csv) == len(parquet)


def test_rerun_reads_extractions_from_the_cache(seed_build, seed_raw, monkeypatch) -> None:
    """With the build record gone (as after a code change), the run reads every
    document again but parses none: the extraction cache has them all."""
    from casewire import pipeline
    from casewire.publish import builds

    def no_nlp(documents, *args, **kwargs):
        assert not documents, f"{len(documents)} unchanged documents were parsed again"
        return pipeline.ExtractionResult()

    monkeypatch.setattr(pipeline, "extract_documents", no_nlp)
    _, release = seed_build
    output = release.parent.parent
    (output / builds.RECORD).unlink(missing_ok=True)
    again = _run(seed_raw, output)
    assert not again.published
    assert again.accounting.startswith("2 input units")  # documents were read
    assert (output / builds.RECORD).is_file()  # and the record is back


def test_rerun_with_same_inputs_and_code_reads_nothing(seed_build, seed_raw, monkeypatch) -> None:
    from casewire import ingest

    _, release = seed_build
    output = release.parent.parent
    _run(seed_raw, output)  # makes sure the build record matches this code

    def no_reading(*args, **kwargs):
        raise AssertionError("an unchanged build read its documents again")

    monkeypatch.setattr(ingest, "read_raw", no_reading)
    again = _run(seed_raw, output)
    assert not again.published
    assert "same raw files, code and model" in again.reason
    assert again.version == json.loads((output / "latest.json").read_text())["version"]


def test_one_changed_byte_in_raw_means_a_real_run(seed_build, seed_raw, tmp_path) -> None:
    from casewire.publish import builds

    _, release = seed_build
    output = release.parent.parent
    raw = tmp_path / "raw"
    shutil.copytree(seed_raw, raw)
    _run(raw, output)
    first = sorted(raw.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + " ", encoding="utf-8")
    again = _run(raw, output)
    assert again.accounting.startswith("2 input units"), again.accounting
    assert json.loads((output / builds.RECORD).read_text())["version"] == again.version


def test_an_edited_cache_entry_is_extracted_again_not_published(
    seed_build, seed_raw, tmp_path, monkeypatch
) -> None:
    """A cache entry edited to 999 months (valid JSON, evidence still says 460) fails
    its checksum: the document is parsed again and the release says 460."""
    from casewire import pipeline

    _, release = seed_build
    out = tmp_path / "out"
    shutil.copytree(release.parent.parent / ".cache" / "extract", out / ".cache" / "extract")
    edited = 0
    for segment in sorted((out / ".cache" / "extract").rglob("*.seg")):
        text = segment.read_text(encoding="utf-8")
        if '"sentence_min_months":460' in text:
            edited += text.count("\n")  # entries of the segment, the edited one among them
            for field in ("sentence_min_months", "sentence_max_months"):  # a valid term
                text = text.replace(f'"{field}":460', f'"{field}":999')
            segment.write_text(text, encoding="utf-8")
    assert edited, "no cached entry holds the 460-month sentence"
    real, parsed = pipeline.extract_documents, []

    def counting(documents, *args, **kwargs):
        parsed.extend(d.source_id for d in documents)
        return real(documents, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_documents", counting)
    result = _run(seed_raw, out)
    outcomes = pd.read_parquet(result.path / "legal_outcomes.parquet")
    months = outcomes.sentence_min_months.dropna().astype(int).tolist()
    assert 460 in months and 999 not in months
    assert 0 < len(parsed) <= edited  # the edited entries missed; nothing else was parsed
