"""Answers of the table-backed read endpoints, kept per picture version.

The picture tables change only when a refresh writes them, and a refresh
changes the ``built`` key the read side already checks
(:func:`crosswire.web.tables.reader_for`). So a response body can be served
again for the same path and query while that key holds: a popular story page or
this month's events are computed once per refresh, not once per request. The
cache is bounded (entries and bytes, least recently used out first) and keyed
by the version, so a refresh invalidates it without any signal.

Each body is kept with its ETag (a hash of the bytes, so an answer that a
refresh did not change keeps its tag and a client's ``If-None-Match`` still
gets a 304). :class:`CachedReads` serves kept answers before FastAPI routes
the request: a hit costs a dictionary lookup and one ``send``, not routing,
parameter validation and a thread hop (about 0.5 ms of CPU per request).

A kept answer is its final bytes with its response headers built once, when it
is kept (:class:`Kept`: the security headers included), so a hit builds no
header and copies no body. :class:`KeptAnswers` looks a request up; the app
calls it before its middleware stack (web/app.py), so a hit costs the event
loop neither the middleware layers nor their ``send`` wrappers.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from crosswire.web.security import HEADERS

if TYPE_CHECKING:
    from crosswire.web.readmodel import ReadModel

Key = tuple[str, str, str]
# Set on the scope by CachedReads when it already looked the request up (and
# missed), so the endpoint does not count the same miss twice.
CHECKED = "crosswire.cache_checked"
# Set by KeptAnswers on every request it looked up, so an inner look-up
# (CachedReads, after the app's own) neither looks nor counts again.
LOOKED = "crosswire.cache_looked"
JSON = b"application/json"
# Clients may keep an answer but must ask again (cheaply, with If-None-Match):
# the picture changes whenever a refresh runs.
REVALIDATE = b"no-cache"


Headers = tuple[tuple[bytes, bytes], ...]


class Kept(NamedTuple):
    """A kept answer: its body, its ETag, and the headers of its 200 and of its
    304, built once (in the order the routed answer had them, with the
    security headers of :class:`~crosswire.web.security.SecurityMiddleware`)."""

    body: bytes
    etag: str
    ok: Headers
    not_modified: Headers


def kept(body: bytes, etag: str) -> Kept:
    """``body`` with its ETag and both sets of response headers."""
    tag = etag.encode()
    head = ((b"etag", tag), (b"cache-control", REVALIDATE))
    sized = ((b"content-length", str(len(body)).encode()), (b"content-type", JSON))
    return Kept(body, etag, (*head, *sized, *HEADERS), (*head, *HEADERS))


def etag_of(body: bytes) -> str:
    """A strong ETag for ``body`` (a short hash of the bytes, quoted)."""
    return '"' + hashlib.blake2b(body, digest_size=10).hexdigest() + '"'


def key_of(version: str, scope: Scope) -> Key:
    """The cache key of a request at a picture version: path and raw query."""
    return (version, str(scope["path"]), bytes(scope.get("query_string", b"")).decode("latin-1"))


class ResponseCache:
    """A thread-safe LRU of JSON bodies (with their ETags) keyed by (picture
    version, path, query)."""

    def __init__(self, entries: int = 4096, max_bytes: int = 64 << 20) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[Key, Kept] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        # Keys being computed now, so concurrent misses of one key compute it once.
        self._pending: dict[Key, threading.Lock] = {}
        self.hits = self.misses = 0
        # API GETs answered before routing (CachedReads) and those passed on to
        # routing (a miss, or no current picture version): logged at shutdown.
        self.early = self.routed = 0

    def entry(self, key: Key) -> Kept | None:
        """The stored answer (body, ETag, headers), or ``None``."""
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def get(self, key: Key) -> bytes | None:
        """The stored body, or ``None``."""
        found = self.entry(key)
        return found.body if found is not None else None

    def put(self, key: Key, body: bytes, etag: str | None = None) -> None:
        """Keep ``body`` (a body larger than a tenth of the budget is not kept)."""
        self._keep(key, kept(body, etag or etag_of(body)))

    def _keep(self, key: Key, value: Kept) -> None:
        body = value.body
        if len(body) > self.max_bytes // 10:  # not worth a tenth of the budget
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes += len(body) - (len(old.body) if old is not None else 0)
            self._items[key] = value
            while self._items and (len(self._items) > self.entries or self._bytes > self.max_bytes):
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped[0])

    def answer(self, request: Request, version: str, make: Callable[[], Response]) -> Response:
        """The cached answer to ``request`` at ``version``, or ``make()``'s (kept
        when it is a 200), with its ETag; a 304 when the client has it.

        Concurrent misses of one key compute it once: when 50 clients ask for
        this month's events at the same moment, one thread renders the page and
        the others wait for it instead of rendering it 49 more times (each
        render holds the GIL, so the copies would only queue behind each other)."""
        key = key_of(version, request.scope)
        found = None if request.scope.get(CHECKED) == version else self.entry(key)
        leader, flight = False, threading.Lock()
        if found is None:
            with self._lock:
                running = self._pending.get(key)
                leader = running is None
                if running is None:
                    self._pending[key] = flight
                    flight.acquire()
                else:
                    flight = running
            if not leader:
                with flight:  # released when the leader has put its answer
                    found = self._peek(key)
        if found is None:
            try:
                response = make()
                if response.status_code == 200 and isinstance(response.body, bytes):
                    found = kept(response.body, etag_of(response.body))
                    self._keep(key, found)
            finally:
                if leader:
                    with self._lock:
                        self._pending.pop(key, None)
                    flight.release()
            if found is None:
                return response
        body, etag = found.body, found.etag
        headers = {"etag": etag, "cache-control": REVALIDATE.decode()}
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/json", headers=headers)

    def _peek(self, key: Key) -> Kept | None:
        with self._lock:
            return self._items.get(key)


class KeptAnswers:
    """Looks GETs under ``/api/`` up in ``cache`` at the current picture version
    (never waiting on the database: a stale version is a miss)."""

    def __init__(self, model: ReadModel, cache: ResponseCache) -> None:
        # Imported here, once: freshness reads the store, which this module
        # does not need at import.
        from crosswire.web.freshness import tables_version

        self.model = model
        self.cache = cache
        self._version = tables_version

    def lookup(self, scope: Scope) -> Kept | None:
        """The kept answer to ``scope``; on a miss at a current version, marks
        the scope :data:`CHECKED` (the endpoint does not look again)."""
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"][:5] != "/api/":
            return None
        if LOOKED in scope:  # looked up further out, and missed
            return None
        scope[LOOKED] = True
        version = self._version(self.model, check=False)
        if version is not None:
            found = self.cache.entry(key_of(version, scope))
            if found is not None:
                self.cache.early += 1
                return found
            scope[CHECKED] = version
        self.cache.routed += 1
        return None


class CachedReads:
    """ASGI middleware: a GET under ``/api/`` whose answer the cache holds for the
    current picture version is answered here, before routing (see module doc).
    Anything else, or a miss, goes on to the app, whose endpoints fill the cache."""

    def __init__(self, app: ASGIApp, *, model: ReadModel, cache: ResponseCache) -> None:
        self.app = app
        self.model = model
        self.cache = cache
        self.answers = KeptAnswers(model, cache)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = self.answers.lookup(scope)
        if found is not None:
            await send_kept(send, scope, found)
            return
        await self.app(scope, receive, send)


async def send_kept(send: Send, scope: Scope, found: Kept) -> None:
    """Send the kept answer, or its 304 when the request's ``If-None-Match``
    holds its ETag. The header list is a fresh copy (middleware may add to it)."""
    tag = found.ok[0][1]
    for name, value in scope["headers"]:
        if name == b"if-none-match" and tag in value:
            start = {"type": "http.response.start", "status": 304, "headers": [*found.not_modified]}
            await send(start)
            await send({"type": "http.response.body", "body": b""})
            return
    await send({"type": "http.response.start", "status": 200, "headers": [*found.ok]})
    await send({"type": "http.response.body", "body": found.body})
