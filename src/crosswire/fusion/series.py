"""Running totals as dated series (rules T1-T4 in :mod:`crosswire.fusion.totals`).

A quantity whose noun, modifiers or preceding words name a cumulative slot
("dead", "refugees", "displaced") and whose sentence names the whole conflict
("war", "since", "so far") is not an event figure but a point of a dated
**series**, one per (slot, country of the conflict it counts), one point per
origin and value, sorted by date. A higher toll months later is a new point,
not a contradiction; two points of one day that disagree are.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

from crosswire.fusion.config import parse_day, settings, words
from crosswire.fusion.figures import conflicts
from crosswire.fusion.records import Series, SeriesPoint, whole
from crosswire.fusion.sources import claim_for_span
from crosswire.fusion.totals import (
    as_of,
    context_slot,
    is_background,
    stated_scope,
    theatre_of_article,
)

__all__ = [
    "candidates",
    "cumulative_slot",
    "finish",
    "is_running_total",
    "merge",
    "scope_country",
    "series",
    "theatre_counts",
    "top",
]

_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def cumulative_slot(q: Mapping[str, Any]) -> str | None:
    """The series slot ("dead", "refugees", "displaced") a quantity names, if any."""
    table: dict[str, str] = settings()["cumulative"]["nouns"]
    cands = [str(q.get("noun") or "")] + [str(x) for x in q.get("modifiers") or ()]
    text = " ".join(words(str(q.get("text") or "")))
    for c in cands:
        if c.casefold() in table:
            return table[c.casefold()]
    for phrase in sorted((k for k in table if not k.startswith("_")), key=len, reverse=True):
        if re.search(rf"\b{re.escape(phrase)}\b", text):
            return table[phrase]
    return None


def _sentence(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left : right.start() + 1 if right else len(text)]


def is_running_total(text: str, q: Mapping[str, Any]) -> bool:
    """A cumulative-slot quantity whose sentence scopes it to the whole conflict."""
    try:
        sentence = _sentence(text, int(q["start"]), int(q["end"]))
    except (KeyError, TypeError, ValueError):
        return False
    lowered = " ".join(words(sentence))
    scope = settings()["cumulative"]["scope_words"]
    return any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in scope)


def scope_country(
    text: str, q: Mapping[str, Any], analysis: Mapping[str, Any], actor_names: Collection[str]
) -> str | None:
    """The country whose conflict a running total counts, or None when unclear (T2).

    What the sentence says it counts decides ("the conflict in Syria", "the
    Syrian war"); a total of "the war" counts the article's own conflict, the
    country of its event places; then a clear majority of its towns; else None
    (the corpus theatre decides). A country merely named near the total is not
    what it counts, and places written as an actor's name ("Moscow said") are
    speakers, not scenes.
    """
    try:
        sentence = _sentence(text, int(q["start"]), int(q["end"]))
        s0 = text.index(sentence) if sentence else -1
    except (KeyError, TypeError, ValueError):
        return None
    named = [
        p
        for p in analysis.get("places") or []
        if isinstance(p, dict)
        and p.get("country")
        and s0 <= p.get("start", -1) < s0 + len(sentence)
    ]
    stated = stated_scope(sentence, s0, named)
    if stated is not None:
        return stated
    home = theatre_of_article(analysis, actor_names)
    if home is not None:
        return home
    places = scene_places(analysis, actor_names)
    towns = [p for p in places if p.get("kind") not in ("country", "region", "continent")]
    return clear_majority(towns)


def scene_places(
    analysis: Mapping[str, Any], actor_names: Collection[str]
) -> list[Mapping[str, Any]]:
    """Places of an article that name a scene, not an actor: places whose text is
    an actor's name or alias, or whose span is an entity mention, are left out."""
    spans = [
        (int(s), int(t))
        for e in analysis.get("entities") or []
        if isinstance(e, dict)
        for s, t in e.get("mentions") or []
    ]
    out: list[Mapping[str, Any]] = []
    for p in analysis.get("places") or []:
        if not isinstance(p, dict) or not p.get("country"):
            continue
        name = re.sub(r"^the\s+", "", str(p.get("text") or "").casefold())
        start, end = p.get("start", -1), p.get("end", -1)
        if name in actor_names or f"the {name}" in actor_names:
            continue
        if any(s < end and start < t for s, t in spans):
            continue
        out.append(p)
    return out


def clear_majority(places: Sequence[Mapping[str, Any]]) -> str | None:
    """The country of at least two thirds of ``places`` (and at least two), else None."""
    ranked = Counter(str(p["country"]) for p in places).most_common(1)
    if ranked and ranked[0][1] >= 2 and 3 * ranked[0][1] >= 2 * len(places):
        return ranked[0][0]
    return None


def theatre_counts(
    analyses: Iterable[Mapping[str, Any]], actor_names: Collection[str]
) -> Counter[str]:
    """Town mentions per country, in first-seen order (ties of :func:`top` go to
    the first seen)."""
    return Counter(
        str(p["country"])
        for a in analyses
        for p in scene_places(a, actor_names)
        if p.get("kind") not in ("country", "region", "continent")
    )


def top(counts: Counter[str]) -> str | None:
    """The most counted country (the corpus theatre), or None."""
    return counts.most_common(1)[0][0] if counts else None


def theatre(analyses: Mapping[str, Mapping[str, Any]], actor_names: Collection[str]) -> str | None:
    """The corpus's main theatre: the country with most town mentions overall."""
    return top(theatre_counts(analyses.values(), actor_names))


def _fold_unscoped(groups: Groups, home: str | None) -> None:
    """Points of unclear scope join their slot's series for the corpus theatre."""
    for slot, subject in list(groups):
        if subject is None and home is not None:
            for key, point in groups.pop((slot, None)).items():
                groups[(slot, home)].setdefault(key, point)


# (slot, subject) -> (origin, value) -> the point kept, and its rank.
Groups = dict[tuple[str, str | None], dict[tuple[str, Any], SeriesPoint]]
Ranks = dict[tuple[str, str | None, tuple[str, Any]], tuple[bool, int]]
# (slot, subject, the quantity value the point is keyed by, point, rank)
Candidate = tuple[str, str | None, Any, SeriesPoint, tuple[bool, int]]


def candidates(
    article: Mapping[str, Any],
    analysis: Mapping[str, Any],
    origin: str,
    attribution: Callable[[str, int, int], tuple[str | None, str | None]],
    actor_names: Collection[str] = (),
) -> list[Candidate]:
    """One article's running-total points (:data:`Candidate`)."""
    aid = str(article.get("id"))
    text = str(article.get("text") or "")
    out: list[Candidate] = []
    for q in analysis.get("quantities") or []:
        if not isinstance(q, dict):
            continue
        slot = cumulative_slot(q) or context_slot(text, q)
        if slot is None or q.get("value") is None or not is_running_total(text, q):
            continue
        subject = scope_country(text, q, analysis, actor_names)
        claimant, claim = attribution(aid, q["start"], q["end"])
        found = claim_for_span(analysis, q["start"], q["end"])
        if found is not None and is_background(
            text, int(found[1].get("content_start") or found[1].get("start") or 0), q
        ):
            claimant, claim = None, None  # T3: the writer's own background figure
        day = parse_day(article.get("published"))
        point = SeriesPoint(
            date=as_of(day.isoformat() if day else None, analysis),
            value=whole(q.get("value")),
            low=whole(q.get("low")),
            high=whole(q.get("high")),
            outlet=article.get("outlet"),
            claimant=claimant,
            article=aid,
            start=q["start"],
            end=q["end"],
            text=q.get("text"),
            origin=origin,
            published=point_day(day),
            claim=claim,
        )
        rank = (point.date is not None, int(article.get("version") or 0))
        out.append((slot, subject, q.get("value"), point, rank))
    return out


def merge(groups: Groups, ranks: Ranks, found: Sequence[Candidate]) -> None:
    """Add one article's points: copies of one story give one point per (origin,
    value): the dated one, of the latest version (an update supersedes the first
    take)."""
    for slot, subject, value, point, rank in found:
        key = (point.origin, value)
        held = groups[(slot, subject)].get(key)
        if held is None or rank > ranks[(slot, subject, key)]:
            groups[(slot, subject)][key] = point
            ranks[(slot, subject, key)] = rank


def finish(
    groups: Groups, home: str | None
) -> tuple[list[Series], list[tuple[str, SeriesPoint, SeriesPoint]]]:
    """The series of ``groups`` (a copy is folded) and their same-day conflicts."""
    work: Groups = defaultdict(dict, {k: dict(v) for k, v in groups.items()})
    _fold_unscoped(work, home)
    out: list[Series] = []
    disputed: list[tuple[str, SeriesPoint, SeriesPoint]] = []
    for (slot, subject), points in sorted(work.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        pts = sorted(points.values(), key=lambda p: (p.date or "9999", p.value or 0, p.article))
        disputed += [(slot, a, b) for a, b in conflicts(pts)]
        label = f"{slot} ({subject})" if subject else slot
        out.append(Series(slot, subject, label, pts))
    return out, disputed


def series(
    articles: Sequence[Mapping[str, Any]],
    analyses: Mapping[str, Mapping[str, Any]],
    origins: Mapping[str, str],
    attribution: Callable[[str, int, int], tuple[str | None, str | None]],
    actor_names: Collection[str] = (),
) -> tuple[list[Series], set[tuple[str, int, int]], list[tuple[str, SeriesPoint, SeriesPoint]]]:
    """Running totals as dated series; also the spans used (so events skip them)
    and same-day conflicting points."""
    groups: Groups = defaultdict(dict)
    ranks: Ranks = {}
    used: set[tuple[str, int, int]] = set()
    for article in articles:
        aid = str(article.get("id"))
        found = candidates(article, analyses.get(aid) or {}, origins[aid], attribution, actor_names)
        used |= {(aid, p.start, p.end) for _, _, _, p, _ in found}
        merge(groups, ranks, found)
    out, disputed = finish(groups, theatre(analyses, actor_names))
    return out, used, disputed


def point_day(day: Any) -> str | None:
    """ISO day or None (kept apart so the point dict stays JSON-ready)."""
    return day.isoformat() if day is not None else None
