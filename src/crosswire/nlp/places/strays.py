"""Strays: small far namesakes that are more likely the story's own streets.

"Bourbon" (Missouri) for Bourbon Street in a New Orleans story, "Heathrow"
(Florida) in a London one: a small town far from all the document's other
places, in a first-level region none of them lies in, is put at the
document's home place (``homeplace``), or at the world city of its name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from crosswire.nlp.places.gazetteer import Place, haversine_km, normalize
from crosswire.nlp.places.homeplace import BACKOFF_MARKS, LOCAL, home_place

# A stray: a small place far from all the document's other places, in a
# first-level region none of them lies in ("Bourbon", Missouri, for Bourbon
# Street in a New Orleans story; "Heathrow", Florida, in a London one). Below
# this population and beyond this distance the name is more likely a street,
# building or area of the story's home than a far namesake.
STRAY_MAX_POPULATION = 20_000
STRAY_KM = 500.0
# A stray whose name is also a city of a million people is that city.
WORLD_CITY = 1_000_000


def strays(
    names: Sequence[str],
    chosen: Sequence[Place | None],
    candidates: Sequence[Sequence[Place]] | None = None,
) -> list[Place | None]:
    """``chosen`` with each stray (see STRAY_KM) replaced by the document's
    home place, marked "home:" like the other backoffs, or by the world city of
    its name among its ``candidates`` ("London-based" in a Washington story is
    London, England, not London, Kentucky moved to Washington)."""
    out = list(chosen)
    keys = [normalize(n) for n in names]
    small = [_small_local(p) for p in chosen]
    for i, p in enumerate(chosen):
        if (
            p is None
            or p.kind not in LOCAL
            or p.population >= STRAY_MAX_POPULATION
            or p.source.startswith(BACKOFF_MARKS)
        ):
            continue
        others = [
            q
            for q, k in zip(chosen, keys, strict=True)
            if q is not None and k != keys[i] and not q.source.startswith(BACKOFF_MARKS)
        ]
        # The home comes from the places that are no strays themselves: two
        # far namesakes ("SA" as Saa, Cameroon, and "North West" as Northwest,
        # North Carolina, in a South African story) must not home each other.
        home = home_place(
            [
                q
                for q, k, tiny in zip(chosen, keys, small, strict=True)
                if q is not None
                and k != keys[i]
                and not q.source.startswith(BACKOFF_MARKS)
                and not (tiny and not _near_any(q, others))
            ]
        )
        if home is None or home.kind not in LOCAL:
            continue
        if any(
            q.country == p.country and q.admin1 and q.admin1 == p.admin1 and q.kind != "country"
            for q in others
        ):
            continue
        if any(
            q.kind in LOCAL and haversine_km(p.lat, p.lon, q.lat, q.lon) <= STRAY_KM for q in others
        ):
            continue
        world = [c for c in (candidates[i] if candidates else ()) if c.population >= WORLD_CITY]
        if world:
            out[i] = max(world, key=lambda c: c.population)
            continue
        out[i] = dataclasses.replace(home, source="home:" + home.source)
    return out


def _small_local(p: Place | None) -> bool:
    """A town small enough to be a stray (see ``strays``)."""
    return p is not None and p.kind in LOCAL and p.population < STRAY_MAX_POPULATION


def _near_any(p: Place, others: Sequence[Place]) -> bool:
    """Whether another local place, or a region holding ``p``, backs ``p`` up."""
    return any(
        q is not p
        and (
            (q.kind in LOCAL and haversine_km(p.lat, p.lon, q.lat, q.lon) <= STRAY_KM)
            or (q.country == p.country and bool(q.admin1) and q.admin1 == p.admin1)
        )
        for q in others
    )
