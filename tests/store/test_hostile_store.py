"""Outcome history and wire-family regrouping under races (issue #15, findings 5 and 8).

Run once per backend; the PostgreSQL runs need ``scripts/postgres-ci.sh``.
"""

from __future__ import annotations

import multiprocessing as mp
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import crosswire.ingest as ingest_module
from crosswire.ingest import ingest
from crosswire.model import Outcome

if TYPE_CHECKING:  # the fixture class lives in tests/store/conftest.py
    from tests.store.conftest import Backend
else:
    Backend = Any

DEDUP = Path(__file__).resolve().parents[1] / "fixtures" / "dedup"
# Three copies of one wire story plus an update of it, and two unrelated articles.
HALF_A = ["wire_site_a", "unrelated_analysis", "wire_update"]
HALF_B = ["wire_site_b", "wire_site_c", "unrelated_local"]


def _corpus(root: Path) -> tuple[Path, Path]:
    halves = []
    for name, files in (("a", HALF_A), ("b", HALF_B)):
        folder = root / name
        folder.mkdir()
        for stem in files:
            shutil.copy(DEDUP / f"{stem}.txt", folder / f"{stem}.txt")
        halves.append(folder)
    return halves[0], halves[1]


def _families(store: Any) -> set[frozenset[str]]:
    """The partition of stored articles into families, named by source file stem."""
    groups: dict[str | None, set[str]] = {}
    for article in store.iter_articles():
        assert article.family is not None, f"{article.source} has no family"
        groups.setdefault(article.family, set()).add(Path(article.source).stem)
    return {frozenset(g) for g in groups.values()}


def test_rerun_keeps_the_first_outcome_and_logs_both(backend: Backend) -> None:
    with backend.open() as store:
        store.record_outcome(Outcome("a.txt", "stored", None, "a" * 16), "run1")
        store.record_outcome(Outcome("b.bin", "skipped", "E103 binary"), "run1")
        store.record_outcome(Outcome("a.txt", "duplicate", "same text", "a" * 16), "run2")
        store.record_outcome(Outcome("b.bin", "skipped", "E103 binary"), "run2")
        assert list(store.iter_outcomes()) == [
            Outcome("a.txt", "stored", None, "a" * 16),
            Outcome("b.bin", "skipped", "E103 binary"),
        ]
        assert [(o.source, o.status, run) for o, run in store.iter_outcome_log()] == [
            ("a.txt", "stored", "run1"),
            ("b.bin", "skipped", "run1"),
            ("a.txt", "duplicate", "run2"),
            ("b.bin", "skipped", "run2"),
        ]


def test_surrogates_in_outcomes_and_articles_are_stored(backend: Backend) -> None:
    with backend.open() as store:
        store.record_outcome(Outcome("odd\udce9name", "failed", "E107 bad \ud800"))
        assert [(o.source, o.reason) for o in store.iter_outcomes()] == [
            ("odd\ufffdname", "E107 bad \ufffd")
        ]


def test_a_kill_before_regrouping_is_repaired_by_the_next_run(
    backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    half_a, half_b = _corpus(tmp_path)
    with backend.open() as store:
        with monkeypatch.context() as patched:  # the run dies after its last article
            patched.setattr(ingest_module, "update_families", lambda *a, **k: 0)
            first = ingest([str(half_a), str(half_b)], store)
        assert first.stored == 6 and store.families_stale()
        rerun = ingest([str(half_a), str(half_b)], store)  # stores nothing new
        assert (rerun.stored, rerun.duplicates) == (0, 6)
        assert not store.families_stale()
        assert _families(store) == {
            frozenset({"wire_site_a", "wire_site_b", "wire_site_c", "wire_update"}),
            frozenset({"unrelated_analysis"}),
            frozenset({"unrelated_local"}),
        }
        # The rerun's outcomes are logged next to the first run's; "stored" is kept.
        assert {o.status for o in store.iter_outcomes()} == {"stored"}
        statuses = [o.status for o, _ in store.iter_outcome_log()]
        assert statuses.count("stored") == 6 and statuses.count("duplicate") == 6


def _ingest_half(backend: Backend, folder: str, start: Any) -> None:
    with backend.open() as store:
        start.wait(30)
        ingest([folder], store)


def test_two_concurrent_ingests_end_with_the_sequential_families(
    backend: Backend, tmp_path: Path
) -> None:
    half_a, half_b = _corpus(tmp_path)
    ctx = mp.get_context("fork")
    start = ctx.Barrier(2)
    procs = [
        ctx.Process(target=_ingest_half, args=(backend, str(h), start)) for h in (half_a, half_b)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    with backend.open() as store:
        concurrent = _families(store)
    sequential_db = tmp_path / "sequential.db"
    from crosswire.store import SQLiteStore

    with SQLiteStore(sequential_db) as store:
        ingest([str(half_a), str(half_b)], store)
        sequential = _families(store)
    assert concurrent == sequential
    assert frozenset({"wire_site_a", "wire_site_b", "wire_site_c", "wire_update"}) in sequential
