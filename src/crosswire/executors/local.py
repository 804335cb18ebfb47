"""In-process execution, or a pool of N worker processes started with ``spawn``.

``spawn`` rather than ``fork``: a forked child would inherit the driver's open
database connection and any threads (httpx, logging handlers), which is
unsafe; spawned workers import crosswire afresh and load the spaCy model once
each (``build_nlp`` is cached per process).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TypeVar

from crosswire.executors.base import in_flight_limit

log = logging.getLogger(__name__)

S = TypeVar("S")
R = TypeVar("R")


class LocalExecutor:
    """``workers`` <= 1: run shards in this process, in order; else a spawn process pool."""

    name = "local"

    def __init__(self, workers: int = 0) -> None:
        self.workers = max(0, workers)
        self._pool: ProcessPoolExecutor | None = None

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self._pool

    def map_shards(self, fn: Callable[[S], R], shards: Sequence[S]) -> Iterator[R]:
        """Yield ``fn(shard)`` for every shard in completion order.

        A dead worker process breaks the pool: the iterator then raises
        ``concurrent.futures.process.BrokenProcessPool`` and the driver stops.
        """
        if self.workers <= 1:
            for shard in shards:
                yield fn(shard)
            return
        pool = self._get_pool()
        limit = in_flight_limit(self.workers)
        pending: set[Future[R]] = set()
        queue = iter(shards)
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                try:
                    shard = next(queue)
                except StopIteration:
                    exhausted = True
                    break
                pending.add(pool.submit(fn, shard))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()

    def close(self) -> None:
        """Shut the pool down (waits for running shards)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
