"""One behavioural contract, run against every store backend.

Each test runs on SQLite and, when ``CROSSWIRE_TEST_PG`` points at a loopback
server, on PostgreSQL (in a fresh schema per test).
"""

from __future__ import annotations

import multiprocessing as mp
import random
import sys
from typing import TYPE_CHECKING, Any

import pytest

from crosswire.model import Article, Outcome, RejectedDate, Removed
from crosswire.store import open_store
from crosswire.store.migrations import MIGRATIONS

if TYPE_CHECKING:  # the fixture class lives in tests/store/conftest.py
    from tests.store.conftest import Backend


def _article(
    aid: str, text: str = "Flooding closed the river crossing at Tarvel on Monday."
) -> Article:
    return Article(
        id=aid,
        source=f"pages/{aid}.html",
        text=text,
        url=f"https://news.example/{aid}",
        outlet="News Example",
        title="River crossing closed",
        author="Staff reporter",
        published="2025-04-07",
        published_origin="meta",
        rejected_dates=[RejectedDate("January 1, 1970", "R01 unix epoch placeholder")],
        language="en",
        removed=[Removed("Follow us — «breaking» alerts", "share-prompt")],
        similarity=0.8,
        ingested="2025-04-07T10:00:00+00:00",
    )


def test_migrations_are_recorded_once(backend: Backend) -> None:
    with backend.open() as store:
        assert store.schema_versions() == [m[0] for m in MIGRATIONS]
    with backend.open() as store:
        assert store.migrate() == []
        assert store.schema_versions() == [m[0] for m in MIGRATIONS]


def test_add_article_is_idempotent_and_round_trips(backend: Backend) -> None:
    original = _article("0123456789abcdef", "Ferry «Ørsted» halted; 3 m waves — 40 passengers.")
    with backend.open() as store:
        assert store.add_article(original, b"\x00sig\xff") is True
        assert store.add_article(original, b"other") is False
        assert store.count_articles() == 1
        assert store.has_article("0123456789abcdef")
        assert not store.has_article("missing")
        assert store.get_article("0123456789abcdef") == original
        assert store.get_article("missing") is None
        assert list(store.iter_signatures()) == [("0123456789abcdef", b"\x00sig\xff", "2025-04-07")]
    with backend.open() as store:  # durable across connections
        assert list(store.iter_articles()) == [original]


def test_find_article_ids_escapes_like_wildcards(backend: Backend) -> None:
    with backend.open() as store:
        for aid in ("ab_c000000000001", "abxc000000000002", "ab%c000000000003", "zz00000000000004"):
            store.add_article(_article(aid))
        assert store.find_article_ids("ab") == [
            "ab%c000000000003",
            "ab_c000000000001",
            "abxc000000000002",
        ]
        assert store.find_article_ids("ab_") == ["ab_c000000000001"]
        assert store.find_article_ids("ab%") == ["ab%c000000000003"]
        assert store.find_article_ids("%") == []
        assert store.find_article_ids("\\") == []


def test_iteration_follows_ingestion_order(backend: Backend) -> None:
    ids = [f"{c * 16}" for c in "zyxwvu"]  # reverse alphabetical on purpose
    with backend.open() as store:
        for aid in ids:
            store.add_article(_article(aid), aid.encode())
        assert [a.id for a in store.iter_articles()] == ids
        assert [s[0] for s in store.iter_signatures()] == ids


def test_families(backend: Backend) -> None:
    a, b = "a" * 16, "b" * 16
    with backend.open() as store:
        store.add_article(_article(a))
        store.add_article(_article(b, "Another text."))
        store.set_families([(a, a, 1, 1.0), (b, a, 2, 0.8123456789)])
        fams = [(x.id, x.family, x.version, x.similarity) for x in store.iter_articles()]
        assert fams == [(a, a, 1, 1.0), (b, a, 2, 0.8123456789)]
        store.set_families([])


