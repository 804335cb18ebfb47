"""The single writer: one background thread owns the only write connection.

Ingest requests are queued and run one after another, so concurrent uploads
never interleave writes or race on wire-family regrouping. Each job ingests
its sources with :func:`crosswire.ingest.ingest`, then runs the analysis
layer on the new articles when it is installed (imported lazily: spaCy is
heavy and optional). The read model is invalidated after every job.
"""

from __future__ import annotations

import logging
import queue
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crosswire.store import AnyStore, open_store

if TYPE_CHECKING:  # the readers (httpx, feedparser, warcio) load on the first ingest
    from crosswire.readers import ReadOptions

log = logging.getLogger(__name__)

Result = dict[str, Any]


@dataclass
class Job:
    """One ingest request: sources (paths or URLs) and a temp dir to remove afterwards."""

    sources: list[str]
    cleanup: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    future: Future[Result] = field(default_factory=Future)


class Writer:
    """A queue of ingest jobs drained by one thread holding the write connection."""

    def __init__(
        self,
        db: str,
        *,
        analyse: bool = True,
        options: ReadOptions | None = None,
        on_write: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.analyse = analyse
        self.options = options
        self.on_write = on_write
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the writer thread (idempotent)."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="crosswire-writer", daemon=True
                )
                self._thread.start()

    def stop(self) -> None:
        """Finish queued jobs, then stop the thread."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join()

    def submit(
        self,
        sources: list[str],
        cleanup: str | None = None,
        labels: dict[str, str] | None = None,
    ) -> Future[Result]:
        """Queue one ingest job; the future resolves to its result dict.

        ``labels`` names uploaded temp files as the client named them: those
        names, never server paths, are stored as the articles' source.
        """
        self.start()
        job = Job(sources, cleanup, dict(labels or {}))
        self._queue.put(job)
        return job.future

    def _run(self) -> None:
        store: AnyStore | None = None
        try:
            while True:
                job = self._queue.get()
                if job is None:
                    return
                try:
                    if store is None:
                        store = open_store(self.db)
                    job.future.set_result(self._ingest(store, job.sources, job.labels))
                except Exception as exc:  # one bad job must not kill the writer
                    log.exception("E811 ingest job failed")
                    job.future.set_result({"ok": False, "error": f"E811 ingest failed: {exc!r}"})
                finally:
                    if job.cleanup:
                        shutil.rmtree(job.cleanup, ignore_errors=True)
                    if self.on_write is not None:
                        self.on_write()
        finally:
            if store is not None:
                store.close()

    def _ingest(self, store: AnyStore, sources: list[str], labels: dict[str, str]) -> Result:
        from crosswire.ingest import ingest

        outcomes: list[Result] = []
        report = ingest(
            sources,
            store,
            options=self.options or _default_options(),
            labels=labels,
            on_outcome=lambda o: outcomes.append(
                {
                    "source": o.source,
                    "status": o.status,
                    "reason": o.reason,
                    "article": o.article_id,
                }
            ),
        )
        result: Result = {
            "ok": report.ok,
            "summary": report.summary(),
            "read": report.read,
            "stored": report.stored,
            "duplicates": report.duplicates,
            "skipped": sum(report.skipped.values()),
            "failed": len(report.failed),
            "outcomes": outcomes,
            "analysis": None,
        }
        if self.analyse and report.stored:
            result["analysis"] = _analyse(store, report.article_ids)
        return result


def _analyse(store: AnyStore, article_ids: list[str]) -> str:
    """Run the analysis layer on these articles; a one-line summary or why not."""
    try:
        from crosswire.analyze import analyze
    except ImportError as exc:
        return f"E812 analysis not available: {exc.name or exc}"
    try:
        return analyze(store, article_ids=article_ids).summary()
    except Exception as exc:  # a missing model or a component bug must not lose the ingest
        log.exception("E813 analysis failed")
        return f"E813 analysis failed: {type(exc).__name__}"


def _default_options() -> ReadOptions:
    """The readers' default options, imported on the first ingest (not at start-up)."""
    from crosswire.readers import ReadOptions

    return ReadOptions()
