"""Turn one raw document into a clean :class:`~crosswire.model.Article`.

This is the per-input step of ingest: extract (HTML) or line-clean (plain
text), normalise, detect the language, choose a publication date that can be
trusted, name the outlet, and derive the content-hash id. It never raises for
bad content: it returns an :class:`~crosswire.model.Outcome` saying why the
input was skipped instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from crosswire.clean.html import extract_html
from crosswire.clean.language import detect_language
from crosswire.clean.lines import clean_text
from crosswire.clean.normalize import normalize
from crosswire.meta.dates import choose_publication_date
from crosswire.meta.outlet import identify_outlet
from crosswire.model import Article, DateCandidate, Outcome, RawDocument, Removed

# Articles longer than this are stored but not analysed: NLP over megabytes of
# text is almost always a scraping accident (a whole forum thread, a data dump).
MAX_ANALYSED_CHARS = 200_000


@dataclass
class _Cleaned:
    text: str
    title: str | None
    author: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)
    dates: list[DateCandidate] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)


def article_id(url: str | None, text: str) -> str:
    """Content-hash id: the same text at the same URL is the same article."""
    digest = hashlib.sha256(f"{url or ''}\n{text}".encode()).hexdigest()
    return digest[:16]


def build_article(raw: RawDocument, *, ingested: date | None = None) -> Article | Outcome:
    """Clean ``raw`` into an article, or say why it cannot become one."""
    today = ingested or date.today()
    cleaned = _clean(raw)
    if not cleaned.text.strip():
        return Outcome(raw.source, "skipped", "E201 no article text after cleaning")
    url = raw.url or cleaned.url
    text = cleaned.text
    candidates = [*raw.dates, *cleaned.dates]
    chosen = choose_publication_date(candidates, url=url, text=text, ingested=today)
    language, _confidence = detect_language(text)
    language = language or raw.language
    outlet = raw.outlet or identify_outlet(
        site_name=cleaned.site_name, url=url, hints=cleaned.hints, text=text
    )
    return Article(
        id=article_id(url, text),
        source=raw.source,
        text=text,
        url=url,
        outlet=outlet,
        title=raw.title or cleaned.title,
        author=raw.author or cleaned.author,
        published=chosen.published,
        published_origin=chosen.origin,
        rejected_dates=list(chosen.rejected),
        language=language,
        removed=cleaned.removed,
        not_analysed=_not_analysed_reason(language, text),
        ingested=today.isoformat(),
    )


def _clean(raw: RawDocument) -> _Cleaned:
    if raw.kind == "html":
        page = extract_html(raw.content, raw.url)
        return _Cleaned(
            text=normalize(page.text),
            title=normalize(page.title) if page.title else None,
            author=page.author,
            site_name=page.site_name,
            url=page.url,
            language=page.language,
            removed=page.removed,
            dates=list(page.dates),
            hints=[page.site_name] if page.site_name else [],
        )
    result = clean_text(raw.content)  # clean_text normalizes first
    return _Cleaned(
        text=result.text,
        title=result.title,
        removed=result.removed,
        dates=list(result.dates),
        hints=list(result.outlet_hints),
    )


def _not_analysed_reason(language: str | None, text: str) -> str | None:
    if language is None:
        return "E202 language unknown (text too short to tell)"
    if language != "en":
        return f"E203 not English ({language})"
    if len(text) > MAX_ANALYSED_CHARS:
        return f"E204 too long to analyse ({len(text)} characters)"
    return None
