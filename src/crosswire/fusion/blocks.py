"""Blocks of event mentions that cannot share a fused event (see ``incremental``).

Two mentions are joined when they share a type key (their type, or a
compatibility group), an ISO week and a country; an unknown place or country
joins every country of its week, a mention with no date joins every week of
its type, towns of two countries within ``place_radius_km`` are joined, and so
are mentions naming one rarely named person, whatever their type and week (a
follow-up may join an incident months later, E7c/E7f, and an arrest follows it,
E7g).
Why that is enough for clustering to give the same events block by block is
explained in :mod:`crosswire.fusion.incremental`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence

from crosswire.fusion.config import settings
from crosswire.fusion.events import km_between, type_keys
from crosswire.fusion.records import Mention, Place

log = logging.getLogger(__name__)

__all__ = ["components", "index_keys", "probe_keys"]


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _country(m: Mention) -> str | None:
    """The mention's country, casefolded; None when its place or country is unknown."""
    value = m.place.country if m.place is not None else None
    return value.casefold() if value else None


def _point(m: Mention) -> tuple[float, float] | None:
    """Coordinates of a town-like place (only those can be "near" across a border)."""
    place = m.place
    if place is None or place.kind in ("region", "country"):
        return None
    if place.lat is None or place.lon is None:
        return None
    return float(place.lat), float(place.lon)


def _weeks(lo: dt.date, hi: dt.date) -> list[tuple[int, int]]:
    """ISO (year, week) pairs a date range touches."""
    out = []
    day = lo - dt.timedelta(days=lo.weekday())
    while day <= hi:
        iso = day.isocalendar()
        out.append((iso[0], iso[1]))
        day += dt.timedelta(days=7)
    return out


def _join_bucket(members: list[int], mentions: Sequence[Mention], uf: _Union) -> None:
    """Join the mentions of one (type key, week) bucket that may share a cluster."""
    reps: dict[str, int] = {}
    wild: list[int] = []
    points: list[tuple[float, float, str, int]] = []
    for i in members:
        country = _country(mentions[i])
        if country is None:
            wild.append(i)
            continue
        if country in reps:
            uf.union(i, reps[country])
        else:
            reps[country] = i
        if (pt := _point(mentions[i])) is not None:
            points.append((pt[0], pt[1], country, i))
    if wild:
        for i in [*wild, *reps.values()]:
            uf.union(i, wild[0])
    # Towns of two countries within the merge radius ("near"): sweep by latitude.
    radius = float(settings()["place_radius_km"])
    reach = radius / 110.0 + 1e-6  # a degree of latitude is at least 110 km
    points.sort()
    for k, (lat, lon, country, i) in enumerate(points):
        for lat2, lon2, country2, j in points[k + 1 :]:
            if lat2 - lat > reach:
                break
            if country2 != country and i != j:
                km = km_between(Place(lat=lat, lon=lon), Place(lat=lat2, lon=lon2))
                if km is not None and km <= radius:
                    uf.union(i, j)


def components(mentions: Sequence[Mention]) -> list[list[int]]:
    """Indices of ``mentions`` grouped into blocks that cannot share an event."""
    if not mentions:
        return []
    uf = _Union(len(mentions))
    tolerances = [int(v) for k, v in settings()["date_window_days"].items() if k[0] != "_"]
    if any(tolerances):
        log.info("F201 date tolerance set: fusion runs as one block")
        for i in range(1, len(mentions)):
            uf.union(0, i)
    buckets: dict[tuple[str, tuple[int, int]], list[int]] = defaultdict(list)
    by_key: dict[str, list[int]] = defaultdict(list)
    undated: dict[str, list[int]] = defaultdict(list)
    # E2b lets two day-precise reports of one place differ by ``slack`` days.
    slack = dt.timedelta(days=int(settings().get("same_place_day_slack", 0)))
    own_article: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_person: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        # E7c/E7f: a follow-up may join months later; E7g: an arrest or a charge of
        # another type follows the incident whose people it names.
        for person in m.people:
            by_person[person].append(i)
        # Same type, or a shared group: either way the two share one of these keys.
        for key in type_keys(m) | {f"t:{m.type}"}:
            by_key[key].append(i)
            own_article[(m.article, key)].append(i)
            if m.lo is None or m.hi is None:
                undated[key].append(i)  # no date at all: may join any week
                continue
            for week in _weeks(m.lo - slack, m.hi + slack):
                buckets[(key, week)].append(i)
    for members in buckets.values():
        _join_bucket(members, mentions, uf)
    # E3b: a mention dated only by its publication may join any earlier event of
    # its own article, whatever the week or place: its article's block is its own.
    for members in by_person.values():
        for i in members:
            uf.union(i, members[0])
    for members in own_article.values():
        if any(mentions[i].precision == "unknown" for i in members):
            for i in members:
                uf.union(i, members[0])
    for key, members in undated.items():
        for i in by_key[key]:
            uf.union(i, members[0])
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[uf.find(i)].append(i)
    return sorted(groups.values())


