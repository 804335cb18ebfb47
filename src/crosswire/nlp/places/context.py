"""The words around a place name that steer its choice.

"Paris, Texas", "Kafr Nabl, a town in Idlib province" and "the village of
Fatisah in the northern Syrian province of Raqqah": the second name holds the
first. "peace talks in Geneva": a meeting venue is the world city, not a
namesake in the article's own country. Word lists are data
(``data/place_filters.json``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosswire.nlp.places.designate import RawMention
from crosswire.nlp.places.filters import container_nouns, venue_nouns
from crosswire.nlp.places.gazetteer import normalize
from crosswire.nlp.places.resolve import choose

_WHOLE = frozenset({"country", "continent", "sea"})
_BETWEEN = re.compile(r"^\s*,\s*(?:(?:a|an|the)\s+)?(?:\w+\s+)?(\w+)\s+(?:in|of)\s+(?:the\s+)?$")
# "the village of Fatisah in the northern Syrian province of Raqqah"
_IN = re.compile(r"^\s+(?:in|at)\s+(?:the\s+)?(?:[A-Za-z]+\s+){0,2}$")
_BEFORE = re.compile(r"\b(\w+)\s+(?:held\s+|due\s+|opened\s+)?(?:in|at)\s+$")


def holds_next(between: str) -> bool:
    """Whether the text between two names makes the second hold the first:
    "Paris, Texas", "Kafr Nabl, a town in Idlib province", "Fatisah in the
    northern Syrian province of Raqqah"."""
    if between.strip() == "," or _IN.match(between):
        return True
    m = _BETWEEN.match(between)
    return m is not None and m.group(1).lower() in container_nouns()


def venues(raws: Sequence[RawMention], text: str) -> None:
    """ "peace talks in Geneva": a meeting place is the world city, chosen without
    the article's country focus (Geneva, Switzerland in a story about Syria
    that also names a US town)."""
    for raw in raws:
        m = _BEFORE.search(text[max(0, raw.start - 40) : raw.start])
        if m is None or m.group(1).lower() not in venue_nouns() or len(raw.candidates) < 2:
            continue
        best = choose(raw.candidates, query=raw.text)
        if best is not None:
            raw.ambiguity = len(raw.candidates)
            raw.candidates = [best]


def contain(raws: Sequence[RawMention], text: str) -> None:
    """ "Paris, Texas", "Sarkh, Logar province": a place right after a comma is
    the region or country holding the one before it. The first keeps only the
    candidates inside the second; when it has none there (a transliteration
    the gazetteer lacks, matched loosely to a namesake abroad), it stands for
    the container, as a place within it (precision 2)."""
    for a, b in zip(raws, raws[1:], strict=False):
        if not holds_next(text[a.end : b.start]):
            continue
        holders = [c for c in b.candidates if c.kind in {"region", "country"}]
        if not holders or a.region_mode or any(c.kind in _WHOLE for c in a.candidates):
            # "German, Irish and other immigrants": a country is held by no one
            continue
        inside = [
            c
            for c in a.candidates
            if any(
                c.country == h.country
                and (h.kind == "country" or normalize(c.admin1) == normalize(h.admin1 or h.name))
                for h in holders
            )
        ]
        a.ambiguity = len(a.candidates)
        if inside:
            a.candidates = inside
        elif not any(normalize(c.name) == normalize(a.text) for c in a.candidates):
            a.candidates = [max(holders, key=lambda h: h.population)]
            a.offset = {"relation": "in"}
