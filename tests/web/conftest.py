"""Fixtures for the web tests: a store built by ingesting small fixture articles,
plus a fused export overlay (stories, events, claims, disputes, series, framing)
written against those articles' real offsets, so story pages can be tested
before the fusion layer feeds the export."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

pytest.importorskip("fastapi", reason="the web extra is not installed")

# importlib import mode: make browser_kit (next to this file) importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import browser_kit  # noqa: E402
from tables_overlay import rich_overlay  # noqa: E402

from crosswire.export import export_object  # noqa: E402
from crosswire.ingest import ingest  # noqa: E402
from crosswire.store import open_store  # noqa: E402
from crosswire.web import create_app  # noqa: E402
from crosswire.web.materialize import write_picture  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "web"
TOKEN = "test-token-0123456789"


def _span(articles: dict[str, dict[str, Any]], aid: str, needle: str) -> dict[str, Any]:
    text = articles[aid]["text"]
    start = text.index(needle)
    return {"article": aid, "start": start, "end": start + len(needle)}


def build_overlay(store_articles: list[Any]) -> dict[str, Any]:
    """Export sections for the Rivnopil fixture story, with offsets into the stored text."""
    arts = {a.id: {"text": a.text, "outlet": a.outlet, "title": a.title} for a in store_articles}
    by_outlet = {a.outlet: a.id for a in store_articles}
    post, meridian, north = (
        by_outlet["Harbour Post"],
        by_outlet["Daily Meridian"],
        by_outlet["Northwire"],
    )
    xss = next(a.id for a in store_articles if "Evil" in (a.outlet or ""))
    strike = _span(
        arts,
        post,
        "A missile struck a grain depot on the edge of Rivnopil early on "
        "Tuesday, killing seven workers, regional officials said.",
    )
    strike2 = _span(arts, meridian, "The number of people killed in Tuesday's missile strike")
    protest = _span(
        arts,
        north,
        "Several hundred dock workers marched through the centre of Rivnopil on Thursday",
    )
    fire = _span(arts, xss, "A fire broke out at a warehouse in the port of Rivnopil")
    quote = _span(
        arts,
        post,
        '"There was no military equipment at the site, only grain and the '
        'people who load it," Marchuk told reporters at the scene.',
    )
    denial = _span(
        arts,
        post,
        "The defence ministry of the neighbouring state denied targeting "
        "civilian facilities and said its forces had struck an ammunition store.",
    )
    xquote = _span(
        arts,
        xss,
        "\"<script>window.__pwned=1;alert('quote')</script> nobody was "
        'hurt," the harbour master told reporters.',
    )
    place = {
        "name": "Rivnopil",
        "lat": 46.97,
        "lon": 32.0,
        "country": "UA",
        "admin1": "Mykolaiv",
        "precision": 0,
    }
    entities = [
        {
            "id": "ent:marchuk",
            "name": "Olena Marchuk",
            "type": "PERSON",
            "aliases": ["Marchuk"],
            "role": "governor",
            "affiliation": {"country": "UA", "category": "government"},
            "mentions": [],
        },
        {
            "id": "ent:mod",
            "name": "defence ministry",
            "type": "ORG",
            "aliases": [],
            "role": None,
            "affiliation": {"country": None, "category": "military"},
            "mentions": [],
        },
        {
            "id": "ent:dockers",
            "name": "dock workers",
            "type": "GROUP",
            "aliases": [],
            "role": None,
            "affiliation": {"country": "UA", "category": "civilian"},
            "mentions": [],
        },
    ]
    claims = [
        {
            "id": "claim:quote",
            **quote,
            "text": arts[post]["text"][quote["start"] : quote["end"]],
            "content": {"start": quote["start"] + 1, "end": quote["start"] + 80},
            "speaker": "ent:marchuk",
            "speaker_name": "Olena Marchuk",
            "speaker_text": "Marchuk",
            "speaker_kind": "person",
            "cue": "told",
            "kind": "statement",
            "quote": True,
            "target": None,
            "numbers": [],
        },
        {
            "id": "claim:denial",
            **denial,
            "text": arts[post]["text"][denial["start"] : denial["end"]],
            "content": {"start": denial["start"], "end": denial["end"]},
            "speaker": "ent:mod",
            "speaker_name": "defence ministry",
            "speaker_text": "The defence ministry",
            "speaker_kind": "organisation",
            "cue": "denied",
            "kind": "denial",
            "quote": False,
            "target": "ent:marchuk",
            "numbers": [],
        },
        {
            "id": "claim:xss",
            **xquote,
            "text": arts[xss]["text"][xquote["start"] : xquote["end"]],
            "content": {"start": xquote["start"] + 1, "end": xquote["end"] - 40},
            "speaker": None,
            "speaker_name": "<i>harbour master</i>",
            "speaker_text": "harbour master",
            "speaker_kind": "role",
            "cue": "told",
            "kind": "statement",
            "quote": True,
            "target": None,
            "numbers": [],
        },
    ]
    killed = {
        "what": "killed",
        "low": 7,
        "best": 9,
        "high": 9,
        "sources": [
            {
                **strike,
                "outlet": "Harbour Post",
                "claimant": "regional officials",
                "value": 7,
                "text": "seven",
            },
            {
                **strike2,
                "outlet": "Daily Meridian",
                "claimant": "emergency services",
                "value": 9,
                "text": "nine",
            },
        ],
    }
    events = [
        {
            "id": "ev:strike",
            "type": "attack",
            "subtype": "missile strike",
            "date": "2024-05-14",
            "date_precision": "day",
            "place": place,
            "actors": ["ent:mod"],
            "targets": [],
            "numbers": [killed],
            "mentions": [strike, strike2],
            "sources": ["Harbour Post", "Daily Meridian"],
            "independent_sources": 2,
            "claims": ["claim:quote", "claim:denial"],
        },
        {
            "id": "ev:protest",
            "type": "protest",
            "subtype": "demonstration",
            "date": "2024-05-16",
            "date_precision": "day",
            "place": {**place, "lat": 46.95, "precision": 1},
            "actors": ["ent:dockers"],
            "targets": [],
            "numbers": [],
            "mentions": [protest],
            "sources": ["Northwire"],
            "independent_sources": 1,
            "claims": [],
        },
        {
            "id": "ev:fire",
            "type": "accident",
            "subtype": "fire",
            "date": "2024-05-16",
            "date_precision": "day",
            "place": {
                "name": "Odesa",
                "lat": 46.48,
                "lon": 30.72,
                "country": "UA",
                "admin1": "Odesa",
                "precision": 2,
            },
            "actors": [],
            "targets": [],
            "numbers": [],
            "mentions": [fire],
            "sources": ["<b onmouseover=alert('outlet')>Evil Outlet</b>"],
            "independent_sources": 1,
            "claims": ["claim:xss"],
        },
    ]
    disputes = [
        {
            "id": "dispute:1",
            "kind": "denial",
            "claims": ["claim:quote", "claim:denial"],
            "sides": [
                {
                    "claimant": "Olena Marchuk",
                    "claim": "claim:quote",
                    **quote,
                    "text": "no military equipment at the site",
                },
                {
                    "claimant": "defence ministry",
                    "claim": "claim:denial",
                    **denial,
                    "text": "struck an ammunition store",
                },
            ],
            "note": "Whether the depot was a military target",
        }
    ]
    series = [
        {
            "what": "killed",
            "label": "Killed at the Rivnopil depot",
            "points": [
                {
                    "date": "2024-05-14",
                    "value": 7,
                    "low": 7,
                    "high": 7,
                    "outlet": "Harbour Post",
                    "claimant": "regional officials",
                    **strike,
                },
                {
                    "date": "2024-05-15",
                    "value": 9,
                    "low": 9,
                    "high": 9,
                    "outlet": "Daily Meridian",
                    "claimant": "emergency services",
                    **strike2,
                },
            ],
        }
    ]
    story = {
        "id": "story:rivnopil",
        "title": "Missile strike on Rivnopil grain depot",
        "start": "2024-05-14",
        "end": "2024-05-16",
        "articles": [post, meridian, north, xss],
        "families": [post, meridian, north, xss],
        "events": ["ev:strike", "ev:protest", "ev:fire"],
        "outlets": ["Harbour Post", "Daily Meridian", "Northwire"],
    }
    framing = [
        {
            "story": "story:rivnopil",
            "outlet": "Daily Meridian",
            "terms": [
                {"concept": "attack", "term": "missile strike", "count": 1, "evidence": [strike2]}
            ],
        }
    ]
    return {
        "entities": entities,
        "claims": claims,
        "events": events,
        "disputes": disputes,
        "series": series,
        "stories": [story],
        "framing": framing,
    }


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store holding the fixture articles (ingested, not analysed)."""
    db = str(tmp_path_factory.mktemp("web") / "web.db")
    store = open_store(db)
    report = ingest([str(FIXTURES / "articles.jsonl"), str(FIXTURES / "xss.jsonl")], store)
    assert report.stored == 4, report.summary()
    store.close()
    return db


