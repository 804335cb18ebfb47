"""Blocks of event mentions that cannot share a fused event (see ``incremental``).

Two mentions are joined when they share a type key (their type, or a
compatibility group), their date ranges overlap (E2b's day of slack included)
and their places are not different: one country, an unknown place or country
(which joins every country), or towns of two countries within
``place_radius_km``. A mention with no date joins every mention of its type, and so
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


def _near(i: int, j: int, mentions: Sequence[Mention]) -> bool:
    """Towns of two countries within the merge radius ("near")."""
    a, b = _point(mentions[i]), _point(mentions[j])
    if a is None or b is None:
        return False
    km = km_between(Place(lat=a[0], lon=a[1]), Place(lat=b[0], lon=b[1]))
    return km is not None and km <= float(settings()["place_radius_km"])


def _join_overlapping(
    spans: list[tuple[dt.date, dt.date, int]], mentions: Sequence[Mention], uf: _Union
) -> None:
    """Join the dated mentions of one type key that may share a cluster: their date
    ranges overlap and their places are not different (one country, an unknown
    one, or towns of two countries near each other). A sweep by first day: a
    chain of overlapping ranges per country, one of unknown places, and the
    towns still open for the cross-border rule."""
    chains: dict[str | None, tuple[int, dt.date]] = {}  # country -> (member, last day)
    towns: list[tuple[dt.date, int]] = []  # (last day, member) of open town mentions
    for lo, hi, i in sorted(spans, key=lambda s: (s[0], s[2])):
        country = _country(mentions[i])
        open_chains = {c: v for c, v in chains.items() if v[1] >= lo}
        own = open_chains.get(country)
        # An unknown place joins every country's open chain; a known one its own
        # country's and the unknown places'.
        for c, (j, _) in open_chains.items():
            if country is None or c is None or c == country:
                uf.union(i, j)
        chains = open_chains
        chains[country] = (i, max(hi, own[1]) if own else hi)
        if country is None or _point(mentions[i]) is None:
            continue
        towns = [(h, j) for h, j in towns if h >= lo]
        for _, j in towns:
            if _country(mentions[j]) != country and _near(i, j, mentions):
                uf.union(i, j)
        towns.append((hi, i))


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
    spans: dict[str, list[tuple[dt.date, dt.date, int]]] = defaultdict(list)
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
            # E2b's tolerance on the later side only: [lo, hi + slack] ranges
            # overlap exactly when the two dates are within the slack.
            spans[key].append((m.lo, m.hi + slack, i))
    for dated in spans.values():
        _join_overlapping(dated, mentions, uf)
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
