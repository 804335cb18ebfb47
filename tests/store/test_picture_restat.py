"""A full refresh that writes many rows renews PostgreSQL's planner statistics of
the picture tables before it renders its answers, in the same transaction
(web/materialize.restat): the rows it just wrote are invisible to autovacuum,
and a first build was planned as if its tables were empty."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.store.picture_db import PictureDb
from crosswire.web import materialize

from .conftest import Backend
from .test_picture import _articles, _export, _write


def _analysed(store: Any, table: str) -> tuple[int, float]:
    """(manual ANALYZE runs, the planner's row estimate) of ``table`` in the
    store's schema."""
    row = store.conn.execute(
        "SELECT s.analyze_count, c.reltuples FROM pg_stat_user_tables s "
        "JOIN pg_class c ON c.oid = s.relid "
        "WHERE s.schemaname = current_schema() AND s.relname = %s",
        (table,),
    ).fetchone()
    return int(row[0]), float(row[1])


@pytest.mark.parametrize("threshold", [1, 10**9])
def test_a_large_refresh_renews_the_statistics_it_plans_with(
    backend: Backend, threshold: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(materialize, "RESTATS", threshold)
    with backend.open() as store:
        report = _write(store, _export(_articles(store)))
        written = sum(s.written for s in report.values())
        assert written > 10
        claims = PictureDb(store).one("SELECT COUNT(*) FROM pic_claims")
        assert claims is not None and int(claims[0]) > 0
        if backend.kind == "sqlite":
            return  # nothing to renew: SQLite's planner reads the indexes
        store.conn.execute("SELECT pg_stat_clear_snapshot()")
        runs, estimate = _analysed(store, "pic_claims")
        if written >= threshold:
            # Sampled inside the refresh's transaction: its own rows counted.
            assert runs == 1 and estimate == int(claims[0])
        else:
            assert runs == 0 and estimate < 1  # never analysed: -1 (or 0)
