"""Import a GeoNames dump (allCountries.txt or a country file) into sqlite.

The dump is the public tab-separated format with 19 columns: geonameid, name,
asciiname, alternatenames, latitude, longitude, feature class, feature code,
country code, cc2, admin1..admin4 codes, population, elevation, dem, timezone,
modification date. Rows land in ``gazetteer`` and every name, ASCII name and
Latin-script alternate name in ``gazetteer_names`` under the same normalized key
the in-memory gazetteer uses, so ``Gazetteer(conn=...)`` can consult them.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from crosswire.nlp.places.gazetteer import normalize

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS gazetteer (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    asciiname TEXT,
    alternatenames TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature_class TEXT,
    feature_code TEXT,
    country TEXT,
    admin1 TEXT,
    population INTEGER
);
CREATE TABLE IF NOT EXISTS gazetteer_names (
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS gazetteer_country ON gazetteer(country, feature_class);
"""
_BATCH = 5000


def _rows(path: Path) -> Iterator[tuple[tuple[object, ...], set[str]] | str]:
    """Yield (row, name keys) per good line, or a reason string per bad one."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 19:
                yield f"W320 line {lineno}: {len(cols)} columns, expected 19"
                continue
            try:
                gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
                pop = int(cols[14] or 0)
            except ValueError:
                yield f"W321 line {lineno}: bad number"
                continue
            alts = [a for a in cols[3].split(",") if a]
            row = (gid, cols[1], cols[2], cols[3], lat, lon, cols[6], cols[7], cols[8],
                   cols[10], pop)  # fmt: skip
            keys = {normalize(n) for n in [cols[1], cols[2], *alts] if _latin(n)}
            keys.discard("")
            yield row, keys


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or 0x300 <= ord(ch) < 0x370 for ch in name)


def import_geonames(path: str | Path, conn: sqlite3.Connection) -> int:
    """Load a GeoNames dump into ``conn``; return the number of places stored.

    Bad lines are skipped with a logged reason (never raised); re-importing the
    same ids replaces them. A missing file logs E320 and returns 0.
    """
    path = Path(path)
    if not path.is_file():
        log.error("E320 GeoNames file not found: %s", path)
        return 0
    conn.executescript(SCHEMA)
    count = 0
    places: list[tuple[object, ...]] = []
    names: list[tuple[str, int]] = []

    def flush() -> None:
        conn.executemany("INSERT OR REPLACE INTO gazetteer VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
        conn.executemany("INSERT OR IGNORE INTO gazetteer_names VALUES (?,?)", names)
        places.clear()
        names.clear()

    for item in _rows(path):
        if isinstance(item, str):
            log.warning(item)
            continue
        row, keys = item
        places.append(row)
        gid = int(str(row[0]))
        names.extend((k, gid) for k in keys)
        count += 1
        if len(places) >= _BATCH:
            flush()
    flush()
    conn.commit()
    log.info("imported %d GeoNames places from %s", count, path)
    return count
