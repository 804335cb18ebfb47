"""Issue 4's acceptance picture on the five real seed articles (skips without ../shared)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crosswire.analyze import analyze
from crosswire.export import export_object
from crosswire.ingest import ingest
from crosswire.store import open_store


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with open_store(db) as store:
        ingest([str(seeds_dir)], store, ingested=date(2026, 11, 22))
        analyze(store)
        obj = export_object(store)
    obj["_seed"] = {a["id"]: Path(a["source"]).name[:3] for a in obj["articles"]}
    return obj


def _events(obj: dict[str, Any], subtype: str, place: str) -> list[dict[str, Any]]:
    return [
        e
        for e in obj["events"]
        if e["subtype"] == subtype and (e["place"] or {}).get("name") == place
    ]


def test_first_october_strikes_in_idlib(picture: dict[str, Any]) -> None:
    (event,) = _events(picture, "Air/drone strike", "Jisr al-Shughur")
    assert event["date"] == "2015-10-01"
    assert event["place"]["admin1"] == "Idlib" and event["place"]["precision"] == 1
    assert "actor:russia" in event["actors"]
    assert "actor:army-of-conquest" in event["targets"]
    speakers = {c["speaker_name"] for c in picture["claims"] if c["id"] in event["claims"]}
    assert "a Syrian security source" in speakers  # the other side's account


def test_september_thirty_strikes_with_figures_and_claims(picture: dict[str, Any]) -> None:
    strikes = [
        e
        for e in picture["events"]
        if e["subtype"] == "Air/drone strike"
        and e["date"] == "2015-09-30"
        and any(n["what"] == "sorties" and n["best"] == 20 for n in e["numbers"])
    ]
    assert strikes
    numbers = {n["what"]: n for n in strikes[0]["numbers"]}
    assert numbers["targets"]["best"] == 8
    # reported by both versions of the AFP story: one wire family, one source
    seeds = {picture["_seed"][m["article"]] for m in strikes[0]["mentions"]}
    assert seeds == {"003", "004"}
    assert strikes[0]["independent_sources"] == 1


def test_capture_of_sheikh_miskeen_with_its_monitor(picture: dict[str, Any]) -> None:
    (event,) = _events(picture, "Government regains territory", "Sheikh Miskeen")
    assert event["actors"] == ["actor:syrian-army"]
    claims = [c for c in picture["claims"] if c["id"] in event["claims"]]
    assert any(c["speaker"] == "actor:sohr" for c in claims)


def test_civilian_casualty_accusation_linked_to_denial(picture: dict[str, Any]) -> None:
    claims = {c["id"]: c for c in picture["claims"]}
    links = []
    for dispute in picture["disputes"]:
        if dispute["kind"] == "denial":
            texts = [claims[c]["text"] for c in dispute["claims"]]
            links.append(" | ".join(texts))
    assert any("36 civilians" in link and "civilians were killed" in link for link in links)


def test_death_toll_is_a_series_not_a_dispute(picture: dict[str, Any]) -> None:
    values = {p["value"] for s in picture["series"] if s["what"] == "dead" for p in s["points"]}
    assert {240000, 260000} <= values
    assert not [d for d in picture["disputes"] if d["kind"] == "conflicting_figures"]


def test_contested_target(picture: dict[str, Any]) -> None:
    contested = [d for d in picture["disputes"] if d["kind"] == "contested_target"]
    assert any("Army of Conquest" in d["note"] and "Islamic State" in d["note"] for d in contested)
