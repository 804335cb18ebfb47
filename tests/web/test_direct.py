"""Misses of the story list, story pages and events answered without FastAPI's
routing (web/direct.py): the same answers, and anything unusual left to FastAPI."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosswire.web import app as web_app
from crosswire.web import create_app, direct
from crosswire.web.direct import DirectReads, route_of
from crosswire.web.story_list import StoryList

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
        "/api/stories?limit=500",
        "/api/stories?offset=40",
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


def _routed_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apps made from now on answer every miss through FastAPI's routing and the
    tables' queries: no direct path, no story-list chunks (web/story_list.py)."""
    monkeypatch.setattr(direct, "route_of", lambda scope: None)
    monkeypatch.setattr(web_app, "kept_story_list", lambda lists: lambda version, scope: None)
    monkeypatch.setattr(StoryList, "read", lambda *args: None)


def test_direct_answers_are_the_routes_answers(
    clients: tuple[TestClient, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each plain miss is answered by the direct path (the unfiltered story
    list's pages, once their chunk is kept, by the event loop), with the body,
    status and headers FastAPI's route gives for it; the unusual requests are
    not, and get FastAPI's answer (errors included)."""
    tables, _ = clients
    db = tables.app.state.readmodel.db  # type: ignore[attr-defined]
    with tables as client:
        plain, unusual = _paths(client)
        counter, lists = _direct_of(client.app), client.app.state.story_list  # type: ignore[attr-defined]
        before, quick = counter.direct, lists.answered
        got = _answers(client, plain)
        assert lists.answered - quick == 4  # the chunk was loaded by _paths' first request
        assert counter.direct - before + lists.answered - quick == len(plain)
        got += _answers(client, unusual)
        assert counter.direct - before + lists.answered - quick == len(plain)
    assert {row[1] for row in got[: len(plain)]} == {200}
    assert {400, 404} <= {row[1] for row in got[len(plain) :]}

    _routed_only(monkeypatch)
    with TestClient(create_app(db, token=None, analyse=False)) as routed:
        _paths(routed)
        assert _direct_of(routed.app).direct == 0
        assert _answers(routed, plain + unusual) == got


def test_story_list_from_chunks_revalidates_as_routed(
    clients: tuple[TestClient, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A story-list page the event loop cuts from kept chunks has the routed
    page's ETag, and a client holding it gets the same 304."""
    tables, _ = clients
    db = tables.app.state.readmodel.db  # type: ignore[attr-defined]
    paths = ["/api/stories?limit=1", "/api/stories?limit=2&offset=1"]

    def revalidated(client: TestClient) -> list[tuple[Any, ...]]:
        out = []
        for path in paths:
            first = client.get(path)
            again = client.get(path + "&x=1", headers={"if-none-match": first.headers["etag"]})
            tagged = client.get(path, headers={"if-none-match": first.headers["etag"]})
            out.append((first.headers["etag"], again.status_code, tagged.status_code))
            out.append(tuple(tagged.headers.get(h) for h in HEADERS))
        return out

    with tables as client:
        client.get("/api/stories?limit=3")  # loads the chunk
        got = revalidated(client)
        assert client.app.state.story_list.answered == 2  # type: ignore[attr-defined]
    assert [row[1:] for row in got[::2]] == [(304, 304)] * 2
    _routed_only(monkeypatch)
    with TestClient(create_app(db, token=None, analyse=False)) as routed:
        assert revalidated(routed) == got


def test_which_story_list_requests_are_cut_from_chunks() -> None:
    """Only a plain unfiltered page (``limit`` and ``offset`` at most, values the
    route takes as they are, no root path) is asked of the kept chunks."""
    asked: list[tuple[int, int]] = []

    class Lists(StoryList):
        def kept(self, version: str, limit: int, offset: int) -> bytes | None:
            asked.append((limit, offset))
            return b"{}"

    answer = direct.kept_story_list(Lists())
    for query, root in (
        (b"", ""),
        (b"limit=7", ""),
        (b"offset=3&limit=2", ""),
        (b"limit=2&offset=3&since=2024-05-01", ""),
        (b"after=WzFd", ""),
        (b"limit=07", ""),
        (b"limit=501", ""),
        (b"limit=2&limit=3", ""),
        (b"limit=2", "/crosswire"),
    ):
        scope = {"path": "/api/stories", "query_string": query, "root_path": root}
        answer("v", scope)
    assert answer("v", {"path": "/api/events", "query_string": b""}) is None
    assert asked == [(50, 0), (7, 0), (2, 3)]


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