@pytest.fixture(scope="session")
def overlay(web_db: str) -> dict[str, Any]:
    """The fused export sections for the fixture story."""
    store = open_store(web_db)
    try:
        return build_overlay(list(store.iter_articles()))
    finally:
        store.close()


@pytest.fixture()
def app(web_db: str, overlay: dict[str, Any]) -> Iterator[Any]:
    """The app over the fixture store, with the overlay injected into its read model."""
    application = create_app(web_db, token=TOKEN, analyse=False)
    application.state.readmodel.overlay = overlay
    yield application


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for every browser test; skips (with the reason) when
    Chromium, playwright or uvicorn is missing. Only tests asking for it skip."""
    reason = browser_kit.missing()
    if reason:
        pytest.skip(reason)
    yield from browser_kit.launch()


@pytest.fixture()
def clients(web_db: str, overlay: dict[str, Any], tmp_path: Path) -> tuple[TestClient, TestClient]:
    """(app reading the picture tables, app reading the in-memory overlay) on one picture."""
    db = str(tmp_path / "tables.db")
    shutil.copy(web_db, db)
    with open_store(db) as store:
        rich = rich_overlay(overlay, [a.id for a in store.iter_articles()])
        export = export_object(store)
        export.update(rich)
        write_picture(store, export)
    tables = create_app(db, token=None, analyse=False)
    memory = create_app(db, token=None, analyse=False)
    memory.state.readmodel.overlay = rich
    return TestClient(tables), TestClient(memory)
