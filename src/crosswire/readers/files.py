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
import stat
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO, cast

from crosswire.model import Outcome, Status

from .sniff import GZIP_MAGIC

CHUNK = 1 << 16
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


def _walk(folder: str) -> Iterator[str]:
    """Files under ``folder``, recursively, sorted, hidden files and folders left out."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        # Hidden entries (.git, .DS_Store) are tooling, never articles.
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(root, f) for f in files if not f.startswith("."))
    yield from (os.path.normpath(p) for p in sorted(found))


def expand_sources(sources: Iterable[str]) -> Iterator[str]:
    """Expand inputs into individual sources, in a stable order.

    Files are yielded as given (``os.path.normpath``), folders recursively in
    sorted order, globs (``**`` allowed) sorted; ``-`` (stdin) and URLs pass
    through. An input that matches nothing, or an empty folder, is yielded
    unchanged so that the reader reports it. Repeats are dropped.
    """
    if isinstance(sources, str):  # a lone path, not an iterable of one-letter paths
        sources = [sources]
    seen: set[str] = set()

    def once(item: str) -> Iterator[str]:
        if item not in seen:
            seen.add(item)
            yield item

    for source in sources:
        if source == "-" or is_url(source):
            yield from once(source)
            continue
        if os.path.isdir(source):
            files = list(_walk(source))
            for path in files or [os.path.normpath(source)]:
                yield from once(path)
        elif os.path.exists(source) or not _GLOB_CHARS.search(source):
            yield from once(os.path.normpath(source))
        else:
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                yield from once(source)
            for match in matches:
                if os.path.isdir(match):
                    for path in _walk(match):
                        yield from once(path)
                else:
                    yield from once(os.path.normpath(match))


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
    gzipped file without the suffix both work.
    """
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after the gzip wrapper
    except OSError as exc:
        raise ReaderError("failed", f"E107 cannot read: {exc.strerror or exc}") from exc
    try:
        if raw.peek(2)[:2] == GZIP_MAGIC:
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                yield cast(BinaryIO, unzipped), True
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
