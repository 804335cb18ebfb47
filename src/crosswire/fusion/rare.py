"""E7c: which people link incidents (named in a few articles, not in every one).

Kept apart so the incremental update (:mod:`crosswire.fusion.increment`) applies
the same rule with stored counts of articles per person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from crosswire.fusion.config import settings
from crosswire.fusion.records import Mention

__all__ = ["keep_rare", "keep_rare_people", "rare_people"]


def keep_rare_people(mentions: Sequence[Mention]) -> dict[str, int]:
    """E7c: only people named in a few articles link incidents: a victim's name is
    news in the handful of reports about her; a name in every article is a public
    figure, and no sign of one incident."""
    articles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        for p in m.people:
            articles[p].add(m.article)
    counts = {p: len(arts) for p, arts in articles.items()}
    keep_rare(mentions, rare_people(counts))
    return counts


def rare_people(counts: Mapping[str, int]) -> set[str]:
    """People named in 2..``rare_person_max_articles`` articles (counts by person)."""
    most = int(settings().get("rare_person_max_articles", 0))
    return {p for p, n in counts.items() if 2 <= n <= most}


def keep_rare(mentions: Sequence[Mention], rare: set[str]) -> None:
    """Drop the people of ``mentions`` who are not rarely named (kept in ``named``)."""
    for m in mentions:
        m.named = m.people
        m.people = m.people & rare
        m.lead_people = m.lead_people & rare
