"""The places shortcuts give exactly what the plain computations give.

Each shortcut (token arrays instead of Token objects, pruned distance scans,
a regex pre-check, memoised lookups and entity bounds) is checked against the
straightforward version it replaced.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from crosswire.nlp.core import doccache as doccache
from crosswire.nlp.places import filters as place_filters
from crosswire.nlp.places.designate import (
    _NEAR_RE,
    _OFFSET_RE,
    _PART_RE,
    _REGION_BEFORE_RE,
    RawMention,
    designate,
)
from crosswire.nlp.places.gazetteer import Gazetteer, Place, default_gazetteer, haversine_km
from crosswire.nlp.places.mentions import find_places
from crosswire.nlp.places.resolve import nearness
from crosswire.nlp.places.spans import CONNECTORS, Tokens, runs

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "places"


def _runs_plain(doc: Any) -> list[tuple[int, int]]:
    """The capitalised-run search as it was written against Token objects."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.text[:1].isupper() and tok.is_alpha or tok.text[:1].isupper() and "'" in tok.text:
            j = i + 1
            while j < n:
                t = doc[j]
                if t.text[:1].isupper() and (t.is_alpha or "'" in t.text or "’" in t.text):
                    j += 1
                    continue
                if t.lower_ in CONNECTORS and j + 1 < n:
                    k = j
                    while k < n and doc[k].lower_ in CONNECTORS:
                        k += 1
                    if k < n and doc[k].text[:1].isupper() and doc[k].is_alpha:
                        j = k
                        continue
                break
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


ODD_TEXT = (
    "Fighters in Jisr al-Shughur and the Gulf of Aden, O'Hare and Côte d’Ivoire, "
    "ʻAbd al-Kuri, ÉTAT Islamique; Deir ez-Zor -- of the  Bay of Bengal\n\nThe End Of"
)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_token_arrays_and_runs_match_token_objects(nlp: Any, name: str) -> None:
    text = (FIXTURES / name).read_text("utf-8")[:4000]
    for doc in (nlp(text), nlp(ODD_TEXT)):
        toks = Tokens.of(doc)
        assert toks.texts == [t.text for t in doc]
        assert toks.lowers == [t.lower_ for t in doc]
        assert toks.alpha == [t.is_alpha for t in doc]
        assert toks.idx == [t.idx for t in doc]
        assert runs(doc) == _runs_plain(doc)
        # a window's text is the slice between its first and last token
        for a, b in runs(doc):
            span = doc[a:b]
            assert doc.text[toks.idx[a] : toks.idx[b - 1] + len(toks.texts[b - 1])] == span.text


def _place(lat: float, lon: float, kind: str = "town") -> Place:
    return Place("x", lat, lon, "SY", "", kind, 1000, "test")


def testnearness_equals_thresholding_the_minimum_distance() -> None:
    rng = random.Random(7)
    checked = 0
    for _ in range(3000):
        lat, lon = rng.uniform(-80, 80), rng.uniform(-180, 180)
        # anchors around the place, many near the 150 and 400 km edges
        anchors = [
            _place(lat + rng.uniform(-5, 5), lon + rng.uniform(-5, 5))
            for _ in range(rng.randint(1, 6))
        ]
        anchors += [_place(lat + d / 111.19492664455873, lon) for d in (149.99, 400.0, 401.0)][
            : rng.randint(0, 3)
        ]
        p = _place(lat, lon)
        near = min(haversine_km(p.lat, p.lon, a.lat, a.lon) for a in anchors)
        expected = 2.0 if near < 150 else 1.0 if near < 400 else 0.0
        assert nearness(p, anchors) == expected
        checked += expected > 0
    assert checked > 300  # the cases that matter were exercised


BEFORE = [
    "fighting 10 km north of ",
    "shelling five miles south-east of the town of ",
    "clashes 12 kilometres (7.5 miles) to the west of ",
    "the strike hit northern ",
    "troops gathered near the city of ",
    "in the province of ",
    "fell on the outskirts of ",
    "said on Tuesday that the strikes killed 12 people in ",
    "the Northern Alliance met in ",
    "lines north-west ",
    "Nord- und Ostteil von ",
    "à 10 km au nord de ",
    "30 KM NORTH OF ",
    "ſouth of ",  # long s: IGNORECASE matches it to "s", str.lower() does not
    "10 km \u212aorth",
    "",
]


@pytest.mark.parametrize("before", BEFORE)
def test_designate_precheck_changes_nothing(before: str) -> None:
    text = before + "Homs and beyond"
    raw = RawMention(len(before), len(before) + 4, "Homs", "GPE", [])
    designate(raw, text, default_gazetteer())
    # the same decisions taken with every pattern searched
    expected: dict[str, Any] | None = None
    if _REGION_BEFORE_RE.search(before) is not None:
        assert raw.region_mode
        return
    if (m := _OFFSET_RE.search(before)) is not None:
        assert raw.offset is not None and raw.offset["direction"] == m.group("dir").lower().replace(
            " ", ""
        ).replace("-", "")
        return
    if _NEAR_RE.search(before):
        expected = {"relation": "near"}
    elif (m := _PART_RE.search(before)) is not None:
        expected = {"part": m.group("dir").lower().replace(" ", "").replace("-", "")}
    assert raw.offset == expected


def test_lookup_memo_returns_fresh_equal_lists() -> None:
    gaz = default_gazetteer()
    first = gaz.lookup("Tripoli")
    first.append(first[0])  # a caller changing its list must not change the memo
    again = gaz.lookup("Tripoli")
    assert len(again) == len(first) - 1 and again == gaz._lookup("Tripoli", True)
    assert gaz.lookup("Nowhereville Xq") == [] == gaz.lookup("Nowhereville Xq")
    assert gaz.lookup("Raqqa", loose=False) == gaz._lookup("Raqqa", False)


def test_lookup_with_an_imported_table_is_not_memoised(tmp_path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(tmp_path / "g.db")
    conn.executescript(
        "CREATE TABLE gazetteer (geonameid INTEGER, name TEXT, lat REAL, lon REAL, country TEXT,"
        " admin1 TEXT, feature_class TEXT, feature_code TEXT, population INTEGER);"
        "CREATE TABLE gazetteer_names (key TEXT, geonameid INTEGER);"
    )
    gaz = Gazetteer(conn)
    assert gaz.lookup("Qwertyton") == []
    conn.execute("INSERT INTO gazetteer VALUES (1, 'Qwertyton', 1.0, 2.0, 'SY', '', 'P', 'PPL', 5)")
    conn.execute("INSERT INTO gazetteer_names VALUES ('qwertyton', 1)")
    assert [p.name for p in gaz.lookup("Qwertyton")] == ["Qwertyton"]


def test_entity_memo_follows_changed_entities(nlp: Any) -> None:
    doc = nlp("Meridian Press Agency said Abu Maria left Homs.")
    span = doc[0:1]
    assert place_filters.inside_longer_name(doc, span)
    doc.ents = []
    doccache.forget(doc)
    assert not place_filters.inside_longer_name(doc, span)
    assert not place_filters.actor_alias_part(doc, span)


def test_find_places_is_stable_across_repeated_runs(nlp: Any) -> None:
    # the second run reads the memos the first one filled
    doc = nlp((FIXTURES / "syria_north.txt").read_text("utf-8"))
    first = find_places(doc)
    doccache.forget()
    assert find_places(nlp(doc.text)) == first
