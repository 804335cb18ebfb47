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

from crosswire.nlp.places.gazetteer import Place

LOCAL = frozenset({"city", "town", "neighbourhood"})
# The source prefixes of places a backoff made.
BACKOFF_MARKS = ("home:", "nested:", "in:")
_NOT_HOME = frozenset({"continent", "sea", "water", "mountain"})


def home_place(chosen: Sequence[Place | None]) -> Place | None:
    """The document's home: in the country its places lie in most often, the
    most-named local place (ties: the first named), else the most-named region,
    else that country; None when it names no place."""
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

    def rank(key: tuple[str, float, float]) -> tuple[int, int, int]:
        i, p = first[key]
        tier = 0 if p.kind in LOCAL else 1 if p.kind == "region" else 2
        return (tier, -counts[key], i)

    return first[min(counts, key=rank)][1]
