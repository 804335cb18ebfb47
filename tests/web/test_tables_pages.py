"""The HTML pages over the picture tables show what the in-memory read model shows
(the ``clients`` fixture: tests/web/conftest.py)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from crosswire.store import picture_query as pq


@pytest.mark.parametrize("sort", ["recent", "oldest", "sources", "events", "disputes", "title"])
def test_index_page_from_the_tables_matches_the_snapshot(
    clients: tuple[TestClient, TestClient], sort: str
) -> None:
    """The story index reads one sorted page from the picture tables (no
    snapshot of the store) and shows what the in-memory index shows."""
    tables, memory = clients
    for query in ("", "&limit=1", "&limit=1&offset=1", "&q=rivnopil", "&type=battles"):
        path = f"/?sort={sort}{query}"
        got, want = tables.get(path), memory.get(path)
        assert got.status_code == want.status_code == 200
        assert got.text == want.text, path
    assert tables.app.state.readmodel._snap is None  # type: ignore[attr-defined]


def test_article_page_from_the_tables_matches_the_snapshot(
    clients: tuple[TestClient, TestClient],
) -> None:
    """The article page reads the article's claims, events and stories by key
    and marks the same evidence spans as the whole-store snapshot."""
    tables, memory = clients
    ids = [a["id"] for a in memory.get("/api/articles?limit=500").json()["items"]]
    assert len(ids) > 2
    marked, kinds = 0, set[str]()
    for aid in ids:
        got, want = tables.get(f"/articles/{aid}"), memory.get(f"/articles/{aid}")
        assert got.status_code == want.status_code == 200
        assert got.text == want.text, aid
        marked += got.text.count("data-spans=")
        for found in re.findall(r'class="ev ([a-z ]+)" data-spans', got.text):
            kinds.update(found.split())
    assert marked > 0  # the fixture's articles carry evidence
    assert {"claim", "event"} <= kinds, kinds  # the fixture has no figure sources
    assert tables.get("/articles/nope").status_code == 404
    assert tables.app.state.readmodel._snap is None  # type: ignore[attr-defined]


def test_a_capped_search_count_is_shown_as_more_than(
    clients: tuple[TestClient, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the cap the API flags the total and the index says "more than"."""
    tables, memory = clients
    full = memory.get("/api/articles?q=the&limit=500").json()
    assert full["total"] >= 2 and "total_more" not in full
    monkeypatch.setattr(pq, "COUNT_CAP", 1)
    got = tables.get("/api/articles?q=the&limit=1").json()
    assert (got["total"], got["total_more"], len(got["items"])) == (1, True, 1)
    assert got["next"]
    assert memory.get("/api/stories?q=the&limit=500").json()["total"] >= 2
    page = tables.get("/?q=the&limit=1").text
    assert "of more than 1" in page and "offset=1" in page
