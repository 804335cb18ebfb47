"""Find place mentions in a parsed article and geocode them.

Toponyms come from two places: the NER spans (GPE, LOC, FAC; PERSON and ORG
only when the gazetteer match is strong, because the small English model calls
"Raqqah" or "Sheikh Maqsood" a person) and runs of capitalized tokens the model
missed. Each span takes its longest gazetteer match. Ambiguous names are settled
by the article's country focus and nearby unambiguous places, then population.
Precision follows ACLED's geo_precision: 1 a town, 2 near a town or part of a
region, 3 a larger region or country.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from crosswire.nlp.doccache import doc_ents, doc_text
from crosswire.nlp.gazetteer import Gazetteer, Place, default_gazetteer, haversine_km, normalize
from crosswire.nlp.place_filters import designators, false_toponym, place_cue

__all__ = ["PlaceMention", "find_places", "resolve_toponym", "choose"]

_STRONG_LABELS = frozenset({"GPE", "LOC", "FAC"})
_WEAK_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", ""})
# Lower-case words allowed inside a run of capitalized tokens ("Gulf of Aden",
# "Jisr al-Shughur", "Deir ez-Zor").
_CONNECTORS = frozenset(
    ["of", "al", "el", "ash", "as", "ad", "ar", "ez", "az", "-"]
    + ["de", "del", "la", "le", "du", "des", "da"]
)
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
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
_DIRECTION = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?"
_OFFSET_RE = re.compile(
    r"(?:(?P<num>\d+(?:[.,]\d+)?|" + "|".join(_NUMBER_WORDS) + r")\s*-?\s*"
    r"(?P<unit>km|kms|kilometers|kilometres|miles|mi)\s+(?:\(\s*[\d.]+\s*\w+\s*\)\s+)?"
    r"(?:to\s+the\s+)?)?(?P<dir>" + _DIRECTION + r")\s+of\s+(?:the\s+)?"
    r"(?:(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE,
)
_NEAR_RE = re.compile(
    r"(?:\bnear|\boutside|\boutskirts\s+of|\bclose\s+to|\bedge\s+of|\bvicinity\s+of)\s+"
    r"(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE,
)
_PART_RE = re.compile(r"\b(?P<dir>" + _DIRECTION + r")ern\s+$", re.IGNORECASE)
_REGION_BEFORE_RE = re.compile(
    r"\b(?:province|governorate|region|oblast)\s+of\s+(?:the\s+)?$", re.IGNORECASE
)


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


@dataclass
class _Raw:
    start: int
    end: int
    text: str
    label: str
    candidates: list[Place]
    region_mode: bool = False
    offset: dict[str, Any] | None = None
    extra: list[str] = field(default_factory=list)


def _score(
    p: Place,
    focus: Counter[str],
    anchors: Sequence[Place] = (),
    regions: frozenset[tuple[str, str]] = frozenset(),
) -> float:
    total = sum(focus.values())
    pop = p.population
    if p.source == "supplement" and not pop:
        # curated seas, lakes and mountains carry no population; a namesake
        # hamlet ("Atlantic", Iowa) must not outrank them.
        pop = 1_000_000 if p.kind in {"sea", "continent"} else 100_000
    s = math.log10(pop + 10)
    if total and p.country:
        s += 4.0 * focus[p.country] / total + (1.0 if focus[p.country] else 0.0)
    if p.kind == "country":
        s += 3.0
    elif p.kind in {"continent", "sea"}:
        s += 2.0
    if p.source == "supplement":
        s += 0.5
    if p.admin1 and (p.country, normalize(p.admin1)) in regions and p.kind != "region":
        s += 2.0
    if anchors and p.kind not in {"country", "continent", "sea"}:
        near = min(haversine_km(p.lat, p.lon, a.lat, a.lon) for a in anchors)
        if near < 150:
            s += 2.0
        elif near < 400:
            s += 1.0
    return s


def choose(
    candidates: Sequence[Place],
    focus: Counter[str] | None = None,
    anchors: Sequence[Place] = (),
    regions: frozenset[tuple[str, str]] = frozenset(),
    query: str = "",
) -> Place | None:
    """Pick the most plausible candidate given the article's country focus and anchors.

    ``regions`` are (country, normalized name) of first-level regions the article
    names; ``query`` the mention text (a candidate whose main name it is wins ties
    over one matched by an alternate name: "Oklahoma" the state, not Oklahoma City).
    """
    if not candidates:
        return None
    focus = focus or Counter()
    # The mention itself must not count as context for its own candidates.
    regions = regions - {(c.country, normalize(c.name)) for c in candidates if c.kind == "region"}
    qkey = normalize(query)
    # A city and its same-named region compete ("Idlib", "New York"): without a
    # designator the city is meant when it is big beside the region, but not when
    # it is small ("Washington", "Oklahoma"). Region populations are sums over
    # the cities in them, so a quarter is a big share.
    big_city: dict[str, int] = {}
    for c in candidates:
        if c.kind in {"city", "town"}:
            big_city[c.country] = max(big_city.get(c.country, 0), c.population)

    def key(p: Place) -> float:
        s = _score(p, focus, anchors, regions)
        if p.kind == "region" and big_city.get(p.country, 0) >= 0.25 * p.population:
            s -= 2.0
        if qkey and normalize(p.name) == qkey:
            s += 1.0
        return s

    return max(candidates, key=key)


def resolve_toponym(
    name: str,
    *,
    context_countries: Sequence[str] = (),
    context_places: Sequence[Place] = (),
    gazetteer: Gazetteer | None = None,
) -> Place | None:
    """Geocode one toponym given the ISO2 countries the document is about.

    ``context_countries`` may repeat a code to weight it; ``context_places`` are
    other places the document names (nearby ones and named regions help).
    Nationality words ("Turkish", "European") resolve to their country or region.
    """
    gaz = gazetteer or default_gazetteer()
    demonym = gaz.demonym_place(name)
    cands = gaz.lookup(name)
    if demonym is not None and not any(c.kind in {"country", "continent"} for c in cands):
        return demonym
    regions = frozenset(
        (p.country, normalize(p.name)) for p in context_places if p.kind == "region"
    )
    anchors = [p for p in context_places if p.kind not in {"country", "continent", "sea"}]
    focus = Counter(c for c in context_countries if c)
    return choose(cands, focus, anchors, regions, query=name)


def _runs(doc: Any) -> list[tuple[int, int]]:
    """Token index ranges of capitalized runs (connectors allowed inside)."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.text[:1].isupper() and tok.is_alpha or tok.text[:1].isupper() and "'" in tok.text:
            j = i + 1
            while j < n:
                t = doc[j]
                if t.text[:1].isupper() and (t.is_alpha or "'" in t.text or "’" in t.text):
                    j += 1
                    continue
                if t.lower_ in _CONNECTORS and j + 1 < n:
                    k = j
                    while k < n and doc[k].lower_ in _CONNECTORS:
                        k += 1
                    if k < n and doc[k].text[:1].isupper() and doc[k].is_alpha:
                        j = k
                        continue
                break
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _label_at(doc: Any, start: int, end: int) -> str:
    for ent in doc_ents(doc):
        if ent.start_char < end and start < ent.end_char:
            return str(ent.label_)
    return ""


