"""What a name's own letters and the words right after it say of its kind.

Two cues the gazetteer alone misses:

* an outlet's abbreviation of its own country: "post-apartheid SA" in a South
  African paper is South Africa, not Saa, Cameroon (``home_initials``);
* a designator written after the name, also after a coordinated pair: "the
  North West and Limpopo provinces", "Suffolk County" is the county; the bare
  "North West" is indexed only with its designator, since the phrase is
  generic (``designated``);
* street pairs: "the corner of State and Hubbard streets" (or "the
  Chartres/Franklin intersection") names two streets,
  not a town in Apulia and a county in Colorado (``street_names``);
* teams: in a sports story "against Louisville" and "the Portland Trail
  Blazers" name a team, which bears a big city's name (``team_cities``);
* a state's own words: "a New York court", "New York's attorney general",
  "the New York border" name the state, not the city (``state_sense``);
* an accord or a body named after a place: "the Venice Commission", "the
  Paris Agreement" name the world city, not a namesake in the article's
  country (``world_sense``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from crosswire.datafiles import read_json
from crosswire.nlp.places.coherence import COUNTY_SOURCES
from crosswire.nlp.places.gazetteer import Gazetteer, Place, normalize
from crosswire.nlp.places.resolve import choose

_SMALL_WORDS = frozenset({"of", "the", "and", "da", "de", "del", "du"})
# "X province", "X and Y provinces", "X or Y states": the designator the name
# is indexed with. Singular and plural map to the singular form.
# A plural needs the pair: "Indiana counties" are the counties of Indiana.
_DESIGNATOR = re.compile(
    r"\s+(?:(?P<pair>(?:and|or|&)\s+(?:[A-Z][\w'-]*\s+){1,3})?)"
    r"(?P<d>[Pp]rovinces?|[Rr]egions?|[Cc]ount(?:y|ies)|[Ss]tates?)\b"
)
_SINGULAR = {"provinces": "province", "regions": "region", "counties": "county", "states": "state"}


def initials(name: str) -> str:
    """The capital initials of a multi-word name ("South Africa" -> "SA")."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _SMALL_WORDS]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def home_initials(name: str, home_country: str | None, gaz: Gazetteer) -> Place | None:
    """The outlet's home country when ``name`` is the capitals of its name
    written as an acronym ("SA" in a .co.za paper, "NZ" in a .nz one)."""
    if not home_country or not (2 <= len(name) <= 4) or not name.isupper() or not name.isalpha():
        return None
    home = gaz.country(home_country)
    if home is None or initials(home.name) != name:
        return None
    return home


def designated(name: str, end: int, text: str, gaz: Gazetteer) -> list[Place]:
    """The regions ``name`` is when the text right after it is a designator
    ("North West and Limpopo provinces"): empty when none follows or the name
    with it matches no region."""
    m = _DESIGNATOR.match(text, end)
    if m is None:
        return []
    word = m.group("d").lower()
    if (word in _SINGULAR) != bool(m.group("pair")):
        return []
    word = _SINGULAR.get(word, word)
    if name.lower().endswith(" " + word):
        return []
    return [p for p in gaz.lookup(f"{name} {word}", loose=False) if p.kind == "region"]


# "the corner of State and Hubbard streets", "at Grand and State": a pair of
# names joined by "and" after "corner of" or before a plural street word.
_STREETS_AFTER = re.compile(
    r"\s+and\s+(?:[A-Z][\w'.-]*\s+){1,3}(?:streets|avenues|roads)\b"
    # "the Chartres/Franklin intersection"
    r"|\s*/\s*(?:[A-Z][\w'.-]*\s+){1,3}(?:intersection|corner)\b"
)
_CORNER_BEFORE = re.compile(r"\b(?:corner|intersection)\s+of\s+$", re.IGNORECASE)
_AND = re.compile(r"^\s+and\s+$")


def street_names(names: Sequence[str], spans: Sequence[tuple[int, int]], text: str) -> set[str]:
    """Keys (``normalize``) of the names the text uses as streets: "State" and
    "Hubbard" of "the corner of State and Hubbard streets", "Chartres" of "the
    Chartres/Franklin intersection"; a name paired by
    "and" with a street is one too ("at Grand and State"). One sense per
    article: every mention of such a name is the street."""
    streets: set[str] = set()
    for name, (start, end) in zip(names, spans, strict=True):
        before = text[max(0, start - 30) : start]
        if _STREETS_AFTER.match(text, end) or _CORNER_BEFORE.search(before):
            streets.add(normalize(name))
    order = sorted(range(len(names)), key=lambda k: spans[k])
    for a, b in zip(order, order[1:], strict=False):
        if not _AND.match(text[spans[a][1] : spans[b][0]]):
            continue
        ka, kb = normalize(names[a]), normalize(names[b])
        if ka in streets or kb in streets:
            streets |= {ka, kb}
    return streets


