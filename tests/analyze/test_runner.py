"""The analysis layer run end to end over the shipped example corpus."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from crosswire.analyze import analyze
from crosswire.analyze.components import COMPONENTS, Component, check_order
from crosswire.export import export_object
from crosswire.ingest import ingest
from crosswire.store import SQLiteStore, open_store


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> Any:
    db = tmp_path_factory.mktemp("analyze") / "a.db"
    store = open_store(db)
    ingest([str(demo_dir)], store, ingested=date(2026, 11, 22))
    report = analyze(store)
    yield store, report
    store.close()


def test_report_counts(analysed: tuple[SQLiteStore, Any]) -> None:
    store, report = analysed
    assert report.analysed == 7 and not report.failed
    assert dict(report.skipped) == {"E203 not English": 1}
    again = analyze(store)
    assert again.analysed == 0 and not again.skipped  # nothing left to do
    assert "analysed 7, skipped 1" in report.summary()


def test_export_sections_are_evidence_backed(analysed: tuple[SQLiteStore, Any]) -> None:
    store, _ = analysed
    obj = export_object(store)
    schema = json.loads(
        (resources.files("crosswire") / "data" / "schema" / "export.schema.json").read_text()
    )
    jsonschema.validate(obj, schema)
    texts = {a["id"]: a["text"] for a in obj["articles"]}
    for entity in obj["entities"]:
        for m in entity["mentions"]:
            assert texts[m["article"]][m["start"] : m["end"]] in entity["aliases"]
    for claim in obj["claims"]:
        text = texts[claim["article"]]
        assert claim["text"] in text[claim["start"] : claim["end"]]
    names = {e["name"]: e for e in obj["entities"]}
    assert names["Northern Brigades"]["type"] == "armed_group"
    assert names["Karim Aziz"]["type"] == "person"
    places = {p["name"]: p for p in obj["places"]}
    assert places["Mosul"]["country"] == "IQ" and places["Mosul"]["precision"] == 1
    assert "Ābu" not in places and "Meridian" not in places  # name fragments are not places


def test_claims_kinds_and_speakers(analysed: tuple[SQLiteStore, Any]) -> None:
    store, _ = analysed
    claims = export_object(store)["claims"]
    denials = [c for c in claims if c["kind"] == "denial"]
    assert any(c["speaker_name"] == "Karim Aziz" and "petrol station" in c["text"] for c in denials)
    accusations = [c for c in claims if c["kind"] == "accusation"]
    assert any("Northern Brigades" in (c["speaker_name"] or "") for c in accusations)
    quoted = [c for c in claims if c["quote"]]
    assert any(c["speaker_name"] == "Hana Rashid" for c in quoted) or any(
        "director" in (c["speaker_name"] or "") for c in quoted
    )
    with_numbers = [c for c in claims if c["numbers"]]
    assert any(n["value"] == 12 for c in with_numbers for n in c["numbers"])  # 12 sorties


def test_component_order_is_checked() -> None:
    check_order()
    broken = (Component("claims", ("doc", "entities"), ("claims",), lambda a: None),)
    with pytest.raises(ValueError, match="E310"):
        check_order(broken)
    assert [c.name for c in COMPONENTS][0] == "entities"
