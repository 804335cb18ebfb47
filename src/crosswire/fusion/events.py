"""Event coreference: event mentions from many articles merged into events.

Rules (reasons in ``docs/fusion.md``):

* **type** – same type, or types/subtypes that share a group in the
  ``compatible_types`` table of ``data/fusion.json``; two different subtypes
  of one type must share a group too ("air strike" vs "shelling" do not);
* **date** – the ranges the two dates cover must overlap (plus the per-precision
  tolerance); day-precise dates must be the same day. An undated mention covers
  the publication day and the ``undated_lookback_days`` before it;
* **place** – same place, one inside the other's region (admin1 or country), or
  within ``place_radius_km``; unknown place is no evidence either way;
* **actors** – not contradictory: two non-empty actor sets with no shared
  entity and no shared affiliation country describe different events;
* **evidence** – across articles of different origins a merge also needs one
  positive link (same or nearby place, same region, or a shared actor/target);
  inside one article or one wire family the shared story is that link.

Clustering is greedy. Mentions are blocked by type group and taken in date
order; each is compared only with the events of its block that share a link
key and a week bin with it (``candidates``), so the work per mention does not
grow with the corpus. Undated mentions and coarse-dated ones (wider than a
week) are placed afterwards, narrowest first, against every cluster of their
block, so they join the best precise event instead of seeding a vague one.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from crosswire.fusion.candidates import CandidateIndex
from crosswire.fusion.config import settings
from crosswire.fusion.mentions import mention_range, read_mentions
from crosswire.fusion.place_relation import km_between, place_relation, same_name
from crosswire.fusion.records import Mention, Place

# Re-exported: reading mentions lives in crosswire.fusion.mentions, place
# relations in crosswire.fusion.place_relation.
__all__ = [
    "Cluster",
    "actors_contradict",
    "cluster",
    "explain",
    "km_between",
    "mention_range",
    "place_relation",
    "read_mentions",
    "type_keys",
    "types_compatible",
]

_COARSE_DAYS = 7
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "range": 2, "year": 3, "unknown": 4}


@dataclass(eq=False)  # identity semantics: two clusters are never "equal"
class Cluster:
    """Mentions merged so far, with the running best date, place and actors."""

    mentions: list[Mention] = field(default_factory=list)
    lo: dt.date | None = None
    hi: dt.date | None = None
    place: Place | None = None
    actors: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    kinds: dict[tuple[str, str | None], Mention] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    origins: set[str] = field(default_factory=set)
    scenes: dict[str, Place] = field(default_factory=dict)  # the articles' main scenes
    why: list[tuple[Mention, list[str]]] = field(default_factory=list)  # merge keys per mention
    people: set[str] = field(default_factory=set)  # rarely named people (rule E7c)

    def add(self, m: Mention) -> None:
        """Take ``m`` in: narrow the date range, keep the most precise place."""
        self.mentions.append(m)
        self.articles.add(m.article)
        self.origins.add(m.origin)
        self.kinds.setdefault((m.type, m.subtype), m)
        if m.lo is not None and m.hi is not None:
            if self.lo is None or self.hi is None:
                self.lo, self.hi = m.lo, m.hi
            elif max(self.lo, m.lo) <= min(self.hi, m.hi):
                self.lo, self.hi = max(self.lo, m.lo), min(self.hi, m.hi)
        if m.place is not None and (self.place is None or m.place.rank() < self.place.rank()):
            self.place = m.place
        self.actors |= m.actors
        self.targets |= m.targets
        self.people |= m.people
        if m.scene is not None and m.scene.name:
            self.scenes.setdefault(m.scene.name.casefold(), m.scene)


@functools.lru_cache(maxsize=1)
def _groups() -> list[set[str]]:
    return [{t.casefold() for t in g} for g in settings()["compatible_types"]["groups"]]


def type_keys(m: Mention) -> set[str]:
    """Blocking keys: the type groups a mention's type or subtype belongs to."""
    names = {m.type} | ({m.subtype} if m.subtype else set())
    keys = {f"g{i}" for i, g in enumerate(_groups()) if names & g}
    return keys or {f"t:{m.type}"}