def test_outcomes_upsert_keeps_first_seen_order(backend: Backend) -> None:
    with backend.open() as store:
        store.record_outcome(Outcome("x.bin", "failed", "E101 binary"))
        store.record_outcome(Outcome("y.txt", "stored", None, "c" * 16))
        store.record_outcome(Outcome("x.bin", "skipped", "E102 empty"))
        assert list(store.iter_outcomes()) == [
            Outcome("x.bin", "skipped", "E102 empty", None),
            Outcome("y.txt", "stored", None, "c" * 16),
        ]


def test_failed_transaction_leaves_nothing(backend: Backend) -> None:
    with backend.open() as store:
        with pytest.raises(RuntimeError), store.transaction() as conn:
            conn.execute("INSERT INTO inputs (source, status, at) VALUES ('s', 'stored', 'now')")
            raise RuntimeError("killed mid-write")
        assert list(store.iter_outcomes()) == []
        store.record_outcome(Outcome("s", "stored"))  # the connection is still usable
        assert [o.source for o in store.iter_outcomes()] == ["s"]


def test_analyses_upsert_and_order(backend: Backend) -> None:
    first, second = "f" * 16, "e" * 16
    data: dict[str, Any] = {"zeta": 1, "alpha": ["Ørsted", None], "mid": {"b": 2.5, "a": True}}
    with backend.open() as store:
        store.add_article(_article(first))
        store.add_article(_article(second))
        assert store.analysed_ids() == set()
        store.save_analysis(second, "skipped", "A01 not English", None)
        store.save_analysis(first, "done", None, {"old": 1})
        store.save_analysis(first, "done", None, data)  # replaces
        rows = list(store.iter_analyses())
        assert rows == [(first, "done", None, data), (second, "skipped", "A01 not English", None)]
        assert list(rows[0][3]) == ["zeta", "alpha", "mid"]  # key order survives storage
        assert store.analysed_ids() == {first, second}


def test_writes_while_iterating(backend: Backend) -> None:
    ids = [f"{i:016x}" for i in range(5)]
    with backend.open() as store:
        for aid in ids:
            store.add_article(_article(aid))
        for article in store.iter_articles():
            store.save_analysis(article.id, "done", None, {"n": len(article.text)})
        assert store.analysed_ids() == set(ids)


# -- several processes writing at once -------------------------------------------
WORKERS = 4
PER_WORKER = 60
STEP = 30  # worker k adds ids [k*STEP, k*STEP + PER_WORKER): neighbours overlap by half


def _writer(backend: Backend, k: int, start: Any, results: Any) -> None:
    store = backend.open()
    start.wait()
    inserted = 0
    # Each writer goes through its ids in its own order, so two writers really do
    # race for the same id instead of one always finding it already there.
    order = list(range(k * STEP, k * STEP + PER_WORKER))
    random.Random(k).shuffle(order)
    for i in order:
        aid = f"{i:016x}"
        if store.add_article(_article(aid, f"Report {i} on the Tarvel floods."), aid.encode()):
            inserted += 1
        store.record_outcome(Outcome(f"pages/{i}.html", "stored", None, aid))
    store.close()
    results.put(inserted)


def test_concurrent_writers_neither_lose_nor_duplicate(backend: Backend) -> None:
    backend.open().close()  # migrate once up front (SQLite migrations are not race-safe)
    ctx = mp.get_context("fork")
    start = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(backend, k, start, results)) for k in range(WORKERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * WORKERS
    inserted = [results.get(timeout=5) for _ in procs]
    expected = (WORKERS - 1) * STEP + PER_WORKER
    assert sum(inserted) == expected  # every id reported as new by exactly one writer
    with backend.open() as store:
        ids = [a.id for a in store.iter_articles()]
        assert len(ids) == len(set(ids)) == expected == store.count_articles()
        assert set(ids) == {f"{i:016x}" for i in range(expected)}
        assert len(list(store.iter_signatures())) == expected
        assert len(list(store.iter_outcomes())) == expected


def test_postgres_urls_without_the_driver_are_a_coded_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "crosswire.store.postgres", None)  # import now fails
    with pytest.raises(ValueError, match=r"^E402 .*crosswire\[postgres\]"):
        open_store("postgresql://127.0.0.1:1/none")
