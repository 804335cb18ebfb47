"""What a refresh changed that rendered answers read (``pic_rendered``, migration 13).

Each refresh keeps an event row, a story-list row and a whole story page as the
JSON the API sends (:mod:`crosswire.web.prerender`). A rendered answer reads
more than its own record: an event row shows its actors' names and the name
its place was written under; a story page shows its events, the claims,
disputes and series touching its articles and its framing. So
:func:`crosswire.store.picture.save` reports to :class:`Touched` every row it
deletes (as it was) and writes (as it is), and :meth:`Touched.resolve` turns
them into the event and story keys whose answers must be rendered again.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from crosswire.store.picture import keyed_rows
from crosswire.store.picture_db import fold

if TYPE_CHECKING:
    from crosswire.store.picture import Row
    from crosswire.store.picture_db import PictureDb

# Kinds of rendered answers: an events-page row, a story-list row, a story page.
EVENT, STORY, PAGE = "event", "story", "page"
# Story pages are kept zlib-compressed: 49 KB on average at 100k, 8x smaller
# (1.2 GB -> 0.15 GB), 0.17 ms to inflate on a miss. Rows (2 KB, 0.6 KB) stay
# plain: a page of 50 would inflate 50. Part of the rendering stamp.
FORMAT = "page=zlib6"


def pack(kind: str, body: bytes) -> bytes:
    """``body`` as stored for ``kind``."""
    return zlib.compress(body, 6) if kind == PAGE else body


def unpack(kind: str, stored_body: bytes) -> bytes:
    """The answer's bytes from what is stored for ``kind``."""
    return zlib.decompress(stored_body) if kind == PAGE else bytes(stored_body)


def _name(data: Any) -> str | None:
    try:
        value = json.loads(data).get("name") if isinstance(data, str) else None
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


