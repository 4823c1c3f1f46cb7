"""The dataset card reads what `make eval` writes: the two must agree on its shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _eval_json(tmp_path: Path) -> Path:
    from casewire.evaluate import evaluate

    outcome = {"defendant": "Ann Lee", "outcome_type": "sentenced", "judge": "Bo Chan"}
    gold = {"s.jsonl": [
        {"id": "a/1", "office": "a", "split": "dev", "outcomes": [outcome]},
        {"id": "b/1", "office": "b", "split": "test", "outcomes": [outcome]},
    ]}  # fmt: skip
    figures = evaluate(gold, {"a/1": [], "b/1": [dict(outcome)]}, {})
    path = tmp_path / "eval.json"
    path.write_text(json.dumps(figures, default=str))
    return path


def test_the_card_reads_the_summary_make_eval_commits(tmp_path: Path) -> None:
    from casewire.publish.accuracy import main
    from casewire.publish.card import render_card
    from flows.build import load_eval_figures
    from schemas.examples import example_tables

    out = tmp_path / "accuracy.json"
    assert main([str(_eval_json(tmp_path)), "--out", str(out)]) == 0
    summary = load_eval_figures(out)
    assert summary["outcomes"]["s.jsonl [test]"]["f1"] == 1.0
    assert summary["outcomes"]["dev"]["recall"] == 0.0
    assert summary["field_split"] == "test" and summary["fields"]["judge"] == 1.0
    card = render_card("v", example_tables(), sources=[], stats={}, eval_figures=summary,
                       changelog="")  # fmt: skip
    assert "| s.jsonl [test] | 1.000 | 1.000 | 1.000 |" in card
    assert "| judge | 1.000 |" in card


def test_the_summary_is_byte_stable(tmp_path: Path) -> None:
    from casewire.publish.accuracy import main

    source = _eval_json(tmp_path)
    main([str(source), "--out", str(tmp_path / "a.json")])
    main([str(source), "--out", str(tmp_path / "b.json")])
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_a_missing_eval_json_says_to_run_make_eval(tmp_path: Path) -> None:
    from casewire.publish.accuracy import main

    with pytest.raises(SystemExit, match="run make eval first"):
        main([str(tmp_path / "eval.json"), "--out", str(tmp_path / "a.json")])


def test_the_flow_reads_the_committed_summary() -> None:
    from casewire.publish.accuracy import ACCURACY_FILE
    from flows.build import load_eval_figures

    assert load_eval_figures() == json.loads(ACCURACY_FILE.read_text(encoding="utf-8"))
