"""The picture version is checked off the request path (web/freshness.py)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from crosswire.export import export_object
from crosswire.store import open_store
from crosswire.store.picture_db import PictureDb
from crosswire.web.freshness import Watcher, tables_version
from crosswire.web.materialize import write_picture
from crosswire.web.readmodel import ReadModel


def _tables(web_db: str, tmp_path: Path) -> str:
    db = str(tmp_path / "fresh.db")
    shutil.copy(web_db, db)
    with open_store(db) as store:
        write_picture(store, export_object(store))
    return db


def test_an_unchanged_sqlite_store_is_rechecked_without_counting(
    web_db: str, tmp_path: Path
) -> None:
    """Nothing committed since the last check (``PRAGMA data_version``): the check
    reads no table, so it costs the same at 1M articles as at 1k; a commit by
    another connection that changes the store makes the tables stale."""
    db = _tables(web_db, tmp_path)
    model = ReadModel(db, check_interval=0.0)
    first = tables_version(model)
    assert first is not None
    statements: list[str] = []
    model.thread_store().conn.set_trace_callback(statements.append)  # type: ignore[union-attr]
    assert tables_version(model) == first
    assert statements == ["PRAGMA data_version"]
    with open_store(db) as other:  # another connection rewrites the build key
        PictureDb(other).run("UPDATE pic_state SET data = '[0, 0, null]' WHERE name = 'built'")
        other.conn.commit()
    assert tables_version(model) is None
    assert any("pic_state" in s for s in statements[1:])


def test_the_watcher_keeps_the_version_fresh(web_db: str, tmp_path: Path) -> None:
    """With the watcher running, a request never finds the check expired: the
    kept-answer path (``check=False``) keeps answering."""
    db = _tables(web_db, tmp_path)
    # Renewed every 0.5 s, expiring after 1 s: a loaded machine may delay the
    # watcher by a fraction of that without the test failing.
    model = ReadModel(db, check_interval=1.0)
    watcher = Watcher(model)
    watcher.start()
    try:
        time.sleep(0.2)
        misses = 0
        for _ in range(15):  # 1.5 s: past one expiry
            misses += tables_version(model, check=False) is None
            time.sleep(0.1)
        assert misses == 0
    finally:
        watcher.stop()
    time.sleep(1.1)
    assert tables_version(model, check=False) is None  # stopped: expires again
