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

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from crosswire.nlp.core.doccache import doc_text
from crosswire.nlp.events.factuality import follow_up_words
from crosswire.nlp.events.followup import choose_main
from crosswire.nlp.events.rules import VIOLENT_TYPES
from crosswire.nlp.events.scene import SPEECH, agentive, clear_town, off_scene, street_or_code
from crosswire.nlp.events.tally import tally
from crosswire.nlp.events.victims import (
    VictimCount,
    count_victims,
    deaths_stated,
    shot_as_killed,
)

__all__ = ["BACKGROUND_DAYS", "CASUALTY_SLOTS", "agentive", "mark_main_event", "street_or_code"]

BACKGROUND_DAYS = 7
_STAMP = re.compile(r"\b(?:posted|published|updated|last modified)\b[^.]*$", re.IGNORECASE)
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
    }
)


# Dates that time a statement ("police said Tuesday"), not the event.
def is_background(value: str | None, precision: str | None, published: dt.date | None) -> bool:
    """True when a date lies wholly more than BACKGROUND_DAYS before publication."""
    if not value or published is None or precision in (None, "document"):
        return False
    end = value.split("/")[-1]
    try:
        last = _last_day(end)
    except ValueError:
        return False
    return last is not None and (published - last).days > BACKGROUND_DAYS


def _last_day(value: str) -> dt.date | None:
    """The last day an ISO date, month or year covers ("2016-03" -> 2016-03-31)."""
    parts = value.split("-")
    if not parts[0].isdigit():
        return None
    year = int(parts[0])
    if len(parts) == 1:
        return dt.date(year, 12, 31)
    if len(parts) == 2 and parts[1].isdigit():
        month = int(parts[1])
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    if len(parts) >= 3 and parts[1].isdigit():
        return dt.date.fromisoformat("-".join(parts[:3])[:10])
    return None


def event_dates(sent: Any, dates: Sequence[Any], violent: bool = False) -> list[Any]:
    """The sentence's resolved dates that time an occurrence, not a statement.

    With ``violent``, dates that time a follow-up act (a court step, the naming
    of a victim, a funeral: "pleaded guilty Tuesday") are left out too: they
    do not date the violence the sentence refers to."""
    later = follow_up_words() if violent else frozenset()
    doc = sent.doc
    text = doc_text(doc)
    out = []
    for d in dates:
        if not (sent.start_char <= d.start < sent.end_char) or not d.value:
            continue
        if getattr(d, "granularity", None) == "duration":
            continue
        if _STAMP.search(text[max(sent.start_char, d.start - 24) : d.start]):
            continue  # "Posted: January 19th, 2016": when the page was written
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        head = span.root.head if span is not None else None
        if head is not None and head.pos_ == "ADP" and later:
            head = head.head  # "appeared in court on Tuesday": the verb the date hangs on
        if head is not None and (head.lemma_.lower() in SPEECH or head.lemma_.lower() in later):
            continue
        out.append(d)
    return out


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
    anchor = _day(main.date) if recalled and main is not None else published
    # The incident: sentences that are not background and hold no violent event
    # of their own that differs from the main one ("a separate clash killed 12").
    others = {e.start for e in events if e is not main and not _same_incident(e, main)}
    incident = [
        s
        for s in doc.sents
        if (main is not None and s.start_char == main.start)
        or (s.start_char not in others and not _background_sentence(s, ctx, anchor))
    ]
    incident_starts = {s.start_char for s in incident}
    for e in events:
        own = sent_of.get(e.start)
        if e is main or own is None:
            continue
        # Other mentions of the incident carry no casualty figures of their own:
        # the main event holds them once for the whole incident.
        counts = [] if e.start in incident_starts else count_victims(own, ctx.quantities)
        _set_casualties(e, counts, doc_text(doc))
    if main is None or main.type not in VIOLENT_TYPES:
        if main is not None:
            own = sent_of.get(main.start)
            _set_casualties(
                main,
                count_victims(own, ctx.quantities) if own is not None else [],
                doc_text(doc),
            )
        return
    # war-wide tallies and campaign summaries count no victims of this incident
    summaries = {e.start for e in events if e.status in {"tally", "habitual"}}
    counts = [
        c
        for s in incident
        if s.start_char not in summaries
        for c in count_victims(s, ctx.quantities)
    ]
    if deaths_stated(s.text for s in incident):
        counts = shot_as_killed(counts)
    _set_casualties(main, counts, doc_text(doc))
    # "police called it an accidental shooting": the incident, not only that sentence
    main.accidental = main.accidental or any(
        {t.lower_ for t in s} & ctx.tax.accident_words for s in incident
    )
    _fill_date(main, incident, ctx, events)
    _fill_place(main, incident, ctx)
    for e in events:
        if (
            e is not main
            and e.start in incident_starts
            and e.type in VIOLENT_TYPES
            and e.status == "asserted"
            and e.role != "background"
            and not e.negated
            and _same_incident(e, main)
            and _same_day(e, main)
        ):
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
                and is_background(e.date, e.date_precision, _day(main.date))
            ):
                e.status = "background"
    # "Moscow said the latest strikes had hit IS targets": a statement about the
    # strikes the article tells is a mention of them (its claim joins that event),
    # not a new strike.
    for e in events:
        if e.status == "reference" and e.type in VIOLENT_TYPES and not e.negated:
            e.status, e.role = "asserted", "secondary"
            _corefer(e, main)


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
    if own_date and not _near_days(e.date, main.date, 1):
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


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _near_days(a: str, b: str, days: int) -> bool:
    try:
        da, db = dt.date.fromisoformat(a[:10]), dt.date.fromisoformat(b[:10])
    except ValueError:
        return True  # a week or a month: no contradiction at day precision
    return abs((da - db).days) <= days


