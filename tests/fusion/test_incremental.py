"""Incremental fusion: persisted blocks, only touched blocks recomputed, same output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fusion_builders import KELDOR, MIRRAN, TASSO, Corpus, Doc, add_place, norland

from crosswire.export.writers import export_object
from crosswire.fusion import fuse
from crosswire.fusion import incremental as inc
from crosswire.fusion.incremental import components, current_fusion, update_fusion
from crosswire.model import Article
from crosswire.store import SQLiteStore

KILLED = "An air strike on {town} on Monday killed {n}, medics said."
# A town of the invented neighbour Sorland (XS), about 9 km from Keldor across the border.
BORDA = ("Borda", 35.150, 38.140, "XS", "Border March")
SORVIK = ("Sorvik", 33.000, 36.000, "XS", "Sor Coast")


def killed(
    c: Corpus,
    aid: str,
    outlet: str,
    n_text: str,
    value: float,
    low: float | None = None,
    high: float | None = None,
    *,
    town: tuple[str, float, float, str, str] = KELDOR,
    date: str | None = "2024-03-04",
    published: str = "2024-03-05",
    family: str | None = None,
) -> Doc:
    text = KILLED.format(town=town[0], n=n_text)
    doc = c.article(aid, outlet, published, text, family=family)
    norland(doc)
    place = add_place(doc, town[0], town)
    q = doc.quantity(n_text, value, low, high, noun="people", modifiers=("killed",))
    doc.event("air strike", place=place, date=date, numbers=(("killed", q),))
    return doc


def protest(c: Corpus, aid: str, town: tuple[str, float, float, str, str], date: str) -> Doc:
    doc = c.article(aid, "Reach Radio", date, f"Hundreds joined a protest in {town[0]} on Sunday.")
    place = add_place(doc, town[0], town)
    doc.event("protest", type="protest", subtype=None, place=place, date=date)
    return doc


def put(store: SQLiteStore, doc: Doc) -> str:
    r = doc.record
    article = Article(
        id=r["id"],
        source=f"fixture:{r['id']}",
        text=r["text"],
        outlet=r["outlet"],
        published=r["published"],
        family=r["family"],
        version=r["version"],
        ingested="2024-03-06T00:00:00+00:00",
    )
    store.add_article(article)
    store.save_analysis(article.id, "done", None, doc.analysis)
    return article.id


def full(store: SQLiteStore) -> Any:
    """The fusion fuse computes from scratch over the store."""
    articles, analyses = inc._load(store)
    return fuse(articles, analyses)


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "cw.db")


def test_second_agency_updates_only_its_block(store: SQLiteStore) -> None:
    c = Corpus()
    put(store, killed(c, "a1", "Wire One", "12 people", 12, family="w1"))
    put(store, protest(c, "p1", TASSO, "2024-02-11"))  # same country, another week
    put(store, killed(c, "s1", "Sor Daily", "3 people", 3, town=SORVIK))  # same week, elsewhere
    first = update_fusion(store)
    assert first.changed and first.blocks == 3 and len(first.recomputed) == 3
    assert first.recomputed_labels() == ["XN 2024-W06", "XN 2024-W10", "XS 2024-W10"]
    fused = current_fusion(store, *inc._load(store))
    assert fused is not None
    (keldor,) = [e for e in fused.events if e["place"]["name"] == "Keldor"]
    assert keldor["independent_sources"] == 1
    assert [(n["low"], n["best"], n["high"]) for n in keldor["numbers"]] == [(12, 12, 12)]

    second = put(store, killed(c, "a2", "Wire Two", "between 10 and 20 people", 10, 10, 20))
    assert current_fusion(store, *inc._load(store)) is None  # stale until updated
    update = update_fusion(store, [second])
    assert update.recomputed_labels() == ["XN 2024-W10"]
    assert update.reused == 2 and update.blocks == 3
    fused = current_fusion(store, *inc._load(store))
    assert fused is not None
    (keldor,) = [e for e in fused.events if e["place"]["name"] == "Keldor"]
    assert keldor["independent_sources"] == 2
    assert keldor["sources"] == ["Wire One", "Wire Two"]
    assert [(n["low"], n["best"], n["high"]) for n in keldor["numbers"]] == [(10, 10, 20)]
    assert fused == full(store)


def test_nothing_new_recomputes_nothing(store: SQLiteStore) -> None:
    c = Corpus()
    put(store, killed(c, "a1", "Wire One", "12 people", 12))
    assert update_fusion(store).changed
    again = update_fusion(store)
    assert not again.changed and again.recomputed == [] and again.blocks == 1
    assert "up to date" in again.summary()


def test_regrouped_family_is_noticed(store: SQLiteStore) -> None:
    c = Corpus()
    put(store, killed(c, "a1", "Wire One", "12 people", 12))
    put(store, killed(c, "a2", "Copy Site", "12 people", 12))
    update_fusion(store)
    fused = current_fusion(store, *inc._load(store))
    assert fused is not None and fused.events[0]["independent_sources"] == 2
    # Ingest found the two to be one wire story: one origin now.
    store.set_families([("a1", "w1", 1, 1.0), ("a2", "w1", 2, 0.97)])
    assert current_fusion(store, *inc._load(store)) is None
    update = update_fusion(store)
    assert update.recomputed_labels() == ["XN 2024-W10"]
    fused = current_fusion(store, *inc._load(store))
    assert fused is not None and fused.events[0]["independent_sources"] == 1
    assert fused == full(store)


def test_cross_border_towns_and_unplaced_mentions_share_a_block() -> None:
    c = Corpus()
    killed(c, "a1", "Wire One", "12 people", 12)
    killed(c, "b1", "Sor Daily", "4 people", 4, town=BORDA)  # 9 km away, other country
    killed(c, "f1", "Far Post", "2 people", 2, town=SORVIK, date="2024-03-12")
    vague = c.article("v1", "Wire Three", "2024-03-05", "An air strike killed people, medics said.")
    vague.event("air strike", date="2024-03-04")  # no place: may join any of them
    undated = c.article("u1", "Blog", None, "There was an air strike somewhere.")
    undated.event("air strike", date=None)  # no date at all: may join any week
    late = killed(c, "l1", "Wire One", "1 person", 1, date="2024-05-06", published="2024-05-07")
    from crosswire.fusion.events import read_mentions
    from crosswire.fusion.sources import origin_of

    analyses = {str(d.record["id"]): d.analysis for d in c.docs}
    mentions = []
    for d in c.docs:
        mentions += read_mentions(
            d.record, d.analysis, origin_of(d.record), lambda *a: (None, None)
        )
    groups = [sorted({mentions[i].article for i in g}) for g in components(mentions)]
    assert ["a1", "b1", "f1", "l1", "u1", "v1"] in groups  # the undated one joins every week
    without = [m for m in mentions if m.article != "u1"]
    groups = [sorted({without[i].article for i in g}) for g in components(without)]
    assert sorted(groups) == [["a1", "b1", "v1"], ["f1"], ["l1"]]
    no_vague = [m for m in without if m.article != "v1"]
    groups = [sorted({no_vague[i].article for i in g}) for g in components(no_vague)]
    assert sorted(groups) == [["a1", "b1"], ["f1"], ["l1"]]
    assert late.record["id"] == "l1" and analyses


def mixed_corpus() -> Corpus:
    """Strikes, border towns, a vague and an undated report, a protest, a running
    total, an accusation and its denial: every kind of fusion output."""
    c = Corpus()
    killed(c, "a1", "Wire One", "12 people", 12, family="w1")
    killed(c, "a2", "Wire Two", "between 10 and 20 people", 10, 10, 20, family="w2")
    killed(c, "a3", "Wire Two copy", "30 people", 30, family="w2")
    killed(c, "b1", "Sor Daily", "4 people", 4, town=BORDA)
    killed(c, "m1", "Local Post", "11 people", 11, town=MIRRAN, published="2024-03-04")
    killed(c, "f1", "Far Post", "2 people", 2, town=SORVIK, date="2024-03-12")
    vague = c.article("v1", "Wire Three", "2024-03-05", "An air strike killed people, medics said.")
    vague.event("air strike", date=None)
    protest(c, "p1", TASSO, "2024-02-11")
    protest(c, "p2", TASSO, "2024-02-11")
    text = "Fighting continued near Keldor. The war has left 470,000 people dead since 2019."
    toll = c.article("t1", "Wire Two", "2024-03-06", text, family="w2b")
    add_place(toll, "Keldor", KELDOR)
    toll.quantity("470,000 people", 470000, noun="people", modifiers=("dead",))
    text = (
        "Velm accused Sorland of shelling Keldor and killing civilians. "
        "Sorland denied killing civilians in Keldor."
    )
    d = c.article("d1", "Wire One", "2024-03-06", text, family="w1d")
    norland(d)
    d.entity("actor:sorland", "Sorland", "XS", "state", ["Sorland"], ["Sorland"], type="state")
    d.claim(
        "Velm accused Sorland of shelling Keldor and killing civilians",
        "of shelling Keldor and killing civilians",
        "Velm",
        kind="accusation",
        speaker_id="actor:norland",
        target="Sorland",
    )
    d.claim(
        "Sorland denied killing civilians in Keldor",
        "killing civilians in Keldor",
        "Sorland",
        kind="denial",
        speaker_id="actor:sorland",
    )
    return c


def test_incremental_equals_full_fuse_at_every_step(store: SQLiteStore) -> None:
    docs = mixed_corpus().docs
    for doc in docs:
        aid = put(store, doc)
        update_fusion(store, [aid])
        fused = current_fusion(store, *inc._load(store))
        assert fused == full(store), f"differs after {aid}"
    final = full(store)
    assert {d["kind"] for d in final.disputes} == {"conflicting_figures", "denial"}
    assert final.series and len(final.events) == 4


def test_export_is_identical_from_persisted_or_full(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    for doc in mixed_corpus().docs:
        put(store, doc)
    update_fusion(store)
    assert current_fusion(store, *inc._load(store)) is not None
    persisted = export_object(store)
    monkeypatch.setattr(inc, "current_fusion", lambda *a: None)
    assert export_object(store) == persisted


def test_missing_block_falls_back(store: SQLiteStore) -> None:
    for doc in mixed_corpus().docs:
        put(store, doc)
    update_fusion(store)
    store.conn.execute("DELETE FROM fusion_blocks WHERE block_id LIKE 'XS%'")
    assert current_fusion(store, *inc._load(store)) is None
    update = update_fusion(store, ["f1"])
    assert update.recomputed and current_fusion(store, *inc._load(store)) == full(store)


def test_a_follow_up_months_later_is_in_the_incidents_block(store: SQLiteStore) -> None:
    """E7f/E7g: a plea and a charge months after a shooting (other weeks, another type
    for the charge) name its victim and suspect; they share its block, so the
    persisted fusion lists the same follow-up and merge as a full fuse."""
    c = Corpus()
    names = ("Nela Voss", "Tam Orrin")
    texts = {
        "s1": "Nela Voss was shot dead by Tam Orrin in Keldor on Saturday.",
        "s2": "Police named Nela Voss, shot by Tam Orrin in Keldor on Saturday.",
        "p1": "Tam Orrin pleaded guilty on Monday to the murder of Nela Voss.",
        "c1": "Tam Orrin was charged on Monday with the murder of Nela Voss.",
    }
    days = {"s1": "2024-05-12", "s2": "2024-05-13", "p1": "2024-11-12", "c1": "2024-08-06"}
    for aid, text in texts.items():
        doc = c.article(aid, f"Outlet {aid}", days[aid], text)
        for name in names:
            doc.entity(
                "person:" + name.casefold().replace(" ", "-"),
                name,
                None,
                None,
                [name],
                type="person",
            )
        if aid == "c1":
            doc.event("was charged", type="Political", subtype="Legal action", date=days[aid])
        else:
            where = add_place(doc, "Keldor", KELDOR) if aid != "p1" else None
            doc.event(
                text.split(" ")[2],
                type="Violence against civilians",
                subtype="Attack",
                place=where,
                date="2024-05-11" if aid != "p1" else "2024-11-11",
            )
    for doc in c.docs:
        aid = put(store, doc)
        update_fusion(store, [aid])
        assert current_fusion(store, *inc._load(store)) == full(store), f"differs after {aid}"
    (shooting,) = [e for e in full(store).events if e["type"] == "Violence against civilians"]
    assert {m["article"] for m in shooting["mentions"]} == {"s1", "s2", "p1"}
    assert [f["article"] for f in shooting["follow_ups"]] == ["c1"]


def test_blocks_join_overlapping_dates_not_weeks(store: SQLiteStore) -> None:
    """Blocks join mentions whose dates overlap (E2b's night of slack included), not
    every mention of an ISO week: a Thursday strike in Keldor is its own block
    beside Monday's, a Tuesday report of the Monday strike joins it, and each
    incremental step equals a full fuse."""
    c = Corpus()
    steps = [
        killed(c, "mon", "Wire One", "12 people", 12, date="2024-03-04"),
        killed(c, "thu", "Wire Two", "3 people", 3, date="2024-03-07", published="2024-03-07"),
        killed(c, "tue", "Local Post", "12 people", 12, date="2024-03-05", published="2024-03-05"),
    ]
    from crosswire.fusion.events import read_mentions
    from crosswire.fusion.sources import origin_of

    mentions = []
    for d in c.docs:
        mentions += read_mentions(
            d.record, d.analysis, origin_of(d.record), lambda *a: (None, None)
        )
    groups = sorted(sorted({mentions[i].article for i in g}) for g in components(mentions))
    assert groups == [["mon", "tue"], ["thu"]]
    for doc in steps:
        put(store, doc)
        update_fusion(store)
        articles, analyses = inc._load(store)
        assert current_fusion(store, articles, analyses) == full(store)
    assert [e["date"] for e in full(store).events] == ["2024-03-04", "2024-03-07"]
