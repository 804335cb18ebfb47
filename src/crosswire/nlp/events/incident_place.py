"""Where a main event with no place in its clause happened: its incident's place.

Split from :mod:`crosswire.nlp.events.main`. Rules: docs/events.md
(Arguments from the trigger's own clause, Place).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from crosswire.nlp.core.doccache import doc_text
from crosswire.nlp.events.scene import (
    agentive,
    clear_town,
    dateline,
    off_scene,
    street_or_code,
)
from crosswire.nlp.places.gazetteer_core import normalize
from crosswire.nlp.places.regionfocus import region_evidence

__all__ = ["article_region", "fill_place", "misread", "police_town"]

# "Cincinnati police", "Pittsburgh Police Department": the town whose police work
# the case. A town's police work inside it: a main place far from it is a
# neighbourhood read as a same-named town elsewhere ("Madisonville" in Cincinnati
# read as Madisonville, Kentucky; "Allentown" in Pittsburgh as the city in the east).
_POLICE = re.compile(r"\s+(?:Metro(?:politan)?\s+)?(?:police|Police|PD)\b")
_POLICE_KM = 100.0


def article_region(places: Sequence[Any]) -> tuple[str, str] | None:
    """The (country, admin1) most of the article's places lie in, if any holds two."""
    votes = Counter((p.country, p.admin1) for p in places if p.country and p.admin1)
    if not votes:
        return None
    (region, n), *rest = votes.most_common(2)
    return region if n >= 2 and (not rest or rest[0][1] < n) else None


def misread(here: Any | None, region: tuple[str, str] | None) -> bool:
    """A town outside the article's region (or a town or county abroad) was read
    as a namesake: "Madison" in a Tennessee story, "Eureka, Navarro County" as
    Eureka, California, "Mo" in Norway off "ST. LOUIS COUNTY, MO"."""
    return (
        here is not None
        and region is not None
        and (
            (here.precision == 1 and here.country == region[0])
            or (here.precision <= 2 and here.country != region[0])
        )
        and (here.country, here.admin1) != region
    )


def _guessed(p: Any) -> bool:
    """``p`` was placed by a word of its name or at the story's home, not read."""
    return str(getattr(p, "source", "")).startswith(("nested:", "home:"))


def _with_state(ctx: Any, p: Any) -> bool:
    """``p`` is written with its own state after it ("Madison, Wis."): what the
    text says, not a misreading ("Carlton, Georgia" read as Carlton, Oregon is one)."""
    stated = region_evidence(doc_text(ctx.doc)).after.get(p.end)
    return stated is not None and stated == (p.country, normalize(p.admin1 or ""))


def _km(a: Any, b: Any) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def police_town(here: Any, places: Sequence[Any], text: str) -> Any | None:
    """The town whose police the article names when ``here`` (a town) lies more
    than _POLICE_KM from it and from every other such town, and no police of
    ``here`` are named: the misread town gives way to the police's town."""
    if here is None or here.precision != 1:
        return None
    # the region of the article's other places: a misread neighbourhood named
    # often ("Madisonville" as the Kentucky town) must not make the police's
    # own town look out of place
    region = article_region([p for p in places if p.name != here.name])
    police = [
        p
        for p in places
        if p.precision == 1
        and p.country == here.country
        and _POLICE.match(text, p.end)
        # "New Haven Police" read as the police of Haven, Kansas: a police town
        # outside the article's region is itself a misreading
        and not misread(p, region)
    ]
    if not police or any(p.name == here.name for p in police):
        return None
    if any(_km(here, p) <= _POLICE_KM for p in police):
        return None
    names = Counter(p.name for p in police)
    return next(p for p in police if p.name == names.most_common(1)[0][0])


