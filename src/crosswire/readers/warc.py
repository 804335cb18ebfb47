"""WARC / WARC.gz (Common Crawl News style) -> one RawDocument per HTML page.

Request, metadata and warcinfo records are bookkeeping, not articles: they
pass silently. Response records that are not HTML or not HTTP 200 each get a
skipped Outcome. A broken or truncated record ends the file with a failed
Outcome naming its offset; the pages read before it are kept.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from crosswire.model import DateCandidate, Outcome, RawDocument

from .decode import decode_bytes
from .files import CHUNK
from .sniff import charset_from_content_type, format_from_content_type, media_type

log = logging.getLogger(__name__)


class _Truncated(Exception):
    """A record whose payload ends before its declared length."""


def _payload(record: Any, max_bytes: int) -> bytes | None:
    """The record's HTTP payload (transfer/content encodings undone); None past the cap."""
    stream = record.content_stream()
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            return None
        parts.append(chunk)
    # warcio stops quietly at end of file; the unread declared length gives it away.
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise _Truncated()
    return b"".join(parts)


def _page(record: Any, source: str, max_bytes: int) -> RawDocument | Outcome | None:
    """One WARC record as a page, a skipped/failed Outcome, or None if not a page at all."""
    rec_type = record.rec_type
    if rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    if rec_type == "response" and headers is not None:
        status = headers.get_statuscode()
        content_type = headers.get_header("Content-Type")
    else:
        # resource records and header-less responses (dns:) carry the type in WARC headers
        status = "200"
        content_type = record.rec_headers.get_header("Content-Type")
    if status != "200":
        return Outcome(source, "skipped", f"E132 WARC response status {status}")
    if format_from_content_type(content_type) != "html":
        if rec_type == "resource":
            return None
        reason = f"E131 WARC response not HTML: {media_type(content_type)}"
        return Outcome(source, "skipped", reason)
    payload = _payload(record, max_bytes)
    if payload is None:
        return Outcome(source, "failed", f"E104 size exceeds limit of {max_bytes} bytes")
    date = record.rec_headers.get_header("WARC-Date")
    return RawDocument(
        source=source,
        content=decode_bytes(payload, charset_from_content_type(content_type), markup=True),
        kind="html",
        url=record.rec_headers.get_header("WARC-Target-URI"),
        # The crawl date is never a publication date; passed on for reference only.
        dates=[DateCandidate(date, "warc")] if date else [],
    )


def read_warc(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[RawDocument | Outcome]:
    """Yield pages (``<source>#<offset>``) and Outcomes from a WARC stream.

    warcio undoes record-level gzip itself, so the stream is the raw file.
    ``max_bytes`` caps each record's payload, not the file: crawl files are
    routinely gigabytes.
    """
    iterator = ArchiveIterator(stream)
    responses = 0
    offset = 0
    try:
        for record in iterator:
            offset = iterator.offset
            item = _page(record, f"{source}#{offset}", max_bytes)
            if item is not None:
                responses += 1
                yield item
    except _Truncated:
        yield Outcome(f"{source}#{offset}", "failed", f"E130 truncated WARC record at {offset}")
        return
    except Exception as exc:  # warcio raises assorted types for damaged input
        offset = iterator.offset
        log.info("%s: broken WARC record at %d: %r", source, offset, exc)
        detail = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
        reason = f"E130 broken WARC record at {offset}: {detail}"
        yield Outcome(f"{source}#{offset}", "failed", reason)
        return
    if not responses:
        yield Outcome(source, "skipped", "E133 WARC has no response records")