def _strong(best: Place, label: str, text: str, gaz: Gazetteer) -> bool:
    """Whether a match outside a GPE/LOC span is trustworthy enough to keep."""
    if best.kind in {"country", "continent", "sea", "water", "mountain", "neighbourhood"}:
        return True
    if best.source == "supplement":
        return True
    if " " in normalize(text) or "-" in text:
        return best.population >= 1000 or best.kind == "region"
    floor = 50_000 if label in {"PERSON", "ORG"} else 20_000
    return best.population >= floor


def _collect(doc: Any, gaz: Gazetteer) -> list[_Raw]:
    text: str = doc_text(doc)
    found: list[_Raw] = []
    spans = _runs(doc)
    ent_spans = [(e.start, e.end) for e in doc_ents(doc) if e.label_ in _STRONG_LABELS]
    covered = {i for a, b in spans for i in range(a, b)}
    spans.extend((a, b) for a, b in ent_spans if not any(i in covered for i in range(a, b)))
    for a, b in sorted(spans):
        i = a
        while i < b:
            hit = None
            for j in range(min(b, i + 6), i, -1):
                if doc[j - 1].lower_ in _CONNECTORS or doc[i].lower_ in _CONNECTORS:
                    continue
                span = doc[i:j]
                cands = gaz.lookup(span.text, loose=True)
                if cands:
                    hit = (span, cands)
                    break
            if hit is None:
                i += 1
                continue
            span, cands = hit
            i = span.end
            stext = str(span.text)
            if false_toponym(doc, span):
                continue
            if gaz.demonym_country(stext) is not None and not any(
                c.kind == "country" for c in cands
            ):
                continue
            label = _label_at(doc, span.start_char, span.end_char)
            key = normalize(stext)
            if label not in _STRONG_LABELS:
                if key in gaz.stopnames:
                    continue
                best = max(cands, key=lambda p: (p.kind == "country", p.population))
                if not _strong(best, label, stext, gaz) and not place_cue(doc, span):
                    continue
            found.append(_Raw(span.start_char, span.end_char, stext, label, cands))
    for raw in found:
        _designate(raw, text, gaz)
    return found


