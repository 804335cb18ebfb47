"""Dask executor: shards as tasks on a ``distributed`` cluster.

With a scheduler address (``tcp://host:port``) it connects to an existing
cluster; without one it starts a ``LocalCluster`` of ``workers`` processes with
one thread each (spaCy releases the GIL only partly, so processes scale and
threads do not). ``dask`` is imported lazily: it is an optional extra.

A worker process that dies mid-shard is restarted by its nanny and the shard is
rescheduled by the scheduler (up to ``distributed.scheduler.allowed-failures``
times), so the driver still receives exactly one result per shard.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from crosswire.executors.base import in_flight_limit

log = logging.getLogger(__name__)

S = TypeVar("S")
R = TypeVar("R")


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise RuntimeError(
            "E602 the Dask executor needs the dask extra: pip install 'crosswire[dask]'"
        ) from exc
    return distributed


class DaskExecutor:
    """Run shards on a Dask cluster: connect to ``address`` or start a LocalCluster."""

    name = "dask"

    def __init__(self, address: str | None = None, *, workers: int = 2) -> None:
        distributed = _distributed()
        self.address = address
        self._cluster: Any = None
        if address:
            self.client: Any = distributed.Client(address)
        else:
            # The scheduler's HTTP endpoints always start (None does not disable
            # them): keep them on loopback and a free port, not a fixed :8787.
            self._cluster = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
            )
            self.client = distributed.Client(self._cluster)
        info = self.client.scheduler_info()
        self.workers = len(info.get("workers", {})) or workers
        log.info("dask executor on %s with %d workers", self.client.scheduler.address, self.workers)

    def map_shards(self, fn: Callable[[S], R], shards: Sequence[S]) -> Iterator[R]:
        """Yield ``fn(shard)`` for every shard in completion order (bounded in flight)."""
        distributed = _distributed()
        limit = in_flight_limit(max(1, self.workers))
        run = uuid.uuid4().hex[:8]
        queue = iter(enumerate(shards))

        def submit() -> Any:
            item = next(queue, None)
            if item is None:
                return None
            index, shard = item
            # pure=False: a shard must run again when redone, never come from a cache.
            return self.client.submit(fn, shard, key=f"shard-{run}-{index}", pure=False)

        first = [f for f in (submit() for _ in range(limit)) if f is not None]
        if not first:
            return
        completed = distributed.as_completed(first)
        for future in completed:
            try:
                result: R = future.result()
            finally:
                future.release()
            nxt = submit()
            if nxt is not None:
                completed.add(nxt)
            yield result

    def close(self) -> None:
        """Disconnect; shut the LocalCluster down if this executor started it."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
