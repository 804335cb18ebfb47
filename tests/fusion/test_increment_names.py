"""New entity names in an incremental update (crosswire.fusion.increment_names).

A name first seen in a new article changes fused articles through their claims
(whom they name, which words are shared content) or their scenes (a place
written as an actor). Claims are linked again from the articles the name's terms
find; a changed scene still fuses everything. Each step compares the stored
fusion with a full fuse of the whole store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fusion_builders import (
    KELDOR,
    MIRRAN,
    TASSO,
    Corpus,
    Doc,
    add_place,
    norland,
    spy_analyses,
    store_doc,
)

from crosswire.fusion import fuse
from crosswire.fusion import incremental as inc
from crosswire.fusion.incremental import current_fusion, update_fusion
from crosswire.store import SQLiteStore


def same_as_full(store: SQLiteStore) -> bool:
    articles, analyses = inc._load(store)
    return current_fusion(store, articles, analyses) == fuse(articles, analyses)


def denials(store: SQLiteStore) -> list[dict[str, Any]]:
    return [d for d in fuse(*inc._load(store)).disputes if d["kind"] == "denial"]


def sorland(doc: Doc) -> None:
    doc.entity("actor:sorland", "Sorland", "XS", "state", ["Sorland"], ["Sorland"], type="state")


def accusation(c: Corpus, aid: str, day: str, target: str, content: str) -> Doc:
    whole = f"Velm accused {target} {content}"
    doc = c.article(aid, f"Outlet {aid}", day, whole + ".")
    norland(doc)
    sorland(doc)
    doc.claim(whole, content, "Velm", kind="accusation", speaker_id="actor:norland", target=target)
    return doc


def militia_denial(c: Corpus, aid: str, day: str) -> Doc:
    """The Keldor Guard (a name no fused article has as an entity) denies the shelling."""
    text = "The Keldor Guard denied the shelling."
    doc = c.article(aid, f"Outlet {aid}", day, text)
    doc.entity(
        "actor:keldor-guard",
        "Keldor Guard",
        "XK",
        "militia",
        ["Keldor Guard"],
        ["the Keldor Guard"],
        type="armed group",
    )
    doc.claim(
        "The Keldor Guard denied the shelling",
        "the shelling",
        "Keldor Guard",
        kind="denial",
        speaker_id="actor:keldor-guard",
    )
    return doc


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "cw.db")


def test_a_new_name_names_the_accused_of_a_fused_claim(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fused accusation's target ("the Keldor Guard") was no entity's name;
    the denial that brings the name answers it on one shared word, as it may
    once the accusation names the denier. The update reads the accusation's
    article (found by its target's term) and no other fused one."""
    c = Corpus()
    store_doc(store, accusation(c, "a1", "2024-03-06", "the Keldor Guard", "of shelling Mirran"))
    store_doc(store, accusation(c, "a2", "2024-03-06", "Sorland", "of looting Tasso"))
    update_fusion(store)
    read = spy_analyses(monkeypatch)
    store_doc(store, militia_denial(c, "d1", "2024-03-08"))
    assert update_fusion(store).incremental
    assert sorted(read) == ["a1", "d1"]
    monkeypatch.undo()
    assert same_as_full(store)
    [link] = denials(store)
    assert {s["article"] for s in link["sides"]} == {"a1", "d1"}


def test_a_new_name_takes_its_words_out_of_fused_denials(store: SQLiteStore) -> None:
    """A fused denial answered an accusation on "shelling", "tasso" and "dam";
    a new entity named "Tasso Dam Authority" makes its words no shared content,
    so the stored link keeps "shelling" only, as a full fusion gives."""
    c = Corpus()
    store_doc(store, accusation(c, "a1", "2024-03-06", "Sorland", "of shelling the Tasso dam"))
    doc = c.article("d1", "Outlet d1", "2024-03-07", "Sorland denied shelling the Tasso dam.")
    sorland(doc)
    norland(doc)
    doc.claim(
        "Sorland denied shelling the Tasso dam",
        "shelling the Tasso dam",
        "Sorland",
        kind="denial",
        speaker_id="actor:sorland",
    )
    store_doc(store, doc)
    update_fusion(store)
    assert "tasso" in denials(store)[0]["note"]
    doc = c.article("n1", "Outlet n1", "2024-05-20", "The Tasso Dam Authority met on Monday.")
    doc.entity("org:tda", "Tasso Dam Authority", "XN", "agency", ["Tasso Dam Authority"])
    store_doc(store, doc)
    assert update_fusion(store).incremental
    assert same_as_full(store)
    [link] = denials(store)
    assert "tasso" not in link["note"] and "shell" in link["note"]


BORDA = ("Borda", 35.150, 38.140, "XS", "Border March")  # Sorland, across the border


def test_a_new_name_written_as_a_fused_place(store: SQLiteStore) -> None:
    """ "Keldor said": a new entity named like a town of fused articles makes that
    town a speaker there, not a scene. The theatre's town counts lose it (found
    by the town's term, extended): Sorland, second to Norland on a tie, becomes
    the theatre an unscoped running total counts. A running total whose scope a
    new name changes moves to another series group, which only a full fusion
    recomputes."""
    c = Corpus()
    doc = c.article("t1", "Outlet t1", "2024-03-05", "Fighting went on near Keldor.")
    norland(doc)
    add_place(doc, "Keldor", KELDOR)
    store_doc(store, doc)
    doc = c.article("t2", "Outlet t2", "2024-03-06", "Shelling hit Borda.")
    add_place(doc, "Borda", BORDA)
    store_doc(store, doc)
    update_fusion(store)
    doc = c.article("k1", "Outlet k1", "2024-05-20", "Keldor said the talks would resume.")
    doc.entity("org:keldor-council", "Keldor council", "XN", "local", ["Keldor"], ["Keldor"])
    store_doc(store, doc)
    assert update_fusion(store).incremental
    assert same_as_full(store)
    text = "The war has left 480,000 people dead since 2019."
    doc = c.article("w1", "Outlet w1", "2024-06-03", text)
    doc.quantity("480,000 people", 480000, noun="people", modifiers=("dead",))
    store_doc(store, doc)
    assert update_fusion(store).incremental
    assert same_as_full(store)
    assert [s["subject"] for s in fuse(*inc._load(store)).series] == ["XS"]
    text = "Shelling hit Tasso and Mirran. The war has left 490,000 people dead since 2019."
    doc = c.article("w2", "Outlet w2", "2024-06-04", text)
    add_place(doc, "Tasso", TASSO)
    add_place(doc, "Mirran", MIRRAN)
    doc.quantity("490,000 people", 490000, noun="people", modifiers=("dead",))
    store_doc(store, doc)
    assert update_fusion(store).incremental
    assert same_as_full(store)
    # The Tasso board: Tasso is a speaker, not a scene, so the second total's
    # towns are one and its scope is the theatre's, not Norland.
    doc = c.article("k2", "Outlet k2", "2024-06-10", "Tasso said it would rebuild.")
    doc.entity("org:tasso-board", "Tasso board", "XN", "local", ["Tasso"], ["Tasso"])
    store_doc(store, doc)
    assert not update_fusion(store).incremental
    assert same_as_full(store)
