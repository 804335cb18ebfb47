"""RSS/Atom/RDF feeds -> one RawDocument per entry, via feedparser.

feedparser is always handed a byte stream, never a string: given a string it
would treat it as a URL or a path and go fetching.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import feedparser

from crosswire.model import DateCandidate, Outcome, RawDocument

from .sniff import has_markup

log = logging.getLogger(__name__)


def _str(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _outlet(feed: Any) -> str | None:
    """The publisher: the feed title's name part ("National Broadcast Network - Latest"
    -> "National Broadcast Network"), else the home link's domain like news-please."""
    title = _str(feed.get("title"))
    if title:
        name = re.split(r"\s+[-|:–—]\s+", title)[0].strip()
        if 2 <= len(name) <= 60:
            return name
    link = _str(feed.get("link"))
    if not link:
        return None
    host = urlsplit(link).hostname or ""
    return host.removeprefix("www.") or None


def _content(entry: Any) -> str | None:
    """Full content when the feed carries it (longest part), else the summary."""
    parts = [_str(c.get("value")) for c in entry.get("content") or [] if isinstance(c, dict)]
    values = [p for p in parts if p]
    if values:
        return max(values, key=len)
    return _str(entry.get("summary"))


def entry_to_document(
    entry: Any, source: str, outlet: str | None, language: str | None
) -> RawDocument | Outcome:
    """Map one feedparser entry to a RawDocument, or a skipped Outcome if it has no text."""
    content = _content(entry)
    if content is None:
        return Outcome(source, "skipped", "E122 feed entry has no content")
    dates: list[DateCandidate] = []
    # RSS pubDate / Atom published; Atom-only feeds may carry just "updated".
    published = _str(entry.get("published")) or _str(entry.get("updated"))
    if published:
        dates.append(DateCandidate(published, "feed"))
    return RawDocument(
        source=source,
        content=content,
        kind="html" if has_markup(content) else "text",
        url=_str(entry.get("link")),
        title=_str(entry.get("title")),
        author=_str(entry.get("author")),
        outlet=outlet,
        language=language,
        dates=dates,
    )


def read_feed(
    data: bytes, source: str, content_type: str | None = None, base_url: str | None = None
) -> Iterator[RawDocument | Outcome]:
    """Yield one RawDocument per entry (``<source>#<n>``, 1-based) or Outcomes.

    A document that is not a feed at all yields one failed Outcome (E120); a feed
    without entries one skipped Outcome (E121).
    """
    headers: dict[str, str] = {}
    if content_type:
        headers["content-type"] = content_type
    if base_url:
        headers["content-location"] = base_url
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        # Stable wording: the parser's own message varies with version and input.
        problem = parsed.get("bozo_exception")
        detail = "not XML" if problem is not None else "no RSS/Atom root element"
        log.debug("%s: not a feed: %r", source, problem)
        yield Outcome(source, "failed", f"E120 not a feed: {detail}")
        return
    if not entries:
        yield Outcome(source, "skipped", "E121 feed has no entries")
        return
    if parsed.get("bozo"):
        log.info("%s: malformed feed read leniently: %s", source, parsed.get("bozo_exception"))
    feed = parsed.get("feed") or {}
    outlet = _outlet(feed)
    language = _str(feed.get("language"))
    for number, entry in enumerate(entries, start=1):
        yield entry_to_document(entry, f"{source}#{number}", outlet, language)
