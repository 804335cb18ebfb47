"""Misses of the story list, story pages and events answered without FastAPI's
routing (web/direct.py): the same answers, and anything unusual left to FastAPI."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosswire.web import create_app, direct
from crosswire.web.direct import DirectReads, route_of

HEADERS = ("etag", "cache-control", "content-type", "content-security-policy")


def _direct_of(app: Any) -> DirectReads:
    node = app.middleware_stack
    while not isinstance(node, DirectReads):
        node = node.app
    return node


def _paths(client: TestClient) -> tuple[list[str], list[str]]:
    """(plain requests the direct path answers, unusual ones it leaves to FastAPI)."""
    stories = client.get("/api/stories?limit=2").json()
    story = stories["items"][0]["id"]
    events = client.get("/api/events?limit=1").json()
    plain = [
        "/api/stories?offset=1",
        "/api/stories?limit=1&offset=2",
        f"/api/stories?limit=1&after={stories['next']}",
        "/api/stories?since=2024-05-01&until=2024-05-31&limit=3",
        "/api/stories?q=grain+depot",
        f"/api/stories/{story}",
        "/api/events",
        "/api/events?since=2024-05-14&until=2024-05-16&limit=3",
        "/api/events?type=battles&limit=5",
        f"/api/events?limit=1&after={events['next']}",
        "/api/events?bbox=30,45,33,48&actor=ent%3Amarchuk",
    ]
    unusual = [
        "/api/stories?limit=0",  # out of range: FastAPI's 400
        "/api/stories?limit=007",
        "/api/stories?limit=2&limit=3",  # given twice
        "/api/stories?offset=-1",
        "/api/events?since=yesterday",  # the filter's own 400
        "/api/events?since=",
        "/api/events?q=" + "x" * 201,  # too long: FastAPI's 400
        "/api/events?colour=red",  # unknown: FastAPI ignores it
        "/api/stories/story:nope",  # the route's 404
        f"/api/stories/{story}?x=1",
        f"/api/stories/{story}/charts",
    ]
    return plain, unusual


def _answers(client: TestClient, paths: list[str]) -> list[tuple[Any, ...]]:
    out = []
    for path in paths:
        got = client.get(path)
        out.append((path, got.status_code, got.content, *(got.headers.get(h) for h in HEADERS)))
    return out


def test_direct_answers_are_the_routes_answers(
    clients: tuple[TestClient, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each plain miss is answered by the direct path, with the body, status and
    headers FastAPI's route gives for it; the unusual requests are not, and get
    FastAPI's answer (errors included)."""
    tables, _ = clients
    db = tables.app.state.readmodel.db  # type: ignore[attr-defined]
    with tables as client:
        plain, unusual = _paths(client)
        counter = _direct_of(client.app)
        before = counter.direct
        got = _answers(client, plain)
        assert counter.direct - before == len(plain)
        got += _answers(client, unusual)
        assert counter.direct - before == len(plain)
    assert {row[1] for row in got[: len(plain)]} == {200}
    assert {400, 404} <= {row[1] for row in got[len(plain) :]}

    monkeypatch.setattr(direct, "route_of", lambda scope: None)
    with TestClient(create_app(db, token=None, analyse=False)) as routed:
        _paths(routed)
        assert _direct_of(routed.app).direct == 0
        assert _answers(routed, plain + unusual) == got


@pytest.mark.parametrize(
    ("path", "query", "taken"),
    [
        ("/api/stories", b"", True),
        ("/api/stories", b"limit=500&offset=1000000000", True),
        ("/api/stories", b"limit=501", False),
        ("/api/stories", b"offset=1000000001", False),
        ("/api/stories", b"limit=+5", False),
        ("/api/stories", b"limit=5.0", False),
        ("/api/events", b"since=2025-03-01&until=2025-03-28&limit=50", True),
        ("/api/events", b"since=2025-3-1", False),  # the filter refuses it
        ("/api/events", b"since=2024-13-01", True),  # the filter takes it: so does the route
        ("/api/events", b"place=Rivnopil&outlet=Harbour%20Post", True),
        ("/api/events", b"after=" + b"a" * 201, False),
        ("/api/events/", b"", False),
        ("/api/claims", b"", False),
        ("/api/stories/story:1", b"", True),
        ("/api/stories/", b"", False),
        ("/api/stories/story:1/charts", b"", False),
    ],
)
def test_which_requests_take_the_direct_path(path: str, query: bytes, taken: bool) -> None:
    scope = {"type": "http", "method": "GET", "path": path, "query_string": query}
    assert (route_of(scope) is not None) == taken
