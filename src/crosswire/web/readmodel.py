"""The web layer's read model: indexes over the export object, cached per store state.

Articles come from ``store.iter_articles()`` and the analysis/fusion sections
from :func:`crosswire.export.writers.export_object`. The model is rebuilt when
the store's article or analysis count changes, or when the in-process writer
says it wrote. Every section is optional: a store that was never analysed or
fused still gives articles (and one catch-all story), so the pages work at
every stage of the pipeline.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from crosswire.store import AnyStore, open_store
from crosswire.web.items import RenderedRows
from crosswire.web.search import SearchIndex

log = logging.getLogger(__name__)

Record = dict[str, Any]
SECTIONS = (
    "entities",
    "places",
    "dates",
    "quantities",
    "claims",
    "events",
    "disputes",
    "series",
    "stories",
    "framing",
)
# The catch-all story shown when the fusion layer has not grouped stories yet.
ALL_STORY = "story:all"


def records(value: Any) -> list[Record]:
    """The dict items of a list; anything else (a partial or odd export) is dropped."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]


def strs(value: Any) -> list[str]:
    """The string items of a list."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str)]


@dataclass
class Snapshot:
    """One consistent view of the store, with lookup tables and a search index."""

    key: tuple[int, int, int]
    export: Record = field(default_factory=dict)
    articles: dict[str, Record] = field(default_factory=dict)
    sections: dict[str, list[Record]] = field(default_factory=dict)
    by_id: dict[str, dict[str, Record]] = field(default_factory=dict)
    story_of_article: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    stats: dict[str, Record] = field(default_factory=dict)
    # (gazetteer name, country) -> the name as the articles wrote it most often.
    written: dict[tuple[str, str], str] = field(default_factory=dict)
    search: SearchIndex = field(default_factory=SearchIndex)

    def section(self, name: str) -> list[Record]:
        """One export section (empty when absent)."""
        return self.sections.get(name, [])

    def get(self, kind: str, ident: str) -> Record | None:
        """A record of ``kind`` (story, event, claim, dispute, entity, place) by id."""
        return self.by_id.get(kind, {}).get(ident)

    def story_articles(self, story: Record) -> list[Record]:
        """The story's articles that exist, in story order."""
        return [self.articles[a] for a in strs(story.get("articles")) if a in self.articles]


def build_snapshot(export: Record, key: tuple[int, int, int], *, index: bool = True) -> Snapshot:
    """Index an export object (tolerating missing or malformed sections); ``index``
    False skips the full-text index (the picture tables keep their own)."""
    snap = Snapshot(key=key, export=export)
    for article in records(export.get("articles")):
        if isinstance(article.get("id"), str):
            snap.articles[article["id"]] = article
    for name in SECTIONS:
        snap.sections[name] = records(export.get(name))
    for kind, name in (
        ("story", "stories"),
        ("event", "events"),
        ("claim", "claims"),
        ("dispute", "disputes"),
        ("entity", "entities"),
        ("place", "places"),
    ):
        snap.by_id[kind] = {str(r["id"]): r for r in snap.sections[name] if "id" in r}
    if not snap.sections["stories"] and snap.articles:
        snap.sections["stories"] = [_catch_all(snap)]
        snap.by_id["story"] = {ALL_STORY: snap.sections["stories"][0]}
        export["stories"] = snap.sections["stories"]
    for story in snap.sections["stories"]:
        for aid in strs(story.get("articles")):
            snap.story_of_article[aid].append(str(story.get("id")))
    # Disputes by the articles of their sides and claims, once: a story's count is
    # then a lookup per article, not a pass over every dispute per story.
    by_article: dict[str, set[str]] = defaultdict(set)
    for d in snap.sections["disputes"]:
        arts = {s.get("article") for s in records(d.get("sides"))}
        arts |= {(snap.get("claim", c) or {}).get("article") for c in strs(d.get("claims"))}
        for a in arts:
            by_article[str(a)].add(str(d.get("id")))
    for story in snap.sections["stories"]:
        snap.stats[str(story.get("id"))] = _story_stats(snap, story, by_article)
    for place in snap.sections["places"]:
        texts = Counter(
            str(m["text"]) for m in records(place.get("mentions")) if isinstance(m.get("text"), str)
        )
        if texts:
            written = (str(place.get("name")), str(place.get("country")))
            snap.written[written] = texts.most_common(1)[0][0]
    if index:
        snap.search.add_many(search_rows(snap))
    return snap


def _catch_all(snap: Snapshot) -> Record:
    """One story holding every article and event (before the fusion layer groups stories)."""
    days = sorted(a["published"] for a in snap.articles.values() if a.get("published"))
    return {
        "id": ALL_STORY,
        "title": "All articles",
        "start": days[0] if days else None,
        "end": days[-1] if days else None,
        "articles": list(snap.articles),
        "families": sorted({a.get("family") or a["id"] for a in snap.articles.values()}),
        "events": [str(e["id"]) for e in snap.sections["events"] if "id" in e],
        "outlets": sorted({a["outlet"] for a in snap.articles.values() if a.get("outlet")}),
    }


