"""Durable storage behind one interface (:class:`Store`); SQLite by default."""

from __future__ import annotations

from pathlib import Path

from crosswire.store.base import Store
from crosswire.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "open_store"]


def open_store(db: str | Path) -> SQLiteStore:
    """Open (and migrate) the store named by ``db``: a file path or ``sqlite:///path``.

    Raises ``ValueError`` (E401) for a URL scheme no backend handles.
    """
    text = str(db)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        raise ValueError(f"E401 unsupported database URL scheme: {text.split('://')[0]!r}")
    return SQLiteStore(text)
