"""Find place mentions in a parsed article and geocode them.

Names are detected by ``detect`` (NER spans and capitalised runs, each with
its longest gazetteer match) and narrowed by the words around them
(``context``: "Paris, Texas", "peace talks in Geneva"). Ambiguous names are settled
by the article's country focus and nearby unambiguous places, then population.
Precision follows ACLED's geo_precision: 1 a town, 2 near a town or part of a
region (a county or district), 3 a first-level region or larger.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.nlp.core.doccache import doc_ents, doc_text
from crosswire.nlp.places.backoff import home_place, strays, unplaced_names
from crosswire.nlp.places.coherence import county_sense
from crosswire.nlp.places.context import contain, venues
from crosswire.nlp.places.designate import RawMention, resolve_region
from crosswire.nlp.places.detect import ADMIN2_SOURCES, collect
from crosswire.nlp.places.gazetteer import Gazetteer, Place, default_gazetteer, normalize
from crosswire.nlp.places.outlet import outlet_places
from crosswire.nlp.places.regionfocus import region_evidence, stated_regions, within
from crosswire.nlp.places.resolve import HOME_WEIGHT, choose, choose_together, resolve_toponym
from crosswire.nlp.places.wording import narrow

__all__ = [
    "PlaceMention",
    "choose",
    "feature_class",
    "find_places",
    "resolve_toponym",
    "surface_form",
]

_PRECISION = {
    "city": 1,
    "town": 1,
    "neighbourhood": 1,
    "site": 1,
    "mountain": 2,
    "water": 2,
    "region": 3,
    "country": 3,
    "continent": 3,
    "sea": 3,
}


_FEATURE_CLASS = {
    "city": "P",
    "town": "P",
    "neighbourhood": "P",
    "region": "A",
    "country": "A",
    "continent": "L",
    "sea": "H",
    "water": "H",
    "mountain": "T",
    "site": "S",
}


def feature_class(kind: str) -> str:
    """The GeoNames feature class letter of a gazetteer kind ("" if unknown)."""
    return _FEATURE_CLASS.get(kind, "")


def surface_form(text: str) -> str:
    """The article's form of a place name, without a lower-case leading article
    ("the Caspian Sea" -> "Caspian Sea"; "The Hague" stays) or line breaks."""
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _precision(best: Place, raw: RawMention) -> int:
    """ACLED geo_precision: 1 a town, 2 near a town or part of a region (a
    county or district, GeoNames admin2), 3 a first-level region or larger."""
    if best.kind == "region" and best.source in ADMIN2_SOURCES:
        return 2
    if raw.region_mode:
        return 3
    if raw.offset is not None and raw.offset.get("relation") == "in":
        return 2  # "Sarkh, Logar province": somewhere in the region
    precision = _PRECISION.get(best.kind, 2)
    return 2 if raw.offset is not None and precision == 1 else precision


@dataclass
class PlaceMention:
    """A geocoded place mention; ``start``/``end`` are offsets into the doc text."""

    start: int
    end: int
    text: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    kind: str
    precision: int
    source: str
    geonameid: int | None = None
    label: str = ""
    offset: dict[str, Any] | None = None
    candidates: int = 1
    # The article's own form of the name ("Hama", not the gazetteer's "Ḩamāh"),
    # without a leading "the": what pages, reports and exports show first.
    surface: str = ""
    # GeoNames feature class: P populated place, A country or region, H water,
    # T mountain, L area, S site.
    feature_class: str = ""


def _focus(raws: Sequence[RawMention], doc: Any, gaz: Gazetteer) -> Counter[str]:
    focus: Counter[str] = Counter()
    for raw in raws:
        countries = {c.country for c in raw.candidates if c.country}
        if any(c.kind == "country" for c in raw.candidates):
            focus.update(c.country for c in raw.candidates if c.kind == "country")
            focus.update(c.country for c in raw.candidates if c.kind == "country")
        elif len(countries) == 1:
            focus.update(countries)
    return focus + _norp_focus(doc, gaz)


def _norp_focus(doc: Any, gaz: Gazetteer) -> Counter[str]:
    """Countries the article's nationality words name ("Syrian" -> SY)."""
    focus: Counter[str] = Counter()
    for ent in doc_ents(doc):
        if ent.label_ != "NORP" or not (cc := gaz.demonym_country(ent.text)):
            continue
        if not (len(cc) == 2 and cc.isupper()):
            # a people of a country's part ("English" -> England) is evidence
            # of that country; of a continent ("European"), of none
            place = gaz.demonym_place(ent.text)
            cc = place.country if place is not None and place.kind == "region" else cc
        focus[cc] += 1
    return focus


