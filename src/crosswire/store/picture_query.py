"""The API's reads of the picture tables: filters as SQL, keyset pagination, lookups.

Each filter function mirrors its in-memory twin in :mod:`crosswire.web.query` (same
matches, same order) but asks the database for one page of keys and an
indexed count, so no request reads more than a page of records. Dates use the
same prefix rule: a record dated ``2024-03`` matches ``since=2024-03-05``.
Text filters compare casefolded, diacritic-free text stored at write time.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from crosswire.store.picture_db import PictureDb, fold
from crosswire.store.picture_search import Search, _search, broad

Where = tuple[list[str], list[Any]]
BBox = tuple[float, float, float, float]


class Filters(Protocol):
    """The shared filters of the list endpoints (``crosswire.web.query.Filters``)."""

    @property
    def since(self) -> str | None: ...
    @property
    def until(self) -> str | None: ...
    @property
    def place(self) -> str | None: ...
    @property
    def bbox(self) -> BBox | None: ...
    @property
    def actor(self) -> str | None: ...
    @property
    def type(self) -> str | None: ...
    @property
    def outlet(self) -> str | None: ...
    @property
    def q(self) -> str | None: ...
    @property
    def story(self) -> str | None: ...


@dataclass(frozen=True)
class EventFilter:
    """The event part of a story filter."""

    place: str | None = None
    bbox: BBox | None = None
    actor: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    q: str | None = None
    story: str | None = None


def like(text: str) -> str:
    """A LIKE pattern for ``text`` anywhere (wildcards escaped; use ESCAPE '!')."""
    escaped = fold(text).replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


@dataclass
class Page:
    """One page of keys, the total and the cursor of the next page. ``more``: the
    total is a floor (a search's count stops at :data:`COUNT_CAP`)."""

    keys: list[str]
    total: int
    next: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    more: bool = False


def encode_cursor(values: list[Any]) -> str:
    """An opaque cursor for a sort position."""
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any] | None:
    """The sort position of a cursor; ``None`` when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, TypeError):
        return None
    if not isinstance(values, list) or len(values) != size:
        return None
    if not all(isinstance(v, int | str) and not isinstance(v, bool) for v in values):
        return None
    return values


def day_spans(since: str, until: str) -> list[tuple[str, str]]:
    """Disjoint ranges of day strings (closed, in string order) holding every day
    that the prefix rule matches in ``since``..``until``: a day of length n matches
    when ``since[:n] <= day <= until[:n]``, so one range per length, merged where
    they overlap or only a longer spelling of the same prefix lies between them.
    A month window is then its own days plus a few year and month prefixes,
    where the single range from the window's year read every earlier month too
    (SQLite 100k: a random month's count and page 4.4 -> 1.1 ms of CPU)."""
    ranges = sorted((since[:n], until[:n]) for n in range(4, 11) if since[:n] <= until[:n])
    out: list[tuple[str, str]] = []
    for lo, hi in ranges:
        if out and (lo <= out[-1][1] or (lo[:-1] == out[-1][1] and lo[-1] in "-0")):
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _dates(f: Filters, col: str, where: Where, span: tuple[str, str] | None = None) -> None:
    if span is not None:
        # One of day_spans(): its range, then the exact prefix rule.
        where[0].append(
            f"{col} >= ? AND {col} <= ? AND {col} >= substr(?, 1, length({col})) "
            f"AND {col} <= substr(?, 1, length({col}))"
        )
        where[1].extend([*span, f.since, f.until])
        return
    # Sargable bounds first (an index range), then the exact prefix rule.
    if f.since is not None:
        where[0].append(f"{col} >= ? AND {col} >= substr(?, 1, length({col}))")
        where[1].extend([f.since[:4], f.since])
    if f.until is not None:
        where[0].append(f"{col} <= ? AND {col} <= substr(?, 1, length({col}))")
        where[1].extend([f.until, f.until])


def _bbox(f: Filters, where: Where, lat: str = "lat", lon: str = "lon") -> None:
    if f.bbox is None:
        return
    w, s, e, n = f.bbox
    where[0].append(f"{lat} BETWEEN ? AND ?")
    where[1].extend([s, n])
    if w <= e:
        where[0].append(f"{lon} BETWEEN ? AND ?")
        where[1].extend([w, e])
    else:  # the box crosses the antimeridian
        where[0].append(f"({lon} >= ? OR {lon} <= ?)")
        where[1].extend([w, e])


def event_where(db: PictureDb, f: Filters, span: tuple[str, str] | None = None) -> Where:
    """WHERE clauses (over ``pic_events e``) for the event filters; with ``span``
    (one of :func:`day_spans`), the dates within that range only."""
    where: Where = ([], [])
    if f.story is not None:
        where[0].append("e.story_id = ?")
        where[1].append(f.story)
    if f.q:
        _search(db, "event", f.q, "e.key", where)
    _dates(f, "e.day", where, span)
    if f.type is not None:
        where[0].append("(e.type_key = ? OR e.subtype_key = ?)")
        where[1].extend([f.type.casefold(), f.type.casefold()])
    if f.place is not None:
        where[0].append("e.place_text LIKE ? ESCAPE '!'")
        where[1].append(like(f.place))
    _bbox(f, where, "e.lat", "e.lon")
    if f.actor is not None:
        where[0].append(
            "EXISTS (SELECT 1 FROM pic_event_refs r WHERE r.event_key = e.key "
            "AND r.role IN ('actor', 'target') AND r.ref IN "
            "(SELECT id FROM pic_entities WHERE id = ? OR names_fold LIKE ? ESCAPE '!'))"
        )
        where[1].extend([f.actor, like(f.actor)])
    if f.outlet is not None:
        where[0].append(
            "EXISTS (SELECT 1 FROM pic_event_refs r WHERE r.event_key = e.key "
            "AND r.role = 'source' AND r.ref = ?)"
        )
        where[1].append(f.outlet.casefold())
    return where


def _sql(where: Where) -> str:
    return " AND ".join(where[0]) if where[0] else "1 = 1"


# A search's count stops here: a broad word matches tens of thousands of
# records and counting them all costs as much as reading them; people are
# shown "more than 1,000" (Page.more) and page on by cursor.
COUNT_CAP = 1000


def _total(
    db: PictureDb, name: str, source: str, where: Where, search: Search | None = None
) -> tuple[int, bool]:
    """(number of matches, whether there are more) of ``source`` (``table alias``)
    filtered by ``where``: the counter maintained at write time when nothing is
    filtered (no scan of the whole table), else an indexed ``COUNT(*)``; with a
    text ``search`` at most :data:`COUNT_CAP` matches are counted, from the
    full-text index alone when the search is the only filter (each record has
    one document: no record is read)."""
    if not where[0]:
        row = db.one("SELECT data FROM pic_state WHERE name = 'counts'")
        counts = json.loads(row[0]) if row else {}
        if isinstance(counts.get(name), int):
            return counts[name], False
    if search is not None and where[0] == [search.clause]:
        n = db.match_count(search.kind, search.text, COUNT_CAP + 1)
        return (COUNT_CAP, True) if n > COUNT_CAP else (n, False)
    if search is not None:
        row = db.one(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} WHERE {_sql(where)} "
            f"LIMIT {COUNT_CAP + 1}) capped",
            where[1],
        )
        n = int(row[0]) if row else 0
        return (COUNT_CAP, True) if n > COUNT_CAP else (n, False)
    row = db.one(f"SELECT COUNT(*) FROM {source} WHERE {_sql(where)}", where[1])
    return (int(row[0]) if row else 0), False


