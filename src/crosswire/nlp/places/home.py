"""The outlet's home country: a weak prior for the places an article names.

A local paper's "Washington" or "Richmond" is the one at home more often than
not; the country a site's address belongs to is the cheapest evidence of
where home is ("irishtimes.com" says nothing, "independent.ie" says Ireland).
Only country-code domains count: a ".com" outlet may be anywhere. Word lists
are data (``data/place_home.json``).
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from crosswire.datafiles import read_json

__all__ = ["home_country"]


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    data = read_json("place_home.json")
    try:
        import pycountry
    except ImportError:  # the gazetteer needs it anyway
        iso: frozenset[str] = frozenset()
    else:
        iso = frozenset(str(c.alpha_2) for c in pycountry.countries)
    return (
        {k: v.upper() for k, v in data["tld_exceptions"].items()},
        frozenset(data["tld_generic"]),
        iso,
    )


def home_country(url: str | None) -> str | None:
    """ISO2 country of a page's country-code domain ("www.irishexaminer.ie/..." ->
    "IE", "bbc.co.uk" -> "GB"); None for generic domains (".com", ".tv"), an
    address without a host, or anything unparseable."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    tld = host.rstrip(".").rpartition(".")[2].lower()
    if not tld or "." not in host:
        return None
    exceptions, generic, iso = _tables()
    if tld in exceptions:
        return exceptions[tld]
    if len(tld) != 2 or tld in generic or tld.upper() not in iso:
        return None
    return tld.upper()
