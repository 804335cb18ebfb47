"""Place mentions: detection, filtering, disambiguation, regions and offsets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crosswire.nlp.places.document import resolve_document
from crosswire.nlp.places.mentions import PlaceMention, find_places, resolve_toponym

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "places"


def _places(nlp: Any, name: str) -> tuple[str, dict[str, PlaceMention]]:
    text = (FIXTURES / name).read_text("utf-8")
    found = find_places(nlp(text))
    for m in found:
        assert text[m.start : m.end] == m.text
    return text, {m.text: m for m in found}


def test_syrian_paragraph(nlp: Any) -> None:
    _, got = _places(nlp, "syria_north.txt")
    jisr = got["Jisr al-Shughur"]  # the model calls it a PERSON
    assert (jisr.country, jisr.kind, jisr.precision, jisr.admin1) == ("SY", "town", 1, "Idlib")
    assert abs(jisr.lat - 35.81) < 0.1 and abs(jisr.lon - 36.32) < 0.1
    assert got["Jabal al-Zawiya"].kind == "mountain"
    for region in ("Idlib province", "Hama province"):
        assert got[region].kind == "region" and got[region].precision == 3
    homs = got["Homs"]
    assert homs.offset == {"direction": "north"} and homs.precision == 2
    assert got["Lake Assad"].kind == "water"
    raqqah = got["Raqqah"]
    assert raqqah.offset == {"direction": "west", "distance_km": 50.0}
    assert raqqah.country == "SY" and raqqah.precision == 2
    maq = got["Sheikh Maqsood"]
    assert maq.kind == "neighbourhood" and maq.admin1 == "Aleppo"
    assert got["Latakia"].offset == {"relation": "near"}
    # demonyms and the bare surname are not places
    assert not {"Syrian", "Russian", "Kurdish", "Assad"} & set(got)


@pytest.mark.parametrize(
    ("fixture", "name", "country"),
    [
        ("paris_texas.txt", "Paris", "US"),
        ("paris_france.txt", "Paris", "FR"),
        ("tripoli_libya.txt", "Tripoli", "LY"),
        ("tripoli_lebanon.txt", "Tripoli", "LB"),
    ],
)
def test_ambiguous_names_follow_the_article(
    nlp: Any, fixture: str, name: str, country: str
) -> None:
    _, got = _places(nlp, fixture)
    assert got[name].country == country
    assert got[name].candidates > 1


def test_paris_texas_and_states(nlp: Any) -> None:
    _, got = _places(nlp, "paris_texas.txt")
    assert got["Paris"].admin1 == "Texas"
    assert got["Texas"].kind == "region" and got["Oklahoma"].kind == "region"


def test_assad_alone_is_not_a_place(nlp: Any) -> None:
    doc = nlp("Assad met envoys in Damascus on Monday. Bashar al-Assad said nothing more.")
    names = [m.text for m in find_places(doc)]
    assert names == ["Damascus"]


def test_offsets_in_miles_and_words(nlp: Any) -> None:
    doc = nlp("The convoy was hit five miles south of Mosul. Later, twenty km northeast of Kirkuk.")
    got = {m.text: m for m in find_places(doc)}
    assert got["Mosul"].offset == {"direction": "south", "distance_km": 8.0}
    assert got["Kirkuk"].offset == {"direction": "northeast", "distance_km": 20.0}


def test_province_of_x(nlp: Any) -> None:
    doc = nlp("Air strikes hit the province of Raqqa and the northern part of Iraq.")
    got = {m.text: m for m in find_places(doc)}
    reg = got["province of Raqqa"]
    assert reg.kind == "region" and reg.precision == 3 and reg.country == "SY"


def test_empty_and_odd_input(nlp: Any) -> None:
    assert find_places(nlp("")) == []
    assert find_places(nlp("lowercase text with no names at all.")) == []
    assert find_places(object()) == []


def test_resolve_toponym() -> None:
    paris = resolve_toponym("Paris")
    assert paris is not None and paris.country == "FR"
    tx = resolve_toponym("Paris", context_countries=["US", "US"])
    assert tx is not None and tx.country == "US"
    lb = resolve_toponym("Tripoli", context_countries=["LB"])
    assert lb is not None and lb.country == "LB"
    turkish = resolve_toponym("Turkish")
    assert turkish is not None and turkish.kind == "country" and turkish.country == "TR"
    ny = resolve_toponym("New York")
    assert ny is not None and ny.kind == "city"
    assert resolve_toponym("Xqzvplorkistan") is None


def test_resolve_document_places_names_together() -> None:
    # Alone, "Paris" is France and "Henry County" is any of ten; together they
    # are the Tennessee pair (Paris is the seat of Henry County, Tennessee).
    paris, henry = resolve_document(["Paris", "Henry County"])
    assert paris is not None and henry is not None
    assert (paris.country, paris.admin1) == ("US", "Tennessee")
    assert henry.admin1 == "Tennessee"


def test_resolve_document_same_name_is_not_its_own_context() -> None:
    # Four "Georgia"s must not make the article Georgian: the Athens-area
    # counties put it in the US state.
    names = ["Georgia", "Clarke County", "Oconee County", "Georgia", "Georgia", "Georgia"]
    found = resolve_document(names)
    assert found[0] is not None and (found[0].country, found[0].kind) == ("US", "region")
    assert found[1] is not None and found[1].admin1 == "Georgia"
    assert resolve_document([]) == []


def test_national_capital_beats_namesake_region() -> None:
    dc = resolve_toponym("Washington", context_countries=["US"])
    assert dc is not None and dc.kind == "city" and abs(dc.lat - 38.9) < 0.2
    for alias in ("D.C.", "Washington, D.C."):
        place = resolve_toponym(alias)
        assert place is not None and abs(place.lat - 38.9) < 0.3 and abs(place.lon + 77.0) < 0.3


def test_country_aliases_share_the_country_point() -> None:
    for name in ("U.S.", "US", "United States", "America"):
        place = resolve_toponym(name, context_countries=["US"])
        assert place is not None and place.kind == "country"
        assert (round(place.lat, 2), round(place.lon, 2)) == (39.76, -98.5)


def test_plural_and_regional_demonyms() -> None:
    for word, country in [("Czechs", "CZ"), ("South Ossetian", "GE"), ("Sinhalese", "LK")]:
        place = resolve_toponym(word)
        assert place is not None and place.country == country


def test_capital_beats_small_namesakes_near_the_story() -> None:
    # A US article with US places around it (without the capital's weight the
    # Pennsylvania borough near them won): a bare "Moscow" is Russia's capital.
    names = ["U.S.", "New York", "Russia", "Moscow", "Washington", "Moscow", "Baltimore"]
    found = resolve_document([*names, "Rego Park", "United States"])
    assert found[3] is not None and found[3].country == "RU" and found[3].kind == "city"


def test_bare_ocean_name_beats_a_town_in_the_focus_country() -> None:
    found = resolve_document(["United States", "Florida", "Atlantic"])
    assert found[2] is not None and found[2].kind == "sea"
    # the GeoNames point of the Atlantic Ocean
    assert abs(found[2].lat - 10.0) < 1 and abs(found[2].lon + 25.0) < 1


def test_counties_are_part_of_a_region_and_states_larger(nlp: Any) -> None:
    text = "Deputies in Laurel County, Kentucky, said the fire near London spread quickly."
    got = {m.text: m for m in find_places(nlp(text))}
    county = got["Laurel County"]
    assert county.kind == "region" and county.precision == 2  # ACLED "part of a region"
    assert got["Kentucky"].kind == "region" and got["Kentucky"].precision == 3


def test_large_states_sit_at_their_reference_point() -> None:
    # Ontario's towns crowd its south; its reference point is near the middle.
    ontario = resolve_toponym("Ontario", context_countries=["CA"])
    assert ontario is not None and ontario.kind == "region"
    assert abs(ontario.lat - 49.25) < 0.1 and abs(ontario.lon + 84.5) < 0.1


def test_us_st_louis_and_local_town_cues(nlp: Any) -> None:
    # "US" is a stop word to spaCy (case-blind "us"); a GPE entity of exactly that
    # span is the country, also before a capitalised title ("US President").
    doc = nlp("Mexico, the US, and Canada signed it. US President Donald Trump spoke.")
    us = [p for p in find_places(doc) if p.text == "US"]
    assert len(us) == 2 and {p.country for p in us} == {"US"}
    # "St." starts no capitalised run: the GPE entity is searched whole.
    doc = nlp("He studied at Washington University in St. Louis, and then left.")
    assert [(p.text, p.admin1) for p in find_places(doc) if "Louis" in p.text] == [
        ("St. Louis", "Missouri")
    ]
    # a small town the model calls an organisation, placed by the word after it
    doc = nlp("Body of Winona man found behind residence. Police said nothing else.")
    assert [p.text for p in find_places(doc)] == ["Winona"]
    # a one-letter alternate name ("D" of Detroit) is no place
    doc = nlp("Majority Whip James Clyburn, D-S.C., spoke on Monday.")
    assert all(p.text != "D" for p in find_places(doc))
    # plain "us" stays a pronoun
    assert find_places(nlp("Let us meet in Paris.")) and all(
        p.text.lower() != "us" for p in find_places(nlp("Let us meet in Paris."))
    )


def test_bare_county_names_follow_the_state_the_article_is_in() -> None:
    # A Nebraska story names its counties without "County": "Sarpy" and
    # "Hitchcock" have no town of that name in Nebraska (alone, "Hitchcock" is
    # the Texas town), so only the county reading, weighed by the article's other
    # Nebraska places, puts them in the state.
    names = ["Nebraska", "Omaha", "Platte County", "Sarpy", "Hitchcock", "Otoe", "Lincoln"]
    names += ["North Platte", "Loup City", "Sherman County"]
    found = resolve_document(names)
    for i in (3, 4, 5):
        place = found[i]
        assert place is not None and (place.country, place.admin1) == ("US", "Nebraska")
        assert place.kind == "region"
    alone = resolve_document(["Hitchcock"])[0]
    assert alone is not None and alone.admin1 != "Nebraska"


def test_a_list_of_states_is_states_not_their_namesake_towns() -> None:
    # Missouri has towns called California, Nevada and Louisiana near each
    # other; in a list of states they must not pull each other there.
    names = ["United States", "California", "Nevada", "Louisiana", "Kansas", "Texas", "Oregon"]
    found = resolve_document(names)
    for place in found[1:]:
        assert place is not None and place.kind == "region" and place.country == "US"


def test_a_small_far_namesake_is_a_street_or_area_of_the_story_s_home() -> None:
    # "Bourbon" (Street) in a New Orleans story: the village of Bourbon,
    # Missouri lies 900 km away in a state the story never names, so the name
    # is placed at the story's home, marked as a backoff.
    names = ["New Orleans", "Bourbon", "Louisiana", "New Orleans"]
    bourbon = resolve_document(names)[1]
    assert bourbon is not None and bourbon.name == "New Orleans"
    assert bourbon.source.startswith("home:")
    # named with its state, the namesake is meant
    names = ["New Orleans", "Louisiana", "Bourbon", "Missouri"]
    bourbon = resolve_document(names)[2]
    assert bourbon is not None and bourbon.admin1 == "Missouri"
    assert resolve_document(names, backoff=False)[2] == bourbon


def test_a_far_namesake_of_a_world_city_is_the_world_city() -> None:
    # a Washington story on street art: "London-based" and "London boroughs" read
    # in the story's country are a small London, Kentucky or Ohio, far from all
    # else; a name that is also a city of millions is that city, not the home
    names = ["New York", "United States", "Washington", "London", "Washington", "D.C.", "London"]
    found = resolve_document(names)
    for london in (found[3], found[6]):
        assert london is not None and london.country == "GB"
        assert not london.source.startswith("home:")
