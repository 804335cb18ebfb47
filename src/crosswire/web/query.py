"""Filtering and pagination over a read-model snapshot.

Every filter is optional and they combine with AND. Dates are compared as
ISO strings (``YYYY-MM-DD`` prefixes), which order correctly; a record with
no date never matches a date filter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from crosswire.web.readmodel import Record, Snapshot, records, strs

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUM = r"-?\d+(?:\.\d+)?"
_BBOX = re.compile(rf"^({_NUM}),({_NUM}),({_NUM}),({_NUM})$")

BBox = tuple[float, float, float, float]


def parse_day(value: str | None, name: str) -> str | None:
    """A validated ``YYYY-MM-DD`` or None; raises ValueError (E802) otherwise."""
    if value is None or value == "":
        return None
    if not _DAY.match(value):
        raise ValueError(f"E802 bad date for {name!r}: expected YYYY-MM-DD")
    return value


def parse_bbox(value: str | None) -> BBox | None:
    """``min_lon,min_lat,max_lon,max_lat`` or None; raises ValueError (E803) otherwise."""
    if value is None or value == "":
        return None
    m = _BBOX.match(value.replace(" ", ""))
    if not m:
        raise ValueError("E803 bad bbox: expected min_lon,min_lat,max_lon,max_lat")
    w, s, e, n = (float(g) for g in m.groups())
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise ValueError("E803 bad bbox: coordinates out of range")
    return (w, s, e, n)


@dataclass(frozen=True)
class Filters:
    """The query parameters shared by the list endpoints."""

    since: str | None = None
    until: str | None = None
    place: str | None = None
    bbox: BBox | None = None
    actor: str | None = None
    type: str | None = None
    outlet: str | None = None
    q: str | None = None
    story: str | None = None


def page(items: list[Record], limit: int, offset: int) -> Record:
    """``{"total", "limit", "offset", "items"}`` for one page of ``items``."""
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
    }


def _in_range(day: Any, f: Filters) -> bool:
    if f.since is None and f.until is None:
        return True
    if not isinstance(day, str) or len(day) < 4:
        return False
    if f.since is not None and day[:10] < f.since[: len(day[:10])]:
        return False
    return not (f.until is not None and day[:10] > f.until[: len(day[:10])])


def in_bbox(lat: Any, lon: Any, box: BBox) -> bool:
    """Whether a point lies in the box (a box with west > east crosses the antimeridian)."""
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return False
    w, s, e, n = box
    inside_lon = w <= lon <= e if w <= e else (lon >= w or lon <= e)
    return inside_lon and s <= lat <= n


def _fold(text: str) -> str:
    """Casefolded, diacritics dropped: "Hama" finds the gazetteer's "Ḩamāh"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _text_match(needle: str, *values: Any) -> bool:
    low = _fold(needle)
    return any(isinstance(v, str) and low in _fold(v) for v in values)


def _actor_ids(snap: Snapshot, actor: str) -> set[str]:
    """Entity ids equal to ``actor`` or whose name/alias contains it."""
    found = {actor} if snap.get("entity", actor) else set()
    for e in snap.section("entities"):
        if _text_match(actor, e.get("name"), *strs(e.get("aliases"))):
            found.add(str(e.get("id")))
    return found


def _story_set(snap: Snapshot, f: Filters, key: str) -> set[str] | None:
    if f.story is None:
        return None
    story = snap.get("story", f.story)
    return set(strs(story.get(key))) if story else set()


def _search(snap: Snapshot, kind: str, f: Filters) -> set[str] | None:
    return snap.search.search(kind, f.q) if f.q else None


def _keep(items: Iterable[Record], *tests: Callable[[Record], bool]) -> list[Record]:
    return [r for r in items if all(t(r) for t in tests)]


def events(snap: Snapshot, f: Filters) -> list[Record]:
    """Events matching the filters, in date order (undated last)."""
    in_story = _story_set(snap, f, "events")
    hits = _search(snap, "event", f)
    actors = _actor_ids(snap, f.actor) if f.actor else None

    def place(e: Record) -> Record:
        p = e.get("place")
        return p if isinstance(p, dict) else {}

    out = _keep(
        snap.section("events"),
        lambda e: in_story is None or str(e.get("id")) in in_story,
        lambda e: hits is None or str(e.get("id")) in hits,
        lambda e: _in_range(e.get("date"), f),
        lambda e: (
            f.type is None
            or f.type.casefold()
            in {str(e.get("type")).casefold(), str(e.get("subtype")).casefold()}
        ),
        lambda e: (
            f.place is None
            or _text_match(
                f.place,
                place(e).get("surface"),
                place(e).get("name"),
                place(e).get("country"),
                place(e).get("admin1"),
            )
        ),
        lambda e: f.bbox is None or in_bbox(place(e).get("lat"), place(e).get("lon"), f.bbox),
        lambda e: (
            actors is None or bool(actors & set(strs(e.get("actors")) + strs(e.get("targets"))))
        ),
        lambda e: f.outlet is None or any(_same(s, f.outlet) for s in strs(e.get("sources"))),
    )
    return sorted(out, key=lambda e: (e.get("date") is None, str(e.get("date") or "")))


