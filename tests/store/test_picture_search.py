"""Full-text search by kind (migration 10) and the capped search counts, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswire.store import SQLiteStore, picture_lists, picture_query
from crosswire.store import sqlite as sqlite_module
from crosswire.store.migrations import MIGRATIONS
from crosswire.store.picture_db import PictureDb
from crosswire.store.picture_schema import SEARCH_KINDS
from crosswire.web.items import page_json
from crosswire.web.query import Filters

from .conftest import Backend
from .test_picture import _articles, _export, _write


def _refs(db: PictureDb, kind: str, text: str) -> set[str]:
    found = db.match(kind, text)
    assert found is not None
    return {str(r[0]) for r in db.rows(found[0], found[1])}


def test_a_search_reads_only_its_kind(backend: Backend) -> None:
    """'Rivnopil' is in both articles, the story and its events: each kind's
    search answers with that kind's records only."""
    with backend.open() as store:
        _write(store, _export(_articles(store)))
        db = PictureDb(store)
        assert _refs(db, "article", "rivnopil") == {"a" * 16, "b" * 16}
        assert _refs(db, "story", "rivnopil") == {"story:1"}
        events = _refs(db, "event", "rivnopil")
        assert events and all(r.startswith("event:") for r in events)
        assert _refs(db, "article", "ministry denies") == {"b" * 16}
        # Every document sits under exactly one kind.
        refs = [ref for kind in SEARCH_KINDS for ref, _ in db.search_documents(kind)]
        assert len(refs) == len(set(refs))
        with pytest.raises(ValueError):
            db.match("pic_claims; --", "rivnopil")


def test_a_search_count_stops_at_the_cap(backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search counts at most COUNT_CAP matches and says there are more; the
    pages themselves go on by cursor past the cap."""
    with backend.open() as store:
        _write(store, _export(_articles(store)))
        db = PictureDb(store)
        page = picture_lists.articles(db, Filters(q="rivnopil"), 50, 0, None)
        assert (page.total, page.more, len(page.keys)) == (2, False, 2)
        monkeypatch.setattr(picture_query, "COUNT_CAP", 1)
        first = picture_lists.articles(db, Filters(q="rivnopil"), 1, 0, None)
        assert (first.total, first.more, first.keys) == (1, True, ["a" * 16])
        second = picture_lists.articles(db, Filters(q="rivnopil"), 1, 0, first.next)
        assert second.keys == ["b" * 16]
        # Unfiltered lists keep their exact maintained counters.
        assert picture_lists.articles(db, Filters(), 1, 0, None).more is False


def test_a_capped_total_is_flagged_in_the_json() -> None:
    assert json.loads(page_json(1000, 50, 0, [b"1"], "c", more=True)) == {
        "total": 1000,
        "total_more": True,
        "limit": 50,
        "offset": 0,
        "items": [1],
        "next": "c",
    }
    assert "total_more" not in json.loads(page_json(3, 50, 0, [], None))


def test_migration_10_moves_the_text_into_tables_by_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store written before migration 10 keeps its search text, now by kind."""
    path = str(tmp_path / "old.db")
    monkeypatch.setattr(sqlite_module, "MIGRATIONS", tuple(m for m in MIGRATIONS if m[0] < 10))
    with SQLiteStore(path) as old:
        old.conn.executemany(
            "INSERT INTO pic_search (kind, ref, body) VALUES (?, ?, ?)",
            [
                ("claim", "claim:1", "The governor said the bridge was shelled"),
                ("article", "a" * 16, "Bridge shelled near Ostrohrad"),
                ("story", "story:1", "Bridge shelling"),
            ],
        )
        old.conn.commit()
    monkeypatch.setattr(sqlite_module, "MIGRATIONS", MIGRATIONS)
    with SQLiteStore(path) as store:
        db = PictureDb(store)
        assert db.search_documents("claim") == [
            ("claim:1", "The governor said the bridge was shelled")
        ]
        assert _refs(db, "article", "shelled") == {"a" * 16}
        assert _refs(db, "story", "bridge") == {"story:1"}
        assert db.search_documents("event") == []
        db.many(db.search_delete("claim"), [("claim:1",)])
        assert db.search_documents("claim") == []


def test_capped_counts_with_other_filters_and_events(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With another filter the capped count is an SQL count of both; events cap
    and page on in their date order too."""
    with backend.open() as store:
        _write(store, _export(_articles(store)))
        db = PictureDb(store)
        events = picture_query.events(db, Filters(q="rivnopil"), 50, 0, None)
        assert events.total == len(events.keys) >= 2 and not events.more
        monkeypatch.setattr(picture_query, "COUNT_CAP", 1)
        page = picture_query.events(db, Filters(q="rivnopil"), 1, 0, None)
        assert (page.total, page.more) == (1, True)
        assert page.keys == events.keys[:1]
        rest = picture_query.events(db, Filters(q="rivnopil"), 50, 0, page.next)
        assert page.keys + rest.keys == events.keys
        one = picture_lists.articles(db, Filters(q="rivnopil", outlet="ledger"), 50, 0, None)
        assert (one.total, one.more, one.keys) == (1, False, ["b" * 16])
