"""REST API behaviour over a fixture store: filters, pagination, errors, security, ingest."""

from __future__ import annotations

import json
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from crosswire.web import create_app
from crosswire.web.search import fts_query

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "web"
TOKEN = "test-token-0123456789"  # the token the conftest app is built with


@pytest.fixture()
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_health_and_security_headers(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["articles"] == 4
    csp = r.headers["content-security-policy"]
    for part in (
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert part in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "access-control-allow-origin" not in r.headers
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_openapi_lists_read_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/stories",
        "/api/events",
        "/api/claims",
        "/api/disputes",
        "/api/articles",
        "/api/entities",
        "/api/places",
        "/api/ingest",
        "/api/health",
    ):
        assert p in paths


def test_story_list_counts(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert body["total"] == 1
    story = body["items"][0]
    assert story["id"] == "story:rivnopil"
    assert story["counts"] == {
        "articles": 4,
        "outlets": 4,
        "independent_sources": 4,
        "events": 3,
        "disputes": 1,
    }


def test_event_filters(client: TestClient) -> None:
    def ids(**params: Any) -> list[str]:
        r = client.get("/api/events", params=params)
        assert r.status_code == 200, r.text
        return [e["id"] for e in r.json()["items"]]

    assert ids() == ["ev:strike", "ev:protest", "ev:fire"]
    assert ids(since="2024-05-15") == ["ev:protest", "ev:fire"]
    assert ids(until="2024-05-14") == ["ev:strike"]
    assert ids(type="protest") == ["ev:protest"]
    assert ids(type="fire") == ["ev:fire"]  # subtype matches too
    assert ids(place="odesa") == ["ev:fire"]
    assert ids(bbox="31.5,46.5,32.5,47.5") == ["ev:strike", "ev:protest"]
    assert ids(actor="ministry") == ["ev:strike"]
    assert ids(outlet="Northwire") == ["ev:protest"]
    assert ids(q="dock workers") == ["ev:protest"]
    assert ids(q="missile") == ["ev:strike"]
    assert ids(story="story:rivnopil", type="attack") == ["ev:strike"]
    assert ids(story="no-such-story") == []


def test_pagination(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert body["total"] == 3 and body["limit"] == 2 and body["offset"] == 1
    assert [e["id"] for e in body["items"]] == ["ev:protest", "ev:fire"]
    assert client.get("/api/articles", params={"limit": 1}).json()["total"] == 4


def test_text_search_over_articles_and_claims(client: TestClient) -> None:
    arts = client.get("/api/articles", params={"q": "bunkers"}).json()
    assert [a["outlet"] for a in arts["items"]] == ["Northwire"]
    assert "text" not in arts["items"][0]
    # FTS syntax in user input is neutralised, not an error.
    for q in ('"unbalanced', "NEAR(", "a OR", "*", "grain AND -"):
        r = client.get("/api/articles", params={"q": q})
        assert r.status_code == 200, (q, r.text)
    claims = client.get("/api/claims", params={"q": "ammunition"}).json()["items"]
    assert [c["id"] for c in claims] == ["claim:denial"]
    assert client.get("/api/claims", params={"type": "denial"}).json()["total"] == 1
    assert client.get("/api/claims", params={"actor": "Marchuk"}).json()["total"] == 1
    assert fts_query("  ") is None
    assert fts_query('say "hi" OR x') == '"say" "hi" "or" "x"*'


def test_detail_endpoints_and_story_view(client: TestClient) -> None:
    story = client.get("/api/stories/story:rivnopil").json()
    assert [e["id"] for e in story["events"]] == ["ev:strike", "ev:protest", "ev:fire"]
    strike = story["events"][0]
    assert strike["actor_names"] == ["defence ministry"]
    assert strike["link"].startswith("/articles/") and "#span-0-" in strike["link"]
    assert story["figures"][0]["best"] == 9
    marchuk = next(g for g in story["speakers"] if g["speaker"] == "Olena Marchuk")
    assert len(marchuk["says"]) == 1
    ministry = next(g for g in story["speakers"] if g["speaker"] == "defence ministry")
    assert [c["kind"] for c in ministry["disputes"]] == ["denial"]
    assert story["series"][0]["points"][1]["value"] == 9
    charts = client.get("/api/stories/story:rivnopil/charts").json()
    assert charts["events_per_day"] == [
        {"date": "2024-05-14", "events": 1},
        {"date": "2024-05-16", "events": 2},
    ]
    assert client.get("/api/events/ev:fire").json()["place"]["name"] == "Odesa"
    assert client.get("/api/claims/claim:denial").json()["outlet"] == "Harbour Post"
    aid = strike["mentions"][0]["article"]
    assert client.get(f"/api/articles/{aid}").json()["stories"] == ["story:rivnopil"]
    assert client.get("/api/entities", params={"q": "marchuk"}).json()["total"] == 1
    assert client.get("/api/places", params={"bbox": "30,46,31,47"}).json()["total"] == 0
    assert client.get("/api/disputes", params={"type": "denial"}).json()["total"] == 1
    assert len(client.get("/api/basemap").json()["countries"]) > 200


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/events?since=14-05-2024", 400, "E802"),
        ("/api/events?bbox=1,2,3", 400, "E803"),
        ("/api/events?bbox=0,95,1,96", 400, "E803"),
        ("/api/events?limit=0", 400, "E801"),
        ("/api/events?limit=abc", 400, "E801"),
        ("/api/events?offset=-1", 400, "E801"),
        ("/api/events?q=" + "x" * 300, 400, "E801"),
        ("/api/stories/nope", 404, "E804"),
        ("/api/articles/nope", 404, "E804"),
        ("/api/no/such/route", 404, "E804"),
    ],
)
def test_errors_are_json(client: TestClient, url: str, status: int, code: str) -> None:
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert body["error"]["code"] == code
    assert "Traceback" not in r.text


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/no/such/page", 404, "E804"),
        ("/stories/nope", 404, "E804"),
        ("/articles/%3Cscript%3E", 404, "E804"),
        ("/?sort=sideways", 400, "E801"),
    ],
)
def test_page_errors_are_html(client: TestClient, url: str, status: int, code: str) -> None:
    r = client.get(url, headers={"accept": "text/html"})
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert f'data-code="{code}"' in r.text and "Back to the story list" in r.text
    assert "Traceback" not in r.text and "<script>" not in r.text
    # A script asking for JSON still gets the JSON shape.
    assert client.get(url, headers={"accept": "application/json"}).json()["error"]["code"] == code


