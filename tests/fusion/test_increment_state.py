"""The persisted fusion's corpus-wide state as rows (migration 14): an update reads
and writes the running totals and denials it touches, extends the fingerprint
of appended articles, and still equals a full fuse; the denial rule reads a
denial's own date window."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest
from fusion_builders import MIRRAN, Corpus
from test_increment import accusation, denial, same_as_full, store_doc, strike, toll

from crosswire.fusion.denials import ClaimFacts, Rules, answer_score, best_answers
from crosswire.fusion.increment_state import StateRows
from crosswire.fusion.increment_store import FusionIndex
from crosswire.fusion.incremental import update_fusion
from crosswire.fusion.records import DisputeSide
from crosswire.store import SQLiteStore


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "cw.db")


def spy_writes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """Record the running-total groups and denial links every update writes."""
    seen: dict[str, list[Any]] = {"series": [], "denials": []}
    series, denials = StateRows.write_series, StateRows.write_denials

    def write_series(self: StateRows, groups: Any, ranks: Any, changed: Any, done: Any) -> None:
        seen["series"].append(sorted(set(changed) | set(done), key=str))
        series(self, groups, ranks, changed, done)

    def write_denials(self: StateRows, links: Any, gone: Any) -> None:
        seen["denials"].append(sorted(set(links) | set(gone)))
        denials(self, links, gone)

    monkeypatch.setattr(StateRows, "write_series", write_series)
    monkeypatch.setattr(StateRows, "write_denials", write_denials)
    return seen


def test_an_update_writes_only_the_state_rows_it_touches(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = Corpus()
    for doc in (
        toll(c, "t1", "2024-03-05", 470000),
        accusation(c, "a1", "2024-03-06"),
        denial(c, "d1", "2024-03-07"),
    ):
        store_doc(store, doc)
    assert not update_fusion(store).incremental
    seen = spy_writes(monkeypatch)
    # A strike elsewhere: no running total, no claim.
    store_doc(store, strike(c, "s1", "2024-05-20", 3, MIRRAN))
    assert update_fusion(store).incremental and same_as_full(store)
    assert seen == {"series": [[]], "denials": [[]]}
    # A new point of the death toll (no subject: it folds into the theatre's
    # series): its group and the theatre's are the only rows written.
    store_doc(store, toll(c, "t2", "2024-03-09", 480000))
    assert update_fusion(store).incremental and same_as_full(store)
    assert set(seen["series"][-1]) == {("dead", None), ("dead", "XN")}
    assert seen["denials"][-1] == []
    # A second denial links to the stored accusation: one denial row written.
    store_doc(store, denial(c, "d2", "2024-03-10"))
    assert update_fusion(store).incremental and same_as_full(store)
    assert seen["series"][-1] == [] and len(seen["denials"][-1]) == 1
    # The state document keeps only the small corpus-wide facts.
    row = store.conn.execute("SELECT data FROM fusion_state WHERE name = 'state'").fetchone()
    document = json.loads(row[0])
    assert set(document) == {"version", "code", "fingerprint", "blocks", "towns", "stop_words"}
    state = store.fusion_state()
    assert state is not None and state["series"] and len(state["disputes"]) == 2


def test_appended_articles_extend_the_fingerprint(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles added after every fused one never read every fused article's
    digest; the extended fingerprint is the one a full read computes."""
    c = Corpus()
    store_doc(store, strike(c, "s1", "2024-03-04", 9))
    update_fusion(store)
    reads: list[int] = []
    original = FusionIndex.digests

    def digests(self: FusionIndex) -> list[tuple[str, int, str]]:
        reads.append(1)
        return original(self)

    monkeypatch.setattr(FusionIndex, "digests", digests)
    for aid, day in (("s2", "2024-03-05"), ("s3", "2024-04-10")):
        store_doc(store, strike(c, aid, day, 4))
        assert update_fusion(store).incremental and same_as_full(store)
    assert reads == []


def _claim(n: int, rng: random.Random, kind: str) -> ClaimFacts:
    day = None if rng.random() < 0.15 else dt.date(2024, 1, 1) + dt.timedelta(rng.randrange(90))
    side = DisputeSide(f"speaker {n}", f"claim:{n}", f"art{n % 7}", 0, 5, "text")
    return ClaimFacts(
        id=f"claim:{n}",
        article=f"art{n % 7}",
        pos=(n % 7, n),
        kind=kind,
        published=day,
        claimant=f"speaker {n % 5}",
        side=side,
        stems=frozenset(rng.sample(["shell", "hit", "depot", "school", "fuel", "bridge"], 3)),
        speakers=frozenset({f"actor:{n % 5}"}),
        speaker_countries=frozenset({"X" + "ABCDE"[n % 5]}),
        accused=frozenset({f"actor:{(n + 1) % 5}"}),
        accused_countries=frozenset(),
    )


def test_best_answers_reads_the_window_and_equals_every_pair() -> None:
    """Reading a dated denial's window per stem finds what scoring every answer
    sharing a stem finds (undated claims on either side included)."""
    rng = random.Random(5)
    denials = [_claim(n, rng, "denial") for n in range(60)]
    answers = [_claim(n, rng, "accusation") for n in range(60, 200)]
    rules = Rules.read()
    expected = {}
    for d in denials:
        best = None
        for a in sorted(answers, key=lambda x: x.pos):
            scored = answer_score(d, a, rules) if d.stems & a.stems else None
            if scored is not None and (best is None or scored[0] > best[0]):
                best = scored[0], a, scored[1]
        if best is not None:
            expected[d.id] = best
    found = best_answers(denials, answers)
    assert found == expected and len(found) > 10
