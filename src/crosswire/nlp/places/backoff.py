"""Places for names the gazetteer does not hold.

A name no packaged gazetteer carries is mostly a street, building, school,
club or landmark ("Royal Street", "Colorado State University", "Harare City
Council"). Two backoffs, in order:

* the nested place: the longest run of the name's words that is itself a
  trustworthy place ("Colorado" of "Colorado State University", "Aleppo" of
  "Aleppo University"), chosen with the document's other places as context;
* the document's home: the local place (town or city, failing that a region)
  the document's resolved mentions name most often; a street or hall named
  without its city lies in the city the story is about.

Before both, a name written as lying in the next one ("the Palais des
Nations in Geneva", "Federal University of Technology, Owerri") takes that
place (``held_in``). Each returns a ``Place`` whose ``source`` says which
backoff made it ("in:<source>", "nested:<source>", "home:<source>"), so
callers can lower its precision.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from crosswire.datafiles import read_json
from crosswire.nlp.places.aliases import ordinary_part
from crosswire.nlp.places.coherence import COUNTY_SOURCES
from crosswire.nlp.places.crowd import at_crowd
from crosswire.nlp.places.designate import RawMention
from crosswire.nlp.places.gazetteer import Gazetteer, Place, normalize
from crosswire.nlp.places.homeplace import BACKOFF_MARKS, LOCAL, home_place
from crosswire.nlp.places.resolve import capitals, choose, nearness
from crosswire.nlp.places.strays import STRAY_KM, STRAY_MAX_POPULATION, WORLD_CITY, strays

__all__ = [
    "STRAY_KM",
    "STRAY_MAX_POPULATION",
    "WORLD_CITY",
    "backoff",
    "held_in",
    "home_place",
    "nested_place",
    "strays",
    "unplaced_names",
    "vet_nested",
]

# A nested word that is not a place name of its own weight ("Street" of
# "Third Street", "Hall" of "National Concert Hall"): it must be a country or
# region, a city of this size, or lie near the document's other places.
_NESTED_MIN_POPULATION = 50_000


@functools.lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(read_json("place_filters.json")["generic_words"])


@functools.lru_cache(maxsize=1)
def _heads() -> tuple[frozenset[str], frozenset[str]]:
    """(site heads, address heads) of ``data/place_filters.json``."""
    data = read_json("place_filters.json")
    return frozenset(data["site_heads"]), frozenset(data["address_heads"])


@functools.lru_cache(maxsize=1)
def _settlement_heads() -> frozenset[str]:
    return frozenset(read_json("place_filters.json")["settlement_heads"])


def _kind_of_site(name: str) -> str:
    """ "address", "site" or "": by the name's last word, or its first in
    Romance word order ("Rue Casa Calvo", "Stade de France")."""
    words = name.lower().split()
    if len(words) < 2:
        return ""
    sites, addresses = _heads()
    for head in (words[-1], words[0]):
        if head in addresses:
            return "address"
        if head in sites:
            return "site"
    return "site" if any(w in sites for w in words[1:-1]) else ""


def vet_nested(
    name: str, found: Place | None, home: Place | None, context: Sequence[Place | None]
) -> Place | None:
    """The nested place ``found`` if the kind of name lets it stand, else None
    (the caller then takes the document's home):

    * a street or address ("Hampton Avenue" in a St. Louis story) is named
      after a far place more often than not: its nested place counts only
      near the document's other local places;
    * a site ("Rogers Centre", "Liverpool Academy" in Cairo) only in the
      country of the document's home;
    * an institution named after a country or a continent ("Bank of Mexico",
      "European Central Bank") is national: the country even when the
      document's home lies in it;
    * a settlement or area named after a state ("Tennessee Colony" in a
      Texas story) yields to a home in the same country;
    * anything else ("Colorado State University" in a Fort Collins story)
      yields to a home lying inside the nested place.
    """
    if found is None or home is None:
        return found
    kind = _kind_of_site(name)
    if kind == "address":
        anchors = [
            p
            for p in context
            if p is not None and p.kind in LOCAL and not p.source.startswith(BACKOFF_MARKS)
        ]
        return found if anchors and nearness(found, anchors) >= 2.0 else None
    if kind == "site":
        if found.country == home.country:
            return None if _holds(found, home) else found
        # abroad: a country or a capital ("Vatican Gardens", "London Guildhall
        # School"), not a namesake town ("Liverpool Academy" in Cairo)
        capital = (found.country, normalize(found.name)) in capitals()
        return found if found.kind == "country" or capital else None
    if found.kind in {"country", "continent"} or (found.kind == "region" and not found.country):
        return found
    if (
        found.kind == "region"
        # a state, not a district: "Swat Valley" lies in Swat
        and found.source.split(":")[-1] not in COUNTY_SOURCES
        and found.country == home.country
        and name.lower().split()[-1] in _settlement_heads()
    ):
        # "Tennessee Colony" in an East Texas story: a settlement named after
        # another state lies near the story's home, not in that state
        return None
    return None if _holds(found, home) else found


def nested_place(
    name: str,
    gaz: Gazetteer,
    context: Sequence[Place | None],
    *,
    demonyms: bool = True,
) -> Place | None:
    """The longest trustworthy place named inside ``name`` (see the module doc).

    With ``demonyms``, a nationality word stands for its place when no part of
    the name is a place ("European Central Bank", "Syrian Army"): an
    institution, not a site ("British International School" in Cairo).
    """

    words = [w for w in name.replace(",", " ").split() if w]
    others = [p for p in context if p is not None]
    nationality: Place | None = None
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = words[i : i + n]
            if not all(w[:1].isupper() for w in (part[0], part[-1])):
                continue
            sub = " ".join(part)
            key = normalize(sub)
            short = len(key) < 3 and not (sub.isupper() and gaz.exact(sub))  # "US", "UK" pass
            if (
                short
                or key in gaz.stopnames
                or set(key.split()) <= _generic()
                or (n == 1 and ordinary_part(sub))
            ):
                continue
            cands = gaz.lookup(sub, loose=False)
            if not cands and n == 1 and demonyms and nationality is None:
                nationality = gaz.demonym_place(sub)
            anchors = [p for p in others if p.kind in LOCAL or p.kind == "region"]
            focus = Counter(p.country for p in others if p.country)
            best = choose(cands, focus, anchors, query=sub)
            if best is None:
                continue
            if (
                best.kind in {"country", "region", "continent"}
                or best.population >= _NESTED_MIN_POPULATION
                or (anchors and nearness(best, anchors) >= 2.0)
            ):
                return dataclasses.replace(best, source="nested:" + best.source)
    if nationality is not None:
        return dataclasses.replace(nationality, source="nested:" + nationality.source)
    return None


def _holds(area: Place, p: Place) -> bool:
    """Whether the country or region ``area`` contains the place ``p``."""
    if area.kind == "country":
        return p.country == area.country
    if area.kind == "region":
        return p.country == area.country and normalize(p.admin1) == normalize(area.name)
    return area.kind == "continent"


# "Beyond Madinaty, Liverpool have ...", "Lagos, Abuja and Kano": a name
# after a comma that a lowercase word follows is a subject or an item of a
# list, not the town holding the name before the comma.
_CLAUSE_GOES_ON = re.compile(r"\s+[a-z]")
# "the Alder Hey Children's Hospital where the boy is treated in Liverpool":
# a relative clause of the site's own sentence that ends on "in" + the town.
_WHERE_IN = re.compile(r"^\s+(?:where|which|that)\s[^.;:!?()\"“”]{0,60}?\s(?:in|at)\s+$")


def held_in(
    chosen: Sequence[Place | None], spans: Sequence[tuple[int, int]], text: str
) -> list[Place | None]:
    """``chosen`` with each unresolved name that the text places in the name
    right after it ("the Guildhall School of Music in London", "Federal
    University of Technology, Owerri") given that place, marked "in:"; so
    too a site that a relative clause puts in the next town ("the Alder Hey
    Children's Hospital where he is treated in Liverpool") and a name right
    after a town's possessive ("London's Heathrow Animal Reception Center")."""
    from crosswire.nlp.places.context import holds_next, possessive

    out = list(chosen)
    order = sorted(range(len(spans)), key=lambda k: spans[k])
    for a, b in zip(order, order[1:], strict=False):
        town, named = chosen[a], chosen[b]
        if (
            named is None
            and town is not None
            and town.kind in LOCAL
            and not town.source.startswith(BACKOFF_MARKS)
            and spans[a][1] <= spans[b][0]
            and possessive(text[spans[a][1] : spans[b][0]])
        ):
            out[b] = dataclasses.replace(town, source="in:" + town.source)
    for a, b in zip(order, order[1:], strict=False):
        inner, outer = chosen[a], chosen[b]
        if inner is not None or outer is None or outer.source.startswith(BACKOFF_MARKS):
            continue
        between = text[spans[a][1] : spans[b][0]]
        if spans[a][1] <= spans[b][0] and (
            (
                holds_next(between)
                and not (between.strip() == "," and _CLAUSE_GOES_ON.match(text, spans[b][1]))
            )
            or (
                outer.kind in LOCAL
                and _kind_of_site(text[spans[a][0] : spans[a][1]]) == "site"
                and _WHERE_IN.match(between) is not None
            )
        ):
            out[a] = dataclasses.replace(outer, source="in:" + outer.source)
    return out


def backoff(
    names: Sequence[str], chosen: Sequence[Place | None], gaz: Gazetteer
) -> list[Place | None]:
    """Fill the unresolved entries of ``chosen`` (parallel to ``names``).

    A name put in a state or province, here or before (``held_in``), lies at
    the region's crowd centre (``crowd``), not its middle."""
    out = list(chosen)
    home = home_place(chosen)
    for i, (name, p) in enumerate(zip(names, chosen, strict=True)):
        if p is not None:
            continue
        nested = nested_place(name, gaz, chosen, demonyms=not _kind_of_site(name))
        found = vet_nested(name, nested, home, chosen)
        if found is None and home is not None:
            found = dataclasses.replace(home, source="home:" + home.source)
        out[i] = found
    return [at_crowd(p, gaz.crowd) for p in out]


def _next_holder(
    text: str,
    end: int,
    raws: Sequence[RawMention],
    chosen: Sequence[Place | None],
    site: bool = False,
) -> Place | None:
    """The place of the mention right after offset ``end`` when the text puts
    the name ending there in it ("the Palais des Nations in Geneva"; a
    ``site`` also by a relative clause: "the hospital where he is treated in
    Liverpool")."""
    from crosswire.nlp.places.context import holds_next

    after = [(r.start, p) for r, p in zip(raws, chosen, strict=True) if r.start >= end]
    if not after:
        return None
    start, place = min(after, key=lambda rp: rp[0])
    between = text[end:start]
    held = holds_next(between) or (
        site and place is not None and place.kind in LOCAL and _WHERE_IN.match(between) is not None
    )
    if place is None or place.source.startswith(BACKOFF_MARKS) or not held:
        return None
    return dataclasses.replace(place, source="in:" + place.source)


# NER labels of names that are places even when no gazetteer holds them
# ("Beale Street", "the Elysian Fields", "Trump Tower").
_PLACE_LABELS = frozenset({"FAC", "LOC", "GPE"})


def unplaced_names(
    doc: Any, raws: Sequence[RawMention], chosen: Sequence[Place | None], gaz: Gazetteer
) -> list[tuple[RawMention, Place]]:
    """Place-labelled entities no gazetteer match covers, placed by the backoff:
    the place nested in them, else the document's home place. Each is marked
    "near" (so a town-level home gives precision 2)."""
    from crosswire.nlp.core.doccache import doc_ents, doc_text
    from crosswire.nlp.places.filters import false_toponym

    taken = [(r.start, r.end) for r in raws]
    home = home_place(chosen)
    out: list[tuple[RawMention, Place]] = []
    for ent in doc_ents(doc):
        if ent.label_ not in _PLACE_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        if any(s < end and start < e for s, e in taken):
            continue
        text = str(ent.text)
        key = normalize(text)
        if (
            len(key) < 3
            or not any(ch.isupper() for ch in text)
            # an acronym the gazetteer lacks is an organisation ("NICE", "SWAT")
            or (text.isupper() and " " not in text)
            # one unknown word the NER calls a GPE is mostly a surname
            # ("Saakashvili", "Pawlenty"): a place name of its own would be in
            # the gazetteer
            or (ent.label_ == "GPE" and len(ent) == 1)
            or key in gaz.stopnames
            or gaz.demonym_country(text) is not None
            or set(key.split()) <= _generic()
            or false_toponym(doc, ent)
        ):
            continue
        found = _next_holder(doc_text(doc), end, raws, chosen, _kind_of_site(text) == "site")
        if found is None:
            nested = nested_place(text, gaz, chosen, demonyms=not _kind_of_site(text))
            found = vet_nested(text, nested, home, chosen)
            if found is None and nested is not None and _kind_of_site(text) == "address":
                # a street named after a far place ("Woodland Avenue" in a
                # Baltimore story): left unplaced, as a street, rather than
                # put at the story's home, where the event layer would take it
                # for a scene of its own
                continue
        if found is None and home is not None:
            found = dataclasses.replace(home, source="home:" + home.source)
        if found is None:
            continue
        found = at_crowd(found, gaz.crowd) or found
        raw = RawMention(start, end, text, str(ent.label_), [found], offset={"relation": "near"})
        out.append((raw, found))
    return out
