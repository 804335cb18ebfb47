from __future__ import annotations

import csv
import io
import json
from datetime import date
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from crosswire.export import FORMAT_VERSION, export
from crosswire.ingest import ingest
from crosswire.store import SQLiteStore, open_store


@pytest.fixture()
def demo_store(tmp_path: Path, demo_dir: Path) -> SQLiteStore:
    store = open_store(tmp_path / "x.db")
    ingest([str(demo_dir)], store, ingested=date(2026, 11, 22))
    return store


def _schema() -> dict:  # type: ignore[type-arg]
    path = resources.files("crosswire") / "data" / "schema" / "export.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_json_export_matches_schema(demo_store: SQLiteStore) -> None:
    out = io.StringIO()
    n = export(demo_store, "json", out)
    obj = json.loads(out.getvalue())
    jsonschema.validate(obj, _schema())
    assert obj["crosswire"] == FORMAT_VERSION and len(obj["articles"]) == n == 8
    families = {a["family"] for a in obj["articles"]}
    assert len(families) < n  # the wire family collapses copies


def test_jsonl_csv_parquet_agree(demo_store: SQLiteStore, tmp_path: Path) -> None:
    jl = io.StringIO()
    export(demo_store, "jsonl", jl)
    lines = [json.loads(x) for x in jl.getvalue().splitlines()]
    for record in lines:
        jsonschema.validate(record, _schema()["$defs"]["article"])
    cs = io.StringIO()
    export(demo_store, "csv", cs)
    rows = list(csv.DictReader(io.StringIO(cs.getvalue())))
    assert [r["id"] for r in rows] == [x["id"] for x in lines]
    assert json.loads(rows[0]["removed"]) == lines[0]["removed"]
    pq = pytest.importorskip("pyarrow.parquet")
    export(demo_store, "parquet", tmp_path / "a.parquet")
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.column("id").to_pylist() == [x["id"] for x in lines]
    assert table.column("text").to_pylist() == [x["text"] for x in lines]


def test_unknown_format(demo_store: SQLiteStore) -> None:
    with pytest.raises(ValueError, match="E501"):
        export(demo_store, "xml", io.StringIO())


def test_fused_sections_keep_the_schema_key_order(demo_store: SQLiteStore) -> None:
    """The export format is a contract: every fused record has exactly the keys the
    schema lists, in its order (values may change as merging improves)."""
    from crosswire.analyze import analyze

    analyze(demo_store)
    out = io.StringIO()
    export(demo_store, "json", out)
    obj = json.loads(out.getvalue())
    defs = _schema()["$defs"]
    jsonschema.validate(obj, _schema())
    assert obj["events"] and obj["stories"] and obj["series"] and obj["disputes"]
    for section, name in (
        ("events", "event"),
        ("disputes", "dispute"),
        ("series", "series"),
        ("stories", "story"),
    ):
        for record in obj[section]:
            assert list(record) == list(defs[name]["properties"]), (section, list(record))
