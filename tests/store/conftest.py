"""Fixtures for the store tests: a throwaway PostgreSQL schema and a backend switch.

PostgreSQL tests need ``CROSSWIRE_TEST_PG`` (a loopback URL, as printed by
``scripts/postgres-ci.sh``); without it they skip with a reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(scope="session")
def pg_url() -> str:
    """The test server's URL; skips when unset, not loopback, or unreachable."""
    url = os.environ.get("CROSSWIRE_TEST_PG")
    if not url:
        pytest.skip("CROSSWIRE_TEST_PG is not set (run the tests under scripts/postgres-ci.sh)")
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (extra: postgres)")
    from psycopg.conninfo import conninfo_to_dict

    host = str(conninfo_to_dict(url).get("host") or "")
    if host not in LOOPBACK and not host.startswith("/"):
        pytest.skip(f"CROSSWIRE_TEST_PG host {host!r} is not loopback; tests only use loopback")
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL at CROSSWIRE_TEST_PG is not reachable: {exc}")
    return url


@pytest.fixture
def pg_schema(pg_url: str) -> Iterator[str]:
    """A fresh schema name for one test (created by the store), dropped afterwards."""
    import psycopg
    from psycopg import sql

    name = f"t_{uuid.uuid4().hex[:12]}"
    yield name
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))


@dataclass
class Backend:
    """Where one test's store lives; ``open()`` can be called again (also in a child)."""

    kind: str
    target: str
    schema: str | None = None

    def open(self) -> Any:
        """A new connection to this test's store (migrated)."""
        if self.kind == "sqlite":
            from crosswire.store import SQLiteStore

            return SQLiteStore(self.target)
        from crosswire.store.postgres import PostgresStore

        return PostgresStore(self.target, schema=self.schema)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """The same behavioural test once per backend."""
    if request.param == "sqlite":
        return Backend("sqlite", str(tmp_path / "store.db"))
    url = request.getfixturevalue("pg_url")
    return Backend("postgres", url, request.getfixturevalue("pg_schema"))
