"""The outlet's home country as a weak prior for ambiguous place names."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.nlp.places.document import resolve_document
from crosswire.nlp.places.home import home_country
from crosswire.nlp.places.mentions import find_places


@pytest.mark.parametrize(
    ("url", "country"),
    [
        ("https://www.bbc.co.uk/news/uk-england-london-1", "GB"),
        ("http://www.independent.ie/irish-news/", "IE"),
        ("https://www.smh.com.au/national/nsw/story.html", "AU"),
        ("theglobeandmail.ca", "CA"),
        ("http://www.nola.com/crime/2018/01/story.html", None),  # .com: anywhere
        ("https://example.tv/clip", None),  # a country code sold as a generic name
        ("http://localhost:8080/page", None),
        ("", None),
        (None, None),
        ("http://[::1", None),  # unparseable
    ],
)
def test_home_country_from_the_address(url: str | None, country: str | None) -> None:
    assert home_country(url) == country


def test_home_country_settles_a_name_the_text_leaves_open(nlp: Any) -> None:
    doc = nlp("Flooding closed the main road into Richmond on Tuesday, police said.")
    (alone,) = find_places(doc)
    assert alone.country == "US"  # the biggest Richmond, in Virginia
    for home in ("GB", "AU", "CA"):
        (place,) = find_places(doc, home_country=home)
        assert place.country == home and place.text == "Richmond"


def test_home_country_does_not_override_the_text(nlp: Any) -> None:
    # the article names the state: a British outlet's report stays in Virginia
    doc = nlp("Flooding closed the main road into Richmond, Virginia, on Tuesday.")
    found = {p.text: p for p in find_places(doc, home_country="GB")}
    assert found["Richmond"].country == "US" and found["Richmond"].admin1 == "Virginia"
    names = ["Richmond", "Henrico County", "Virginia"]
    richmond = resolve_document(names, home_country="GB")[0]
    assert richmond is not None and richmond.admin1 == "Virginia"
    british = resolve_document(["Richmond"], home_country="GB")[0]
    assert british is not None and british.country == "GB"
