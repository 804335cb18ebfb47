from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crosswire.model import Article, Outcome, RejectedDate, Removed
from crosswire.store import SQLiteStore, open_store
from crosswire.store.migrations import MIGRATIONS


def _article(aid: str = "0123456789abcdef", text: str = "Warplanes struck a depot.") -> Article:
    return Article(
        id=aid,
        source="pages/a.txt",
        text=text,
        url="https://news.example/a",
        outlet="News Example",
        title="Depot struck",
        published="2025-03-12",
        published_origin="meta",
        rejected_dates=[RejectedDate("January 1, 1970", "R01 unix epoch placeholder")],
        language="en",
        removed=[Removed("SHARE THIS ARTICLE", "share-prompt")],
    )


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with open_store(db) as store:
        assert store.schema_versions() == [m[0] for m in MIGRATIONS]
    with SQLiteStore(db) as store:
        assert store.migrate() == []
        assert store.schema_versions() == [m[0] for m in MIGRATIONS]
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_add_article_is_idempotent_and_round_trips(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store:
        assert store.add_article(_article(), b"sig") is True
        assert store.add_article(_article(), b"sig") is False
        assert store.count_articles() == 1
        got = store.get_article("0123456789abcdef")
        assert got == _article().__class__(**{**_article().__dict__, "ingested": got.ingested})
        assert [s[0] for s in store.iter_signatures()] == ["0123456789abcdef"]
        assert store.find_article_ids("0123") == ["0123456789abcdef"]
        assert store.find_article_ids("%") == []  # LIKE wildcards are escaped


def test_families_and_outcomes(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store:
        store.add_article(_article("a" * 16))
        store.add_article(_article("b" * 16, "Another text."))
        store.set_families([("a" * 16, "a" * 16, 1, 1.0), ("b" * 16, "a" * 16, 2, 0.8)])
        fams = [(a.id, a.family, a.version, a.similarity) for a in store.iter_articles()]
        assert fams == [("a" * 16, "a" * 16, 1, 1.0), ("b" * 16, "a" * 16, 2, 0.8)]
        store.record_outcome(Outcome("x.bin", "failed", "E101 binary"))
        store.record_outcome(Outcome("x.bin", "skipped", "E102 empty"))
        assert list(store.iter_outcomes()) == [Outcome("x.bin", "skipped", "E102 empty", None)]


def test_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as store:
        with pytest.raises(RuntimeError), store.transaction() as conn:
            conn.execute("INSERT INTO inputs (source, status, at) VALUES ('s', 'stored', 'now')")
            raise RuntimeError("killed mid-write")
        assert list(store.iter_outcomes()) == []


def test_unknown_scheme_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="E401"):
        open_store("mysql://localhost/db")


def test_opening_a_migrated_store_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    """``crosswire serve`` opens a connection per worker thread; while a refresh
    holds the write lock, opening (migrations all recorded) must not queue behind it."""
    import threading

    db = str(tmp_path / "busy.db")
    SQLiteStore(db).close()
    writer = SQLiteStore(db)
    writer.conn.execute("BEGIN IMMEDIATE")
    opened: list[bool] = []

    def open_and_close() -> None:
        SQLiteStore(db).close()
        opened.append(True)

    thread = threading.Thread(target=open_and_close, daemon=True)
    try:
        thread.start()
        thread.join(timeout=5)
        assert opened, "opening waited for the writer's lock"
    finally:
        writer.conn.execute("ROLLBACK")
        writer.close()
        thread.join(timeout=35)
