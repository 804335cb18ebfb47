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


def test_windows_read_by_day_spans_keep_the_prefix_rule(backend: Backend) -> None:
    """The page and count of a window read span by span (pq.day_spans) are the
    prefix rule's, whatever the days' precision, offset or cursor."""
    import random

    rng = random.Random(3)
    days: list[str | None] = [None, "2025", "2026", "2026-0", "2026-05-", "2026-05-1"]
    for _ in range(150):
        year = rng.choice((2025, 2026, 2027))
        day = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        days.append(day[: rng.choice((4, 7, 10, 10, 10))])
    windows = [
        ("2026-05-01", "2026-05-28"),
        ("2026-05-10", "2026-05-10"),
        ("2025-11-20", "2026-02-03"),
        ("2026-01-01", "2026-12-31"),
        ("2026-10-05", "2026-11-05"),
    ]
    with backend.open() as store:
        db = PictureDb(store)
        _events(db, days)
        if backend.kind == "sqlite":
            store.conn.commit()
        for since, until in windows:
            matched = [
                (d, n)
                for n, d in enumerate(days)
                if d is not None and since[: len(d)] <= d <= until[: len(d)]
            ]
            expected = [f"k{n}" for _, n in sorted(matched)]
            window = Window(since=since, until=until)
            page = pq.events(db, window, 500, 0, None)
            assert page.keys == expected and page.total == len(expected), (since, until)
            assert pq.events(db, window, 4, 3, None).keys == expected[3:7]
            walked, cursor = [], None
            while True:
                part = pq.events(db, window, 5, 0, cursor)
                walked += part.keys
                if part.next is None:
                    break
                cursor = part.next
            assert walked == expected
