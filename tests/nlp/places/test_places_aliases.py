"""Ordinary tokens that are gazetteer alternate names stay out (issue #13):
month and weekday abbreviations, compass codes, state postal codes after a
comma and generic words ("Metro", "University")."""

from __future__ import annotations

from typing import Any

from crosswire.nlp.places.aliases import ordinary_part
from crosswire.nlp.places.mentions import find_places


def _countries(nlp: Any, text: str) -> dict[str, str]:
    return {p.text: p.country for p in find_places(nlp(text))}


def test_a_month_abbreviation_is_a_date_not_dschang(nlp: Any) -> None:
    text = "The teenager was shot on Jan. 5 outside a store in Chicago, police said."
    assert _countries(nlp, text) == {"Chicago": "US"}


def test_a_month_abbreviation_in_capitals_before_a_day(nlp: Any) -> None:
    text = "JAN 12 -- A man was wounded by gunfire in Toledo, Ohio, late Sunday."
    assert all(c == "US" for c in _countries(nlp, text).values())
    assert "JAN" not in _countries(nlp, text)


def test_a_street_quadrant_is_no_town(nlp: Any) -> None:
    text = "Officers found the victim near 14th Street SE in Washington on Monday night."
    found = _countries(nlp, text)
    assert "SE" not in found
    assert all(c == "US" for c in found.values())


def test_a_state_postal_code_after_a_comma_is_the_state(nlp: Any) -> None:
    text = "A woman was killed in Florissant, MO after an argument, police said."
    found = {p.text: p for p in find_places(nlp(text))}
    assert found["Florissant"].admin1 == "Missouri"
    assert (found["MO"].name, found["MO"].kind, found["MO"].country) == ("Missouri", "region", "US")


def test_the_metro_and_the_university_are_no_towns(nlp: Any) -> None:
    text = (
        "He rode the Metro home after class. Students at the University said the "
        "gunman fled toward Tampa."
    )
    assert _countries(nlp, text) == {"Tampa": "US"}


def test_a_town_named_like_a_common_word_stays_when_written_as_a_place(nlp: Any) -> None:
    text = "She grew up in Metro, a city in Lampung province on Sumatra."
    found = {p.text: p for p in find_places(nlp(text))}
    assert found["Metro"].country == "ID"


def test_ordinary_parts_of_unplaced_names() -> None:
    assert ordinary_part("SE") and ordinary_part("N.W.") and ordinary_part("Jan.")
    assert not ordinary_part("Se") and not ordinary_part("Tampa")


def test_a_time_zone_is_no_town(nlp: Any) -> None:
    text = "Posted: Saturday, December 27, 2014 12:48 PM EST. A boy was shot in Dayton, Ohio."
    found = _countries(nlp, text)
    assert "EST" not in found
    assert found["Dayton"] == "US"


def test_a_headline_word_the_story_writes_in_lower_case_is_no_town(nlp: Any) -> None:
    # "Shot" is an alternate spelling of an Iranian village; the story says "shot"
    text = (
        "Toddler Shot, Killed In Waco Home. A two-year-old boy was shot at his "
        "home in Waco, Texas, on Sunday, police said."
    )
    found = _countries(nlp, text)
    assert "Shot" not in found
    assert found["Waco"] == "US"


def test_a_town_named_like_a_common_word_in_a_place_slot_stays(nlp: Any) -> None:
    # "mobile home" lower case does not turn Mobile, Alabama into a common word
    text = "A man was shot outside a mobile home in Mobile, Alabama, on Friday."
    found = {p.text: p for p in find_places(nlp(text))}
    assert found["Mobile"].admin1 == "Alabama"
