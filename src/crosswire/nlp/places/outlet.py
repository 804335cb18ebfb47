"""The outlet's town: where a local paper's address says it is published.

A local paper is mostly named after its town, and so is its address:
"hulldailymail.co.uk", "richmondregister.com", "thecolumbiastar.com",
"lasvegassun.com". Its stories name the streets, schools and small towns
around it, and the bare "Berea" of a Richmond, Kentucky paper is the town
next door, not the district of Lesotho. ``home_town`` reads the town from
the address (a town name followed only by words of a paper's title, from
``data/place_home.json``); ``outlet_places`` are its candidates, the towns
and cities of that name (in the outlet's home country when its address has
one), which the document's resolution takes as one more name of the story
(``resolve_document``, ``find_places``), to be placed with the others and
to place them.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from crosswire.datafiles import read_json
from crosswire.nlp.places.gazetteer import Gazetteer, Place, default_gazetteer

__all__ = ["METRO", "home_town", "outlet_places"]

_LOCAL = frozenset({"city", "town"})
# a town's name is at least this long in the address ("usatoday" is no town)
_MIN_TOWN = 4
# Top-level names reserved for examples and tests (RFC 2606, 6761): no outlet.
_RESERVED = frozenset({"example", "test", "invalid", "localhost", "local"})
# A town of this many people has a paper whose stories range far.
METRO = 500_000


@functools.lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, ...], frozenset[str]]:
    """(masthead words, longest first; the second-level labels of country codes)."""
    data = read_json("place_home.json")
    words = sorted(set(data["masthead_words"]), key=len, reverse=True)
    return tuple(words), frozenset(data["second_level"])


def _title(rest: str, words: tuple[str, ...]) -> bool:
    """Whether ``rest`` is nothing but masthead words run together ("dailymail")."""
    if not rest:
        return True
    return any(rest.startswith(w) and _title(rest[len(w) :], words) for w in words)


def _label(url: str) -> str:
    """The outlet's own label of an address ("hulldailymail" of
    "www.hulldailymail.co.uk"), lowercase, hyphens dropped; "" if none."""
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return ""
    parts = host.rstrip(".").split(".")
    if len(parts) < 2 or parts[-1] in _RESERVED:
        return ""
    _, second = _words()
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in second:
        label = parts[-3]
    else:
        label = parts[-2]
    return label.replace("-", "").lower()


def home_town(url: str | None, gazetteer: Gazetteer | None = None) -> str | None:
    """The town a local outlet's address is named after ("hull" of
    "hulldailymail.co.uk", "las vegas" of "lasvegassun.com"), as a lowercase
    name the gazetteer holds as a town or city; None when the address is no
    town and a paper's title ("bbc.co.uk", "nola.com", "usatoday.com")."""
    if not url:
        return None
    label = _label(url)
    label = label.removeprefix("the")
    words, _ = _words()
    title = frozenset(words)
    gaz = gazetteer or default_gazetteer()
    for cut in range(_MIN_TOWN, len(label)):
        town, rest = label[:cut], label[cut:]
        if town in title or not _title(rest, words):
            continue
        # the town's own words run together: "lasvegas" is "las vegas"
        for name in (town, *(f"{town[:i]} {town[i:]}" for i in range(2, len(town) - 1))):
            if any(p.kind in _LOCAL for p in gaz.lookup(name, loose=False)):
                return name
    return None


def outlet_places(
    town: str | None, country: str | None, gazetteer: Gazetteer | None = None
) -> list[Place]:
    """The towns and cities named ``town`` (see ``home_town``), only those in
    ``country`` (the outlet's home country) when it is given and holds one."""
    if not town:
        return []
    gaz = gazetteer or default_gazetteer()
    found = [p for p in gaz.lookup(town, loose=False) if p.kind in _LOCAL]
    if any(p.population >= METRO for p in found):
        # a big city's paper ("washingtonpost.com") covers the nation and
        # the world: its name says nothing of where a story happens
        return []
    if country:
        found = [p for p in found if p.country == country]
    return found
