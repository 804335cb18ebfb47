"""Security plumbing: response headers, request size limits, bearer-token check, errors.

Everything the pages show may come from an article, so the browser is told to
run only our own scripts (strict CSP, no inline script) and never to sniff
types; request bodies are capped before they are read.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
INGEST_LIMIT = 20 * 1024 * 1024
DEFAULT_LIMIT = 64 * 1024


def error_body(code: str, message: str) -> dict[str, Any]:
    """The one JSON error shape: ``{"error": {"code", "message"}}``."""
    return {"error": {"code": code, "message": message}}


def token_ok(header: str | None, token: str | None) -> bool:
    """Whether ``Authorization: Bearer <token>`` matches, compared in constant time."""
    if not token or not header:
        return False
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


class SecurityMiddleware:
    """Adds security headers to every response and enforces body size limits.

    Bodies over the limit are refused with 413 from ``Content-Length`` when it
    is sent, or as soon as the streamed body passes the limit.
    """

    def __init__(
        self, app: ASGIApp, *, ingest_limit: int = INGEST_LIMIT, default_limit: int = DEFAULT_LIMIT
    ) -> None:
        self.app = app
        self.ingest_limit = ingest_limit
        self.default_limit = default_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.ingest_limit if scope["path"] == "/api/ingest" else self.default_limit
        rejected = False

        async def send_with_headers(message: Message) -> None:
            if rejected:  # the 413 already went out; drop what the app says after it
                return
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = limit + 1
                if declared > limit:
                    await _reject(send_with_headers, limit)
                    return
        seen = 0

        async def counted() -> Message:
            nonlocal seen, rejected
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit and not rejected:
                    await _reject(send_with_headers, limit)
                    rejected = True
                    # Tell the app the client went away so it stops reading.
                    return {"type": "http.disconnect"}
            return message

        await self.app(scope, counted, send_with_headers)


async def _reject(send: Send, limit: int) -> None:
    body = json.dumps(error_body("E807", f"request body larger than {limit} bytes")).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