def test_unexpected_error_is_json_without_trace(web_db: str) -> None:
    app = create_app(web_db, token=TOKEN, analyse=False)

    def boom() -> Any:
        raise RuntimeError("secret internals")

    app.state.readmodel.snapshot = boom
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/events")
    assert r.status_code == 500
    assert r.json() == {"error": {"code": "E899", "message": "internal error"}}
    assert "secret" not in r.text


def test_ingest_needs_token(client: TestClient) -> None:
    files = {"files": ("a.txt", b"hello", "text/plain")}
    assert client.post("/api/ingest", files=files).json()["error"]["code"] == "E806"
    r = client.post("/api/ingest", files=files, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    r = client.post("/api/ingest", files=files, headers={"Authorization": f"Basic {TOKEN}"})
    assert r.status_code == 401


def test_ingest_disabled_without_token(web_db: str) -> None:
    with TestClient(create_app(web_db, token=None, analyse=False)) as c:
        r = c.post("/api/ingest", files={"files": ("a.txt", b"x")}, headers=AUTH)
    assert r.status_code == 403 and r.json()["error"]["code"] == "E805"


def test_request_size_limits(client: TestClient) -> None:
    r = client.post("/api/ingest", content=b"x" * (21 * 1024 * 1024), headers=AUTH)
    assert r.status_code == 413 and r.json()["error"]["code"] == "E807"
    r = client.post("/api/events", content=b"x" * 100_000)
    assert r.status_code == 413


def _article(n: int) -> bytes:
    body = (
        f"Ferry service number {n} between Rivnopil and the island resumed on Monday "
        f"after storms, operator {n} said. "
    ) * 6
    return (
        json.dumps(
            {
                "url": f"https://ferries.example/{n}",
                "title": f"Ferry {n} resumes",
                "outlet": "Ferry Gazette",
                "date_publish": "2024-06-01",
                "maintext": body + f"\n\nRoute {n} carries about {n * 10} people a day.",
            }
        ).encode()
        + b"\n"
    )


def test_concurrent_ingest_loses_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    app = create_app(db, token=TOKEN, analyse=False)
    results: list[int] = []
    with TestClient(app) as c:

        def post(k: int) -> None:
            files = [("files", (f"batch{k}-{i}.jsonl", _article(k * 10 + i))) for i in range(3)]
            r = c.post("/api/ingest", files=files, headers=AUTH)
            results.append(r.json()["stored"] if r.status_code == 200 else -1)

        threads = [threading.Thread(target=post, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) == [3] * 8
        assert c.get("/api/health").json()["articles"] == 24
        again = c.post(
            "/api/ingest", files=[("files", ("again.jsonl", _article(0)))], headers=AUTH
        ).json()
        assert again["duplicates"] == 1 and again["stored"] == 0
        assert again["outcomes"][0]["source"].startswith("upload:again.jsonl")


def test_ingest_refuses_loopback_urls(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "u.db"), token=TOKEN, analyse=False)
    with TestClient(app) as c:
        r = c.post("/api/ingest", data={"urls": ["http://127.0.0.1:9/x"]}, headers=AUTH)
        body = r.json()
        assert r.status_code == 200 and body["failed"] == 1
        r = c.post("/api/ingest", data={"urls": ["file:///etc/passwd"]}, headers=AUTH)
        assert r.status_code == 400 and r.json()["error"]["code"] == "E814"


def test_read_model_sees_external_writes(tmp_path: Path) -> None:
    from crosswire.ingest import ingest
    from crosswire.store import open_store

    db = str(tmp_path / "e.db")
    app = create_app(db, token=TOKEN, analyse=False)
    app.state.readmodel.check_interval = 0.0
    with TestClient(app) as c:
        assert c.get("/api/health").json()["articles"] == 0
        store = open_store(db)
        ingest([str(FIXTURES / "articles.jsonl")], store)
        store.close()
        assert c.get("/api/health").json()["articles"] == 3
        # No fusion yet: one catch-all story holds every article.
        assert c.get("/api/stories").json()["items"][0]["counts"]["articles"] == 3


def test_cors_only_when_configured(web_db: str) -> None:
    app = create_app(web_db, token=None, analyse=False, cors_origins=["https://ok.example"])
    with TestClient(app) as c:
        r = c.get("/api/health", headers={"Origin": "https://ok.example"})
        assert r.headers["access-control-allow-origin"] == "https://ok.example"
        r = c.get("/api/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


def test_pages_escape_untrusted_text(client: TestClient) -> None:
    html = client.get("/stories/story:rivnopil").text
    assert "<script>alert" not in html
    assert "&lt;b onmouseover=alert(&#39;outlet&#39;)&gt;Evil Outlet&lt;/b&gt;" in html
    assert "<b onmouseover" not in html
    aid = client.get("/api/articles", params={"q": "warehouse"}).json()["items"][0]["id"]
    page = client.get(f"/articles/{aid}").text
    assert "<script>" not in page.replace('<script src="/static/article.js" defer></script>', "")
    assert "&lt;img src=x onerror=alert(&#39;title&#39;)&gt;" in page
    assert 'href="https://evil.example' not in page  # URL with markup is shown, not linked
    assert "<script" not in page.split("</head>")[1]


def test_worker_threads_are_capped(web_db: str) -> None:
    """``threads`` caps the threads that run routes, so misses computed in them
    leave the event loop its share of the GIL (anyio's default is 40)."""
    import anyio.to_thread

    async def tokens() -> float:
        return anyio.to_thread.current_default_thread_limiter().total_tokens

    with TestClient(create_app(web_db, token=None, analyse=False, threads=3)) as c:
        assert c.portal is not None
        assert c.portal.call(tokens) == 3
        assert c.get("/api/events").status_code == 200  # routes still answer
