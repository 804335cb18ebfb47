"""The change mark the read side's freshness check relies on (web/freshness.py):
it moves when another connection commits, on both backends."""

from __future__ import annotations

import pytest

from crosswire.store.picture import set_state
from crosswire.store.picture_db import PictureDb

from .conftest import Backend

pytest.importorskip("fastapi", reason="the web extra is not installed")


def test_the_change_mark_moves_when_another_connection_commits(backend: Backend) -> None:
    from crosswire.web.freshness import _data_version

    with backend.open() as reader, backend.open() as writer:
        db = PictureDb(reader)
        first = _data_version(db)
        assert first is not None
        if backend.kind == "sqlite":  # PostgreSQL's WAL may also move by itself (vacuum)
            assert _data_version(db) == first
        set_state(PictureDb(writer), "built", [1, 2, None])
        if backend.kind == "sqlite":
            writer.conn.commit()
        assert _data_version(db) != first
