"""Ordinary tokens that the gazetteer knows as alternate names of places.

GeoNames lists "Jan" for Dschang (Cameroon), "SE" for Sé (Macau), "Mo" for a
Norwegian town, "Metro" for a city in Lampung and "University" for towns in
Florida and Canada. In news text these are a month, a compass quadrant ("14th
Street SE"), a state's postal code ("ST. LOUIS COUNTY, MO"), a transit system
and a campus (issue #13). The rules here read the text around the token, not
the name alone, so that a real town called Metro stays reachable when the text
marks it as a place. Word lists are data (``data/place_aliases.json``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from crosswire.datafiles import read_json
from crosswire.nlp.places.gazetteer_core import Place, normalize

__all__ = [
    "acronym",
    "calendar_word",
    "common_word",
    "field_word",
    "compass_code",
    "generic_alias",
    "ordinary_part",
    "written_lowercase",
    "region_code",
    "region_places",
]


@dataclass(frozen=True)
class _Lists:
    calendar: frozenset[str]
    compass: frozenset[str]
    time_zones: frozenset[str]
    generic: frozenset[str]
    determiners: frozenset[str]
    field_keys: frozenset[str]
    person_fields: frozenset[str]
    # upper-case postal code -> (ISO2 country, region name)
    codes: dict[str, tuple[str, str]]


@functools.lru_cache(maxsize=1)
def _lists() -> _Lists:
    raw = read_json("place_aliases.json")
    regions = read_json("place_region_codes.json")["codes"]
    codes = {code: (cc, name) for cc, table in regions.items() for code, name in table.items()}
    return _Lists(
        calendar=frozenset(raw["months"]) | frozenset(raw["weekdays"]),
        compass=frozenset(raw["compass"]),
        time_zones=frozenset(raw["time_zones"]),
        generic=frozenset(raw["generic"]),
        determiners=frozenset(raw["determiners"]),
        field_keys=frozenset(raw["field_keys"]),
        person_fields=frozenset(raw["person_fields"]),
        codes=codes,
    )


def calendar_word(doc: Any, span: Any) -> bool:
    """A month or weekday abbreviation used as a date ("Jan. 5", "on Fri.",
    "JAN 12", "5 Sept"): a dot, a day number or the NER's DATE marks it."""
    if len(span) > 2:
        return False
    text = span.text
    if text.lower().rstrip(".") not in _lists().calendar:
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    return (
        text.endswith(".")
        or span[0].ent_type_ == "DATE"
        or (nxt is not None and (nxt.text == "." or nxt.like_num))
        or (prev is not None and prev.like_num)
    )


def compass_code(span: Any) -> bool:
    """A time zone in capitals ("EST"), or a compass abbreviation in capitals
    or with dots, alone or closing the match ("SE", "14th Street SE", "N.W."):
    a quadrant or a direction, never a town (the loose key of "Street SE" is
    Sé's). A state code such as "NE" after a comma is read first by
    ``region_code``."""
    text = span[-1].text
    if len(span) == 1 and text.isupper() and text.lower() in _lists().time_zones:
        return True  # "12:48 PM EST": the time zone, not Est, Burkina Faso
    if text.lower() not in _lists().compass:
        return False
    return text.isupper() or "." in text


def written_lowercase(span: Any, lowercase: frozenset[str]) -> bool:
    """A one-word match the article also writes in lower case ("Shot" of a
    headline whose story says "was shot"; "Turkey Hunt" beside "turkey"): the
    capital is the headline's or the sentence's, the word a common one.
    ``lowercase``: the article's all-lower-case words."""
    return len(span) == 1 and span[0].lower_ in lowercase


def ordinary_part(word: str) -> bool:
    """A word inside a longer unplaced name that names no place of its own: a
    compass code ("SE" of "14th Street SE") or a month or weekday abbreviation."""
    key = word.lower()
    if key in _lists().compass:
        return word.isupper() or "." in word
    return key.rstrip(".") in _lists().calendar


def region_code(doc: Any, span: Any) -> tuple[str, str] | None:
    """(country, region name) when ``span`` is a first-level region's postal code
    written after a capitalised name and a comma ("LOUIS COUNTY, MO", "Omaha,
    NE"): the state itself, not a town spelt like the code (Mo, Norway)."""
    if len(span) != 1 or span.start < 2:
        return None
    text = span.text
    if not (text.isupper() and text.isalpha()):
        return None
    region = _lists().codes.get(text)
    if region is None:
        return None
    comma, name = doc[span.start - 1], doc[span.start - 2]
    if comma.text != "," or not name.text[:1].isupper():
        return None
    return region