def find_places(
    doc: Any,
    *,
    gazetteer: Gazetteer | None = None,
    demonyms: bool = False,
    backoff: bool = True,
    home_country: str | None = None,
    home_town: str | None = None,
) -> list[PlaceMention]:
    """Return geocoded place mentions in a spaCy ``Doc``, in text order.

    With ``demonyms``, nationality words ("Syrian", "European") are reported
    too, as country- or region-level places (label NORP, precision 3); without
    it they only weigh as country evidence. With ``backoff``, a street, building
    or area the NER finds but no gazetteer holds ("Beale Street") is placed by
    the backoff (``crosswire.nlp.places.backoff``): near the place nested in
    its name or near the article's home place. Never raises for odd input: an
    empty or unparseable doc gives ``[]``. ``home_country`` (ISO2) is the
    outlet's country (``crosswire.nlp.places.home``), weighed as one mention of
    it; ``home_town`` the town its address names (``outlet.home_town``),
    weighed as one more name of the story and never reported.
    """
    gaz = gazetteer or default_gazetteer()
    try:
        raws = collect(doc, gaz, demonyms)
    except (AttributeError, TypeError, ValueError):
        return []
    for raw in raws:
        if raw.candidates and not raw.region_mode and raw.offset is None:
            # "Platte" may be Platte County: weighed against the towns by the
            # article's other places (see ``resolve``)
            raw.candidates += [c for c in gaz.counties(raw.text) if c not in raw.candidates]
    evidence = region_evidence(doc_text(doc), gaz)
    stated = stated_regions([r.text for r in raws], [r.end for r in raws], evidence)
    for raw in raws:
        raw.candidates = within(raw.candidates, stated.get(normalize(raw.text)))
    contain(raws, doc_text(doc))
    venues(raws, doc_text(doc))
    cands = [r.candidates for r in raws]
    spans = [(r.start, r.end) for r in raws]
    streets = narrow([r.text for r in raws], spans, cands, doc_text(doc), gaz, home_country)
    for raw, found in zip(raws, cands, strict=True):
        raw.candidates = found
    own = outlet_places(home_town, home_country, gaz)
    outlet = RawMention(len(doc_text(doc)) + 1, len(doc_text(doc)) + 1, home_town or "", "", own)
    if own:
        raws.append(outlet)
    home: Counter[str] = Counter({home_country: HOME_WEIGHT} if home_country else {})
    focus = _focus(raws, doc, gaz) + home
    anchors = [
        r.candidates[0]
        for r in raws
        if len(r.candidates) == 1 and r.candidates[0].kind not in {"country", "continent", "sea"}
    ]
    regions = frozenset(
        (c.country, normalize(c.name))
        for r in raws
        for c in r.candidates
        if c.kind == "region" and len(r.candidates) <= 2
    )
    first = [
        choose(r.candidates, focus, anchors, regions, query=r.text, evidence=evidence) for r in raws
    ]
    # Then together: each mention with the others' choices as context.
    chosen = choose_together(
        [r.candidates for r in raws],
        [r.text for r in raws],
        focus=_norp_focus(doc, gaz) + home,
        first=first,
        evidence=evidence,
    )
    county_sense([r.text for r in raws], [r.candidates for r in raws], chosen)
    if backoff:
        placed = strays([r.text for r in raws], chosen, [r.candidates for r in raws])
        for raw, before, after in zip(raws, chosen, placed, strict=True):
            if after is not before and after is not None and after.source.startswith("home:"):
                raw.offset = {"relation": "near"}  # somewhere in the story's home
        chosen = placed
        home_of = home_place(chosen)
        if streets and home_of is not None:
            # "the corner of State and Hubbard streets": in the story's home
            for k in streets:
                chosen[k] = dataclasses.replace(home_of, source="home:" + home_of.source)
                raws[k].offset = {"relation": "near"}
        extra = unplaced_names(doc, raws, chosen, gaz)
        pairs = sorted([*zip(raws, chosen, strict=True), *extra], key=lambda rp: rp[0].start)
        raws = [r for r, _ in pairs]
        chosen = [p for _, p in pairs]
    out: list[PlaceMention] = []
    total = sum(focus.values())
    for raw, best in zip(raws, chosen, strict=True):
        if best is None or raw is outlet:
            continue
        if (
            not raw.region_mode
            and raw.offset is None
            and total
            and focus[best.country] < 0.1 * total
            and not gaz.exact(raw.text)
            and gaz.demonym_country(raw.text) is None
        ):
            # a spelling variant ("Fatisah" ~ Fatsa) is trusted only in a country
            # the article is about: a Syrian hamlet the gazetteer lacks must not
            # become a Turkish town
            continue
        if raw.region_mode and best.kind not in {"region", "country"}:
            best = resolve_region(raw, best, gaz)
        precision = _precision(best, raw)
        out.append(
            PlaceMention(
                start=raw.start,
                end=raw.end,
                text=raw.text,
                name=best.name,
                lat=best.lat,
                lon=best.lon,
                country=best.country,
                admin1=best.admin1,
                kind=best.kind,
                precision=precision,
                source=best.source,
                geonameid=best.geonameid,
                label=raw.label or "gazetteer",
                offset=raw.offset,
                candidates=raw.ambiguity or len(raw.candidates),
                surface=surface_form(raw.text),
                feature_class=feature_class(best.kind),
            )
        )
    return out
