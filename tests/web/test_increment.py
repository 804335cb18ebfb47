"""An incremental refresh of the picture tables (crosswire.web.increment) leaves
them exactly as a full refresh would: the JSON streamed from the tables after
adding articles equals the in-memory exporter's, byte for byte, on the real
seed articles and the shipped demo corpus (analysed and fused for real)."""

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
from crosswire.store.picture import get_state
from crosswire.store.picture_db import PictureDb
from crosswire.store.picture_schema import SEARCH_KINDS
from crosswire.web.materialize import refresh_picture

pytest.importorskip("spacy", reason="the nlp extra is not installed")


def _round(store: SQLiteStore, files: list[Path]) -> str:
    from crosswire.analyze import analyze
    from crosswire.fusion.incremental import update_fusion

    ingest([str(f) for f in files], store, ingested=date(2026, 11, 22))
    analyze(store)
    update_fusion(store)
    return refresh_picture(store)


def _streamed(store: SQLiteStore) -> str:
    out = io.StringIO()
    export(store, "json", out)
    return out.getvalue()


def _tables(store: SQLiteStore) -> dict[str, list[tuple[object, ...]]]:
    db = PictureDb(store)
    out = {}
    for table in ("pic_stories", "pic_events", "pic_claims", "pic_disputes", "pic_entities"):
        out[table] = db.rows(f"SELECT key, seq, digest FROM {table} ORDER BY key")
    out["records"] = db.rows("SELECT section, key, seq, digest FROM pic_records ORDER BY 1, 2")
    out["search"] = [(k, *d) for k in SEARCH_KINDS for d in db.search_documents(k)]
    out["counts"] = [(json.dumps(get_state(db, "counts"), sort_keys=True),)]
    return out


@pytest.mark.parametrize("corpus", ["seeds", "demo"])
def test_incremental_refresh_equals_full(
    corpus: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    folder: Path = request.getfixturevalue(f"{corpus}_dir")
    files = sorted(p for p in folder.iterdir() if p.is_file())
    store = open_store(tmp_path / "store.db")
    assert isinstance(store, SQLiteStore)
    with store:
        first = _round(store, files[:-2])
        assert "incremental" not in first  # nothing to start from: the full refresh
        line = _round(store, files[-2:])
        # The seeds are undated (an undated article may join any story: the full
        # refresh); the demo's new articles are dated.
        assert ("incremental, " in line) == (corpus == "demo"), line
        expected = io.StringIO()
        json.dump(export_object(store), expected, ensure_ascii=False, indent=2)
        streamed = _streamed(store)
        assert json.loads(streamed)["events"]
        assert streamed == expected.getvalue() + "\n"
        tables = _tables(store)
        # Every event row keeps its fusion block (the next refresh of that block
        # finds its rows by it), also a row rewritten because its story moved.
        assert not PictureDb(store).rows("SELECT key FROM pic_events WHERE block IS NULL")
        # A full refresh over the same store changes no row, order or counter.
        full = refresh_picture(store, full=True)
        assert "0 rows written" in full and "0 dropped" in full, full
        assert _tables(store) == tables
        # Nothing new: the incremental refresh writes nothing.
        assert "0 rows written" in refresh_picture(store)
        # The story term counts are the store's, whichever refresh wrote them.
        assert _story_counts(store) == _counted(store)


def _story_counts(store: SQLiteStore) -> dict[tuple[str, str], int]:
    rows = PictureDb(store).rows("SELECT kind, term, df FROM pic_story_df")
    return {(str(k), str(t)): int(d) for k, t, d in rows}


def _counted(store: SQLiteStore) -> dict[tuple[str, str], int]:
    from crosswire.export.writers import article_record
    from crosswire.fusion.story_terms import corpus_stats

    articles = [article_record(a) for a in store.iter_articles()]
    analyses = {aid: data for aid, _, _, data in store.iter_analyses() if data}
    stats = corpus_stats(articles, analyses)
    assert stats.terms.n == len(articles)
    return {
        **{("t", k): v for k, v in stats.terms.df.items()},
        **{("e", k): v for k, v in stats.entities.df.items()},
    }


# Two reports of one flood, published months after the demo corpus's events: the
# story window leaves every demo article out of the re-grouping.
_LATER = [
    {
        "url": "https://riverside.example/floods/kasai-bridge",
        "title": "Floods cut the Kasai bridge, 4 dead",
        "source_domain": "riverside.example",
        "language": "en",
        "date_publish": "2025-09-10 08:15:00",
        "maintext": "Four people were killed when floodwater swept away the main bridge "
        "over the Kasai river near Tshikapa on Tuesday, local officials said. Rescue "
        "teams searched the banks for two missing fishermen, and the provincial "
        "governor said about 1,200 families had lost their homes.",
    },
    {
        "url": "https://coastwire.example/africa/tshikapa-flood",
        "title": "Tshikapa bridge collapse: death toll rises to six",
        "source_domain": "coastwire.example",
        "language": "en",
        "date_publish": "2025-09-11 17:40:00",
        "maintext": "The death toll from the collapse of the Kasai river bridge near "
        "Tshikapa rose to six on Wednesday after rescuers recovered the bodies of two "
        "fishermen, the provincial governor said. He said 1,300 families were homeless.",
    },
]


def test_incremental_refresh_of_a_later_story(demo_dir: Path, tmp_path: Path) -> None:
    later = tmp_path / "later.jsonl"
    later.write_text("\n".join(json.dumps(a) for a in _LATER) + "\n", encoding="utf-8")
    store = open_store(tmp_path / "store.db")
    assert isinstance(store, SQLiteStore)
    with store:
        _round(store, sorted(p for p in demo_dir.iterdir() if p.is_file()))
        before = {r[0]: r[1] for r in PictureDb(store).rows("SELECT key, digest FROM pic_stories")}
        line = _round(store, [later])
        assert "incremental, 2 new articles" in line and "2 articles regrouped" in line, line
        after = {r[0]: r[1] for r in PictureDb(store).rows("SELECT key, digest FROM pic_stories")}
        assert len(after) == len(before) + 1 and set(before) <= set(after)
        # The export equals the full one, the new story's headline included: the
        # re-grouped articles are weighted with the whole store's term counts.
        assert json.loads(_streamed(store)) == export_object(store)
        # A full refresh rewrites nothing.
        assert "0 rows written" in refresh_picture(store, full=True)
