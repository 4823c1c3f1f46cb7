"""The judged event sample: drawing it from a release and turning verdicts into shares."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest

from casewire.evaluate_events import ASPECTS, event_shares, format_events, load_judged_events

SAMPLER = Path(__file__).resolve().parents[2] / "gold" / "entities" / "sample_events.py"


@pytest.fixture(scope="module")
def sampler():
    spec = importlib.util.spec_from_file_location("sample_events", SAMPLER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_allocation_is_proportional_with_one_per_type(sampler) -> None:
    share = sampler.allocate({"sentencing": 300, "plea": 100, "trial": 2, "testimony": 1}, 20)
    assert sum(share.values()) == 20
    assert share["testimony"] == 1 and share["trial"] >= 1
    assert share["sentencing"] > share["plea"] > share["trial"]
    assert sampler.allocate({"a": 2, "b": 1}, 80) == {"a": 2, "b": 1}  # never more than there is


def _release(tmp_path: Path) -> Path:
    text = "Intro. John Roe was sentenced today to 10 years. Outro."
    start = text.index("John")
    end = text.index(" Outro")
    events = pd.DataFrame(
        {
            "event_id": [f"evt-{i:02d}" for i in range(30)],
            "event_type": ["sentencing"] * 20 + ["plea"] * 9 + ["trial"],
            "trigger": ["sentenced"] * 30,
            "modality": ["asserted"] * 30,
            "date": ["2019-03-15"] * 30,
            "place": [None] * 30,
            "n_documents": [1] * 29 + [2],
            "doc_id": ["doc-1"] * 30,
        }
    )
    events.to_parquet(tmp_path / "events.parquet")
    pd.DataFrame(
        {"event_id": events.event_id, "entity_id": "ent-1", "role": "defendant"}
    ).to_parquet(tmp_path / "event_participants.parquet")
    pd.DataFrame(
        {
            "event_id": events.event_id,
            "doc_id": "doc-1",
            "start_char": start,
            "end_char": end,
            "evidence": text[start:end],
        }
    ).to_parquet(tmp_path / "event_evidence.parquet")
    pd.DataFrame(
        {"entity_id": ["ent-1"], "entity_type": ["person"], "canonical_name": ["John Roe"]}
    ).to_parquet(tmp_path / "entities.parquet")
    pd.DataFrame(
        {
            "doc_id": ["doc-1"],
            "source_id": ["office/one"],
            "title": ["One"],
            "published_date": ["2019-03-15"],
            "text": [text],
        }
    ).to_parquet(tmp_path / "documents.parquet")
    return tmp_path


def test_draw_and_show(sampler, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sampler, "N_RANDOM", 10)
    monkeypatch.setattr(sampler, "N_LARGEST", 3)
    release = _release(tmp_path)
    rows = sampler.draw(release, seed=7)
    assert rows == sampler.draw(release, seed=7)  # a seed redraws the same sample
    rand = [r for r in rows if r["sample"] == "random"]
    kinds = [r["event"]["event_type"] for r in rand]
    assert len(rand) == 10 and kinds.count("trial") == 1 and kinds.count("sentencing") >= 6
    assert [r["event_id"] for r in rows if r["sample"] == "largest"][0] == "evt-29"
    assert all(r[a] is None for r in rows for a in ASPECTS)
    assert rows[0]["event"]["place"] is None
    json.dumps(rows, allow_nan=False)  # an empty cell is null, never NaN
    assert rows[0]["event"]["participants"] == [
        {"name": "John Roe", "role": "defendant", "entity_type": "person"}
    ]
    shown = sampler.show(rows[:1], release)
    assert "[[John Roe was sentenced today to 10 years.]]" in shown and "Intro." in shown


def _judged(**verdicts) -> dict:
    base = {a: "right" for a in ASPECTS} | {"merge": "na", "place": "na"}
    return {"sample": "random", "event": {"n_documents": 1}, **base, **verdicts}


def test_shares_count_real_events_only(tmp_path: Path) -> None:
    rows = [
        _judged(),
        _judged(participants="wrong", date="wrong"),
        _judged(place="right"),
        _judged(type="wrong", modality="na", participants="na", date="na"),
        {**_judged(merge="wrong"), "event": {"n_documents": 3}},
        {**_judged(merge="wrong"), "sample": "largest", "event": {"n_documents": 9}},
        {**_judged(merge="right"), "sample": "largest", "event": {"n_documents": 5}},
    ]
    s = event_shares(rows)
    assert s["random"]["type"] == {"right": 4, "judged": 5, "share": 0.8}
    assert s["random"]["participants"]["right"] == 3 and s["random"]["participants"]["judged"] == 4
    assert s["random"]["place"] == {"right": 1, "judged": 1, "share": 1.0}
    assert s["random"]["merge"] == {"right": 0, "judged": 1, "share": 0.0}
    assert s["largest"] == {"judged": 2, "merge_wrong": 1}
    assert "participants" in format_events("events_1.jsonl", s)
    path = tmp_path / "events_1.jsonl"
    path.write_text(json.dumps(_judged(date="maybe")) + "\n")
    with pytest.raises(ValueError, match=r"events_1\.jsonl:1: date 'maybe'"):
        load_judged_events(path)


def test_the_judged_samples_in_the_repository_load() -> None:
    folder = SAMPLER.parent
    files = sorted(folder.glob("events_*.jsonl"))
    assert files, "no judged event sample in gold/entities"
    for path in files:
        shares = event_shares(load_judged_events(path))
        assert shares["random"]["type"]["judged"] == shares["random"]["drawn"] == 80
