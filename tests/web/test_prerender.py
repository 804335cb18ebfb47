"""Answers rendered at refresh time (web/prerender.py) are the answers the API
renders on request: same bytes, untrusted text JSON-escaped the same way, and
bodies of other rendering code never served."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from crosswire.export import export_object
from crosswire.store import open_store
from crosswire.store.picture import set_state
from crosswire.store.picture_db import PictureDb
from crosswire.web import create_app
from crosswire.web.increment import refresh_increment
from crosswire.web.items import dumps
from crosswire.web.materialize import write_picture
from crosswire.web.prerender import render_pending
from crosswire.web.tables import TableReader

# Markup, quotes, a line separator and a NUL: text from articles is untrusted.
HOSTILE = "</script><img src=x onerror=\"alert(1)\">\u2028\x00 & 'x'"


def _store(web_db: str, overlay: dict[str, Any], tmp_path: Path) -> str:
    db = str(tmp_path / "tables.db")
    shutil.copy(web_db, db)
    story = {**overlay["stories"][0], "title": HOSTILE}
    with open_store(db) as store:
        export = export_object(store)
        export.update({**overlay, "stories": [story, *overlay["stories"][1:]]})
        write_picture(store, export)
    return db


def test_story_page_and_rows_rendered_at_refresh_equal_on_request(
    web_db: str, overlay: dict[str, Any], tmp_path: Path
) -> None:
    db = _store(web_db, overlay, tmp_path)
    sid = overlay["stories"][0]["id"]
    with open_store(db) as store:
        reader = TableReader(store)
        kept = reader.story_page_json(sid)
        found = reader.story(sid)
        assert kept is not None and found is not None
        from crosswire.web import views

        assert kept == dumps(views.story_view(*found))
        assert json.loads(kept)["story"]["title"] == HOSTILE
        assert b"\\u0000" in kept and b'\\"alert(1)\\"' in kept  # escaped, not raw
        n = PictureDb(store).one("SELECT COUNT(*) FROM pic_rendered WHERE kind = 'page'")
        assert n == (1,)
    client = TestClient(create_app(db, token=None, analyse=False))
    got = client.get(f"/api/stories/{sid}")
    assert got.status_code == 200 and got.content == kept
    assert client.get("/api/stories/nope").status_code == 404
    listed = client.get("/api/stories").json()["items"]
    assert listed[0]["title"] == HOSTILE


def test_bodies_of_other_rendering_code_are_not_served(
    web_db: str, overlay: dict[str, Any], tmp_path: Path
) -> None:
    db = _store(web_db, overlay, tmp_path)
    sid = overlay["stories"][0]["id"]
    with open_store(db) as store:
        pdb = PictureDb(store)
        with store.transaction():
            pdb.run("UPDATE pic_rendered SET stamp = 'older', body = '{\"stale\":true}'")
            set_state(pdb, "rendered", {"stamp": "older"})
        reader = TableReader(store)
        page = reader.story_page_json(sid)
        assert page is not None and b"stale" not in page
        rows = reader.events_page_json(_no_filters(), 50, 0, None)
        assert b"stale" not in rows
        # The next refresh renders them again with this code.
        with store.transaction():
            assert render_pending(pdb, store) > 0
        assert pdb.one("SELECT COUNT(*) FROM pic_rendered WHERE stamp = 'older'") == (0,)
        assert reader.story_page_json(sid) == page
        # Nothing new: an incremental refresh (none here: no fusion) is declined.
        assert refresh_increment(store) is None


def _no_filters() -> Any:
    from crosswire.web.query import Filters

    return Filters()


def _answers(store: Any) -> dict[tuple[str, str], bytes]:
    """Every stored answer, after checking it equals the one rendered now."""
    from crosswire.store.picture_rendered import EVENT, PAGE, STORY, stored
    from crosswire.web.render_stamp import code_stamp

    reader = TableReader(store)
    db, stamp = reader.db, code_stamp()
    events = [str(r[0]) for r in db.rows("SELECT key FROM pic_events")]
    stories = [str(r[0]) for r in db.rows("SELECT key FROM pic_stories")]
    kept = {
        EVENT: stored(db, EVENT, stamp, events),
        STORY: stored(db, STORY, stamp, stories),
        PAGE: stored(db, PAGE, stamp, stories),
    }
    assert kept[EVENT] == {k: dumps(v) for k, v in reader.render_events(events).items()}
    assert kept[STORY] == {k: dumps(v) for k, v in reader.render_stories(stories).items()}
    assert kept[PAGE] == reader.render_pages(stories)
    return {(kind, k): body for kind, bodies in kept.items() for k, body in bodies.items()}


def _place(name: str, written: str) -> dict[str, Any]:
    return {
        "id": "place:rivnopil",
        "name": name,
        "country": "UA",
        "lat": 46.97,
        "lon": 32.0,
        "mentions": [{"article": "x", "text": written}],
    }


def _rename(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**e, "name": "Dockers' union"} if e["id"] == "ent:dockers" else e for e in entities]


def test_a_refresh_renders_again_what_its_changes_reach(
    web_db: str, overlay: dict[str, Any], tmp_path: Path
) -> None:
    """Each change leaves the changed record's own row alone but reaches answers
    that show it: an actor's name, a claim, a dispute, a series, framing, the
    written name of a place."""
    db = str(tmp_path / "tables.db")
    shutil.copy(web_db, db)
    base = {**overlay, "places": [_place("Rivnopil", "Rivnopil")]}
    changes = {
        "actor renamed": lambda o: {**o, "entities": _rename(o["entities"])},
        "claim reworded": lambda o: {
            **o,
            "claims": [{**o["claims"][0], "text": "No comment."}, *o["claims"][1:]],
        },
        "dispute note": lambda o: {**o, "disputes": [{**o["disputes"][0], "note": "Who fired?"}]},
        "series value": lambda o: {
            **o,
            "series": [{**o["series"][0], "label": "Dead at the depot"}],
        },
        "framing": lambda o: {**o, "framing": [{**o["framing"][0], "outlet": "Northwire"}]},
        "place written": lambda o: {**o, "places": [_place("Rivnopil", "Rivnopil city")]},
    }
    with open_store(db) as store:
        export = export_object(store)
        write_picture(store, {**export, **base})
        before = _answers(store)
        for name, change in changes.items():
            write_picture(store, {**export, **change(base)})
            after = _answers(store)
            assert after != before, name  # the change shows in some answer
            before = after


def test_a_series_point_reaches_only_the_stories_of_its_article(
    web_db: str, overlay: dict[str, Any], tmp_path: Path
) -> None:
    """A running total shows on a story page with the points of the story's own
    articles: a new point re-renders only its article's story, not every story
    the series touches (the refresh would otherwise grow with the series)."""
    db = str(tmp_path / "tables.db")
    shutil.copy(web_db, db)
    story = overlay["stories"][0]
    post, meridian, north, xss = story["articles"]
    quay = {**story, "id": "story:quay", "articles": [north, xss], "events": ["ev:protest"]}
    depot = {**story, "articles": [post, meridian], "events": ["ev:strike", "ev:fire"]}
    first, second = overlay["series"][0]["points"]
    later = {**second, "date": "2024-05-20", "value": 11, "article": xss}
    series = {**overlay["series"][0], "points": [first, {**second, "article": north}]}
    base = {**overlay, "stories": [depot, quay], "series": [series]}
    grown = {**base, "series": [{**series, "points": [*series["points"], later]}]}
    renamed = {**grown, "series": [{**grown["series"][0], "label": "Dead at the quay"}]}
    with open_store(db) as store:
        export = export_object(store)
        write_picture(store, {**export, **base})
        before = _answers(store)
        pages = {k: json.loads(b) for (kind, k), b in before.items() if kind == "page"}
        assert [p["value"] for p in pages["story:rivnopil"]["series"][0]["points"]] == [7]
        assert [p["value"] for p in pages["story:quay"]["series"][0]["points"]] == [9]
        # The quay's article gains a point: its page and list row are rendered
        # again (the page changes), nothing else.
        report = write_picture(store, {**export, **grown})
        after = _answers(store)
        assert report["rendered"].written == 2
        assert {k for k in after if after[k] != before[k]} == {("page", "story:quay")}
        quay_page = json.loads(after[("page", "story:quay")])
        assert [p["value"] for p in quay_page["series"][0]["points"]] == [9, 11]
        # The series itself renamed: every story showing it.
        report = write_picture(store, {**export, **renamed})
        assert report["rendered"].written == 4
        assert _answers(store)[("page", "story:rivnopil")] != after[("page", "story:rivnopil")]