def region_places(region: tuple[str, str], found: list[Place]) -> list[Place]:
    """The region among a state name's gazetteer candidates."""
    cc, _ = region
    return [p for p in found if p.kind == "region" and p.country == cc]


def generic_alias(doc: Any, span: Any, cands: list[Place], cued: bool) -> bool:
    """A common noun that is some place's alternate name ("the Metro", "the
    University", "City officials", "Police said").

    It stays a place only when the text writes it as a proper place name: a
    capitalised word not opening the sentence, with no article or possessive
    before it, that is a candidate's primary name, in a place slot (``cued``:
    "in Metro", "the town of Metro")."""
    if len(span) != 1:
        return False
    tok = span[0]
    if tok.lower_ not in _lists().generic:
        return False
    prev = doc[span.start - 1] if span.start > 0 else None
    proper = (
        tok.text[:1].isupper()
        and not tok.text.isupper()
        and not tok.is_sent_start
        and (prev is None or prev.lower_ not in _lists().determiners)
        and any(c.name.casefold() == tok.lower_ for c in cands)
    )
    return not (proper and cued)


_FIELD_MARKS = frozenset({":", "-", "\u2013", "\u2014"})


def field_word(doc: Any, span: Any) -> bool:
    """A form's field label or the value of a person's field: "Date: 09-17-2016",
    "Raw: Victims' family ...", "Sex \u2013 Male", "This Zip Code to Date \u2013 2"
    (Date, Japan; Male, Maldives; Atyrau, spelt "Raw")."""
    if len(span) != 1:
        return False
    lists = _lists()
    nxt = doc[span.end] if span.end < len(doc) else None
    if span[0].lower_ in lists.field_keys and nxt is not None and nxt.text in _FIELD_MARKS:
        return True
    return (
        span.start >= 2
        and doc[span.start - 1].text in _FIELD_MARKS
        and doc[span.start - 2].lower_ in lists.person_fields
    )


def acronym(doc: Any, span: Any, cands: list[Place]) -> bool:
    """A word in capitals inside mixed-case text that is some place's alias or
    loose spelling only, not its name: a broadcaster's call sign ("KSL", "WAVE 3
    News", "KENS 5": Kassala, Wavre, Cairns) or an ordinary acronym ("SUV":
    Suva; "UCLA": Uccle). A place's own name in capitals stays ("MIAMI
    (CBSMiami) --"), and so do a country's acronym ("UAE") and a large city's
    ("NYC"); a headline or transcript in capitals is no acronym."""
    if len(span) != 1:
        return False
    text = span.text
    if not (text.isupper() and text.isalpha() and 3 <= len(text) <= 5):
        return False
    if span[0].ent_type_ in {"GPE", "LOC"}:
        return False
    key = text.casefold()
    for c in cands:
        if c.kind == "country" or c.population >= 1_000_000 or c.name.casefold() == key:
            return False
    lo, hi = max(0, span.start - 4), min(len(doc), span.end + 4)
    around = [t.text for t in doc[lo:hi] if t.is_alpha and t.i != span.start]
    return any(not w.isupper() for w in around)


_COMMON_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
_AREAS = frozenset({"country", "region", "continent", "sea"})


def common_word(span: Any, cands: list[Place]) -> bool:
    """A word the tagger reads as a common noun, verb or adjective that is only
    some place's alternate name, not its own name: "Drug paraphernalia"
    (Durg, India), "Fun, outgoing" (H\u016bn, Libya), "Possession of a firearm"
    (La Possession, R\u00e9union). A country or region ("Turkey"), a
    nationality word ("European") and a place called so ("Lot", Belgium) stay
    reachable."""
    if len(span) != 1 or span[0].pos_ not in _COMMON_POS:
        return False
    text = span.text
    if span[0].ent_type_ in {"GPE", "LOC", "NORP"} or text.isupper():
        return False  # "the German stronghold", "FATA", "A PARANAQUE court"
    key = normalize(text)
    return not any(c.kind in _AREAS or normalize(c.name) == key for c in cands)
