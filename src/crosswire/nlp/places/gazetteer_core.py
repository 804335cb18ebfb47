"""Gazetteer basics shared by the build and the lookups.

``Place`` (one entry), the compact row layout the pickled index stores, the
name keys (``normalize`` and the looser ``loose_key``), great-circle distance,
and readers for the packaged data files.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass

from crosswire.datafiles import data_path

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
Row = tuple[str, float, float, str, str, str, int, str, int]


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


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a packaged tab-separated data file (``#`` lines are comments)."""
    lines = [ln for ln in data_path(name).read_text("utf-8").splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=False)) for ln in lines[1:]]
