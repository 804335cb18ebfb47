"""The features a toponym's candidates are ranked by, and their weights.

``resolve.choose`` scores each candidate as the weighted sum of the features
below and takes the best. The weights live in ``data/place_ranking.json``;
``crosswire.evaluate.place_ranking`` refits them on the tuning halves of the
geoparsing gold sets (a conditional logit over each mention's candidates).
``HAND_WEIGHTS`` are the hand-set values they started from.

Every feature is a plain number computed from the candidate, the mention and
the document's context (its country focus, resolved places, named regions):
population (log scale), the article's country focus, the kind of place, how
near it lies to the article's other places, the regions the text names, and
how the mention's wording matches the candidate's name.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from crosswire.datafiles import read_json
from crosswire.nlp.places.coherence import BIG_KINDS as _BIG
from crosswire.nlp.places.coherence import COUNTY_SOURCES as _COUNTY_SOURCES
from crosswire.nlp.places.gazetteer import Place, haversine_km, normalize
from crosswire.nlp.places.regionfocus import RegionEvidence, stated

__all__ = [
    "FEATURES",
    "HAND_WEIGHTS",
    "Context",
    "features",
    "nearness",
    "weights",
]

# Feature names, in vector order (the JSON weights are keyed by them).
FEATURES: tuple[str, ...] = (
    "population",  # log10(population + 10)
    "focus_share",  # the candidate's country's share of the article's country mentions
    "in_focus",  # that share is at least FOCUS_MIN_SHARE
    "country_or_sea",  # kind country or sea: what a bare "Atlantic" means
    "continent",
    "curated",  # from the curated supplement (seas, regions, landmarks)
    "in_named_region",  # lies in a first-level region the article names
    "holds_places",  # a region the article's other places lie in
    "nearness",  # 2 within 150 km of another place of the article, 1 within 400 km
    "stated_region",  # the text names its region (datelines, bare state names)
    "co_located",  # other names with a candidate within 30 km (capped)
    "region_votes",  # the other names' votes for its first-level region (capped)
    "region_of_big_city",  # a region whose same-named city is big or the capital
    "bare_county",  # a county matched without "County"
    "main_name",  # the mention is its main name (or a curated alias)
    "former_name",  # a town matched by a former name unlike its own
    "capital",  # a national capital named as such
    "top_country",  # in the country the article mentions most
    "first_level_region",  # a state or province (not a county)
    "county",  # a county or district
    "neighbourhood",
    "feature",  # water, mountain or site
)

# The hand-set weights ``choose`` used before they were fitted (session 6).
HAND_WEIGHTS: dict[str, float] = {
    "population": 1.0,
    "focus_share": 4.0,
    "in_focus": 1.0,
    "country_or_sea": 3.0,
    "continent": 2.0,
    "curated": 0.5,
    "in_named_region": 2.0,
    "holds_places": 2.0,
    "nearness": 1.0,
    "stated_region": 1.0,
    "co_located": 1.5,
    "region_votes": 0.5,
    "region_of_big_city": -2.0,
    "bare_county": -1.0,
    "main_name": 1.0,
    "former_name": -2.0,
    "capital": 1.5,
}

# The country-focus flag needs this share of the article's country evidence:
# one stray "West" (Texas) must not pull "Geneva" in a Syria story to Illinois.
FOCUS_MIN_SHARE = 0.1
# Caps: two co-located names and three region votes say all they can.
_SUPPORT_CAP = 2
_VOTE_CAP = 3.0
# Below this share of a same-named state's population a town is a namesake.
STATE_SHARE = 0.1
_WATERLIKE = frozenset({"water", "mountain", "site"})


@functools.lru_cache(maxsize=1)
def weights() -> tuple[float, ...]:
    """The shipped weights in ``FEATURES`` order (0 for a feature the file lacks)."""
    data = read_json("place_ranking.json")["weights"]
    return tuple(float(data.get(name, 0.0)) for name in FEATURES)


@dataclass
class Context:
    """What the document says around one mention (see ``resolve.choose``)."""

    focus: Counter[str] = field(default_factory=Counter)
    anchors: Sequence[Place] = ()
    regions: frozenset[tuple[str, str]] = frozenset()
    holders: frozenset[tuple[str, str]] = frozenset()
    qkey: str = ""
    support: dict[tuple[str, float, float], int] | None = None
    votes: Counter[tuple[str, str]] | None = None
    evidence: RegionEvidence | None = None
    # per country: the largest city or town among the candidates
    big_city: dict[str, int] = field(default_factory=dict)
    # countries whose capital the mention names
    capital: frozenset[str] = frozenset()
    # a town or city among the candidates bears the mention's name itself
    named: bool = False
    # the population of a state or province of the mention's very name
    state_pop: int = 0
    capitals: frozenset[tuple[str, str]] = frozenset()
    # the focus's total and its largest count (computed once, not per candidate)
    total: int = field(init=False)
    top: int = field(init=False)

    def __post_init__(self) -> None:
        self.total = sum(self.focus.values())
        self.top = max(self.focus.values(), default=0)


def _population(p: Place) -> float:
    pop = p.population
    if p.source == "supplement" and not pop:
        # curated seas, lakes and mountains carry no population; a namesake
        # hamlet ("Atlantic", Iowa) must not outrank them.
        pop = 1_000_000 if p.kind in {"sea", "continent"} else 100_000
    return math.log10(pop + 10)


def features(p: Place, ctx: Context) -> list[float]:
    """The feature vector of candidate ``p`` (``FEATURES`` order).

    Called for every candidate of every mention in every round: plain floats,
    no numpy (a small array costs more than the whole list)."""
    f = [0.0] * len(FEATURES)
    focus = ctx.focus
    total = ctx.total
    name_key = normalize(p.name)
    f[0] = _population(p)
    share = focus[p.country] / total if total and p.country else 0.0
    if total and p.country:
        f[1] = share
        f[2] = 1.0 if share >= FOCUS_MIN_SHARE else 0.0
        f[17] = 1.0 if focus[p.country] == ctx.top else 0.0
    f[3] = 1.0 if p.kind in {"country", "sea"} else 0.0
    f[4] = 1.0 if p.kind == "continent" else 0.0
    f[5] = 1.0 if p.source == "supplement" else 0.0
    county = p.source in _COUNTY_SOURCES
    if (
        p.admin1
        and (p.country, normalize(p.admin1)) in ctx.regions
        and (p.kind != "region" or county)
    ):
        f[6] = 1.0  # a town or county of a state the article names (not the state)
    if p.kind == "region" and (p.country, name_key) in ctx.holders:
        f[7] = 1.0
    f[18] = 1.0 if p.kind == "region" and not county else 0.0
    f[19] = 1.0 if p.kind == "region" and county else 0.0
    f[20] = 1.0 if p.kind == "neighbourhood" else 0.0
    f[21] = 1.0 if p.kind in _WATERLIKE else 0.0
    if p.kind in {"city", "town"} and p.population < STATE_SHARE * ctx.state_pop:
        # a small namesake of a state of the mention's name ("California",
        # Missouri) takes nothing from the article's other places
        return f
    if ctx.anchors and p.kind not in _BIG:
        f[8] = nearness(p, ctx.anchors)
    qkey = ctx.qkey
    bare_county = county and name_key != qkey
    if not bare_county:
        # "Ohio" in an Indiana story is the state, not Ohio County, Indiana
        f[9] = stated(p, ctx.evidence)
    if (
        ctx.support
        and (not total or focus[p.country] >= FOCUS_MIN_SHARE * total)
        # nor does a list of states ("Ohio, Oregon") make Ohio County of the
        # bare "Ohio" for being near a town of another name
        and not (bare_county and ctx.state_pop)
    ):
        # namesakes meeting by chance ("Geneva" and "Damascus", both in Ohio)
        # count only in a country the article is about
        f[10] = min(_SUPPORT_CAP, ctx.support.get((p.name, p.lat, p.lon), 0))
    if ctx.votes and p.kind not in _BIG and p.admin1:
        f[11] = min(_VOTE_CAP, ctx.votes[(p.country, normalize(p.admin1))])
    if (
        p.kind == "region"
        and (ctx.big_city.get(p.country, 0) >= 0.25 * p.population or p.country in ctx.capital)
        # "CAMP MURRAY, Wash. —": in a story datelined in the state, a bare
        # "Washington" is the state, not the capital
        and not (ctx.evidence and ctx.evidence.datelines[(p.country, name_key)])
    ):
        f[12] = 1.0
    if qkey and bare_county and p.kind == "region":
        f[13] = 1.0  # "Platte" is the county only when the other places say so
    if qkey and (name_key == qkey or p.source == "supplement"):
        f[14] = 1.0  # a curated alias ("Atlantic" of the ocean) is as good as a main name
    elif ctx.named and p.kind in {"city", "town"} and name_key[:3] != qkey[:3]:
        # "Jerusalem" for Funkstown, Maryland, against a place bearing the name
        # today; spelling variants ("Hillsboro") keep their chance
        f[15] = 1.0
    if p.kind in {"city", "town"} and name_key == qkey and (p.country, qkey) in ctx.capitals:
        f[16] = 1.0  # a bare "Moscow" is the capital, whatever namesake lies near
    return f


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
