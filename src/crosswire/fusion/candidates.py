"""Which open events a mention is scored against during clustering (rule E10).

A merge needs a positive link (rule E7: same story, shared actor or target,
same or nearby place, same region), so only events filed under one of the
mention's link keys can match. The index files each event under the link
keys of its mentions, per blocking key (type group), and, except for story
keys, per **week bin** of the event's date range widened by the largest date
tolerance: a mention looks only at the bins its own range touches, plus the
events that have no date at all. Before, every event ever filed under a busy
key (a region, a map cell) stayed a candidate for every later mention of the
key, months later included, which made clustering quadratic in the corpus.

Dropping a candidate here never changes a result: every event skipped would
have failed the date rule (E2) or the evidence rule (E7) in ``_score``. The
one exception is the stated cap: when more than ``MAX_CANDIDATES`` events
share links with one mention (thousands of distinct events in one town on one
day), only the ``MAX_CANDIDATES`` with the most shared link keys are scored
(ties: earliest first), and ``F202`` is logged once per clustering run.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections import defaultdict

from crosswire.fusion.records import Mention, Place

log = logging.getLogger(__name__)

MAX_CANDIDATES = 400  # events scored per mention at most; far above any real day in one town
_BIN_DAYS = 7  # width of a time bin: a week keeps day-precise events in one or two bins
_CELL_DEGREES = 1.0  # map cells for "near" (place_radius_km, 25 km, is well inside one cell)
_UNDATED = None  # the bin of events with no date at all: every dated mention looks there


def _bins(lo: dt.date, hi: dt.date) -> range:
    return range(lo.toordinal() // _BIN_DAYS, hi.toordinal() // _BIN_DAYS + 1)


def _fold(value: object) -> str:
    return str(value or "").casefold()


def place_keys(place: Place | None, *, query: bool) -> list[str]:
    """Link keys of a place: its name, region containment (E5 "admin1"), its map cell.

    A region contains a place of its country whose admin1 is the region's name
    or admin1. A place is filed as ``in:`` its admin1 and, when it is a region,
    as ``is:`` its name and admin1; a query looks up the other side, so two
    towns of one large province do not become each other's candidates (they
    are "different" unless within the radius, which the map cells cover).
    With ``query`` the neighbouring map cells are included too.
    """
    if not place:
        return []
    name, country, admin1 = (_fold(v) for v in (place.name, place.country, place.admin1))
    keys = [f"p:{name}"] if name else []
    region = place.kind == "region"
    if country:
        inside, holder = ("is", "in") if query else ("in", "is")
        if admin1:
            keys.append(f"{inside}:{country}:{admin1}")
        if region:
            keys += [f"{holder}:{country}:{n}" for n in dict.fromkeys((name, admin1)) if n]
    if place.lat is None or place.lon is None:
        return keys
    lat, lon = float(place.lat), float(place.lon)
    row, col = math.floor(lat / _CELL_DEGREES), math.floor(lon / _CELL_DEGREES)
    steps = (-1, 0, 1) if query else (0,)
    keys += [f"g:{row + dr}:{col + dc}" for dr in steps for dc in steps]
    return keys


def _story_keys(m: Mention) -> list[str]:
    # People (rule E7c) are filed here too: a follow-up may come weeks later.
    return [f"a:{m.article}", f"o:{m.origin}", *(f"n:{p}" for p in sorted(m.people))]


def _link_keys(m: Mention, *, query: bool) -> list[str]:
    return [
        *(f"x:{a}" for a in m.actors),
        *(f"t:{t}" for t in m.targets),
        *place_keys(m.place, query=query),
        *(place_keys(m.scene, query=query) if m.scene is not None else ()),
    ]


class CandidateIndex:
    """Events filed by (type key, link key, week bin); see the module docstring."""

    def __init__(self, slack_days: int) -> None:
        self.slack = dt.timedelta(days=slack_days)
        # Per type key: the order in which each event entered it (candidates are
        # tried in that order, so ties go to the earliest event, rule E8).
        self.position: dict[str, dict[int, int]] = {}
        self.story: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        self.timed: dict[str, dict[tuple[str, int | None], set[int]]] = defaultdict(
            lambda: defaultdict(set)
        )
        self.capped = False

    def candidates(self, m: Mention, type_keys: list[str]) -> list[int]:
        """Ids of the events ``m`` may join, in the order they are to be tried."""
        order: dict[int, tuple[int, int]] = {}
        hits: dict[int, int] = defaultdict(int)

        def take(n: int, k: str, ids: set[int]) -> None:
            for cid in ids:
                hits[cid] += 1
                rank = (n, self.position[k][cid])
                if cid not in order or rank < order[cid]:
                    order[cid] = rank

        for n, k in enumerate(type_keys):
            if k not in self.position:
                continue
            story = self.story[k]
            for key in _story_keys(m):
                take(n, k, story.get(key, set()))
            if m.lo is None or m.hi is None:
                continue  # no date at all: only its own story can place it (E4)
            timed = self.timed[k]
            bins: list[int | None] = [_UNDATED, *_bins(m.lo, m.hi)]
            for key in _link_keys(m, query=True):
                for b in bins:
                    take(n, k, timed.get((key, b), set()))
        ids = list(order)
        if len(ids) > MAX_CANDIDATES:
            if not self.capped:
                log.warning(
                    "F202 %d candidate events for one mention: scoring the %d most linked",
                    len(ids),
                    MAX_CANDIDATES,
                )
                self.capped = True
            ids.sort(key=lambda cid: (-hits[cid], order[cid]))
            ids = ids[:MAX_CANDIDATES]
        ids.sort(key=order.__getitem__)
        return ids

    def file(
        self, cid: int, lo: dt.date | None, hi: dt.date | None, m: Mention, type_keys: list[str]
    ) -> None:
        """File event ``cid`` (date range ``lo``..``hi`` after ``m`` joined) under ``m``'s keys."""
        # An event's range only narrows once it has one, so the bins of its
        # current range cover every range it will have later.
        bins: list[int | None] = [_UNDATED]
        if lo is not None and hi is not None:
            bins = list(_bins(lo - self.slack, hi + self.slack))
        for k in type_keys:
            seen = self.position.setdefault(k, {})
            seen.setdefault(cid, len(seen))
            story = self.story[k]
            for key in _story_keys(m):
                story[key].add(cid)
            timed = self.timed[k]
            for key in _link_keys(m, query=False):
                for b in bins:
                    timed[(key, b)].add(cid)
