"""JSON API routes: read endpoints with filters and pagination, health, ingest."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import fields
from functools import cache
from importlib.resources import files
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from crosswire.web import query, views
from crosswire.web.cache import ResponseCache
from crosswire.web.readmodel import ReadModel, Record, Snapshot
from crosswire.web.tables import TableReader, reader_for

router = APIRouter(prefix="/api")


class ApiError(Exception):
    """An error with a stable code and an HTTP status, rendered as the JSON error shape."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def snapshot(request: Request) -> Snapshot:
    """The current read-model snapshot (dependency)."""
    model: ReadModel = request.app.state.readmodel
    return model.snapshot()


def _cache(request: Request) -> ResponseCache:
    """This app's cache of table-backed answers (web/cache.py): one per app, as
    each app serves one store."""
    cache: ResponseCache | None = getattr(request.app.state, "responses", None)
    if cache is None:
        cache = request.app.state.responses = ResponseCache()
    return cache


def tables(request: Request) -> TableReader | None:
    """The picture-table reader when the tables are current, else ``None``."""
    return reader_for(request.app.state.readmodel)


# Bounds of the list parameters, one place for FastAPI's checks and for the
# direct path of web/direct.py, which must accept exactly what these accept.
MAX_LENGTH = {"after": 200, "since": 10, "until": 10, "bbox": 100, "text": 200}
LIMIT_RANGE = (1, 500)
OFFSET_RANGE = (0, 1_000_000_000)

Snap = Annotated[Snapshot, Depends(snapshot)]
After = Annotated[
    str | None,
    Query(max_length=MAX_LENGTH["after"], description="cursor: the 'next' of the previous page"),
]
Limit = Annotated[int, Query(ge=LIMIT_RANGE[0], le=LIMIT_RANGE[1], description="page size")]
Offset = Annotated[int, Query(ge=OFFSET_RANGE[0], le=OFFSET_RANGE[1])]
Text = Query(max_length=MAX_LENGTH["text"])
Day = Query(max_length=MAX_LENGTH["since"], description="YYYY-MM-DD")


def filters(
    since: Annotated[str | None, Day] = None,
    until: Annotated[str | None, Day] = None,
    place: Annotated[str | None, Text] = None,
    bbox: Annotated[
        str | None,
        Query(max_length=MAX_LENGTH["bbox"], description="min_lon,min_lat,max_lon,max_lat"),
    ] = None,
    actor: Annotated[str | None, Text] = None,
    type: Annotated[str | None, Text] = None,
    outlet: Annotated[str | None, Text] = None,
    q: Annotated[str | None, Text] = None,
    story: Annotated[str | None, Text] = None,
) -> query.Filters:
    """Parse and validate the shared filter parameters."""
    try:
        return query.Filters(
            since=query.parse_day(since, "since"),
            until=query.parse_day(until, "until"),
            place=place or None,
            bbox=query.parse_bbox(bbox),
            actor=actor or None,
            type=type or None,
            outlet=outlet or None,
            q=q or None,
            story=story or None,
        )
    except ValueError as exc:
        code, _, message = str(exc).partition(" ")
        raise ApiError(400, code, message) from exc


Filt = Annotated[query.Filters, Depends(filters)]

# The filters each list endpoint applies; any other one given is refused (400)
# rather than silently ignored, so a client never mistakes an unfiltered list
# for a filtered one.
_DATES = ("since", "until")
SUPPORTED: dict[str, tuple[str, ...]] = {
    "stories": (*_DATES, "place", "bbox", "actor", "type", "outlet", "q", "story"),
    "events": (*_DATES, "place", "bbox", "actor", "type", "outlet", "q", "story"),
    "claims": (*_DATES, "actor", "type", "outlet", "q", "story"),
    "disputes": ("type", "outlet", "q", "story"),
    "articles": (*_DATES, "outlet", "q", "story"),
    "entities": ("q", "actor", "type", "story"),
    "places": ("place", "q", "bbox", "story"),
}


def _only(f: query.Filters, endpoint: str) -> query.Filters:
    """``f`` when it uses only filters ``endpoint`` applies; else a 400 (E815)."""
    allowed = SUPPORTED[endpoint]
    extra = [k.name for k in fields(f) if getattr(f, k.name) is not None and k.name not in allowed]
    if extra:
        raise ApiError(
            400,
            "E815",
            f"filter {', '.join(extra)} not supported on /api/{endpoint} "
            f"(supported: {', '.join(allowed)})",
        )
    return f


