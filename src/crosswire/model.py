"""The records that flow through crosswire.

One concept, one name: a *source* is where an input came from (a path, a URL, a
path plus a record number); a *raw document* is what a reader hands on; an
*article* is the cleaned, stored unit; an *outcome* says what happened to one
input. All character offsets in later layers refer to ``Article.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

RawKind = Literal["html", "text"]
Status = Literal["stored", "duplicate", "skipped", "failed"]


@dataclass(frozen=True)
class Removed:
    """A line or block removed while cleaning, with the reason it went."""

    text: str
    reason: str


@dataclass(frozen=True)
class RejectedDate:
    """A publication-date candidate that was refused, and why."""

    value: str
    reason: str


@dataclass(frozen=True)
class DateCandidate:
    """A publication-date candidate as found, before validation.

    ``origin`` says where it came from: ``meta`` (page metadata), ``url``,
    ``text`` (a "Published on ..." line), ``feed``, ``record`` (JSONL field),
    ``warc`` (crawl date is never a publication date; kept for reference only).
    """

    value: str
    origin: str


@dataclass
class RawDocument:
    """One input page as a reader found it, before cleaning.

    Container formats (JSONL, feeds, WARC) pass along the metadata they carry
    as hints; the cleaner prefers what the page itself says.
    """

    source: str
    content: str
    kind: RawKind
    url: str | None = None
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    language: str | None = None
    dates: list[DateCandidate] = field(default_factory=list)


@dataclass
class Article:
    """A cleaned article as stored and exported."""

    id: str
    source: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    published_origin: str | None = None
    rejected_dates: list[RejectedDate] = field(default_factory=list)
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)
    family: str | None = None
    version: int | None = None
    similarity: float | None = None
    # Why the analysis layer will not touch this article (non-English, empty...).
    not_analysed: str | None = None
    ingested: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: stored, duplicate, skipped or failed."""

    source: str
    status: Status
    reason: str | None = None
    article_id: str | None = None


def article_record(article: Article) -> dict[str, Any]:
    """The export object of one article (field order as documented).

    Lives with :class:`Article` so every layer (export, fusion, web) can make
    it without importing the export package."""
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "published_origin": article.published_origin,
        "rejected_dates": [{"value": r.value, "reason": r.reason} for r in article.rejected_dates],
        "language": article.language,
        "not_analysed": article.not_analysed,
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "family": article.family,
        "version": article.version,
        "similarity": article.similarity,
    }


def claim_id(article_id: str, start: int, end: int) -> str:
    """Stable claim id from its article and span.

    It lives here, not in the analysis layer, so that fusion and export can
    name claims without importing the NLP stack (and spaCy) at start-up.
    """
    return "claim:" + hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:12]
