"""A deep page of the unfiltered story list walks the ``seq`` index alone, and
is the same page as ``ORDER BY seq LIMIT ? OFFSET ?`` on both backends."""

from __future__ import annotations

from crosswire.store import picture_query as pq
from crosswire.store.picture_db import PictureDb
from crosswire.web.query import Filters

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
