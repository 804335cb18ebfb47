"""JSON Lines records (news-please style) -> RawDocuments, one per line.

A bad line costs that line only. A ``.json`` file holding one array (or one
pretty-printed object) instead of lines is read as a whole, within the cap.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any, BinaryIO

from crosswire.model import DateCandidate, Outcome, RawDocument, RawKind

from .files import CHUNK, ReaderError, read_capped, read_chunk, size_error
from .sniff import looks_like_html

log = logging.getLogger(__name__)

Opener = Callable[[], AbstractContextManager[tuple[BinaryIO, bool]]]

# Field names, in order of preference. news-please first, then common variants.
_HTML_FIELDS = ("html", "raw_html")
_TEXT_FIELDS = ("maintext", "text", "content", "body")
_URL_FIELDS = ("url", "link")
_OUTLET_FIELDS = ("source_domain", "outlet", "publisher", "site_name")
_LANGUAGE_FIELDS = ("language", "lang")
_DATE_FIELDS = ("date_publish", "published", "date", "publish_date", "pubDate")


def _scalar(value: Any) -> str | None:
    """A non-empty string for a scalar JSON value; None for null, empty, or containers."""
    if value is None or isinstance(value, dict | list | bool):
        return None
    text = str(value).strip()
    return text or None


def _first(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = _scalar(record.get(name))
        if value:
            return value
    return None


def _text_of(value: Any) -> str | None:
    """Text from a string, or from a list of paragraph strings."""
    if isinstance(value, list):
        parts = [p.strip() for p in value if isinstance(p, str) and p.strip()]
        return "\n\n".join(parts) or None
    if isinstance(value, str) and value.strip():
        return value
    return None


def _body(record: dict[str, Any]) -> tuple[str, RawKind] | None:
    """The record's content and kind: raw HTML wins (it carries page metadata)."""
    for name in _HTML_FIELDS:
        text = _text_of(record.get(name))
        if text:
            return text, "html"
    for name in _TEXT_FIELDS:
        text = _text_of(record.get(name))
        if text:
            # "content"/"body" fields are sometimes HTML; maintext never is.
            is_html = name in ("content", "body") and looks_like_html(text.encode()[:4096])
            return text, "html" if is_html else "text"
    return None


def _author(record: dict[str, Any]) -> str | None:
    author = _scalar(record.get("author"))
    if author:
        return author
    authors = record.get("authors")
    if isinstance(authors, list):
        names = [a.strip() for a in authors if isinstance(a, str) and a.strip()]
        return ", ".join(names) or None
    return _scalar(authors)


def record_to_document(record: Any, source: str) -> RawDocument | Outcome:
    """Map one decoded JSON record to a RawDocument, or an Outcome saying why not."""
    if not isinstance(record, dict):
        return Outcome(source, "failed", f"E111 not a JSON object: {type(record).__name__}")
    body = _body(record)
    if body is None:
        return Outcome(source, "skipped", "E112 record has no text")
    content, kind = body
    dates: list[DateCandidate] = []
    for name in _DATE_FIELDS:
        value = _scalar(record.get(name))
        if value and all(d.value != value for d in dates):
            dates.append(DateCandidate(value, "record"))
    return RawDocument(
        source=source,
        content=content,
        kind=kind,
        url=_first(record, _URL_FIELDS),
        title=_first(record, ("title",)),
        author=_author(record),
        outlet=_first(record, _OUTLET_FIELDS),
        language=_first(record, _LANGUAGE_FIELDS),
        dates=dates,
    )


