"""Offset pages of the unfiltered story list (picture_query.stories): found by
``seq`` when it has no gaps, by ``OFFSET`` otherwise; the same pages either way."""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.store import picture_query as pq
from crosswire.store.picture import set_state
from crosswire.store.picture_db import PictureDb

from .conftest import Backend


@dataclass(frozen=True)
class NoFilters:
    since: str | None = None
    until: str | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    actor: str | None = None
    type: str | None = None
    outlet: str | None = None
    q: str | None = None
    story: str | None = None


def _stories(db: PictureDb, seqs: list[int]) -> None:
    db.run("DELETE FROM pic_stories")
    db.many(
        "INSERT INTO pic_stories (key, id, seq, digest, n_articles, n_outlets, n_sources, "
        "n_events, n_disputes, data) VALUES (?, ?, ?, 'd', 0, 0, 0, 0, 0, '{}')",
        [(f"k{n:02d}", f"story:{n}", seq) for n, seq in enumerate(seqs)],
    )
    set_state(db, "counts", {"stories": len(seqs)})


def test_offset_pages_by_seq_equal_offset_pages(backend: Backend) -> None:
    statements: list[str] = []
    with backend.open() as store:
        db = PictureDb(store)
        for seqs in (list(range(12)), [0, 1, 2, 5, 6, 9, 10, 11, 20, 21, 22, 23]):
            _stories(db, seqs)
            if backend.kind == "sqlite":
                store.conn.commit()
            expected = [f"k{n:02d}" for n in range(12)]
            for offset in (0, 1, 5, 10, 11, 12, 40):
                page = pq.stories(db, NoFilters(), 3, offset, None)
                assert page.keys == expected[offset : offset + 3], (seqs, offset)
                assert page.total == 12
        if backend.kind == "sqlite":  # the gapless case really skipped OFFSET
            _stories(db, list(range(12)))
            store.conn.set_trace_callback(statements.append)
            pq.stories(db, NoFilters(), 3, 7, None)
            assert not any("OFFSET 7" in s for s in statements)
            assert any("s.seq > 6" in s for s in statements)
