"""The corpus-wide fusion state as rows (migration 14): running totals and denials.

A full fusion writes every row; an incremental update reads and writes only the
rows its new articles touch, so its cost does not grow with the store (the
state used to be one JSON document, read and rewritten whole by every update):

- ``fusion_series``: one row per running-total group (slot, subject): the points
  kept before folding (:func:`crosswire.fusion.persist.groups_json`) and the
  finished series and same-day conflicts of that (slot, subject). Points of no
  subject fold into the corpus theatre's group (:func:`crosswire.fusion.series.finish`),
  so a group is finished with its slot's unscoped points (:func:`closure`);
- ``fusion_denials``: one row per linked denial: its best answer's score and
  the dispute.

``fusion_state`` keeps the small rest (fingerprint, code digest, block count,
the theatre's town counts, stop words).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from crosswire.fusion import disputes as _disputes
from crosswire.fusion import series as _series
from crosswire.fusion.config import Record
from crosswire.fusion.records import SeriesPoint
from crosswire.fusion.series import Groups, Ranks
from crosswire.store.picture_db import PictureDb
from crosswire.store.sql import dump_json

__all__ = [
    "Finished",
    "Key",
    "StateRows",
    "closure",
    "finish_groups",
    "groups_from",
    "groups_json",
]

Key = tuple[str, str | None]  # a running-total group: (slot, subject)
# A group's finished series (None: its points fold into the theatre's group) and
# its same-day conflicts as disputes (JSON).
Finished = tuple[Record | None, list[Record]]
_BATCH = 400


def groups_json(groups: Groups, ranks: Ranks) -> list[Any]:
    """Series points before folding, with the rank that keeps them (state JSON)."""
    return [
        [slot, subject, value, dataclasses.asdict(point), list(ranks[(slot, subject, key)])]
        for (slot, subject), points in groups.items()
        for key, point in points.items()
        for value in [key[1]]
    ]


def groups_from(rows: Sequence[Any]) -> tuple[Groups, Ranks]:
    """Read :func:`groups_json` back."""
    groups: Groups = {}
    ranks: Ranks = {}
    for slot, subject, value, point, rank in rows:
        p = SeriesPoint(**point)
        key = (p.origin, value)
        groups.setdefault((slot, subject), {})[key] = p
        ranks[(slot, subject, key)] = (bool(rank[0]), int(rank[1]))
    return groups, ranks


def closure(keys: Iterable[Key], home: str | None) -> set[Key]:
    """``keys`` with the groups finished together with them: a slot's unscoped
    group and its group for the theatre ``home``."""
    out = set(keys)
    for slot, subject in list(out):
        if subject is None and home is not None:
            out.add((slot, home))
        elif subject is not None and subject == home:
            out.add((slot, None))
    return out


def finish_groups(
    groups: _series.Groups, ranks: _series.Ranks, keys: Collection[Key], home: str | None
) -> dict[Key, Finished]:
    """The finished series and conflicts of ``keys`` (closed under :func:`closure`)
    from ``groups``: what :func:`crosswire.fusion.series.finish` makes of them over
    the whole corpus, key by key."""
    del ranks  # the kept points are already chosen
    out: dict[Key, Finished] = {}
    for slot, subject in keys:
        if subject is None and home is not None:
            out[(slot, subject)] = (None, [])
            continue
        part: _series.Groups = {}
        if (slot, subject) in groups:
            part[(slot, subject)] = groups[(slot, subject)]
        if subject is not None and subject == home and (slot, None) in groups:
            part[(slot, None)] = groups[(slot, None)]
        if not part:
            out[(slot, subject)] = (None, [])
            continue
        running, conflicts = _series.finish(part, home)
        series = [s for s in running if (s.what, s.subject) == (slot, subject)]
        disputes = [_disputes.conflicting(w, x, y, None).to_json() for w, x, y in conflicts]
        out[(slot, subject)] = (series[0].to_json() if series else None, disputes)
    return out


class StateRows:
    """Reads and writes of ``fusion_series`` and ``fusion_denials`` on one store."""

    def __init__(self, db: PictureDb) -> None:
        self.db = db

    # -- running totals -------------------------------------------------------------
    def groups(self, keys: Iterable[Key]) -> tuple[_series.Groups, _series.Ranks]:
        """The stored points of the groups ``keys`` (absent groups are left out)."""
        rows: list[Any] = []
        for key in sorted(set(keys), key=lambda k: (k[0], k[1] or "")):
            rows += self.db.rows(
                "SELECT points FROM fusion_series WHERE slot = ? AND subject = ?",
                [key[0], key[1] or ""],
            )
        points = [p for r in rows for p in json.loads(r[0])]
        return groups_from(points)

    def unscoped_slots(self) -> set[str]:
        """Slots that have points of no subject (they fold into the theatre's group)."""
        rows = self.db.rows("SELECT slot FROM fusion_series WHERE subject = '' AND points <> '[]'")
        return {str(r[0]) for r in rows}

    def write_series(
        self,
        groups: _series.Groups,
        ranks: _series.Ranks,
        changed: Collection[Key],
        finished: Mapping[Key, Finished],
    ) -> None:
        """Store the points of the ``changed`` groups and the ``finished`` series of
        their keys (one statement per row: an update writes a handful)."""
        for slot, subject in sorted(set(changed) | set(finished), key=lambda k: (k[0], k[1] or "")):
            key = (slot, subject)
            if key in changed:
                part = {key: groups[key]} if key in groups else {}
                points = dump_json(groups_json(part, ranks))
            else:
                stored = self.db.rows(
                    "SELECT points FROM fusion_series WHERE slot = ? AND subject = ?",
                    [slot, subject or ""],
                )
                points = str(stored[0][0]) if stored else "[]"
            series, disputes = finished.get(key, (None, []))
            self.db.run(
                "INSERT INTO fusion_series (slot, subject, points, series, disputes) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (slot, subject) DO UPDATE SET "
                "points = excluded.points, series = excluded.series, "
                "disputes = excluded.disputes",
                [
                    slot,
                    subject or "",
                    points,
                    None if series is None else dump_json(series),
                    dump_json(disputes),
                ],
            )

    def all_series(self) -> tuple[list[Record], list[Record]]:
        """Every finished series in :func:`crosswire.fusion.series.finish` order, and
        every same-day conflict."""
        rows = self.db.rows("SELECT slot, subject, series, disputes FROM fusion_series")
        rows.sort(key=lambda r: (str(r[0]), str(r[1])))
        series = [json.loads(r[2]) for r in rows if r[2] is not None]
        return series, [d for r in rows for d in json.loads(r[3])]

    # -- denials --------------------------------------------------------------------
    def denials(self, ids: Iterable[str]) -> dict[str, Record]:
        """Stored links of the denials ``ids``: {"score": [...], "dispute": {...}}."""
        batch = sorted(set(ids))
        out: dict[str, Record] = {}
        for i in range(0, len(batch), _BATCH):
            part = batch[i : i + _BATCH]
            marks = ", ".join("?" for _ in part)
            for r in self.db.rows(
                f"SELECT claim_id, score, dispute FROM fusion_denials WHERE claim_id IN ({marks})",
                part,
            ):
                out[str(r[0])] = {"score": json.loads(r[1]), "dispute": json.loads(r[2])}
        return out

    def denial_disputes(self) -> list[Record]:
        """Every stored denial dispute."""
        return [json.loads(r[0]) for r in self.db.rows("SELECT dispute FROM fusion_denials")]

    def write_denials(self, links: Mapping[str, Record], gone: Iterable[str]) -> None:
        """Store the denial links ``links`` and drop those of ``gone``."""
        drop = sorted(set(gone) | set(links))
        self.db.many("DELETE FROM fusion_denials WHERE claim_id = ?", [(d,) for d in drop])
        self.db.many(
            "INSERT INTO fusion_denials (claim_id, score, dispute) VALUES (?, ?, ?)",
            [(d, dump_json(v["score"]), dump_json(v["dispute"])) for d, v in sorted(links.items())],
        )

    def clear(self) -> None:
        """Empty both tables (a full fusion rewrites them)."""
        self.db.run("DELETE FROM fusion_series")
        self.db.run("DELETE FROM fusion_denials")
