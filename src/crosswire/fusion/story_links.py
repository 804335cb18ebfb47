"""Story rules S8 and S9: later reports of one incident join its story.

S9: articles whose main event (the fused event holding most of the article's
mentions) is one event are one story: fusion has already judged them reports
of one incident (same place at the precision both give, compatible dates,
shared names), and an incident is one story. Only the main event counts, so a
round-up article that also mentions other incidents chains nothing.

S8:
Text similarity only joins articles published ``window_days`` apart, so a
court report three weeks after a shooting ("a teen was charged with murder in
the death of Nela Voss") starts a story of its own. The people an article
names with a full name (:func:`crosswire.fusion.mentions.named_people`) and
that only a few articles name (2..``rare_person_max_articles``, the fusion
rule E7c) are the victims and suspects of one incident: two articles sharing
one, published at most ``follow_up_days`` apart, are one story. A name many
articles carry is a public figure and links nothing; the S7 scene guard and
the ``follow_up_days`` limit still apply, so a story never spans a long gap.
Articles are indexed by person, and a rare person has at most a handful of
articles, so the pairs stay linear in the corpus.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from crosswire.fusion.config import settings
from crosswire.fusion.mentions import named_people

__all__ = ["event_pairs", "follow_up_days", "person_pairs"]


def follow_up_days() -> int:
    """How far apart (days) two reports naming one rare person may be published."""
    return int(settings().get("follow_up_days", 0))


def person_pairs(
    ids: Sequence[str],
    days: Sequence[dt.date | None],
    analyses: Mapping[str, Any] | None,
) -> list[tuple[int, int]]:
    """Index pairs (i < j, sorted) of dated articles sharing a rarely named person
    and published at most :func:`follow_up_days` apart."""
    most = int(settings().get("rare_person_max_articles", 0))
    limit = follow_up_days()
    if not analyses or most < 2 or limit <= 0:
        return []
    by_person: dict[str, list[int]] = defaultdict(list)
    for i, aid in enumerate(ids):
        analysis = analyses.get(aid)
        if isinstance(analysis, Mapping) and days[i] is not None:
            for person in named_people(analysis):
                by_person[person].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_person.values():
        if not 2 <= len(members) <= most:
            continue
        for k, i in enumerate(members):
            for j in members[k + 1 :]:
                di, dj = days[i], days[j]
                if di is not None and dj is not None and abs((di - dj).days) <= limit:
                    pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def event_pairs(
    ids: Sequence[str], events: Sequence[Mapping[str, Any]] | None
) -> list[tuple[int, int]]:
    """Index pairs (first article, other) of articles whose main fused event is one
    (its mentions and the follow-up acts it lists count; ties: the event listed
    first); linear in the mentions."""
    if not events:
        return []
    index = {aid: i for i, aid in enumerate(ids)}
    counts: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for k, event in enumerate(events):
        # An arrest or a charge that follows the incident (E7g) is news of it too.
        for m in [*(event.get("mentions") or []), *(event.get("follow_ups") or [])]:
            i = index.get(str(m.get("article")))
            if i is not None:
                counts[i][k] += 1
    members: dict[int, list[int]] = defaultdict(list)
    for i, per_event in sorted(counts.items()):
        main = min(per_event, key=lambda k: (-per_event[k], k))
        members[main].append(i)
    return [(group[0], j) for group in members.values() for j in group[1:]]
