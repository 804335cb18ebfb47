"""Incremental fusion on both backends: additions extend the stored fusion through
the index tables (migration 9) and equal a full fuse at every step."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The fusion fixture builders live next to the fusion tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fusion"))

from fusion_builders import KELDOR, MIRRAN, Corpus, Doc, add_place, norland, store_doc  # noqa: E402

from crosswire.fusion import fuse  # noqa: E402
from crosswire.fusion import incremental as inc  # noqa: E402

if TYPE_CHECKING:
    from tests.store.conftest import Backend

TEXT = "An air strike on {town} on Monday killed {n} people, Sorland said."


def report(c: Corpus, aid: str, day: str, n: int, town: Any = KELDOR) -> Doc:
    doc = c.article(aid, f"Outlet {aid}", day, TEXT.format(town=town[0], n=n))
    norland(doc)
    doc.entity("actor:sorland", "Sorland", "XS", "state", ["Sorland"], ["Sorland"], type="state")
    place = add_place(doc, town[0], town)
    q = doc.quantity(f"{n} people", n, noun="people", modifiers=("killed",))
    doc.event("air strike", place=place, date=day, numbers=(("killed", q),))
    return doc


def test_additions_extend_the_stored_fusion(backend: Backend) -> None:
    c = Corpus()
    steps = [
        [report(c, "r1", "2024-03-04", 9)],
        [report(c, "r2", "2024-03-04", 12), report(c, "r3", "2024-06-10", 2, MIRRAN)],
        [report(c, "r4", "2024-06-10", 3, MIRRAN)],
    ]
    store = backend.open()
    try:
        modes = []
        for docs in steps:
            for doc in docs:
                store_doc(store, doc)
            update = inc.update_fusion(store)
            modes.append(update.incremental)
            articles, analyses = inc._load(store)
            assert inc.current_fusion(store, articles, analyses) == fuse(articles, analyses)
        assert modes == [False, True, True]
        assert update.reused == 1 and len(update.recomputed) == 1  # March kept, June redone
        assert not inc.update_fusion(store).changed
    finally:
        store.close()


def test_a_new_name_extends_the_stored_fusion(backend: Backend) -> None:
    """A new entity whose name is the target of a fused accusation: the update
    reads that article through its name term (migration 11), links the new
    denial to it and equals a full fuse."""
    c = Corpus()
    whole = "Velm accused the Keldor Guard of shelling Mirran"
    acc = c.article("a1", "Outlet a1", "2024-03-06", whole + ".")
    norland(acc)
    acc.claim(
        whole, "of shelling Mirran", "Velm", "accusation", "actor:norland", "the Keldor Guard"
    )
    den = c.article("d1", "Outlet d1", "2024-03-08", "The Keldor Guard denied the shelling.")
    den.entity("actor:kg", "Keldor Guard", "XK", "militia", ["Keldor Guard"], ["the Keldor Guard"])
    den.claim(
        "Keldor Guard denied the shelling", "the shelling", "Keldor Guard", "denial", "actor:kg"
    )
    store = backend.open()
    try:
        modes = []
        for doc in (acc, den):
            store_doc(store, doc)
            modes.append(inc.update_fusion(store).incremental)
            articles, analyses = inc._load(store)
            fused = fuse(articles, analyses)
            assert inc.current_fusion(store, articles, analyses) == fused
        assert modes == [False, True]
        assert [d["kind"] for d in fused.disputes] == ["denial"]
    finally:
        store.close()


def test_state_rows_on_both_backends(backend: Backend) -> None:
    """Running totals and denial links are rows (migration 14): an update keeps
    them equal to a full fuse, the state document stays small, and the store
    still answers the state's series and disputes."""
    from test_increment import accusation, denial, toll

    c = Corpus()
    steps = [
        [toll(c, "t1", "2024-03-05", 470000), accusation(c, "a1", "2024-03-06")],
        [denial(c, "d1", "2024-03-07"), toll(c, "t2", "2024-03-08", 480000)],
    ]
    store = backend.open()
    try:
        modes = []
        for docs in steps:
            for doc in docs:
                store_doc(store, doc)
            modes.append(inc.update_fusion(store).incremental)
        assert modes == [False, True]
        articles, analyses = inc._load(store)
        fused = fuse(articles, analyses)
        assert inc.current_fusion(store, articles, analyses) == fused
        state = store.fusion_state()
        assert state is not None and state["series"] == fused.series
        assert [d["kind"] for d in state["disputes"]] == ["denial"]
        row = store.conn.execute("SELECT data FROM fusion_state").fetchone()
        assert len(str(row[0])) < 2000 and "series" not in json.loads(str(row[0]))
    finally:
        store.close()
