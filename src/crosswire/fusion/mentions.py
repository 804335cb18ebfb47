"""Event mentions read from analysis records into :class:`~crosswire.fusion.records.Mention`.

The one place where fusion reads per-article event records: their dates (a
publication day the analysis filled in is no date of the event, rule E3),
places (a person's name or a town written for its state is no place, E5b),
the article's main scene (E7b), claims (S4) and the period a figure covers
(F5). Imports records, scenes and totals only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from crosswire.fusion.config import date_range, parse_day, settings
from crosswire.fusion.records import Mention, Place
from crosswire.fusion.scenes import (
    actor_spans,
    named_places,
    names_a_person,
    person_names,
    scene_and_clarity,
    with_state,
    written_as_actor,
)
from crosswire.fusion.totals import time_span

__all__ = ["mention_range", "read_mentions"]


def mention_range(
    date: str | None, published: dt.date | None
) -> tuple[dt.date | None, dt.date | None, str]:
    """Date range of a mention, and its precision ("unknown" when only the
    publication date gives it; both None when there is nothing at all)."""
    rng = date_range(date)
    if rng is not None:
        span = (rng[1] - rng[0]).days
        precision = (
            "day" if span == 0 else "week" if span <= 7 else "month" if span <= 31 else "year"
        )
        return rng[0], rng[1], precision
    if published is not None:
        back = dt.timedelta(days=int(settings()["undated_lookback_days"]))
        return published - back, published, "unknown"
    return None, None, "unknown"


def read_mentions(
    article: Mapping[str, Any],
    analysis: Mapping[str, Any],
    origin: str,
    attribution: Callable[[int, int, int | None], tuple[str | None, str | None]],
) -> list[Mention]:
    """The event mentions of one article as :class:`Mention` (bad records skipped)."""
    out: list[Mention] = []
    published = parse_day(article.get("published"))
    text = str(article.get("text") or "")
    people = person_names(analysis, text)
    spans = actor_spans(analysis)
    named = named_people(analysis)
    named_at = people_positions(analysis, named)
    lead = int(settings().get("lead_chars", 0))
    scene, clear_scene = scene_and_clarity(analysis, people, spans)
    places_named = named_places(analysis, people, spans)
    for i, e in enumerate(analysis.get("events") or []):
        if not isinstance(e, dict) or not e.get("type"):
            continue
        if e.get("status", "asserted") != "asserted":
            continue  # a plan, habit, war-wide tally or reference: not an event (docs/events.md)
        try:
            start, end = int(e["start"]), int(e["end"])
        except (KeyError, TypeError, ValueError):
            continue
        # "document": the analysis filled in the publication day for want of a date
        # in the text. That is no date of the event (E3): a follow-up written weeks
        # later must not pin the shooting it reports to its own day.
        documented = e.get("date_precision") == "document"
        lo, hi, precision = mention_range(None if documented else e.get("date"), published)
        if documented and published is not None:
            lookback = dt.timedelta(days=int(settings().get("document_lookback_days", 2)))
            lo, hi = published - lookback, published
        claimant, claim = attribution(start, end, e.get("claim_index"))
        raw_place = e.get("place")
        place = None
        if (
            isinstance(raw_place, dict)
            and (
                not names_a_person(raw_place, people)
                or with_state(raw_place, analysis.get("places") or [])
            )
            and not written_as_actor(raw_place, spans)
        ):
            place = Place.from_json(raw_place)
        out.append(
            Mention(
                article=str(article["id"]),
                outlet=article.get("outlet"),
                published=published,
                origin=origin,
                version=int(article.get("version") or 0),
                index=i,
                start=start,
                end=end,
                type=str(e["type"]).casefold(),
                subtype=str(e["subtype"]).casefold() if e.get("subtype") else None,
                date=e.get("date")
                if lo is not None and (precision != "unknown" or documented)
                else None,
                precision=precision,
                lo=lo,
                hi=hi,
                place=place,
                actors=frozenset(e.get("actors") or ()),
                targets=frozenset(e.get("targets") or ()),
                numbers=[
                    _with_span(n, text) for n in e.get("numbers") or [] if isinstance(n, dict)
                ],
                claimant=claimant,
                claim=claim,
                negated=bool(e.get("negated")),
                role=str(e.get("role") or "secondary"),
                accidental=bool(e.get("accidental")),
                scene=scene,
                trigger=str(e["trigger"]) if e.get("trigger") else None,
                people=named,
                lead_people=frozenset(
                    p for p, at in named_at.items() if any(a < lead or start <= a < end for a in at)
                ),
                clear_scene=clear_scene,
                places_named=places_named,
            )
        )
    return out


def _with_span(n: Mapping[str, Any], text: str) -> dict[str, Any]:
    """A copy of an event number with the period it covers (rule F5), if any."""
    out = dict(n)
    try:
        out["span"] = time_span(text, int(n["start"]), int(n["end"])) if text else None
    except (KeyError, TypeError, ValueError):
        out["span"] = None
    return out


def people_positions(analysis: Mapping[str, Any], named: frozenset[str]) -> dict[str, list[int]]:
    """Where the article names each of ``named`` (start offsets of its mentions)."""
    out: dict[str, list[int]] = {}
    for e in analysis.get("entities") or []:
        if isinstance(e, dict) and e.get("id") in named:
            starts = []
            for pair in e.get("mentions") or []:
                try:
                    starts.append(int(pair[0]))
                except (TypeError, ValueError, IndexError):
                    continue
            out[str(e["id"])] = starts
    return out


def named_people(analysis: Mapping[str, Any]) -> frozenset[str]:
    """Ids of the people an article names with a full name (two words or more):
    victims and suspects of local news, the strongest sign two reports share an
    incident. Lexicon actors (public figures, ``actor:`` ids) are not among them, nor
    names holding an office or institution word (``not_person_words``: "County
    Sheriff", "Buy Photo")."""
    office = frozenset(settings().get("not_person_words") or ())
    out = set()
    for e in analysis.get("entities") or []:
        if not isinstance(e, dict) or e.get("type") != "person":
            continue
        words = str(e.get("name") or "").casefold().split()
        person = str(e.get("id", "")).startswith("person:") and len(words) >= 2
        if person and not office.intersection(words):
            out.add(str(e["id"]))
    return frozenset(out)
