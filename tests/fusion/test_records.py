"""Typed fusion records: the JSON they give is the export format, key for key.

The key lists come from the export's JSON Schema, whose ``properties`` are
written in export order; values are not compared, so these tests keep holding
when merging or figures change what an event says.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
from fusion_builders import KELDOR, Corpus, add_place, norland
from test_figures import killed, toll

from crosswire.fusion.records import Dispute, FusedEvent, Series


def _schema() -> dict[str, Any]:
    path = resources.files("crosswire") / "data" / "schema" / "export.schema.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _keys(defn: dict[str, Any]) -> list[str]:
    return list(defn["properties"])


def _picture(corpus: Corpus) -> Any:
    killed(corpus, "a1", "Wire One", "12 people", 12, family="w1")
    killed(corpus, "a2", "Wire Two", "30 people", 30, family="w2")
    toll(corpus, "t1", "Wire One", "2023-01-10", "240,000 people", 240000, family="w1")
    toll(corpus, "t2", "Wire Three", "2023-06-02", "260,000 people", 260000, family="w3")
    doc = corpus.article("s1", "Wire Four", "2024-03-05", "Shelling hit Keldor on Monday.")
    norland(doc)
    doc.event(
        "Shelling", subtype="shelling", place=add_place(doc, "Keldor", KELDOR), date="2024-03-04"
    )
    return corpus.fuse()


def test_every_record_has_the_schema_keys_in_export_order(corpus: Corpus) -> None:
    fusion = _picture(corpus)
    defs = _schema()["$defs"]
    event_keys = _keys(defs["event"])
    number_def = defs["event"]["properties"]["numbers"]["items"]
    assert fusion.events and fusion.disputes and fusion.series
    for event in fusion.events:
        assert list(event) == event_keys
        jsonschema.validate(event, {"$ref": "#/$defs/event", "$defs": defs})
        assert event["place"] is None or list(event["place"]) == _keys(
            defs["event"]["properties"]["place"]
        )
        for number in event["numbers"]:
            assert list(number) == _keys(number_def)
            for source in number["sources"]:
                assert list(source) == _keys(number_def["properties"]["sources"]["items"])
    for dispute in fusion.disputes:
        jsonschema.validate(dispute, defs["dispute"])
        assert list(dispute) == _keys(defs["dispute"])
        for side in dispute["sides"]:
            assert list(side) == _keys(defs["dispute"]["properties"]["sides"]["items"])
    for series in fusion.series:
        jsonschema.validate(series, defs["series"])
        assert list(series) == _keys(defs["series"])
        for point in series["points"]:
            assert list(point) == _keys(defs["series"]["properties"]["points"]["items"])


def test_records_read_back_from_json_unchanged(corpus: Corpus) -> None:
    """The store keeps fused blocks as JSON: reading them back must not change a byte."""
    fusion = _picture(corpus)
    for event in fusion.events:
        assert FusedEvent.from_json(event).to_json() == event
    for dispute in fusion.disputes:
        assert Dispute.from_json(dispute).to_json() == dispute
    for series in fusion.series:
        assert Series.from_json(series).to_json() == series
    assert json.dumps(fusion.events) == json.dumps(
        [FusedEvent.from_json(e).to_json() for e in fusion.events]
    )
