"""The outlet's town, read from its address, as one more name of the story."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.nlp.places.document import resolve_document
from crosswire.nlp.places.gazetteer import default_gazetteer
from crosswire.nlp.places.mentions import find_places
from crosswire.nlp.places.outlet import METRO, home_town, outlet_places


@pytest.mark.parametrize(
    ("url", "town"),
    [
        ("https://www.hulldailymail.co.uk/sport/rugby-league/story", "hull"),
        ("http://www.richmonddailynews.com/local/2019/05/01/a.html", "richmond"),
        ("lasvegassun.com", "las vegas"),  # the town's words run together
        ("https://www.thecolumbiastar.com/news", "columbia"),  # a leading "the"
        ("https://www.bangor-daily-news.com/x", "bangor"),  # hyphens dropped
        ("https://www.usatoday.com/story", None),  # "usa": too short to be a town here
        ("https://www.bbc.co.uk/news", None),
        ("https://www.nola.com/news", None),  # no title words after the town
        ("https://www.star-telegram.com/news", None),  # title words only
        ("https://www.heraldonline.com/news", None),
        ("http://localhost:8080/page", None),
        ("https://harbordaily.example/strikes", None),  # a reserved name: no outlet
        ("", None),
        (None, None),
        ("http://[::1", None),
    ],
)
def test_home_town_from_the_address(url: str | None, town: str | None) -> None:
    assert home_town(url) == town


def test_outlet_places_are_towns_in_the_home_country() -> None:
    british = outlet_places("hull", "GB")
    assert british and all(p.country == "GB" and p.kind in {"city", "town"} for p in british)
    anywhere = outlet_places("richmond", None)
    assert {p.country for p in anywhere} >= {"US", "GB"}
    assert outlet_places(None, "GB") == [] and outlet_places("hull", "NZ") == []


def test_a_big_city_paper_says_nothing_of_its_stories() -> None:
    # washingtonpost.com reports from everywhere: its town is no evidence
    assert home_town("https://www.washingtonpost.com/world/story") == "washington"
    biggest = max(p.population for p in default_gazetteer().lookup("Washington"))
    assert biggest >= METRO
    assert outlet_places("washington", "US") == []


def test_the_outlets_town_places_a_small_namesake() -> None:
    # "Berea" alone is the district of Lesotho or a town in Ohio; a Richmond,
    # Kentucky paper's Berea is the college town next door
    alone = resolve_document(["Berea", "Berea"])[0]
    assert alone is not None and alone.admin1 != "Kentucky"
    local = resolve_document(["Berea", "Berea"], home_town="richmond")
    assert len(local) == 2
    assert all(p is not None and p.admin1 == "Kentucky" for p in local)


def test_find_places_never_reports_the_outlets_town(nlp: Any) -> None:
    doc = nlp("Police in Berea are looking for a man who robbed a gas station on Tuesday night.")
    found = find_places(doc, home_town="richmond")
    assert [p.text for p in found] == ["Berea"]
    assert found[0].admin1 == "Kentucky"
