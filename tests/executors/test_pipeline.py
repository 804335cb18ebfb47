"""The sharded pipeline: same store on every executor, resumable after kills."""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from executor_helpers import DriverKilled, DyingExecutor, KilledAfter, comparable, write_warc

from crosswire.analyze import analyze
from crosswire.executors import LocalExecutor, run_pipeline
from crosswire.export.writers import export_object
from crosswire.ingest import ingest
from crosswire.store import SQLiteStore

pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path, fixtures_dir: Path) -> Path:
    """The shipped demo corpus, the executor fixtures and a small WARC in one folder."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(demo_dir, root / "demo")
    shutil.copytree(fixtures_dir, root / "fixtures")
    write_warc(root / "crawl.warc", 3)
    return root


def _run(corpus: Path, db: Path, executor: Any, **kw: Any) -> tuple[Any, dict[str, Any]]:
    with SQLiteStore(db) as store:
        report = run_pipeline([str(corpus)], store, executor=executor, shard_size=3, **kw)
        return report, comparable(export_object(store))


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Export after a sharded run on the in-process executor."""
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    report, export = _run(corpus, db, LocalExecutor(0))
    assert report.ok, report.summary()
    assert report.shards == 4 and report.shards_done == 4
    return export


def test_in_process_run_matches_sequential_ingest_and_analyze(
    corpus: Path, reference: dict[str, Any], tmp_path: Path
) -> None:
    with SQLiteStore(tmp_path / "seq.db") as store:
        assert ingest([str(corpus)], store).ok
        analyze(store)
        sequential = comparable(export_object(store))
    assert len(reference["articles"]) == 15
    assert len(reference["claims"]) > 10
    assert sequential == reference


def test_rerun_skips_finished_shards_and_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "twice.db"
    first, export = _run(corpus, db, LocalExecutor(0), analyze=False)
    second, again = _run(corpus, db, LocalExecutor(0), analyze=False)
    assert (first.shards_done, first.ingest.stored) == (4, 15)
    assert (second.shards_resumed, second.shards_done, second.ingest.read) == (4, 0, 0)
    assert again == export


def test_driver_killed_mid_shard_resumes_without_loss_or_duplicates(
    corpus: Path, reference: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "killed.db"
    with SQLiteStore(db) as store, pytest.raises(DriverKilled):
        run_pipeline([str(corpus)], store, executor=KilledAfter(store, 1), shard_size=3)
    with SQLiteStore(db) as store:
        partial = store.count_articles()
    report, export = _run(corpus, db, LocalExecutor(0))
    assert report.ok, report.summary()
    assert 0 < partial < 15
    assert (report.shards_resumed, report.shards_done) == (1, 3)
    # The article written before the kill is recognised, not counted as a duplicate.
    assert report.ingest.duplicates == 0
    assert export == reference
    with SQLiteStore(db) as store:
        ids = [a.id for a in store.iter_articles()]
        assert len(ids) == len(set(ids)) == 15
        statuses = Counter(o.status for o in store.iter_outcomes())
        assert statuses == Counter({"stored": 15, "skipped": 1})


@pytest.fixture(scope="module")
def dask_executor() -> Iterator[Any]:
    """A LocalCluster of two single-threaded worker processes, shared by the Dask tests."""
    pytest.importorskip("distributed")
    import cloudpickle

    from crosswire.executors.dask import DaskExecutor

    # Workers must run the test's wrapper functions, which live outside the package.
    cloudpickle.register_pickle_by_value(sys.modules["executor_helpers"])
    with DaskExecutor(workers=2) as executor:
        yield executor


def test_dask_two_workers_gives_the_same_export(
    corpus: Path, reference: dict[str, Any], dask_executor: Any, tmp_path: Path
) -> None:
    report, export = _run(corpus, tmp_path / "dask.db", dask_executor)
    assert report.ok, report.summary()
    assert export == reference
    # The model is loaded once per worker process, however many shards it ran.
    assert set(report.nlp_loads.values()) == {1}
    assert sum(report.workers.values()) == 4


def test_dask_worker_killed_mid_run_loses_nothing(
    corpus: Path, reference: dict[str, Any], dask_executor: Any, tmp_path: Path
) -> None:
    marker = tmp_path / "died"
    dying = DyingExecutor(dask_executor, str(marker))
    report, export = _run(corpus, tmp_path / "dying.db", dying)
    assert marker.exists()  # a worker really did die
    assert report.ok, report.summary()
    assert report.shards_done == 4
    assert export == reference


def test_local_process_pool_gives_the_same_export(
    corpus: Path, reference: dict[str, Any], tmp_path: Path
) -> None:
    with LocalExecutor(2) as executor:
        report, export = _run(corpus, tmp_path / "pool.db", executor)
    assert report.ok, report.summary()
    assert set(report.nlp_loads.values()) == {1}
    assert export == reference
