"""API under hostile use (issue #15, finding 9): filters never silently ignored,
uploads never stored under server temp paths, hostile uploads never lose an outcome."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from crosswire.web import create_app

TOKEN = "test-token-0123456789"  # the token the conftest app is built with
AUTH = {"Authorization": f"Bearer {TOKEN}"}
STORY = (
    "Heavy rain closed the main river crossing on Monday, officials said, and "
    "traffic was diverted through the old town for most of the day."
)


@pytest.fixture()
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def test_story_filter_applies_on_the_story_list(client: TestClient) -> None:
    every = client.get("/api/stories").json()["items"]
    assert every
    wanted = every[0]["id"]
    one = client.get("/api/stories", params={"story": wanted}).json()["items"]
    assert [s["id"] for s in one] == [wanted]
    assert client.get("/api/stories", params={"story": "no-such-story"}).json()["items"] == []


@pytest.mark.parametrize(
    ("endpoint", "params"),
    [
        ("articles", {"type": "attack"}),
        ("articles", {"place": "odesa"}),
        ("entities", {"outlet": "Northwire"}),
        ("places", {"type": "attack"}),
        ("places", {"outlet": "Northwire"}),
        ("disputes", {"since": "2024-05-01"}),
        ("claims", {"bbox": "31.5,46.5,32.5,47.5"}),
    ],
)
def test_filters_an_endpoint_cannot_apply_are_refused(
    client: TestClient, endpoint: str, params: dict[str, str]
) -> None:
    r = client.get(f"/api/{endpoint}", params=params)
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error["code"] == "E815" and next(iter(params)) in error["message"]


def test_supported_filters_still_work(client: TestClient) -> None:
    assert client.get("/api/articles", params={"outlet": "Northwire"}).status_code == 200
    assert client.get("/api/entities", params={"type": "PERSON"}).status_code == 200
    assert client.get("/api/places", params={"q": "odesa"}).status_code == 200


def test_uploads_are_stored_under_the_client_name_not_a_temp_path(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "u.db"), token=TOKEN, analyse=False)
    record = json.dumps({"maintext": STORY, "title": "Flood \ud800"}).encode() + b"\n"
    files = [
        ("files", ("day.jsonl", record)),
        ("files", ("day.jsonl", json.dumps({"maintext": STORY + " Two."}).encode() + b"\n")),
        ("files", ("notes#L1.txt", (STORY + " Three.").encode())),
        ("files", ("noise.txt", b"\x8f\x01")),
    ]
    with TestClient(app) as c:
        body = c.post("/api/ingest", files=files, headers=AUTH).json()
        sources = [o["source"] for o in body["outcomes"]]
        assert sources == [
            "upload:day.jsonl#L1",
            "upload:1/day.jsonl#L1",
            "upload:notes%23L1.txt",
            "upload:noise.txt",
        ]
        assert body["stored"] == 3
        stored = c.get("/api/articles").json()["items"]
    assert sorted(a["source"] for a in stored) == sorted(sources[:3])
    assert not any("crosswire-upload" in a["source"] or "/tmp" in a["source"] for a in stored)
