"""Cut a run's inputs into shards with stable, content-derived ids.

A shard is a list of inputs: whole files (or URLs) in the order
``expand_entries`` gives them, ``shard_size`` to a shard; a large WARC file is
cut into ranges of record offsets, ``shard_size`` pages to a range, so one
crawl file can spread over many workers. The shard id hashes the sorted input
labels with each file's size and mtime: the same inputs give the same ids on a
rerun (so finished shards are skipped), and a file that changed gets a new id.
Standard input cannot be re-read by a worker or a rerun: it becomes a shard of
its own, run in the driver and never marked done. Entries the walker lists but
does not read (hidden files, symlinks unless ``follow_symlinks``, FIFOs and
sockets, symlink loops: E150-E153) stay in the plan with their reason, so the
worker reports them and every file on disk gets an outcome, as in ``ingest``.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from crosswire.readers import Entry, expand_entries

log = logging.getLogger(__name__)

# WARC files smaller than this are read whole by one worker: scanning record
# offsets costs a full pass over the file in the driver.
WARC_SPLIT_BYTES = 64_000_000
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class ShardInput:
    """One input of a shard: a source, or the WARC records whose offsets are in [start, end).

    ``skip`` is the walker's reason for not reading it (E150-E153), or None.
    """

    source: str
    start: int | None = None
    end: int | None = None
    skip: str | None = None

    @property
    def entry(self) -> Entry:
        """This input as the readers' :class:`~crosswire.readers.Entry` (whole file)."""
        return Entry(self.source, self.skip)

    @property
    def label(self) -> str:
        """The input as recorded in the shard marker (``path@start-end`` for a WARC range)."""
        if self.start is None:
            return self.source
        return f"{self.source}@{self.start}-{'' if self.end is None else self.end}"


@dataclass(frozen=True)
class Shard:
    """A unit of work: inputs read, cleaned and analysed together by one worker."""

    shard_id: str
    index: int
    inputs: tuple[ShardInput, ...]
    resumable: bool = True

    @property
    def sources(self) -> list[str]:
        """Input labels, in reading order."""
        return [i.label for i in self.inputs]


def plan_shards(
    sources: Iterable[str],
    shard_size: int = 50,
    *,
    warc_split_bytes: int = WARC_SPLIT_BYTES,
    follow_symlinks: bool = False,
) -> list[Shard]:
    """Expand ``sources`` and cut them into shards (see module docstring)."""
    size = max(1, shard_size)
    groups: list[tuple[list[ShardInput], bool]] = []
    current: list[ShardInput] = []

    def flush() -> None:
        if current:
            groups.append((list(current), True))
            current.clear()

    for entry in expand_entries(sources, follow_symlinks):
        source = entry.path
        if entry.skip is not None:  # not read, but reported: it still needs an outcome
            current.append(ShardInput(source, skip=entry.skip))
            if len(current) >= size:
                flush()
            continue
        if source == "-":
            flush()
            groups.append(([ShardInput("-")], False))
            continue
        ranges = _warc_ranges(source, size) if _is_big_warc(source, warc_split_bytes) else []
        if len(ranges) > 1:
            flush()
            groups.extend(([ShardInput(source, lo, hi)], True) for lo, hi in ranges)
            continue
        current.append(ShardInput(source))
        if len(current) >= size:
            flush()
    flush()
    return [
        Shard(shard_id(inputs), index, tuple(inputs), resumable)
        for index, (inputs, resumable) in enumerate(groups)
    ]


def shard_id(inputs: Iterable[ShardInput]) -> str:
    """Content hash of the sorted input labels plus each file's size and mtime."""
    lines = []
    for item in inputs:
        try:
            st = os.stat(item.source)
            stamp = f"{st.st_size}\t{st.st_mtime_ns}"
        except OSError:  # URLs, missing files: the label alone
            stamp = "-"
        # A skip reason is part of the id: the same link planned with and
        # without --follow-symlinks is different work. (Absent otherwise, so
        # ids of read inputs stay those of earlier runs.)
        skip = "" if item.skip is None else f"\t{item.skip}"
        lines.append(f"{item.label}\t{stamp}{skip}")
    digest = hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()
    return digest[:24]


def _is_big_warc(path: str, threshold: int) -> bool:
    try:
        if not os.path.isfile(path) or os.path.getsize(path) <= threshold:
            return False
        with open(path, "rb") as fh:
            head = fh.read(5)
            if head.startswith(_GZIP_MAGIC):
                fh.seek(0)
                with gzip.GzipFile(fileobj=fh) as unzipped:
                    head = unzipped.read(5)
    except (OSError, EOFError, gzip.BadGzipFile):
        return False
    return head == b"WARC/"


def _warc_ranges(path: str, per_shard: int) -> list[tuple[int, int | None]]:
    """Record-offset ranges holding ``per_shard`` pages each; [] when the file cannot be cut.

    A damaged file is cut up to the last good record; the last range runs to
    the end of the file so its worker reports the damage as a whole read would.
    """
    starts: list[int] = []
    pages = 0
    try:
        with open(path, "rb") as fh:
            iterator = ArchiveIterator(fh)
            for record in iterator:
                if record.rec_type in ("response", "resource"):
                    if pages % per_shard == 0:
                        starts.append(iterator.offset)
                    pages += 1
            if starts and not _on_member_boundaries(fh, starts):
                log.info("%s: one gzip stream, not a gzip member per record: read whole", path)
                return []
    except Exception as exc:  # warcio raises assorted types for damaged input
        log.info("%s: WARC scan stopped: %r", path, exc)
    if not starts:
        return []
    starts[0] = 0  # the first range also takes the warcinfo/request records before it
    ends: list[int | None] = [*starts[1:], None]
    return list(zip(starts, ends, strict=True))


def _on_member_boundaries(fh: BinaryIO, starts: list[int]) -> bool:
    """For a .warc.gz: whether every range start is a gzip member start (seekable)."""
    fh.seek(0)
    if fh.read(2) != _GZIP_MAGIC:
        return True  # plain WARC: any record offset is a valid start
    for start in starts[1:]:
        fh.seek(start)
        if fh.read(2) != _GZIP_MAGIC:
            return False
    return True