def events(db: PictureDb, f: Filters, limit: int, offset: int, after: str | None) -> Page:
    """One page of event keys in date order (undated last), then export order."""
    spans: list[tuple[str, str] | None] = [None]
    if f.since is not None and f.until is not None:
        spans = list(day_spans(f.since, f.until))
    found = db.match("event", f.q) if f.q else None
    search = Search("event", f.q, f"e.key IN ({found[0]})") if f.q and found else None
    wheres = [event_where(db, f, span) for span in spans]
    total, more = 0, False
    for where in wheres:
        n, capped = _total(db, "events", "pic_events e", where, search)
        total, more = total + n, more or capped
    if search is not None and total > COUNT_CAP:
        total, more = COUNT_CAP, True
    # A date range is selective: find it through the day index and sort the
    # matches ("+ 0" keeps PostgreSQL from walking the order index past every
    # earlier event instead: 470 -> 5 ms at 100k). Unfiltered, walk the order index.
    dated = f.since is not None or f.until is not None
    order = f"e.undated{' + 0' if dated else ''}, e.date_sort, e.seq"
    position = decode_cursor(after, 3) if after else None
    if position is not None:
        offset = 0
    # One span: SQL skips the offset. Several: each span's first offset + limit
    # rows, and the page is cut from them all.
    skip = offset if len(wheres) == 1 else 0
    rows: list[tuple[Any, ...]] = []
    for where in wheres:
        clauses, params = broad(db, where[0], search, more), list(where[1])
        if position is not None:
            clauses.append("(e.undated, e.date_sort, e.seq) > (?, ?, ?)")
            params += position
        rows += db.rows(
            f"SELECT e.key, e.undated, e.date_sort, e.seq FROM pic_events e "
            f"WHERE {_sql((clauses, params))} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit + offset - skip, skip],
        )
    if len(wheres) > 1:
        rows.sort(key=lambda r: (int(r[1]), str(r[2]), int(r[3])))
        rows = rows[offset : offset + limit]
    nxt = encode_cursor(list(rows[-1][1:])) if len(rows) == limit else None
    return Page([str(r[0]) for r in rows], total, nxt, more=more)


# The story search (its own and its articles' text): capped, never counted from
# one kind's index.
STORY_SEARCH = Search("story", "", "")


