"""Which outlet published a page, and which news agency its copy came from.

:func:`identify_outlet` tries, in order (the first answer wins):

1. the page's site name, when it is a known alias of a curated outlet;
2. the URL's host or any parent domain in the curated list (``outlets.json``);
3. a hint that is exactly a known alias of an outlet that is not a news agency;
4. the outlet's own boilerplate in hints or text ("Press TV's website can also be
   accessed at");
5. the site name as given, unless it is generic ("Home", "News");
6. a short, name-like hint as given, unless it names a news agency;
7. the registrable domain of the URL ("example-news.com");
8. a hint naming a news agency, or an agency's signature in hints or text
   ("(Reuters) -", "© AFP") -- agency names on a page are usually credits for a
   photo or for the copy, so they only name the outlet when nothing else does;
9. None.

A known domain beats a page's self-description only when the site name is not a
known alias: aggregators republish agency copy under their own domain, and the
publishing outlet is the one we want (the agency is :func:`wire_agency`'s job).
"""

from __future__ import annotations

import ipaddress
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from crosswire.datafiles import read_json

log = logging.getLogger(__name__)

# Hints longer than this are text to search, not names to return.
MAX_NAME_CHARS = 60
MAX_NAME_WORDS = 6
_NAME_SHAPE = re.compile(r"[\w .&'’!/-]+")
_HOST_SHAPE = re.compile(r"[\w.-]+")


@dataclass(frozen=True)
class _Signature:
    name: str
    weight: int
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class _Catalogue:
    by_domain: dict[str, str]
    by_alias: dict[str, str]
    agencies: frozenset[str]
    self_signatures: tuple[_Signature, ...]
    wire_signatures: tuple[_Signature, ...]
    second_level: frozenset[str]
    generic_names: frozenset[str]
    min_wire_weight: int


def _norm(name: str) -> str:
    """Normalise a name for alias lookup: case, punctuation and a leading 'The' go."""
    flat = re.sub(r"[^0-9a-z]+", " ", name.lower()).strip()
    if flat.startswith("the "):
        flat = flat[4:]
    return flat.replace(" ", "")


@lru_cache(maxsize=1)
def _catalogue() -> _Catalogue:
    raw = read_json("outlets.json")
    by_domain: dict[str, str] = {}
    by_alias: dict[str, str] = {}
    agencies: set[str] = set()
    for entry in raw["outlets"]:
        name = str(entry["name"])
        if entry.get("agency"):
            agencies.add(name)
        for domain in entry["domains"]:
            by_domain[str(domain).lower()] = name
        for alias in [name, *entry.get("aliases", [])]:
            by_alias.setdefault(_norm(str(alias)), name)
    selfs = tuple(
        _Signature(str(s["outlet"]), 1, re.compile(str(p)))
        for s in raw["self_signatures"]
        for p in s["patterns"]
    )
    wires = tuple(
        _Signature(str(s["agency"]), int(s.get("weight", 1)), re.compile(str(p)))
        for s in raw["wire_signatures"]
        for p in s["patterns"]
    )
    return _Catalogue(
        by_domain=by_domain,
        by_alias=by_alias,
        agencies=frozenset(agencies),
        self_signatures=selfs,
        wire_signatures=wires,
        second_level=frozenset(str(s) for s in raw["second_level_suffixes"]),
        generic_names=frozenset(_norm(str(g)) for g in raw["generic_site_names"]),
        min_wire_weight=int(raw.get("min_wire_weight", 1)),
    )


def host_of(url: str | None) -> str | None:
    """Return the lowercased host of a URL (scheme optional), or None."""
    if not url or not isinstance(url, str):
        return None
    candidate = url.strip()
    if "//" not in candidate:
        candidate = "//" + candidate
    try:
        host = urlsplit(candidate).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    # urlsplit accepts anything before the first slash; a host has no spaces.
    return host if _HOST_SHAPE.fullmatch(host) else None


def registrable_domain(host: str | None) -> str | None:
    """Return the registrable part of a host ("news.bbc.co.uk" -> "bbc.co.uk").

    Uses a short curated list of two-label public suffixes rather than the full
    Public Suffix List; IP addresses and single-label hosts give None.
    """
    if not host:
        return None
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) < 2:
        return None
    if len(labels) >= 3 and ".".join(labels[-2:]) in _catalogue().second_level:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _known_domain(host: str | None) -> str | None:
    if not host:
        return None
    labels = host.lower().split(".")
    by_domain = _catalogue().by_domain
    for i in range(len(labels) - 1):
        name = by_domain.get(".".join(labels[i:]))
        if name:
            return name
    return None


def _known_alias(name: str | None) -> str | None:
    if not name or not isinstance(name, str):
        return None
    key = _norm(name)
    return _catalogue().by_alias.get(key) if key else None


def _looks_like_name(name: str | None) -> str | None:
    if not name or not isinstance(name, str):
        return None
    clean = " ".join(name.split())
    if not clean or len(clean) > MAX_NAME_CHARS or len(clean.split()) > MAX_NAME_WORDS:
        return None
    if not _NAME_SHAPE.fullmatch(clean) or not re.search(r"[^\W\d_]", clean):
        return None
    if "copyright" in clean.lower() or _norm(clean) in _catalogue().generic_names:
        return None
    return clean


def _best(signatures: Iterable[_Signature], texts: Sequence[str], minimum: int = 1) -> str | None:
    """The signature owner with the highest total weight (at least ``minimum``).

    Ties go to the owner whose first hit comes earliest.
    """
    totals: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    for sig in signatures:
        for index, text in enumerate(texts):
            for m in sig.pattern.finditer(text):
                totals[sig.name] = totals.get(sig.name, 0) + sig.weight
                pos = (index, m.start())
                first[sig.name] = min(first.get(sig.name, pos), pos)
    if not totals:
        return None
    best = min(totals, key=lambda name: (-totals[name], first[name]))
    return best if totals[best] >= minimum else None


def wire_agency(text: str) -> str | None:
    """Name the news agency whose copy this is, from datelines and copyright lines.

    Returns e.g. "AFP", "Reuters", "AP", or None when no signature is present.
    Photo credits ("AFP/File") do not count: outlets credit agency photos on their
    own copy.
    """
    if not text or not isinstance(text, str):
        return None
    catalogue = _catalogue()
    return _best(catalogue.wire_signatures, [text], catalogue.min_wire_weight)


def identify_outlet(
    *, site_name: str | None, url: str | None, hints: Sequence[str], text: str
) -> str | None:
    """Name the outlet that published a page; see the module docstring for the order.

    ``hints`` are strings from metadata or container records (an outlet field,
    a publisher or copyright line). Never raises for bad input.
    """
    safe_hints = [h for h in (hints or []) if isinstance(h, str) and h.strip()]
    body = text if isinstance(text, str) else ""
    catalogue = _catalogue()
    host = host_of(url)
    found = _known_alias(site_name) or _known_domain(host)
    if found:
        return found
    known_hints = [name for name in map(_known_alias, safe_hints) if name]
    publishers = [name for name in known_hints if name not in catalogue.agencies]
    if publishers:
        return publishers[0]
    searched = [*safe_hints, body]
    found = _best(catalogue.self_signatures, searched) or _looks_like_name(site_name)
    if found:
        return found
    for hint in safe_hints:
        found = _looks_like_name(hint)
        if found and _known_alias(found) is None:
            return found
    found = registrable_domain(host) or (known_hints[0] if known_hints else None)
    found = found or _best(catalogue.wire_signatures, searched, catalogue.min_wire_weight)
    if found is None:
        log.debug("no outlet for url=%r site_name=%r", url, site_name)
    return found
