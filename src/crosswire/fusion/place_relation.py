"""How two event places relate: same, near, one inside the other, or different.

The place half of event coreference (``crosswire.fusion.events``) and of the
blocking that keeps it near-linear (``crosswire.fusion.blocks``). Unknown is
no evidence either way; two regions are never "near" (their points are
centroids, not scenes).
"""

from __future__ import annotations

import math

from crosswire.fusion.config import settings
from crosswire.fusion.records import Place

__all__ = ["km_between", "place_relation", "same_name"]


def same_name(x: str | None, y: str | None) -> bool:
    """True when both names are given and equal ignoring case."""
    return bool(x) and bool(y) and str(x).casefold() == str(y).casefold()


def _contains(big: Place, small: Place) -> str | None:
    """ "admin1" or "country" when ``big`` is a region that contains ``small``."""
    if not same_name(big.country, small.country):
        return None
    if big.kind == "country":
        return "country"
    if big.kind == "region" and (
        same_name(small.admin1, big.name) or same_name(small.admin1, big.admin1)
    ):
        return "admin1"
    return None


def km_between(a: Place, b: Place) -> float | None:
    """Great-circle distance in km; None when a coordinate is missing."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_relation(a: Place | None, b: Place | None) -> str:
    """ "unknown", "same", "near", "admin1", "country" or "different"."""
    if a is None or b is None:
        return "unknown"
    if same_name(a.name, b.name) and (
        same_name(a.country, b.country) or not (a.country and b.country)
    ):
        return "same"
    for big, small in ((a, b), (b, a)):
        if (inside := _contains(big, small)) is not None:
            return inside
    if a.kind not in ("region", "country") and b.kind not in ("region", "country"):
        km = km_between(a, b)
        if km is not None and km <= float(settings()["place_radius_km"]):
            return "near"
    return "different"
