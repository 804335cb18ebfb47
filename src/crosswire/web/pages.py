"""Server-rendered pages (Jinja2, autoescape on) and the story report download."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from crosswire.web import assets, present, query, summary, views
from crosswire.web.api import ApiError, Filt, Snap, _need, snapshot, tables
from crosswire.web.readmodel import Record, Snapshot, strs

if TYPE_CHECKING:
    from jinja2 import Environment

router = APIRouter(include_in_schema=False)

_TEMPLATES = str(files("crosswire.web").joinpath("templates"))


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


@cache
def environment() -> Environment:
    """The template environment, made on the first page (jinja2 is not needed to
    start the server or to answer the API)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        # Autoescape everything, whatever the template's extension: every string
        # shown can come from an article.
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = _safe_url
    env.filters["q"] = lambda v: quote(str(v), safe="")
    env.filters.update(present.FILTERS)
    env.globals["DASH"] = present.DASH
    return env


def render(name: str, **context: Any) -> HTMLResponse:
    """Render a template to an HTML response."""
    return HTMLResponse(environment().get_template(name).render(**context))


def has_report() -> bool:
    """Whether the report engineer's module (``crosswire.report``) is installed."""
    try:
        from crosswire.report import build, html  # noqa: F401
    except ImportError:
        return False
    return True


SORTS: dict[str, tuple[str, bool]] = {
    "recent": ("end", True),
    "oldest": ("start", False),
    "sources": ("independent_sources", True),
    "events": ("events", True),
    "disputes": ("disputes", True),
    "title": ("title", False),
}


def _sort_key(snap: Snapshot, field: str) -> Any:
    def key(s: Record) -> Any:
        if field in ("end", "start", "title"):
            return str(s.get(field) or "")
        return int(snap.stats.get(str(s.get("id")), {}).get(field) or 0)

    return key


@router.get("/", response_class=HTMLResponse)
def index(
    request: Request,
    f: Filt,
    sort: Annotated[str, Query(pattern="^(recent|oldest|sources|events|disputes|title)$")] = (
        "recent"
    ),
    limit: Annotated[int, Query(ge=1, le=500)] = 25,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    """Story list with counts, search, filters, sorting and pages: one page read
    from the picture tables when they are current, else from the snapshot."""
    reader = tables(request)
    if reader is not None:
        found, total = reader.index_page(f, sort, limit, offset)
        rows = [{"story": s, "counts": c} for s, c in found]
        counts = reader.counts()
        articles = int(counts.get("articles") or 0)
        types, outlets = strs(counts.get("types")), strs(counts.get("outlets"))
    else:
        snap = snapshot(request)
        field, reverse = SORTS[sort]
        matches = sorted(query.stories(snap, f), key=_sort_key(snap, field), reverse=reverse)
        rows = [
            {"story": s, "counts": snap.stats.get(str(s.get("id")), {})}
            for s in matches[offset : offset + limit]
        ]
        total, articles = len(matches), len(snap.articles)
        types = sorted({str(e.get("type")) for e in snap.section("events") if e.get("type")})
        outlets = sorted({str(a.get("outlet")) for a in snap.articles.values() if a.get("outlet")})
    params = {k: v for k, v in request.query_params.items() if k != "offset" and v}

    def page_url(at: int) -> str:
        from urllib.parse import urlencode

        return "/?" + urlencode({**params, "offset": at})

    return render(
        "index.html",
        rows=rows,
        total=total,
        f=f,
        sort=sort,
        articles=articles,
        first=offset + 1,
        last=min(offset + limit, total),
        prev_url=page_url(max(0, offset - limit)) if offset > 0 else None,
        next_url=page_url(offset + limit) if offset + limit < total else None,
        types=types,
        outlets=outlets,
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, request: Request) -> HTMLResponse:
    """One story: timeline, map, events, claims, figures, series, framing, families."""
    reader = tables(request)
    found = reader.story(story_id) if reader is not None else None
    if reader is not None and found is None:
        raise ApiError(404, "E804", "no such story")
    snap, story = found or (snapshot(request), None)
    story = story or _need(snap.get("story", story_id), "story")
    view = views.story_view(snap, story)
    return render(
        "story.html",
        v=view,
        facts=summary.key_facts(snap, view),
        story_id=story_id,
        report=has_report(),
        map_ready=assets.map_ready(),
        radius=present.place_radius_km,
        outlets=sorted({str(o) for e in view["events"] for o in e.get("sources") or []}),
    )


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
        outlet=views.outlet_name(article),
        lang=_lang(article.get("language")),
        segments=views.article_segments(snap, article),
        stories=[s for s in stories if s],
        url=_safe_url(article.get("url")),
    )


def _lang(value: Any) -> str | None:
    """A BCP 47 primary tag fit for the ``lang`` attribute, or None."""
    if isinstance(value, str) and value.isascii() and value.isalpha() and 2 <= len(value) <= 3:
        return value.lower()
    return None


@router.get("/vendor/{name}")
def vendor(name: str) -> FileResponse:
    """A front-end library file installed from npm at setup (an allow-list, nothing else)."""
    path = assets.vendor_path(name)
    if path is None:
        raise ApiError(404, "E804", "not installed: run ./dev.sh setup")
    media = "text/css" if name.endswith(".css") else None
    return FileResponse(path, media_type=media, headers={"cache-control": "max-age=86400"})


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """API reference rendered offline from the app's own OpenAPI document."""
    from crosswire.web.apidocs import operations

    spec = request.app.openapi()
    return render("docs.html", info=spec.get("info", {}), ops=operations(spec))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, request: Request) -> HTMLResponse:
    """One article's cleaned text with every evidence span marked: its evidence
    read by key from the picture tables when they are current."""
    reader = tables(request)
    if reader is not None:
        snap = reader.article_snapshot(article_id)
        if snap is None:
            raise ApiError(404, "E804", "no such article")
        return _article_page(snap, article_id)
    return _article_page(snapshot(request), article_id)


__all__ = ["router"]
