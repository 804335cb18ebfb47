"""The bookkeeping tables of a PostgreSQL store, beside its articles.

Input outcomes (and their log), shard completion markers, the persisted
fusion state and blocks, and the files ``crosswire watch`` has seen: what a
resumed or repeated run reads to add nothing twice. Mixed into
:class:`crosswire.store.postgres.PostgresStore`, which owns the connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import psycopg

from crosswire.model import Outcome
from crosswire.store.fusion_state import read_state
from crosswire.store.pg_util import no_nul as _no_nul
from crosswire.store.sql import (
    KEEP_STORED_UPSERT,
    dump_json,
    load_json,
    now,
    safe_values,
)

__all__ = ["Connection", "PgBookkeeping"]

Connection = psycopg.Connection[tuple[Any, ...]]

_BATCH = 500  # rows per page when iterating (keyset pagination on seq)


class PgBookkeeping:
    """Outcomes, shards, fusion state and seen files on ``self.conn``."""

    conn: Connection

    def _pages(self, query: str) -> Iterator[tuple[Any, ...]]:
        """Rows of ``query`` (first column ``seq``, params: after, limit) page by page.

        Keyset pages instead of one open cursor: the caller may write through
        this store between rows (e.g. save an analysis per article) and
        nothing holds a transaction open while it does.
        """
        after = 0
        while True:
            rows = self.conn.execute(query, (after, _BATCH)).fetchall()
            yield from rows
            if len(rows) < _BATCH:
                return
            after = rows[-1][0]

    # -- input outcomes ---------------------------------------------------------
    def record_outcome(self, outcome: Outcome, run: str | None = None) -> None:
        """Log what happened to one input: the per-source row (a rerun's
        "duplicate" keeps the first "stored") and one appended log row."""
        values = _no_nul(
            safe_values((outcome.source, outcome.status, outcome.reason, outcome.article_id)),
            outcome.source,
        )
        at = now()
        with self.conn.transaction():
            self.conn.execute(
                "INSERT INTO inputs (source, status, reason, article_id, at) "
                f"VALUES (%s, %s, %s, %s, %s) {KEEP_STORED_UPSERT}",
                (*values, at),
            )
            self.conn.execute(
                "INSERT INTO input_log (source, status, reason, article_id, run, at) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                (*values, run, at),
            )

    def iter_outcomes(self) -> Iterator[Outcome]:
        """Every logged input outcome, in first-seen order."""
        query = (
            "SELECT seq, source, status, reason, article_id FROM inputs "
            "WHERE seq > %s ORDER BY seq LIMIT %s"
        )
        for row in self._pages(query):
            yield Outcome(row[1], row[2], row[3], row[4])

    def iter_outcome_log(self) -> Iterator[tuple[Outcome, str | None]]:
        """Every outcome ever recorded, oldest first, with its run id."""
        query = (
            "SELECT seq, source, status, reason, article_id, run FROM input_log "
            "WHERE seq > %s ORDER BY seq LIMIT %s"
        )
        for row in self._pages(query):
            yield Outcome(row[1], row[2], row[3], row[4]), row[5]

    # -- shard completion markers ----------------------------------------------
    def shard_done(self, shard_id: str) -> bool:
        """Whether the sharded pipeline finished this shard in an earlier run."""
        row = self.conn.execute(
            "SELECT 1 FROM shards WHERE shard_id = %s AND status = 'done'", (shard_id,)
        ).fetchone()
        return row is not None

    def mark_shard(self, shard_id: str, sources: list[str]) -> None:
        """Record that every input of this shard has been written (one transaction)."""
        values = _no_nul((shard_id, json.dumps(sources, ensure_ascii=False), now()), shard_id)
        with self.conn.transaction():
            self.conn.execute(
                "INSERT INTO shards (shard_id, sources, status, finished) "
                "VALUES (%s, %s, 'done', %s) ON CONFLICT (shard_id) DO UPDATE SET "
                "sources = excluded.sources, status = excluded.status, "
                "finished = excluded.finished",
                values,
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
        with self.conn.transaction():
            cur = self.conn.cursor()
            cur.executemany("DELETE FROM fusion_blocks WHERE block_id = %s", [(b,) for b in drop])
            cur.executemany(
                "INSERT INTO fusion_blocks (block_id, label, key, data, computed) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (block_id) DO UPDATE SET "
                "label = excluded.label, key = excluded.key, data = excluded.data, "
                "computed = excluded.computed",
                [(b, label, key, dump_json(data), at) for b, label, key, data in blocks],
            )
            self.conn.execute(
                "INSERT INTO fusion_state (name, data, computed) VALUES ('state', %s, %s) "
                "ON CONFLICT (name) DO UPDATE SET "
                "data = excluded.data, computed = excluded.computed",
                (dump_json(state), at),
            )

    # -- files seen by crosswire watch -------------------------------------------
    def seen_file(self, path: str) -> tuple[int, float, str] | None:
        """(size, mtime, content digest) recorded for ``path``, or ``None``."""
        row = self.conn.execute(
            "SELECT size, mtime, digest FROM watch_seen WHERE path = %s", (path,)
        ).fetchone()
        return (int(row[0]), float(row[1]), str(row[2])) if row else None

    def mark_seen(self, path: str, size: int, mtime: float, digest: str) -> None:
        """Remember that ``path`` was ingested with this size, mtime and digest."""
        with self.conn.transaction():
            self.conn.execute(
                "INSERT INTO watch_seen (path, size, mtime, digest, seen) "
                "VALUES (%s, %s, %s, %s, %s) "
                "ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, "
                "digest = excluded.digest, seen = excluded.seen",
                (path, size, mtime, digest, now()),
            )
