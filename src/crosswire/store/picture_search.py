"""Text search clauses of the picture queries (``q=``): which clause is the
search, and how SQLite should run a broad one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crosswire.store.picture_db import PictureDb

Where = tuple[list[str], list[Any]]


@dataclass(frozen=True)
class Search:
    """A text search among a query's clauses: its kind, words and clause text."""

    kind: str
    text: str
    clause: str


def _search(db: PictureDb, kind: str, text: str, col: str, where: Where) -> Search | None:
    """Add the clause keeping the ``kind`` records (``col``) matching ``text``."""
    found = db.match(kind, text)
    if found is None:
        return None
    clause = f"{col} IN ({found[0]})"
    where[0].append(clause)
    where[1].extend(found[1])
    return Search(kind, text, clause)


def broad(db: PictureDb, clauses: list[str], search: Search | None, more: bool) -> list[str]:
    """``clauses`` for the page query. When a search matches more than
    ``picture_query.COUNT_CAP`` records (``more``), SQLite looking each match up by key
    and sorting them all costs more than walking the sort order's index and
    probing the matches, which finds a page after ~N * limit / matches rows
    (claims "fuel" at 100k, 112,500 matches: 944 -> 363 ms); a unary ``+``
    keeps the planner off the key index. Narrow searches keep the lookup."""
    if search is None or not more or not db.sqlite:
        return clauses
    return [f"+{c}" if c == search.clause else c for c in clauses]
