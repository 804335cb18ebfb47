"""Story rule S8: a later report that names a story's rarely named people joins it.

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

__all__ = ["follow_up_days", "person_pairs"]


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
