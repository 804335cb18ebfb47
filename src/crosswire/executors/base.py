"""The executor interface: map a function over shards, results in completion order.

An executor only moves work and results; it never touches the store. The
function and the shards must be picklable (module-level functions, plain
dataclasses) because the process-pool and Dask executors ship them to other
processes. Executors bound the number of shards in flight so results do not
pile up in memory when the driver writes slower than workers compute.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

S = TypeVar("S")
R = TypeVar("R")


class Executor(Protocol):
    """Runs ``fn`` over shards somewhere and yields each result as it completes."""

    name: str
    workers: int

    def map_shards(self, fn: Callable[[S], R], shards: Sequence[S]) -> Iterator[R]:
        """Yield ``fn(shard)`` for every shard, in completion order.

        A worker process that dies takes only its shard with it where the
        backend can retry (Dask); otherwise the iterator raises and the driver
        stops, keeping every shard already written.
        """
        ...

    def close(self) -> None:
        """Release workers, pools and cluster connections."""
        ...

    def __enter__(self) -> Executor:
        """Use as a context manager; closes on exit."""
        ...

    def __exit__(self, *exc: object) -> None:
        """Close the executor."""
        ...


def in_flight_limit(workers: int) -> int:
    """How many shards to keep submitted at once: enough to keep every worker busy."""
    return max(2, 2 * workers)
