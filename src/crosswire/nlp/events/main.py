"""The article's main event, its incident's victims, date and place.

An article reports one headline occurrence and mentions others around it.
:func:`mark_main_event` gives every event mention a ``role``:

* ``background``: its own clause dates it more than ``BACKGROUND_DAYS`` days
  before publication ("in 2012", "last year", "in March");
* ``main``: the first violent mention that is neither negated nor background
  (else the first such material event: strategic developments, protests,
  riots; else the first event);
* ``secondary``: every other mention.

The main event's **incident** is every sentence that is not background.
Victims are counted over those sentences (:mod:`crosswire.nlp.events.victims`)
and the figures go to the main event alone, so the same dead are not counted
again by the other mentions of the same shooting; a background or
different-incident event keeps its own sentence's count. When the main
event's own sentence has no date or place, the incident's first dated
sentence and first place outside any claim's speaker frame stand in. Rules and
examples: docs/events.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from crosswire.nlp.core.doccache import doc_text
from crosswire.nlp.events.followup import choose_main
from crosswire.nlp.events.incident_place import article_region, fill_place, misread
from crosswire.nlp.events.rules import VIOLENT_TYPES
from crosswire.nlp.events.scene import agentive, street_or_code
from crosswire.nlp.events.tally import (
    alive_unless_dead,
    deaths_stated,
    shot_as_killed,
    tally,
    told_singly,
)
from crosswire.nlp.events.timing import (
    BACKGROUND_DAYS,
    background_sentence,
    day_of,
    event_dates,
    fill_date,
    is_background,
    near_days,
)
from crosswire.nlp.events.victims import VictimCount, count_victims

__all__ = [
    "BACKGROUND_DAYS",
    "CASUALTY_SLOTS",
    "agentive",
    "event_dates",
    "is_background",
    "mark_main_event",
    "street_or_code",
]

# Two towns farther apart than this are two scenes, not one incident.
_SAME_TOWN_KM = 25.0
# A shooting reads as an attack or a clash depending on who was hit: one incident.
_ONE_ON_ONE = frozenset({"Attack", "Armed clash"})
CASUALTY_SLOTS = frozenset(
    {
        "fatalities",
        "fatalities_civilian",
        "fatalities_security",
        "fatalities_combatant",
        "fatalities_perpetrator",
        "wounded",
        "wounded_civilian",
        "wounded_security",
        "wounded_combatant",
        "wounded_perpetrator",
    }
)


def mark_main_event(events: Sequence[Any], doc: Any, ctx: Any) -> None:
    """Set ``role`` on each event and give the main one its incident's figures."""
    if not events:
        return
    published = ctx.published
    sent_of = {s.start_char: s for s in doc.sents}
    for e in events:
        e.role = "background" if is_background(e.date, e.date_precision, published) else "secondary"
    for e in events:
        if e.status != "asserted":
            e.role = "background"  # a plan, a habit, a tally or a reference: not the news
    main, recalled = choose_main(events, doc)
    if main is not None:
        main.role = "main"
    # A follow-up article's incident lies before its publication: background
    # is what lies before the incident it recalls.
    anchor = day_of(main.date) if recalled and main is not None else published
    # The incident: sentences that are not background and hold no violent event
    # of their own that differs from the main one ("a separate clash killed 12").
    others = {e.start for e in events if e is not main and not _same_incident(e, main)}
    incident = [
        s
        for s in doc.sents
        if (main is not None and s.start_char == main.start)
        or (s.start_char not in others and not background_sentence(s, ctx, anchor))
    ]
    incident_starts = {s.start_char for s in incident}
    # war-wide tallies and campaign summaries count no victims of this incident
    summaries = {e.start for e in events if e.status in {"tally", "habitual"}}
    counts = (
        [
            c
            for s in incident
            if s.start_char not in summaries
            for c in count_victims(s, ctx.quantities)
        ]
        if main is not None and main.type in VIOLENT_TYPES
        else []
    )
    for e in events:
        own = sent_of.get(e.start)
        if e is main or own is None:
            continue
        # Other mentions of the incident carry no casualty figures of their own:
        # the main event holds them once for the whole incident.
        told = [] if e.start in incident_starts else count_victims(own, ctx.quantities)
        _set_casualties(e, alive_unless_dead(told, counts), doc_text(doc))
    if main is None or main.type not in VIOLENT_TYPES:
        if main is not None:
            own = sent_of.get(main.start)
            _set_casualties(
                main,
                count_victims(own, ctx.quantities) if own is not None else [],
                doc_text(doc),
            )
        return
    if deaths_stated(s.text for s in incident):
        counts = shot_as_killed(counts)
    _set_casualties(main, counts, doc_text(doc))
    # "police called it an accidental shooting": the incident, not only that sentence
    main.accidental = main.accidental or any(
        {t.lower_ for t in s} & ctx.tax.accident_words for s in incident
    )
    fill_date(main, incident, ctx, events)
    # the places the incident's other mentions give in their own clauses
    told = [e.place for e in events if _retelling(e, main, incident_starts)]
    fill_place(main, incident, ctx, told)
    region = article_region(ctx.places)
    for e in events:
        if (
            e is not main
            and e.start in incident_starts
            and e.type in VIOLENT_TYPES
            and e.place is not None
            and region is not None
            and e.place.country == region[0]
            and misread(e.place, region)
        ):
            # the incident told again at a namesake town in another state: no place
            # of its own ("Eureka, Navarro County" read as Eureka, California)
            e.place, e.place_precision = None, None
    for e in events:
        if _retelling(e, main, incident_starts) and _same_day(e, main):
            # "The shooting happened Friday in the 9500 block of Page": the incident
            # again, told with its own date or a finer place
            _corefer(e, main)
    if main.date_precision not in (None, "document"):
        for e in events:
            # "On April 24, a boy was shot": history the article recalls, not news
            if (
                e.role == "background"
                and e.type in VIOLENT_TYPES
                and e.status == "asserted"
                and is_background(e.date, e.date_precision, day_of(main.date))
            ):
                e.status = "background"
    # "Moscow said the latest strikes had hit IS targets": a statement about the
    # strikes the article tells is a mention of them (its claim joins that event),
    # not a new strike.
    for e in events:
        if e.status == "reference" and e.type in VIOLENT_TYPES and not e.negated:
            e.status, e.role = "asserted", "secondary"
            _corefer(e, main)


