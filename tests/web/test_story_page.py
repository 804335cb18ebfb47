"""The story page as an analyst uses it, in Debian's Chromium via Playwright.

Runs on the fixture story (with added week-, month- and year-precision events
and a 1979 outlier), the shipped demo corpus and the five seed articles.
Screenshots of the story page at 1280 and 390 px go to bench/results/web/.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import browser_kit
import pytest

if reason := browser_kit.missing():
    pytest.skip(reason, allow_module_level=True)

from playwright import sync_api  # noqa: E402

from crosswire.web import assets, create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "bench" / "results" / "web"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
# "None", "NaN", "undefined" or a count printed as "14.0" anywhere a person reads.
# (A version number such as 0.1.0 is not a count.)
BAD_TEXT = re.compile(r"\bNone\b|\bNaN\b|\bundefined\b|(?<![\d.])\d+\.0\b(?!\.)")
needs_map = pytest.mark.skipif(
    not assets.map_ready(), reason="map assets not installed (./dev.sh setup installs them)"
)


def _timeline_overlay(overlay: dict[str, Any]) -> dict[str, Any]:
    """The fixture story plus events dated by week, month and year, and a far outlier."""
    extra = copy.deepcopy(overlay)
    strike = next(e for e in extra["events"] if e["id"] == "ev:strike")
    strike["numbers"].append(
        {"what": "displaced", "low": 240000.0, "best": 240000.0, "high": None, "sources": []}
    )
    story = extra["stories"][0]
    for eid, day, precision in (
        ("ev:week", "2024-W20", "week"),
        ("ev:month", "2024-05", "month"),
        ("ev:year", "2024", "year"),
        ("ev:old", "1979-02", "month"),
    ):
        extra["events"].append(
            {**copy.deepcopy(strike), "id": eid, "date": day, "date_precision": precision}
        )
        story["events"].append(eid)
    # An undated, unplaced event with many figures: the figures table needs pages.
    counts = [
        {"what": "injured", "low": n, "best": n, "high": n, "sources": []} for n in range(1, 23)
    ]
    extra["events"].append(
        {
            **copy.deepcopy(strike),
            "id": "ev:counts",
            "date": None,
            "date_precision": None,
            "place": None,
            "numbers": counts,
        }
    )
    story["events"].append("ev:counts")
    return extra


@pytest.fixture(scope="module")
def fixture_server(web_db: str, overlay: dict[str, Any]) -> Iterator[str]:
    app = create_app(web_db, token=None, analyse=False)
    app.state.readmodel.overlay = _timeline_overlay(overlay)
    yield from browser_kit.serve(app)


def _analysed_db(tmp: Path, sources: list[str]) -> str:
    pytest.importorskip("spacy", reason="the nlp extra is not installed")
    from crosswire.analyze import analyze
    from crosswire.fusion.incremental import update_fusion
    from crosswire.ingest import ingest
    from crosswire.store import open_store

    db = str(tmp / "corpus.db")
    store = open_store(db)
    try:
        ingest(sources, store)
        analyze(store)
        update_fusion(store)
    finally:
        store.close()
    return db


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from crosswire.cli.commands import demo_corpus

    db = _analysed_db(tmp_path_factory.mktemp("demo"), [str(demo_corpus())])
    yield from browser_kit.serve(create_app(db, token=None, analyse=False))


@pytest.fixture(scope="module")
def seeds_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    db = _analysed_db(tmp_path_factory.mktemp("seeds"), [str(SEEDS)])
    yield from browser_kit.serve(create_app(db, token=None, analyse=False))


@pytest.fixture()
def open_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """Open a page at a width; every console error and page error is collected."""
    contexts: list[Any] = []

    def opener(width: int = 1280) -> Any:
        ctx = browser.new_context(accept_downloads=True, viewport={"width": width, "height": 900})
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.problems = []
        pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
        pg.on("pageerror", lambda e: pg.problems.append(str(e)))
        return pg

    yield opener
    for ctx in contexts:
        ctx.close()


def _story(pg: Any, server: str, width: int) -> None:
    pg.goto(server + "/?sort=events")
    pg.locator("#stories tbody a").first.click()
    pg.wait_for_selector("body[data-ready='1']")


def _clean(pg: Any) -> None:
    text = pg.inner_text("main")
    assert not BAD_TEXT.search(text), BAD_TEXT.search(text)
    assert not pg.problems, pg.problems
    assert pg.locator("body").get_attribute("data-js-error") is None


def _no_sideways_scroll(pg: Any) -> None:
    assert pg.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_week_month_year_and_outliers_render(fixture_server: str, open_page: Any) -> None:
    pg = open_page()
    pg.goto(fixture_server + "/stories/story:rivnopil")
    pg.wait_for_selector("body[data-ready='1']")
    # Week 20 of 2024 and the 1979 report are drawn, the latter set apart.
    assert "week 20 of 2024" in pg.inner_text("#events-table")
    assert pg.locator("#timeline-chart rect.span").count() >= 3
    assert pg.locator("#timeline-chart").get_attribute("data-outliers") == "1"
    assert "earlier: 1 (1979)" in (pg.locator("#timeline-chart").text_content() or "")
    ticks = pg.locator("#timeline-chart text.tick").all_text_contents()
    assert ticks and all(re.search(r"\b(19|20)\d\d\b", t) for t in ticks), ticks
    assert "240,000" in pg.inner_text("#facts") and "Displaced" in pg.inner_text("#facts")
    # The key facts flag the two killed figures that disagree.
    assert "Killed: 7 → 9" in pg.inner_text("#facts")
    assert pg.locator("#facts .flag").count() >= 1
    # Long tables come in pages.
    figures = pg.locator("#figures-table tbody tr:not([hidden])")
    sync_api.expect(figures).to_have_count(20)
    pg.click("#paged-0-next")
    # Killed and displaced on five events, and the 22 counts: 32 rows.
    sync_api.expect(figures).to_have_count(12)
    _clean(pg)


def test_table_filters_sort_pages_and_downloads(fixture_server: str, open_page: Any) -> None:
    pg = open_page()
    pg.goto(fixture_server + "/stories/story:rivnopil")
    pg.wait_for_selector("body[data-ready='1']")
    shown = pg.locator("#events-table tbody tr:not([hidden])")
    sync_api.expect(shown).to_have_count(8)
    pg.select_option("#f-type", "protest")
    sync_api.expect(shown).to_have_count(1)
    sync_api.expect(pg.locator("#map")).to_have_attribute("data-markers", "1")
    pg.click("#f-reset")
    sync_api.expect(shown).to_have_count(8)
    pg.fill("#f-since", "2024-05-15")
    # The two events of the 16th, and the week, month and year that reach past the 15th.
    sync_api.expect(shown).to_have_count(5)
    pg.fill("#f-since", "")
    pg.fill("#f-actor", "dock")
    sync_api.expect(shown).to_have_count(1)
    pg.fill("#f-actor", "")
    pg.select_option("#f-outlet", "Northwire")
    sync_api.expect(shown).to_have_count(1)
    pg.select_option("#f-outlet", "")
    # Sorting by date descending puts the 1979 event last, then first ascending.
    pg.click("th button[data-sort=start]")
    assert "1979" in shown.last.inner_text()
    pg.click("th button[data-sort=start]")
    assert "1979" in shown.first.inner_text()
    pg.select_option("#pg-size", "10")
    pg.fill("#f-place", "rivnopil")
    sync_api.expect(shown).to_have_count(6)
    with pg.expect_download() as info:
        pg.click("#dl-csv")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
    assert len(rows) == 6 and {r["place"].split(",")[0] for r in rows} == {"Rivnopil"}
    assert all(r["evidence"].startswith(fixture_server + "/articles/") for r in rows)
    with pg.expect_download() as info:
        pg.click("#dl-json")
    data = json.loads(Path(info.value.path()).read_text("utf-8"))
    assert [d["id"] for d in data] == [r["id"] for r in rows]
    _clean(pg)


@needs_map
def test_map_is_a_real_map(fixture_server: str, open_page: Any) -> None:
    pg = open_page()
    pg.goto(fixture_server + "/stories/story:rivnopil")
    pg.wait_for_selector("body[data-ready='1']")
    assert pg.locator("#map.leaflet-container").count() == 1
    assert pg.locator("#map .leaflet-control-zoom-in").count() == 1
    # Country outlines (Natural Earth) plus Ukraine's admin-1 outlines are vector paths.
    sync_api.expect(pg.locator("#map path.halo")).to_have_count(7)
    assert pg.locator("#map .leaflet-overlay-pane path").count() > 100
    assert "Natural Earth" in pg.inner_text("#map .leaflet-control-attribution")
    # Two events in one town cluster: the cluster marker is there to click.
    assert pg.locator("#map .cw-cluster").count() >= 1
    # Vaguer places get bigger, lighter halos.
    assert pg.locator("#map path.halo.g3").count() >= 1
    pg.check("#f-inview")
    # Zoomed in between Rivnopil and Odesa, the table keeps only what the map shows.
    for _ in range(5):
        pg.locator("#map .leaflet-control-zoom-in").click()
        pg.wait_for_timeout(300)
    sync_api.expect(pg.locator("#events-table tbody tr:not([hidden])")).not_to_have_count(8)
    pg.uncheck("#f-inview")
    sync_api.expect(pg.locator("#events-table tbody tr:not([hidden])")).to_have_count(8)
    _clean(pg)


def test_map_degrades_without_assets(
    web_db: str, overlay: dict[str, Any], open_page: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("CROSSWIRE_WEB_ASSETS", str(tmp_path / "none"))
    app = create_app(web_db, token=None, analyse=False)
    app.state.readmodel.overlay = overlay
    for server in browser_kit.serve(app):
        pg = open_page()
        pg.goto(server + "/stories/story:rivnopil")
        pg.wait_for_selector("body[data-ready='1']")
        assert "./dev.sh setup" in pg.inner_text("#map-missing")
        assert pg.locator("#map circle.marker").count() == 3
        _clean(pg)


def test_demo_story_page(demo_server: str, open_page: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        pg = open_page(width)
        _story(pg, demo_server, width)
        assert pg.locator("#facts .fact").count() >= 1
        assert "Independent sources" in pg.inner_text("#facts")
        assert pg.locator("#events-table tbody tr").count() >= 5
        assert pg.locator("#events-table .desc").count() >= 5
        assert "fatalities_" not in pg.inner_text("main")
        # Three copies of one wire story quote the director once, with every outlet.
        quote = pg.locator("a.claim-link", has_text="Six of the dead were drivers")
        assert quote.count() == 1
        assert "Harbor Daily" in (quote.locator("xpath=..").text_content() or "")
        assert "Outlet ?" not in pg.inner_text("main") and "— ?" not in pg.inner_text("main")
        _clean(pg)
        if width == 390:
            _no_sideways_scroll(pg)
        pg.screenshot(path=str(SHOTS / f"story-{width}.png"), full_page=True)
        pg.screenshot(path=str(SHOTS / f"story-{width}-top.png"))
        for part in ("events", "map-section", "timeline"):
            pg.locator(f"#{part}").screenshot(path=str(SHOTS / f"story-{width}-{part}.png"))


def test_keyboard_reaches_events_quickly(demo_server: str, open_page: Any) -> None:
    pg = open_page()
    _story(pg, demo_server, 1280)
    pg.keyboard.press("Tab")
    assert pg.evaluate("() => document.activeElement.className") == "skip"
    pg.keyboard.press("Enter")
    presses = 0
    while presses < 40:
        presses += 1
        pg.keyboard.press("Tab")
        if pg.evaluate("() => !!document.activeElement.closest('#events-table, #event-filter')"):
            break
    assert presses <= 3, presses


def test_story_list_sorts_filters_and_pages(demo_server: str, open_page: Any) -> None:
    pg = open_page(390)
    pg.goto(demo_server + "/?limit=1")
    assert pg.locator("#stories tbody tr").count() == 1
    assert "Stories 1–1 of" in pg.inner_text("#story-count")
    pg.click("a[rel=next]")
    assert "Stories 2–2 of" in pg.inner_text("#story-count")
    pg.goto(demo_server + "/?type=Battles&sort=title")
    assert pg.locator("#stories tbody a").count() >= 1
    pg.goto(demo_server + "/?q=Badush")  # a word from an article's body, not a title
    assert pg.locator("#stories tbody a").count() >= 1
    _no_sideways_scroll(pg)
    _clean(pg)


def test_article_language_errors_and_docs(demo_server: str, open_page: Any) -> None:
    pg = open_page(390)
    found = pg.request.get(demo_server + "/api/articles?q=Courrier").json()
    french = found["items"][0]["id"]
    pg.goto(demo_server + f"/articles/{french}")
    assert pg.locator("article.doc").get_attribute("lang") == "fr"
    assert "Analysis skipped: not English" in pg.inner_text("#skipped")
    assert pg.locator(".hl-legend .ev.claim").count() == 1
    _no_sideways_scroll(pg)
    _clean(pg)
    pg.goto(demo_server + "/stories/no-such-story")
    assert "Not found" in pg.inner_text("h1") and pg.locator("a[href='/']").count() >= 1
    pg.problems.clear()  # the browser logs the page's own 404 status, which is the point
    pg.goto(demo_server + "/docs")
    assert "/api/events" in pg.inner_text("main") and "since" in pg.inner_text("main")
    _no_sideways_scroll(pg)
    _clean(pg)


def test_seed_story_pages(seeds_server: str, open_page: Any) -> None:
    pg = open_page()
    pg.goto(seeds_server + "/")
    links = pg.locator("#stories tbody a").evaluate_all("ns => ns.map(n => n.href)")
    assert links
    for href in links[:5]:
        pg.goto(href)
        pg.wait_for_selector("body[data-ready='1']")
        assert "— ?" not in pg.inner_text("main")
        _clean(pg)
    pg.screenshot(path=str(SHOTS / "seed-story-1280.png"), full_page=True)
