"""The incremental picture refresh on both backends: after adding articles to the
analysed demo corpus, the JSON streamed from the tables equals the in-memory
exporter's (tests/web/test_increment.py has the SQLite details)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from crosswire.export import export_object
from crosswire.export.writers import export
from crosswire.ingest import ingest
from crosswire.web.materialize import refresh_picture

from .conftest import Backend

pytest.importorskip("spacy", reason="the nlp extra is not installed")


def test_incremental_refresh_on_both_backends(backend: Backend, demo_dir: Path) -> None:
    from crosswire.analyze import analyze
    from crosswire.fusion.incremental import update_fusion

    files = sorted(p for p in demo_dir.iterdir() if p.is_file())
    lines = []
    with backend.open() as store:
        for part in (files[:-2], files[-2:]):
            ingest([str(f) for f in part], store, ingested=date(2026, 11, 22))
            analyze(store)
            update_fusion(store)
            lines.append(refresh_picture(store))
        assert "incremental" not in lines[0] and "incremental, 4 new articles" in lines[1]
        out = io.StringIO()
        export(store, "json", out)
        expected = io.StringIO()
        json.dump(export_object(store), expected, ensure_ascii=False, indent=2)
        assert out.getvalue() == expected.getvalue() + "\n"
        assert json.loads(out.getvalue())["events"]