def _designate(raw: _Raw, text: str, gaz: Gazetteer) -> None:
    """Spot "Idlib province", "province of Raqqah", offsets and "near X"."""
    after = re.match(r"\s+(\w+)", text[raw.end : raw.end + 20])
    before = text[max(0, raw.start - 80) : raw.start]
    if after and after.group(1).lower() in designators():
        raw.region_mode = True
        raw.end += after.end()
    elif (m := _REGION_BEFORE_RE.search(before)) is not None:
        raw.region_mode = True
        raw.start -= len(before) - m.start()
    if raw.region_mode:
        raw.text = text[raw.start : raw.end]
        return
    if (m := _OFFSET_RE.search(before)) is not None:
        direction = m.group("dir").lower().replace(" ", "").replace("-", "")
        off: dict[str, Any] = {"direction": direction}
        if m.group("num"):
            num = m.group("num").lower()
            val = float(_NUMBER_WORDS.get(num, 0) or num.replace(",", "."))
            if m.group("unit").lower().startswith("mi"):
                val *= 1.609344
            off["distance_km"] = round(val, 1)
        raw.offset = off
    elif _NEAR_RE.search(before):
        raw.offset = {"relation": "near"}
    elif (m := _PART_RE.search(before)) is not None:
        raw.offset = {"part": m.group("dir").lower().replace(" ", "").replace("-", "")}


def _focus(raws: Sequence[_Raw], doc: Any, gaz: Gazetteer) -> Counter[str]:
    focus: Counter[str] = Counter()
    for raw in raws:
        countries = {c.country for c in raw.candidates if c.country}
        if any(c.kind == "country" for c in raw.candidates):
            focus.update(c.country for c in raw.candidates if c.kind == "country")
            focus.update(c.country for c in raw.candidates if c.kind == "country")
        elif len(countries) == 1:
            focus.update(countries)
    for ent in doc_ents(doc):
        if ent.label_ == "NORP" and (cc := gaz.demonym_country(ent.text)):
            focus[cc] += 1
    return focus


def _resolve_region(raw: _Raw, best: Place, gaz: Gazetteer) -> Place:
    for suffix in (" province", " governorate", " region", " oblast"):
        regs = [c for c in gaz.lookup(raw.text.split(" ")[0] + suffix) if c.kind == "region"]
        if regs:
            return regs[0]
    regs = [c for c in raw.candidates if c.kind == "region" and c.country == best.country]
    if regs:
        return regs[0]
    if best.admin1 and (reg := gaz.region(best.country, best.admin1)) is not None:
        return reg
    return Place(
        best.name,
        best.lat,
        best.lon,
        best.country,
        best.admin1 or best.name,
        "region",
        best.population,
        best.source,
        best.geonameid,
    )


def find_places(doc: Any, *, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Return geocoded place mentions in a spaCy ``Doc``, in text order.

    Never raises for odd input: an empty or unparseable doc gives ``[]``.
    """
    gaz = gazetteer or default_gazetteer()
    try:
        raws = _collect(doc, gaz)
    except (AttributeError, TypeError, ValueError):
        return []
    focus = _focus(raws, doc, gaz)
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
    out: list[PlaceMention] = []
    for raw in raws:
        best = choose(raw.candidates, focus, anchors, regions, query=raw.text)
        if best is None:
            continue
        if raw.region_mode and best.kind not in {"region", "country"}:
            best = _resolve_region(raw, best, gaz)
        precision = 3 if raw.region_mode else _PRECISION.get(best.kind, 2)
        if raw.offset is not None and precision == 1:
            precision = 2
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
                candidates=len(raw.candidates),
            )
        )
    return out
