"""SQLite backend: the embedded default store.

WAL journal so readers never block the writer; every schema change is a
numbered migration recorded in the ``migrations`` table; every article write
is its own transaction, so a killed run loses nothing it already reported.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from crosswire.model import Article, Outcome
from crosswire.store.fusion_state import read_state
from crosswire.store.migrations import MIGRATIONS
from crosswire.store.sql import (
    ARTICLE_COLUMNS,
    KEEP_STORED_UPSERT,
    Grouper,
    article_from_row,
    article_values,
    dump_json,
    like_prefix,
    load_json,
    now,
    safe_values,
)

log = logging.getLogger(__name__)


class SQLiteStore:
    """A :class:`crosswire.store.base.Store` on one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        if self.path != ":memory:":
            _retry_locked(lambda: self.conn.execute("PRAGMA journal_mode=WAL"))
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    # -- schema -----------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply pending migrations; return the versions applied now.

        Safe when several processes open a new database at once: each version is
        re-checked inside the write transaction that would apply it.
        """
        if self._all_recorded():
            return []
        with self.transaction():
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
            )
        applied: list[int] = []
        for version, name, statements in MIGRATIONS:
            with self.transaction():
                row = self.conn.execute(
                    "SELECT 1 FROM migrations WHERE version = ?", (version,)
                ).fetchone()
                if row is not None:
                    continue
                for statement in statements:
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO migrations (version, name, applied) VALUES (?, ?, ?)",
                    (version, name, now()),
                )
            log.info("applied migration %s %s", version, name)
            applied.append(version)
        return applied

    def _all_recorded(self) -> bool:
        """Whether every migration is recorded already, read without a write lock:
        each thread of ``crosswire serve`` opens its own connection, and the
        per-version ``BEGIN IMMEDIATE`` waited for any writer (a refresh) first."""
        try:
            rows = self.conn.execute("SELECT version FROM migrations").fetchall()
        except sqlite3.OperationalError:  # a new database: no migrations table yet
            return False
        return {int(r[0]) for r in rows} >= {m[0] for m in MIGRATIONS}

    def schema_versions(self) -> list[int]:
        """Versions recorded in the migrations table."""
        return [r[0] for r in self.conn.execute("SELECT version FROM migrations ORDER BY version")]

    def transaction(self) -> _Transaction:
        """A context manager wrapping ``BEGIN IMMEDIATE`` ... ``COMMIT``."""
        return _Transaction(self.conn)

    # -- articles ---------------------------------------------------------------
    def add_article(self, article: Article, signature: bytes | None = None) -> bool:
        values = safe_values(article_values(article))
        with self.transaction():
            cur = self.conn.execute(
                f"INSERT OR IGNORE INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in ARTICLE_COLUMNS)})",
                values,
            )
            inserted = cur.rowcount == 1
            if inserted and signature is not None:
                self.conn.execute(
                    "INSERT OR REPLACE INTO signatures (article_id, blob) VALUES (?, ?)",
                    (article.id, signature),
                )
        return inserted

    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return article_from_row(row) if row else None

    def find_article_ids(self, prefix: str) -> list[str]:
        """Ids starting with ``prefix`` (so users can type a short id)."""
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 10",
            (like_prefix(prefix),),
        )
        return [r[0] for r in rows]

    def iter_articles(self) -> Iterator[Article]:
        cur = self.conn.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles ORDER BY seq")
        for row in cur:
            yield article_from_row(row)

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    # -- wire families ----------------------------------------------------------
    def iter_signatures(self) -> Iterator[tuple[str, bytes, str | None]]:
        cur = self.conn.execute(
            "SELECT s.article_id, s.blob, a.published FROM signatures s "
            "JOIN articles a ON a.id = s.article_id ORDER BY a.seq"
        )
        for row in cur:
            yield row[0], bytes(row[1]), row[2]

    def set_families(self, rows: Iterable[tuple[str, str, int, float]]) -> None:
        with self.transaction():
            self._write_families(rows)

    def _write_families(self, rows: Iterable[tuple[str, str, int, float]]) -> None:
        self.conn.executemany(
            "UPDATE articles SET family = ?, version = ?, similarity = ? WHERE id = ?",
            ((family, version, similarity, aid) for aid, family, version, similarity in rows),
        )

    def regroup_families(self, group: Grouper) -> int:
        """Read every signature and write ``group``'s assignments in one write transaction.

        The write lock is held from the read to the write, so regroupings by
        concurrent ingests run one after another and the last one sees every
        article committed before it: no copy is left out of its family.
        """
        with self.transaction():
            rows = list(group(self.iter_signatures()))
            self._write_families(rows)
        return len({row[1] for row in rows})

    def families_stale(self) -> bool:
        """True when an article has a signature but no family (a run stopped before
        regrouping, or another writer's articles arrived after it)."""
        row = self.conn.execute(
            "SELECT 1 FROM articles a JOIN signatures s ON s.article_id = a.id "
            "WHERE a.family IS NULL LIMIT 1"
        ).fetchone()
        return row is not None

    # -- analyses ---------------------------------------------------------------
    def save_analysis(
        self, article_id: str, status: str, reason: str | None, data: dict[str, Any] | None
    ) -> None:
        payload = None if data is None else json.dumps(data, ensure_ascii=False)
        with self.transaction():
            self.conn.execute(
                "INSERT INTO analyses (article_id, status, reason, analysed, data) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET "
                "status = excluded.status, reason = excluded.reason, "
                "analysed = excluded.analysed, data = excluded.data, rev = analyses.rev + 1",
                (article_id, status, reason, now(), payload),
            )

    def analysed_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT article_id FROM analyses")}

    def iter_analyses(self) -> Iterator[tuple[str, str, str | None, dict[str, Any] | None]]:
        cur = self.conn.execute(
            "SELECT an.article_id, an.status, an.reason, an.data FROM analyses an "
            "JOIN articles a ON a.id = an.article_id ORDER BY a.seq"
        )
        for row in cur:
            yield row[0], row[1], row[2], json.loads(row[3]) if row[3] else None

    # -- input outcomes ---------------------------------------------------------
    def record_outcome(self, outcome: Outcome, run: str | None = None) -> None:
        values = safe_values((outcome.source, outcome.status, outcome.reason, outcome.article_id))
        at = now()
        with self.transaction():
            self.conn.execute(
                "INSERT INTO inputs (source, status, reason, article_id, at) "
                f"VALUES (?, ?, ?, ?, ?) {KEEP_STORED_UPSERT}",
                (*values, at),
            )
            self.conn.execute(
                "INSERT INTO input_log (source, status, reason, article_id, run, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (*values, run, at),
            )

    def iter_outcomes(self) -> Iterator[Outcome]:
        for row in self.conn.execute(
            "SELECT source, status, reason, article_id FROM inputs ORDER BY rowid"
        ):
            yield Outcome(row[0], row[1], row[2], row[3])

    def iter_outcome_log(self) -> Iterator[tuple[Outcome, str | None]]:
        """Every outcome ever recorded, oldest first, with its run id."""
        for row in self.conn.execute(
            "SELECT source, status, reason, article_id, run FROM input_log ORDER BY seq"
        ):
            yield Outcome(row[0], row[1], row[2], row[3]), row[4]

    # -- shard completion markers ----------------------------------------------
    def shard_done(self, shard_id: str) -> bool:
        """Whether the sharded pipeline finished this shard in an earlier run."""
        row = self.conn.execute(
            "SELECT 1 FROM shards WHERE shard_id = ? AND status = 'done'", (shard_id,)
        ).fetchone()
        return row is not None

    def mark_shard(self, shard_id: str, sources: list[str]) -> None:
        """Record that every input of this shard has been written (one transaction)."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO shards (shard_id, sources, status, finished) "
                "VALUES (?, ?, 'done', ?) ON CONFLICT(shard_id) DO UPDATE SET "
                "sources = excluded.sources, status = excluded.status, "
                "finished = excluded.finished",
                (shard_id, json.dumps(sources, ensure_ascii=False), now()),
            )

    # -- persisted fusion (crosswire.fusion.incremental) -------------------------
    def fusion_state(self) -> dict[str, Any] | None:
        """The corpus-wide fusion state saved by ``save_fusion``, or ``None`` (its
        ``series`` and ``disputes`` are read from their rows when asked for:
        :class:`crosswire.store.fusion_state.FusionState`)."""
        return read_state(self.conn.execute)

    def fusion_block_keys(self) -> dict[str, str]:
        """Block id -> digest of the inputs the stored block was computed from."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT block_id, key FROM fusion_blocks")}

    def iter_fusion_blocks(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(block id, label, fused events and disputes) of every stored block."""
        cur = self.conn.execute("SELECT block_id, label, data FROM fusion_blocks ORDER BY block_id")
        for row in cur:
            yield row[0], row[1], load_json(row[2]) or {}

    def save_fusion(
        self,
        state: dict[str, Any],
        blocks: Iterable[tuple[str, str, str, dict[str, Any]]],
        drop: Iterable[str],
    ) -> None:
        """Write (block id, label, key, data) blocks, delete ``drop`` and set the
        state, all in one transaction: a reader sees the old state or the new."""
        at = now()
        with self.transaction():
            self.conn.executemany(
                "DELETE FROM fusion_blocks WHERE block_id = ?", ((b,) for b in drop)
            )
            self.conn.executemany(
                "INSERT INTO fusion_blocks (block_id, label, key, data, computed) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(block_id) DO UPDATE SET "
                "label = excluded.label, key = excluded.key, data = excluded.data, "
                "computed = excluded.computed",
                ((b, label, key, dump_json(data), at) for b, label, key, data in blocks),
            )
            self.conn.execute(
                "INSERT INTO fusion_state (name, data, computed) VALUES ('state', ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET "
                "data = excluded.data, computed = excluded.computed",
                (dump_json(state), at),
            )

    # -- files seen by crosswire watch -------------------------------------------
    def seen_file(self, path: str) -> tuple[int, float, str] | None:
        """(size, mtime, content digest) recorded for ``path``, or ``None``."""
        row = self.conn.execute(
            "SELECT size, mtime, digest FROM watch_seen WHERE path = ?", (path,)
        ).fetchone()
        return (int(row[0]), float(row[1]), str(row[2])) if row else None

    def mark_seen(self, path: str, size: int, mtime: float, digest: str) -> None:
        """Remember that ``path`` was ingested with this size, mtime and digest."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO watch_seen (path, size, mtime, digest, seen) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, "
                "digest = excluded.digest, seen = excluded.seen",
                (path, size, mtime, digest, now()),
            )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _retry_locked(action: Callable[[], object], attempts: int = 50) -> None:
    """Run ``action``, retrying while another process holds the database lock
    (switching to WAL does not wait on the busy timeout)."""
    for attempt in range(attempts):
        try:
            action()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
