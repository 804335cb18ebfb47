"""The API over the picture tables answers exactly as the in-memory read model does."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosswire.store import open_store
from crosswire.store.picture_db import PictureDb

PATHS = [
    "/api/health",
    "/api/stories",
    "/api/events",
    "/api/events?limit=2&offset=1",
    "/api/events?since=2025-03-02&until=2025-03-03",
    "/api/events?type=shelling%2Fartillery%2Fmissile%20attack",
    "/api/events?place=rivnopil",
    "/api/events?bbox=30,40,40,55",
    "/api/events?q=shelled",
    "/api/events?outlet=harbor%20daily",
    "/api/events?actor=army",
    "/api/stories?q=rivnopil",
    "/api/stories?since=2030-01-01",
    "/api/stories?type=battles",
    "/api/events?bogus=1&place=nowhere",
    "/api/entities",
    "/api/entities?limit=2&offset=1",
    "/api/entities?q=marchuk",
    "/api/entities?actor=MINISTRY",
    "/api/entities?type=person",
    "/api/entities?story=story%3Arivnopil",
    "/api/entities?story=none",
    "/api/entities?story=story%3Aharbour",
    "/api/entities?type=ORG&q=defence&story=story%3Arivnopil",
    "/api/entities?since=2024-01-01",
    "/api/claims",
    "/api/claims?limit=1&offset=1",
    "/api/claims?story=story%3Aharbour",
    "/api/claims?story=story%3Arivnopil&type=DENIAL",
    "/api/claims?story=none",
    "/api/claims?q=military",
    "/api/claims?actor=marchuk",
    "/api/claims?actor=ent%3Amod",
    "/api/claims?actor=HARBOUR%20master",
    "/api/claims?outlet=harbour%20post",
    "/api/claims?outlet=HARBOUR%20POST&type=statement",
    "/api/claims?outlet=nowhere",
    "/api/claims?since=2024-05-15",
    "/api/claims?until=2024-05-14",
    "/api/claims?since=2024-05-14&until=2024-05-14",
    "/api/claims?bbox=30,40,40,55",
    "/api/articles",
    "/api/articles?limit=2&offset=1",
    "/api/articles?story=story%3Aharbour",
    "/api/articles?story=none",
    "/api/articles?q=rubble",
    "/api/articles?q=grain%20dep",
    "/api/articles?outlet=northwire",
    "/api/articles?outlet=nowhere&q=grain",
    "/api/articles?since=2024-05-15",
    "/api/articles?until=2024-05-15",
    "/api/articles?since=2024-05-15&until=2024-05-15&outlet=DAILY%20MERIDIAN",
    "/api/articles?type=protest",
    "/api/disputes",
    "/api/disputes?limit=1&offset=1",
    "/api/disputes?story=story%3Aharbour",
    "/api/disputes?story=story%3Arivnopil&type=DENIAL",
    "/api/disputes?story=none",
    "/api/disputes?type=figure",
    "/api/disputes?q=odesa",
    "/api/disputes?q=AMMUNITION",
    "/api/disputes?q=nobody%20was",
    "/api/disputes?outlet=harbour%20post",
    "/api/disputes?outlet=nowhere",
    "/api/disputes?since=2024-05-15",
    "/api/places",
    "/api/places?limit=1&offset=2",
    "/api/places?place=rivnopil",
    "/api/places?q=ODESA",
    "/api/places?q=mykola",
    "/api/places?bbox=30,46,31,47",
    "/api/places?bbox=170,-50,-170,50",
    "/api/places?story=story%3Aharbour",
    "/api/places?story=story%3Arivnopil&bbox=31,46,33,48",
    "/api/places?story=none",
    "/api/places?type=city",
]


def _same(a: Any, b: Any) -> None:
    assert a.status_code == b.status_code
    ja, jb = a.json(), b.json()
    if isinstance(ja, dict):
        ja.pop("next", None)
    assert ja == jb


def test_api_matches_in_memory_read_model(clients: tuple[TestClient, TestClient]) -> None:
    tables, memory = clients
    assert "next" in tables.get("/api/events").json()  # really the tables path
    stories = [s["id"] for s in memory.get("/api/stories").json()["items"]]
    events = [e["id"] for e in memory.get("/api/events").json()["items"]]
    claims = [c["id"] for c in memory.get("/api/claims?limit=500").json()["items"]]
    articles = [a["id"] for a in memory.get("/api/articles?limit=500").json()["items"]]
    assert stories and events and claims and articles
    paths = [
        *PATHS,
        *(f"/api/claims/{c}" for c in claims),
        *(f"/api/articles/{a}" for a in articles),
        "/api/claims/none",
        "/api/articles/none",
        *(f"/api/stories/{s}" for s in stories),
        *(f"/api/stories/{s}/charts" for s in stories),
        *(f"/api/events?story={s}" for s in stories),
        *(f"/api/events/{e}" for e in events),
        "/api/events/none",
        "/api/stories/none",
    ]
    for path in paths:
        _same(tables.get(path), memory.get(path))
    totals = {p: memory.get(p).json().get("total") for p in PATHS if "/entities" in p}
    assert totals["/api/entities?story=story%3Aharbour"] not in (0, totals["/api/entities"])
    totals = {p: memory.get(p).json().get("total") for p in PATHS if "/claims" in p}
    assert totals["/api/claims?story=story%3Aharbour"] not in (0, totals["/api/claims"])
    assert totals["/api/claims?since=2024-05-15"] not in (0, totals["/api/claims"])
    assert totals["/api/claims?outlet=HARBOUR%20POST&type=statement"] == 1
    totals = {p: memory.get(p).json().get("total") for p in PATHS if "/articles" in p}
    assert totals["/api/articles?story=story%3Aharbour"] == 1
    assert totals["/api/articles?q=rubble"] not in (0, totals["/api/articles"])
    assert totals["/api/articles?until=2024-05-15"] not in (0, totals["/api/articles"])
    assert totals["/api/articles?since=2024-05-15&until=2024-05-15&outlet=DAILY%20MERIDIAN"] == 1
    totals = {p: memory.get(p).json().get("total") for p in PATHS if "/disputes" in p}
    assert totals["/api/disputes?story=story%3Aharbour"] == 1
    assert totals["/api/disputes?q=odesa"] == 1
    assert totals["/api/disputes?outlet=harbour%20post"] not in (0, totals["/api/disputes"])
    totals = {p: memory.get(p).json().get("total") for p in PATHS if "/places" in p}
    assert totals["/api/places?story=story%3Aharbour"] not in (0, totals["/api/places"])
    assert totals["/api/places?bbox=170,-50,-170,50"] == 1
    for s in stories:
        assert tables.get(f"/stories/{s}").text == memory.get(f"/stories/{s}").text


@pytest.mark.parametrize(
    "endpoint", ["events", "articles", "claims", "disputes", "entities", "places"]
)
def test_keyset_pages_walk_the_same_order(
    clients: tuple[TestClient, TestClient], endpoint: str
) -> None:
    tables, memory = clients
    expected = [e["id"] for e in memory.get(f"/api/{endpoint}?limit=500").json()["items"]]
    assert len(expected) > 2
    seen: list[str] = []
    page = tables.get(f"/api/{endpoint}?limit=2").json()
    while True:
        seen += [e["id"] for e in page["items"]]
        if not page["next"]:
            break
        page = tables.get(f"/api/{endpoint}?limit=2&after={page['next']}").json()
    assert seen == expected
    assert tables.get(f"/api/{endpoint}?after=not-a-cursor").status_code == 200


def test_answers_are_cached_per_picture_version(clients: tuple[TestClient, TestClient]) -> None:
    """The story list, story page and events query are computed once per picture
    version; a refresh that changes the tables changes the version, so the next
    answer is computed again (web/cache.py)."""
    tables, _ = clients
    story = tables.get("/api/stories").json()["items"][0]["id"]
    paths = ["/api/stories?limit=5", f"/api/stories/{story}", "/api/events?since=2000-01-01"]
    first = [tables.get(p) for p in paths]
    again = [tables.get(p) for p in paths]
    assert [r.content for r in again] == [r.content for r in first]
    cache = tables.app.state.responses  # type: ignore[attr-defined]
    assert (cache.hits, cache.misses) == (3, 4)  # with the first /api/stories
    assert tables.get("/api/stories/story:nope").status_code == 404  # errors are not kept
    assert tables.get("/api/stories/story:nope").status_code == 404
    assert cache.misses == 6
    # The store changes (another build key): the tables are no longer current and
    # nothing cached for the old version is served.
    db = tables.app.state.readmodel.db  # type: ignore[attr-defined]
    with open_store(db) as store:
        PictureDb(store).run("UPDATE pic_state SET data = '[0, 0, null]' WHERE name = 'built'")
        store.conn.commit()
    tables.app.state.readmodel.invalidate()  # type: ignore[attr-defined]
    hits = cache.hits
    tables.get("/api/events?since=2000-01-01")
    assert cache.hits == hits


def test_kept_answers_carry_an_etag_and_revalidate_with_304(
    clients: tuple[TestClient, TestClient],
) -> None:
    """A table-backed answer leaves with a strong ETag; a client that sends it
    back gets a bodiless 304, whether the answer was just computed or served
    from the cache before routing (web/cache.py CachedReads), and the security
    headers are on both."""
    tables, _ = clients
    story = tables.get("/api/stories").json()["items"][0]["id"]
    for path in ("/api/stories?limit=3", f"/api/stories/{story}", "/api/events?limit=4"):
        first, kept = tables.get(path), tables.get(path)
        assert first.status_code == kept.status_code == 200
        assert first.content == kept.content
        etag = first.headers["etag"]
        assert etag.startswith('"') and kept.headers["etag"] == etag
        assert kept.headers["cache-control"] == "no-cache"
        assert kept.headers["content-type"] == "application/json"
        assert "script-src 'self'" in kept.headers["content-security-policy"]
        again = tables.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        stale = tables.get(path, headers={"If-None-Match": '"0000"'})
        assert stale.status_code == 200 and stale.content == first.content
    # Another query is another answer with another tag.
    assert tables.get("/api/events?limit=5").headers["etag"] != etag


def _no_render(keys: list[str]) -> dict[str, Any]:
    raise AssertionError(f"rendered on request: {keys}")


@pytest.mark.parametrize("at_refresh", [True, False])
def test_pages_from_kept_rows_are_the_bytes_of_the_whole_page(
    clients: tuple[TestClient, TestClient], at_refresh: bool
) -> None:
    """Story-list and events pages assembled from rows rendered at refresh time
    (web/prerender.py) or once per version (web/items.py) are byte for byte the
    JSON of the page rendered whole, whether none, some or all of their rows
    were kept before."""
    from fastapi.responses import JSONResponse

    from crosswire.web.query import Filters
    from crosswire.web.tables import reader_for

    tables, _ = clients
    reader = reader_for(tables.app.state.readmodel)  # type: ignore[attr-defined]
    assert reader is not None
    if at_refresh:
        # Every row comes from pic_rendered (or from memory): none is rendered here.
        reader.render_events = reader.render_stories = _no_render  # type: ignore[method-assign]
    else:
        reader.db.run("DELETE FROM pic_rendered")
    windows = [
        (Filters(), 2, 1),
        (Filters(), 3, 0),  # overlaps the first: some rows kept
        (Filters(since="2025-03-02", until="2025-03-03"), 5, 0),
        (Filters(), 50, 0),  # every row, most kept
        (Filters(type="battles"), 10, 0),
    ]
    for f, limit, offset in windows:
        for _ in range(2):  # cold, then every row kept
            whole = JSONResponse(reader.stories_page(f, limit, offset, None)).body
            assert reader.stories_page_json(f, limit, offset, None) == whole
            whole = JSONResponse(reader.events_page(f, limit, offset, None)).body
            assert reader.events_page_json(f, limit, offset, None) == whole
    assert tables.app.state.readmodel.rendered._bytes > 0  # type: ignore[attr-defined]
    first = tables.get("/api/events?limit=2").json()
    after = tables.get(f"/api/events?limit=2&after={first['next']}").json()
    assert after["items"] and after["items"][0]["id"] not in {e["id"] for e in first["items"]}
