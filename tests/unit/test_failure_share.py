"""When failed extractions stop a run, and what the run then says."""

from __future__ import annotations

import pytest

from casewire.pipeline import TooManyFailures, check_failure_share
from casewire.records import Reject


def _failed(n: int) -> list[Reject]:
    return [
        Reject(f"doc{i}.txt", "extraction_error", f"ValueError: bad {i} at x.py:1 (doc doc-{i})")
        for i in range(n)
    ]


@pytest.mark.parametrize(("n_failed", "n_total"), [(1, 2), (1, 3), (1, 20), (5, 100)])
def test_failures_within_the_tolerance_are_quarantined(n_failed: int, n_total: int) -> None:
    check_failure_share(_failed(n_failed), n_total, 0.05)  # no exception: run publishes


@pytest.mark.parametrize(("n_failed", "n_total"), [(1, 1), (2, 3), (2, 8), (6, 100)])
def test_too_many_failures_stop_the_run(n_failed: int, n_total: int) -> None:
    with pytest.raises(TooManyFailures, match=f"{n_failed} of {n_total} documents failed"):
        check_failure_share(_failed(n_failed), n_total, 0.05)


def test_the_error_names_each_document_and_its_error() -> None:
    with pytest.raises(TooManyFailures) as info:
        check_failure_share(_failed(2), 3, 0.05)
    message = str(info.value)
    assert "doc0.txt: ValueError: bad 0" in message and "doc1.txt: ValueError: bad 1" in message
    assert "see the extraction_error rejects" not in message  # none are written


def test_the_error_lists_at_most_ten_documents() -> None:
    with pytest.raises(TooManyFailures) as info:
        check_failure_share(_failed(12), 12, 0.05)
    assert "doc9.txt" in str(info.value) and "doc10.txt" not in str(info.value)
    assert "and 2 more" in str(info.value)
