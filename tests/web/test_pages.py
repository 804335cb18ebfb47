"""Server-rendered pages without a browser: key facts, formatting, docs, vendor files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosswire.web import assets

BAD_TEXT = re.compile(r">[^<]*(\bNone\b|\bNaN\b|(?<![\d.])\d+\.0\b(?!\.))[^<]*<")


@pytest.fixture()
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def test_story_page_leads_with_key_facts(client: TestClient) -> None:
    html = client.get("/stories/story:rivnopil").text
    facts = html[html.index('id="facts"') : html.index('id="events"')]
    assert "missile strike" in facts and "Rivnopil, UA" in facts and "14 May 2024" in facts
    assert "Killed: 7 → 9" in facts and "sources disagree" in facts
    assert "regional officials" in facts and "emergency services" in facts
    assert "Open disputes (1)" in facts and "Whether the depot was a military target" in facts
    # The facts come before the events, the events before the map.
    assert html.index('id="facts"') < html.index('id="events"') < html.index('id="map-section"')
    assert not BAD_TEXT.search(html), BAD_TEXT.search(html)
    assert "town (within about 5 km)" in html  # precision explained, not "precision 0"
    assert 'class="skip" href="#events"' in html


def test_events_table_rows_carry_description_and_filters(client: TestClient) -> None:
    html = client.get("/stories/story:rivnopil").text
    row = re.search(r'<tr id="event-1"[^>]*>', html, re.S)
    assert row is not None
    for attr in (
        'data-start="2024-05-14"',
        'data-type="attack"',
        'data-lat="46.97"',
        'data-fatalities="9"',
        'data-radius="5"',
    ):
        assert attr in row.group(0), attr
    assert "A missile struck a grain depot on the edge of Rivnopil" in html


def test_story_list_pages_and_sorts(client: TestClient) -> None:
    html = client.get("/?limit=1&sort=title").text
    assert "Stories 1–1 of 1" in html and 'rel="next"' not in html
    assert client.get("/?sort=sideways", headers={"accept": "text/html"}).status_code == 400


def test_docs_are_offline(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/api/events" in html and "min_lon,min_lat,max_lon,max_lat" in html
    assert "cdn" not in html.lower() and "<script" not in html


def test_vendor_serves_only_the_allow_list(client: TestClient) -> None:
    assert client.get("/vendor/package.json").status_code == 404
    assert client.get("/vendor/..%2Fpackage.json").status_code == 404
    if assets.map_ready():
        r = client.get("/vendor/leaflet.css")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    admin = client.get("/api/basemap/admin1/UA").json()
    assert admin["type"] == "FeatureCollection"
    if assets.map_ready():
        assert any("Odes" in str(f["properties"]["name"]) for f in admin["features"])
    assert client.get("/api/basemap/admin1/U1").status_code == 400
