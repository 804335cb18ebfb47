"""Answers of the table-backed read endpoints, kept per picture version.

The picture tables change only when a refresh writes them, and a refresh
changes the ``built`` key the read side already checks
(:func:`crosswire.web.tables.reader_for`). So a response body can be served
again for the same path and query while that key holds: a popular story page or
this month's events are computed once per refresh, not once per request. The
cache is bounded (entries and bytes, least recently used out first) and keyed
by the version, so a refresh invalidates it without any signal.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

Key = tuple[str, str, str]


class ResponseCache:
    """A thread-safe LRU of JSON bodies keyed by (picture version, path, query)."""

    def __init__(self, entries: int = 4096, max_bytes: int = 64 << 20) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[Key, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Key) -> bytes | None:
        """The stored body, or ``None``."""
        with self._lock:
            body = self._items.get(key)
            if body is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: Key, body: bytes) -> None:
        """Keep ``body`` (a body larger than a tenth of the budget is not kept)."""
        if len(body) > self.max_bytes // 10:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes += len(body) - (len(old) if old is not None else 0)
            self._items[key] = body
            while self._items and (len(self._items) > self.entries or self._bytes > self.max_bytes):
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped)

    def answer(self, request: Request, version: str, make: Callable[[], Response]) -> Response:
        """The cached answer to ``request`` at ``version``, or ``make()``'s (kept
        when it is a 200)."""
        key = (version, request.url.path, request.url.query)
        body = self.get(key)
        if body is not None:
            return Response(body, media_type="application/json")
        response = make()
        if response.status_code == 200 and isinstance(response.body, bytes):
            self.put(key, response.body)
        return response
