"""Figures: event numbers reconciled to low/best/high; running totals as series.

Event figures (reasons in ``docs/fusion.md``):

* numbers of one event are grouped by slot (``what``: "killed", "injured"...);
* one **report per origin**: copies of one wire story are one report; of its
  versions the latest counts (updates supersede), and inside it the largest
  number (a story that says "rose to" updates itself upward);
* **low** = smallest lower bound, **high** = largest upper bound over all
  reports; an open bound ("more than 50" has no upper bound) keeps the result
  open (None);
* **best** = the smallest value any independent origin reported: ACLED's
  "most conservative estimate" rule, because we have no reliability scores to
  pick UCDP's "most reliable" figure, and a median would let a few copies of a
  high claim move the result;
* two reports of one slot from different origins **published the same day**
  whose ranges do not overlap are a conflicting-figures dispute. On different
  days they are revisions, kept visible as low/high.

Running totals ("the war has left more than 260,000 people dead") are not
event figures: a quantity whose noun or modifiers name a cumulative slot and
whose sentence names the whole conflict ("war", "since", "so far") becomes a
point of a dated **series**, one per (slot, country), one point per origin and
value, sorted by date. A higher toll months later is a new point, not a
contradiction.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, TypeVar

from crosswire.fusion.config import parse_day, settings, words
from crosswire.fusion.records import Figure, FigureSource, Mention, Number, Series, SeriesPoint
from crosswire.fusion.sources import claim_for_span
from crosswire.fusion.totals import (
    as_of,
    context_slot,
    is_background,
    stated_scope,
    theatre_of_article,
)

_SENTENCE_END = re.compile(r"[.!?]\s|\n")
Attribution = Callable[[str, int, int], tuple[str | None, str | None]]
Report = TypeVar("Report", FigureSource, SeriesPoint)


def _origin_reports(sources: list[FigureSource]) -> dict[str, FigureSource]:
    """One report per origin: latest version, then the largest value."""
    best: dict[str, FigureSource] = {}
    for s in sources:
        key = (s.version, s.published or "", s.value if s.value is not None else -1)
        held = best.get(s.origin)
        if held is None or key > (
            held.version,
            held.published or "",
            held.value if held.value is not None else -1,
        ):
            best[s.origin] = s
    return best


def _disjoint(a: FigureSource | SeriesPoint, b: FigureSource | SeriesPoint) -> bool:
    (alo, ahi), (blo, bhi) = a.bounds(), b.bounds()
    if ahi is not None and blo is not None and ahi < blo:
        return True
    return bhi is not None and alo is not None and bhi < alo


_ALL_PAIRS = 8  # up to this many distinct figures a day, every disjoint pair is a dispute


def conflicts(reports: Sequence[Report]) -> list[tuple[Report, Report]]:
    """Pairs of reports from different origins, same publication day, disjoint ranges.

    Reports of one day that give the same range are one figure, represented by
    the first of them (the rest stay visible as sources of the number): 1,000
    outlets saying 12 against 1,000 saying 30 is one disagreement, not a million.
    With more than ``_ALL_PAIRS`` distinct figures on one day, each is set only
    against the day's lowest and highest figure, so the count stays linear.
    """
    # Per day and range: the first report, and the first from another origin
    # (enough to find two different origins for any pair of figures).
    days: dict[str, dict[tuple[Number | None, Number | None], list[Report]]] = defaultdict(dict)
    for r in reports:
        if r.published:
            held = days[r.published].setdefault(r.bounds(), [])
            if not held or (len(held) == 1 and held[0].origin != r.origin):
                held.append(r)
    rank = {id(r): i for i, r in enumerate(reports)}
    out: list[tuple[Report, Report]] = []
    for figures in days.values():
        reps = list(figures.values())
        if len(reps) <= _ALL_PAIRS:
            pairs = [(a, b) for i, a in enumerate(reps) for b in reps[i + 1 :]]
        else:
            inf = float("inf")
            lowest = min(reps, key=lambda f: _or(f[0].bounds()[1], inf))
            highest = max(reps, key=lambda f: _or(f[0].bounds()[0], -inf))
            pairs = [(f, x) for f in reps for x in (lowest, highest) if x is not f]
        seen: set[tuple[int, int]] = set()
        for fa, fb in pairs:
            if not _disjoint(fa[0], fb[0]):
                continue
            pick = next(((a, b) for a in fa for b in fb if a.origin != b.origin), None)
            if pick is None:
                continue
            a, b = pick if rank[id(pick[0])] < rank[id(pick[1])] else (pick[1], pick[0])
            if (id(a), id(b)) not in seen:
                seen.add((id(a), id(b)))
                out.append((a, b))
    out.sort(key=lambda p: (rank[id(p[0])], rank[id(p[1])]))
    return out


def _or(value: Number | None, default: float) -> float:
    return default if value is None else value


def reconcile(
    mentions: Sequence[Mention],
    skip: Collection[tuple[str, int, int]] = frozenset(),
) -> tuple[list[Figure], list[tuple[str, FigureSource, FigureSource]]]:
    """Numbers of one event as [{what, low, best, high, sources}], plus the
    same-day conflicting pairs per slot. ``skip`` holds (article, start, end)
    of numbers already taken as running totals."""
    slots: dict[str, list[FigureSource]] = defaultdict(list)
    for m in mentions:
        for n in m.numbers:
            what = str(n.get("what") or "").casefold().strip()
            if not what or (m.article, n.get("start"), n.get("end")) in skip:
                continue
            slots[what].append(
                FigureSource(
                    article=m.article,
                    outlet=m.outlet,
                    claimant=m.claimant,
                    value=n.get("value"),
                    low=n.get("low"),
                    high=n.get("high"),
                    text=n.get("text"),
                    start=n.get("start"),
                    end=n.get("end"),
                    origin=m.origin,
                    version=m.version,
                    claim=m.claim,
                    published=m.published.isoformat() if m.published else None,
                )
            )
    numbers: list[Figure] = []
    disputed: list[tuple[str, FigureSource, FigureSource]] = []
    for what in sorted(slots):
        sources = slots[what]
        reports = list(_origin_reports(sources).values())
        lows = [r.bounds()[0] for r in reports]
        highs = [r.bounds()[1] for r in reports]
        values = [r.value for r in reports if r.value is not None]
        low = None if not lows or None in lows else min(x for x in lows if x is not None)
        high = None if not highs or None in highs else max(x for x in highs if x is not None)
        best = min(values) if values else None
        for s in sources:
            s.basis = [
                name
                for name, ok in (
                    ("low", low is not None and s.bounds()[0] == low),
                    ("best", best is not None and s.value == best),
                    ("high", high is not None and s.bounds()[1] == high),
                )
                if ok
            ]
        numbers.append(Figure(what, low, best, high, sources))
        disputed += [(what, a, b) for a, b in conflicts(reports)]
    return numbers, disputed


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


def theatre(analyses: Mapping[str, Mapping[str, Any]], actor_names: Collection[str]) -> str | None:
    """The corpus's main theatre: the country with most town mentions overall."""
    counts = Counter(
        str(p["country"])
        for a in analyses.values()
        for p in scene_places(a, actor_names)
        if p.get("kind") not in ("country", "region", "continent")
    )
    return counts.most_common(1)[0][0] if counts else None


