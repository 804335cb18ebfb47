"""Walking inputs and reading bytes safely: paths, folders, globs, gzip, size caps.

Everything here reads through a cap: a file (or a gzip member stream) is read in
chunks and abandoned as soon as it passes ``max_bytes``, so neither a huge file
nor a gzip bomb can exhaust memory.
"""

from __future__ import annotations

import contextlib
import glob
import gzip
import os
import re
import select
import stat
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, cast

from crosswire.model import Outcome, Status

from .gunzip import Gunzip
from .sniff import GZIP_MAGIC

CHUNK = 1 << 16
_WRITER_GRACE_S = 1.0  # how long a FIFO without a writer is given to get one
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB_CHARS = re.compile(r"[*?\[]")


class ReaderError(Exception):
    """A per-input failure with a coded reason; turned into an Outcome, never escapes."""

    def __init__(self, status: Status, reason: str) -> None:
        super().__init__(reason)
        self.status: Status = status
        self.reason = reason

    def outcome(self, source: str) -> Outcome:
        """This failure as an Outcome for ``source``."""
        return Outcome(source, self.status, self.reason)


def is_url(source: str) -> bool:
    """True for anything with a scheme (``http://``, ``ftp://``...); readers check which."""
    return bool(_URL.match(source))


@dataclass(frozen=True)
class Entry:
    """One input found by :func:`expand_entries`: a path and why it is not read, if so."""

    path: str
    skip: str | None = None


def _special(path: str, follow: bool) -> str | None:
    """Why an entry found inside a folder or by a glob is not read, or None to read it."""
    name = os.path.basename(path)
    if name.startswith("."):
        return "E150 hidden file not read"
    try:
        info = os.lstat(path)
    except OSError:
        return None  # vanished: the reader reports it
    if stat.S_ISLNK(info.st_mode):
        if not follow:
            return "E151 symlink not followed (use --follow-symlinks)"
        try:
            info = os.stat(path)
        except OSError:
            return None  # dangling: the reader reports it
    if stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode):
        return None
    kind = "FIFO" if stat.S_ISFIFO(info.st_mode) else "socket or device"
    return f"E152 not a regular file ({kind}): not read inside a folder"


def _walk(folder: str, follow: bool = False) -> Iterator[Entry]:
    """Entries under ``folder``, recursively, sorted.

    Hidden files and folders (.git, .DS_Store: tooling, never articles),
    symlinks (unless ``follow``) and FIFOs, sockets and devices are not read,
    but each is listed with its reason so that every file on disk gets an
    outcome. With ``follow``, a link back into a folder already walked is
    listed once, not looped through.
    """
    found: list[Entry] = []
    seen: set[str] = set()
    for root, dirs, files in os.walk(folder, followlinks=follow):
        real = os.path.realpath(root)
        if real in seen:
            found.append(Entry(root, "E153 symlink loop: folder already read"))
            dirs[:] = []
            continue
        seen.add(real)
        keep = []
        for d in dirs:
            path = os.path.join(root, d)
            if d.startswith("."):
                found.append(Entry(path, "E150 hidden folder not read"))
            elif os.path.islink(path) and not follow:
                found.append(Entry(path, "E151 symlink not followed (use --follow-symlinks)"))
            else:
                keep.append(d)
        dirs[:] = keep
        for f in files:
            path = os.path.join(root, f)
            found.append(Entry(path, _special(path, follow)))
    found.sort(key=lambda e: e.path)
    for entry in found:
        yield Entry(os.path.normpath(entry.path), entry.skip)


def expand_entries(sources: Iterable[str], follow_symlinks: bool = False) -> Iterator[Entry]:
    """Expand inputs into entries, in a stable order; see :func:`expand_sources`.

    Entries found inside folders or by globs that are not read (hidden,
    symlinks unless ``follow_symlinks``, FIFOs, sockets, devices) carry the
    reason. Paths named directly are read as given (a link named on the
    command line is the user's choice; a pipe is read once, like stdin).
    """
    if isinstance(sources, str):  # a lone path, not an iterable of one-letter paths
        sources = [sources]
    seen: set[str] = set()

    def once(entry: Entry) -> Iterator[Entry]:
        if entry.path not in seen:
            seen.add(entry.path)
            yield entry

    for source in sources:
        if source == "-" or is_url(source):
            yield from once(Entry(source))
            continue
        if os.path.isdir(source):
            entries = list(_walk(source, follow_symlinks))
            for entry in entries or [Entry(os.path.normpath(source))]:
                yield from once(entry)
        elif os.path.lexists(source) or not _GLOB_CHARS.search(source):
            yield from once(Entry(os.path.normpath(source)))
        else:
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                yield from once(Entry(source))
            for match in matches:
                skip = _special(match, follow_symlinks)
                if skip is None and os.path.isdir(match):
                    for entry in _walk(match, follow_symlinks):
                        yield from once(entry)
                else:
                    yield from once(Entry(os.path.normpath(match), skip))


def expand_sources(sources: Iterable[str]) -> Iterator[str]:
    """Expand inputs into individual sources, in a stable order.

    Files are yielded as given (``os.path.normpath``), folders recursively in
    sorted order, globs (``**`` allowed) sorted; ``-`` (stdin) and URLs pass
    through. An input that matches nothing, or an empty folder, is yielded
    unchanged so that the reader reports it. Repeats are dropped. Entries
    that are not read (see :func:`expand_entries`) are left out.
    """
    for entry in expand_entries(sources):
        if entry.skip is None:
            yield entry.path


