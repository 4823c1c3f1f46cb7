"""The trigger words skip sentences and patterns without changing a single trigger match.

``rules/outcomes.yaml`` lists words of which every trigger match holds one; a pattern
runs only on sentences holding a word its own source names. These tests hold the list
to that promise: every pattern names a word (else it silently runs everywhere), and on
every sentence the tests and the seeds carry, the outcome triggers are those of the
slow path (the one alternation of every pattern, then every pattern in turn).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from casewire.extract import outcomes

ROOT = Path(__file__).resolve().parents[2]


def _english_rules() -> dict:
    token = outcomes._LANG.set("en")
    try:
        return outcomes.rules()
    finally:
        outcomes._LANG.reset(token)


def _texts() -> list[str]:
    """Every string literal of 30 characters or more in the unit tests (most are outcome
    sentences written for a rule), and the seed articles, split into sentences."""
    out = []
    for path in sorted((ROOT / "tests" / "unit").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if len(node.value) >= 30:
                    out.append(node.value)
    for path in sorted((ROOT / "raw").glob("*.txt")):
        out += re.split(r"(?<=[.!?])\s+|\n+", path.read_text())
    return [t for t in out if t.strip()]


def test_every_english_trigger_names_a_trigger_word():
    r = _english_rules()
    assert r["trigger_words"], "outcomes.yaml declares no trigger_words"
    unnamed = [p.pattern for _, p, words in r["anchored"] if not words]
    assert unnamed == [], f"patterns naming no trigger word (they run on every sentence): {unnamed}"


def test_trigger_words_change_no_match(monkeypatch: pytest.MonkeyPatch):
    texts = _texts()
    assert len(texts) > 500
    token = outcomes._LANG.set("en")
    try:
        fast = [outcomes._triggers(t) for t in texts]
        r = outcomes.rules()
        every = re.compile("|".join(f"(?:{p.pattern})" for _, p in r["triggers"]), re.I)
        slow_rules = {**r, "trigger_words": (), "any_trigger": every}
        monkeypatch.setattr(outcomes, "rules", lambda: slow_rules)
        slow = [outcomes._triggers(t) for t in texts]
    finally:
        outcomes._LANG.reset(token)
    with_triggers = sum(bool(s) for s in slow)
    assert with_triggers > 200, with_triggers  # the texts do exercise the triggers
    assert [(t, f, s) for t, f, s in zip(texts, fast, slow, strict=True) if f != s] == []


def test_a_sentence_without_any_trigger_word_is_skipped_before_any_pattern():
    r = _english_rules()
    text = "The weather in Dallas was warm on Monday and the parade went ahead."
    assert not any(w in text.lower() for w in r["trigger_words"])
    token = outcomes._LANG.set("en")
    try:
        assert outcomes._triggers(text) == []
        assert outcomes._triggers("He was sentenced to 10 years in prison.") != []
    finally:
        outcomes._LANG.reset(token)


def _anchored() -> list[tuple[str, re.Pattern, frozenset]]:
    return _english_rules()["anchored"]


@pytest.mark.parametrize("k", range(len(_anchored())))
def test_every_string_a_trigger_matches_holds_one_of_its_words(k: int):
    """Strings drawn from the pattern itself (hypothesis), so the check does not depend
    on which sentences the tests happen to carry."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    _, pattern, words = _anchored()[k]

    @settings(max_examples=40, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(st.from_regex(pattern))
    def holds_a_word(s: str) -> None:
        m = pattern.search(s)
        if m is not None:
            assert any(w in m.group(0).lower() for w in words), (pattern.pattern, s)

    holds_a_word()
