"""The picture tables' queries for the reference lists: entities and places.

Each mirrors its in-memory twin in :mod:`crosswire.web.query` (same matches,
same export order) and asks the database for one page of keys in ``seq``
order plus an indexed count (or the counter kept at write time when nothing
is filtered). ``after`` is the ``next`` of the previous page (keyset
pagination on ``seq``); ``offset`` is kept for old clients.
"""

from __future__ import annotations

from crosswire.store.picture_db import PictureDb
from crosswire.store.picture_query import (
    Filters,
    Page,
    Where,
    _bbox,
    _sql,
    _total,
    decode_cursor,
    encode_cursor,
    like,
)


def _in_story(kind: str, story: str, where: Where) -> None:
    """Records with a mention in one of the story's articles (none for an unknown story)."""
    where[0].append(
        "EXISTS (SELECT 1 FROM pic_mentions m JOIN pic_story_articles sa "
        "ON sa.article_id = m.article_id WHERE m.owner_kind = ? AND m.owner_key = x.key "
        "AND sa.story_key = ?)"
    )
    where[1].extend([kind, story])


def seq_page(
    db: PictureDb,
    table: str,
    counter: str,
    where: Where,
    limit: int,
    offset: int,
    after: str | None,
) -> Page:
    """One page of ``table`` keys (alias ``x``) matching ``where``, in export order."""
    total = _total(db, counter, f"SELECT COUNT(*) FROM {table} x WHERE {_sql(where)}", where)
    position = decode_cursor(after, 1) if after else None
    clauses, params = list(where[0]), list(where[1])
    if position is not None:
        clauses.append("x.seq > ?")
        params += position
        offset = 0
    rows = db.rows(
        f"SELECT x.key, x.seq FROM {table} x WHERE {_sql((clauses, params))} "
        "ORDER BY x.seq LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    nxt = encode_cursor([rows[-1][1]]) if len(rows) == limit else None
    return Page([str(r[0]) for r in rows], int(total[0]) if total else 0, nxt)


def entities(db: PictureDb, f: Filters, limit: int, offset: int, after: str | None) -> Page:
    """Entities whose name or an alias contains ``q`` (or ``actor``), of ``type``, in ``story``."""
    where: Where = ([], [])
    needle = f.q or f.actor
    if needle is not None:
        where[0].append("x.names_fold LIKE ? ESCAPE '!'")
        where[1].append(like(needle))
    if f.type is not None:
        where[0].append("x.type_key = ?")
        where[1].append(f.type.casefold())
    if f.story is not None:
        _in_story("entity", f.story, where)
    return seq_page(db, "pic_entities", "entities", where, limit, offset, after)


def places(db: PictureDb, f: Filters, limit: int, offset: int, after: str | None) -> Page:
    """Places whose surface, name, country or admin1 contains ``place`` (or ``q``),
    inside ``bbox``, mentioned in ``story``."""
    where: Where = ([], [])
    needle = f.place or f.q
    if needle is not None:
        where[0].append("x.place_text LIKE ? ESCAPE '!'")
        where[1].append(like(needle))
    _bbox(f, where, "x.lat", "x.lon")
    if f.story is not None:
        _in_story("place", f.story, where)
    return seq_page(db, "pic_places", "places", where, limit, offset, after)
