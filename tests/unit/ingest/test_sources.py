from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path

import pytest

from casewire.ingest import read_raw
from casewire.ingest.decode import DecodeError, decode_bytes
from casewire.records import Document, Reject

ARTICLE = (
    "John Doe, 41, of Springfield, was sentenced today to ten years in prison for "
    "wire fraud, U.S. Attorney Jane Roe announced. "
)


def test_seed_documents_keep_source_ids_and_dates(seed_documents) -> None:
    first, second = seed_documents["000_59f05c6e5482b6a2"], seed_documents["001_e430d21bfe07dd31"]
    assert first.published_date is None
    assert second.published_date == "2023-02-21" and second.date_source == "header"
    assert "More From Author" not in first.text and "Ukraine" not in first.text
    assert "Europe. Garcia" in first.text and "Mexico’s former" in second.text
    assert first.doc_id.startswith("doc-") and first.doc_id != second.doc_id


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Café au lait".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Café".encode(), "utf-8-sig"),
        ("Café".encode("utf-16"), "utf-16"),
    ],
)
def test_decode_known_encodings(data: bytes, encoding: str) -> None:
    text, used = decode_bytes(data)
    assert "Caf" in text and used == encoding


def test_decode_windows_1252_falls_back_to_detector() -> None:
    data = ("The defendant’s lawyer said the “plea” was fair. " * 5).encode("cp1252")
    text, _ = decode_bytes(data)
    assert "defendant’s" in text


def test_decode_rejects_pdf() -> None:
    with pytest.raises(DecodeError) as err:
        decode_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert err.value.reason == "binary"


def _write_jsonl_gz(path: Path, rows: list[object], tail: bytes = b"") -> None:
    with gzip.open(path, "wb") as fh:
        for row in rows:
            fh.write(json.dumps(row).encode() + b"\n")
        fh.write(tail)


def test_every_input_unit_is_a_document_or_a_reject(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE * 3)
    (tmp_path / "copy of a.txt").write_text(ARTICLE * 3)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7 binary")
    (tmp_path / "sub").mkdir()
    _write_jsonl_gz(
        tmp_path / "sub" / "feed.jsonl.gz",
        [
            {"id": "x/1", "title": "T", "date": "2020-01-02", "text": ARTICLE * 2 + "Second."},
            {"id": "x/2", "title": "no text"},
            ["not", "an", "object"],
        ],
        tail=b'{"id": "x/3", "text": "cut off mid',
    )
    units = list(read_raw(tmp_path))
    docs = [u for u in units if isinstance(u, Document)]
    reasons = sorted(u.reason for u in units if isinstance(u, Reject))
    assert len(units) == 8
    assert {d.source_id for d in docs} == {"a", "x/1"}
    assert reasons == [
        "binary",
        "duplicate_of",
        "empty",
        "malformed_json",
        "malformed_json",
        "missing_field",
    ]
    dup = next(u for u in units if isinstance(u, Reject) and u.reason == "duplicate_of")
    assert dup.duplicate_of == next(d.doc_id for d in docs if d.source_id == "a")


def test_german_release_is_rejected_as_unsupported_language(tmp_path: Path) -> None:
    (tmp_path / "de.txt").write_text(
        "Der Bezirksstaatsanwalt gab heute bekannt, dass der Angeklagte wegen der Ermordung "
        "seines Nachbarn in der Stadt Santa Ana zu zehn Jahren Haft verurteilt wurde."
    )
    (unit,) = list(read_raw(tmp_path))
    assert isinstance(unit, Reject) and unit.reason == "unsupported_language"


def test_spanish_release_is_a_spanish_document_dated_from_its_first_line(tmp_path: Path) -> None:
    (tmp_path / "es.txt").write_text(
        "3 de mayo de 2022 Contacto: Oficina del Fiscal\n"
        "El Fiscal de Distrito anunció hoy que el acusado fue condenado a diez años de prisión "
        "por el asesinato de su vecino en la ciudad de Santa Ana."
    )
    (unit,) = list(read_raw(tmp_path))
    assert isinstance(unit, Document) and unit.language == "es"
    assert unit.published_date == "2022-05-03"


def test_record_date_used_when_text_has_none(tmp_path: Path) -> None:
    _write_jsonl_gz(tmp_path / "f.jsonl.gz", [{"id": "r1", "date": "2011-05-06", "text": ARTICLE}])
    (doc,) = list(read_raw(tmp_path))
    assert doc.published_date == "2011-05-06" and doc.date_source == "record"


def test_missing_raw_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        list(read_raw(tmp_path / "nope"))
