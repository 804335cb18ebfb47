"""The words around a place name that steer its choice.

"Paris, Texas", "Kafr Nabl, a town in Idlib province", "the village of
Fatisah in the northern Syrian province of Raqqah" and "Eureka, Navarro
County": the second name holds the first. "Pittsburgh's Allentown
neighborhood": the first holds the second. "peace talks in Geneva": a
meeting venue is the world city, not a namesake in the article's own country. Word lists are data
(``data/place_filters.json``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosswire.nlp.places.designate import RawMention
from crosswire.nlp.places.detect import ADMIN2_SOURCES
from crosswire.nlp.places.filters import container_nouns, venue_nouns
from crosswire.nlp.places.gazetteer import Place, haversine_km, normalize
from crosswire.nlp.places.resolve import choose

_WHOLE = frozenset({"country", "continent", "sea"})
# "Pittsburgh's Allentown": the possessive right between two names
_POSSESSIVE = re.compile(r"^['’]s\s+$")
# a part of a town (a neighbourhood, a ward) lies this close to the town's point
_PART_KM = 40.0
_COUNTY_WORD = re.compile(r"\b(?:County|Parish)$", re.IGNORECASE)
# A town "in" a county lies this close to the county's point (a county's point
# is the median of its towns, not its outline: the largest reach some 60 km).
_COUNTY_KM = 60.0
_BETWEEN = re.compile(r"^\s*,\s*(?:(?:a|an|the)\s+)?(?:\w+\s+)?(\w+)\s+(?:in|of)\s+(?:the\s+)?$")
# "the village of Fatisah in the northern Syrian province of Raqqah"
_IN = re.compile(r"^\s+(?:in|at)\s+(?:the\s+)?(?:[A-Za-z]+\s+){0,2}$")
_BEFORE = re.compile(r"\b(\w+)\s+(?:held\s+|due\s+|opened\s+)?(?:in|at)\s+$")


def holds_next(between: str) -> bool:
    """Whether the text between two names makes the second hold the first:
    "Paris, Texas", "Kafr Nabl, a town in Idlib province", "Fatisah in the
    northern Syrian province of Raqqah"."""
    if between.strip() == "," or _IN.match(between):
        return True
    m = _BETWEEN.match(between)
    return m is not None and m.group(1).lower() in container_nouns()


def possessive(between: str) -> bool:
    """Whether ``between`` is a possessive ending and a space: the text between
    "London" and "Heathrow" in "London's Heathrow"."""
    return _POSSESSIVE.match(between) is not None


def venues(raws: Sequence[RawMention], text: str) -> None:
    """ "peace talks in Geneva": a meeting place is the world city, chosen without
    the article's country focus (Geneva, Switzerland in a story about Syria
    that also names a US town)."""
    for raw in raws:
        m = _BEFORE.search(text[max(0, raw.start - 40) : raw.start])
        if m is None or m.group(1).lower() not in venue_nouns() or len(raw.candidates) < 2:
            continue
        best = choose(raw.candidates, query=raw.text)
        if best is not None:
            raw.ambiguity = len(raw.candidates)
            raw.candidates = [best]


def contain(raws: Sequence[RawMention], text: str) -> None:
    """ "Paris, Texas", "Sarkh, Logar province": a place right after a comma is
    the region or country holding the one before it. The first keeps only the
    candidates inside the second; when it has none there (a transliteration
    the gazetteer lacks, matched loosely to a namesake abroad), it stands for
    the container, as a place within it (precision 2). A town's possessive
    holds the name after it (``possessed``)."""
    possessed(raws, text)
    for a, b in zip(raws, raws[1:], strict=False):
        if not holds_next(text[a.end : b.start]):
            continue
        holders = [c for c in b.candidates if c.kind in {"region", "country"}]
        if not holders or a.region_mode or any(c.kind in _WHOLE for c in a.candidates):
            # "German, Irish and other immigrants": a country is held by no one
            continue
        inside = [
            c
            for c in a.candidates
            if any(
                c.country == h.country
                and (h.kind == "country" or normalize(c.admin1) == normalize(h.admin1 or h.name))
                for h in holders
            )
        ]
        county = _named_county(a, b, text)
        if county:
            inside = [c for c in inside if any(_near(h, c) for h in county)]
        a.ambiguity = len(a.candidates)
        if inside:
            a.candidates = inside
        elif county or not any(normalize(c.name) == normalize(a.text) for c in a.candidates):
            # "Eureka, Navarro County": the county the text puts the town in is
            # surer than a same-named town of the gazetteer elsewhere (it lacks
            # the small Texas town, not the California city)
            a.candidates = [max(county or holders, key=lambda h: h.population)]
            a.offset = {"relation": "in"}


def possessed(raws: Sequence[RawMention], text: str) -> None:
    """ "Pittsburgh's Allentown neighborhood", "Houston's Third Ward": a name right
    after a town's possessive lies in that town. When none of its candidates lies
    within _PART_KM of the town's, the gazetteer's same-named places are
    namesakes elsewhere (Allentown, 380 km east): it stands for the town, as a
    place in it (precision 2)."""
    for a, b in zip(raws, raws[1:], strict=False):
        if not _POSSESSIVE.match(text[a.end : b.start]) or a.region_mode or b.region_mode:
            continue
        towns = [c for c in a.candidates if c.kind not in _WHOLE and c.kind != "region"]
        if not towns or not b.candidates or any(c.kind in _WHOLE for c in b.candidates):
            continue
        near = [
            c
            for c in b.candidates
            if any(haversine_km(c.lat, c.lon, t.lat, t.lon) <= _PART_KM for t in towns)
        ]
        b.ambiguity = len(b.candidates)
        if near:
            b.candidates = near
        else:
            b.candidates = [max(towns, key=lambda t: t.population)]
            b.offset = {"relation": "in"}


def _named_county(a: RawMention, b: RawMention, text: str) -> list[Place]:
    """The counties of ``b`` when the text writes a town, a comma and a county by
    that word ("Eureka, Navarro County", not "Sharon, Cornwall and Salisbury"),
    else none."""
    if text[a.end : b.start].strip() != "," or not _COUNTY_WORD.search(b.text):
        return []
    return [h for h in b.candidates if h.kind == "region" and h.source in ADMIN2_SOURCES]


def _near(county: Place, c: Place) -> bool:
    """``c`` may lie in ``county``: its state, within _COUNTY_KM of the county's point."""
    return (
        c.country == county.country
        and normalize(c.admin1) == normalize(county.admin1)
        and haversine_km(county.lat, county.lon, c.lat, c.lon) <= _COUNTY_KM
    )
