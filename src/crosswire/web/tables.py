"""The read side over the picture tables: small snapshots, one page at a time.

A request gets a :class:`~crosswire.web.readmodel.Snapshot` holding only
what its answer needs (one story's articles, events, claims, disputes,
series and framing; or one page of events with the articles and entities they
name), read by key from indexed tables. The views in :mod:`crosswire.web.views`
render it as they render the whole-store snapshot: both give the same JSON.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable

from crosswire.model import article_record
from crosswire.store import AnyStore
from crosswire.store import picture_lists as pl
from crosswire.store import picture_query as pq
from crosswire.store import picture_reads as pr
from crosswire.store.picture import get_state
from crosswire.store.picture_db import PictureDb
from crosswire.store.picture_rendered import EVENT, PAGE, STORY, stored
from crosswire.store.sql import ARTICLE_COLUMNS, article_from_row
from crosswire.web import views
from crosswire.web.freshness import tables_version
from crosswire.web.items import RenderedRows, dumps, page_json
from crosswire.web.query import Filters
from crosswire.web.readmodel import ReadModel, Record, Snapshot, strs
from crosswire.web.render_stamp import code_stamp
from crosswire.web.story_pages import story_snapshots

log = logging.getLogger(__name__)


class TableReader:
    """Answers the API from the picture tables of one store connection."""

    def __init__(
        self, store: AnyStore, version: str = "", rendered: RenderedRows | None = None
    ) -> None:
        self.db = PictureDb(store)
        self.store = store
        # The build key the tables were current at (keys the response cache).
        self.version = version
        # Encoded rows of this store kept across requests (web/items.py).
        self.rendered = rendered if rendered is not None else RenderedRows(0)
        self.series: dict[str, Record] | None = None  # decoded series, while rendering

    # -- loading --------------------------------------------------------------
    def _articles(self, snap: Snapshot, ids: Iterable[str]) -> None:
        """The articles ``ids`` into ``snap``, in the order asked: one ``IN`` query
        per chunk, not one query per article (an events page names ~15)."""
        wanted = [a for a in dict.fromkeys(ids) if a and a not in snap.articles]
        found: dict[str, Record] = {}
        for part in pr.chunks(wanted):
            marks = ", ".join("?" for _ in part)
            for row in self.db.rows(
                f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id IN ({marks})", part
            ):
                article = article_from_row(row)
                found[article.id] = article_record(article)
        for aid in wanted:
            if aid in found:
                snap.articles[aid] = found[aid]

    def _names(self, snap: Snapshot, events: list[Record]) -> None:
        """The entities events name and the written names of their places."""
        ids = [i for e in events for i in (*strs(e.get("actors")), *strs(e.get("targets")))]
        # Names only: the views show an entity's name, and a frequent entity's
        # record carries every one of its mentions.
        names = pr.entity_names(self.db, ids)
        ents: list[Record] = [{"id": k, "name": v} for k, v in names.items()]
        snap.sections["entities"] = ents
        snap.by_id["entity"] = {str(e.get("id")): e for e in ents}
        places = [e["place"] for e in events if isinstance(e.get("place"), dict)]
        keys = [(str(p.get("name")), str(p.get("country"))) for p in places]
        snap.written.update(pr.written_names(self.db, keys))

    def _events_snapshot(self, events: list[Record]) -> Snapshot:
        snap = Snapshot(key=(0, 0, 0))
        snap.sections["events"] = events
        snap.by_id["event"] = {str(e.get("id")): e for e in events}
        self._names(snap, events)
        firsts = []
        for e in events:
            ms = sorted(
                (m for m in e.get("mentions") or [] if isinstance(m, dict)),
                key=lambda m: (str(m.get("article")), m.get("start") or 0),
            )
            if ms:
                firsts.append(str(ms[0].get("article")))
        self._texts(snap, firsts)
        return snap

    def _texts(self, snap: Snapshot, ids: Iterable[str]) -> None:
        """The text of articles ``ids`` into ``snap`` (an event row reads nothing
        else of its first mention's article: its evidence span), without
        building whole articles (9% of an events page's render)."""
        wanted = [a for a in dict.fromkeys(ids) if a and a not in snap.articles]
        for part in pr.chunks(wanted):
            marks = ", ".join("?" for _ in part)
            for aid, text in self.db.rows(
                f"SELECT id, text FROM articles WHERE id IN ({marks})", part
            ):
                snap.articles[str(aid)] = {"id": aid, "text": text}

    # -- endpoints ------------------------------------------------------------
    def counts(self) -> Record:
        """Articles, stories, events and the facet lists, as maintained at write time."""
        value = get_state(self.db, "counts")
        return value if isinstance(value, dict) else {}

    def events_page(self, f: Filters, limit: int, offset: int, after: str | None) -> Record:
        """A page of event rows (as ``/api/events`` shows them)."""
        page = pq.events(self.db, f, limit, offset, after)
        events = pr.records_by(self.db, "pic_events", "key", page.keys, "undated, date_sort, seq")
        snap = self._events_snapshot(events)
        items = [views.event_row(snap, e) for e in events]
        return _page(items, page, limit, offset)

    def events_page_json(self, f: Filters, limit: int, offset: int, after: str | None) -> bytes:
        """:meth:`events_page` as JSON bytes, its rows rendered at refresh time
        (web/prerender.py) or else once per version."""
        page = pq.events(self.db, f, limit, offset, after)
        rows = self._rows(EVENT, page.keys, self.render_events)
        return page_json(page.total, limit, offset, rows, page.next, page.more)

    def render_events(self, keys: list[str]) -> dict[str, Record]:
        """Event key -> its row on an events page."""
        rows = _keyed(self.db, "pic_events", keys)
        snap = self._events_snapshot([e for _, e in rows])
        return {k: views.event_row(snap, e) for k, e in rows}

    def _rows(
        self, kind: str, keys: list[str], render: Callable[[list[str]], dict[str, Record]]
    ) -> list[bytes]:
        """The encoded rows of ``keys`` in order: kept in memory per version (pages
        overlap), else as rendered at refresh time, else rendered here."""

        def fetch(wanted: list[str]) -> dict[str, bytes]:
            found = stored(self.db, kind, code_stamp(), wanted)
            missing = [k for k in wanted if k not in found]
            if missing:
                found.update({k: dumps(v) for k, v in render(missing).items()})
            return found

        found = self.rendered.encoded(self.version, kind, keys, fetch)
        return [found[k] for k in keys if k in found]

    def event(self, event_id: str) -> Record | None:
        """One event row, or ``None``."""
        events = pr.records_by(self.db, "pic_events", "id", [event_id])
        if not events:
            return None
        return views.event_row(self._events_snapshot(events[:1]), events[0])

    def stories_page(self, f: Filters, limit: int, offset: int, after: str | None) -> Record:
        """A page of stories with their counts (as ``/api/stories`` shows them)."""
        page = pq.stories(self.db, f, limit, offset, after)
        items = [{**s, "counts": _counts(c)} for s, c in pr.stories_by_key(self.db, page.keys)]
        return _page(items, page, limit, offset)

    def stories_page_json(self, f: Filters, limit: int, offset: int, after: str | None) -> bytes:
        """:meth:`stories_page` as JSON bytes, its rows rendered once per version."""
        page = pq.stories(self.db, f, limit, offset, after)
        rows = self._rows(STORY, page.keys, self.render_stories)
        return page_json(page.total, limit, offset, rows, page.next, page.more)

    def render_stories(self, keys: list[str]) -> dict[str, Record]:
        """Story key -> its row on the story list (the story and its counts)."""
        out: dict[str, Record] = {}
        for part in pr.chunks(keys):
            marks = ", ".join("?" for _ in part)
            for row in self.db.rows(
                f"SELECT key, data, {pr.STORY_COUNTS} FROM pic_stories WHERE key IN ({marks})",
                part,
            ):
                story = json.loads(row[1])
                out[str(row[0])] = {**story, "counts": _counts([int(v) for v in row[2:]])}
        return out

    def story_page_json(self, story_id: str) -> bytes | None:
        """The story page's JSON (``/api/stories/{id}``) as rendered at refresh
        time, else rendered here; ``None`` when there is no such story."""
        found = stored(self.db, PAGE, code_stamp(), [story_id])
        return found.get(story_id) or self.render_pages([story_id]).get(story_id)

    def render_pages(self, ids: list[str]) -> dict[str, bytes]:
        """Story id -> its page's JSON (none for a missing story; web/story_pages.py)."""
        if len(ids) == 1:
            found = self.story(ids[0])
            return {ids[0]: dumps(views.story_view(*found))} if found is not None else {}
        pages = story_snapshots(self.db, ids, self.series, self.story)
        return {sid: dumps(views.story_view(*pages[sid])) for sid in ids if sid in pages}

    def index_page(
        self, f: Filters, sort: str, limit: int, offset: int
    ) -> tuple[list[tuple[Record, Record]], int, bool]:
        """(story, counts) of one page of the story index sorted by ``sort`` (a
        field of :data:`INDEX_SORTS`), the number of matches and whether it is a
        floor (a search counts at most ``COUNT_CAP``)."""
        field, descending = INDEX_SORTS[sort]
        if field in ("start", "end", "title"):
            expr = f"COALESCE({self.db.json_field('s.data', field)}, '')"
            # Python orders strings by code point, as SQLite does; PostgreSQL
            # would use the database locale.
            expr += "" if self.db.sqlite else ' COLLATE "C"'
        else:
            expr = f"s.{field}"
        page = pq.stories(self.db, f, limit, offset, None, f"{expr}{' DESC' if descending else ''}")
        found = dict(_keyed(self.db, "pic_stories", page.keys))
        counts = {
            str(r[0]): _counts([int(v) for v in r[1:]])
            for part in pr.chunks(page.keys)
            for r in self.db.rows(
                f"SELECT key, {pr.STORY_COUNTS} FROM pic_stories "
                f"WHERE key IN ({', '.join('?' for _ in part)})",
                part,
            )
        }
        rows = [(found[k], counts[k]) for k in page.keys if k in found]
        return rows, page.total, page.more

    def page(self, endpoint: str, f: Filters, limit: int, offset: int, after: str | None) -> Record:
        """A page of one of the lists below (``articles``, ``claims``, ``disputes``,
        ``entities``, ``places``)."""
        pages = {
            "articles": self.articles_page,
            "claims": self.claims_page,
            "disputes": self.disputes_page,
            "entities": self.entities_page,
            "places": self.places_page,
        }
        return pages[endpoint](f, limit, offset, after)

    def articles_page(self, f: Filters, limit: int, offset: int, after: str | None) -> Record:
        """A page of article summaries (as ``/api/articles`` shows them)."""
        page = pl.articles(self.db, f, limit, offset, after)
        snap = Snapshot(key=(0, 0, 0))
        self._articles(snap, page.keys)
        items = [views.article_summary(snap.articles[a]) for a in page.keys if a in snap.articles]
        return _page(items, page, limit, offset)

    def claims_page(self, f: Filters, limit: int, offset: int, after: str | None) -> Record:
        """A page of claims with outlet, date and link (as ``/api/claims`` shows them)."""
        page = pl.claims(self.db, f, limit, offset, after)
        claims = pr.records_by(self.db, "pic_claims", "key", page.keys)
        snap = Snapshot(key=(0, 0, 0))
        self._articles(snap, [str(c.get("article")) for c in claims])
        return _page([views.claim_row(snap, c) for c in claims], page, limit, offset)

    def claim(self, claim_id: str) -> Record | None:
        """One claim with outlet, date and link (as ``/api/claims/{id}`` shows it)."""
        claims = pr.records_by(self.db, "pic_claims", "key", [claim_id])
        if not claims:
            return None
        snap = Snapshot(key=(0, 0, 0))
        self._articles(snap, [str(claims[0].get("article"))])
        return views.claim_row(snap, claims[0])

    def article(self, article_id: str) -> Record | None:
        """One article as exported with the stories holding it, in story order."""
        article = self.store.get_article(article_id)
        if article is None:
            return None
        stories = self.db.rows(
            "SELECT s.id FROM pic_story_articles sa JOIN pic_stories s ON s.key = sa.story_key "
            "WHERE sa.article_id = ? ORDER BY s.seq",
            [article_id],
        )
        return {**article_record(article), "stories": [str(r[0]) for r in stories]}

    def article_snapshot(self, article_id: str) -> Snapshot | None:
        """What the article page shows, read by key: the article, the stories
        holding it (story order), its claims, and the events that may cite it
        (those it mentions and its stories' events, in export order, so a figure
        sourced to it is found as in the whole-store snapshot)."""
        article = self.store.get_article(article_id)
        if article is None:
            return None
        snap = Snapshot(key=(0, 0, 0))
        snap.articles[article_id] = article_record(article)
        stories = [
            json.loads(r[0])
            for r in self.db.rows(
                "SELECT s.data FROM pic_story_articles sa JOIN pic_stories s "
                "ON s.key = sa.story_key WHERE sa.article_id = ? ORDER BY s.seq",
                [article_id],
            )
        ]
        snap.sections["stories"] = stories
        snap.by_id["story"] = {str(s.get("id")): s for s in stories}
        snap.story_of_article[article_id] = [str(s.get("id")) for s in stories]
        snap.sections["claims"] = [
            json.loads(r[0])
            for r in self.db.rows(
                "SELECT data FROM pic_claims WHERE article_id = ? ORDER BY seq", [article_id]
            )
        ]
        keys = [
            str(r[0])
            for r in self.db.rows(
                "SELECT DISTINCT event_key FROM pic_event_mentions WHERE article_id = ?",
                [article_id],
            )
        ]
        ids = [i for s in stories for i in strs(s.get("events"))]
        found: dict[int, Record] = {}
        for col, wanted in (("key", keys), ("id", ids)):
            for part in pr.chunks(list(dict.fromkeys(wanted))):
                marks = ", ".join("?" for _ in part)
                for seq, data in self.db.rows(
                    f"SELECT seq, data FROM pic_events WHERE {col} IN ({marks})", part
                ):
                    found.setdefault(int(seq), json.loads(data))
        snap.sections["events"] = [found[k] for k in sorted(found)]
        return snap

    def disputes_page(self, f: Filters, limit: int, offset: int, after: str | None) -> Record:
        """A page of disputes with a link per side (as ``/api/disputes`` shows them)."""
        page = pl.disputes(self.db, f, limit, offset, after)
        rows = pr.records_by(self.db, "pic_disputes", "key", page.keys)
        return _page([views.dispute_row(d) for d in rows], page, limit, offset)

    def entities_page(self, f: Filters, limit: int, offset: int, after: str | None) -> Record:
        """A page of entities as exported (as ``/api/entities`` shows them)."""
        page = pl.entities(self.db, f, limit, offset, after)
        return _page(pr.records_by(self.db, "pic_entities", "key", page.keys), page, limit, offset)

    def places_page(self, f: Filters, limit: int, offset: int, after: str | None) -> Record:
        """A page of places as exported (as ``/api/places`` shows them)."""
        page = pl.places(self.db, f, limit, offset, after)
        return _page(pr.records_by(self.db, "pic_places", "key", page.keys), page, limit, offset)

    def story(self, story_id: str) -> tuple[Snapshot, Record] | None:
        """A snapshot of one story (everything its page shows) and the story."""
        found = pr.story(self.db, story_id)
        if found is None:
            return None
        key, story, counts = found
        snap = Snapshot(key=(0, 0, 0))
        snap.sections["stories"] = [story]
        snap.by_id["story"] = {story_id: story}
        snap.stats[story_id] = _counts(counts)
        self._articles(snap, strs(story.get("articles")))
        events = pr.records_by(self.db, "pic_events", "key", strs(story.get("events")))
        for part in ("claims", "disputes"):
            snap.sections[part] = pr.story_part(self.db, part, key)
        snap.sections["series"] = pr.story_series(self.db, key, self.series)
        snap.sections["framing"] = pr.framing(self.db, story_id)
        snap.sections["events"] = events
        snap.by_id["event"] = {str(e.get("id")): e for e in events}
        snap.by_id["claim"] = {str(c.get("id")): c for c in snap.sections["claims"]}
        snap.by_id["dispute"] = {str(d.get("id")): d for d in snap.sections["disputes"]}
        self._names(snap, events)
        return snap, story


# The story index's sorts: (stored column or story field, descending).
INDEX_SORTS: dict[str, tuple[str, bool]] = {
    "recent": ("end", True),
    "oldest": ("start", False),
    "sources": ("n_sources", True),
    "events": ("n_events", True),
    "disputes": ("n_disputes", True),
    "title": ("title", False),
}


def _keyed(db: PictureDb, table: str, keys: list[str]) -> list[tuple[str, Record]]:
    """(key, stored record) of ``table``'s rows whose key is one of ``keys``."""
    out: list[tuple[str, Record]] = []
    for part in pr.chunks(list(dict.fromkeys(keys))):
        marks = ", ".join("?" for _ in part)
        rows = db.rows(f"SELECT key, data FROM {table} WHERE key IN ({marks})", part)
        out += [(str(k), json.loads(d)) for k, d in rows]
    return out


def _counts(row: list[int]) -> Record:
    names = ("articles", "outlets", "independent_sources", "events", "disputes")
    return {n: int(v) for n, v in zip(names, row, strict=True)}


def _page(items: list[Record], page: pq.Page, limit: int, offset: int) -> Record:
    out: Record = {"total": page.total}
    if page.more:
        out["total_more"] = True  # the total is a floor (a search counts at most COUNT_CAP)
    return {**out, "limit": limit, "offset": offset, "items": items, "next": page.next}


def reader_for(model: ReadModel) -> TableReader | None:
    """A reader over ``model``'s store when its picture tables are current (checked
    at most every ``check_interval`` seconds per thread), else ``None`` (the
    caller then uses the in-memory snapshot). An overlay always wins."""
    version = tables_version(model)
    if version is None:
        return None
    return TableReader(model.thread_store(), version, model.rendered)
