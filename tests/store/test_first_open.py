"""Several processes opening a brand-new SQLite database at once all succeed."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from crosswire.store import SQLiteStore
from crosswire.store.migrations import MIGRATIONS


def _open(path: str) -> list[int]:
    store = SQLiteStore(path)
    try:
        return store.schema_versions()
    finally:
        store.close()


def test_concurrent_first_open(tmp_path: Path) -> None:
    expected = [m[0] for m in MIGRATIONS]
    ctx = mp.get_context("spawn")
    for trial in range(3):
        path = str(tmp_path / f"fresh-{trial}.db")
        with ctx.Pool(4) as pool:
            results = pool.map(_open, [path] * 4)
        assert results == [expected] * 4
