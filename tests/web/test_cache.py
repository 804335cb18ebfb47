"""The response cache of the read side (web/cache.py): bounded, and one
computation for concurrent misses of one answer."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def test_response_cache_is_bounded() -> None:
    from crosswire.web.cache import ResponseCache

    cache = ResponseCache(entries=3, max_bytes=1000)
    for n in range(5):
        cache.put(("v", f"/p{n}", ""), b"x" * 50)
    assert cache.get(("v", "/p0", "")) is None and cache.get(("v", "/p4", "")) == b"x" * 50
    cache.put(("v", "/big", ""), b"x" * 101)  # over a tenth of the budget: not kept
    assert cache.get(("v", "/big", "")) is None
    for n in range(3):
        cache.put(("w", f"/q{n}", ""), b"y" * 400)
    assert cache._bytes <= 1000


def test_concurrent_misses_of_one_answer_compute_it_once() -> None:
    import threading
    import time

    from starlette.requests import Request
    from starlette.responses import Response

    from crosswire.web.cache import ResponseCache

    cache = ResponseCache()
    calls: list[int] = []

    def make() -> Response:
        calls.append(1)
        time.sleep(0.05)  # a slow render: the other threads arrive meanwhile
        return Response(b'{"items":[]}', media_type="application/json")

    scope = {"type": "http", "path": "/api/events", "query_string": b"since=2025-03-01"}
    bodies: list[bytes] = []

    def ask() -> None:
        bodies.append(bytes(cache.answer(Request({**scope, "headers": []}), "v1", make).body))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and bodies == [b'{"items":[]}'] * 8
    cache.answer(Request({**scope, "headers": []}), "v2", make)  # another version: computed
    assert len(calls) == 2


def test_kept_answers_leave_before_the_middleware_stack(
    clients: tuple[TestClient, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hit is answered by the app before its middleware stack (web/app.py), with
    the bytes and headers (ETag, security headers) the stack gives it, and its
    304; with CORS origins set, hits stay inside the stack and carry CORS's
    headers."""
    from crosswire.web import create_app

    tables, _ = clients
    db = tables.app.state.readmodel.db  # type: ignore[attr-defined]
    paths = ["/api/stories?limit=3", "/api/events?limit=4"]
    with tables as client:
        routed = [client.get(p) for p in paths]
        stack = client.app.middleware_stack  # type: ignore[attr-defined]
        entered: list[str] = []

        async def spy(scope: Any, receive: Any, send: Any) -> None:
            entered.append(scope["path"])
            await stack(scope, receive, send)

        monkeypatch.setattr(client.app, "middleware_stack", spy)
        kept = [client.get(p) for p in paths]
        assert entered == []  # every hit left before the stack
        for first, hit in zip(routed, kept, strict=True):
            assert hit.content == first.content
            assert list(hit.headers.items()) == list(first.headers.items())
            again = client.get(paths[0], headers={"If-None-Match": routed[0].headers["etag"]})
            assert again.status_code == 304 and again.content == b""
            assert again.headers["x-frame-options"] == "DENY"
        client.get("/api/stories?limit=2")  # a miss: through the stack
        assert entered == ["/api/stories"]
    with TestClient(create_app(db, analyse=False, cors_origins=["https://a.example"])) as cors:
        assert cors.app.early is None  # type: ignore[attr-defined]
        origin = {"Origin": "https://a.example"}
        first, hit = (cors.get(paths[0], headers=origin) for _ in range(2))
        assert hit.content == first.content
        assert hit.headers["access-control-allow-origin"] == "https://a.example"
        assert cors.app.state.responses.early >= 1  # type: ignore[attr-defined]
