"""Server-rendered pages (Jinja2, autoescape on) and the story report download."""

from __future__ import annotations

from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from crosswire.web import query, views
from crosswire.web.api import ApiError, Filt, Snap, _need
from crosswire.web.readmodel import Snapshot

router = APIRouter(include_in_schema=False)

_TEMPLATES = str(files("crosswire.web").joinpath("templates"))
env = Environment(
    loader=FileSystemLoader(_TEMPLATES),
    # Autoescape everything, whatever the template's extension: every string
    # shown can come from an article.
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _safe_url(value: Any) -> str | None:
    """An http(s) URL fit for an href, or None (blocks javascript:, data: and friends)."""
    if not isinstance(value, str):
        return None
    low = value.strip().lower()
    if not low.startswith(("http://", "https://")) or any(
        c in value for c in "\x00\r\n\t <>\"'`\\"
    ):
        return None
    return value.strip()


env.filters["safe_url"] = _safe_url
env.filters["q"] = lambda v: quote(str(v), safe="")


def render(name: str, **context: Any) -> HTMLResponse:
    """Render a template to an HTML response."""
    return HTMLResponse(env.get_template(name).render(**context))


def has_report() -> bool:
    """Whether the report engineer's module (``crosswire.report``) is installed."""
    try:
        from crosswire.report import build, html  # noqa: F401
    except ImportError:
        return False
    return True


@router.get("/", response_class=HTMLResponse)
def index(
    snap: Snap,
    f: Filt,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    """Story list with counts, and a search box."""
    found = query.stories(snap, f)
    rows = [
        {"story": s, "counts": snap.stats.get(str(s.get("id")), {})}
        for s in found[offset : offset + limit]
    ]
    return render("index.html", rows=rows, total=len(found), f=f, articles=len(snap.articles))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, snap: Snap) -> HTMLResponse:
    """One story: timeline, map, events, claims, figures, series, framing, families."""
    story = _need(snap.get("story", story_id), "story")
    view = views.story_view(snap, story)
    return render("story.html", v=view, story_id=story_id, report=has_report())


@router.get("/stories/{story_id}/report")
def story_report(story_id: str, snap: Snap) -> Response:
    """The story's situation report as a downloadable HTML file."""
    _need(snap.get("story", story_id), "story")
    if not has_report():
        raise ApiError(404, "E808", "the report module is not installed")
    from crosswire.report.build import build_report
    from crosswire.report.html import render_html

    body = render_html(build_report(snap.export, story_id))
    return Response(
        body,
        media_type="text/html; charset=utf-8",
        headers={
            "content-disposition": 'attachment; filename="crosswire-report.html"',
            # Opened from this server it runs nothing and may keep its own styles.
            "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:; sandbox",
        },
    )


def _article_page(snap: Snapshot, article_id: str) -> HTMLResponse:
    article = _need(snap.articles.get(article_id), "article")
    stories = [snap.get("story", s) for s in snap.story_of_article.get(article_id, [])]
    return render(
        "article.html",
        a=article,
        segments=views.article_segments(snap, article),
        stories=[s for s in stories if s],
        url=_safe_url(article.get("url")),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, snap: Snap) -> HTMLResponse:
    """One article's cleaned text with every evidence span marked."""
    return _article_page(snap, article_id)


__all__ = ["router"]