def types_compatible(a: Mention, b: Mention) -> bool:
    """Same type (and no clashing subtypes), or a shared compatibility group."""
    if a.type == b.type and (not a.subtype or not b.subtype or a.subtype == b.subtype):
        return True
    names_a = {a.type} | ({a.subtype} if a.subtype else set())
    names_b = {b.type} | ({b.subtype} if b.subtype else set())
    specific_a = {a.subtype} if a.subtype else names_a
    specific_b = {b.subtype} if b.subtype else names_b
    return any(specific_a & g and specific_b & g for g in _groups()) and bool(names_a and names_b)


def actors_contradict(
    a: set[str] | frozenset[str], b: set[str] | frozenset[str], countries: Mapping[str, str]
) -> bool:
    """Both sides name actors, none shared, and no shared affiliation country."""
    if not a or not b or a & b:
        return False
    ca = {countries.get(x, x) for x in a}
    cb = {countries.get(x, x) for x in b}
    return not ca & cb


def own_article_backdrop(c: Cluster, m: Mention) -> bool:
    """E3b: ``m`` has no date of its own and ``c`` holds a dated mention of the same
    article that is not later than ``m``'s publication. Follow-up reports ("a teen
    was charged with murder") carry the day they were written, not the day of the
    shooting they are about; inside its own article such a mention may join the
    event the article dates, however far back."""
    return (
        m.precision == "unknown"
        and m.hi is not None
        and c.lo is not None
        and c.lo <= m.hi
        and any(x.article == m.article and x.precision != "unknown" for x in c.mentions)
    )


def follow_up(c: Cluster, m: Mention) -> bool:
    """E7c: ``m`` is a later report (not before ``c``) that names a person whom
    ``c``'s reports name, a person named in only a few articles ("Tolbert was
    shot May 11", weeks later, "a teen was charged with murder in Tolbert's
    death"). That holds inside one article too ("she died on Monday" after "was
    shot on Saturday"), and whether other mentions of ``m``'s own article joined
    already does not matter: each of them is the same later report."""
    if not c.people & m.people or c.lo is None or m.hi is None or m.hi < c.lo:
        return False
    gap = (m.hi - c.lo).days
    if gap <= int(settings().get("follow_up_days", 0)):
        return any(x.people & m.people for x in c.mentions)
    # E7f: months later (a plea, a trial, a sentence), two rarely named people whom
    # a report of the event from another origin (wire family) names too: one shared
    # name may be an official's, two are the incident's victim and suspect.
    # Only names of the report's lead or of the mention's own sentence count: a later
    # article recalling an older case in its last paragraphs is not about that case.
    if gap > int(settings().get("named_follow_up_days", 0)):
        return False
    shared: set[str] = set()
    for x in c.mentions:
        if x.origin != m.origin:  # copies of one wire story are one report
            shared |= x.people & m.lead_people
    return len(shared) >= 2


def named_alike(c: Cluster, m: Mention) -> bool:
    """E7d: another article of ``c`` names rarely named people that ``m`` names too:
    two of them, or one when both places lie in the same first-level region and
    the dates overlap or are one night apart (one shared name alone is often an
    official's, named in the reports of several incidents of a state). Full
    names of victims and suspects identify an incident better than a gazetteer's
    reading of a local place name ("Eastlake, Ohio" for a street, "Bedford,
    England" for New Hampshire), so such a pair is not kept apart by a place
    clash; dates and actors are still checked."""
    if not c.people & m.people:
        return False
    shared: set[str] = set()
    for x in c.mentions:
        if x.article != m.article:
            shared |= x.people & m.people
    if len(shared) >= 2:
        return True
    a, b = c.place, m.place
    if not shared or a is None or b is None:
        return False
    if not (same_name(a.country, b.country) and same_name(a.admin1, b.admin1)):
        return False
    if c.lo is None or c.hi is None or m.lo is None or m.hi is None:
        return False
    night = dt.timedelta(days=int(settings().get("same_place_day_slack", 0)))
    return not (m.lo > c.hi + night or c.lo > m.hi + night)


