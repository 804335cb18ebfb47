"""Whether the picture tables are current, checked off the request path.

Every table-backed answer is keyed by the tables' build key (the picture
version). Checking it costs two ``COUNT(*)`` and a state read: ~3 ms at 100k
articles, ~30 ms at 1M, linear in the store. One check serves every thread for
``check_interval`` seconds; :class:`Watcher` renews it in the background, so
requests never find it expired (before, every 0.5 s the requests arriving
while it was stale all left the kept-answer path for routing and a worker
thread). The counts are skipped when nothing was committed since the last check
(SQLite's ``PRAGMA data_version``, PostgreSQL's WAL position): the check is
then O(1) whatever the store's size.
"""

from __future__ import annotations

import json
import logging
import threading
import time

from crosswire.store.picture import get_state, store_key
from crosswire.store.picture_db import PictureDb
from crosswire.web.readmodel import ReadModel

log = logging.getLogger(__name__)


def tables_version(model: ReadModel, *, check: bool = True) -> str | None:
    """The build key (as JSON) of ``model``'s picture tables when they are current,
    else ``None``.

    One check serves every thread for ``check_interval`` seconds, or until the
    in-process writer writes; per thread, 40 busy worker threads ran 80 checks a
    second. With ``check`` False a stale answer is ``None`` instead of a query
    (the event loop never waits on the database; the next routed request, or
    the :class:`Watcher`, checks)."""
    if model.overlay:
        return None
    now = time.monotonic()
    seen: tuple[float, int, bool, str] | None = getattr(model, "tables_seen", None)
    if seen is not None and now - seen[0] < model.check_interval and seen[1] == model.generation:
        return seen[3] if seen[2] else None
    if not check:
        return None
    return _check(model, seen, now)


def _check(model: ReadModel, seen: tuple[float, int, bool, str] | None, now: float) -> str | None:
    generation = model.generation
    if seen is not None and seen[1] == generation:
        # Other threads keep the last answer while this one checks, rather than
        # all checking at once when it expires.
        model.tables_seen = (now, *seen[1:])
    try:
        db = PictureDb(model.thread_store())
        mark = _data_version(db)
        last = getattr(model.local, "checked", None)
        if mark is not None and last is not None and last[:2] == (mark, generation):
            ok, built = last[2], last[3]  # nothing committed since: same answer
        else:
            built = get_state(db, "built")
            ok = built is not None and built == store_key(db)
            model.local.checked = (mark, generation, ok, built)
    except Exception:  # an old schema or a store mid-migration: use the snapshot
        log.debug("picture tables unavailable", exc_info=True)
        ok, built = False, None
    # Stamped with the generation read before the check, so a write during it
    # makes the next request check again.
    model.tables_seen = (now, generation, ok, json.dumps(built))
    return model.tables_seen[3] if ok else None


def _data_version(db: PictureDb) -> str | None:
    """A mark that changes whenever the database may have changed: SQLite's
    ``data_version`` of this connection (changes when another connection
    commits), PostgreSQL's WAL position (every committed write moves it; so do
    vacuum and checkpoints, which then cost one full check). ``None`` when it
    cannot be read (a standby): every check is then a full one."""
    try:
        row = db.one("PRAGMA data_version" if db.sqlite else "SELECT pg_current_wal_lsn()::text")
    except Exception:
        log.debug("no change mark on this database", exc_info=True)
        return None
    return str(row[0]) if row else None


class Watcher:
    """A daemon thread renewing :func:`tables_version` every half interval while
    the app runs (``start`` and ``stop`` from the app's lifespan)."""

    def __init__(self, model: ReadModel) -> None:
        self.model = model
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Check once now, then keep checking in the background."""
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="crosswire-freshness", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop checking (waits for a check under way)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        pause = max(0.01, self.model.check_interval / 2)
        while True:
            try:
                _check(self.model, self.model.tables_seen, time.monotonic())
            except Exception:  # never let the thread die: requests check themselves
                log.warning("picture freshness check failed", exc_info=True)
            if self._stop.wait(pause):
                return
