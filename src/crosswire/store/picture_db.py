"""One SQL surface over both backends for the picture tables.

Statements are written once with ``?`` placeholders; on PostgreSQL they are
rewritten to ``%s`` (the statements hold no literal ``%`` or ``?`` of their
own: every pattern is a bound parameter). Full-text search differs by
dialect: FTS5 ``MATCH`` on SQLite, a ``tsvector`` with a GIN index on
PostgreSQL; both get the same word tokens, never user syntax.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from crosswire.store import AnyStore
from crosswire.store.picture_schema import SEARCH_KINDS
from crosswire.store.sqlite import SQLiteStore

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


class RowObserver(Protocol):
    """What a refresh's writes are reported to (the rendered answers'
    :class:`~crosswire.store.picture_rendered.Touched`): rows about to be deleted,
    rows written.  A protocol here so that this module needs none of its users."""

    def before(self, db: PictureDb, table: str, section: str | None, keys: list[str]) -> None:
        """Rows about to be deleted (dropped, or rewritten)."""

    def after(self, table: str, section: str | None, rows: Sequence[Any]) -> None:
        """Rows written."""


def fold(text: str) -> str:
    """Casefolded, diacritics dropped (as the in-memory filters compare text)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The search words of ``text`` (casefolded, at most :data:`MAX_TERMS`)."""
    return _WORD.findall(text.casefold())[:MAX_TERMS]


class PictureDb:
    """Backend-neutral execution of the picture queries on one store connection."""

    def __init__(self, store: AnyStore) -> None:
        self.store = store
        self.sqlite = isinstance(store, SQLiteStore)
        # Set by a refresh: collects what its writes change for the rendered
        # answers (crosswire.web.prerender); None outside a refresh.
        self.touched: RowObserver | None = None

    def _sql(self, statement: str) -> str:
        return statement if self.sqlite else statement.replace("?", "%s")

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Every row of a query, as tuples."""
        cur = self.store.conn.execute(self._sql(statement), tuple(params))
        return [tuple(r) for r in cur.fetchall()]

    def iter_rows(self, statement: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows of a query as they arrive: a cursor, never the whole result in memory."""
        if self.sqlite:
            for r in self.store.conn.execute(statement, tuple(params)):
                yield tuple(r)
            return
        # A named (server-side) cursor streams in batches; it needs a transaction.
        conn: Any = self.store.conn
        with conn.transaction(), conn.cursor(name="picture_stream") as cur:
            cur.itersize = 500
            cur.execute(self._sql(statement), tuple(params))
            for r in cur:
                yield tuple(r)

    def one(self, statement: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of a query, or ``None``."""
        row = self.store.conn.execute(self._sql(statement), tuple(params)).fetchone()
        return tuple(row) if row is not None else None

    def run(self, statement: str, params: Sequence[Any] = ()) -> None:
        """Execute one statement."""
        self.store.conn.execute(self._sql(statement), tuple(params))

    def many(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        """Execute one statement for each parameter row."""
        batch = [tuple(r) for r in rows]
        if not batch:
            return
        conn: Any = self.store.conn
        if self.sqlite:
            conn.executemany(statement, batch)
        else:
            with conn.cursor() as cur:
                cur.executemany(self._sql(statement), batch)

    def transaction(self) -> AbstractContextManager[Any]:
        """The store's write transaction."""
        return self.store.transaction()

    def json_field(self, column: str, field: str) -> str:
        """SQL for one top-level string field of a JSON text column (parsed in the
        database, so a record's long lists never reach Python). ``field`` must be a
        constant identifier, never user text."""
        if not field.isidentifier():
            raise ValueError(f"not a JSON field name: {field!r}")
        if self.sqlite:
            return f"json_extract({column}, '$.{field}')"
        return f"({column}::json ->> '{field}')"

    # -- full text ---------------------------------------------------------------
    # One FTS5 table per kind on SQLite, one table with a partial GIN index per
    # kind on PostgreSQL (migration 10): a kind's search reads only its own
    # documents. ``kind`` is always one of SEARCH_KINDS, written into the SQL as
    # a constant (the PostgreSQL planner picks a partial index only then).
    def _kind(self, kind: str) -> str:
        if kind not in SEARCH_KINDS:
            raise ValueError(f"not a search kind: {kind!r}")
        return kind

    def search_insert(self, kind: str) -> str:
        """The statement indexing one ``kind`` document, parameters (ref, body)."""
        if self.sqlite:
            return f"INSERT INTO pic_search_{self._kind(kind)} (ref, body) VALUES (?, ?)"
        return f"INSERT INTO pic_search (kind, ref, body) VALUES ('{self._kind(kind)}', ?, ?)"

    def search_delete(self, kind: str) -> str:
        """The statement deleting one ``kind`` document, parameter (ref,): through
        the indexed FTS5 content table on SQLite, the (kind, ref) index on PostgreSQL."""
        if self.sqlite:
            table = f"pic_search_{self._kind(kind)}"
            return (
                f"DELETE FROM {table} WHERE rowid IN (SELECT id FROM {table}_content WHERE c0 = ?)"
            )
        return f"DELETE FROM pic_search WHERE kind = '{self._kind(kind)}' AND ref = ?"

    def search_documents(self, kind: str) -> list[tuple[str, str]]:
        """(ref, body) of every ``kind`` document, by ref."""
        if self.sqlite:
            table = f"pic_search_{self._kind(kind)}"
            sql = f"SELECT c0, c1 FROM {table}_content ORDER BY c0"
        else:
            sql = f"SELECT ref, body FROM pic_search WHERE kind = '{self._kind(kind)}' ORDER BY ref"
        return [(str(r[0]), str(r[1])) for r in self.rows(sql)]

    def search_refs(self, kind: str) -> list[str]:
        """The refs of every ``kind`` document (an index scan on both backends)."""
        if self.sqlite:
            sql = f"SELECT c0 FROM pic_search_{self._kind(kind)}_content"
        else:
            sql = f"SELECT ref FROM pic_search WHERE kind = '{self._kind(kind)}'"
        return [str(r[0]) for r in self.rows(sql)]

    def match(self, kind: str, text: str) -> tuple[str, list[Any]] | None:
        """SQL selecting the refs of ``kind`` matching every word of ``text`` (the
        last as a prefix) and its parameters; ``None`` when ``text`` has no words."""
        found = words(text)
        if not found:
            return None
        if self.sqlite:
            expr = " ".join(f'"{w}"' for w in found) + "*"
            table = f"pic_search_{self._kind(kind)}"
            # The matches' rowids from the index, their refs by a join on the
            # shadow content table: FTS5 hands out an UNINDEXED column one
            # lookup statement per row (claims "fuel" at 100k, 112,500 refs:
            # 575 -> 285 ms).
            return (
                f"SELECT c0 FROM {table}_content WHERE id IN "
                f"(SELECT rowid FROM {table} WHERE {table} MATCH ?)",
                [expr],
            )
        expr = " & ".join(found) + ":*"
        return (
            "SELECT ref FROM pic_search WHERE tsv @@ to_tsquery('simple', ?) "
            f"AND kind = '{self._kind(kind)}'",
            [expr],
        )

    def match_count(self, kind: str, text: str, limit: int) -> int:
        """How many ``kind`` documents match ``text`` (as :meth:`match`), counting
        at most ``limit``: rowids from the index, no document read."""
        found = words(text)
        if not found:
            return 0
        if self.sqlite:
            table = f"pic_search_{self._kind(kind)}"
            expr = " ".join(f'"{w}"' for w in found) + "*"
            sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?) n"
        else:
            expr = " & ".join(found) + ":*"
            sql = (
                "SELECT COUNT(*) FROM (SELECT 1 FROM pic_search WHERE tsv @@ "
                f"to_tsquery('simple', ?) AND kind = '{self._kind(kind)}' LIMIT ?) n"
            )
        row = self.one(sql, [expr, limit])
        return int(row[0]) if row else 0