def _parse_line(line: bytes, source: str) -> RawDocument | Outcome:
    try:
        record = json.loads(line.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        return Outcome(source, "failed", f"E110 invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return Outcome(source, "failed", "E110 invalid JSON: nested too deeply")
    return record_to_document(record, source)


class _Oversized:
    """Stands in for a line longer than the per-record cap (its bytes are dropped)."""


OVERSIZED = _Oversized()


def _lines(
    stream: BinaryIO, compressed: bool, max_line: int, max_total: int
) -> Iterator[bytes | _Oversized]:
    """Lines of a stream (without the newline); raises ReaderError past ``max_total``.

    A line longer than ``max_line`` is not held in memory: its bytes are
    dropped as they arrive and ``OVERSIZED`` takes its place, so one huge
    record costs that record only. Lines completed within the total cap are
    yielded before the error.
    """
    pending: list[bytes] = []  # pieces of the current, unfinished line
    held = 0  # bytes in pending
    oversized = False
    total = 0
    while True:
        chunk = read_chunk(stream, min(CHUNK, max_total + 1 - total), compressed)
        if not chunk:
            break
        total += len(chunk)
        over = total > max_total
        if over:
            chunk = chunk[:-1]  # reads stop one byte past the cap
        pieces = chunk.split(b"\n")
        for k, piece in enumerate(pieces):
            if not oversized:
                pending.append(piece)
                held += len(piece)
                oversized = held > max_line
                if oversized:
                    pending, held = [], 0
            if k < len(pieces) - 1:  # a newline ends the current line
                # joining only at line ends keeps long lines linear
                yield OVERSIZED if oversized else b"".join(pending)
                pending, held, oversized = [], 0, False
        if over:
            raise size_error(max_total, compressed)
    if oversized:
        yield OVERSIZED
    elif any(pending):
        yield b"".join(pending)


def _read_whole(opener: Opener, source: str, max_bytes: int) -> Iterator[RawDocument | Outcome]:
    """A ``.json`` file that is one array or one multi-line object."""
    with opener() as (stream, compressed):
        data = read_capped(stream, max_bytes, compressed)
    try:
        value = json.loads(data.decode("utf-8", errors="replace").lstrip("\ufeff"))
    except (json.JSONDecodeError, RecursionError) as exc:
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        yield Outcome(source, "failed", f"E110 invalid JSON: {msg}")
        return
    records = value if isinstance(value, list) else [value]
    if not records:
        yield Outcome(source, "skipped", "E113 no records")
    for number, record in enumerate(records, start=1):
        yield record_to_document(record, f"{source}#{number}")


def read_jsonl(
    opener: Opener, source: str, max_bytes: int, max_stream_bytes: int | None = None
) -> Iterator[RawDocument | Outcome]:
    """Yield one RawDocument or Outcome per non-blank line of a JSONL input.

    Sources are ``<source>#L<n>`` with 1-based line numbers. Each record is
    held to ``max_bytes`` (a longer line fails alone, E107); the stream as a
    whole to ``max_stream_bytes`` (default ``max_bytes``): passing it ends the
    file with a failed Outcome after the records already read.
    """
    produced = 0
    first = True  # the first non-blank line decides: lines, or one JSON document
    max_total = max_bytes if max_stream_bytes is None else max_stream_bytes
    try:
        with opener() as (stream, compressed):
            lines = _lines(stream, compressed, max_bytes, max_total)
            for number, raw in enumerate(lines, start=1):
                if isinstance(raw, _Oversized):
                    produced += 1
                    reason = f"E107 record exceeds limit of {max_bytes} bytes"
                    yield Outcome(f"{source}#L{number}", "failed", reason)
                    continue
                line = raw.strip()
                if number == 1:
                    line = line.removeprefix(b"\xef\xbb\xbf").strip()
                if not line:
                    continue
                if first:
                    first = False
                    if line.startswith(b"[") or line == b"{":
                        break  # not line-delimited: read as one JSON document below
                produced += 1
                yield _parse_line(line, f"{source}#L{number}")
            else:
                if not produced:
                    yield Outcome(source, "skipped", "E113 no records")
                return
    except ReaderError as err:
        yield err.outcome(source)
        return
    try:
        yield from _read_whole(opener, source, max_bytes)
    except ReaderError as err:
        yield err.outcome(source)
