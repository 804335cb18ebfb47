"""Clustering and figure disputes stay near-linear without changing results.

The candidate index (``crosswire.fusion.candidates``) may only skip events the
rules would reject anyway: clustering with it must equal clustering that
scores every event of the block. Same-day figures collapse by range.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import random
from typing import Any

import pytest
from fusion_builders import KELDOR, Corpus, add_place, norland

from crosswire.fusion import candidates as cand
from crosswire.fusion import events as ev
from crosswire.fusion.config import settings
from crosswire.fusion.events import cluster, mention_range
from crosswire.fusion.records import Mention, Place

TYPES = [
    ("attack", "air strike"),
    ("attack", "shelling"),
    ("protest", None),
    ("battle", "armed clash"),
]


class _ScoreEverything(cand.CandidateIndex):
    """The reference: every event filed under the mention's type keys, in entry order."""

    def candidates(self, m: Mention, type_keys: list[str]) -> list[int]:
        order: dict[int, tuple[int, int]] = {}
        for n, k in enumerate(type_keys):
            for cid, pos in self.position.get(k, {}).items():
                if cid not in order or (n, pos) < order[cid]:
                    order[cid] = (n, pos)
        return sorted(order, key=order.__getitem__)


def _mentions(n: int, seed: int) -> list[Mention]:
    """Random mentions over 60 days, 40 towns in two regions, some undated or coarse."""
    rng = random.Random(seed)
    towns = [
        {
            "name": f"Town{k}",
            "lat": 35 + (k % 8) * 0.15,
            "lon": 38 + (k // 8) * 0.15,
            "country": "XN",
            "admin1": "Upper" if k < 20 else "Lower",
            "kind": "town",
            "precision": 1,
        }
        for k in range(40)
    ]
    region = {"name": "Upper", "country": "XN", "kind": "region", "precision": 3}
    start = dt.date(2024, 3, 1)
    out = []
    for i in range(n):
        day = start + dt.timedelta(days=rng.randrange(60))
        roll = rng.random()
        date = (
            None
            if roll < 0.2
            else f"{day:%Y-%m}"
            if roll < 0.3
            else f"{day:%G}-W{day:%V}"
            if roll < 0.35
            else day.isoformat()
        )
        published = None if rng.random() < 0.05 else day + dt.timedelta(days=rng.randrange(3))
        lo, hi, precision = mention_range(date, published)
        kind, sub = rng.choice(TYPES)
        place = None if rng.random() < 0.1 else region if rng.random() < 0.1 else rng.choice(towns)
        actors = frozenset(rng.sample(["actor:a", "actor:b", "actor:c"], rng.randrange(2)))
        out.append(
            Mention(
                article=f"art{i // 3}",
                outlet=None,
                published=published,
                origin=f"fam{i // 7}",
                version=1,
                index=i % 3,
                start=i,
                end=i + 1,
                type=kind,
                subtype=sub,
                date=date if precision != "unknown" else None,
                precision=precision,
                lo=lo,
                hi=hi,
                place=Place.from_json(place) if place is not None else None,
                actors=actors,
                targets=frozenset(),
                numbers=[],
                claimant=None,
                claim=None,
            )
        )
    return out


def _shape(clusters: list[ev.Cluster]) -> list[list[int]]:
    return [[m.start for m in c.mentions] for c in clusters]


@pytest.mark.parametrize("tolerance", [0, 3])
def test_candidate_index_gives_the_same_clusters_as_scoring_everything(
    monkeypatch: pytest.MonkeyPatch, tolerance: int
) -> None:
    tuned = copy.deepcopy(settings())
    for k in tuned["date_window_days"]:
        if not k.startswith("_"):
            tuned["date_window_days"][k] = tolerance
    monkeypatch.setattr(ev, "settings", lambda: tuned)
    countries = {"actor:a": "XN", "actor:b": "XN", "actor:c": "XS"}
    for seed in range(3):
        mentions = _mentions(400, seed)
        fast = cluster(mentions, countries)
        with monkeypatch.context() as patch:
            patch.setattr(ev, "CandidateIndex", _ScoreEverything)
            slow = cluster(mentions, countries)
        assert _shape(fast) == _shape(slow)
        assert 30 < len(fast) < 400  # the corpus really merges and really splits


def test_candidate_cap_keeps_the_most_linked_events(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(cand, "MAX_CANDIDATES", 2)
    corpus = Corpus()
    # Four strikes in Keldor on one day by four unrelated actors: four events.
    for k in range(4):
        doc = corpus.article(
            f"a{k}", f"Outlet {k}", "2024-03-05", f"Group{k} fighters struck Keldor on Monday."
        )
        doc.entity(f"actor:g{k}", f"Group{k}", None, "rebels", [f"Group{k}"])
        doc.event("struck", actors=(f"actor:g{k}",), place=add_place(doc, "Keldor", KELDOR))
    late = corpus.article("a9", "Late Post", "2024-03-05", "Group3 fighters struck Keldor.")
    late.entity("actor:g3", "Group3", None, "rebels", ["Group3"])
    late.event("struck", actors=("actor:g3",), place=add_place(late, "Keldor", KELDOR))
    with caplog.at_level(logging.WARNING, logger="crosswire.fusion.candidates"):
        fusion = corpus.fuse()
    assert "F202" in caplog.text
    # Group3's event shares two link keys (place and actor) with the late report,
    # the others one: the cap keeps it, so the report still joins it.
    assert len(fusion.events) == 4
    (joined,) = [e for e in fusion.events if len(e["mentions"]) == 2]
    assert {m["article"] for m in joined["mentions"]} == {"a3", "a9"}


def _killed(corpus: Corpus, aid: str, n: int, published: str = "2024-03-05") -> Any:
    text = f"Norlandic jets struck Keldor on Monday, killing {n} people, residents said."
    doc = corpus.article(aid, f"Outlet {aid}", published, text)
    norland(doc)
    q = doc.quantity(f"{n} people", n)
    doc.event(
        "struck",
        actors=("actor:norland",),
        place=add_place(doc, "Keldor", KELDOR),
        date="2024-03-04",
        numbers=(("killed", q),),
    )
    return doc


def test_many_reports_of_two_figures_are_one_dispute(corpus: Corpus) -> None:
    for k in range(30):
        _killed(corpus, f"a{k:02d}", 12 if k % 2 else 30)
    fusion = corpus.fuse()
    (event,) = fusion.events
    assert len(event["numbers"][0]["sources"]) == 30  # every report stays a source
    (dispute,) = fusion.disputes
    assert {s["text"] for s in dispute["sides"]} == {"12 people", "30 people"}
    assert {s["article"] for s in dispute["sides"]} == {"a00", "a01"}  # first of each figure


def test_many_distinct_figures_are_set_against_the_extremes(corpus: Corpus) -> None:
    for k in range(20):
        _killed(corpus, f"a{k:02d}", 10 + k)
    fusion = corpus.fuse()
    pairs = {tuple(sorted(s["text"] for s in d["sides"])) for d in fusion.disputes}
    # 20 figures: 190 pairs before; now each against 10 and 29 only (37 pairs).
    assert len(fusion.disputes) == 37
    assert ("10 people", "29 people") in pairs
    assert ("15 people", "16 people") not in pairs