class Touched:
    """Rows a refresh deleted or wrote, as the keys of the answers they change."""

    def __init__(self) -> None:
        self.events: set[str] = set()  # event keys
        self.story_ids: set[str] = set()  # stories whose page and row change
        self.articles: set[str] = set()  # stories holding them change
        self.written: set[str] = set()  # "name\x1fcountry" of changed written names
        self._old_names: dict[str, str | None] = {}
        self._new_names: dict[str, str | None] = {}
        self._old_series: list[dict[str, Any]] = []  # series records rewritten, as they were
        self._new_series: list[dict[str, Any]] = []  # ... and as they are

    # -- called by save() --------------------------------------------------------
    def before(self, db: PictureDb, table: str, section: str | None, keys: list[str]) -> None:
        """Rows about to be deleted (dropped, or rewritten), read as they are."""
        if not keys:
            return
        if table == "pic_stories":
            self.story_ids.update(keys)
        elif table == "pic_events":
            rows = keyed_rows(
                db, "SELECT key, story_id FROM pic_events WHERE key IN ({marks})", keys
            )
            self.events.update(keys)
            self.story_ids.update(str(r[1]) for r in rows if r[1] is not None)
        elif table == "pic_claims":
            self._articles(db, "SELECT article_id FROM pic_claims WHERE key IN ({marks})", keys)
        elif table == "pic_disputes":
            sql = "SELECT article_id FROM pic_dispute_sides WHERE dispute_key IN ({marks})"
            self._articles(db, sql, keys)
        elif table == "pic_entities":
            name = db.json_field("data", "name")
            sql = f"SELECT key, {name} FROM pic_entities WHERE key IN ({{marks}})"
            for key, value in keyed_rows(db, sql, keys):
                self._old_names[str(key)] = value if isinstance(value, str) else None
        elif section == "series":
            sql = "SELECT data FROM pic_records WHERE section = 'series' AND key IN ({marks})"
            self._old_series += [json.loads(r[0]) for r in keyed_rows(db, sql, keys)]
        elif section == "framing":
            sql = "SELECT link FROM pic_records WHERE section = 'framing' AND key IN ({marks})"
            self.story_ids.update(str(r[0]) for r in keyed_rows(db, sql, keys) if r[0])
        elif section == "written":
            self.written.update(keys)

    def after(self, table: str, section: str | None, rows: Sequence[Row]) -> None:
        """Rows just written, as they are now (values in their spec's column order)."""
        for r in rows:
            if table == "pic_stories":
                self.story_ids.add(r.key)
            elif table == "pic_events":
                self.events.add(r.key)
                if r.values[1] is not None:
                    self.story_ids.add(str(r.values[1]))
            elif table == "pic_claims":
                self._add_article(r.values[1])
            elif table == "pic_disputes":
                for side in r.children[0]:
                    self._add_article(side[1])
            elif table == "pic_entities":
                self._new_names[r.key] = _name(r.values[-1])
            elif section == "series":
                self._new_series.append(json.loads(r.values[1]))
            elif section == "framing" and r.values[0]:
                self.story_ids.add(str(r.values[0]))
            elif section == "written":
                self.written.add(r.key)

    def _add_article(self, article: Any) -> None:
        if article:
            self.articles.add(str(article))

    def _articles(self, db: PictureDb, sql: str, keys: Iterable[str]) -> None:
        for r in keyed_rows(db, sql, keys):
            self._add_article(r[0])

    # -- after the refresh's writes ----------------------------------------------
    def _series_articles(self) -> set[str]:
        """Articles whose points a rewritten series changed. A story page shows a
        series' points from its own articles (``views.story_view``), so a series
        that gained points reaches only the stories of the articles whose points
        differ; a series whose other fields changed, or that came or went, reaches
        every article of its points."""
        by_head: dict[str, list[dict[str, list[str]]]] = {}
        for n, found in enumerate((self._old_series, self._new_series)):
            for record in found:
                head = json.dumps(
                    {k: v for k, v in record.items() if k != "points"}, sort_keys=True
                )
                sides = by_head.setdefault(head, [{}, {}])
                for p in record.get("points") or []:
                    if isinstance(p, dict):
                        point = json.dumps(p, sort_keys=True)
                        sides[n].setdefault(str(p.get("article")), []).append(point)
        out: set[str] = set()
        for old, new in by_head.values():
            out |= {a for a in old.keys() | new.keys() if old.get(a) != new.get(a)}
        return out

    def resolve(self, db: PictureDb) -> tuple[set[str], set[str]]:
        """(event keys, story keys) whose rendered answers are out of date."""
        for article in self._series_articles():
            self._add_article(article)
        events = set(self.events)
        renamed = [
            k
            for k in {*self._old_names, *self._new_names}
            if self._old_names.get(k) != self._new_names.get(k)
        ]
        sql = (
            "SELECT event_key FROM pic_event_refs WHERE role IN ('actor', 'target') "
            "AND ref IN ({marks})"
        )
        events.update(str(r[0]) for r in keyed_rows(db, sql, renamed))
        events.update(self._placed(db))
        stories = set(self.story_ids)
        sql = "SELECT story_id FROM pic_events WHERE key IN ({marks})"
        stories.update(str(r[0]) for r in keyed_rows(db, sql, events) if r[0] is not None)
        sql = "SELECT story_key FROM pic_story_articles WHERE article_id IN ({marks})"
        stories.update(str(r[0]) for r in keyed_rows(db, sql, self.articles))
        return events, stories

    def _placed(self, db: PictureDb) -> set[str]:
        """Events whose place is one of the changed written names: their folded
        place text (one pass over its index, migration 13) holds the name, and
        the record's place decides."""
        wanted: dict[str, set[tuple[str, str]]] = {}
        for key in self.written:
            name, _, country = key.partition("\x1f")
            wanted.setdefault(fold(name), set()).add((name, country))
        if not wanted:
            return set()
        candidates = [
            str(k)
            for k, text in db.rows(
                "SELECT key, place_text FROM pic_events WHERE place_text IS NOT NULL"
            )
            if not wanted.keys().isdisjoint(str(text).split("\x1f"))
        ]
        out: set[str] = set()
        sql = "SELECT key, data FROM pic_events WHERE key IN ({marks})"
        for ekey, data in keyed_rows(db, sql, candidates):
            place = json.loads(data).get("place")
            if isinstance(place, dict):
                name, country = str(place.get("name")), str(place.get("country"))
                if (name, country) in wanted.get(fold(name), ()):
                    out.add(str(ekey))
        return out


def stored(db: PictureDb, kind: str, stamp: str, keys: list[str]) -> dict[str, bytes]:
    """The rendered bodies of ``keys`` kept for ``kind`` by code ``stamp`` (key -> JSON)."""
    sql = "SELECT key, body FROM pic_rendered WHERE kind = ? AND stamp = ? AND key IN ({marks})"
    return {str(k): unpack(kind, b) for k, b in keyed_rows(db, sql, keys, (kind, stamp))}