def _json(value: Record) -> Response:
    """``value`` as a JSON response, serialised once with ``json.dumps`` (the same bytes
    FastAPI's default gives JSON-native values, without its per-value encoder,
    which cost 50-70 ms on a 100 KB page)."""
    return JSONResponse(value)


def _raw(body: bytes) -> Response:
    """JSON bytes already encoded (web/items.py) as a response, without re-encoding."""
    return Response(body, media_type="application/json")


def _need(record: Record | None, kind: str) -> Record:
    if record is None:
        raise ApiError(404, "E804", f"no such {kind}")
    return record


def _need_body(body: bytes | None, kind: str) -> bytes:
    if body is None:
        raise ApiError(404, "E804", f"no such {kind}")
    return body


# The in-memory rows of the lists that read the picture tables when they are current.
_MEMORY: dict[str, Callable[[Snapshot, query.Filters], list[Record]]] = {
    "claims": lambda s, f: [views.claim_row(s, c) for c in query.claims(s, f)],
    "disputes": lambda s, f: [views.dispute_row(d) for d in query.disputes(s, f)],
    "articles": lambda s, f: [views.article_summary(a) for a in query.articles(s, f)],
    "entities": query.entities,
    "places": query.places,
}


def _listing(
    request: Request, endpoint: str, f: query.Filters, limit: int, offset: int, after: str | None
) -> Response:
    """One page of a list: from the picture tables when current (keyset ``after``),
    else from the in-memory snapshot; the same JSON either way."""
    f = _only(f, endpoint)
    reader = tables(request)
    if reader is not None:
        return _json(reader.page(endpoint, f, limit, offset, after))
    return _json(query.page(_MEMORY[endpoint](snapshot(request), f), limit, offset))


@router.get("/health", response_model=None)
def health(request: Request) -> Response:
    """Liveness plus what the read model holds."""
    reader = tables(request)
    if reader is not None:
        counts = reader.counts()
        counted = {k: counts.get(k, 0) for k in ("articles", "stories", "events")}
        return _json({"status": "ok", **counted})
    snap = snapshot(request)
    return _json(
        {
            "status": "ok",
            "articles": len(snap.articles),
            "stories": len(snap.section("stories")),
            "events": len(snap.section("events")),
        }
    )


@router.get("/stories", response_model=None)
def list_stories(
    request: Request, f: Filt, limit: Limit = 50, offset: Offset = 0, after: After = None
) -> Response:
    """Stories with counts (articles, outlets, independent sources, events, disputes).

    ``after`` (the ``next`` of a page) continues from that page (keyset pagination)."""
    reader = tables(request)
    if reader is not None:
        got = reader
        return _cache(request).answer(
            request,
            reader.version,
            lambda: _raw(got.stories_page_json(_only(f, "stories"), limit, offset, after)),
        )
    snap = snapshot(request)
    items = [
        {**s, "counts": snap.stats.get(str(s.get("id")), {})}
        for s in query.stories(snap, _only(f, "stories"))
    ]
    return _json(query.page(items, limit, offset))


@router.get("/stories/{story_id}", response_model=None)
def get_story(story_id: str, request: Request) -> Response:
    """One story with its events, claims by speaker, disputes, figures, series and framing."""
    reader = tables(request)
    if reader is not None:
        got = reader

        def make() -> Response:
            # Rendered at refresh time (web/prerender.py), else here.
            return _raw(_need_body(got.story_page_json(story_id), "story"))

        return _cache(request).answer(request, reader.version, make)
    snap = snapshot(request)
    return _json(views.story_view(snap, _need(snap.get("story", story_id), "story")))


@router.get("/stories/{story_id}/charts", response_model=None)
def story_charts(story_id: str, request: Request) -> Response:
    """Chart data: events per day and sources per claim."""
    reader = tables(request)
    found = reader.story(story_id) if reader is not None else None
    if reader is not None and found is None:
        raise ApiError(404, "E804", "no such story")
    snap, story = found or (snapshot(request), None)
    story = story or _need(snap.get("story", story_id), "story")
    return _json(
        {
            "events_per_day": views.events_per_day(snap, story),
            "sources_per_claim": views.sources_per_claim(snap, story),
        }
    )


