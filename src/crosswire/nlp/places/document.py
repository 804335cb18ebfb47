"""Geocoding all the toponyms of one document together.

``resolve_document`` ranks every name's candidates jointly (``resolve``) and
then fills the names the gazetteer lacks (``backoff``). It lives apart from
both so that neither has to import the other's caller.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

from crosswire.nlp.places.backoff import backoff as fill
from crosswire.nlp.places.backoff import held_in, strays
from crosswire.nlp.places.coherence import county_sense
from crosswire.nlp.places.context import holds_next
from crosswire.nlp.places.gazetteer import Gazetteer, Place, default_gazetteer, haversine_km
from crosswire.nlp.places.gazetteer_core import normalize
from crosswire.nlp.places.outlet import outlet_places
from crosswire.nlp.places.regionfocus import region_evidence, stated_regions, within
from crosswire.nlp.places.resolve import HOME_WEIGHT, choose_together
from crosswire.nlp.places.wording import narrow

__all__ = ["resolve_document"]

_WHOLE = frozenset({"country", "continent", "sea"})


def resolve_document(
    names: Sequence[str],
    *,
    gazetteer: Gazetteer | None = None,
    backoff: bool = True,
    home_country: str | None = None,
    text: str | None = None,
    spans: Sequence[tuple[int, int]] | None = None,
    home_town: str | None = None,
) -> list[Place | None]:
    """Geocode all toponyms of one document together (see ``choose_together``).

    Nationality words resolve to their country or region, as in ``resolve_toponym``.
    ``home_country`` (ISO2, the outlet's country; see ``home``) weighs as one
    mention of that country. ``text``, the article the names come from, adds
    the states and provinces it names in passing ("Canton, Ohio", "OVERLAND,
    MO"; see ``regionfocus``); ``spans``, the names' (start, end) offsets in it,
    let a name followed by its state keep only the candidates in that state.
    With ``backoff``, a name the gazetteer lacks takes the place the text puts
    it in ("the Palais des Nations in Geneva", given ``text`` and ``spans``),
    the place nested in it or the document's home place, and so does a small
    namesake far from all the document's other places (a street or area: see
    ``crosswire.nlp.places.backoff``) unless the text puts it in its country
    or state ("Visbek, Germany"); a name the text puts in a town far from its
    own place is a building there ("the CHU in Montpellier"). ``home_town``
    is the town the outlet's address names (``outlet.home_town``): it joins
    the ranking as one more name of the story, placed with the others.
    """
    gaz = gazetteer or default_gazetteer()
    evidence = region_evidence(text, gaz) if text else None
    ends = [e for _, e in spans] if spans is not None else [-1] * len(names)
    stated = stated_regions(names, ends, evidence)
    cands: list[list[Place]] = []
    for name in names:
        found = gaz.lookup(name)
        found += [c for c in gaz.counties(name) if c not in found] if found else []
        demonym = gaz.demonym_place(name)
        if demonym is not None and not any(c.kind in {"country", "continent"} for c in found):
            found = [demonym]
        cands.append(within(found, stated.get(normalize(name))))
    if text and spans is not None:
        # acronyms, designators, street pairs and team names (``wording``);
        # a street's empty candidates leave it to the backoff's home
        narrow(names, spans, cands, text, gaz, home_country)
        held = _in_context(cands, names, spans, text)
    else:
        held = set()
    count = len(names)
    own = outlet_places(home_town, home_country, gaz)
    if own and home_town:
        # the outlet's town: one more name of the story, after its text
        names = [*names, home_town]
        cands.append(own)
    home = Counter({home_country: HOME_WEIGHT} if home_country else {})
    chosen = choose_together(cands, names, focus=home, evidence=evidence)
    county_sense(names, cands, chosen)
    if not backoff:
        return chosen[:count]
    # a name the text puts in its country or state ("Visbek, Germany", "the
    # village of Flumeri in southern Italy") is no stray, however small and far
    placed = [chosen[i] if i in held else p for i, p in enumerate(strays(names, chosen, cands))]
    if text and spans is not None:
        # the outlet's town, past the text, holds no name of it
        placed = [*held_in(placed[:count], spans, text), *placed[count:]]
        _held_far(placed, spans, text)
    return fill(names, placed, gaz)[:count]


def _in_context(
    cands: list[list[Place]], names: Sequence[str], spans: Sequence[tuple[int, int]], text: str
) -> set[int]:
    """ "Bogota, Colombia", "Paris, Texas", "Flumeri in southern Italy": a town
    the text puts in a country or state keeps only its candidates there (none
    lost when it has none there, unlike ``find_places``, which has no gold
    spans to trust); the holder then keeps only its regions or countries that
    hold it. Returns the indices of the names so placed."""
    held: set[int] = set()
    order = sorted(range(len(names)), key=lambda k: spans[k])
    for a, b in zip(order, order[1:], strict=False):
        if (
            spans[a][1] > spans[b][0]
            or not holds_next(text[spans[a][1] : spans[b][0]])
            or any(c.kind in _WHOLE or c.kind == "region" for c in cands[a])
        ):
            continue
        holders = [c for c in cands[b] if c.kind in {"region", "country"}]
        inside = [c for c in cands[a] if any(_inside(c, h) for h in holders)]
        if inside:
            cands[a] = inside
            held.add(a)
            # "Yonkers, New York": the holder is the state, not the big city
            # of its name near the town
            cands[b] = [h for h in holders if any(_inside(c, h) for c in inside)]
    return held


def _inside(c: Place, holder: Place) -> bool:
    """Whether ``c`` lies in the country or first-level region ``holder``."""
    return c.country == holder.country and (
        holder.kind == "country" or normalize(c.admin1) == normalize(holder.admin1 or holder.name)
    )


# A name the text puts "in" or "at" a town lies this close to it.
_HELD_KM = 100.0
_LOCAL = frozenset({"city", "town", "neighbourhood"})


def _held_far(chosen: list[Place | None], spans: Sequence[tuple[int, int]], text: str) -> None:
    """ "the CHU in Montpellier": a name the text puts in the town right after
    it, but placed far from that town (Chu, Vietnam), is a building or area of
    the town: it takes the town's place, marked "in:" as ``held_in`` does. A
    comma is no sign here ("London, Paris and Berlin")."""
    order = sorted(range(len(spans)), key=lambda k: spans[k])
    for a, b in zip(order, order[1:], strict=False):
        inner, outer = chosen[a], chosen[b]
        if (
            inner is None
            or outer is None
            or spans[a][1] > spans[b][0]
            # a state or country lies in no town ("the University of Nebraska
            # at Omaha")
            or inner.kind in _WHOLE
            or inner.kind == "region"
            or outer.kind not in _LOCAL
            or outer.source.startswith(("home:", "in:", "nested:"))
            or haversine_km(inner.lat, inner.lon, outer.lat, outer.lon) <= _HELD_KM
        ):
            continue
        between = text[spans[a][1] : spans[b][0]]
        if between.strip() != "," and holds_next(between):
            chosen[a] = dataclasses.replace(outer, source="in:" + outer.source)
