"""The read side over the picture tables: small snapshots, one page at a time.

A request gets a :class:`~crosswire.web.readmodel.Snapshot` holding only
what its answer needs (one story's articles, events, claims, disputes,
series and framing; or one page of events with the articles and entities they
name), read by key from indexed tables. The views in
:mod:`crosswire.web.views` then render it exactly as they render the
whole-store snapshot, so both paths give the same JSON.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable
from typing import Any

from crosswire.model import article_record
from crosswire.store import AnyStore
from crosswire.store.picture import get_state, is_current
from crosswire.store.picture_db import PictureDb
from crosswire.web import table_query, views
from crosswire.web.query import Filters
from crosswire.web.readmodel import ReadModel, Record, Snapshot, strs

log = logging.getLogger(__name__)

_CHUNK = 500  # keys per IN (...) list


def _chunks(keys: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(keys), _CHUNK):
        yield keys[i : i + _CHUNK]


class TableReader:
    """Answers the API from the picture tables of one store connection."""

    def __init__(self, store: AnyStore) -> None:
        self.db = PictureDb(store)
        self.store = store

    # -- loading --------------------------------------------------------------
    def _data(self, table: str, col: str, keys: Iterable[str], order: str = "seq") -> list[Record]:
        wanted = list(dict.fromkeys(keys))
        out: list[Record] = []
        for part in _chunks(wanted):
            marks = ", ".join("?" for _ in part)
            rows = self.db.rows(
                f"SELECT data FROM {table} WHERE {col} IN ({marks}) ORDER BY {order}", part
            )
            out += [json.loads(r[0]) for r in rows]
        return out

    def _articles(self, snap: Snapshot, ids: Iterable[str]) -> None:
        for aid in dict.fromkeys(ids):
            if aid and aid not in snap.articles:
                article = self.store.get_article(aid)
                if article is not None:
                    snap.articles[aid] = article_record(article)

    def _entities(self, snap: Snapshot, events: list[Record]) -> None:
        ids = [i for e in events for i in (*strs(e.get("actors")), *strs(e.get("targets")))]
        ents = self._data("pic_entities", "key", ids)
        snap.sections["entities"] = ents
        snap.by_id["entity"] = {str(e.get("id")): e for e in ents}

    def _written(self, snap: Snapshot, events: list[Record]) -> None:
        keys = []
        for e in events:
            place = e.get("place") if isinstance(e.get("place"), dict) else None
            if place is not None:
                keys.append(f"{place.get('name')}\x1f{place.get('country')}")
        for part in _chunks(list(dict.fromkeys(keys))):
            marks = ", ".join("?" for _ in part)
            for key, data in self.db.rows(
                f"SELECT key, data FROM pic_records WHERE section = 'written' AND key IN ({marks})",
                part,
            ):
                name, _, country = str(key).partition("\x1f")
                snap.written[(name, country)] = json.loads(data)["written"]

    def _events_snapshot(self, events: list[Record]) -> Snapshot:
        snap = Snapshot(key=(0, 0, 0))
        snap.sections["events"] = events
        snap.by_id["event"] = {str(e.get("id")): e for e in events}
        self._entities(snap, events)
        self._written(snap, events)
        firsts = []
        for e in events:
            ms = sorted(
                (m for m in e.get("mentions") or [] if isinstance(m, dict)),
                key=lambda m: (str(m.get("article")), m.get("start") or 0),
            )
            if ms:
                firsts.append(str(ms[0].get("article")))
        self._articles(snap, firsts)
        return snap

    # -- endpoints ------------------------------------------------------------
    def counts(self) -> Record:
        """Articles, stories, events and the facet lists, as maintained at write time."""
        value = get_state(self.db, "counts")
        return value if isinstance(value, dict) else {}

    def events_page(self, f: Filters, limit: int, offset: int, after: str | None) -> Record:
        """A page of event rows (as ``/api/events`` shows them)."""
        page = table_query.events(self.db, f, limit, offset, after)
        events = self._data("pic_events", "key", page.keys, "undated, date_sort, seq")
        snap = self._events_snapshot(events)
        items = [views.event_row(snap, e) for e in events]
        return _page(items, page, limit, offset)

    def event(self, event_id: str) -> Record | None:
        """One event row, or ``None``."""
        events = self._data("pic_events", "id", [event_id])
        if not events:
            return None
        return views.event_row(self._events_snapshot(events[:1]), events[0])

    def stories_page(self, f: Filters, limit: int, offset: int, after: str | None) -> Record:
        """A page of stories with their counts (as ``/api/stories`` shows them)."""
        page = table_query.stories(self.db, f, limit, offset, after)
        items = []
        for part in _chunks(page.keys):
            marks = ", ".join("?" for _ in part)
            for row in self.db.rows(
                "SELECT data, n_articles, n_outlets, n_sources, n_events, n_disputes "
                f"FROM pic_stories WHERE key IN ({marks}) ORDER BY seq",
                part,
            ):
                items.append({**json.loads(row[0]), "counts": _counts(row[1:])})
        return _page(items, page, limit, offset)

    def story(self, story_id: str) -> tuple[Snapshot, Record] | None:
        """A snapshot of one story (everything its page shows) and the story."""
        row = self.db.one(
            "SELECT key, data, n_articles, n_outlets, n_sources, n_events, n_disputes "
            "FROM pic_stories WHERE id = ?",
            (story_id,),
        )
        if row is None:
            return None
        key, story = str(row[0]), json.loads(row[1])
        snap = Snapshot(key=(0, 0, 0))
        snap.sections["stories"] = [story]
        snap.by_id["story"] = {story_id: story}
        snap.stats[story_id] = _counts(row[2:])
        self._articles(snap, strs(story.get("articles")))
        in_story = "SELECT article_id FROM pic_story_articles WHERE story_key = ?"
        events = self._data("pic_events", "key", strs(story.get("events")))
        claims = [
            json.loads(r[0])
            for r in self.db.rows(
                f"SELECT data FROM pic_claims WHERE article_id IN ({in_story}) ORDER BY seq",
                (key,),
            )
        ]
        disputes = [
            json.loads(r[0])
            for r in self.db.rows(
                "SELECT data FROM pic_disputes d WHERE EXISTS (SELECT 1 FROM pic_dispute_sides x "
                f"WHERE x.dispute_key = d.key AND x.article_id IN ({in_story})) ORDER BY seq",
                (key,),
            )
        ]
        series = [
            json.loads(r[0])
            for r in self.db.rows(
                "SELECT data FROM pic_records r WHERE section = 'series' AND EXISTS (SELECT 1 "
                "FROM pic_series_points p WHERE p.series_key = r.key AND p.article_id IN "
                f"({in_story})) ORDER BY seq",
                (key,),
            )
        ]
        framing = [
            json.loads(r[0])
            for r in self.db.rows(
                "SELECT data FROM pic_records WHERE section = 'framing' AND link = ? ORDER BY seq",
                (story_id,),
            )
        ]
        snap.sections.update(claims=claims, disputes=disputes, series=series, framing=framing)
        snap.sections["events"] = events
        snap.by_id["event"] = {str(e.get("id")): e for e in events}
        snap.by_id["claim"] = {str(c.get("id")): c for c in claims}
        snap.by_id["dispute"] = {str(d.get("id")): d for d in disputes}
        self._entities(snap, events)
        self._written(snap, events)
        return snap, story


def _counts(row: tuple[Any, ...]) -> Record:
    names = ("articles", "outlets", "independent_sources", "events", "disputes")
    return {n: int(v) for n, v in zip(names, row, strict=True)}


def _page(items: list[Record], page: table_query.Page, limit: int, offset: int) -> Record:
    return {
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "items": items,
        "next": page.next,
    }


def reader_for(model: ReadModel) -> TableReader | None:
    """A reader over ``model``'s store when its picture tables are current (checked
    at most every ``check_interval`` seconds per thread), else ``None`` (the
    caller then uses the in-memory snapshot). An overlay always wins."""
    if model.overlay:
        return None
    store = model.thread_store()
    now = time.monotonic()
    checked = getattr(model.local, "tables_checked", None)
    if (
        checked is None
        or now - checked[0] >= model.check_interval
        or checked[1] != model.generation
    ):
        try:
            ok = is_current(PictureDb(store))
        except Exception:  # an old schema or a store mid-migration: use the snapshot
            log.debug("picture tables unavailable", exc_info=True)
            ok = False
        checked = (now, model.generation, ok)
        model.local.tables_checked = checked
    return TableReader(store) if checked[2] else None
