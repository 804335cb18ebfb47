"""The document's home place: where the story's own area is."""

from __future__ import annotations

from crosswire.nlp.places.backoff import backoff
from crosswire.nlp.places.gazetteer import Place, default_gazetteer
from crosswire.nlp.places.homeplace import home_place


def _town(name: str, lat: float, lon: float, admin1: str, pop: int = 20_000) -> Place:
    return Place(name, lat, lon, "US", admin1, "town", pop, "test")


# A house-hunting story that first mentions a far city where a buyer came from,
# then the Virginia suburbs it is about.
_FAR = _town("Charleston", 38.35, -81.63, "West Virginia", 50_000)
_AREA = [
    _town("Centreville", 38.84, -77.43, "Virginia"),
    _town("Gainesville", 38.80, -77.61, "Virginia"),
    _town("Haymarket", 38.81, -77.64, "Virginia"),
]


def test_home_is_the_story_area_not_the_first_named_town() -> None:
    home = home_place([_FAR, *_AREA])
    assert home is not None and home.admin1 == "Virginia"
    # alone, the first named town stays home (ties: the first named)
    assert home_place([_FAR, _AREA[0]]) == _FAR
    # a town named more often still wins among equally surrounded ones
    assert home_place([_AREA[0], _AREA[1], _AREA[1]]) == _AREA[1]


def test_an_unknown_school_lies_in_the_story_area() -> None:
    names = ["Charleston", "Centreville", "Gainesville", "Haymarket", "Bluebonnet Middle"]
    placed = backoff(names, [_FAR, *_AREA, None], default_gazetteer())
    school = placed[-1]
    assert school is not None and school.source.startswith("home:")
    assert school.admin1 == "Virginia"