_LABEL_ESCAPES = {"%": "%25", "#": "%23"}


def source_label(path: str) -> str:
    """The name an input path is reported and stored under: valid text, never ambiguous.

    Record suffixes (``#L3``, ``#2``) are appended to it, so ``%`` and ``#`` in
    the path are percent-escaped, and so are bytes of a file name that are not
    UTF-8 (``os.walk`` hands them over as lone surrogates, which no database
    or terminal accepts). The mapping is one-to-one: two paths never share a label.
    """
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate outside the surrogateescape range
        raw = path.encode("utf-8", "surrogatepass")
    out: list[str] = []
    text = raw.decode("utf-8", "surrogateescape")
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, escaped by surrogateescape
            out.append(f"%{code - 0xDC00:02X}")
        elif 0xD800 <= code <= 0xDFFF:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
        else:
            out.append(_LABEL_ESCAPES.get(ch, ch))
    return "".join(out)


def read_pipe(path: str, max_bytes: int, idle_timeout: float) -> bytes:
    """Read a FIFO or other stream without ever hanging.

    Opened non-blocking: a FIFO with no writer reads as empty at once instead
    of waiting for one forever, and a writer that sends nothing for
    ``idle_timeout`` seconds ends the read with a coded failure.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise ReaderError("failed", f"E107 cannot read: {exc.strerror or exc}") from exc
    parts: list[bytes] = []
    total = 0
    opened = time.monotonic()
    try:
        while True:
            try:
                chunk = os.read(fd, min(CHUNK, max_bytes + 1 - total))
            except BlockingIOError:  # a writer is there, with nothing to say yet
                ready, _, _ = select.select([fd], [], [], idle_timeout)
                if not ready:
                    raise ReaderError(
                        "failed", f"E107 cannot read: no data for {idle_timeout:g} s"
                    ) from None
                continue
            except OSError as exc:
                raise ReaderError("failed", f"E107 cannot read: {exc.strerror or exc}") from exc
            if not chunk:
                # No writer (yet): a FIFO's writer may still be opening it.
                if not parts and time.monotonic() - opened < _WRITER_GRACE_S:
                    time.sleep(0.05)
                    continue
                return b"".join(parts)
            parts.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise size_error(max_bytes, False)
    finally:
        os.close(fd)


def check_path(path: str) -> bool:
    """Raise ReaderError unless ``path`` may hold content; True for a regular file.

    Anything else that exists and is not a folder (a pipe, a device) is read
    once, as a stream.
    """
    if not os.path.exists(path):
        hint = "no match for pattern" if _GLOB_CHARS.search(path) else "no such file"
        raise ReaderError("failed", f"E101 {hint}: {path}")
    if os.path.isdir(path):
        raise ReaderError("skipped", "E108 folder has no files")
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ReaderError("failed", f"E107 cannot read: {exc.strerror or exc}") from exc
    # Pipes (``<(zcat day.jsonl.gz)``) report size 0 yet have content; only a
    # regular file's size can be trusted.
    regular = stat.S_ISREG(info.st_mode)
    if regular and info.st_size == 0:
        raise ReaderError("skipped", "E102 empty file")
    return regular


@contextlib.contextmanager
def open_input(path: str) -> Iterator[tuple[BinaryIO, bool]]:
    """Open a file for reading, transparently gunzipping; yields (stream, compressed).

    Gzip is recognised by its magic bytes, not the name, so ``.html.gz`` and a
    gzipped file without the suffix both work; bytes after the last gzip
    member are ignored (see :mod:`crosswire.readers.gunzip`).
    """
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after the gzip wrapper
    except OSError as exc:
        raise ReaderError("failed", f"E107 cannot read: {exc.strerror or exc}") from exc
    try:
        if raw.peek(2)[:2] == GZIP_MAGIC:
            yield cast(BinaryIO, Gunzip(raw)), True
        else:
            yield raw, False
    finally:
        raw.close()


def read_chunk(stream: BinaryIO, size: int, compressed: bool) -> bytes:
    """One read (at most ``size`` bytes) from a (possibly gzip) stream, errors as ReaderError.

    ``read1`` is preferred: it returns what one underlying read gives, so data
    decompressed before a truncation point reaches the caller before the error.
    """
    read = getattr(stream, "read1", stream.read)
    try:
        data: bytes = read(size)
        return data
    except EOFError as exc:
        raise ReaderError("failed", "E106 truncated gzip: stream ends early") from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise ReaderError("failed", f"E106 corrupt gzip: {exc}") from exc
    except OSError as exc:
        what = "corrupt gzip" if compressed else "cannot read"
        code = "E106" if compressed else "E107"
        raise ReaderError("failed", f"{code} {what}: {exc.strerror or exc}") from exc


def read_capped(
    stream: BinaryIO, max_bytes: int, compressed: bool = False, already: int = 0
) -> bytes:
    """Read the rest of a stream; fail once ``already`` plus what was read passes the cap."""
    parts: list[bytes] = []
    total = already
    while True:
        chunk = read_chunk(stream, min(CHUNK, max_bytes + 1 - total), compressed)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise size_error(max_bytes, compressed)
    return b"".join(parts)


def size_error(max_bytes: int, compressed: bool) -> ReaderError:
    """The coded failure for an input that passes the size cap."""
    if compressed:
        return ReaderError("failed", f"E105 decompressed size exceeds limit of {max_bytes} bytes")
    return ReaderError("failed", f"E104 size exceeds limit of {max_bytes} bytes")
