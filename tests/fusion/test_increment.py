"""Incremental fusion from the new articles alone: equal to fusing everything at once.

Each step adds articles to a store, runs :func:`update_fusion` and compares the
persisted fusion with a full :func:`fuse` of the whole store; ``incremental``
says whether the update extended the stored fusion (no whole-corpus read) or
fell back to the full path.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fusion_builders import KELDOR, MIRRAN, Corpus, Doc, add_place, norland, spy_analyses, store_doc

from crosswire.analyze import analyze
from crosswire.fusion import fuse, increment
from crosswire.fusion import incremental as inc
from crosswire.fusion.incremental import current_fusion, update_fusion
from crosswire.ingest import ingest
from crosswire.store import SQLiteStore

VELM = "An air strike on Keldor on Monday killed 9 people, Velm and Sorland officials said."


def same_as_full(store: SQLiteStore) -> bool:
    articles, analyses = inc._load(store)
    return current_fusion(store, articles, analyses) == fuse(articles, analyses)


def sorland(doc: Doc) -> None:
    doc.entity("actor:sorland", "Sorland", "XS", "state", ["Sorland"], ["Sorland"], type="state")


def strike(c: Corpus, aid: str, published: str, n: int, town: Any = KELDOR) -> Doc:
    """A strike report naming both states (so later claims bring no new names)."""
    doc = c.article(aid, f"Outlet {aid}", published, VELM.replace("Keldor", town[0]))
    norland(doc)
    sorland(doc)
    place = add_place(doc, town[0], town)
    q = doc.quantity("9 people", n, noun="people", modifiers=("killed",))
    doc.event("air strike", place=place, date=published, numbers=(("killed", q),))
    return doc


def accusation(c: Corpus, aid: str, published: str) -> Doc:
    text = "Velm accused Sorland of shelling Keldor and killing civilians."
    doc = c.article(aid, f"Outlet {aid}", published, text)
    norland(doc)
    sorland(doc)
    doc.claim(
        "Velm accused Sorland of shelling Keldor and killing civilians",
        "of shelling Keldor and killing civilians",
        "Velm",
        kind="accusation",
        speaker_id="actor:norland",
        target="Sorland",
    )
    return doc


def denial(c: Corpus, aid: str, published: str) -> Doc:
    text = "Sorland denied shelling Keldor or killing civilians there."
    doc = c.article(aid, f"Outlet {aid}", published, text)
    norland(doc)
    sorland(doc)
    doc.claim(
        "Sorland denied shelling Keldor or killing civilians there",
        "shelling Keldor or killing civilians there",
        "Sorland",
        kind="denial",
        speaker_id="actor:sorland",
    )
    return doc


def toll(c: Corpus, aid: str, published: str, value: int) -> Doc:
    text = f"Fighting went on near Keldor. The war has left {value:,} people dead since 2019."
    doc = c.article(aid, f"Outlet {aid}", published, text)
    norland(doc)
    sorland(doc)
    add_place(doc, "Keldor", KELDOR)
    doc.quantity(f"{value:,} people", value, noun="people", modifiers=("dead",))
    return doc


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "cw.db")


def test_new_articles_extend_the_stored_fusion(store: SQLiteStore) -> None:
    """Strikes, a running total, a denial after its accusation and an accusation
    after an earlier-dated denial: after the first article, every update is
    incremental and equal to a full fuse."""
    c = Corpus()
    steps = [
        [strike(c, "s1", "2024-03-04", 9)],
        [strike(c, "s2", "2024-03-04", 11), toll(c, "t1", "2024-03-05", 470000)],
        [accusation(c, "a1", "2024-03-06")],
        [denial(c, "d1", "2024-03-07")],
        [toll(c, "t2", "2024-03-05", 480000), strike(c, "s3", "2024-05-20", 3, MIRRAN)],
        [denial(c, "d2", "2024-03-20"), accusation(c, "a2", "2024-03-19")],
    ]
    modes = []
    for docs in steps:
        for doc in docs:
            store_doc(store, doc)
        modes.append(update_fusion(store).incremental)
        assert same_as_full(store), f"differs after {[d.record['id'] for d in docs]}"
    assert modes == [False, True, True, True, True, True]
    articles, analyses = inc._load(store)
    final = fuse(articles, analyses)
    denials = [d for d in final.disputes if d["kind"] == "denial"]
    assert len(denials) == 2 and final.series


def test_a_second_report_of_a_rare_name_joins_the_first(store: SQLiteStore) -> None:
    """E7c across updates: a name in one article links nothing; a second article
    naming her makes her rare and joins the stored block (found by the name's
    index key), many more make her a public figure and split them again."""
    c = Corpus()

    def shooting(aid: str, day: str) -> Doc:
        doc = c.article(aid, f"Outlet {aid}", day, "Nela Voss was shot dead in Keldor on Monday.")
        norland(doc)
        doc.entity("person:nela-voss", "Nela Voss", None, None, ["Nela Voss"], type="person")
        place = add_place(doc, "Keldor", KELDOR)
        doc.event("shot dead", type="attack", subtype=None, place=place, date=day)
        return doc

    days = ["2024-05-13", "2024-09-02", *[f"2024-1{i}-0{i}" for i in range(7)]]
    for i, day in enumerate(days):
        store_doc(store, shooting(f"n{i}", day))
        update = update_fusion(store)
        assert update.incremental == (i > 0)
        assert same_as_full(store), f"differs after n{i}"


def test_changed_analyses_fall_back_to_a_full_fusion(store: SQLiteStore) -> None:
    c = Corpus()
    store_doc(store, strike(c, "s1", "2024-03-04", 9))
    update_fusion(store)
    doc = strike(c, "s2", "2024-03-04", 10)
    doc.entity("actor:velm-police", "Velm police", "XN", "police", ["Velm"])
    store_doc(store, doc)
    assert update_fusion(store).incremental  # a new (name, entity) pair: extended
    assert same_as_full(store)
    store.save_analysis("s1", "done", None, strike(Corpus(), "s1", "2024-03-04", 12).analysis)
    assert not update_fusion(store).incremental  # a fused article re-analysed
    assert same_as_full(store)
    assert not update_fusion(store).changed
    # Saved again unchanged: one full read notes the revision, then nothing to do.
    store.save_analysis("s1", "done", None, strike(Corpus(), "s1", "2024-03-04", 12).analysis)
    assert not update_fusion(store).changed
    assert increment.extend(store) is not None and same_as_full(store)


def test_demo_corpus_added_article_by_article(tmp_path: Path, demo_dir: Path) -> None:
    """The demo corpus with its real analyses, then a second copy of it (new ids,
    same days): every addition of the copy touches the stored blocks."""
    with SQLiteStore(tmp_path / "demo.db") as source:
        ingest([str(demo_dir)], source, ingested=date(2026, 11, 22))
        analyze(source)
        articles = list(source.iter_articles())
        analyses = {aid: data for aid, _, _, data in source.iter_analyses()}
    store = SQLiteStore(tmp_path / "cw.db")
    modes = []
    for copy in ("", "-b"):
        for a in articles:
            art = dataclasses.replace(
                a, id=a.id + copy, family=(a.family + copy) if a.family else None
            )
            store.add_article(art)
            store.save_analysis(art.id, "done", None, analyses.get(a.id))
            modes.append(update_fusion(store).incremental)
            assert same_as_full(store), f"differs after {art.id}"
    assert sum(modes[len(articles) :]) == len(articles)  # the copy: all incremental
    assert len(fuse(*inc._load(store)).events) > 10


def test_an_addition_reads_only_its_own_analyses(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scaling property: a report of another month touches no stored block, so
    the update reads its own analysis and no other (issue #17)."""
    c = Corpus()
    for i, day in enumerate(["2024-03-04", "2024-03-05", "2024-04-08"]):
        store_doc(store, strike(c, f"s{i}", day, 9 + i))
    update_fusion(store)
    read = spy_analyses(monkeypatch)
    store_doc(store, strike(c, "late", "2024-07-15", 4, MIRRAN))
    update = update_fusion(store)
    assert update.incremental and update.recomputed_labels() == ["XN 2024-W29"]
    assert read == ["late"]
    monkeypatch.undo()
    assert same_as_full(store)
