"""PostgreSQL backend: the same store as SQLite, for several writers on a server.

Behaviour matches :class:`crosswire.store.sqlite.SQLiteStore` method for
method: idempotent ``add_article`` (``ON CONFLICT DO NOTHING``), one
transaction per article, upserts for outcomes and analyses, ingestion order
from an identity column. The numbered migrations are the same (version, name)
pairs as :mod:`crosswire.store.migrations`, recorded in a ``migrations``
table; only the DDL is rewritten for PostgreSQL here.

Several processes may open the same database at once: migrations run under a
transaction-scoped advisory lock, and concurrent inserts of the same article id
resolve to exactly one row. Needs the ``postgres`` extra (psycopg 3).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql

from crosswire.model import Article
from crosswire.store.migrations import MIGRATIONS
from crosswire.store.pg_bookkeeping import Connection, PgBookkeeping
from crosswire.store.pg_migrations import PG_MIGRATIONS
from crosswire.store.pg_util import conninfo as _conninfo
from crosswire.store.pg_util import describe as _describe
from crosswire.store.pg_util import first_line as _first_line
from crosswire.store.pg_util import no_nul as _no_nul
from crosswire.store.sql import (
    ARTICLE_COLUMNS,
    Grouper,
    article_from_row,
    article_values,
    dump_analysis,
    like_prefix,
    load_analysis,
    now,
    safe_values,
)

log = logging.getLogger(__name__)


# First key of the two-int advisory lock that serialises migrations; the second
# is a hash of the schema, so stores in different schemas do not wait on each other.
_LOCK_CLASS = 0x43570001
_FAMILY_LOCK = 0x43570002  # serialises wire-family regrouping (same second key)

_COLUMNS = ", ".join(ARTICLE_COLUMNS)
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({_COLUMNS}) VALUES ({', '.join('%s' for _ in ARTICLE_COLUMNS)}) "
    "ON CONFLICT (id) DO NOTHING"
)


class PostgresStore(PgBookkeeping):
    """A :class:`crosswire.store.base.Store` in one PostgreSQL database (or schema).

    ``url`` is a libpq URL or conninfo string. ``schema``, when given, is
    created if missing and used as the search path, so several independent
    stores can share one database.
    Raises ``ValueError`` when the server cannot be reached (E403) or the
    schema cannot be created or migrated, e.g. for lack of privileges (E405).
    """

    def __init__(self, url: str, schema: str | None = None) -> None:
        self.url = url
        self.schema = schema
        # libpq waits forever on a silent host by default; keep a user's own setting.
        extra: dict[str, Any] = {"application_name": "crosswire"}
        if "connect_timeout" not in _conninfo(url):
            extra["connect_timeout"] = 10
        try:
            self.conn: Connection = psycopg.connect(url, autocommit=True, **extra)
        except psycopg.Error as exc:
            raise ValueError(
                f"E403 cannot connect to PostgreSQL {_describe(url)}: {_first_line(exc)}"
            ) from exc
        try:
            if schema is not None:
                with self.transaction():
                    self._lock()
                    self.conn.execute(
                        sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema))
                    )
                self.conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
            self.migrate()
        except psycopg.Error as exc:
            self.conn.close()
            raise ValueError(
                f"E405 cannot prepare the PostgreSQL store {_describe(url)}: {_first_line(exc)}"
            ) from exc
        except BaseException:
            self.conn.close()
            raise

    # -- schema -----------------------------------------------------------------
    def _lock(self) -> None:
        """Take the migration lock until the current transaction ends."""
        self.conn.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext(coalesce(current_schema(), '')))",
            (_LOCK_CLASS,),
        )

    def migrate(self) -> list[int]:
        """Apply pending migrations; return the versions applied now.

        Safe when several processes open a fresh database at the same time:
        each migration runs in its own transaction under an advisory lock and
        re-checks the ``migrations`` table after taking it.
        """
        for version, name, _ in MIGRATIONS:
            ddl = PG_MIGRATIONS.get(version)
            if ddl is None or ddl[0] != name:
                raise RuntimeError(f"E404 no PostgreSQL DDL for migration {version} {name!r}")
        if self._all_recorded():
            return []
        applied: list[int] = []
        for version, name, _ in MIGRATIONS:
            with self.transaction():
                self._lock()
                self.conn.execute(
                    "CREATE TABLE IF NOT EXISTS migrations ("
                    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
                )
                done = self.conn.execute(
                    "SELECT 1 FROM migrations WHERE version = %s", (version,)
                ).fetchone()
                if done:
                    continue
                for statement in PG_MIGRATIONS[version][1]:
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO migrations (version, name, applied) VALUES (%s, %s, %s)",
                    (version, name, now()),
                )
            log.info("applied migration %s %s", version, name)
            applied.append(version)
        return applied

    def _all_recorded(self) -> bool:
        """Whether every migration is recorded already: one query, no lock. Each
        thread of ``crosswire serve`` opens its own connection, and checking the
        versions one transaction at a time under the lock took 20-30 ms per
        connection (55 round trips), serialised across threads."""
        if self.conn.execute("SELECT to_regclass('migrations')").fetchone() in (None, (None,)):
            return False
        rows = self.conn.execute("SELECT version FROM migrations").fetchall()
        return {int(r[0]) for r in rows} >= {m[0] for m in MIGRATIONS}

    def schema_versions(self) -> list[int]:
        """Versions recorded in the migrations table."""
        rows = self.conn.execute("SELECT version FROM migrations ORDER BY version")
        return [r[0] for r in rows]

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """``BEGIN`` ... ``COMMIT`` (``ROLLBACK`` when the block raises)."""
        with self.conn.transaction():
            yield self.conn

    # -- articles ---------------------------------------------------------------
    def add_article(self, article: Article, signature: bytes | None = None) -> bool:
        """Store one article and its signature in one transaction (``False`` if present)."""
        values = _no_nul(safe_values(article_values(article)), article.id)
        with self.transaction():
            cur = self.conn.execute(_INSERT_ARTICLE, values)
            inserted = cur.rowcount == 1
            if inserted and signature is not None:
                self.conn.execute(
                    "INSERT INTO signatures (article_id, blob) VALUES (%s, %s) "
                    "ON CONFLICT (article_id) DO UPDATE SET blob = excluded.blob",
                    (article.id, signature),
                )
        return inserted

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone()
        return row is not None

    def get_article(self, article_id: str) -> Article | None:
        """The stored article, or ``None``."""
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE id = %s",
            (article_id,),
        ).fetchone()
        return article_from_row(row) if row else None

    def find_article_ids(self, prefix: str) -> list[str]:
        """Ids starting with ``prefix`` (so users can type a short id)."""
        # COLLATE "C": byte order, as SQLite sorts, whatever the database locale.
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id LIKE %s ESCAPE '\\' "
            'ORDER BY id COLLATE "C" LIMIT 10',
            (like_prefix(prefix),),
        )
        return [r[0] for r in rows]

    def iter_articles(self) -> Iterator[Article]:
        """All stored articles in ingestion order."""
        query = f"SELECT seq, {_COLUMNS} FROM articles WHERE seq > %s ORDER BY seq LIMIT %s"
        for row in self._pages(query):
            yield article_from_row(row[1:])

    def count_articles(self) -> int:
        """How many articles are stored."""
        row = self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()
        return int(row[0]) if row else 0

    # -- wire families ----------------------------------------------------------
    def iter_signatures(self) -> Iterator[tuple[str, bytes, str | None]]:
        """(article id, dedup signature, published) for every stored article."""
        query = (
            "SELECT a.seq, s.article_id, s.blob, a.published FROM signatures s "
            "JOIN articles a ON a.id = s.article_id WHERE a.seq > %s ORDER BY a.seq LIMIT %s"
        )
        for row in self._pages(query):
            yield row[1], bytes(row[2]), row[3]

    def set_families(self, rows: Iterable[tuple[str, str, int, float]]) -> None:
        """Write (article id, family, version, similarity) assignments."""
        with self.transaction():
            self._write_families(rows)

    def _write_families(self, rows: Iterable[tuple[str, str, int, float]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(
                "UPDATE articles SET family = %s, version = %s, similarity = %s WHERE id = %s",
                [(family, version, similarity, aid) for aid, family, version, similarity in rows],
            )

    def regroup_families(self, group: Grouper) -> int:
        """Read every signature and write ``group``'s assignments under one lock.

        A transaction-scoped advisory lock serialises regroupings: concurrent
        ingests regroup one after another and the last one reads every article
        committed before it took the lock, so no copy is left out of its family.
        """
        with self.transaction():
            self.conn.execute(
                "SELECT pg_advisory_xact_lock(%s, hashtext(coalesce(current_schema(), '')))",
                (_FAMILY_LOCK,),
            )
            signatures = [
                (str(r[0]), bytes(r[1]), r[2])
                for r in self.conn.execute(
                    "SELECT s.article_id, s.blob, a.published FROM signatures s "
                    "JOIN articles a ON a.id = s.article_id ORDER BY a.seq"
                )
            ]
            rows = list(group(signatures))
            self._write_families(rows)
        return len({row[1] for row in rows})

    def families_stale(self) -> bool:
        """True when an article has a signature but no family."""
        row = self.conn.execute(
            "SELECT 1 FROM articles a JOIN signatures s ON s.article_id = a.id "
            "WHERE a.family IS NULL LIMIT 1"
        ).fetchone()
        return row is not None

    # -- analyses ---------------------------------------------------------------
    def save_analysis(
        self, article_id: str, status: str, reason: str | None, data: dict[str, Any] | None
    ) -> None:
        """Store (or replace) one article's analysis: status ``done`` or ``skipped``."""
        values = _no_nul((article_id, status, reason, now(), dump_analysis(data)), article_id)
        with self.transaction():
            self.conn.execute(
                "INSERT INTO analyses (article_id, status, reason, analysed, data) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET "
                "status = excluded.status, reason = excluded.reason, "
                "analysed = excluded.analysed, data = excluded.data, rev = analyses.rev + 1",
                values,
            )

    def analysed_ids(self) -> set[str]:
        """Ids of articles that have an analysis row."""
        return {r[0] for r in self.conn.execute("SELECT article_id FROM analyses")}

    def iter_analyses(self) -> Iterator[tuple[str, str, str | None, dict[str, Any] | None]]:
        """(article id, status, reason, data) in ingestion order."""
        query = (
            "SELECT a.seq, an.article_id, an.status, an.reason, an.data FROM analyses an "
            "JOIN articles a ON a.id = an.article_id WHERE a.seq > %s ORDER BY a.seq LIMIT %s"
        )
        for row in self._pages(query):
            yield row[1], row[2], row[3], load_analysis(row[4])

    def close(self) -> None:
        """Release the connection."""
        self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
