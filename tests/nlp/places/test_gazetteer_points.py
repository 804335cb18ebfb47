"""Curated reference points of large first-level regions (data/gazetteer_admin1_points.tsv)."""

from __future__ import annotations

import pytest

from crosswire.nlp.places.gazetteer import Gazetteer, default_gazetteer, normalize
from crosswire.nlp.places.gazetteer_core import read_tsv


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def test_every_point_names_a_region_and_lies_among_its_towns(gaz: Gazetteer) -> None:
    rows = read_tsv("gazetteer_admin1_points.tsv")
    assert len(rows) >= 30
    towns: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for p in gaz._rows:  # the compact rows: (name, lat, lon, country, admin1, kind, ...)
        if p[5] in {"city", "town"} and p[4]:
            towns.setdefault((p[3], normalize(p[4])), []).append((p[1], p[2]))
    for r in rows:
        lat, lon, cc = float(r["lat"]), float(r["lon"]), r["country"]
        region = gaz.region(cc, r["name"])
        assert region is not None, r["name"]
        # the built region carries the curated point, not the middle of its towns
        assert (region.lat, region.lon) == (lat, lon), r["name"]
        pts = towns[(cc, normalize(r["name"]))]
        # a typo (a swapped sign, a wrong row) would put it outside its towns' box
        assert min(p[0] for p in pts) <= lat <= max(p[0] for p in pts), r["name"]
        assert min(p[1] for p in pts) <= lon <= max(p[1] for p in pts), r["name"]
        assert r["source"] == "curated-approximate"
