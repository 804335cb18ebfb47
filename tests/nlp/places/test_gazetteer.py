"""Gazetteer: normalization, packaged lookups, the curated supplement, sqlite import."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crosswire.nlp.places.gazetteer import (
    Gazetteer,
    default_gazetteer,
    haversine_km,
    loose_key,
    normalize,
)
from crosswire.nlp.places.geonames_import import import_geonames

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "places"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jisr al-Shughur", "Jisr ash-Shughur"),
        ("Deir ez-Zor", "Deir Zor"),
        ("Ma'arrat al-Nu'man", "Maarrat Numan"),
        ("the Hague", "Hague"),
        ("Ḩalab", "halab"),
        ("São Paulo", "sao paulo"),
    ],
)
def test_normalize_joins_spelling_variants(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


def test_loose_key_forgives_transliteration() -> None:
    assert loose_key(normalize("Raqqah")) == loose_key(normalize("Raqa"))
    assert normalize("Assad") != normalize("Lake Assad")


def test_haversine_known_distance() -> None:
    # Damascus to Aleppo is about 310 km as the crow flies.
    assert 290 < haversine_km(33.51, 36.29, 36.20, 37.16) < 330


def test_packaged_sources_are_merged(gaz: Gazetteer) -> None:
    assert len(gaz) > 200_000
    syria = gaz.country("SY")
    assert syria is not None and syria.kind == "country" and syria.name == "Syria"
    aleppo = max(gaz.lookup("Aleppo"), key=lambda p: p.population)
    assert aleppo.country == "SY" and aleppo.kind == "city" and aleppo.admin1 == "Aleppo"
    texas = [p for p in gaz.lookup("Texas") if p.kind == "region"]
    assert texas and texas[0].country == "US"
    assert any(p.kind == "continent" for p in gaz.lookup("Africa"))


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Jisr al-Shughur", "town", "SY"),
        ("Jabal al-Zawiya", "mountain", "SY"),
        ("Sheikh Maqsood", "neighbourhood", "SY"),
        ("Lake Assad", "water", "SY"),
        ("Caspian Sea", "sea", ""),
        ("Idlib province", "region", "SY"),
        ("Donetsk Oblast", "region", "UA"),
    ],
)
def test_supplement_rows(gaz: Gazetteer, name: str, kind: str, country: str) -> None:
    found = [p for p in gaz.lookup(name) if p.kind == kind]
    assert found, name
    assert found[0].country == country


def test_aliases_and_demonyms(gaz: Gazetteer) -> None:
    assert {p.name for p in gaz.lookup("W.Va.")} == {"West Virginia"}
    assert gaz.lookup("Ga.")[0].country == "US"
    assert gaz.demonym_country("Syrian") == "SY"
    assert gaz.demonym_country("Kurdish") == ""
    assert gaz.demonym_country("Aleppo") is None
    place = gaz.demonym_place("European")
    assert place is not None and place.kind == "continent"


def test_unknown_and_empty_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("") == []
    assert gaz.lookup("Xqzvplorkistan") == []


def test_import_geonames_and_lookup(gaz: Gazetteer, caplog: pytest.LogCaptureFixture) -> None:
    conn = sqlite3.connect(":memory:")
    n = import_geonames(FIXTURES / "geonames_sample.txt", conn)
    assert n == 12  # two malformed lines skipped, with reasons logged
    assert any("W320" in r.message for r in caplog.records)
    assert any("W321" in r.message for r in caplog.records)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(gazetteer)")]
    assert cols == [
        "geonameid",
        "name",
        "asciiname",
        "alternatenames",
        "lat",
        "lon",
        "feature_class",
        "feature_code",
        "country",
        "admin1",
        "population",
    ]
    with_db = Gazetteer(conn=conn)
    fat = with_db.lookup("Fatisah")
    assert [p.geonameid for p in fat] == [9900007] and fat[0].source == "geonames-sqlite"
    from_db = [p for p in with_db.lookup("Kafranbel") if p.source == "geonames-sqlite"]
    assert [p.name for p in from_db] == ["Kafr Nabl"]
    assert with_db.lookup("Zarzar Lake")[0].kind == "water"
    assert with_db.lookup("Mayadin Quarter")[0].kind == "neighbourhood"
    # the default gazetteer has no sqlite table
    assert all(p.source != "geonames-sqlite" for p in gaz.lookup("Fatisah"))
    # re-import replaces rather than duplicates
    assert import_geonames(FIXTURES / "geonames_sample.txt", conn) == 12
    assert conn.execute("SELECT COUNT(*) FROM gazetteer").fetchone()[0] == 12


def test_import_missing_file_returns_zero(tmp_path: Path) -> None:
    conn = sqlite3.connect(":memory:")
    assert import_geonames(tmp_path / "nope.txt", conn) == 0
