"""Per-input time and memory budgets for ingest.

Every step of ingest that works on one input (reading the next record,
cleaning it) runs under :func:`enforce`. A watchdog thread checks the clock
and the process's resident memory every few milliseconds; when the step
passes its budget the watchdog raises :class:`BudgetExceeded` inside the
working thread, so the input ends ``failed`` with a coded reason and the
batch goes on. Cleaning code can also raise it directly when it can tell the
cost in advance (the line classifier refuses a page of 100,000 lines).

``BudgetExceeded`` derives from ``BaseException``: the broad ``except
Exception`` guards that keep one bad page from sinking a batch must not
swallow it and carry on working past the budget.

The exception is delivered between two Python bytecodes, so one long C call
(a regex over megabytes) finishes first; the cleaners are linear so such a
call is short. Memory is read from ``/proc/self/statm`` (Linux); elsewhere
only the time budget applies.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Literal

log = logging.getLogger(__name__)

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_POLL_S = 0.02


class BudgetExceeded(BaseException):  # noqa: N818 - reads as the event it reports
    """An input went over its time or memory budget; ``reason`` is coded (E29x)."""

    def __init__(self, reason: str = "E290 over budget") -> None:
        super().__init__(reason)
        self.reason = reason


class _Injected(BaseException):
    """Raised in the working thread by the watchdog (must take no arguments)."""


@dataclass(frozen=True)
class Budget:
    """Limits for one step on one input: wall-clock seconds and resident-memory growth."""

    seconds: float = 120.0
    memory_mb: int = 640

    @property
    def memory_bytes(self) -> int:
        """The memory limit in bytes."""
        return self.memory_mb * 1024 * 1024


def resident_bytes() -> int | None:
    """The process's current resident set size, or ``None`` where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None
    )


class enforce:  # noqa: N801 - used as a context manager, like contextlib's helpers
    """Run the enclosed block under ``budget``; raise :class:`BudgetExceeded` past it.

    ``what`` names the step in the reason ("cleaning", "reading").
    """

    def __init__(self, budget: Budget | None, what: str = "processing") -> None:
        self.budget = budget
        self.what = what
        self._lock = threading.Lock()
        self._active = False
        self._fired: str | None = None
        self._stop = threading.Event()
        self._thread_id = 0
        self._watchdog: threading.Thread | None = None

    def __enter__(self) -> enforce:
        if self.budget is None:
            return self
        self._thread_id = threading.get_ident()
        self._start = time.monotonic()
        self._base = resident_bytes()
        self._active = True
        self._watchdog = threading.Thread(target=self._watch, name="budget", daemon=True)
        self._watchdog.start()
        return self

    def _watch(self) -> None:
        assert self.budget is not None
        budget = self.budget
        while not self._stop.wait(_POLL_S):
            reason = None
            took = time.monotonic() - self._start
            if took > budget.seconds:
                reason = f"E291 over time budget: {self.what} took more than {budget.seconds:g} s"
            elif self._base is not None:
                rss = resident_bytes()
                if rss is not None and rss - self._base > budget.memory_bytes:
                    grew = (rss - self._base) // (1024 * 1024)
                    reason = (
                        f"E292 over memory budget: {self.what} needed {grew} MB more "
                        f"(limit {budget.memory_mb} MB)"
                    )
            if reason is not None:
                with self._lock:
                    if self._active:
                        self._fired = reason
                        _raise_in(self._thread_id, _Injected)
                return

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Literal[False]:
        if self.budget is None:
            return False
        delivered = False
        try:
            delivered = exc_type is not None and issubclass(exc_type, _Injected)
            with self._lock:
                self._active = False
                fired = self._fired
            if fired and not delivered:
                _raise_in(self._thread_id, None)  # cancel it if still pending
        except _Injected:  # delivered just as the block ended
            delivered = True
        self._stop.set()
        if delivered:
            reason = self._fired or f"E290 over budget: {self.what}"
            log.warning("%s", reason)
            raise BudgetExceeded(reason) from None
        return False