def _retelling(e: Any, main: Any, starts: set[int]) -> bool:
    """``e`` tells the main event's incident again: another asserted, foreground,
    unnegated violent mention in the incident's sentences, of the same incident."""
    return (
        e is not main
        and e.start in starts
        and e.type in VIOLENT_TYPES
        and e.status == "asserted"
        and e.role != "background"
        and not e.negated
        and _same_incident(e, main)
    )


def _same_incident(e: Any, main: Any | None) -> bool:
    """A violent mention of a compatible type with no date or place of its own that
    contradicts the main event's is the main event again ("the shooting")."""
    if main is None or main.type not in VIOLENT_TYPES:
        return e.type not in VIOLENT_TYPES
    if e.type not in VIOLENT_TYPES:
        return True  # an arrest or a statement does not make a sentence another incident
    if e.status != "asserted":
        return True  # not an occurrence: it does not make the sentence another incident
    if e.role == "background" or e.negated:
        return False
    if e.type != main.type and not {e.subtype, main.subtype} <= _ONE_ON_ONE:
        return False
    own_date = (
        e.date_precision not in (None, "document")
        and main.date_precision not in (None, "document")  # the publication day is no date
        and e.date
        and main.date
    )
    if own_date and not near_days(e.date, main.date, 1):
        return False
    here, there = e.place, main.place
    if (
        here is not None
        and there is not None
        and here.precision == 1
        and there.precision == 1
        and here.name != there.name
        and _km(here, there) > _SAME_TOWN_KM
    ):
        return False  # "a separate shooting in Dayton": another town
    return not (
        here is not None
        and there is not None
        and (
            here.country != there.country
            or bool(here.admin1 and there.admin1 and here.admin1 != there.admin1)
        )
    )


def _same_day(e: Any, main: Any) -> bool:
    """Remote violence (air strikes, shelling) recurs day after day: a mention with a
    day of its own other than the main event's is another strike ("20 sorties on
    Wednesday" is not Thursday's raids told again). A one-off attack told with the
    neighbouring day is the same incident (a shooting late Saturday, early Sunday)."""
    if main.type != "Explosions/Remote violence":
        return True
    if e.date_precision in (None, "document") or main.date_precision in (None, "document"):
        return True
    return str(e.date)[:10] == str(main.date)[:10]


def _km(a: Any, b: Any) -> float:
    """Great-circle distance between two places, in kilometres."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _corefer(e: Any, main: Any) -> None:
    """Give a mention of the main incident with no date or other place of its own
    ("the shooting", "police said the man was killed") the main event's type,
    date and place."""
    e.type, e.subtype, e.cameo = main.type, main.subtype, main.cameo
    e.date, e.date_precision = main.date, main.date_precision
    e.place, e.place_precision = main.place, main.place_precision


def _set_casualties(event: Any, counts: list[VictimCount], text: str = "") -> None:
    """Replace the event's casualty figures by the tally of ``counts``; each figure's
    evidence is the largest statement of its outcome ("nine civilians", "a man")."""
    event.numbers = [n for n in event.numbers if n["what"] not in CASUALTY_SLOTS]
    for slot, (value, low, high) in tally(counts).items():
        outcome = "injured" if slot.startswith("wounded") else "killed"
        told = [c for c in counts if c.outcome in (outcome, "shot")] or list(counts)
        best = max(told, key=lambda c: (c.value or 0, -c.start))
        event.numbers.append(
            {
                "what": slot,
                "value": value,
                "low": low,
                "high": high,
                "text": text[best.start : best.end] if text else f"{value:g}",
                "start": best.start,
                "end": best.end,
            }
        )
        if told_singly(counts, slot):
            event.numbers[-1]["told_singly"] = True
