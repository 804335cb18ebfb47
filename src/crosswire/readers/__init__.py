"""Readers: turn files, folders, globs, stdin and URLs into RawDocuments.

``read_sources`` yields one RawDocument per page found and an Outcome for
every input or record that cannot be read; it never raises for bad input.
Sources are the input as given (``os.path.normpath``), plus ``#L<n>`` for a
JSONL line, ``#<n>`` for a feed entry (1-based) and ``#<offset>`` for a WARC
record.

Reason codes (E100-E199), stable and greppable:
E100 unexpected error, E101 missing path, E102 empty, E103 unsupported binary,
E104 size over limit, E105 decompressed size over limit, E106 truncated/corrupt
gzip, E107 cannot read, E108 empty folder; E110 invalid JSON line, E111 not a
JSON object, E112 record without text, E113 no records; E120 not a feed, E121
feed without entries, E122 entry without content; E130 broken WARC record,
E131 WARC response not HTML, E132 WARC response not 200, E133 WARC without
responses; E140 private address refused, E141 fetch error, E142 HTTP status,
E143 too many redirects, E144 unsupported content type, E145 bad URL, E146 host
does not resolve; E150 hidden file or folder, E151 symlink not followed, E152
FIFO/socket/device inside a folder, E153 symlink loop. Labels are percent-escaped
(``%`` ``#`` and non-UTF-8 bytes of a file name), so no two inputs share one.
"""

from __future__ import annotations

import contextlib
import io
import logging
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO

from crosswire.model import Outcome, RawDocument

from .decode import decode_bytes, is_mostly_text
from .feeds import read_feed
from .fetch import fetch
from .files import (
    CHUNK,
    Entry,
    ReaderError,
    check_path,
    expand_entries,
    expand_sources,
    is_url,
    open_input,
    read_capped,
    read_chunk,
    read_pipe,
    size_error,
    source_label,
)
from .gunzip import Gunzip
from .jsonl import Opener, read_jsonl
from .options import ReadOptions
from .safe import safe_item
from .sniff import (
    GZIP_MAGIC,
    Format,
    binary_kind,
    charset_from_content_type,
    format_from_content_type,
    format_from_name,
    looks_like_feed,
    looks_like_html,
    sniff_format,
)
from .warc import read_warc

__all__ = [
    "Entry",
    "ReadOptions",
    "expand_entries",
    "expand_sources",
    "plan_sources",
    "read_entry",
    "read_sources",
    "source_label",
]

log = logging.getLogger(__name__)

_HEAD = 65536
_DEFAULT_OPTIONS = ReadOptions()

Item = RawDocument | Outcome


def read_sources(
    sources: Iterable[str],
    options: ReadOptions = _DEFAULT_OPTIONS,
    labels: Mapping[str, str] | None = None,
) -> Iterator[Item]:
    """Read every source (expanded with ``expand_entries``) into RawDocuments and Outcomes.

    Each input yields at least one item. Failures of one input or record never
    stop the others; nothing is raised for bad input. ``labels`` maps a path
    to the name its items are reported under (uploads keep the client's name,
    not a server temp path); other paths get :func:`source_label`.
    """
    for entry in plan_sources(sources, options):
        yield from read_entry(entry, options, labels)


def plan_sources(
    sources: Iterable[str], options: ReadOptions = _DEFAULT_OPTIONS
) -> Iterator[Entry]:
    """The inputs ``read_sources`` reads, one :class:`Entry` each, in order."""
    if isinstance(sources, str):
        sources = [sources]
    return expand_entries(sources, options.follow_symlinks)


def read_entry(
    entry: Entry, options: ReadOptions = _DEFAULT_OPTIONS, labels: Mapping[str, str] | None = None
) -> Iterator[Item]:
    """Read one planned input; never raises for bad input (one Outcome per failure)."""
    source = entry.path
    if labels and source in labels:
        label = labels[source]
    elif source == "-" or is_url(source):
        label = source
    else:
        label = source_label(source)
    if entry.skip is not None:
        yield Outcome(label, "skipped", entry.skip)
        return
    try:
        for item in _read_one(source, label, options):
            yield safe_item(item)
    except ReaderError as err:
        yield err.outcome(label)
    except (Exception, RecursionError) as exc:  # a reader bug must cost one input, not the run
        log.exception("unexpected error reading %s", label)
        yield Outcome(label, "failed", f"E100 unexpected error: {type(exc).__name__}")


def _read_one(source: str, label: str, options: ReadOptions) -> Iterator[Item]:
    if source == "-":
        yield from _read_blob(_read_stdin(options.max_bytes), "-", None, options)
    elif is_url(source):
        got = fetch(source, options)
        hint = format_from_content_type(got.content_type)
        yield from _read_blob(got.content, source, hint, options, got.content_type, got.url)
    else:
        yield from _read_file(source, label, options)


