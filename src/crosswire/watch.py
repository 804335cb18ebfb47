"""Keep a store up to date: poll feeds and folders, ingest, analyse and fuse what is new.

A **round** reads every watched source once. Folders contribute only files
that are new or changed since they were last ingested: each file's path,
size, mtime and content hash are remembered in the store (``watch_seen``), a
touched file with the same content is not read again. Feeds and other URLs
are fetched every round; their entries are idempotent (an article already
stored is a duplicate and adds nothing). Newly stored articles are analysed
and the persisted fusion is updated for the blocks they touch
(:func:`crosswire.fusion.incremental.update_fusion`).

The loop is bounded (``max_rounds``, ``until``) and stoppable: a stop request
(SIGINT/SIGTERM under :func:`stop_on_signals`) lets the current round finish,
then the loop returns. Reason codes: E650 bad duration, E651 bad time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import FrameType

from crosswire.ingest import IngestReport, ingest
from crosswire.model import Outcome
from crosswire.readers import ReadOptions, expand_sources
from crosswire.readers.files import is_url
from crosswire.store.base import Store

log = logging.getLogger(__name__)

__all__ = [
    "RoundReport",
    "parse_duration",
    "parse_until",
    "run_round",
    "stop_on_signals",
    "watch",
]

_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h|d)?")

RoundHook = Callable[["RoundReport"], None]


def parse_duration(text: str) -> float:
    """Seconds in a duration like ``30s``, ``15m``, ``1h``, ``1h30m``, ``0.1s`` or ``90``.

    Raises ``ValueError`` (E650) for anything else.
    """
    value = text.strip().lower()
    pos, total = 0, 0.0
    while pos < len(value):
        m = _PART.match(value, pos)
        if m is None or (m[2] is None and m.end() != len(value)):
            raise ValueError(f"E650 bad duration {text!r}: use e.g. 30s, 15m, 1h")
        total += float(m[1]) * _UNITS[m[2] or "s"]
        pos = m.end()
    if not value:
        raise ValueError("E650 bad duration '': use e.g. 30s, 15m, 1h")
    return total


def parse_until(text: str, now: dt.datetime | None = None) -> dt.datetime:
    """The stop time: a duration from ``now`` (``2h``) or an ISO date/time.

    A naive time is local time. Raises ``ValueError`` (E651) when neither parses.
    """
    now = now or dt.datetime.now().astimezone()
    with contextlib.suppress(ValueError):
        return now + dt.timedelta(seconds=parse_duration(text))
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"E651 bad time {text!r}: use a duration (2h) or ISO time") from None
    return when if when.tzinfo else when.astimezone()


@dataclass
class RoundReport:
    """What one round did."""

    round: int
    inputs: list[str] = field(default_factory=list)
    unchanged: int = 0
    ingest: IngestReport | None = None
    analysed: int = 0
    fusion: str | None = None
    new_articles: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: inputs read, what ingest stored, what analysis and fusion did."""
        line = f"round {self.round}: {len(self.inputs)} inputs, {self.unchanged} unchanged files"
        if self.ingest is not None:
            line += f"; {self.ingest.summary()}"
        if self.new_articles:
            line += f"; analysed {self.analysed}"
        if self.fusion:
            line += f"; {self.fusion}"
        return line


def _digest(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _changed_files(
    store: Store, sources: Sequence[str]
) -> tuple[list[tuple[str, int, float, str]], int]:
    """Files under ``sources`` that are new or changed, with (size, mtime, hash);
    and how many were unchanged. Size and mtime equal to the record means
    unchanged without reading; otherwise the content hash decides."""
    changed: list[tuple[str, int, float, str]] = []
    unchanged = 0
    for path in expand_sources(sources):
        try:
            st = os.stat(path)
        except OSError:
            changed.append((path, -1, 0.0, ""))  # let the reader report it
            continue
        seen = store.seen_file(path)
        if seen is not None and seen[0] == st.st_size and seen[1] == st.st_mtime:
            unchanged += 1
            continue
        try:
            digest = _digest(path)
        except OSError:
            changed.append((path, -1, 0.0, ""))
            continue
        if seen is not None and seen[2] == digest:
            store.mark_seen(path, st.st_size, st.st_mtime, digest)  # touched, same content
            unchanged += 1
            continue
        changed.append((path, st.st_size, st.st_mtime, digest))
    return changed, unchanged


def run_round(
    store: Store,
    sources: Sequence[str],
    *,
    number: int = 1,
    options: ReadOptions | None = None,
    analyse: bool = True,
    resume: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> RoundReport:
    """One round over ``sources`` (folders, files, globs, feed URLs).

    ``resume`` also analyses and fuses when nothing new arrived (the first
    round does, to finish what a killed run left). Never raises for bad input.
    """
    from crosswire.fusion.incremental import update_fusion

    urls = [s for s in sources if is_url(s)]
    files, unchanged = _changed_files(store, [s for s in sources if not is_url(s)])
    report = RoundReport(number, [f[0] for f in files] + urls, unchanged)
    if report.inputs:
        report.ingest = ingest(report.inputs, store, options=options, on_outcome=on_outcome)
        done = store.analysed_ids()
        report.new_articles = [a for a in dict.fromkeys(report.ingest.article_ids) if a not in done]
        for path, size, mtime, digest in files:
            if digest:  # remembered even when reading failed: retried once it changes
                store.mark_seen(path, size, mtime, digest)
    if not (report.new_articles or resume):
        return report
    if analyse:
        from crosswire.analyze import analyze  # loads spaCy only when there is work

        report.analysed = analyze(store).analysed
    report.fusion = update_fusion(store, report.new_articles).summary()
    if hasattr(store, "conn"):  # a SQL store (SQLite or PostgreSQL)
        from crosswire.web.materialize import refresh_picture

        # Keep the served picture tables current (only touched rows change).
        log.info("%s", refresh_picture(store))  # type: ignore[arg-type]
    return report


@contextlib.contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[threading.Event]:
    """SIGINT and SIGTERM set ``stop`` instead of killing the process (main thread
    only); the previous handlers come back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        log.warning("signal %s: finishing the current round", signal.Signals(signum).name)
        stop.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def watch(
    store: Store,
    sources: Sequence[str],
    *,
    every: float,
    max_rounds: int | None = None,
    until: dt.datetime | None = None,
    options: ReadOptions | None = None,
    analyse: bool = True,
    stop: threading.Event | None = None,
    on_round: RoundHook | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[RoundReport]:
    """Run rounds every ``every`` seconds until ``max_rounds``, ``until`` or ``stop``.

    The first round always runs; a stop request is honoured between rounds and
    during the wait, never in the middle of a round.
    """
    stop = stop or threading.Event()
    reports: list[RoundReport] = []
    while True:
        report = run_round(
            store,
            sources,
            number=len(reports) + 1,
            options=options,
            analyse=analyse,
            resume=not reports,
            on_outcome=on_outcome,
        )
        reports.append(report)
        log.info("%s", report.summary())
        if on_round is not None:
            on_round(report)
        if stop.is_set() or (max_rounds is not None and len(reports) >= max_rounds):
            return reports
        wait = every
        if until is not None:
            left = (until - dt.datetime.now(until.tzinfo)).total_seconds()
            if left <= 0:
                return reports
            wait = min(wait, left)
        if stop.wait(max(wait, 0.0)):
            return reports
        if until is not None and dt.datetime.now(until.tzinfo) >= until:
            return reports
