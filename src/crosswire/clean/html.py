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

from trafilatura import bare_extraction
from trafilatura.utils import load_html

from crosswire.clean.html_hints import page_hints
from crosswire.clean.html_lines import clean_main_text
from crosswire.clean.html_meta import (
    canonical_url,
    declared_language,
    meta_dates,
    page_metadata,
    strip_site_suffix,
)
from crosswire.clean.html_prune import prune_tree
from crosswire.clean.line_features import find_dates, lexicon
from crosswire.model import DateCandidate, Removed

logger = logging.getLogger(__name__)

# An lxml.html.HtmlElement; lxml ships no type stubs, so it is typed loosely.
HtmlElement = Any

# Extraction settings chosen by measurement on the article-extraction benchmark
# (AEB, news) and trafilatura-eval (TE, mixed web), shingle-F1 / snippet-F1:
#   balanced .960/.921, fast .962/.922, favor_precision .964/.914,
#   favor_recall .959/.918, fast+precision .946/.908, no tables .957/.910.
# "fast" (no readability/justext comparison) scored best on average but lost
# most of the article on 4 TE pages where trafilatura's full cascade finds it
# (recall 0.0-0.33 against 0.67-1.0). Both sets together: the two paths give a
# different text on only 15 of 330 pages, so the fast path runs first and the
# full cascade only when the fast text looks incomplete (see
# _fast_text_doubtful); precision comes from the recorded line rules of
# crosswire.clean.html_lines.
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
    # Metadata is read by crosswire.clean.html_meta (the fields we use only).
    "with_metadata": False,
    # Only dates the page declares in its markup: no guessing from body text or
    # URL here (the URL is mined separately, with origin "url").
    "date_extraction_params": {"original_date": True, "extensive_search": False},
}

# A "main text" shorter than this is a menu label or a stray caption that the
# extractor fell back to on a page without an article (e.g. a lone nav link).
MIN_TEXT_WORDS = 5
MAX_REMOVED = 200
MIN_REMOVED_WORDS = 3
# The fast path's text is doubted, and trafilatura's full cascade run, when:
# * the page's long paragraphs (at least LONG_BLOCK_WORDS words, outside
#   comment containers) that it left out hold more than MISSED_SHARE times as
#   many words as the text it kept -- it picked the wrong container, or too
#   little of the right one;
# * more than SHORT_LINE_SHARE of its words sit in lines of at most
#   SHORT_LINE_WORDS words -- a menu, link list or sitemap rather than prose;
# * it is one unbroken line of at least DUMP_LINE_WORDS words -- trafilatura's
#   whole-page baseline dump, with no paragraph structure left.
# On both eval sets (330 pages) the two paths differ on 15 pages; these tests
# send 69 pages down the full cascade and lose no page's recall against always
# running it (missed shares 0.5 and 1.0 both held; 2.0 lost one page).
LONG_BLOCK_WORDS = 25
MISSED_SHARE = 1.0
SHORT_LINE_WORDS = 6
SHORT_LINE_SHARE = 0.5
DUMP_LINE_WORDS = 200


def _load_lexicon() -> dict[str, Any]:
    raw = resources.files("crosswire.data").joinpath("html.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


_LEXICON = _load_lexicon()
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
    language = declared_language(tree)
    canonical = canonical_url(tree, url)
    dates = meta_dates(tree)
    # Boilerplate inside paragraphs (hover cards) goes before anything reads
    # the text, so neither trafilatura nor the removed-block list sees it.
    pruned = prune_tree(tree)
    blocks = _text_blocks(tree)
    hints = page_hints(tree, url, canonical)
    headings = {_fold(h.text_content()) for h in tree.iterfind(".//h1")}

    options = {**TRAFILATURA_OPTIONS, "with_metadata": False}
    doc = bare_extraction(tree, url=url, **{**options, "fast": True})
    raw_text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if doc is None or _fast_text_doubtful(raw_text, blocks):
        # trafilatura's full cascade (readability/justext comparison, recall
        # retry), as bare trafilatura runs it.
        full = bare_extraction(tree, url=url, **{**options, "fast": False})
        if full is not None:
            doc, raw_text = full, getattr(full, "text", None) or ""
            logger.debug("full extraction cascade used for %s", url or "<page>")
    if doc is None:
        return ExtractedPage(
            text="",
            url=canonical,
            dates=dates,
            language=language,
            removed=pruned + _removed(blocks, ""),
        )
    # NFC as bare trafilatura returns it (some scripts have decomposed forms).
    text = unicodedata.normalize("NFC", _paragraphs(raw_text))
    text, cut = clean_main_text(text, hints)
    # A date stamp cut from the top ("Published 3:15 PM, March 4, 2024") is
    # what the page says of itself: a weak text-origin candidate, as the
    # plain-text classifier offers its dateline lines (clean/lines.py).
    dates += [
        DateCandidate(d, "text")
        for r in cut
        if r.reason == "timestamp"
        for d in find_dates(r.text, lexicon())
    ]
    if len(text.split()) < MIN_TEXT_WORDS:
        logger.debug("no main content in %s", url or "<page>")
        text = ""
    meta = page_metadata(tree, url, TRAFILATURA_OPTIONS["date_extraction_params"])
    if meta.date and not any(c.value.startswith(meta.date) for c in dates):
        dates.append(DateCandidate(value=meta.date, origin="meta"))
    return ExtractedPage(
        text=text,
        title=strip_site_suffix(meta.title, meta.site_name, headings),
        author=meta.author,
        site_name=meta.site_name,
        url=canonical,
        dates=dates,
        removed=pruned + cut + _removed(blocks, text, {r.text for r in cut}),
        language=language,
    )


def _fast_text_doubtful(text: str, blocks: list[tuple[str, bool]]) -> bool:
    """True when the fast path's ``text`` looks incomplete or not like prose (see above)."""
    line_words = [len(_WORD_RE.findall(line)) for line in text.splitlines()]
    total = sum(line_words)
    if total and sum(n for n in line_words if n <= SHORT_LINE_WORDS) > SHORT_LINE_SHARE * total:
        return True
    if len(line_words) == 1 and total >= DUMP_LINE_WORDS:
        return True
    kept = f" {' '.join(_WORD_RE.findall(text))} "
    missed = 0
    for block, in_comments in blocks:
        if in_comments:
            continue
        words = _WORD_RE.findall(block)
        if len(words) >= LONG_BLOCK_WORDS and f" {' '.join(words)} " not in kept:
            missed += len(words)
            if missed > MISSED_SHARE * total:
                return True
    return False


def _fold(value: str) -> str:
    return _WS_RE.sub(" ", value).strip().casefold()


def _paragraphs(text: str) -> str:
    """trafilatura joins blocks with one newline; we want blank-line paragraphs."""
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


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