def _read_stdin(max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise ReaderError("failed", "E107 cannot read: stdin is not available")
    try:
        return read_capped(stream, max_bytes)
    except (OSError, ValueError) as exc:  # closed or redirected-away stdin
        raise ReaderError("failed", f"E107 cannot read: stdin: {exc}") from exc


def _read_file(path: str, label: str, options: ReadOptions) -> Iterator[Item]:
    regular = check_path(path)
    hint = format_from_name(path)
    max_bytes = options.max_bytes
    if not regular:  # a pipe can be read only once: take it whole, like stdin
        data = read_pipe(path, max_bytes, options.timeout)
        yield from _read_blob(data, label, hint, options)
        return
    with open_input(path) as (stream, compressed):
        try:
            head = _read_head(stream, min(_HEAD, max_bytes + 1), max_bytes, compressed)
        except ReaderError:
            if hint not in ("warc", "jsonl"):
                raise
            head = None  # damaged early: the streaming readers keep what precedes it
        if head is not None:
            start = head.lstrip()
            if head.startswith(b"WARC/"):
                hint = "warc"
            elif hint is None and binary_kind(start) is None and sniff_format(start) == "jsonl":
                hint = "jsonl"
            if hint not in ("warc", "jsonl"):
                if len(head) > max_bytes:
                    raise size_error(max_bytes, compressed)
                data = head + read_capped(stream, max_bytes, compressed, already=len(head))
                yield from _read_blob(data, label, hint, options)
                return
    if hint == "warc" and head is not None and not head.startswith(b"WARC/"):
        # warcio would take almost any text for an old ARC file and misread it.
        yield Outcome(f"{label}#0", "failed", "E130 broken WARC record at 0: not a WARC file")
    elif hint == "warc":
        with open(path, "rb") as raw:
            yield from read_warc(raw, label, max_bytes)
    elif head is not None and not head.strip():
        yield Outcome(label, "skipped", "E102 empty: blank")
    elif head is not None and (kind := binary_kind(head.lstrip())) is not None:
        yield Outcome(label, "skipped", f"E103 unsupported binary: {kind}")
    else:
        yield from read_jsonl(lambda: open_input(path), label, max_bytes, options.max_stream_bytes)


def _read_head(stream: BinaryIO, size: int, max_bytes: int, compressed: bool) -> bytes:
    """The first ``size`` bytes, read on past leading blank space (up to ``max_bytes``)
    so that a file starting with 64 KiB of blank lines is still recognised."""
    head = read_chunk(stream, size, compressed)
    while head and not head.strip() and len(head) <= max_bytes:
        more = read_chunk(stream, min(CHUNK, max_bytes + 1 - len(head)), compressed)
        if not more:
            break
        head += more
    return head


def _memory_opener(data: bytes) -> Opener:
    def opener() -> contextlib.AbstractContextManager[tuple[BinaryIO, bool]]:
        return contextlib.nullcontext((io.BytesIO(data), False))

    return opener


def _choose_format(data: bytes, hint: Format | None) -> Format | None:
    """Final format of an in-memory body: the hint, corrected by what the bytes say."""
    if data.startswith(b"WARC/"):
        return "warc"
    if hint is None:
        fmt = sniff_format(data)
        # Nameless input must look like text to be read as text.
        if fmt == "text" and not is_mostly_text(data):
            return None
        return fmt
    if hint in ("text", "feed", "html") and looks_like_feed(data):
        return "feed"
    if hint == "feed" and looks_like_html(data):
        return "html"  # an .xml or XML-typed body that is really (X)HTML
    return hint


def _read_blob(
    data: bytes,
    source: str,
    hint: Format | None,
    options: ReadOptions,
    content_type: str | None = None,
    url: str | None = None,
) -> Iterator[Item]:
    """Read an in-memory body (file contents, stdin or a download) of a given or sniffed format."""
    if data.startswith(GZIP_MAGIC):
        stream: BinaryIO = Gunzip(io.BytesIO(data))  # type: ignore[assignment]
        head = read_chunk(stream, 5, True)
        if head == b"WARC/":
            # warcio reads gzip members itself; offsets then match the file's.
            yield from read_warc(io.BytesIO(data), source, options.max_bytes)
            return
        data = head + read_capped(stream, options.max_bytes, True, already=len(head))
    if not data.strip():
        yield Outcome(source, "skipped", "E102 empty file" if not data else "E102 empty: blank")
        return
    # WARC payloads may be binary (images); the container itself is fine.
    kind = None if data.startswith(b"WARC/") else binary_kind(data)
    fmt = _choose_format(data, hint) if kind is None else None
    if fmt is None:
        yield Outcome(source, "skipped", f"E103 unsupported binary: {kind or 'not text'}")
    elif fmt == "warc":
        yield from read_warc(io.BytesIO(data), source, options.max_bytes)
    elif fmt == "jsonl":
        yield from read_jsonl(_memory_opener(data), source, options.max_bytes)
    elif fmt == "feed":
        yield from read_feed(data, source, content_type, url)
    else:
        declared = charset_from_content_type(content_type)
        text = decode_bytes(data, declared, markup=fmt == "html")
        yield RawDocument(source=source, content=text, kind=fmt, url=url)
