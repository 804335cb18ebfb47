"""The picture tables' queries for the lists: articles, claims, disputes,
entities and places.

Each mirrors its in-memory twin in :mod:`crosswire.web.query` (same matches,
same export order) and asks the database for one page of keys in ``seq``
order plus an indexed count (or the counter kept at write time when nothing
is filtered). ``after`` is the ``next`` of the previous page (keyset
pagination on ``seq``); ``offset`` is kept for old clients.
"""

from __future__ import annotations

from crosswire.store.picture import get_state
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
from crosswire.store.picture_search import Search, _search, broad


def _in_story(kind: str, story: str, where: Where) -> None:
    """Records with a mention in one of the story's articles (none for an unknown story)."""
    # Driven from the story's articles (indexed), never a probe per record.
    where[0].append(
        "x.key IN (SELECT m.owner_key FROM pic_story_articles sa JOIN pic_mentions m "
        "ON m.article_id = sa.article_id WHERE sa.story_key = ? AND m.owner_kind = ?)"
    )
    where[1].extend([story, kind])


def seq_page(
    db: PictureDb,
    table: str,
    counter: str,
    where: Where,
    limit: int,
    offset: int,
    after: str | None,
    alias: str = "x",
    key: str = "key",
    search: Search | None = None,
) -> Page:
    """One page of ``table`` keys (``key``; the table as ``alias``) matching ``where``,
    in ``seq`` order (the export's); with a text ``search``, its count is capped."""
    total, more = _total(db, counter, f"{table} {alias}", where, search)
    position = decode_cursor(after, 1) if after else None
    clauses, params = broad(db, where[0], search, more), list(where[1])
    if position is not None:
        clauses.append(f"{alias}.seq > ?")
        params += position
        offset = 0
    rows = db.rows(
        f"SELECT {alias}.{key}, {alias}.seq FROM {table} {alias} "
        f"WHERE {_sql((clauses, params))} ORDER BY {alias}.seq LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    nxt = encode_cursor([rows[-1][1]]) if len(rows) == limit else None
    return Page([str(r[0]) for r in rows], total, nxt, more=more)


def _article_dates(f: Filters, where: Where) -> Where:
    """The date filters on the articles table (``a``), by the prefix rule on the
    publication day (a ``2024-03`` article matches ``since=2024-03-05``)."""
    day = "substr(a.published, 1, 10)"
    out: Where = ([], [])
    if f.since is not None:
        # The first bound is sargable (the published index), the second exact.
        out[0].append(f"a.published >= ? AND {day} >= substr(?, 1, length({day}))")
        out[1].extend([f.since[:4], f.since])
    if f.until is not None:
        out[0].append(f"{day} <= substr(?, 1, length({day}))")
        out[1].append(f.until)
    return out


def outlets_named(db: PictureDb, outlet: str) -> list[str]:
    """The stored outlet spellings equal to ``outlet`` casefolded (from the outlet
    list kept at write time), so the articles' outlet index finds them."""
    counts = get_state(db, "counts")
    known = counts.get("outlets") if isinstance(counts, dict) else None
    return [o for o in known or [] if isinstance(o, str) and o.casefold() == outlet.casefold()]


def article_where(db: PictureDb, f: Filters) -> Where:
    """WHERE clauses over ``articles a`` for the date and outlet filters."""
    where = _article_dates(f, ([], []))
    if f.outlet is not None:
        names = outlets_named(db, f.outlet)
        where[0].append(f"a.outlet IN ({', '.join('?' for _ in names)})" if names else "1 = 0")
        where[1].extend(names)
    return where


def articles(db: PictureDb, f: Filters, limit: int, offset: int, after: str | None) -> Page:
    """Articles (ids) in ``story``, matching ``q``, of ``outlet``, published in the
    date range, in ingestion order."""
    where = article_where(db, f)
    if f.story is not None:
        where[0].append("a.id IN (SELECT article_id FROM pic_story_articles WHERE story_key = ?)")
        where[1].append(f.story)
    search = _search(db, "article", f.q, "a.id", where) if f.q else None
    return seq_page(db, "articles", "articles", where, limit, offset, after, "a", "id", search)


def claims(db: PictureDb, f: Filters, limit: int, offset: int, after: str | None) -> Page:
    """Claims in ``story`` (by their article), matching ``q``, of kind ``type``, said by
    ``actor`` (an entity id, name or alias, or the speaker's name), whose article
    is of ``outlet`` and published in the date range."""
    where: Where = ([], [])
    if f.story is not None:
        where[0].append(
            "x.article_id IN (SELECT article_id FROM pic_story_articles WHERE story_key = ?)"
        )
        where[1].append(f.story)
    search = _search(db, "claim", f.q, "x.key", where) if f.q else None
    if f.type is not None:
        where[0].append("x.kind_key = ?")
        where[1].append(f.type.casefold())
    if f.actor is not None:
        where[0].append(
            "(x.speaker IN (SELECT id FROM pic_entities WHERE id = ? OR names_fold LIKE ? "
            "ESCAPE '!') OR x.speaker_fold LIKE ? ESCAPE '!')"
        )
        where[1].extend([f.actor, like(f.actor), like(f.actor)])
    articles = article_where(db, f)
    if articles[0]:
        where[0].append(f"x.article_id IN (SELECT a.id FROM articles a WHERE {_sql(articles)})")
        where[1].extend(articles[1])
    return seq_page(db, "pic_claims", "claims", where, limit, offset, after, search=search)


def disputes(db: PictureDb, f: Filters, limit: int, offset: int, after: str | None) -> Page:
    """Disputes with a side in ``story`` or of ``outlet``, of kind ``type``, whose note
    or a side's text contains ``q``."""
    where: Where = ([], [])
    if f.story is not None:
        # Driven from the story's articles (indexed), never a probe per dispute.
        where[0].append(
            "x.key IN (SELECT d.dispute_key FROM pic_dispute_sides d JOIN pic_story_articles sa "
            "ON sa.article_id = d.article_id WHERE sa.story_key = ? AND d.side = 1)"
        )
        where[1].append(f.story)
    if f.type is not None:
        where[0].append("x.kind_key = ?")
        where[1].append(f.type.casefold())
    if f.outlet is not None:
        names = outlets_named(db, f.outlet)
        marks = ", ".join("?" for _ in names)
        where[0].append(
            "EXISTS (SELECT 1 FROM pic_dispute_sides d JOIN articles a ON a.id = d.article_id "
            f"WHERE d.dispute_key = x.key AND d.side = 1 AND a.outlet IN ({marks}))"
            if names
            else "1 = 0"
        )
        where[1].extend(names)
    if f.q is not None:
        where[0].append("x.text_fold LIKE ? ESCAPE '!'")
        where[1].append(like(f.q))
    return seq_page(db, "pic_disputes", "disputes", where, limit, offset, after)


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