# -- the block index (``fusion_index`` rows, crosswire.fusion.increment) ----------
# A stored block is filed under keys mirroring the joins of :func:`components`;
# a new mention probes the keys of every block it could join. Probing too many
# blocks only costs time (they are clustered again with the new mentions); missing
# one would be wrong, so each join rule above has its key here.
SEP = "\x1f"


def _cell(lat: float) -> int:
    """Latitude band of the cross-border rule: towns within the radius are at most
    one band apart."""
    reach = float(settings()["place_radius_km"]) / 110.0 + 1e-6
    return int(lat // reach)


def _dated(m: Mention) -> list[tuple[str, str]]:
    """(type key, ISO week) buckets of a dated mention."""
    assert m.lo is not None and m.hi is not None
    slack = dt.timedelta(days=int(settings().get("same_place_day_slack", 0)))
    weeks = [f"{y}-{w:02d}" for y, w in _weeks(m.lo - slack, m.hi + slack)]
    return [(key, week) for key in sorted(type_keys(m) | {f"t:{m.type}"}) for week in weeks]


def index_keys(m: Mention, people: frozenset[str]) -> set[str]:
    """The keys a block holding ``m`` is filed under (``people``: every person its
    article names, before the rarity filter, which a new article can change)."""
    keys = {f"p{SEP}{p}" for p in people}
    for key in type_keys(m) | {f"t:{m.type}"}:
        keys.add(f"k{SEP}{key}")
        if m.lo is None or m.hi is None:
            keys.add(f"u{SEP}{key}")
    if m.lo is None or m.hi is None:
        return keys
    country = _country(m) or "*"
    point = _point(m)
    for key, week in _dated(m):
        keys |= {f"w{SEP}{key}{SEP}{week}", f"c{SEP}{key}{SEP}{week}{SEP}{country}"}
        if point is not None:
            keys.add(f"g{SEP}{key}{SEP}{week}{SEP}{_cell(point[0])}")
    return keys


def probe_keys(m: Mention, people: frozenset[str]) -> set[str]:
    """Keys of the stored blocks a new mention (or a new negated mention naming
    ``people``) may join."""
    keys = {f"p{SEP}{p}" for p in people}
    if m.negated:
        return keys
    if m.lo is None or m.hi is None:
        return keys | {f"k{SEP}{key}" for key in type_keys(m) | {f"t:{m.type}"}}
    keys |= {f"u{SEP}{key}" for key in type_keys(m) | {f"t:{m.type}"}}
    country = _country(m)
    point = _point(m)
    for key, week in _dated(m):
        if country is None:
            keys.add(f"w{SEP}{key}{SEP}{week}")
        else:
            keys |= {f"c{SEP}{key}{SEP}{week}{SEP}{country}", f"c{SEP}{key}{SEP}{week}{SEP}*"}
        if point is not None:
            cell = _cell(point[0])
            keys |= {f"g{SEP}{key}{SEP}{week}{SEP}{c}" for c in (cell - 1, cell, cell + 1)}
    return keys
