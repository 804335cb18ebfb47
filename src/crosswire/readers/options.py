"""Reader settings, shared by every reader."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read.

    ``max_bytes`` caps each file or HTTP response after decompression (for
    WARC files and JSON Lines files, each record). ``max_stream_bytes`` caps a
    JSON Lines file read from disk as a whole, after decompression: such files
    are streamed record by record, so a dump of a month of news may be far
    larger than one article may be, while a gzip bomb still stops. URLs
    resolving to private, loopback, link-local, multicast, reserved or
    unspecified addresses are refused unless ``allow_private``.
    ``transport`` replaces httpx's network transport (tests). Symlinks found
    inside folders are listed as skipped (E151) unless ``follow_symlinks``.
    """

    max_bytes: int = 50_000_000
    max_stream_bytes: int = 50_000_000_000
    allow_private: bool = False
    timeout: float = 20.0
    max_redirects: int = 5
    transport: httpx.BaseTransport | None = None
    user_agent: str = "crosswire/0.1"
    follow_symlinks: bool = False
