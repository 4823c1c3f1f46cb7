"""Every input unit of a raw folder of junk ends as a document or a reject with the right reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casewire.ingest import REJECT_REASONS, read_raw
from casewire.ingest.sources import MAX_BYTES, parse_json_line
from casewire.records import Document, Reject
from tests.conftest import BAD_INPUT, BAD_INPUT_EXPECTED

BAD = BAD_INPUT
EXPECTED = BAD_INPUT_EXPECTED


def _outcomes(raw: Path) -> dict[str, str]:
    out = {}
    for unit in read_raw(raw):
        key = unit.source_path if isinstance(unit, Document) else unit.source
        out[key] = "document" if isinstance(unit, Document) else unit.reason
    return out


def test_each_bad_input_gets_its_reason(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(BAD, raw)
    with (raw / "huge.txt").open("wb") as fh:  # sparse: no 5 MB in git
        fh.truncate(MAX_BYTES + 1)
    assert _outcomes(raw) == EXPECTED


def test_decoded_text_keeps_every_character() -> None:
    docs = {d.source_path: d for d in read_raw(BAD) if isinstance(d, Document)}
    assert "Carlos Peña" in docs["windows-1252.txt"].text
    assert "“plea”" in docs["windows-1252.txt"].text
    assert "Robert Smith" in docs["utf16-bom.txt"].text


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=st.lists(st.binary(max_size=400), min_size=1, max_size=5))
def test_random_bytes_are_all_accounted_for(tmp_path_factory, files: list[bytes]) -> None:
    raw = tmp_path_factory.mktemp("rand")
    for i, data in enumerate(files):
        (raw / f"f{i}.txt").write_bytes(data)
    units = list(read_raw(raw))
    assert len(units) == len(files)
    assert all(isinstance(u, Document) or u.reason in REJECT_REASONS for u in units)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(
    line=st.one_of(
        st.binary(max_size=200),
        json_values.map(lambda v: json.dumps(v).encode()),
        st.fixed_dictionaries({"id": st.text(max_size=10), "text": st.text(max_size=80)}).map(
            lambda v: json.dumps(v).encode()
        ),
    )
)
def test_random_jsonl_lines_never_raise(line: bytes) -> None:
    unit = parse_json_line(line, "x.jsonl:1")
    assert isinstance(unit, Reject) and unit.reason in REJECT_REASONS or hasattr(unit, "text")


def test_bad_dates_and_invisible_characters_in_the_fixture_are_cleaned() -> None:
    docs = {d.source_path: d for d in read_raw(BAD) if isinstance(d, Document)}
    assert docs["ids.jsonl:2"].published_date is None  # record date 2023-02-30
    assert docs["ids.jsonl:4"].published_date is None  # record date 9999-12-31
    assert "Gwen Talbot, 47," in docs["ids.jsonl:4"].text
