"""Detection: datelines and names nested behind compass words."""

from __future__ import annotations

from typing import Any

from crosswire.nlp.places.mentions import find_places


def test_dateline_in_capitals_is_a_place_even_when_it_is_a_surname(nlp: Any) -> None:
    text = (
        "Couple faces drug counts. CLINTON, Iowa — A town couple was charged on "
        "Monday with selling drugs from their home, police said."
    )
    found = {p.text: p for p in find_places(nlp(text))}
    assert "CLINTON" in found
    assert (found["CLINTON"].country, found["CLINTON"].admin1) == ("US", "Iowa")


def test_dateline_with_a_bare_dash(nlp: Any) -> None:
    text = "Home hit by fire a second time. BYESVILLE -- Firefighters were called back on Friday."
    (place,) = find_places(nlp(text))
    assert place.text == "BYESVILLE" and place.admin1 == "Ohio"


def test_capitals_that_are_no_dateline_stay_out(nlp: Any) -> None:
    # an acronym mid-sentence, followed by a dash that opens an aside
    text = "Officials said the NOTE — a memo sent on Monday — reached the mayor."
    assert [p.text for p in find_places(nlp(text))] == []


def test_a_compass_word_is_not_the_place_nested_in_a_region_name(nlp: Any) -> None:
    # "Northeast Georgia" is no gazetteer entry: the nested place is Georgia
    # (the US state, as the story's Athens and Clarke County say; the home town
    # inside it says more), not the town of North East, Maryland
    text = (
        "School districts across Northeast Georgia cut jobs this spring. In Athens, "
        "Clarke County schools and Oconee County schools announced layoffs."
    )
    found = {p.text: p for p in find_places(nlp(text))}
    region = found["Northeast Georgia"]
    assert (region.country, region.admin1) == ("US", "Georgia")


def test_a_town_named_in_its_council_or_court(nlp: Any) -> None:
    # local news names small towns through their institutions; the model calls
    # the whole an organisation
    text = "On Monday the Edwardsville City Council approved the new budget."
    found = {p.text: p for p in find_places(nlp(text))}
    assert found["Edwardsville"].admin1 == "Illinois"


def test_a_feature_word_closing_a_possessive_name_is_no_town(nlp: Any) -> None:
    # Hospital, County Limerick is not where the boy was treated
    text = "The boy was treated at Alder Hey Children's Hospital in Liverpool."
    assert [p.name for p in find_places(nlp(text))] == ["Liverpool"]


def test_official_names_with_a_possessive_are_one_name(nlp: Any) -> None:
    # spaCy splits "People's": without the possessive inside the run only
    # "Korea" was left, and that is South Korea
    text = "Talks with the Democratic People's Republic of Korea resumed on Monday."
    (place,) = find_places(nlp(text))
    assert place.country == "KP" and place.text == "Democratic People's Republic of Korea"