def _article_day(snap: Snapshot, aid: Any) -> Any:
    return snap.articles.get(str(aid), {}).get("published")


def _article_outlet(snap: Snapshot, aid: Any) -> Any:
    return snap.articles.get(str(aid), {}).get("outlet")


def _same(a: Any, b: str | None) -> bool:
    return b is None or (isinstance(a, str) and a.casefold() == b.casefold())


def claims(snap: Snapshot, f: Filters) -> list[Record]:
    """Claims matching the filters (date and outlet are those of the claim's article)."""
    in_story = _story_set(snap, f, "articles")
    hits = _search(snap, "claim", f)
    actors = _actor_ids(snap, f.actor) if f.actor else None
    return _keep(
        snap.section("claims"),
        lambda c: in_story is None or str(c.get("article")) in in_story,
        lambda c: hits is None or str(c.get("id")) in hits,
        lambda c: _in_range(_article_day(snap, c.get("article")), f),
        lambda c: _same(_article_outlet(snap, c.get("article")), f.outlet),
        lambda c: f.type is None or _same(c.get("kind"), f.type),
        lambda c: (
            actors is None
            or c.get("speaker") in actors
            or _text_match(f.actor or "", c.get("speaker_name"))
        ),
    )


def articles(snap: Snapshot, f: Filters) -> list[Record]:
    """Articles matching the filters, in ingestion order."""
    in_story = _story_set(snap, f, "articles")
    hits = _search(snap, "article", f)
    return _keep(
        snap.articles.values(),
        lambda a: in_story is None or a["id"] in in_story,
        lambda a: hits is None or a["id"] in hits,
        lambda a: _in_range(a.get("published"), f),
        lambda a: _same(a.get("outlet"), f.outlet),
    )


def disputes(snap: Snapshot, f: Filters) -> list[Record]:
    """Disputes matching the filters (story, kind via ``type``, outlet and text of sides)."""
    in_story = _story_set(snap, f, "articles")

    def arts(d: Record) -> set[str]:
        return {str(s.get("article")) for s in records(d.get("sides"))}

    return _keep(
        snap.section("disputes"),
        lambda d: in_story is None or bool(arts(d) & in_story),
        lambda d: f.type is None or _same(d.get("kind"), f.type),
        lambda d: (
            f.outlet is None or any(_same(_article_outlet(snap, a), f.outlet) for a in arts(d))
        ),
        lambda d: (
            f.q is None
            or _text_match(f.q, d.get("note"), *(s.get("text") for s in records(d.get("sides"))))
        ),
    )


def stories(snap: Snapshot, f: Filters) -> list[Record]:
    """Stories matching the filters: period overlap, search, outlet, and any event filter."""
    hits = _search(snap, "story", f)
    article_hits = _search(snap, "article", f)
    event_filter = f.place or f.bbox or f.actor or f.type
    wanted_events = (
        {
            str(e.get("id"))
            for e in events(snap, Filters(place=f.place, bbox=f.bbox, actor=f.actor, type=f.type))
        }
        if event_filter
        else None
    )

    def overlaps(s: Record) -> bool:
        start, end = s.get("start"), s.get("end")
        if f.since is None and f.until is None:
            return True
        if not isinstance(start, str) or not isinstance(end, str):
            return False
        return (f.until is None or start[:10] <= f.until) and (
            f.since is None or end[:10] >= f.since
        )

    return _keep(
        snap.section("stories"),
        lambda s: f.story is None or str(s.get("id")) == f.story,
        lambda s: (
            hits is None
            or str(s.get("id")) in hits
            or bool(article_hits and article_hits & set(strs(s.get("articles"))))
        ),
        overlaps,
        lambda s: f.outlet is None or any(_same(o, f.outlet) for o in strs(s.get("outlets"))),
        lambda s: wanted_events is None or bool(wanted_events & set(strs(s.get("events")))),
    )


def entities(snap: Snapshot, f: Filters) -> list[Record]:
    """Entities whose name/alias contains ``q`` or ``actor``; ``type`` is the entity type."""
    in_story = _story_set(snap, f, "articles")
    needle = f.q or f.actor
    return _keep(
        snap.section("entities"),
        lambda e: needle is None or _text_match(needle, e.get("name"), *strs(e.get("aliases"))),
        lambda e: f.type is None or _same(e.get("type"), f.type),
        lambda e: (
            in_story is None
            or any(str(m.get("article")) in in_story for m in records(e.get("mentions")))
        ),
    )


def places(snap: Snapshot, f: Filters) -> list[Record]:
    """Places filtered by name (``place`` or ``q``), bounding box and story."""
    in_story = _story_set(snap, f, "articles")
    needle = f.place or f.q
    return _keep(
        snap.section("places"),
        lambda p: (
            needle is None
            or _text_match(
                needle, p.get("surface"), p.get("name"), p.get("country"), p.get("admin1")
            )
        ),
        lambda p: f.bbox is None or in_bbox(p.get("lat"), p.get("lon"), f.bbox),
        lambda p: (
            in_story is None
            or any(str(m.get("article")) in in_story for m in records(p.get("mentions")))
        ),
    )
