"""Running totals: what a total counts, who says it, and as of when (rules T1-T4).

Helpers for :func:`crosswire.fusion.series.series` (reasons in ``docs/fusion.md``):

* **T1 slot** – besides the quantity's own noun and modifiers, the words just
  before it can name the slot ("claimed the lives of over 470,000 people");
* **T2 subject** – a total belongs to what the text says it counts: "the
  conflict in Syria", "the Syrian war". A total of "the conflict" or "the war"
  with no country named counts the article's own conflict: the country of the
  places its events happen in. A country merely named near the total (a
  speaker, an ally) is not what it counts;
* **T3 claimant** – a total in the writer's own background clause (", which
  has left ...", "what has become a brutal war with ...") is the outlet's, even
  inside someone's quote: the claimant is who the text names for the figure;
* **T4 as of** – a point is dated by its publication; an article without a
  publication date is dated by the latest day its text names;
* **F5 span** – a figure whose sentence names the period it covers ("last
  year", "from Friday to Sunday", "since March") counts that period, not one
  day: its slot is qualified by the period, so "more than 5,000 sorties last
  year" and "169 flights from Friday to Sunday" never share a slot.

Imports only fusion settings and the data files.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from crosswire.datafiles import read_json
from crosswire.fusion.config import settings, words

__all__ = [
    "as_of",
    "context_slot",
    "is_background",
    "stated_scope",
    "theatre_of_article",
    "time_span",
]

_BEFORE_CHARS = 40  # how far before a total T1 looks for its slot phrase


def _cfg() -> Mapping[str, Any]:
    value: Mapping[str, Any] = settings()["cumulative"]
    return value


def context_slot(text: str, q: Mapping[str, Any]) -> str | None:
    """T1: the slot named by the words right before the quantity, if any."""
    try:
        start = int(q["start"])
    except (KeyError, TypeError, ValueError):
        return None
    before = " ".join(words(text[max(0, start - _BEFORE_CHARS) : start]))
    table: Mapping[str, str] = _cfg().get("context_phrases", {})
    for phrase in sorted(table, key=len, reverse=True):
        if not phrase.startswith("_") and re.search(rf"\b{re.escape(phrase)}\s*$", before):
            return table[phrase]
    return None


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    data = read_json("gazetteer_demonyms.json")["demonyms"]
    return {k.casefold(): v for k, v in data.items() if re.fullmatch(r"[A-Z]{2}", str(v))}


def stated_scope(sentence: str, offset: int, places: Sequence[Mapping[str, Any]]) -> str | None:
    """T2: the country the sentence says the total counts ("the conflict in Syria",
    "the Syrian war"), else None. ``offset`` is the sentence's start in the text."""
    scope = "|".join(re.escape(w) for w in _cfg().get("conflict_nouns", ()))
    if not scope:
        return None
    for p in places:
        start = int(p.get("start", -1)) - offset
        if 0 <= start <= len(sentence) and re.search(
            rf"\b(?:{scope})\s+(?:in|on|over)\s+(?:the\s+)?$", sentence[:start], re.I
        ):
            return str(p["country"])
    for m in re.finditer(rf"\b([A-Z][a-z]+)\s+(?:civil\s+)?(?:{scope})\b", sentence):
        code = _demonyms().get(m[1].casefold())
        if code:
            return code
    return None


def theatre_of_article(analysis: Mapping[str, Any], actor_names: Collection[str]) -> str | None:
    """T2: the country most of an article's violent events happen in (a clear majority;
    places written as an entity, "the West", "Moscow said", do not count)."""
    spans = [
        (int(s), int(t))
        for e in analysis.get("entities") or []
        if isinstance(e, dict)
        for s, t in e.get("mentions") or []
    ]
    violent = set(_cfg().get("conflict_event_types", ()))
    counts: Counter[str] = Counter()
    for e in analysis.get("events") or []:
        if not isinstance(e, dict) or e.get("type") not in violent:
            continue  # talks in Geneva are not where the war is
        place = e.get("place")
        if not isinstance(place, dict) or not place.get("country"):
            continue
        name = str(place.get("text") or "").casefold().removeprefix("the ")
        start, end = place.get("start", -1), place.get("end", -1)
        if name in actor_names or any(s < end and start < t for s, t in spans):
            continue  # "Moscow said", "the West": a speaker, not a scene
        counts[str(place["country"])] += 1
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def is_background(text: str, content_start: int, q: Mapping[str, Any]) -> bool:
    """T3: between the start of a claim's content and the total stands a marker of
    the writer's own background clause, so the figure is not the speaker's."""
    try:
        span = text[content_start : int(q["start"])].casefold()
    except (KeyError, TypeError, ValueError):
        return False
    return any(marker in span for marker in _cfg().get("background_markers", ()))


def as_of(published: str | None, analysis: Mapping[str, Any]) -> str | None:
    """T4: the publication day, else the latest day the article's text names."""
    if published:
        return published[:10]
    days = [
        str(d["value"])
        for d in analysis.get("dates") or []
        if isinstance(d, dict)
        and d.get("granularity") == "day"
        and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(d.get("value")))
    ]
    return max(days) if days else None


_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@functools.lru_cache(maxsize=1)
def _span_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.I) for p in settings().get("figure_spans", ()))


def time_span(text: str, start: int, end: int) -> str | None:
    """F5: the period a figure's sentence says it covers, as written (lower case)."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    sentence = text[left : right.start() if right else len(text)]
    for pattern in _span_patterns():
        if m := pattern.search(sentence):
            return " ".join(m.group(0).casefold().split())
    return None
