"""Datelines read from the characters: "SAN ANTONIO- ", "CITY, ST-", "CITY (KXXX) -"."""

from __future__ import annotations

from typing import Any

from crosswire.nlp.places.datelines import dateline_names
from crosswire.nlp.places.mentions import find_places


def _names(text: str) -> list[str]:
    return [text[s:e] for s, e in dateline_names(text)]


def test_the_dash_forms_of_a_dateline() -> None:
    assert _names("SAN ANTONIO- A man was shot.") == ["SAN ANTONIO"]
    assert _names("SAN ANTONIO - A man was shot.") == ["SAN ANTONIO"]
    assert _names("LAKE CHARLES -A woman was hurt.") == ["LAKE CHARLES"]
    assert _names("TYLER, Texas- Deputies said.") == ["TYLER"]
    assert _names("BATON ROUGE (WAFB)- A teen was shot.") == ["BATON ROUGE"]
    assert _names("EL PASO, Texas (KTSM) — A boy died.") == ["EL PASO"]
    assert _names("Photo: a reader\n\nFT. MYERS –The police said.") == ["FT. MYERS"]
    assert _names("WILKES-BARRE, Pa. (AP) – State police said.") == ["WILKES-BARRE"]


def test_capitals_that_are_no_dateline() -> None:
    # not opening a line; a hyphen inside a name; no dash; a label, not a town
    assert _names("Police in TYLER - the county seat - said.") == []
    assert _names("WINSTON-SALEM police said a man was shot.") == []
    assert _names("TYLER police said a man was shot.") == []
    assert _names("UPDATE - The boy has died.") == []
    assert _names("AP - A man was shot.") == []


def test_a_town_glued_to_its_hyphen_is_found_whole(nlp: Any) -> None:
    # the tokenizer makes "SAN" + "ANTONIO-": "SAN" alone was San, Mali
    text = (
        "Driver killed by passenger's gun\n\nSAN ANTONIO- A man was fatally shot early "
        "Sunday when the gun of his passenger went off, police said."
    )
    found = {p.text: p for p in find_places(nlp(text))}
    assert "SAN" not in found
    town = found["SAN ANTONIO"]
    assert (town.name, town.country, town.admin1) == ("San Antonio", "US", "Texas")
    assert text[town.start : town.end] == "SAN ANTONIO"


def test_a_town_with_its_state_glued_to_the_hyphen(nlp: Any) -> None:
    text = "CORPUS CHRISTI, Texas- A teenager was shot in the leg on Tuesday, police said."
    found = {p.text: p for p in find_places(nlp(text))}
    town = found["CORPUS CHRISTI"]
    assert (town.name, town.admin1, town.kind) == ("Corpus Christi", "Texas", "city")


def test_the_rest_of_the_text_is_searched_as_before(nlp: Any) -> None:
    text = (
        "LAKE CHARLES -A woman was wounded on Friday night on Broad Street.\n\n"
        "Deputies from Calcasieu Parish said the shooter fled toward Sulphur."
    )
    found = {p.text: p for p in find_places(nlp(text))}
    assert found["LAKE CHARLES"].admin1 == "Louisiana"
    assert "Sulphur" in found and found["Sulphur"].admin1 == "Louisiana"


def test_an_abbreviated_county_dateline_is_one_place(nlp: Any) -> None:
    # "ST" + "." + "LOUIS COUNTY": the token search found only "LOUIS COUNTY"
    text = "ST. LOUIS COUNTY, MO (KXYZ)- Two boys were found dead with their father on Saturday."
    found = {p.text: p for p in find_places(nlp(text))}
    county = found["ST. LOUIS COUNTY"]
    assert (county.name, county.admin1) == ("Saint Louis County", "Missouri")
    assert "LOUIS COUNTY" not in found
