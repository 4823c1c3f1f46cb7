"""Other ways to run the build flow (a Dask LocalCluster, worker processes) give the
same tables as the default run."""

from __future__ import annotations

from tests.flows.test_release_contract import _table_bytes


def test_dask_run_gives_byte_identical_tables(seed_build, seed_raw, tmp_path) -> None:
    from flows.build import on_dask

    _, release = seed_build
    result = on_dask(n_workers=2)(
        raw_dir=str(seed_raw),
        output_dir=str(tmp_path / "out"),
        chunk_size=1,  # one batch per document, so both workers get work
        use_cache=False,
        distributed=True,
    )
    assert result.published
    assert _table_bytes(result.path) == _table_bytes(release)


def test_two_worker_processes_give_byte_identical_tables(seed_build, seed_raw, tmp_path) -> None:
    """``n_process=2`` runs a pool of worker processes that parse and extract."""
    from flows.build import build_release

    _, release = seed_build
    result = build_release(
        raw_dir=str(seed_raw),
        output_dir=str(tmp_path / "out"),
        n_process=2,
        batch_size=1,  # one document per batch, so both workers get work
        use_cache=False,
    )
    assert result.published
    assert _table_bytes(result.path) == _table_bytes(release)
