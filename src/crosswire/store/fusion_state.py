"""The persisted fusion state as the store hands it out (``Store.fusion_state``).

The state document (``fusion_state``) holds the small corpus-wide facts; the
running totals and the corpus-wide disputes are rows (migration 14,
:mod:`crosswire.fusion.increment_state`) so an update rewrites only those it
touches. Readers of the picture ask the state for ``"series"`` and
``"disputes"`` as before: :class:`FusionState` reads them from the rows on the
first such read, so fusion's own reads of the state never load them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from crosswire.store.sql import load_json

__all__ = ["ROW_KEYS", "FusionState", "corpus_rows", "read_state"]

ROW_KEYS = ("series", "disputes")


def corpus_rows(execute: Callable[[str], Any]) -> dict[str, list[Any]]:
    """Every finished running total (in ``series.finish`` order: by slot, then
    subject) and every corpus-wide dispute (same-day conflicts, then denials),
    read with ``execute`` (a connection's: the statements take no parameters)."""
    rows = sorted(
        execute("SELECT slot, subject, series, disputes FROM fusion_series").fetchall(),
        key=lambda r: (str(r[0]), str(r[1])),
    )
    denials = execute("SELECT dispute FROM fusion_denials ORDER BY claim_id").fetchall()
    return {
        "series": [json.loads(r[2]) for r in rows if r[2] is not None],
        "disputes": [
            *(d for r in rows for d in json.loads(r[3])),
            *(json.loads(r[0]) for r in denials),
        ],
    }


class FusionState(dict[str, Any]):
    """The state document; ``"series"`` and ``"disputes"`` are read from their rows
    when first asked for (``[]``, ``get``, ``in``)."""

    def __init__(self, data: dict[str, Any], execute: Callable[[str], Any]) -> None:
        super().__init__(data)
        self._execute: Callable[[str], Any] | None = execute

    def _fill(self, key: object) -> None:
        if key in ROW_KEYS and self._execute is not None:
            execute, self._execute = self._execute, None
            self.update(corpus_rows(execute))

    def __getitem__(self, key: str) -> Any:
        self._fill(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        """``dict.get``, reading the rows first for ``"series"`` and ``"disputes"``."""
        self._fill(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._fill(key)
        return super().__contains__(key)


def read_state(execute: Callable[[str], Any]) -> dict[str, Any] | None:
    """The corpus-wide fusion state saved by ``save_fusion``, or ``None``, on either
    backend (``execute`` is the connection's): its ``series`` and ``disputes`` are
    read from their rows when asked for (:class:`FusionState`)."""
    row = execute("SELECT data FROM fusion_state WHERE name = 'state'").fetchone()
    data = load_json(row[0]) if row else None
    if not isinstance(data, dict):
        return None
    if any(k in data for k in ROW_KEYS):  # a state written before migration 14
        return data
    return FusionState(data, execute)