def _fold_unscoped(
    groups: dict[tuple[str, str | None], dict[tuple[str, Any], SeriesPoint]], home: str | None
) -> None:
    """Points of unclear scope join their slot's series for the corpus theatre."""
    for slot, subject in list(groups):
        if subject is None and home is not None:
            for key, point in groups.pop((slot, None)).items():
                groups[(slot, home)].setdefault(key, point)


def series(
    articles: Sequence[Mapping[str, Any]],
    analyses: Mapping[str, Mapping[str, Any]],
    origins: Mapping[str, str],
    attribution: Callable[[str, int, int], tuple[str | None, str | None]],
    actor_names: Collection[str] = (),
) -> tuple[list[Series], set[tuple[str, int, int]], list[tuple[str, SeriesPoint, SeriesPoint]]]:
    """Running totals as dated series; also the spans used (so events skip them)
    and same-day conflicting points."""
    groups: dict[tuple[str, str | None], dict[tuple[str, Any], SeriesPoint]] = defaultdict(dict)
    used: set[tuple[str, int, int]] = set()
    held_rank: dict[tuple[str, str | None, tuple[str, Any]], tuple[bool, int]] = {}
    for article in articles:
        aid = str(article.get("id"))
        analysis = analyses.get(aid) or {}
        text = str(article.get("text") or "")
        for q in analysis.get("quantities") or []:
            if not isinstance(q, dict):
                continue
            slot = cumulative_slot(q) or context_slot(text, q)
            if slot is None or q.get("value") is None or not is_running_total(text, q):
                continue
            used.add((aid, q["start"], q["end"]))
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
                origin=origins[aid],
                published=point_day(day),
                claim=claim,
            )
            # Copies of one story give one point per (origin, value): the dated one,
            # of the latest version (an update supersedes the first take).
            key = (origins[aid], q.get("value"))
            held = groups[(slot, subject)].get(key)
            rank = (point.date is not None, int(article.get("version") or 0))
            if held is None or rank > held_rank[(slot, subject, key)]:
                groups[(slot, subject)][key] = point
                held_rank[(slot, subject, key)] = rank
    _fold_unscoped(groups, theatre(analyses, actor_names))
    out: list[Series] = []
    disputed: list[tuple[str, SeriesPoint, SeriesPoint]] = []
    for (slot, subject), points in sorted(
        groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
    ):
        pts = sorted(points.values(), key=lambda p: (p.date or "9999", p.value or 0, p.article))
        disputed += [(slot, a, b) for a, b in conflicts(pts)]
        label = f"{slot} ({subject})" if subject else slot
        out.append(Series(slot, subject, label, pts))
    return out, used, disputed


def point_day(day: Any) -> str | None:
    """ISO day or None (kept apart so the point dict stays JSON-ready)."""
    return day.isoformat() if day is not None else None


def whole(value: Any) -> Number | None:
    """A count as people read it: 240000.0 is 240000 (fractions stay as they are)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None