def _same_scene(c: Cluster, m: Mention) -> bool:
    """E7e: ``m``'s article has a clear main scene (the town it names most, at least
    twice and more than any other), every article of ``c`` has that main scene
    too, and the dates overlap: a clash of the mentions' own places is then the
    gazetteer's ("Elm" read as Yelm, Washington, in a Fort Worth report). The
    event itself must lie at that scene: a war report datelined in a capital
    says nothing of where two strikes it reports fell. An event whose articles
    disagree on their scene, or a round-up naming several towns once each,
    rescues nothing."""
    if m.scene is None or not m.clear_scene or not c.scenes or c.lo is None or c.hi is None:
        return False
    if m.lo is None or m.hi is None or m.lo > c.hi or c.lo > m.hi:
        return False
    if place_relation(c.place, m.scene) not in ("same", "near"):
        return False  # the event is not at the reports' scene (a dateline far away)
    return all(place_relation(m.scene, s) == "same" for s in c.scenes.values())


def _scene_link(c: Cluster, m: Mention) -> bool:
    """E7b: one side names no place, but the article's main scene matches the other's."""
    mine = [p for p in (m.place, m.scene) if p is not None]
    theirs = [p for p in (c.place, *c.scenes.values()) if p is not None]
    return any(place_relation(a, b) in ("same", "near", "admin1") for a in mine for b in theirs)


def _dates_allow(c: Cluster, m: Mention, relation: str) -> bool:
    """E2 with E3b and E2b (see docs/fusion.md)."""
    if own_article_backdrop(c, m):
        return True  # E3b: an undated mention may refer back to its own article's event
    if follow_up(c, m):
        return True  # E7c: a later report naming the incident's people
    if c.lo is None or c.hi is None or m.lo is None or m.hi is None:
        return True
    coarser = max(m.precision, c.mentions[0].precision, key=lambda p: _PRECISION_RANK.get(p, 4))
    days = int(settings()["date_window_days"].get(coarser, 0))
    if relation in ("same", "near") and coarser in ("day", "unknown"):
        # E2b: a shooting "late Monday" is "early Tuesday" elsewhere: at one place,
        # day-precise reports one day apart are one night's incident.
        days = max(days, int(settings().get("same_place_day_slack", 0)))
    tol = dt.timedelta(days=days)
    return not (m.lo > c.hi + tol or c.lo > m.hi + tol)


def _score(c: Cluster, m: Mention, countries: Mapping[str, str]) -> int | None:
    """How well ``m`` fits ``c``: None when a rule forbids the merge, else the
    number of positive links (same-story mentions count as one)."""
    if not all(types_compatible(m, x) for x in c.kinds.values()):
        return None
    relation = place_relation(c.place, m.place)
    rescued = relation == "different" and _same_scene(c, m)
    if relation == "different" and not (rescued or named_alike(c, m)):
        return None
    if not _dates_allow(c, m, relation):
        return None
    if actors_contradict(c.actors, m.actors, countries):
        return None
    same_story = m.article in c.articles or m.origin in c.origins
    if m.lo is None and not same_story:
        return None  # no date at all: only the mention's own story can place it
    placed = (
        rescued
        or relation in ("same", "near", "admin1")
        or (relation == "unknown" and _scene_link(c, m))
    )
    links = int(placed) + int(bool(c.actors & m.actors)) + int(bool(c.people & m.people))
    links += int(bool(c.targets & m.targets))
    if links == 0 and (m.lo is None or c.lo is None):
        return None  # E4: with no date, the shared story alone is too weak a link
    links += int(same_story)
    return links if links > 0 else None