@router.get("/events", response_model=None)
def list_events(
    request: Request, f: Filt, limit: Limit = 50, offset: Offset = 0, after: After = None
) -> Response:
    """Events filtered by date range, place or bbox, actor, type, outlet, text and story.

    ``after`` (the ``next`` of a page) continues from that page (keyset pagination)."""
    reader = tables(request)
    if reader is not None:
        got = reader
        return _cache(request).answer(
            request,
            reader.version,
            lambda: _raw(got.events_page_json(_only(f, "events"), limit, offset, after)),
        )
    snap = snapshot(request)
    items = [views.event_row(snap, e) for e in query.events(snap, _only(f, "events"))]
    return _json(query.page(items, limit, offset))


@router.get("/events/{event_id}", response_model=None)
def get_event(event_id: str, request: Request) -> Response:
    """One event with names, place, figures and evidence links."""
    reader = tables(request)
    if reader is not None:
        return _json(_need(reader.event(event_id), "event"))
    snap = snapshot(request)
    return _json(views.event_row(snap, _need(snap.get("event", event_id), "event")))


@router.get("/claims", response_model=None)
def list_claims(
    request: Request, f: Filt, limit: Limit = 50, offset: Offset = 0, after: After = None
) -> Response:
    """Claims filtered by story, text, actor (speaker), kind (``type``), outlet and date."""
    return _listing(request, "claims", f, limit, offset, after)


@router.get("/claims/{claim_id}")
def get_claim(claim_id: str, request: Request) -> Record:
    """One claim."""
    reader = tables(request)
    if reader is not None:
        return _need(reader.claim(claim_id), "claim")
    snap = snapshot(request)
    return views.claim_row(snap, _need(snap.get("claim", claim_id), "claim"))


@router.get("/disputes", response_model=None)
def list_disputes(
    request: Request, f: Filt, limit: Limit = 50, offset: Offset = 0, after: After = None
) -> Response:
    """Disputes filtered by story, kind (``type``), outlet and text."""
    return _listing(request, "disputes", f, limit, offset, after)


@router.get("/articles", response_model=None)
def list_articles(
    request: Request, f: Filt, limit: Limit = 50, offset: Offset = 0, after: After = None
) -> Response:
    """Articles (without full text) filtered by story, date, outlet and text search."""
    return _listing(request, "articles", f, limit, offset, after)


@router.get("/articles/{article_id}")
def get_article(article_id: str, request: Request) -> Record:
    """One article as exported, with the stories it belongs to."""
    reader = tables(request)
    if reader is not None:
        return _need(reader.article(article_id), "article")
    snap = snapshot(request)
    article = _need(snap.articles.get(article_id), "article")
    return {**article, "stories": snap.story_of_article.get(article_id, [])}


@router.get("/entities", response_model=None)
def list_entities(
    request: Request, f: Filt, limit: Limit = 50, offset: Offset = 0, after: After = None
) -> Response:
    """Entities by name (``q`` or ``actor``), type and story."""
    return _listing(request, "entities", f, limit, offset, after)


@router.get("/places", response_model=None)
def list_places(
    request: Request, f: Filt, limit: Limit = 50, offset: Offset = 0, after: After = None
) -> Response:
    """Places by name (``place`` or ``q``), bounding box and story."""
    return _listing(request, "places", f, limit, offset, after)


@cache
def _basemap() -> Record:
    """Country reference points from the gazetteer (the offline base map)."""
    text = files("crosswire").joinpath("data/gazetteer_countries.tsv").read_text("utf-8")
    rows = csv.reader(
        (line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t"
    )
    points = []
    for row in rows:
        try:
            points.append({"iso2": row[0], "lat": float(row[1]), "lon": float(row[2])})
        except (ValueError, IndexError):
            continue  # the header row
    return {"countries": points}


@router.get("/basemap")
def basemap() -> Record:
    """The world base map: one reference point per country (graticule is drawn client-side)."""
    return _basemap()


@router.get("/basemap/admin1/{country}")
def basemap_admin1(country: str) -> Response:
    """Admin-1 outlines (Natural Earth states and provinces) of one country, as GeoJSON."""
    from crosswire.web import assets

    if not re.match(r"^[A-Za-z]{2}$", country):
        raise ApiError(400, "E801", "bad parameter: country must be an ISO 3166 alpha-2 code")
    # No outlines (an island state, or the assets not installed) is an empty
    # collection, not an error: the map simply draws none.
    body = assets.admin1(country) or '{"type":"FeatureCollection","features":[]}'
    return Response(body, media_type="application/geo+json")
