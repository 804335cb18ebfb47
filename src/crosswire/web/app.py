"""The FastAPI application: JSON API under /api, server-rendered pages, static assets."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import TYPE_CHECKING

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.types import Receive, Scope, Send

from crosswire import __version__
from crosswire.web import api, api_ingest, pages
from crosswire.web.cache import CachedReads, KeptAnswers, ResponseCache, send_kept
from crosswire.web.direct import DirectReads
from crosswire.web.freshness import Watcher
from crosswire.web.readmodel import ReadModel
from crosswire.web.security import SecurityMiddleware, error_body
from crosswire.web.writer import Writer

if TYPE_CHECKING:  # the readers load on the first ingest, not at start-up
    from crosswire.readers import ReadOptions

log = logging.getLogger(__name__)

_UNSET = object()


class CrosswireApp(FastAPI):
    """The FastAPI app, answering kept answers before its middleware stack.

    A hit (web/cache.py) is final bytes with headers built when it was kept,
    the security headers included; through the stack it also cost the event
    loop the error, security and cache middleware and their ``send`` wrappers
    (in process, 20 us of CPU per hit against 5). With CORS origins set the
    hits stay inside the stack, where CORS adds its headers."""

    early: KeptAnswers | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        early = self.early
        if early is not None:
            found = early.lookup(scope)
            if found is not None:
                await send_kept(send, scope, found)
                return
        await super().__call__(scope, receive, send)


def create_app(
    db: str,
    *,
    token: str | None | object = _UNSET,
    cors_origins: list[str] | None = None,
    analyse: bool = True,
    read_options: ReadOptions | None = None,
    threads: int | None = None,
) -> FastAPI:
    """Build the web app over the store at ``db``.

    ``token`` guards ``POST /api/ingest`` (default: the ``CROSSWIRE_TOKEN``
    environment variable; no token disables ingest). ``cors_origins`` lists
    the origins allowed cross-origin reads (none by default). ``analyse`` runs
    the analysis layer after each ingest when it is installed. ``threads``
    caps the worker threads that run routes (anyio's default is 40).
    """
    if token is _UNSET:
        token = os.environ.get("CROSSWIRE_TOKEN") or None
    readmodel = ReadModel(db)
    writer = Writer(db, analyse=analyse, options=read_options, on_write=readmodel.invalidate)
    # Renews the picture version in the background (web/freshness.py), so kept
    # answers never wait for a request to find the tables current again.
    watcher = Watcher(readmodel)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if threads is not None:
            # Routes are sync and run in worker threads that share the GIL with
            # the event loop; 40 threads computing cache misses at once starve
            # the loop that serves the kept answers (bench_picture.py serve,
            # SQLite 100k, quiet machine: p99 405-486 ms with 40, 173-339 with 8).
            limiter = anyio.to_thread.current_default_thread_limiter()
            limiter.total_tokens = threads
        writer.start()
        watcher.start()
        try:
            yield
        finally:
            watcher.stop()
            writer.stop()
            kept = app.state.responses
            log.info(
                "API reads: %d answered before routing, %d routed (%d cache misses)",
                kept.early,
                kept.routed,
                kept.misses,
            )

    app = CrosswireApp(
        title="crosswire",
        version=__version__,
        description="Cross-checked, source-attributed events from news articles.",
        lifespan=lifespan,
        # FastAPI's interactive docs load scripts from a CDN: offline and against
        # our CSP they cannot work; /docs is our own page (pages.docs).
        docs_url=None,
        redoc_url=None,
    )
    app.state.readmodel = readmodel
    app.state.writer = writer
    app.state.token = token if isinstance(token, str) else None
    app.include_router(api.router)
    app.include_router(api_ingest.router)
    app.include_router(pages.router)
    static = files("crosswire.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _handlers(app)
    # Kept answers are served before routing; CORS and the security headers
    # still wrap them (middleware added later sits further out).
    app.state.responses = ResponseCache()
    # Inside CachedReads: its misses of the three loaded routes skip routing
    # (web/direct.py).
    app.add_middleware(DirectReads)
    app.add_middleware(CachedReads, model=readmodel, cache=app.state.responses)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET"],
            allow_headers=["Authorization"],
        )
    app.add_middleware(SecurityMiddleware)
    if not cors_origins:
        app.early = KeptAnswers(readmodel, app.state.responses)
    return app


def _wants_page(request: Request) -> bool:
    """Pages get HTML errors; the API (and scripts asking for JSON) get the JSON shape."""
    path = request.url.path
    if path.startswith(("/api/", "/openapi.json")) or path == "/api":
        return False
    return "application/json" not in request.headers.get("accept", "")


def _error(request: Request, status: int, code: str, message: str) -> JSONResponse | HTMLResponse:
    if _wants_page(request):
        page = pages.render("error.html", status=status, code=code, message=message, f=None)
        page.status_code = status
        return page
    return JSONResponse(error_body(code, message), status_code=status)


def _handlers(app: FastAPI) -> None:
    """API errors leave as ``{"error": {"code", "message"}}``, page errors as an HTML page;
    never a stack trace."""

    @app.exception_handler(api.ApiError)
    async def api_error(request: Request, exc: api.ApiError) -> JSONResponse | HTMLResponse:
        return _error(request, exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def bad_params(
        request: Request, exc: RequestValidationError
    ) -> JSONResponse | HTMLResponse:
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "query")
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return _error(request, 400, "E801", "bad parameter: " + "; ".join(problems))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse | HTMLResponse:
        codes = {404: "E804", 405: "E815", 413: "E807"}
        message = "not found" if exc.status_code == 404 else str(exc.detail)
        code = codes.get(exc.status_code, f"E8{exc.status_code}")
        return _error(request, exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> JSONResponse | HTMLResponse:
        log.error("E899 unhandled error on %s", request.url.path, exc_info=exc)
        return _error(request, 500, "E899", "internal error")
