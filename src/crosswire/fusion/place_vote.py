"""Where a fused event happened: the place its reports vote for (rule E9).

Split from :mod:`crosswire.fusion`. An article votes once with its main
mention's place when the event holds it, else with its mentions' places, else
with its main scene; ties go to the place that a finer tied place does not lie
in, then to the one most of the event's articles name, then to the one whose
region the articles' other places back, then to the clustering's. Rules:
docs/fusion.md (E9).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from crosswire.fusion.config import settings
from crosswire.fusion.events import Cluster
from crosswire.fusion.place_relation import km_between, place_relation
from crosswire.fusion.records import Mention, Place

__all__ = ["event_place", "place_key", "place_votes"]

Key = tuple[str, str, str]  # (casefolded name, country, admin1)


def event_place(c: Cluster, ms: Sequence[Mention]) -> Place | None:
    """The event's place (E9): the one most articles give; among those tied, one no
    finer tied place lies in, then the one most of its articles name anywhere,
    then the one whose region the articles' other places back, then the
    clustering's (the most precise first). One report's misread town (merged on
    names or scene, E7d/E7e) must not place an incident that the other reports
    place elsewhere."""
    if c.place is None:
        return None
    votes, best = place_votes(ms)
    if not votes:
        return c.place
    named: dict[str, frozenset[Key]] = {m.article: m.places_named for m in ms}

    def naming(k: Key) -> int:
        # "Wallkill" in both reports, "Newburgh" (the killer's old police force) in one
        return sum(k in places for places in named.values())

    everywhere = frozenset().union(*named.values())

    def backing(k: Key) -> int:
        # Salisbury, N.C. beside "N.C." and Harrel Street; Salisbury, England alone
        return len({n for n, *region in everywhere if tuple(region) == k[1:] and n != k[0]})

    most = max(len(v) for v in votes.values())
    tied = [k for k in votes if len(votes[k]) == most]

    def gives_way(k: Key) -> bool:
        # "Michigan" or "Chelan County" beside a town inside it: the two agree
        return any(_inside(best[j], best[k]) for j in tied if j != k)

    own = place_key(c.place) if c.place.name else ("", "", "")
    top = max(
        tied,
        key=lambda k: (not gives_way(k), naming(k), backing(k), k == own, -best[k].rank()),
    )
    return c.place if top == own else best[top]


def _inside(small: Place, big: Place) -> bool:
    """``small`` is finer than ``big`` and lies in it: a region holding it, or a
    county (a region of precision 2) of its state whose centre is within
    ``county_reach_km`` (a county's point is its centre, not its outline)."""
    if small.rank() >= big.rank() or place_relation(big, small) not in ("admin1", "country"):
        return False
    if big.rank() >= 3:
        return True
    km = km_between(big, small)
    return km is not None and km <= float(settings().get("county_reach_km", 0))


def place_votes(
    ms: Sequence[Mention],
) -> tuple[dict[Key, set[str]], dict[Key, Place]]:
    """Articles per place, keyed by name and region (three reports of Bridgeport,
    Illinois outvote one that read Bridgeport, Connecticut). An article votes once
    with its main mention's place when the event holds it, else with its mentions'
    places, and with its main scene only when its mentions give no place (a county
    told in the lead is not outvoted by the town the article names most often: a
    hospital's, the suspect's)."""
    votes: dict[Key, set[str]] = defaultdict(set)
    best: dict[Key, Place] = {}

    def vote(p: Place, article: str) -> None:
        key = place_key(p)
        votes[key].add(article)
        if key not in best or p.rank() < best[key].rank():
            best[key] = p

    mains = {m.article: m.place for m in ms if m.role == "main" and m.place and m.place.name}
    for m in ms:
        if m.place is not None and m.place.name:
            vote(mains.get(m.article, m.place), m.article)
    placed = {m.article for m in ms if m.place is not None and m.place.name}
    for m in ms:
        if m.article not in placed and m.scene is not None and m.scene.name:
            vote(m.scene, m.article)
    return votes, best


def place_key(p: Place) -> Key:
    """A place as voted on: its casefolded name, country and first-level region."""
    return ((p.name or "").casefold(), p.country or "", p.admin1 or "")