def fill_place(main: Any, incident: Sequence[Any], ctx: Any, told: Sequence[Any] = ()) -> None:
    """A main event with no place in its clause takes the incident's first place
    that is not inside a claim's speaker frame ("In Moscow, the ministry said").
    A clause place outside the region most of the article's places lie in
    gives way to a town of the incident inside it (a same-named town elsewhere
    was read); a region or country gives way to a town of the incident inside it.
    Among equally precise towns, one that ``told`` (the incident's other
    mentions' own places: "the shooting happened at a residence in Roundup")
    gives comes first. With none in the incident, the article's dateline or
    clear town stands in."""
    region = article_region(ctx.places)
    here = main.place
    coarse = here is not None and here.precision >= 3  # "in Georgia": a town of it is finer
    # "at 5145 Scioto Darby Road": a street the gazetteer placed by a word of its
    # name (Scioto County, 130 km off), not by its town; "in Monroe Township" read
    # as the city of Monroe, 50 km off; a venue the gazetteer lacks put at the
    # story's home town: a town or county of the incident in the same region is
    # surer evidence of where it lies
    guessed = here is not None and _guessed(here)
    # A town (or county) outside the article's region was read as a namesake:
    # "Madison" in a Tennessee story, "Mo" in Norway off "ST. LOUIS COUNTY, MO", a
    # town in Cameroon off "Jan.". A place abroad needs no namesake at home to be
    # wrong when everything else the article names lies in one state.
    wrong_town = misread(here, region) and not _with_state(ctx, here)
    abroad = wrong_town and here is not None and region is not None and here.country != region[0]
    if here is not None and not coarse and not wrong_town and not guessed:
        _police(main, ctx)
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
    if abroad:
        # a place abroad: any town or county of the article's region does better
        usable = [p for p in usable if (p.country, p.admin1) == region]
    elif wrong_town:
        usable = [p for p in usable if (p.country, p.admin1) == region and p.precision == 1]
    elif guessed and here is not None:
        # not for where people are from or were treated: "a Burley girl ... flown
        # to Portneuf Medical Center in Pocatello" keeps the guess at Burley
        usable = [
            p
            for p in usable
            if not _guessed(p)
            and (p.country, p.admin1) == (here.country, here.admin1)
            and not off_scene(ctx.doc, p)
        ]
    elif coarse and here is not None:
        # a town inside the region or country the clause names
        usable = [
            p
            for p in usable
            if p.country == here.country and (not here.admin1 or p.admin1 == here.admin1)
        ]
    if not usable and abroad:
        # nothing at home to take instead: an unknown place is better than a town
        # abroad read off a word ("Jan." as a town in Cameroon)
        main.place, main.place_precision = None, None
        return
    said = {(p.name, p.admin1) for p in told if p is not None}
    town = clear_town(ctx.places)
    if town is not None and all(
        off_scene(ctx.doc, p) for p in ctx.places if (p.name, p.admin1) == town
    ):
        town = None  # "Jaylen Pender of Indianapolis ... Herbert Harr, age 47 of Indianapolis"
    if usable:
        # a town before a region; inside the article's region first; where people
        # are from or were treated last, unless it is the article's own town; a
        # place read before one guessed (a venue put at the story's home town)
        best = min(
            usable,
            key=lambda p: (
                off_scene(ctx.doc, p) and (p.name, p.admin1) != town,
                (p.country, p.admin1) != region,
                p.precision,
                _guessed(p),
                (p.name, p.admin1) not in said,
                p.start,
            ),
        )
        main.place, main.place_precision = best, best.precision
        _police(main, ctx)
    elif here is None or coarse or guessed:
        home = _home(ctx, town, region)
        if home is not None and (
            here is None
            or (home.country == here.country and (not here.admin1 or home.admin1 == here.admin1))
        ):
            main.place, main.place_precision = home, home.precision
            _police(main, ctx)


def _police(main: Any, ctx: Any) -> None:
    """However the main event's town was found (its clause, the incident, the
    dateline), a far town gives way to the town whose police work the case
    (``police_town``)."""
    moved = police_town(main.place, ctx.places, doc_text(ctx.doc))
    if moved is not None:
        main.place, main.place_precision = moved, moved.precision


def _home(ctx: Any, town: tuple[str, str] | None, region: tuple[str, str] | None) -> Any | None:
    """The article's dateline town, else its clear town (named twice, more than any
    other): a local report's own town, where an incident that names no place of its
    own happened ("Riviera Beach police said ... a girl killed herself"). Not a
    town outside the article's region."""
    text = doc_text(ctx.doc)
    towns = [
        p
        for p in ctx.places
        if p.precision == 1
        and not street_or_code(text, p)
        and (region is None or (p.country, p.admin1) == region)
    ]
    lead = next((p for p in towns if dateline(text, p)), None)
    if lead is not None:
        return lead
    return next((p for p in towns if (p.name, p.admin1) == town), None)
