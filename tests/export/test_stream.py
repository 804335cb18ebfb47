"""Exports streamed from the picture tables equal the in-memory exporter's, byte for byte,
on the real seed articles and the shipped demo corpus (analysed for real)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from crosswire.export import export_object
from crosswire.export.writers import export
from crosswire.ingest import ingest
from crosswire.store import SQLiteStore, open_store

pytest.importorskip("spacy", reason="the nlp extra is not installed")


def _store(tmp: Path, corpus: Path) -> SQLiteStore:
    from crosswire.analyze import analyze
    from crosswire.fusion.incremental import update_fusion

    store = open_store(tmp / "store.db")
    assert isinstance(store, SQLiteStore)
    ingest([str(corpus)], store, ingested=date(2026, 11, 22))
    analyze(store)
    update_fusion(store)
    return store


@pytest.fixture(scope="module", params=["seeds", "demo"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    corpus = request.getfixturevalue(f"{request.param}_dir")
    return _store(tmp_path_factory.mktemp(request.param), corpus)


def test_streamed_exports_equal_in_memory_ones(store: SQLiteStore) -> None:
    from crosswire.export.stream import picture_ready
    from crosswire.web.materialize import refresh_picture

    before = {}
    for fmt in ("json", "acled", "ucdp"):
        out = io.StringIO()
        export(store, fmt, out)  # tables not built yet: the in-memory path
        before[fmt] = out.getvalue()
    expected = io.StringIO()
    json.dump(export_object(store), expected, ensure_ascii=False, indent=2)
    assert before["json"] == expected.getvalue() + "\n"
    assert not picture_ready(store)
    refresh_picture(store)
    assert picture_ready(store)
    for fmt in ("json", "acled", "ucdp"):
        out = io.StringIO()
        export(store, fmt, out)
        assert out.getvalue() == before[fmt], fmt
    assert json.loads(before["json"])["events"]  # a real picture, not an empty one
    # A second refresh with nothing new writes no row.
    assert "0 rows written" in refresh_picture(store)
