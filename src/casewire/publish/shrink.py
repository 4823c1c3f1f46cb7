"""The shrink guard: a run that loses most of its inputs must not replace a good release.

A raw folder emptied by a failed sync, or holding only files that can no longer be
read, gives a run with few or no documents. Its tables are valid, so without this
check it would be published over the release it silently drops. A release may drop
at most a set share of the previous release's documents (by ``source_id``: a
document whose text changed keeps its source and is not dropped); more than that is
refused with what went missing, unless the operator says the removal is intended.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

#: Share of the previous release's documents a run may drop without ``--allow-shrink``.
DEFAULT_MAX_SHRINK = 0.10
#: Missing source_ids named in the error.
SHOWN = 5


class ReleaseShrinkError(RuntimeError):
    """A release would drop more of the previous release's documents than allowed."""


def dropped_sources(previous: Path, documents: pd.DataFrame) -> tuple[list[str], int]:
    """(source_ids of ``previous`` missing from ``documents``, sorted; how many it had)."""
    path = previous / "documents.parquet"
    if not path.is_file():  # nothing to compare with: validation of that release says why
        return [], 0
    before = pq.read_table(path, columns=["source_id"]).column("source_id").to_pylist()
    now = set(documents["source_id"].tolist())
    return sorted(set(before) - now), len(before)


def check_shrink(
    previous: Path | None, version: str | None, documents: pd.DataFrame, max_share: float
) -> None:
    """Raise :class:`ReleaseShrinkError` when ``documents`` drops more than ``max_share``
    of the documents of the ``previous`` release (named ``version``)."""
    if not 0 <= max_share <= 1:
        raise ValueError(f"max_shrink must be a share between 0 and 1, got {max_share!r}")
    if previous is None:
        return
    missing, n_before = dropped_sources(previous, documents)
    if not missing or len(missing) <= max_share * n_before:
        return
    shown = ", ".join(missing[:SHOWN]) + (
        f" (+{len(missing) - SHOWN} more)" if len(missing) > SHOWN else ""
    )
    raise ReleaseShrinkError(
        f"refusing to publish: this run would drop {len(missing)} of the {n_before} "
        f"documents of release {version} ({len(missing) / n_before:.0%}, more than the "
        f"{max_share:.0%} allowed); missing source_ids: {shown}. latest.json still names "
        f"{version}. Check the raw folder (files that could not be read are in this run's "
        "rejects); if the removal is intended, run again with --allow-shrink "
        "(flow parameter allow_shrink=True)."
    )
