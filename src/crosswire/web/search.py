"""Full-text search for the web API: an in-memory SQLite FTS5 index.

The index is built from the read model (never from the store's own tables, so
no store migration is touched) and rebuilt whenever the read model is. User
text never reaches FTS5 query syntax: it is split into word tokens and each
token is passed as a quoted phrase through a bound parameter.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable

_WORD = re.compile(r"\w+", re.UNICODE)
# Enough words for any realistic search box; bounds the query FTS5 parses.
MAX_TERMS = 12


def fts_query(text: str) -> str | None:
    """A safe FTS5 MATCH expression (all words, last one as a prefix), or None."""
    words = _WORD.findall(text.casefold())[:MAX_TERMS]
    if not words:
        return None
    # Each token is a quoted string; quotes inside cannot occur (\w only).
    parts = [f'"{w}"' for w in words]
    parts[-1] += "*"
    return " ".join(parts)


class SearchIndex:
    """Documents of several kinds (article, claim, event, story) in one FTS5 table."""

    def __init__(self) -> None:
        # One private in-memory connection shared across request threads; every
        # use goes through the lock, so check_same_thread can be off safely. It
        # is opened on first use: the small per-request snapshots of the
        # picture-table reader never search, and opening an in-memory database
        # with its FTS5 table cost them ~0.4 ms each.
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = sqlite3.connect(":memory:", check_same_thread=False)
            self._db.execute(
                "CREATE VIRTUAL TABLE docs USING fts5("
                "kind UNINDEXED, ref UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')"
            )
        return self._db

    def add_many(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Index (kind, ref, body) rows."""
        with self._lock:
            self._conn.executemany("INSERT INTO docs (kind, ref, body) VALUES (?, ?, ?)", rows)

    def search(self, kind: str, text: str) -> set[str] | None:
        """Refs of ``kind`` matching every word of ``text``; None when ``text`` has no words."""
        query = fts_query(text)
        if query is None:
            return None
        with self._lock:
            rows = self._conn.execute(
                "SELECT ref FROM docs WHERE docs MATCH ? AND kind = ?", (query, kind)
            ).fetchall()
        return {str(r[0]) for r in rows}

    def close(self) -> None:
        """Release the in-memory database."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
