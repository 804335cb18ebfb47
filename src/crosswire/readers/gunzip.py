"""A gzip reader that keeps what it can: concatenated members, trailing garbage.

``gzip.GzipFile`` refuses a whole stream when bytes that are not a gzip
member follow the last member (a download with padding, a log with junk
appended), even though everything before them decompressed fine. This reader
decompresses member after member with zlib, bounded per read (a bomb still
stops at the caller's cap), and stops quietly at trailing bytes that are not
a gzip member. A member cut short raises ``EOFError`` and corrupt data
``zlib.error``, as ``gzip`` does, so callers map them to E106.
"""

from __future__ import annotations

import logging
import zlib
from typing import BinaryIO

log = logging.getLogger(__name__)

_MAGIC = b"\x1f\x8b"
_RAW_CHUNK = 1 << 16


class Gunzip:
    """A read-only binary stream of the decompressed bytes of ``raw``."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self._z = zlib.decompressobj(wbits=31)  # 31: gzip header and trailer
        self._pending = b""  # compressed bytes not yet handed to zlib
        self._done = False
        self.trailing = 0  # bytes ignored after the last member

    def readable(self) -> bool:
        """Always true (a stream protocol method)."""
        return True

    def read1(self, size: int = -1) -> bytes:
        """Up to ``size`` decompressed bytes (at least one unless at the end)."""
        limit = size if size and size > 0 else 1 << 20
        while not self._done:
            if not self._pending:
                self._pending = self.raw.read(_RAW_CHUNK)
                if not self._pending:
                    if self._z.eof:
                        self._done = True
                        break
                    raise EOFError("Compressed file ended before the end-of-stream marker")
            out = self._z.decompress(self._pending, limit)
            self._pending = self._z.unconsumed_tail
            if self._z.eof:
                self._next_member()
            if out:
                return out
        return b""

    def _next_member(self) -> None:
        rest = self._z.unused_data + self._pending
        if not rest:
            rest = self.raw.read(_RAW_CHUNK)
        if not rest:
            self._done = True
            self._pending = b""
            return
        if rest.startswith(_MAGIC) or (len(rest) == 1 and rest == _MAGIC[:1]):
            self._z = zlib.decompressobj(wbits=31)
            self._pending = rest
            return
        # Not another member: padding or garbage after the data. Keep the data.
        rest_of_file = iter(lambda: self.raw.read(_RAW_CHUNK), b"")
        self.trailing = len(rest) + sum(len(c) for c in rest_of_file)
        log.info("gzip stream: %d trailing bytes after the last member ignored", self.trailing)
        self._done = True
        self._pending = b""

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (all the rest when ``size`` is negative)."""
        if size is not None and size >= 0:
            parts: list[bytes] = []
            got = 0
            while got < size:
                chunk = self.read1(size - got)
                if not chunk:
                    break
                parts.append(chunk)
                got += len(chunk)
            return b"".join(parts)
        return b"".join(iter(lambda: self.read1(_RAW_CHUNK), b""))

    def close(self) -> None:
        """Nothing to release: the caller owns ``raw``."""