def stories(
    db: PictureDb, f: Filters, limit: int, offset: int, after: str | None, order: str = ""
) -> Page:
    """One page of story keys in export order, or by ``order`` (SQL over the
    ``s`` alias, export order breaking ties; offset pages only, no cursor)."""
    where: Where = ([], [])
    if f.story is not None:
        where[0].append("s.id = ?")
        where[1].append(f.story)
    if f.q:
        story_hits = db.match("story", f.q)
        article_hits = db.match("article", f.q)
        if story_hits and article_hits:
            # The stories of the matching articles through the article_id index,
            # once, rather than a correlated probe per story (SQLite 100k, a
            # word matching nothing: 140 -> 1 ms).
            where[0].append(
                f"(s.key IN ({story_hits[0]}) OR s.key IN (SELECT sa.story_key "
                f"FROM pic_story_articles sa WHERE sa.article_id IN ({article_hits[0]})))"
            )
            where[1].extend([*story_hits[1], *article_hits[1]])
    if f.since is not None:
        where[0].append("s.end_day >= ? AND s.start_day IS NOT NULL")
        where[1].append(f.since)
    if f.until is not None:
        where[0].append("s.start_day <= ? AND s.end_day IS NOT NULL")
        where[1].append(f.until)
    if f.outlet is not None:
        where[0].append(
            "EXISTS (SELECT 1 FROM pic_story_outlets o WHERE o.story_key = s.key "
            "AND o.outlet_key = ?)"
        )
        where[1].append(f.outlet.casefold())
    if f.place or f.bbox or f.actor or f.type:
        inner = event_where(db, EventFilter(place=f.place, bbox=f.bbox, actor=f.actor, type=f.type))
        where[0].append(
            f"EXISTS (SELECT 1 FROM pic_events e WHERE e.story_id = s.id AND {_sql(inner)})"
        )
        where[1].extend(inner[1])
    total, more = _total(db, "stories", "pic_stories s", where, STORY_SEARCH if f.q else None)
    position = decode_cursor(after, 1) if after and not order else None
    clauses, params = list(where[0]), list(where[1])
    if position is not None:
        clauses.append("s.seq > ?")
        params += position
        offset = 0
    if offset and not clauses and not order:
        rows = (
            _skip_stories(db, limit, offset) if db.sqlite else _skip_stories_pg(db, limit, offset)
        )
    else:
        rows = db.rows(
            f"SELECT s.key, s.seq FROM pic_stories s WHERE {_sql((clauses, params))} "
            f"ORDER BY {order + ', ' if order else ''}s.seq LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    nxt = encode_cursor([rows[-1][1]]) if len(rows) == limit and not order else None
    return Page([str(r[0]) for r in rows], total, nxt, more=more)


def _skip_stories(db: PictureDb, limit: int, offset: int) -> list[tuple[Any, ...]]:
    """The unfiltered story list's page at ``offset`` on SQLite: the offset is
    walked in the ``seq`` index alone (it holds the rowid), then the page is read
    from that row on, in the index's (seq, rowid) order as ``ORDER BY seq``
    walks it. ``OFFSET`` on the page query itself reads every skipped story's
    row for its key (100k store, random offsets among 25,000 stories: 0.54-0.73
    -> 0.20-0.26 ms of CPU per page)."""
    start = db.one(
        "SELECT s.seq, s.rowid FROM pic_stories s ORDER BY s.seq, s.rowid LIMIT 1 OFFSET ?",
        (offset,),
    )
    if start is None:
        return []
    return db.rows(
        "SELECT s.key, s.seq FROM pic_stories s WHERE (s.seq, s.rowid) >= (?, ?) "
        "ORDER BY s.seq, s.rowid LIMIT ?",
        [start[0], start[1], limit],
    )


def _skip_stories_pg(db: PictureDb, limit: int, offset: int) -> list[tuple[Any, ...]]:
    """:func:`_skip_stories` on PostgreSQL: the offset is walked in the ``seq``
    index alone (an index-only scan: no story row read), then the page is read
    from that ``seq`` on, ties in table order (``ctid``, as the ``seq`` index
    holds them). ``OFFSET`` on the page query read every skipped story's row for
    its key (100k store, random offsets among 25,000 stories: 14-15 -> 5 ms per
    page, most of it the database's CPU). Stories sharing the ``seq`` at the
    offset (an incremental refresh leaves such runs) are counted to find where
    the page starts among them."""
    start = db.one("SELECT s.seq FROM pic_stories s ORDER BY s.seq LIMIT 1 OFFSET ?", (offset,))
    if start is None:
        return []
    skip = 0
    ties = db.one("SELECT COUNT(*) FROM pic_stories s WHERE s.seq = ?", (start[0],))
    if ties is not None and int(ties[0]) > 1:
        before = db.one("SELECT COUNT(*) FROM pic_stories s WHERE s.seq < ?", (start[0],))
        skip = offset - (int(before[0]) if before else 0)
    return db.rows(
        "SELECT s.key, s.seq FROM pic_stories s WHERE s.seq >= ? "
        "ORDER BY s.seq, s.ctid LIMIT ? OFFSET ?",
        [start[0], limit, skip],
    )
