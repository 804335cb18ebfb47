"""Follow-up acts of an incident (rule E7g): the arrest, the charge, the hearing.

A report that a suspect was charged "in the death of Nela Voss" tells an act of
its own, not the shooting again: it stays an event of its own type (an arrest
and a shooting are two ACLED events). But it is news *of* that incident, and the
violent event lists it among its ``follow_ups`` with the keys that tie it there,
so a reader (and an analyst counting the incident's reports) finds it.

A mention of a ``follow_up_types`` act (casefolded subtype, else type) follows a
violent event (``cumulative.conflict_event_types``) of another article when

* it is not before the event (the event's first day is at most the act's last);
* the act's lead or own sentence names rarely named people (E7c/E7f) whom an
  article of the event from another origin names (copies and versions of one wire
  story are one report): two of them up to ``named_follow_up_days`` after
  the event, or one up to ``follow_up_days`` after it when the two places do not
  clash (``place_relation`` is not "different"); one name months later, or one
  name in another town, may be an official's.

A sentence that is itself a mention of the event follows nothing. Among several
such events the one sharing most people wins, then the nearest in
time, then the earliest created. Imports records, config and events only.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence

from crosswire.fusion.config import settings
from crosswire.fusion.events import Cluster, place_relation
from crosswire.fusion.records import Mention

__all__ = ["follow_up_links", "is_follow_up_act", "is_violent"]


@functools.lru_cache(maxsize=1)
def _acts() -> frozenset[str]:
    return frozenset(str(t).casefold() for t in settings().get("follow_up_types") or ())


@functools.lru_cache(maxsize=1)
def _violent() -> frozenset[str]:
    types = settings()["cumulative"].get("conflict_event_types") or ()
    return frozenset(str(t).casefold() for t in types)


def is_violent(m: Mention) -> bool:
    """The mention reports political violence (a battle, a strike, an attack)."""
    return m.type in _violent()


def is_follow_up_act(m: Mention) -> bool:
    """The mention reports an act that follows an incident (an arrest, a charge)."""
    return (m.subtype or m.type) in _acts() or m.type in _acts()


def _keys(c: Cluster, m: Mention, shared: int) -> list[str] | None:
    """The matching keys when ``m`` follows ``c``, else None."""
    if c.lo is None or m.hi is None or m.hi < c.lo or shared == 0:
        return None
    gap = (m.hi - c.lo).days
    relation = place_relation(c.place, m.place)
    named = shared >= 2 and gap <= int(settings().get("named_follow_up_days", 0))
    near = gap <= int(settings().get("follow_up_days", 0)) and relation != "different"
    if not (named or near):
        return None
    keys = ["shared person"]
    if relation in ("same", "near", "admin1"):
        keys.append(
            {"same": "same place", "near": "nearby place", "admin1": "place in region"}[relation]
        )
    keys.append("later report" if gap > 0 else "same day")
    return keys


def follow_up_links(
    clusters: Sequence[Cluster], mentions: Sequence[Mention]
) -> dict[int, list[tuple[Mention, list[str]]]]:
    """Per violent cluster (by ``id()``), the follow-up act mentions it has and why.
    Each violent cluster is indexed once (who names each person, which spans it
    holds), so the work grows with the mentions, not with the clusters' sizes."""
    by_person: dict[str, list[int]] = defaultdict(list)
    named_by: dict[int, dict[str, set[str]]] = {}  # cluster -> person -> origins naming it
    spans: dict[int, set[tuple[str, int, int]]] = {}
    for k, c in enumerate(clusters):
        if not c.mentions or not is_violent(c.mentions[0]) or not c.people:
            continue
        for person in sorted(c.people):
            by_person[person].append(k)
        origins: dict[str, set[str]] = defaultdict(set)
        for x in c.mentions:
            for person in x.people:
                origins[person].add(x.origin)
        named_by[k] = origins
        spans[k] = {(x.article, x.start, x.end) for x in c.mentions}
    out: dict[int, list[tuple[Mention, list[str]]]] = defaultdict(list)
    for m in mentions:
        if m.negated or not m.lead_people or not is_follow_up_act(m):
            continue
        best: tuple[tuple[int, int, int], int, list[str]] | None = None
        for k in sorted({k for p in m.lead_people for k in by_person.get(p, ())}):
            if (m.article, m.start, m.end) in spans[k]:
                continue  # the sentence already reports the event itself
            # copies of one wire story are one report: names of another origin only
            shared = sum(bool(named_by[k].get(p, set()) - {m.origin}) for p in m.lead_people)
            c = clusters[k]
            keys = _keys(c, m, shared)
            if keys is None or c.lo is None or m.hi is None:
                continue
            rank = (shared, -(m.hi - c.lo).days, -k)
            if best is None or rank > best[0]:
                best = rank, k, keys
        if best is not None:
            out[id(clusters[best[1]])].append((m, best[2]))
    return out
