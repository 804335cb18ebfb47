"""The picture tables on both backends: incremental writes and the streamed JSON export."""

from __future__ import annotations

import copy
import io
import json
from typing import Any

from crosswire.model import Article, article_record
from crosswire.store.picture import is_current
from crosswire.store.picture_db import PictureDb

from .conftest import Backend

TEXT_A = (
    "Shelling hit the market in Rivnopil on 3 March, killing 12 people, the regional "
    "governor said. Residents said the strikes began before dawn."
)
TEXT_B = (
    "The defence ministry denied that its forces shelled Rivnopil. A spokesman said "
    "4 soldiers were wounded near Ostrohrad on 4 March."
)


def _articles(store: Any) -> list[dict[str, Any]]:
    store.add_article(
        Article(
            id="a" * 16,
            source="a.txt",
            text=TEXT_A,
            outlet="Harbor Daily",
            title="Market shelled in Rivnopil",
            published="2025-03-03",
        )
    )
    store.add_article(
        Article(
            id="b" * 16,
            source="b.txt",
            text=TEXT_B,
            outlet="Ledger",
            title="Ministry denies shelling",
            published="2025-03-04",
        )
    )
    return [article_record(a) for a in store.iter_articles()]


def _event(eid: str, aid: str, start: int, end: int, date: str | None, kind: str) -> dict[str, Any]:
    return {
        "id": eid,
        "type": kind,
        "subtype": "Shelling/artillery/missile attack",
        "date": date,
        "date_precision": "day" if date else None,
        "place": {
            "name": "Rivnopil",
            "lat": 48.5,
            "lon": 35.1,
            "country": "UA",
            "admin1": "",
            "precision": 1,
            "surface": "Rivnopil",
        },
        "actors": ["actor:army"],
        "targets": [],
        "numbers": [
            {
                "what": "fatalities",
                "low": 12,
                "best": 12,
                "high": 12,
                "sources": [
                    {"article": aid, "start": start, "end": end, "text": "killing 12 people"}
                ],
            }
        ],
        "mentions": [{"article": aid, "start": start, "end": end, "role": "main"}],
        "sources": ["Harbor Daily"],
        "independent_sources": 1,
        "claims": [],
        "main": True,
    }


def _export(articles: list[dict[str, Any]]) -> dict[str, Any]:
    a, b = articles[0]["id"], articles[1]["id"]
    return {
        "crosswire": "1.1",
        "articles": articles,
        "entities": [
            {
                "id": "actor:army",
                "name": "Regional army",
                "type": "military",
                "aliases": ["the army"],
                "mentions": [{"article": b, "start": 4, "end": 20}],
            }
        ],
        "places": [
            {
                "id": "place:rivnopil",
                "name": "Rivnopil",
                "lat": 48.5,
                "lon": 35.1,
                "country": "UA",
                "admin1": "",
                "surface": "Rivnopil",
                "mentions": [{"article": a, "start": 31, "end": 39, "text": "Rivnopil"}],
            }
        ],
        "dates": [
            {"article": a, "start": 43, "end": 50, "text": "3 March", "value": "2025-03-03"},
            {"article": a, "start": 43, "end": 50, "text": "3 March", "value": "2025-03-03"},
        ],
        "quantities": [],
        "claims": [
            {
                "id": "claim:1",
                "article": a,
                "start": 0,
                "end": 60,
                "text": TEXT_A[:60],
                "speaker": None,
                "speaker_name": "the regional governor",
                "kind": "statement",
            },
            {
                "id": "claim:2",
                "article": b,
                "start": 0,
                "end": 50,
                "text": TEXT_B[:50],
                "speaker": None,
                "speaker_name": "defence ministry",
                "kind": "denial",
            },
        ],
        "events": [
            _event("event:1", a, 0, 60, "2025-03-03", "Explosions/Remote violence"),
            _event("event:2", b, 60, 120, None, "Battles"),
        ],
        "disputes": [
            {
                "id": "dispute:1",
                "kind": "denial",
                "claims": ["claim:1", "claim:2"],
                "sides": [
                    {
                        "article": a,
                        "claim": "claim:1",
                        "start": 0,
                        "end": 60,
                        "text": "Shelling hit the market",
                    }
                ],
                "note": "denied ü",
            }
        ],
        "series": [
            {
                "what": "dead",
                "subject": "UA",
                "label": "dead (UA)",
                "points": [
                    {"date": "2025-03-03", "value": 12, "article": a, "start": 70, "end": 87}
                ],
            }
        ],
        "stories": [
            {
                "id": "story:1",
                "title": "Rivnopil shelling",
                "start": "2025-03-03",
                "end": "2025-03-04",
                "articles": [a, b],
                "families": [a, b],
                "outlets": ["Harbor Daily", "Ledger"],
                "events": ["event:1", "event:2"],
            }
        ],
        "framing": [{"story": "story:1", "outlet": "Ledger", "terms": []}],
    }


def _write(store: Any, export: dict[str, Any]) -> dict[str, Any]:
    from crosswire.web.materialize import write_picture

    return write_picture(store, export)


def _dumped(export: dict[str, Any]) -> str:
    out = io.StringIO()
    json.dump(export, out, ensure_ascii=False, indent=2)
    return out.getvalue() + "\n"


def test_streamed_json_is_byte_identical(backend: Backend) -> None:
    from crosswire.export.stream import write_json

    with backend.open() as store:
        export = _export(_articles(store))
        _write(store, export)
        assert is_current(PictureDb(store))
        out = io.StringIO()
        assert write_json(store, out) == 2
        assert out.getvalue() == _dumped(export)


