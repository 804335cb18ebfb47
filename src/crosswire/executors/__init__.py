"""Executors: run the per-shard pipeline step in-process, in a process pool, or on Dask.

The pipeline steps (read, clean, build, analyse) know nothing about where they
run; an :class:`~crosswire.executors.base.Executor` maps a picklable function
over shards and hands results back in completion order, and the driver in
:mod:`crosswire.executors.pipeline` is the single writer to the store.
"""

from crosswire.executors.base import Executor
from crosswire.executors.local import LocalExecutor
from crosswire.executors.pipeline import PipelineReport, run_pipeline
from crosswire.executors.shards import Shard, ShardInput, plan_shards
from crosswire.executors.work import ShardResult, WorkOptions, process_shard

__all__ = [
    "Executor",
    "LocalExecutor",
    "PipelineReport",
    "Shard",
    "ShardInput",
    "ShardResult",
    "WorkOptions",
    "make_executor",
    "plan_shards",
    "process_shard",
    "run_pipeline",
]


def make_executor(kind: str, workers: int = 0, scheduler: str | None = None) -> Executor:
    """An executor by name: ``local`` (``workers`` processes; 0 = in-process) or ``dask``.

    Raises ``ValueError`` (E601) for an unknown name; the Dask executor raises
    ``RuntimeError`` (E602) when the ``dask`` extra is not installed.
    """
    if kind == "local":
        return LocalExecutor(workers)
    if kind == "dask":
        from crosswire.executors.dask import DaskExecutor

        return DaskExecutor(scheduler, workers=workers or 2)
    raise ValueError(f"E601 unknown executor {kind!r}; choose local or dask")
