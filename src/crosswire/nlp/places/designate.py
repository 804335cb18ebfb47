"""Designators and offsets around a place mention.

"Idlib province" and "province of Raqqah" make a mention a region;
"10 km north of X", "near X" and "northern X" give it an offset, which lowers
its precision. ``resolve_region`` finds the region a designated mention names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from crosswire.nlp.places.filters import designators
from crosswire.nlp.places.gazetteer import Gazetteer, Place

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


# _OFFSET_RE and _PART_RE cannot match without one of these words; checking for
# them first skips the costly search (35 us for the offset pattern, which is
# tried at every position of the 80 characters before each mention). Only done
# for ASCII text, where IGNORECASE matching is plain lower-casing.
_DIRECTION_WORDS = ("north", "south", "east", "west")


@dataclass
class RawMention:
    """A toponym span with its gazetteer candidates, before resolution."""

    start: int
    end: int
    text: str
    label: str
    candidates: list[Place]
    region_mode: bool = False
    offset: dict[str, Any] | None = None
    extra: list[str] = field(default_factory=list)
    # how many candidates the name had before its context narrowed them
    ambiguity: int = 0


def designate(raw: RawMention, text: str, gaz: Gazetteer) -> None:
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
    low = before.lower()
    directed = not before.isascii() or any(w in low for w in _DIRECTION_WORDS)
    if directed and (m := _OFFSET_RE.search(before)) is not None:
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
    elif directed and (m := _PART_RE.search(before)) is not None:
        raw.offset = {"part": m.group("dir").lower().replace(" ", "").replace("-", "")}


def resolve_region(raw: RawMention, best: Place, gaz: Gazetteer) -> Place:
    """The region a designated mention ("Idlib province") names."""
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
