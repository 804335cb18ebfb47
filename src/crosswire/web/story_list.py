"""The unfiltered story list kept in memory per picture version, in chunks of rows.

Under 50 concurrent clients the story list's tail was its misses: the bench
(and a reader paging through) asks any of 25,000 offsets at 100k articles, so
most pages are asked once per version, and each miss queued for a worker
thread and the GIL behind the others (0.4-0.7 ms of CPU in the reader, more
with the thread hop and routing). But the unfiltered list is one sequence: its
page at any offset is a slice of it. :class:`StoryList` keeps that sequence as
chunks of :data:`CHUNK` consecutive stories (their ``seq``, for the page's
``next`` cursor, and their rows as encoded for the list, the rows a refresh
rendered into ``pic_rendered``), loaded on first use by one query for the keys
and one for the rows. A page whose chunks are kept is then a slice and one
``b",".join``: a few microseconds, cheap enough for the event loop, which
answers it without routing or a worker thread (web/direct.py
:func:`~crosswire.web.direct.kept_story_list`). At 100k articles the whole list
is 25,000 rows, 16 MB; the chunks are an LRU bounded in bytes, so a larger
store keeps the chunks in use.

The bytes are those of :meth:`~crosswire.web.tables.TableReader.stories_page_json`
(the same rows, total, cursor and :func:`~crosswire.web.items.page_json`), so a
page is the same whichever path answers it. Chunks are keyed by the picture
version, so a refresh (a new version) drops them without a signal and pays
nothing at write time.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, NamedTuple

from crosswire.store import picture_query as pq
from crosswire.store.picture_db import PictureDb
from crosswire.store.picture_rendered import STORY, stored
from crosswire.web.items import dumps, page_json
from crosswire.web.render_stamp import code_stamp

log = logging.getLogger(__name__)

# Stories per chunk: a page of 50 needs one chunk, or two across a boundary;
# loading one costs ~1-2 ms at 100k (the offset walk in the seq index and one
# read of 256 stored rows).
CHUNK = 256
# Bytes a chunk counts for besides its rows (lists, ints, the entry).
_OVERHEAD = 64
# Versions whose chunks are kept: the current one and the one before it (a
# request that read the tables just before a refresh may still ask for it).
_VERSIONS = 2


class Chunk(NamedTuple):
    """Consecutive stories of the list: their ``seq`` and their encoded rows."""

    seqs: list[int]
    rows: list[bytes]


Load = Callable[[int, int], Chunk | None]
# Past the list's end: no stories.
_EMPTY = Chunk([], [])


class StoryList:
    """Chunks of the unfiltered story list per picture version (thread-safe; see
    the module doc). ``max_bytes`` bounds the rows kept, least recently used out
    first."""

    def __init__(self, max_bytes: int = 32 << 20, chunk: int = CHUNK) -> None:
        self.max_bytes = max_bytes
        self.chunk = chunk
        self._chunks: OrderedDict[tuple[str, int], Chunk] = OrderedDict()
        self._bytes = 0
        # version -> (total, first position known to be past the list's end).
        self._known: OrderedDict[str, tuple[int, int | None]] = OrderedDict()
        self._lock = threading.Lock()
        # Chunks being loaded: concurrent misses of one chunk load it once,
        # misses of other chunks do not wait for it.
        self._flights: dict[tuple[str, int], threading.Lock] = {}
        self.loads = 0  # chunks loaded
        self.answered = 0  # pages answered on the event loop (web/direct.py)

    @property
    def size(self) -> int:
        """Bytes of the rows kept (as counted against ``max_bytes``)."""
        return self._bytes

    def kept(self, version: str, limit: int, offset: int) -> bytes | None:
        """The page's JSON from kept chunks alone, or ``None`` when one it needs
        is not kept (never waits on the database)."""
        with self._lock:
            return self._page(version, limit, offset, {})

    def page(
        self, version: str, limit: int, offset: int, load: Load, total: Callable[[], int]
    ) -> bytes | None:
        """The page's JSON, loading the chunks it lacks with ``load(start, count)``
        and the version's total with ``total()``; ``None`` when ``load`` could not
        give a whole chunk (the caller then asks the tables as before)."""
        found = self.kept(version, limit, offset)
        if found is not None:
            return found
        with self._lock:
            counted = version in self._known
        if not counted:
            self._note(version, total(), None)
        made: dict[int, Chunk] = {}
        for n in range(offset // self.chunk, (offset + limit - 1) // self.chunk + 1):
            got = self._load(version, n, load)
            if got is None:
                return None
            made[n] = got
        with self._lock:
            return self._page(version, limit, offset, made)

    def read(
        self,
        version: str,
        limit: int,
        offset: int,
        db: PictureDb,
        render: Callable[[list[str]], dict[str, Any]],
    ) -> bytes | None:
        """:meth:`page` with the chunks and the total read from ``db`` (``render``:
        as for :func:`load_chunk`)."""
        return self.page(
            version,
            limit,
            offset,
            lambda start, count: load_chunk(db, start, count, render),
            lambda: pq.stories_total(db),
        )

    def _note(self, version: str, total: int | None, end: int | None) -> None:
        """Record the version's total and (the lowest) position past its end."""
        with self._lock:
            if total is None and version not in self._known:
                return  # dropped meanwhile (two newer versions): no total to keep
            old_total, old_end = self._known.get(version, (0, None))
            if old_end is not None and (end is None or old_end < end):
                end = old_end
            self._known[version] = (old_total if total is None else total, end)
            self._known.move_to_end(version)
            # A refresh made a new version: the chunks of older ones go now,
            # not when the byte bound pushes them out.
            while len(self._known) > _VERSIONS:
                gone, _ = self._known.popitem(last=False)
                for key in [k for k in self._chunks if k[0] == gone]:
                    self._bytes -= _size(self._chunks.pop(key))

    def _held(self, version: str, n: int) -> Chunk | None:
        """Chunk ``n`` when kept (empty past the list's end); call with the lock held."""
        end = self._known.get(version, (0, None))[1]
        if end is not None and n * self.chunk >= end:
            return _EMPTY
        return self._chunks.get((version, n))

    def _load(self, version: str, n: int, load: Load) -> Chunk | None:
        """Chunk ``n``, kept or loaded (once however many threads ask for it)."""
        key = (version, n)
        with self._lock:
            got = self._held(version, n)
            if got is not None:
                return got
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:
            with self._lock:
                got = self._held(version, n)  # loaded while this thread waited
            if got is not None:
                return got
            got = load(n * self.chunk, self.chunk)
            if got is not None and len(got.seqs) < self.chunk:
                self._note(version, None, n * self.chunk + len(got.seqs))
            with self._lock:
                if got is not None and got.seqs:
                    self.loads += 1
                    self._put(key, got)
                self._flights.pop(key, None)
        return got

    def _page(self, version: str, limit: int, offset: int, made: dict[int, Chunk]) -> bytes | None:
        """The page from kept chunks and ``made`` (just loaded, maybe not kept);
        call with the lock held."""
        known = self._known.get(version)
        if known is None:
            return None
        total, end = known
        stop = offset + limit if end is None else min(offset + limit, end)
        seqs: list[int] = []
        rows: list[bytes] = []
        position = offset
        while position < stop:
            n, at = divmod(position, self.chunk)
            got = made.get(n)
            if got is None:
                got = self._chunks.get((version, n))
                if got is None:
                    return None
                self._chunks.move_to_end((version, n))
            take = min(stop - position, self.chunk - at)
            seqs += got.seqs[at : at + take]
            rows += got.rows[at : at + take]
            position += take
        nxt = pq.encode_cursor([seqs[-1]]) if len(rows) == limit else None
        return page_json(total, limit, offset, rows, nxt)

    def _put(self, key: tuple[str, int], got: Chunk) -> None:
        old = self._chunks.pop(key, None)
        self._bytes -= _size(old) if old is not None else 0
        self._chunks[key] = got
        self._bytes += _size(got)
        while self._chunks and self._bytes > self.max_bytes:
            _, dropped = self._chunks.popitem(last=False)
            self._bytes -= _size(dropped)


def _size(got: Chunk) -> int:
    return sum(len(r) for r in got.rows) + _OVERHEAD * len(got.rows)


def load_chunk(
    db: PictureDb, start: int, count: int, render: Callable[[list[str]], dict[str, Any]]
) -> Chunk | None:
    """Stories ``start`` to ``start + count`` of the unfiltered list with their
    rows as stored at refresh time (``render`` gives the records of those not
    stored: story key -> the row's record); ``None`` when a story has no row (it
    went between the two reads: the caller asks the tables as before)."""
    found = pq.story_positions(db, start, count)
    keys = [k for k, _ in found]
    rows = stored(db, STORY, code_stamp(), keys)
    missing = [k for k in keys if k not in rows]
    if missing:
        log.debug("story list: %d rows not rendered at refresh, rendering them", len(missing))
        rows.update({k: dumps(v) for k, v in render(missing).items()})
    if any(k not in rows for k in keys):
        return None
    return Chunk([seq for _, seq in found], [rows[k] for k in keys])
