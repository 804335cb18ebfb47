"""What the page's markup says about the lines of its main text.

trafilatura returns plain text; the line rules of
:mod:`crosswire.clean.html_lines` judge its lines with a few facts read from
the page itself, collected here as :class:`PageHints`:

* the texts of its links (a line that is one link is a menu item or a
  "more stories" entry, when others follow it);
* its headline: the ``<h1>`` texts and the declared titles;
* its summary: ``<h2>``-``<h6>`` headings whose text is the page's declared
  description (``og:description``, ``description``, ``twitter:description``)
  -- the standfirst under the headline;
* its own address (the URL it was read from, ``<link rel=canonical>``,
  ``og:url``): a line that is only that address is a share widget.

All texts are folded (punctuation to spaces, casefolded), so that quotes and
dashes rendered differently by trafilatura still compare equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# An lxml.html.HtmlElement; lxml ships no type stubs, so it is typed loosely.
HtmlElement = Any

SUMMARY_MIN_WORDS = 6
# A description cut short by the site ("... the city's...") still names the
# heading it starts, when at least this many characters of it are left.
SUMMARY_PREFIX_CHARS = 30
_DESCRIPTION_KEYS = frozenset(("og:description", "description", "twitter:description"))
_TITLE_KEYS = frozenset(("og:title", "twitter:title"))
_URL_KEYS = frozenset(("og:url", "twitter:url"))
_FOLD_RE = re.compile(r"\W+")
_WS_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w+")
_URL_PREFIX_RE = re.compile(r"^(?:https?:)?//(?:www\.)?", re.I)


@dataclass(frozen=True)
class PageHints:
    """Facts from the page's markup that the line rules use (see the module doc)."""

    # Casefolded, whitespace-normalised texts of the page's links.
    anchors: frozenset[str] = frozenset()
    # Folded <h1> texts and declared titles (og:title, twitter:title, <title>).
    headlines: frozenset[str] = frozenset()
    # Folded <h2>-<h6> headings whose text is the page's declared description.
    summaries: frozenset[str] = frozenset()
    # The page's own addresses, as :func:`url_key` gives them.
    own_urls: frozenset[str] = frozenset()


def fold(text: str) -> str:
    """Punctuation and spacing folded away, casefolded: how hint texts compare."""
    return _FOLD_RE.sub(" ", text).strip().casefold()


def url_key(url: str) -> str:
    """An address without scheme, ``www.``, fragment or trailing slash, casefolded."""
    key = _URL_PREFIX_RE.sub("", url.strip()).split("#", 1)[0]
    return key.rstrip("/").casefold()


def anchor_texts(tree: HtmlElement) -> frozenset[str]:
    """Casefolded texts of the page's links (the line rules decide which count)."""
    out: set[str] = set()
    for elem in tree.iter("a"):
        text = _WS_RE.sub(" ", elem.text_content()).strip().casefold()
        if _WORD_RE.search(text):
            out.add(text)
    return frozenset(out)


def _declared(tree: HtmlElement, keys: frozenset[str]) -> list[str]:
    out: list[str] = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key in keys and (content := (meta.get("content") or "").strip()):
            out.append(content)
    return out


def _summaries(tree: HtmlElement) -> frozenset[str]:
    descriptions = {
        d
        for d in map(fold, _declared(tree, _DESCRIPTION_KEYS))
        if len(d.split()) >= SUMMARY_MIN_WORDS
    }
    out: set[str] = set()
    for heading in tree.iter("h2", "h3", "h4", "h5", "h6") if descriptions else ():
        text = fold(heading.text_content())
        if len(text.split()) >= SUMMARY_MIN_WORDS and any(
            text == d or (len(d) >= SUMMARY_PREFIX_CHARS and text.startswith(d))
            for d in descriptions
        ):
            out.add(text)
    return frozenset(out)


def page_hints(tree: HtmlElement, *urls: str | None) -> PageHints:
    """Read :class:`PageHints` from ``tree``; ``urls`` are addresses the page is known by."""
    headlines = {fold(t) for t in _declared(tree, _TITLE_KEYS)}
    headlines.update(fold(e.text_content()) for e in tree.iter("h1", "title"))
    own = [u for u in urls if u]
    own += _declared(tree, _URL_KEYS)
    own += [e.get("href") or "" for e in tree.iter("link") if e.get("rel") == "canonical"]
    return PageHints(
        anchors=anchor_texts(tree),
        headlines=frozenset(h for h in headlines if h),
        summaries=_summaries(tree),
        own_urls=frozenset(k for k in map(url_key, own) if "/" in k),
    )
