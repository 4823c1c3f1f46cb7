"""The dataset card reads what `make eval` writes: the two must agree on its shape."""

from __future__ import annotations

import json
from pathlib import Path


def test_the_card_reads_the_figures_make_eval_writes(tmp_path: Path) -> None:
    from casewire.evaluate import evaluate
    from flows.build import load_eval_figures

    outcome = {"defendant": "Ann Lee", "outcome_type": "sentenced", "judge": "Bo Chan"}
    gold = {"s.jsonl": [
        {"id": "a/1", "office": "a", "split": "dev", "outcomes": [outcome]},
        {"id": "b/1", "office": "b", "split": "test", "outcomes": [outcome]},
    ]}  # fmt: skip
    figures = evaluate(gold, {"a/1": [dict(outcome)], "b/1": []}, {})
    (tmp_path / "eval.json").write_text(json.dumps(figures, default=str))
    card = load_eval_figures(tmp_path)
    assert card["outcomes s.jsonl [dev] f1"] == 1.0
    assert card["outcomes test recall"] == 0.0
    assert "outcomes test exact judge" in card
