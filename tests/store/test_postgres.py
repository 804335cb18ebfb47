"""PostgreSQL-only behaviour: DDL parity, types, NULs, paging, errors, first-open races.

Needs ``CROSSWIRE_TEST_PG`` (see scripts/postgres-ci.sh) except the DDL-parity
and message tests, which need only psycopg.
"""

from __future__ import annotations

import multiprocessing as mp
import socket
from typing import Any

import pytest

pytest.importorskip("psycopg", reason="psycopg is not installed (extra: postgres)")

import psycopg  # noqa: E402

from crosswire.model import Article, Outcome  # noqa: E402
from crosswire.store import (  # noqa: E402
    SQLiteStore,
    open_store,
    pg_bookkeeping,
)
from crosswire.store import postgres as pg  # noqa: E402
from crosswire.store.migrations import MIGRATIONS  # noqa: E402
from crosswire.store.postgres import PG_MIGRATIONS, PostgresStore  # noqa: E402


def _article(
    aid: str, text: str = "Power was restored to Kell Harbour by Tuesday night."
) -> Article:
    return Article(id=aid, source=f"feeds/{aid}", text=text, ingested="2025-05-02T08:00:00+00:00")


def test_every_migration_has_postgres_ddl_with_the_same_name() -> None:
    assert {v: name for v, name, _ in MIGRATIONS} == {v: d[0] for v, d in PG_MIGRATIONS.items()}


def test_password_never_appears_in_descriptions() -> None:
    described = pg._describe("postgresql://alice:s3cret@127.0.0.1:5999/news")
    assert described == "alice@127.0.0.1:5999/news"


def test_unreachable_server_is_a_coded_value_error() -> None:
    with socket.socket() as s:  # a loopback port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ValueError, match=r"^E403 cannot connect to PostgreSQL .*127\.0\.0\.1"):
        open_store(f"postgresql://nobody:pw@127.0.0.1:{port}/x?connect_timeout=5")


def _in_schema(url: str, schema: str) -> str:
    """The URL with a libpq search_path option (how a user picks a schema by URL)."""
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


def test_open_store_accepts_postgres_urls(pg_url: str, pg_schema: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{pg_schema}"')
    for scheme in ("postgresql://", "postgres://"):
        url = _in_schema(pg_url, pg_schema).replace("postgresql://", scheme, 1)
        with open_store(url) as store:
            assert isinstance(store, PostgresStore)
            assert store.schema_versions() == [m[0] for m in MIGRATIONS]
    with psycopg.connect(pg_url) as conn:
        row = conn.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = 'articles' AND column_name = 'similarity'",
            (pg_schema,),
        ).fetchone()
    assert row == ("double precision",)


def test_nul_characters_become_replacement_characters(pg_url: str, pg_schema: str) -> None:
    text = "Line one\x00line two"
    with PostgresStore(pg_url, schema=pg_schema) as store:
        assert store.add_article(_article("n" * 16, text))
        got = store.get_article("n" * 16)
        assert got is not None and got.text == "Line one\ufffdline two"
        assert len(got.text) == len(text)  # offsets into the text stay valid
        store.save_analysis("n" * 16, "done", "r\x00", {"quote": "a\x00b"})
        assert list(store.iter_analyses()) == [("n" * 16, "done", "r\ufffd", {"quote": "a\x00b"})]
        store.record_outcome(Outcome("odd\x00name", "stored"))
        assert [o.source for o in store.iter_outcomes()] == ["odd\ufffdname"]


def test_paging_covers_every_row_in_order(
    pg_url: str, pg_schema: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pg_bookkeeping, "_BATCH", 3)
    ids = [f"{i:016x}" for i in range(10, 0, -1)]
    with PostgresStore(pg_url, schema=pg_schema) as store:
        for aid in ids:
            store.add_article(_article(aid), aid.encode())
            store.record_outcome(Outcome(aid, "stored", None, aid))
        for article in store.iter_articles():  # writes between pages
            store.save_analysis(article.id, "done", None, {"id": article.id})
        assert [a.id for a in store.iter_articles()] == ids
        assert [s[0] for s in store.iter_signatures()] == ids
        assert [r[0] for r in store.iter_analyses()] == ids
        assert [o.source for o in store.iter_outcomes()] == ids


def test_same_records_as_sqlite(pg_url: str, pg_schema: str, tmp_path: Any) -> None:
    articles = [
        _article("1" * 16, "Crews cleared 12 km of road; «all lanes» open."),
        _article("2" * 16, "A second, shorter report."),
    ]
    results = []
    for store in (SQLiteStore(tmp_path / "x.db"), PostgresStore(pg_url, schema=pg_schema)):
        with store:
            for a in articles:
                store.add_article(a, a.id.encode())
            store.set_families([("2" * 16, "1" * 16, 2, 0.91)])
            store.save_analysis("1" * 16, "done", None, {"b": [1, 2], "a": "x"})
            results.append(
                (list(store.iter_articles()), list(store.iter_analyses()), store.schema_versions())
            )
    assert results[0] == results[1]


def _first_open(url: str, schema: str, start: Any, results: Any) -> None:
    start.wait()
    try:
        with PostgresStore(url, schema=schema) as store:
            results.put(("ok", store.schema_versions()))
    except Exception as exc:  # reported to the parent, which asserts on it
        results.put(("error", repr(exc)))


def test_concurrent_first_open_migrates_exactly_once(pg_url: str, pg_schema: str) -> None:
    ctx = mp.get_context("fork")
    start = ctx.Barrier(4)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_first_open, args=(pg_url, pg_schema, start, results)) for _ in range(4)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    versions = [m[0] for m in MIGRATIONS]
    assert [results.get(timeout=5) for _ in procs] == [("ok", versions)] * 4
    with PostgresStore(pg_url, schema=pg_schema) as store:
        rows = store.conn.execute("SELECT version FROM migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == versions


def test_missing_privileges_are_a_coded_value_error(pg_url: str, pg_schema: str) -> None:
    role = f"ro_{pg_schema}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')  # no CREATE on the database
        try:
            with pytest.raises(ValueError, match=r"^E405 .*permission denied"):
                PostgresStore(
                    f"{pg_url}{'&' if '?' in pg_url else '?'}user={role}", schema=pg_schema
                )
        finally:
            conn.execute(f'DROP ROLE "{role}"')


def test_reopening_a_migrated_store_checks_versions_in_one_query(
    pg_url: str, pg_schema: str
) -> None:
    """``crosswire serve`` opens a connection per thread: once every version is
    recorded, opening takes no migration lock and runs no per-version transaction."""
    with PostgresStore(pg_url, schema=pg_schema) as first:
        assert first.migrate() == []
    store = PostgresStore(pg_url, schema=pg_schema)
    try:
        statements: list[str] = []
        real = store.conn.execute

        def spy(query: Any, *args: Any, **kwargs: Any) -> Any:
            statements.append(str(query))
            return real(query, *args, **kwargs)

        store.conn.execute = spy  # type: ignore[method-assign]
        assert store.migrate() == []
        assert len(statements) == 2 and not any("advisory" in s for s in statements)
        store.conn.execute = real  # type: ignore[method-assign]
        store.conn.execute("DELETE FROM migrations WHERE version = %s", (MIGRATIONS[-1][0],))
        assert not store._all_recorded()
    finally:
        store.conn.close()