@functools.lru_cache(maxsize=1)
def _sports() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(team_before, sports_words, words that end no team nickname)."""
    data = read_json("place_filters.json")
    not_teams = frozenset(data["own_name_heads"]) | frozenset(data["generic_words"])
    not_teams |= frozenset(data["site_heads"]) | {"schools", "streets", "states", "counties"}
    return frozenset(data["team_before"]), frozenset(data["sports_words"]), not_teams


_WORD = re.compile(r"[A-Za-z]+\.?")
_NICKNAME = re.compile(r"\s+((?:[A-Z][a-z]+\s+)?[A-Z][a-z]+s)\b")
_TEAM_CITY_MIN = 100_000


def team_cities(
    names: Sequence[str],
    spans: Sequence[tuple[int, int]],
    text: str,
    candidates: Sequence[Sequence[Place]],
) -> dict[str, list[Place]]:
    """Name key -> the big cities a sports story's team name may stand for.

    In a story with two or more sports words, a name after an opponent word
    ("against Louisville", "beat Portland") or before a team nickname ("the
    Portland Trail Blazers", "the Buffalo Bisons") is a team, and a team bears
    the name of a big city (a candidate of 100,000 people or more), not of the
    small namesake in the state the story is about; the article's other places
    choose among the big ones ("London" the Ontario team's city).
    """
    before, sports, not_teams = _sports()
    words = {w.lower() for w in _WORD.findall(text)}
    if len(words & sports) < 2:
        return {}
    out: dict[str, list[Place]] = {}
    for name, (start, end), cands in zip(names, spans, candidates, strict=True):
        key = normalize(name)
        if key in out:
            continue
        prev = _WORD.findall(text[max(0, start - 20) : start])
        nick = _NICKNAME.match(text, end)
        team = bool(prev and prev[-1].lower() in before) or bool(
            nick and nick.group(1).split()[-1].lower() not in not_teams
        )
        big = [c for c in cands if c.kind in {"city", "town"} and c.population >= _TEAM_CITY_MIN]
        if team and big:
            out[key] = big
    return out


# A city this big beside its same-named state is what the bare name means
# unless a state's word follows (as ``ranking``'s "region_of_big_city").
_BIG_SHARE = 0.25


@functools.lru_cache(maxsize=1)
def _state_after() -> re.Pattern[str]:
    words = sorted(read_json("place_state_words.json")["state_words"], key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    # "New York's attorney general", "a New York Supreme Court justice"
    return re.compile(
        rf"(?:['\u2019]s)?\s+(?:[A-Z][a-z]+\s+)?(?:{alternatives})(?![\w])", re.IGNORECASE
    )


def state_sense(end: int, text: str, candidates: Sequence[Place], key: str) -> list[Place]:
    """The first-level regions called ``key`` among ``candidates`` when a
    state's own word follows the name ("a New York court", "the New York
    border"); empty when none follows, or a country bears the name too
    ("Georgia's governor" may be either)."""
    if any(c.kind == "country" for c in candidates) or not _state_after().match(text, end):
        return []
    states = [
        c
        for c in candidates
        if c.kind == "region" and c.source not in COUNTY_SOURCES and normalize(c.name) == key
    ]
    # only a state that shares its name with a big city of its own is in
    # doubt ("New York"); "Ramsey District Court" is the county's
    return [
        s
        for s in states
        if any(
            c.kind == "city"
            and c.country == s.country
            and c.population >= _BIG_SHARE * s.population
            for c in candidates
        )
    ]


@functools.lru_cache(maxsize=1)
def _eponym_after() -> re.Pattern[str]:
    """A capitalised accord or body word after a name (``place_filters.json``)."""
    words = sorted(read_json("place_filters.json")["eponym_after"], key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:['\u2019]s)?\s+(?:{alternatives})(?![\w])")


_LOCAL_UNITS = frozenset({"county", "parish", "borough", "city", "township", "town", "village"})


def world_sense(end: int, text: str, candidates: Sequence[Place], query: str) -> list[Place]:
    """The one candidate a name means as the eponym of an accord, a body or a
    meeting ("the Venice Commission", "the Paris Agreement", "the Minsk
    Accords"): chosen without the article's country focus (Venice, Italy in a
    Ukrainian story about the US, not Venice, California). Empty when no such
    word follows the name."""
    if (
        len(candidates) < 2
        # "the Pottawatomie County Commission" is the county's own
        or query.split()[-1].lower() in _LOCAL_UNITS
        or not _eponym_after().match(text, end)
    ):
        return []
    best = choose(candidates, query=query)
    return [best] if best is not None else []


def narrow(
    names: Sequence[str],
    spans: Sequence[tuple[int, int]],
    candidates: list[list[Place]],
    text: str,
    gaz: Gazetteer,
    home_country: str | None,
) -> set[int]:
    """Apply the cues above to a document's mentions in place: each
    mention's ``candidates`` become the home country its acronym spells, the
    regions a designator names (one sense per article), the state its state
    words name or the big cities a team name stands for. Returns the indices
    of the mentions that are streets (their candidates emptied: the caller
    places them in the story's home)."""
    regions: dict[str, list[Place]] = {}
    for name, (_, end) in zip(names, spans, strict=True):
        key = normalize(name)
        if key not in regions and (found := designated(name, end, text, gaz)):
            regions[key] = found
    streets = street_names(names, spans, text)
    out: set[int] = set()
    for k, name in enumerate(names):
        key = normalize(name)
        own = home_initials(name, home_country, gaz)
        if own is not None:
            candidates[k] = [own]
        elif key in streets:
            candidates[k] = []
            out.add(k)
        elif key in regions:
            candidates[k] = regions[key]
        elif state := state_sense(spans[k][1], text, candidates[k], key):
            candidates[k] = state
        elif world := world_sense(spans[k][1], text, candidates[k], name):
            candidates[k] = world
    teams = team_cities(names, spans, text, candidates)
    for k, name in enumerate(names):
        candidates[k] = teams.get(normalize(name), candidates[k])
    return out
