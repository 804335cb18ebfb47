"""A deep page of the unfiltered story list walks the ``seq`` index alone, and
is the same page as ``ORDER BY seq LIMIT ? OFFSET ?`` on both backends; so are
the pages cut from the list's chunks kept in memory (web/story_list.py)."""

from __future__ import annotations

from typing import Any

from crosswire.store import picture_query as pq
from crosswire.store.picture import set_state
from crosswire.store.picture_db import PictureDb
from crosswire.web.items import dumps, page_json
from crosswire.web.query import Filters
from crosswire.web.story_list import StoryList

from .conftest import Backend

# Stories as an incremental refresh leaves them: gaps in seq, and runs of one
# seq shared by several stories (ties keep the order the seq index walks them).
SEQS = [0, 5, 5, 5, 9, 12, 12, 40, 41, 41, 41, 41, 77, 80, 80, 100, 101, 102]


def _stories(db: PictureDb) -> None:
    cols = "n_articles, n_outlets, n_sources, n_events, n_disputes"
    db.many(
        f"INSERT INTO pic_stories (key, id, seq, digest, {cols}, data) "
        "VALUES (?, ?, ?, 'd', 1, 1, 1, 0, 0, '{}')",
        # Inserted out of key order, so rowid order is not key order.
        [(f"s{n:02d}", f"story:{n}", seq) for n, seq in reversed(list(enumerate(SEQS)))],
    )


def test_every_offset_and_page_size_gives_the_offset_querys_page(backend: Backend) -> None:
    with backend.open() as store:
        db = PictureDb(store)
        _stories(db)
        if backend.kind == "sqlite":
            store.conn.commit()
        for limit in (1, 3, 5, 50):
            for offset in range(len(SEQS) + 2):
                want = db.rows(
                    "SELECT s.key, s.seq FROM pic_stories s ORDER BY s.seq LIMIT ? OFFSET ?",
                    [limit, offset],
                )
                page = pq.stories(db, Filters(), limit, offset, None)
                assert page.keys == [str(r[0]) for r in want], (limit, offset)
                assert page.total == len(SEQS)
                assert (page.next is not None) == (len(want) == limit)


def test_the_offset_is_walked_in_the_covering_index(backend: Backend) -> None:
    if backend.kind != "sqlite":
        return
    with backend.open() as store:
        db = PictureDb(store)
        _stories(db)
        store.conn.commit()
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)
        pq.stories(db, Filters(), 2, 7, None)
        store.conn.set_trace_callback(None)
        # The only statement with an OFFSET reads the index, not the stories' keys.
        offset_sql = [s for s in statements if "OFFSET" in s]
        assert len(offset_sql) == 1 and offset_sql[0].startswith("SELECT s.seq, s.rowid ")
        plan = db.rows("EXPLAIN QUERY PLAN " + offset_sql[0])
        assert any("COVERING INDEX pic_stories_0" in str(row[-1]) for row in plan)


def _row(key: str) -> dict[str, str]:
    return {"row": key}


def _render(keys: list[str]) -> dict[str, Any]:
    return {k: _row(k) for k in keys}


def _sql_page(db: PictureDb, limit: int, offset: int) -> bytes:
    """The page as the tables give it (pq.stories, one encoded row per key)."""
    page = pq.stories(db, Filters(), limit, offset, None)
    rows = [dumps(_row(k)) for k in page.keys]
    return page_json(page.total, limit, offset, rows, page.next)


def test_story_list_chunks_give_the_tables_pages(backend: Backend) -> None:
    """Pages cut from chunks of 4 stories (web/story_list.py) are the tables'
    pages byte for byte: across chunk boundaries, at the end, past it, for
    page sizes above a chunk; and a new version reads the changed tables."""
    with backend.open() as store:
        db = PictureDb(store)
        _stories(db)
        set_state(db, "counts", {"stories": len(SEQS)})
        if backend.kind == "sqlite":
            store.conn.commit()
        lists = StoryList(chunk=4)
        for limit in (1, 3, 4, 5, 9, 50):
            for offset in [*range(len(SEQS) + 2), 40, 1_000_000_000]:
                want = _sql_page(db, limit, offset)
                assert lists.read("v1", limit, offset, db, _render) == want, (limit, offset)
                assert lists.kept("v1", limit, offset) == want
        # Past the end is known without loading: no chunk beyond the last one.
        assert lists.loads == 5
        # A refresh adds a story in the middle and changes the count: the old
        # version's chunks do not answer the new version.
        db.many(
            "INSERT INTO pic_stories (key, id, seq, digest, n_articles, n_outlets, n_sources, "
            "n_events, n_disputes, data) VALUES ('s99', 'story:99', 6, 'd', 1, 1, 1, 0, 0, '{}')",
            [()],
        )
        set_state(db, "counts", {"stories": len(SEQS) + 1})
        if backend.kind == "sqlite":
            store.conn.commit()
        assert lists.kept("v2", 5, 2) is None
        for offset in range(len(SEQS) + 2):
            want = _sql_page(db, 5, offset)
            assert lists.read("v2", 5, offset, db, _render) == want, offset
        assert b'"row":"s99"' in _sql_page(db, 5, 2)
        # A third version: the first one's chunks are dropped, the second's kept.
        kept = lists.size
        assert lists.read("v3", 5, 0, db, _render) == _sql_page(db, 5, 0)
        assert lists.kept("v1", 5, 0) is None and lists.kept("v2", 5, 0) is not None
        assert lists.size < kept


def test_story_list_chunks_bounded_in_bytes(backend: Backend) -> None:
    """With room for two chunks the oldest go, and pages are still right."""
    with backend.open() as store:
        db = PictureDb(store)
        _stories(db)
        if backend.kind == "sqlite":
            store.conn.commit()
        size = sum(len(dumps(_row(f"s{n:02d}"))) + 64 for n in range(4))
        lists = StoryList(max_bytes=2 * size, chunk=4)
        for offset in range(0, len(SEQS), 2):
            assert lists.read("v", 3, offset, db, _render) == _sql_page(db, 3, offset)
        assert lists.kept("v", 3, 0) is None  # the first chunks went
        assert lists.kept("v", 3, 14) == _sql_page(db, 3, 14)
