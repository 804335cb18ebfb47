"""What a page declares about itself: language, canonical URL, dates, title, author.

The page's own declarations are read here -- canonical URL, ``<html lang>``,
the raw publication-date strings of meta tags and JSON-LD -- because
trafilatura normalises or guesses those, and later layers want the page's word
with its origin. Title, author, site name and trafilatura's own date come from
trafilatura's metadata functions, called for those fields only: its
``extract_metadata`` also mines categories, tags and the licence (about a fifth
of a page's whole extraction time), which crosswire does not use.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import urljoin

from htmldate import find_date
from trafilatura import metadata as traf_meta

from crosswire.model import DateCandidate

logger = logging.getLogger(__name__)

# An lxml.html.HtmlElement; lxml ships no type stubs, so it is typed loosely.
HtmlElement = Any


def _load_lexicon() -> dict[str, Any]:
    raw = resources.files("crosswire.data").joinpath("html.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


_LEXICON = _load_lexicon()
# Meta tags whose content is a publication date, in order of trust.
_DATE_META_KEYS: tuple[str, ...] = tuple(_LEXICON["date_meta_keys"])
_JSONLD_DATE_KEYS: tuple[str, ...] = tuple(_LEXICON["jsonld_date_keys"])
_WS_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class PageMetadata:
    """Title, author, site name and date as trafilatura's metadata functions read them."""

    title: str | None
    author: str | None
    site_name: str | None
    date: str | None


def page_metadata(tree: HtmlElement, url: str | None, date_params: dict[str, Any]) -> PageMetadata:
    """trafilatura's ``extract_metadata`` (2.3.1) for the fields crosswire uses.

    Same order and fallbacks: meta tags, then JSON-LD, then the markup for the
    title and author; the date from htmldate with ``date_params``; the site
    name from the page or, failing that, the URL's domain. ``tree`` is only
    read here (call it after the text extraction all the same: trafilatura
    works on its own copy, we keep ours for the removed-block pass).
    """
    meta = traf_meta.examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a lone handle or first name, as trafilatura drops it
    try:
        meta = traf_meta.extract_meta_json(tree, meta)
    except Exception as exc:  # trafilatura's JSON-LD reader raises on odd markup
        logger.debug("JSON-LD metadata unreadable: %s", exc)
    meta.title = meta.title or traf_meta.extract_title(tree)
    meta.author = meta.author or traf_meta.extract_author(tree)
    page_url = meta.url or traf_meta.extract_url(tree, url)
    meta.date = find_date(tree, **{**date_params, "url": page_url})
    site = meta.sitename or traf_meta.extract_sitename(tree)
    if site:
        site = site.lstrip("@")
        if site and "." not in site and not site[0].isupper():
            site = site.title()
    elif page_url:
        match = traf_meta.META_URL.match(page_url)
        site = match[1] if match else None
    meta.sitename = site
    meta.clean_and_trim()  # entities, control characters, length, as trafilatura does
    return PageMetadata(
        _trim(meta.title), _trim(meta.author), _trim(meta.sitename), meta.date or None
    )


def _trim(value: str | None) -> str | None:
    if not value:
        return None
    value = _WS_RE.sub(" ", value).strip()
    return value or None


def declared_language(tree: HtmlElement) -> str | None:
    root = tree.getroottree().getroot()
    for value in (root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")):
        if value and value.strip():
            return str(value).strip()
    for meta in tree.iterfind(".//meta[@http-equiv]"):
        if (meta.get("http-equiv") or "").lower() == "content-language":
            content = (meta.get("content") or "").strip()
            if content:
                return content.split(",")[0].strip()
    return None


def canonical_url(tree: HtmlElement, base: str | None) -> str | None:
    candidates: list[str] = []
    for link in tree.iterfind(".//link[@rel]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            candidates.append(link.get("href") or "")
    for meta in tree.iterfind(".//meta[@property]"):
        if (meta.get("property") or "").lower() == "og:url":
            candidates.append(meta.get("content") or "")
    for href in candidates:
        href = href.strip()
        if not href:
            continue
        full = urljoin(base, href) if base else href
        if full.startswith(("http://", "https://")):
            return full
    return None


def meta_dates(tree: HtmlElement) -> list[DateCandidate]:
    """Raw publication-date strings the page declares, most trusted first."""
    found: dict[str, list[str]] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_META_KEYS:
            value = (meta.get("content") or meta.get("datetime") or "").strip()
            if value:
                found.setdefault(key, []).append(value)
    values: list[str] = []
    for key in _DATE_META_KEYS:
        values.extend(found.get(key, []))
    values.extend(_jsonld_dates(tree))
    for elem in tree.iterfind(".//time[@datetime]"):
        if elem.get("pubdate") is not None or (elem.get("itemprop") or "") == "datePublished":
            values.append((elem.get("datetime") or "").strip())
    out: list[DateCandidate] = []
    for value in values:
        if value and all(c.value != value for c in out):
            out.append(DateCandidate(value=value, origin="meta"))
    return out


def _jsonld_dates(tree: HtmlElement) -> list[str]:
    values: list[str] = []
    for script in tree.iterfind(".//script[@type]"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue  # broken JSON-LD is common; the meta tags may still help
        _walk_jsonld(data, values, depth=0)
    return values


def _walk_jsonld(node: object, out: list[str], depth: int) -> None:
    if depth > 6:
        return
    if isinstance(node, list):
        for item in node:
            _walk_jsonld(item, out, depth + 1)
    elif isinstance(node, dict):
        for key in _JSONLD_DATE_KEYS:
            value = node.get(key)
            if isinstance(value, str) and value.strip():
                out.append(value.strip())
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in node:
                _walk_jsonld(node[key], out, depth + 1)


def strip_site_suffix(title: str | None, site_name: str | None, headings: set[str]) -> str | None:
    """Drop a trailing " | Site Name" from a <title>-style headline.

    Only when the tail is the declared site name, or the head is the page's own
    <h1>: a bare separator is too common inside real headlines to cut on.
    """
    if not title:
        return title
    for sep in (" | ", " - ", " \u2014 ", " \u2013 ", " :: ", " \u00b7 "):
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        head = head.strip()
        if head and ((site_name and _fold(tail) == _fold(site_name)) or _fold(head) in headings):
            return head
    return title


def _fold(value: str) -> str:
    return _WS_RE.sub(" ", value).strip().casefold()
