"""``POST /api/ingest``: uploads and URLs through the single writer (web/writer.py)."""

from __future__ import annotations

import asyncio
import re
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile

from crosswire.web.api import ApiError
from crosswire.web.readmodel import Record
from crosswire.web.security import token_ok
from crosswire.web.writer import Writer

router = APIRouter(prefix="/api")

# Upload names are untrusted: only a known suffix survives (readers pick the
# format from it); the stored file name is ours.
_SUFFIXES = (
    ".warc.gz",
    ".jsonl.gz",
    ".html.gz",
    ".txt.gz",
    ".html",
    ".htm",
    ".txt",
    ".jsonl",
    ".json",
    ".xml",
    ".rss",
    ".atom",
    ".warc",
    ".gz",
)
MAX_FILES = 50
MAX_URLS = 50


def _suffix(name: str | None) -> str:
    low = (name or "").lower()
    return next((s for s in _SUFFIXES if low.endswith(s)), ".txt")


@router.post("/ingest")
async def ingest(request: Request) -> Record:
    """Ingest uploaded files (``files``) and/or URLs (``urls``) through the single writer.

    Needs ``Authorization: Bearer <token>``. Multipart form; up to 50 files and 50 URLs.
    """
    token: str | None = request.app.state.token
    if not token:
        raise ApiError(403, "E805", "ingest is disabled: no token configured")
    if not token_ok(request.headers.get("authorization"), token):
        raise ApiError(401, "E806", "missing or wrong bearer token")
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_URLS + 10)
    except Exception as exc:
        raise ApiError(400, "E809", "expected a multipart form with files and/or urls") from exc
    uploads = [v for v in form.getlist("files") if isinstance(v, UploadFile)]
    urls = [v.strip() for v in form.getlist("urls") if isinstance(v, str) and v.strip()]
    if not uploads and not urls:
        raise ApiError(400, "E810", "nothing to ingest: send files and/or urls")
    if any(not re.match(r"^https?://", u, re.IGNORECASE) for u in urls):
        raise ApiError(400, "E814", "urls must start with http:// or https://")
    tmp = tempfile.mkdtemp(prefix="crosswire-upload-") if uploads else None
    names: dict[str, str] = {}
    for n, upload in enumerate(uploads):
        assert tmp is not None
        path = Path(tmp) / f"upload-{n:03d}{_suffix(upload.filename)}"
        path.write_bytes(await upload.read())
        names[str(path)] = _upload_label(upload.filename, n, set(names.values()))
    writer: Writer = request.app.state.writer
    # Inputs are stored and reported by the names the client sent, never our temp paths.
    future = writer.submit([*names, *urls], cleanup=tmp, labels=names)
    result: dict[str, Any] = await asyncio.wrap_future(future)
    return result


def _upload_label(filename: str | None, n: int, taken: set[str]) -> str:
    """``upload:<name>`` (escaped like any source label), unique within one request."""
    from crosswire.readers import source_label  # not at start-up (httpx, feedparser...)

    name = source_label(Path(filename or f"file-{n}").name or f"file-{n}")
    label = "upload:" + name
    return label if label not in taken else f"upload:{n}/{name}"