def explain(c: Cluster, m: Mention) -> list[str]:
    """Why ``m`` joined ``c``: the matching keys (the export's ``merged`` field)."""
    relation = place_relation(c.place, m.place)
    keys = []
    if m.article in c.articles:
        keys.append("same article")
    elif m.origin in c.origins:
        keys.append("same wire family")
    if relation in ("same", "near", "admin1"):
        keys.append(
            {"same": "same place", "near": "nearby place", "admin1": "place in region"}[relation]
        )
    elif (relation == "unknown" and _scene_link(c, m)) or (
        relation == "different" and _same_scene(c, m)
    ):
        keys.append("same scene")
    if c.actors & m.actors:
        keys.append("shared actor")
    if c.targets & m.targets:
        keys.append("shared target")
    if c.people & m.people:
        keys.append("shared person")
    overlap = bool(c.lo and c.hi and m.lo and m.hi and max(c.lo, m.lo) <= min(c.hi, m.hi))
    if own_article_backdrop(c, m) and not overlap:
        keys.append("dated by its article")
    elif follow_up(c, m) and not overlap:
        keys.append("later report")
    elif c.lo and c.hi and m.lo and m.hi:
        same_day = c.lo == c.hi == m.lo == m.hi
        keys.append("same day" if same_day else "dates overlap" if overlap else "one night")
    return keys


def _own_dated(c: Cluster, m: Mention) -> bool:
    """``m`` has no date of its own and ``c`` holds a mention its article dates."""
    return m.precision == "unknown" and any(
        x.article == m.article and x.precision != "unknown" for x in c.mentions
    )


def _gap_days(c: Cluster, m: Mention) -> int:
    """Days from the end of ``c``'s date range to ``m``'s latest possible day (0 when
    either is undated or ``m`` is not after ``c``)."""
    if c.hi is None or m.hi is None:
        return 0
    return max(0, (m.hi - c.hi).days)


def cluster(mentions: Sequence[Mention], countries: Mapping[str, str]) -> list[Cluster]:
    """Greedy clustering of non-negated mentions (see module docstring)."""

    def width(m: Mention) -> int:
        return (m.hi - m.lo).days if m.lo and m.hi else 0

    # Dated, precise mentions first; undated (publication window) and coarse ones
    # afterwards, narrowest first, so they join an event rather than seed one.
    fine: list[Mention] = []
    coarse: list[Mention] = []
    for m in mentions:
        (fine if m.precision != "unknown" and width(m) <= _COARSE_DAYS else coarse).append(m)
    far = dt.date.max
    fine.sort(key=lambda m: (m.lo or far, m.article, m.start))
    coarse.sort(key=lambda m: (width(m), m.lo or far, m.article, m.start))
    clusters: list[Cluster] = []
    by_id: dict[int, Cluster] = {}
    slack = max(int(v) for k, v in settings()["date_window_days"].items() if not k.startswith("_"))
    slack += int(settings().get("same_place_day_slack", 0))
    index = CandidateIndex(slack)
    for m in fine + coarse:
        keys = sorted(type_keys(m))
        best: tuple[tuple[int, int, int], Cluster] | None = None
        for cid in index.candidates(m, keys):
            c = by_id[cid]
            score = _score(c, m, countries)
            if score is None:
                continue
            # E8: for a report without a date of its own, an event its own article
            # dates, then the one nearest its publication ("the latest strikes");
            # then most links.
            rank = (int(_own_dated(c, m)), -_gap_days(c, m), score)
            if best is None or rank > best[0]:
                best = rank, c
        if best is None:
            target = Cluster()
            target.why.append((m, ["first report"]))
            clusters.append(target)
            by_id[id(target)] = target
        else:
            target = best[1]
            target.why.append((m, explain(target, m)))
        target.add(m)
        index.file(id(target), target.lo, target.hi, m, keys)
    return clusters