def story_disputes(snap: Snapshot, story: Record) -> list[Record]:
    """Disputes with at least one side (or claim) in the story's articles."""
    wanted = set(strs(story.get("articles")))
    out = []
    for d in snap.section("disputes"):
        arts = {s.get("article") for s in records(d.get("sides"))}
        arts |= {(snap.get("claim", c) or {}).get("article") for c in strs(d.get("claims"))}
        if arts & wanted:
            out.append(d)
    return out


def _story_stats(snap: Snapshot, story: Record, by_article: dict[str, set[str]]) -> Record:
    articles = snap.story_articles(story)
    events = [e for e in dict.fromkeys(strs(story.get("events"))) if e in snap.by_id["event"]]
    # Copies of one wire story are one source: count the story's own distinct
    # families (an event's count may include articles of other stories).
    families = {a.get("family") or a["id"] for a in articles}
    return {
        "articles": len(articles),
        "outlets": len({a.get("outlet") for a in articles if a.get("outlet")}),
        "independent_sources": len(families),
        "events": len(events),
        # As story_disputes counts: disputes touching any of the story's articles.
        "disputes": len(
            set().union(*(by_article.get(a, set()) for a in strs(story.get("articles"))))
        ),
    }


def _names(snap: Snapshot, ids: Any) -> str:
    return " ".join(str((snap.get("entity", i) or {}).get("name") or "") for i in strs(ids))


def search_rows(snap: Snapshot) -> Iterator[tuple[str, str, str]]:
    """(kind, id, text) of every searchable record: articles, claims, events, stories."""
    for aid, a in snap.articles.items():
        yield "article", aid, " ".join(str(a.get(k) or "") for k in ("title", "outlet", "text"))
    for c in snap.section("claims"):
        yield "claim", str(c.get("id")), f"{c.get('speaker_name') or ''} {c.get('text') or ''}"
    for e in snap.section("events"):
        place: Record = e["place"] if isinstance(e.get("place"), dict) else {}
        snippets = []
        for m in records(e.get("mentions")):
            text = str(snap.articles.get(str(m.get("article")), {}).get("text") or "")
            if isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
                snippets.append(text[m["start"] : m["end"]])
        body = " ".join(
            [str(e.get("type") or ""), str(e.get("subtype") or ""), str(place.get("name") or "")]
            + [_names(snap, e.get("actors")), _names(snap, e.get("targets")), *snippets]
        )
        yield "event", str(e.get("id")), body
    for s in snap.section("stories"):
        titles = " ".join(str(a.get("title") or "") for a in snap.story_articles(s))
        yield "story", str(s.get("id")), f"{s.get('title') or ''} {titles}"


class ReadModel:
    """A cached :class:`Snapshot` of one store, rebuilt when the store changes.

    ``overlay`` holds export sections that replace the store's (tests, or a
    fused export produced elsewhere). Reads are safe from any
    thread: each thread opens its own read connection.
    """

    def __init__(self, db: str, *, check_interval: float = 0.5) -> None:
        self.db = db
        self.overlay: Record = {}
        self.check_interval = check_interval
        self._lock = threading.Lock()
        self._local = threading.local()
        self._snap: Snapshot | None = None
        self._generation = 0
        self._checked = 0.0
        # List rows rendered from the picture tables, kept per picture version.
        self.rendered = RenderedRows()
        # (checked at, generation, current?, build key as JSON) of the picture
        # tables, shared by all threads (web/tables.py tables_version).
        self.tables_seen: tuple[float, int, bool, str] | None = None

    def invalidate(self) -> None:
        """Force a rebuild on next access (the in-process writer calls this)."""
        with self._lock:
            self._generation += 1

    @property
    def local(self) -> threading.local:
        """Per-thread state (connections, the picture tables' freshness)."""
        return self._local

    @property
    def generation(self) -> int:
        """Bumped by :meth:`invalidate` (the in-process writer wrote)."""
        return self._generation

    def thread_store(self) -> AnyStore:
        """This thread's read connection to the store."""
        return self._store()

    def _store(self) -> AnyStore:
        store: AnyStore | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db)
            self._local.store = store
        return store

    def _key(self, store: AnyStore) -> tuple[int, int, int]:
        return (store.count_articles(), len(store.analysed_ids()), self._generation)

    def snapshot(self) -> Snapshot:
        """The current snapshot, rebuilt first if the store changed."""
        snap = self._snap
        now = time.monotonic()
        if (
            snap is not None
            and snap.key[2] == self._generation
            and now - self._checked < self.check_interval
        ):
            return snap
        store = self._store()
        key = self._key(store)
        self._checked = now
        if snap is not None and snap.key == key:
            return snap
        with self._lock:
            if self._snap is not None and self._snap.key == key:
                return self._snap
            from crosswire.export.writers import export_object

            started = time.monotonic()
            export = export_object(store)
            # An overlay replaces whole sections (tests and callers that
            # bring their own fused sections).
            export.update(self.overlay)
            built = build_snapshot(export, key)
            # The old snapshot is left to the garbage collector: a request in
            # another thread may still be reading it.
            self._snap = built
            log.info(
                "read model rebuilt: %d articles in %.2fs",
                len(built.articles),
                time.monotonic() - started,
            )
        return built
