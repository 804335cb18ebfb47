"""The unfiltered story list served from chunks kept in memory (web/story_list.py):
the pages the tables give, and a refresh's changes seen at once."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosswire.export import export_object
from crosswire.model import Article
from crosswire.store import open_store
from crosswire.web import app as web_app
from crosswire.web import create_app, direct
from crosswire.web.materialize import write_picture
from crosswire.web.story_list import Chunk, StoryList

PAGES = ["/api/stories", "/api/stories?limit=1&offset=1", "/api/stories?offset=2&limit=500"]


def _bodies(client: TestClient) -> list[tuple[int, bytes, str]]:
    out = []
    for path in PAGES:
        got = client.get(path)
        out.append((got.status_code, got.content, got.headers["etag"]))
    return out


def _routed(db: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, bytes, str]]:
    """The pages as FastAPI's route reads them from the tables, without chunks."""
    with monkeypatch.context() as m:
        m.setattr(direct, "route_of", lambda scope: None)
        m.setattr(web_app, "kept_story_list", lambda lists: lambda version, scope: None)
        m.setattr(StoryList, "read", lambda *args: None)
        with TestClient(create_app(db, token=None, analyse=False)) as routed:
            return _bodies(routed)


def test_a_refresh_is_seen_by_the_story_list(
    clients: tuple[TestClient, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refresh that adds a story gives a new picture version: the chunks of the
    old one no longer answer, and the pages cut from the new version's chunks
    are the tables' pages, with the new story and the new total."""
    tables, memory = clients
    db = tables.app.state.readmodel.db  # type: ignore[attr-defined]
    rich: dict[str, Any] = memory.app.state.readmodel.overlay  # type: ignore[attr-defined]
    with tables as client:
        lists = client.app.state.story_list  # type: ignore[attr-defined]
        before = _bodies(client)
        assert _bodies(client) == before
        # The first page loaded the chunk; the others were cut from it (and kept).
        assert lists.answered == len(PAGES) - 1
        assert before == _routed(db, monkeypatch)
        total = client.get("/api/stories").json()["total"]

        # A new article (the picture's version is what it was built from) and
        # the story fusion made of it.
        report = Article(
            id="d" * 16,
            source="feeds/port.txt",
            outlet="Harbour Post",
            title="Port strike spreads to Odesa terminals",
            text="Dock workers at two more terminals joined the strike on Friday.",
        )
        extra = {
            **rich["stories"][0],
            "id": "story:port-strike",
            "title": report.title,
            "articles": [report.id],
        }
        with open_store(db) as store:
            store.add_article(report)
            export = export_object(store)
            export.update({**rich, "stories": [*rich["stories"], extra]})
            write_picture(store, export)
        client.app.state.readmodel.invalidate()  # type: ignore[attr-defined]
        after = _bodies(client)
        assert after != before
        listed = client.get("/api/stories?limit=500").json()
        assert listed["total"] == total + 1
        assert "story:port-strike" in [s["id"] for s in listed["items"]]
    assert after == _routed(db, monkeypatch)


def test_concurrent_misses_load_each_chunk_once() -> None:
    """Eight threads asking pages at once: every chunk is loaded once (misses of
    one chunk wait for its load, not for the others'), and every page is the
    slice of the list it asks for."""
    seqs = [n * 3 for n in range(103)]  # 103 stories, chunks of 8: the last is short
    rows = [b'{"n":%d}' % n for n in range(len(seqs))]
    loaded: list[int] = []

    def load(start: int, count: int) -> Chunk:
        loaded.append(start)
        time.sleep(0.002)  # a read of the tables: other threads run meanwhile
        return Chunk(seqs[start : start + count], rows[start : start + count])

    lists = StoryList(chunk=8)
    asks = [(limit, offset) for limit in (1, 5, 8, 50) for offset in range(0, 110, 3)]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda a: lists.page("v", *a, load, lambda: len(seqs)), asks))
    # Once each (past the end, a chunk may be asked before the end is known).
    assert len(loaded) == len(set(loaded))
    assert set(range(0, len(seqs), 8)) <= set(loaded) <= set(range(0, 112, 8))
    for (limit, offset), body in zip(asks, got, strict=True):
        page = json.loads(body or b"")
        want = list(range(offset, min(offset + limit, len(seqs))))
        assert [item["n"] for item in page["items"]] == want
        assert page["total"] == len(seqs)
        assert (page["next"] is not None) == (len(want) == limit)
