"""Misses of the three loaded read routes, answered without FastAPI's routing.

Under 50 concurrent clients the tail of ``crosswire serve`` is its misses
(answers not yet kept, web/cache.py): the first request for each story-list
offset, story page or events window after a start or a refresh. A miss queues
behind the others for the GIL, so its latency is the number in flight times
the CPU of one; and half of that CPU was FastAPI's, not ours (SQLite 100k, in
process: a story-list miss 1.65 ms through the app against 0.73 ms in the
reader, a story page 0.51 against 0.08): routing, the parameter models, and a
second thread hop for the sync filter dependency.

:class:`DirectReads` sits inside :class:`~crosswire.web.cache.CachedReads`: a
GET that missed the cache for ``/api/stories``, ``/api/stories/{id}`` or
``/api/events`` is parsed here and the route function itself
(:mod:`crosswire.web.api`) runs in one worker thread, so the answer (body,
ETag, headers, what the cache keeps) is the route's own. Only plain requests
take this path: known parameters, each once, with values the route's
validation accepts as they are (digits without a sign or leading zero, lengths
within the route's limits). Anything else, and any error the route raises,
goes on to FastAPI, which answers it (and its error) as before.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from urllib.parse import parse_qsl

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from crosswire.web import api
from crosswire.web.cache import CHECKED

log = logging.getLogger(__name__)

STORIES = "/api/stories"
EVENTS = "/api/events"
STORY = STORIES + "/"
_FILTERS = ("since", "until", "place", "bbox", "actor", "type", "outlet", "q", "story")
# The longest value each parameter takes, as api.py's Query(max_length=...).
_LENGTHS = {name: api.MAX_LENGTH.get(name, api.MAX_LENGTH["text"]) for name in _FILTERS}
_LENGTHS["after"] = api.MAX_LENGTH["after"]
# Integers as pydantic reads them unchanged: no sign, space or leading zero.
_INT = re.compile(r"(?:0|[1-9][0-9]{0,9})\Z")
_LIMITS = {"limit": api.LIMIT_RANGE, "offset": api.OFFSET_RANGE}

Route = Callable[[Request], Response]


def _params(query: bytes) -> dict[str, str] | None:
    """The query's parameters when every one is known, given once and non-empty
    (as Starlette decodes them), else ``None``."""
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
    out: dict[str, str] = {}
    for name, value in pairs:
        if name in out or not value:
            return None
        if name in _LIMITS:
            low, high = _LIMITS[name]
            if not _INT.match(value) or not low <= int(value) <= high:
                return None
        elif len(value) > _LENGTHS.get(name, -1):
            return None
        out[name] = value
    return out


def route_of(scope: Scope) -> Route | None:
    """The route call answering ``scope`` (a GET), or ``None`` when FastAPI should."""
    path: str = scope["path"]
    query = bytes(scope.get("query_string", b""))
    if path.startswith(STORY):
        story_id = path[len(STORY) :]
        if query or not story_id or "/" in story_id:
            return None
        return lambda request: api.get_story(story_id, request)
    if path not in (STORIES, EVENTS):
        return None
    params = _params(query)
    if params is None:
        return None
    try:
        f = api.filters(**{k: params.get(k) for k in _FILTERS})
    except api.ApiError:
        return None
    limit, offset = int(params.get("limit", 50)), int(params.get("offset", 0))
    after = params.get("after")
    endpoint = api.list_stories if path == STORIES else api.list_events
    return lambda request: endpoint(request, f, limit, offset, after)


def _answer(route: Route, request: Request) -> Response | None:
    try:
        return route(request)
    except api.ApiError:
        return None  # FastAPI answers it again, with its error page or JSON


class DirectReads:
    """ASGI middleware (inside :class:`~crosswire.web.cache.CachedReads`): a miss
    of a plain story-list, story-page or events GET runs the route function in a
    worker thread, skipping routing and parameter models (see module doc)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.direct = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # CHECKED is set only when the tables are current and the answer was
        # not kept; the root path would change what the router matches.
        if scope["type"] == "http" and scope.get(CHECKED) and not scope.get("root_path"):
            route = route_of(scope)
            if route is not None:
                request = Request(scope, receive)
                response = await anyio.to_thread.run_sync(_answer, route, request)
                if response is not None:
                    self.direct += 1
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)