def _corefer(e: Any, main: Any) -> None:
    """Give a mention of the main incident with no date or other place of its own
    ("the shooting", "police said the man was killed") the main event's type,
    date and place."""
    e.type, e.subtype, e.cameo = main.type, main.subtype, main.cameo
    e.date, e.date_precision = main.date, main.date_precision
    e.place, e.place_precision = main.place, main.place_precision


def _background_sentence(sent: Any, ctx: Any, anchor: dt.date | None) -> bool:
    dated = event_dates(sent, ctx.dates)
    return bool(dated) and all(is_background(d.value, d.granularity, anchor) for d in dated)


def _set_casualties(event: Any, counts: list[VictimCount], text: str = "") -> None:
    """Replace the event's casualty figures by the tally of ``counts``; each figure's
    evidence is the largest statement of its outcome ("nine civilians", "a man")."""
    event.numbers = [n for n in event.numbers if n["what"] not in CASUALTY_SLOTS]
    for slot, (value, low, high) in tally(counts).items():
        outcome = "injured" if slot == "wounded" else "killed"
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


def _fill_date(main: Any, incident: Sequence[Any], ctx: Any, events: Sequence[Any] = ()) -> None:
    """A main event timed only by the publication day takes the incident's first date:
    first from a sentence that tells the violence ("The shooting happened Tuesday"),
    else from any sentence of the incident ("Police were called at 2 a.m. Sunday")."""
    if main.date_precision not in (None, "document"):
        return
    telling = {
        e.start
        for e in events
        if e.type in VIOLENT_TYPES and e.status == "asserted" and not e.negated
    }
    ordered = [s for s in incident if s.start_char in telling]
    ordered += [s for s in incident if s.start_char not in telling]
    for sent in ordered:
        dated = [
            d
            for d in event_dates(sent, ctx.dates, violent=True)
            if d.granularity in {"day", "range"}
            and not is_background(d.value, d.granularity, ctx.published)
        ]
        if dated:
            main.date, main.date_precision = str(dated[0].value), str(dated[0].granularity)
            return


def _region(places: Sequence[Any]) -> tuple[str, str] | None:
    """The (country, admin1) most of the article's places lie in, if any holds two."""
    votes = Counter((p.country, p.admin1) for p in places if p.country and p.admin1)
    if not votes:
        return None
    (region, n), *rest = votes.most_common(2)
    return region if n >= 2 and (not rest or rest[0][1] < n) else None


def _fill_place(main: Any, incident: Sequence[Any], ctx: Any) -> None:
    """A main event with no place in its clause takes the incident's first place
    that is not inside a claim's speaker frame ("In Moscow, the ministry said").
    A clause place outside the region most of the article's places lie in
    gives way to a town of the incident inside it (a same-named town elsewhere
    was read); a region or country gives way to a town of the incident inside it."""
    region = _region(ctx.places)
    here = main.place
    coarse = here is not None and here.precision >= 3  # "in Georgia": a town of it is finer
    wrong_town = (
        here is not None
        and region is not None
        and here.precision == 1
        and here.country == region[0]
        and (here.country, here.admin1) != region
    )
    if here is not None and not coarse and not wrong_town:
        return
    frames = [(c.start, c.end, c.content_start, c.content_end) for c in ctx.claims]
    spans = [(s.start_char, s.end_char) for s in incident]
    usable = [
        p
        for p in ctx.places
        if p.precision <= 2
        and any(a <= p.start < b for a, b in spans)
        and not agentive(ctx.doc, p)
        and not street_or_code(doc_text(ctx.doc), p)
        and not any(s <= p.start < e and not cs <= p.start < ce for s, e, cs, ce in frames)
    ]
    if wrong_town:
        usable = [p for p in usable if (p.country, p.admin1) == region and p.precision == 1]
    elif coarse and here is not None:
        # a town inside the region or country the clause names
        usable = [
            p
            for p in usable
            if p.country == here.country and (not here.admin1 or p.admin1 == here.admin1)
        ]
    if usable:
        # a town before a region; inside the article's region first; where people
        # are from or were treated last, unless it is the article's own town
        town = clear_town(ctx.places)
        best = min(
            usable,
            key=lambda p: (
                off_scene(ctx.doc, p) and (p.name, p.admin1) != town,
                (p.country, p.admin1) != region,
                p.precision,
                p.start,
            ),
        )
        main.place, main.place_precision = best, best.precision
