"""Main-text and metadata extraction from HTML pages.

trafilatura does the main-content extraction (its settings below were chosen by
measuring on the article-extraction benchmark and trafilatura's own evaluation
set, see ``crosswire.evaluate.extraction``). Around it we read the page's own
declarations ourselves -- canonical URL, ``<html lang>``, the raw publication-date
strings of meta tags and JSON-LD -- because trafilatura normalises or guesses
those, and later layers want the page's word with its origin. We also record the
text blocks that did not make it into the main text (``Removed``), so a reader
of an article can see what was cut and why.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import urljoin

from trafilatura import bare_extraction
from trafilatura.utils import load_html

from crosswire.clean.html_lines import anchor_texts, clean_main_text
from crosswire.model import DateCandidate, Removed

logger = logging.getLogger(__name__)

# An lxml.html.HtmlElement; lxml ships no type stubs, so it is typed loosely.
HtmlElement = Any

# Extraction settings chosen by measurement on the article-extraction benchmark
# (AEB, news) and trafilatura-eval (TE, mixed web), shingle-F1 / snippet-F1:
#   balanced .960/.921, fast .962/.922, favor_precision .964/.914,
#   favor_recall .959/.918, fast+precision .946/.908, no tables .957/.910.
# "fast" (no readability/justext fallback) scored best on average but lost most
# of the article on 4 TE pages where trafilatura's fallback finds it (recall
# 0.0-0.33 against 0.67-1.0): so the full extraction runs, the same as bare
# trafilatura, and precision comes from the recorded line rules of
# crosswire.clean.html_lines (AEB .960 -> .963, TE .923 -> .926).
# Comments are never article text: they are reader opinion, not the report.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
    "include_links": False,
    "include_images": False,
    "favor_precision": False,
    "favor_recall": False,
    "fast": False,
    "with_metadata": True,
    # Only dates the page declares in its markup: no guessing from body text or
    # URL here (the URL is mined separately, with origin "url").
    "date_extraction_params": {"original_date": True, "extensive_search": False},
}

# A "main text" shorter than this is a menu label or a stray caption that the
# extractor fell back to on a page without an article (e.g. a lone nav link).
MIN_TEXT_WORDS = 5
MAX_REMOVED = 200
MIN_REMOVED_WORDS = 3


def _load_lexicon() -> dict[str, Any]:
    raw = resources.files("crosswire.data").joinpath("html.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


_LEXICON = _load_lexicon()
# Meta tags whose content is a publication date, in order of trust.
_DATE_META_KEYS: tuple[str, ...] = tuple(_LEXICON["date_meta_keys"])
_JSONLD_DATE_KEYS: tuple[str, ...] = tuple(_LEXICON["jsonld_date_keys"])
# Block-level elements whose text forms one "block" for the Removed list.
# Leaf blocks are taken whole; containers are descended into.
_LEAF_BLOCK_TAGS = frozenset(
    ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt")
    + ("blockquote", "figcaption", "caption", "pre", "address")
)
_BLOCK_TAGS = _LEAF_BLOCK_TAGS | frozenset(
    ("div", "section", "article", "aside", "header", "footer", "nav", "form", "main")
    + ("ul", "ol", "dl", "table", "tr")
)
_SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "head", "title", "svg"])
# Same spirit as trafilatura's comment-container detection: ids/classes naming
# reader comments (but not "commentary", which is journalism).
_COMMENT_RE = re.compile("|".join(_LEXICON["comment_markers"]), re.IGNORECASE)
_WS_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w+")


@dataclass
class ExtractedPage:
    """What :func:`extract_html` found in one page."""

    text: str
    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    url: str | None = None
    dates: list[DateCandidate] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    language: str | None = None


def extract_html(html: str | bytes, url: str | None = None) -> ExtractedPage:
    """Extract main text and metadata from one HTML page.

    ``html`` may be a decoded string or raw bytes (bytes are decoded by
    trafilatura's charset detection, honouring a declared ``<meta charset>``).
    Never raises: unparsable input or a page without main content gives
    ``text == ""`` (a warning is logged for real failures).
    """
    try:
        return _extract(html, url)
    except Exception as exc:  # bad markup must never take the pipeline down
        logger.warning("E250 html extraction failed for %s: %s", url or "<page>", exc)
        return ExtractedPage(text="")


def _extract(html: str | bytes, url: str | None) -> ExtractedPage:
    if not html or not (html.strip() if isinstance(html, str) else html.strip()):
        return ExtractedPage(text="")
    tree = load_html(html)
    if tree is None:
        logger.warning("E251 unparsable html for %s", url or "<page>")
        return ExtractedPage(text="")
    # Read the page's declarations and candidate blocks before trafilatura runs
    # (it works on its own copy of the tree).
    language = _declared_language(tree)
    canonical = _canonical_url(tree, url)
    dates = _meta_dates(tree)
    blocks = _text_blocks(tree)
    anchors = anchor_texts(tree)
    headings = {_fold(h.text_content()) for h in tree.iterfind(".//h1")}

    doc = bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
    if doc is None:
        return ExtractedPage(
            text="",
            url=canonical,
            dates=dates,
            language=language,
            removed=_removed(blocks, ""),
        )
    # NFC as bare trafilatura returns it (some scripts have decomposed forms).
    text = unicodedata.normalize("NFC", _paragraphs(getattr(doc, "text", None) or ""))
    text, cut = clean_main_text(text, anchors)
    if len(text.split()) < MIN_TEXT_WORDS:
        logger.debug("no main content in %s", url or "<page>")
        text = ""
    site_name = _clean(getattr(doc, "sitename", None))
    traf_date = getattr(doc, "date", None)
    if traf_date and not any(c.value.startswith(traf_date) for c in dates):
        dates.append(DateCandidate(value=traf_date, origin="meta"))
    return ExtractedPage(
        text=text,
        title=_strip_site_suffix(_clean(getattr(doc, "title", None)), site_name, headings),
        author=_clean(getattr(doc, "author", None)),
        site_name=site_name,
        url=canonical,
        dates=dates,
        removed=cut + _removed(blocks, text, {r.text for r in cut}),
        language=language,
    )


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = _WS_RE.sub(" ", value).strip()
    return value or None


def _fold(value: str) -> str:
    return _WS_RE.sub(" ", value).strip().casefold()


def _strip_site_suffix(title: str | None, site_name: str | None, headings: set[str]) -> str | None:
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


def _paragraphs(text: str) -> str:
    """trafilatura joins blocks with one newline; we want blank-line paragraphs."""
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _declared_language(tree: HtmlElement) -> str | None:
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


def _canonical_url(tree: HtmlElement, base: str | None) -> str | None:
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


def _meta_dates(tree: HtmlElement) -> list[DateCandidate]:
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


def _text_blocks(tree: HtmlElement) -> list[tuple[str, bool]]:
    """Visible text blocks as (normalised text, inside a comment container)."""
    blocks: list[tuple[str, bool]] = []
    body = tree.find(".//body")
    root = body if body is not None else tree
    _collect(root, False, blocks)
    return blocks


def _collect(elem: HtmlElement, in_comments: bool, out: list[tuple[str, bool]]) -> None:
    tag = elem.tag if isinstance(elem.tag, str) else ""
    if tag in _SKIP_TAGS or not tag:
        return
    marker = f"{elem.get('id') or ''} {elem.get('class') or ''}"
    in_comments = in_comments or bool(_COMMENT_RE.search(marker))
    if tag in _LEAF_BLOCK_TAGS:
        text = _WS_RE.sub(" ", _visible_text(elem)).strip()
        if text:
            out.append((text, in_comments))
        return
    # Loose text directly inside containers (div soup) is a block of its own.
    loose = [elem.text or ""]
    for child in elem:
        if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
            chunk = _WS_RE.sub(" ", " ".join(loose)).strip()
            if chunk:
                out.append((chunk, in_comments))
            loose = []
            _collect(child, in_comments, out)
        elif isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
            loose.append(_visible_text(child))
        loose.append(child.tail or "")
    chunk = _WS_RE.sub(" ", " ".join(loose)).strip()
    if chunk:
        out.append((chunk, in_comments))


def _visible_text(elem: HtmlElement) -> str:
    # Inline children (a, em, span) join without a gap, as a browser renders
    # them; block children and <br> separate words.
    parts: list[str] = [elem.text or ""]
    for child in elem:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag and tag not in _SKIP_TAGS:
            gap = " " if tag == "br" or tag in _BLOCK_TAGS else ""
            parts.extend((gap, _visible_text(child), gap))
        parts.append(child.tail or "")
    return "".join(parts)


def _removed(
    blocks: list[tuple[str, bool]], text: str, recorded: set[str] | None = None
) -> list[Removed]:
    """Blocks of at least three words that are absent from the main text.

    Presence is judged on word tokens, not characters, so that spacing and
    punctuation differences between our rendering and trafilatura's do not
    make a kept paragraph look removed.
    """
    kept = f" {' '.join(_WORD_RE.findall(text))} "
    seen: set[str] = set(recorded or ())
    out: list[Removed] = []
    for block, in_comments in blocks:
        if len(out) >= MAX_REMOVED:
            break
        if block in seen or len(block.split()) < MIN_REMOVED_WORDS:
            continue
        seen.add(block)
        if f" {' '.join(_WORD_RE.findall(block))} " in kept:
            continue
        out.append(Removed(text=block, reason="comments" if in_comments else "boilerplate"))
    return out
