"""A date-window page of events reads one covering index (migration 12), on both backends."""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.store import picture_query as pq
from crosswire.store.picture_db import PictureDb

from .conftest import Backend


@dataclass(frozen=True)
class Window:
    since: str | None = "2026-05-01"
    until: str | None = "2026-05-28"
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    actor: str | None = None
    type: str | None = None
    outlet: str | None = None
    q: str | None = None
    story: str | None = None


def _events(db: PictureDb, days: list[str | None]) -> None:
    db.many(
        "INSERT INTO pic_events (key, id, seq, digest, day, undated, date_sort, data) "
        "VALUES (?, ?, ?, 'd', ?, ?, ?, '{}')",
        [
            (
                f"k{n}",
                f"event:{n}",
                n,
                day,
                int(day is None),
                day or "",
            )
            for n, day in enumerate(days)
        ],
    )


def test_a_month_window_pages_from_the_covering_index(backend: Backend) -> None:
    days = ["2025-12-30", "2026", "2026-04", "2026-05", "2026-05-03", "2026-05-02", None]
    days += ["2026-05-28", "2026-05-29", "2026-06", "2027"]
    with backend.open() as store:
        db = PictureDb(store)
        _events(db, days)
        if backend.kind == "sqlite":
            store.conn.commit()
        page = pq.events(db, Window(), 50, 0, None)
        # The prefix rule: the year and the month match a day inside them.
        assert page.keys == ["k1", "k3", "k5", "k4", "k7"] and page.total == 5
        if backend.kind == "sqlite":
            statements: list[str] = []
            store.conn.set_trace_callback(statements.append)
            pq.events(db, Window(), 50, 0, None)
            store.conn.set_trace_callback(None)
            sql = next(s for s in statements if s.startswith("SELECT e.key"))
            plan = " ".join(str(r[-1]) for r in db.rows("EXPLAIN QUERY PLAN " + sql))
            assert "COVERING INDEX pic_events_day_order" in plan, plan
        else:
            found = db.one(
                "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() "
                "AND indexname = 'pic_events_day_order'"
            )
            assert found is not None
