"""Durable storage behind one interface (:class:`Store`); SQLite by default."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Union

from crosswire.store.base import Store
from crosswire.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from crosswire.store.postgres import PostgresStore

__all__ = ["AnyStore", "SQLiteStore", "Store", "open_store"]

# Every concrete backend open_store can return (PostgresStore needs the
# ``postgres`` extra, so it is imported only when a postgresql:// URL is opened).
# Union with a forward reference because ``X | "Y"`` fails at runtime.
AnyStore = Union[SQLiteStore, "PostgresStore"]  # noqa: UP007


def open_store(db: str | Path) -> AnyStore:
    """Open (and migrate) the store named by ``db``.

    ``db`` is a file path, ``sqlite:///path``, or a ``postgresql://`` (or
    ``postgres://``) URL. Raises ``ValueError`` for a URL scheme no backend
    handles (E401), a missing PostgreSQL driver (E402), an unreachable
    server (E403) or a PostgreSQL store that cannot be migrated (E405).
    """
    text = str(db)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif text.startswith(("postgresql://", "postgres://")):
        try:
            from crosswire.store.postgres import PostgresStore
        except ImportError as exc:
            raise ValueError(
                "E402 PostgreSQL support needs psycopg: pip install 'crosswire[postgres]'"
            ) from exc
        return PostgresStore(text)
    elif "://" in text:
        raise ValueError(f"E401 unsupported database URL scheme: {text.split('://')[0]!r}")
    return SQLiteStore(text)
