"""Rendered list items kept as JSON bytes per picture version, and pages built from them.

A page of the story list or of an events query is a handful of SQL lookups
plus rendering each row (decode the stored record, resolve names and article
links, encode the answer): most of a page's cost. Pages overlap (story-list
offsets one apart share 49 of 50 rows; a story's events show up in many date
windows), so a row rendered once is kept as the bytes it encodes to, and a page
that was never asked before is assembled from them: the page's keys from SQL,
then one ``b",".join``. The bytes are exactly those :func:`page_json` would
give the whole page (the JSON of a Starlette ``JSONResponse``), so a page is
the same whichever rows were kept.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

Key = tuple[str, str, str]


def dumps(value: Any) -> bytes:
    """``value`` encoded as Starlette's ``JSONResponse`` encodes a body."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def page_json(
    total: int, limit: int, offset: int, rows: list[bytes], nxt: str | None, more: bool = False
) -> bytes:
    """The bytes of ``{"total", "limit", "offset", "items", "next"}`` from encoded rows;
    ``more`` adds ``"total_more": true`` (the total is a floor: a search's count stops
    at ``COUNT_CAP``)."""
    return b"".join(
        (
            b'{"total":%d,%s"limit":%d,"offset":%d,"items":['
            % (total, b'"total_more":true,' if more else b"", limit, offset),
            b",".join(rows),
            b'],"next":',
            dumps(nxt),
            b"}",
        )
    )


class RenderedRows:
    """A thread-safe LRU of encoded rows keyed by (picture version, kind, row key),
    bounded in bytes."""

    def __init__(self, max_bytes: int = 48 << 20) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[Key, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def rows(
        self,
        version: str,
        kind: str,
        keys: list[str],
        render: Callable[[list[str]], dict[str, Any]],
    ) -> list[bytes]:
        """The encoded rows of ``keys`` in order; ``render`` gives the records of
        the keys not kept (row key -> record; a key it omits is left out)."""
        found = self.keyed(version, kind, keys, render)
        return [found[k] for k in keys if k in found]

    def keyed(
        self,
        version: str,
        kind: str,
        keys: list[str],
        render: Callable[[list[str]], dict[str, Any]],
    ) -> dict[str, bytes]:
        """:meth:`rows` as row key -> encoded row."""
        return self.encoded(
            version, kind, keys, lambda missing: {k: dumps(v) for k, v in render(missing).items()}
        )

    def encoded(
        self,
        version: str,
        kind: str,
        keys: list[str],
        fetch: Callable[[list[str]], dict[str, bytes]],
    ) -> dict[str, bytes]:
        """Row key -> encoded row of ``keys``; ``fetch`` gives the encoded rows of
        the keys not kept (a key it omits is left out)."""
        found: dict[str, bytes] = {}
        with self._lock:
            for key in keys:
                body = self._items.get((version, kind, key))
                if body is not None:
                    self._items.move_to_end((version, kind, key))
                    found[key] = body
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        if missing:
            made = fetch(missing)
            found.update(made)
            with self._lock:
                for key, body in made.items():
                    self._put((version, kind, key), body)
        return found

    def _put(self, key: Key, body: bytes) -> None:
        old = self._items.pop(key, None)
        self._bytes += len(body) - (len(old) if old is not None else 0)
        self._items[key] = body
        while self._items and self._bytes > self.max_bytes:
            _, dropped = self._items.popitem(last=False)
            self._bytes -= len(dropped)
