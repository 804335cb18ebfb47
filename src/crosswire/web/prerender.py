"""Answers rendered at refresh time: event rows, story-list rows, story pages.

Under 50 concurrent clients the tail of ``crosswire serve`` was its misses: an
events page, a story-list page or a story page nobody had asked for since the
last refresh, rendered from the records on request (2-13 ms of CPU each at 100k,
holding the GIL against the event loop that serves kept answers). Each refresh
now renders them once into ``pic_rendered`` (migration 13), in the refresh's
transaction, with the same code the read side uses on request
(:class:`crosswire.web.tables.TableReader` and :mod:`crosswire.web.views`), so a
stored answer is byte for byte the one rendered on request. A miss is then a
page of keys and one indexed read of their bodies.

Only what changed is rendered again: :func:`crosswire.store.picture.save`
reports the rows it deletes and writes (:class:`~crosswire.store.picture_rendered.Touched`),
and the answers they reach are dropped and rendered again. Each body carries
the rendering code's stamp (:func:`code_stamp`), and so does the ``rendered``
state: after an upgrade the read side ignores older bodies (and renders on
request) until the next refresh renders everything again, as the first refresh
after the migration fills the table. JSON encoding escapes every untrusted
string as the live answer does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from crosswire.store import AnyStore
from crosswire.store.picture import get_state, keyed_rows, set_state
from crosswire.store.picture_db import PictureDb
from crosswire.store.picture_rendered import EVENT, PAGE, STORY, Touched, pack
from crosswire.web.items import dumps
from crosswire.web.render_stamp import code_stamp

log = logging.getLogger(__name__)

_BATCH = 200


def begin(db: PictureDb) -> Touched:
    """Start collecting what a refresh's writes change (call before its writes)."""
    touched = Touched()
    db.touched = touched
    return touched


def render_pending(db: PictureDb, store: AnyStore) -> int:
    """Render again the answers the refresh's writes changed (``db.touched``, see
    :func:`begin`), or every answer when the stored ones are of other rendering
    code (or none were rendered yet: the first refresh after migration 13); inside
    the refresh's transaction. Returns the number of answers rendered."""
    observer, db.touched = db.touched, None
    touched = observer if isinstance(observer, Touched) else None
    stamp = code_stamp()
    if get_state(db, "rendered") != {"stamp": stamp}:
        # Other code rendered them (or nothing did): all again. The marker is
        # what spares a refresh the scans of every table for missing answers.
        db.run("DELETE FROM pic_rendered")
        done = _render(db, store, stamp, None, None)
        set_state(db, "rendered", {"stamp": stamp})
        return done
    if touched is None:
        return 0
    events, stories = touched.resolve(db)
    _drop(db, [(EVENT, k) for k in events])
    _drop(db, [(kind, k) for k in stories for kind in (STORY, PAGE)])
    return _render(db, store, stamp, events, stories)


def _render(
    db: PictureDb, store: AnyStore, stamp: str, events: set[str] | None, stories: set[str] | None
) -> int:
    """Render the answers of ``events`` and ``stories`` that exist (``None``: all)."""
    from crosswire.web.tables import TableReader

    reader = TableReader(store, stamp)
    reader.series = {}  # each series decoded once for all the pages showing it
    renderers: dict[str, Callable[[list[str]], dict[str, bytes]]] = {
        EVENT: lambda keys: _encoded(reader.render_events(keys)),
        STORY: lambda keys: _encoded(reader.render_stories(keys)),
        PAGE: reader.render_pages,
    }
    done = 0
    for kind, table, keys in (
        (EVENT, "pic_events", events),
        (STORY, "pic_stories", stories),
        (PAGE, "pic_stories", stories),
    ):
        if keys is None:
            found = db.rows(f"SELECT key FROM {table} ORDER BY seq")
        else:
            found = keyed_rows(db, f"SELECT key FROM {table} WHERE key IN ({{marks}})", keys)
        wanted = [str(r[0]) for r in found]
        for i in range(0, len(wanted), _BATCH):
            bodies = renderers[kind](wanted[i : i + _BATCH])
            db.many(
                "INSERT INTO pic_rendered (kind, key, stamp, body) VALUES (?, ?, ?, ?)",
                ((kind, k, stamp, pack(kind, b)) for k, b in bodies.items()),
            )
            done += len(bodies)
    log.debug("rendered answers: %d written", done)
    return done


def _encoded(records: Mapping[str, object]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for key, value in records.items():
        try:
            out[key] = dumps(value)
        except (UnicodeEncodeError, ValueError):
            # Not encodable (a lone surrogate, a NaN): rendered on request instead.
            log.warning("answer %s not rendered at refresh time", key)
    return out


def _drop(db: PictureDb, keys: list[tuple[str, str]]) -> None:
    db.many("DELETE FROM pic_rendered WHERE kind = ? AND key = ?", keys)