def test_only_touched_rows_are_rewritten(backend: Backend) -> None:
    with backend.open() as store:
        export = _export(_articles(store))
        first = _write(store, export)
        assert first["events"].written == 2 and first["stories"].written == 1
        again = _write(store, export)
        assert sum(s.written + s.dropped + s.moved for s in again.values()) == 0
        changed = copy.deepcopy(export)
        changed["events"][1]["date"] = "2025-03-04"
        changed["events"].append(_event("event:3", "b" * 16, 0, 30, "2025-03-05", "Battles"))
        changed["claims"].pop()
        report = _write(store, changed)
        assert (report["events"].written, report["events"].kept) == (2, 1)
        assert (report["claims"].dropped, report["claims"].kept) == (1, 1)
        assert report["stories"].written == 0 and report["entities"].written == 0
        rows = PictureDb(store).rows("SELECT id, day FROM pic_events ORDER BY seq")
        assert rows == [
            ("event:1", "2025-03-03"),
            ("event:2", "2025-03-04"),
            ("event:3", "2025-03-05"),
        ]
        mentions = PictureDb(store).rows(
            "SELECT article_id, span_start, span_end FROM pic_event_mentions WHERE event_key = ?",
            ("event:3",),
        )
        assert mentions == [("b" * 16, 0, 30)]


def test_picture_goes_stale_when_articles_arrive(backend: Backend) -> None:
    with backend.open() as store:
        _write(store, _export(_articles(store)))
        store.add_article(Article(id="c" * 16, source="c.txt", text="Another report."))
        assert not is_current(PictureDb(store))


def test_full_text_search_finds_events_and_stories(backend: Backend) -> None:
    with backend.open() as store:
        _write(store, _export(_articles(store)))
        db = PictureDb(store)
        sql = db.match("story", "rivnopil shell")
        assert sql is not None
        assert db.rows(sql[0], sql[1]) == [("story:1",)]
        sql = db.match("article", "denies")
        assert sql is not None and db.rows(sql[0], sql[1]) == [("b" * 16,)]
        assert db.match("event", "  ...  ") is None


def test_reads_by_key_on_both_backends(backend: Backend) -> None:
    from crosswire.store import picture_query as pq
    from crosswire.store import picture_reads as pr
    from crosswire.web.query import Filters

    with backend.open() as store:
        _write(store, _export(_articles(store)))
        db = PictureDb(store)
        assert pr.entity_names(db, ["actor:army", "actor:none"]) == {"actor:army": "Regional army"}
        page = pq.events(db, Filters(since="2025-03-03", until="2025-03-03"), 50, 0, None)
        assert (page.keys, page.total) == (["event:1"], 1)
        page = pq.events(db, Filters(type="battles", place="rivno"), 50, 0, None)
        assert page.keys == ["event:2"]
        first = pq.events(db, Filters(), 1, 0, None)
        assert first.keys == ["event:1"] and first.next is not None
        assert pq.events(db, Filters(), 1, 0, first.next).keys == ["event:2"]
        assert [d["id"] for d in pr.story_part(db, "disputes", "story:1")] == ["dispute:1"]
        assert pr.framing(db, "story:1")[0]["outlet"] == "Ledger"


def test_list_queries_match_the_in_memory_filters_on_both_backends(backend: Backend) -> None:
    """Every list the API reads from the tables selects what the in-memory filters
    select, in the same order, with the same total, on SQLite and PostgreSQL."""
    from crosswire.store import picture_lists as pl
    from crosswire.web import query
    from crosswire.web.query import Filters
    from crosswire.web.readmodel import build_snapshot

    with backend.open() as store:
        export = _export(_articles(store))
        _write(store, export)
        db = PictureDb(store)
        snap = build_snapshot(copy.deepcopy(export), (0, 0, 0))
        lists = {
            "articles": (pl.articles, query.articles),
            "claims": (pl.claims, query.claims),
            "disputes": (pl.disputes, query.disputes),
            "entities": (pl.entities, query.entities),
            "places": (pl.places, query.places),
        }
        cases = [
            Filters(),
            Filters(story="story:1"),
            Filters(story="story:none"),
            Filters(since="2025-03-04"),
            Filters(until="2025-03-03"),
            Filters(outlet="LEDGER"),
            Filters(outlet="harbor daily", type="Statement"),
            Filters(q="denied u"),
            Filters(q="rivnopil"),
            Filters(actor="the army"),
            Filters(actor="governor"),
            Filters(type="denial"),
            Filters(type="MILITARY"),
            Filters(place="rivno", bbox=(30.0, 40.0, 40.0, 50.0)),
            Filters(bbox=(170.0, -10.0, -170.0, 10.0)),
        ]
        seen = 0
        for name, (table, memory) in lists.items():
            for f in cases:
                expected = [str(r.get("id")) for r in memory(snap, f)]
                page = table(db, f, 50, 0, None)
                assert (page.keys, page.total) == (expected, len(expected)), (name, f)
                seen += len(expected)
                if len(expected) > 1:
                    first = table(db, f, 1, 0, None)
                    assert first.keys == expected[:1] and first.next is not None
                    assert table(db, f, 1, 0, first.next).keys == expected[1:2]
                    assert table(db, f, 1, 1, None).keys == expected[1:2]
        assert seen > 20
