"""Answers rendered at refresh time (``pic_rendered``, web/prerender.py) on both
backends: after a full and then an incremental refresh of the analysed demo
corpus, every stored event row, story-list row and story page is byte for byte
what the read side renders on request, and the incremental refresh renders
only the answers its new articles touch."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crosswire.ingest import ingest
from crosswire.store.picture_rendered import EVENT, PAGE, STORY, stored
from crosswire.web.items import dumps
from crosswire.web.materialize import refresh_picture
from crosswire.web.render_stamp import code_stamp
from crosswire.web.tables import TableReader

from .conftest import Backend

pytest.importorskip("spacy", reason="the nlp extra is not installed")


def assert_rendered_equal_live(store: Any) -> int:
    """Every stored answer equals the one rendered now; returns how many there are."""
    reader = TableReader(store)
    db, stamp = reader.db, code_stamp()
    events = [str(r[0]) for r in db.rows("SELECT key FROM pic_events")]
    stories = [str(r[0]) for r in db.rows("SELECT key FROM pic_stories")]
    live = {k: dumps(v) for k, v in reader.render_events(events).items()}
    assert stored(db, EVENT, stamp, events) == live
    live = {k: dumps(v) for k, v in reader.render_stories(stories).items()}
    assert stored(db, STORY, stamp, stories) == live
    # A page read alone (TableReader.story, ~10 queries) equals the page read
    # with the others of its batch (web/story_pages.py, a few queries for all),
    # with and without the series a refresh keeps decoded.
    alone: dict[str, bytes] = {}
    for sid in stories:
        alone.update(reader.render_pages([sid]))
    assert len(alone) == len(stories) and reader.render_pages(stories) == alone
    reader.series = {}
    assert reader.render_pages([*stories, "story:none"]) == alone
    assert stored(db, PAGE, stamp, stories) == alone
    n = db.one("SELECT COUNT(*) FROM pic_rendered")
    assert n is not None and int(n[0]) == len(events) + 2 * len(stories)
    return int(n[0])


def test_rendered_answers_follow_full_and_incremental_refreshes(
    backend: Backend, demo_dir: Path
) -> None:
    from crosswire.analyze import analyze
    from crosswire.fusion.incremental import update_fusion

    files = sorted(p for p in demo_dir.iterdir() if p.is_file())
    with backend.open() as store:
        lines, totals = [], []
        for part in (files[:-2], files[-2:]):
            ingest([str(f) for f in part], store, ingested=date(2026, 11, 22))
            analyze(store)
            update_fusion(store)
            lines.append(refresh_picture(store))
            totals.append(assert_rendered_equal_live(store))
        assert "incremental" not in lines[0] and "incremental, 4 new articles" in lines[1]
        assert totals[0] > 0
        found = re.search(r"(\d+) answers rendered", lines[1])
        assert found is not None, lines[1]
        # Only what the new articles touch is rendered again.
        assert 0 < int(found.group(1)) < totals[1], lines[1]
        # A full refresh over the same store renders nothing again.
        assert "0 rows written" in refresh_picture(store, full=True)
        assert assert_rendered_equal_live(store) == totals[1]
