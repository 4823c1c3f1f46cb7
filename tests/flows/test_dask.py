"""The build flow on a 2-worker Dask LocalCluster gives the same tables as the default run."""

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
