"""Detection: people's names, call signs, acronyms and form labels are no places
(issue #13). Local news names its people by names that are also places
("Jordan", "Mendoza", "Tyre"); each such false place can drive an event's place."""

from __future__ import annotations

from typing import Any

from crosswire.nlp.places.mentions import find_places


def _texts(nlp: Any, text: str) -> list[str]:
    return [p.text for p in find_places(nlp(text))]


def test_a_surname_of_a_person_named_in_full_is_no_place(nlp: Any) -> None:
    # the NER calls the bare "Maldonado" a GPE (Maldonado, Uruguay)
    text = (
        "Maria Maldonado, 31, was charged in Yonkers. Anyone with information "
        "on Maldonado is asked to call police."
    )
    assert _texts(nlp, text) == ["Yonkers"]


def test_a_given_name_of_a_person_named_in_full_is_no_place(nlp: Any) -> None:
    text = (
        "Tyre Hollins, 13, was shot on Elm Street in Dayton on Tuesday night. "
        "Tyre died at a hospital hours later, police said."
    )
    found = _texts(nlp, text)
    assert "Tyre" not in found
    assert "Dayton" in found


def test_a_given_name_and_surname_described_as_a_person_is_no_country(nlp: Any) -> None:
    # "Jordan" is a country, and prominent: it would open an organisation
    # ("Jordan Valley Authority"); an age after the pair makes it a person
    text = "Jordan Pickett, 19, and a friend were wounded near a gas station in Akron."
    assert _texts(nlp, text) == ["Akron"]


def test_a_speaker_named_by_a_country_and_a_surname_is_a_person(nlp: Any) -> None:
    text = (
        '"We heard four shots," said Chad Whitlock, who lives next door in Toledo. '
        '"Chad is a good neighbor," his wife said.'
    )
    found = _texts(nlp, text)
    assert "Chad" not in found
    assert "Toledo" in found


def test_a_town_stays_a_place_beside_a_person_of_that_name(nlp: Any) -> None:
    # the article names a Gary Nelson, but "in Gary" and "Gary police" are the town
    text = (
        "Gary Nelson, 52, was shot outside a bar in Gary, Ind., on Sunday. "
        "Gary police said the shooter fled in a car."
    )
    found = {p.start: p for p in find_places(nlp(text))}
    towns = [p for p in found.values() if p.text == "Gary"]
    assert len(towns) == 2
    assert all(p.admin1 == "Indiana" for p in towns)
    assert text.index("Gary") not in found


def test_a_country_said_by_its_capital_stays_a_place(nlp: Any) -> None:
    # one name word as a speaker is no person: "Tbilisi says" is Georgia's government
    text = "Tbilisi says the separatists fired first, and Moscow denies it."
    assert _texts(nlp, text) == ["Tbilisi", "Moscow"]


def test_a_team_named_after_its_city_is_no_person(nlp: Any) -> None:
    # "Dallas" is a given name too, but "the Dallas Cowboys" is no person
    text = "The match will be played at the Dallas Cowboys' stadium in Arlington in July."
    found = _texts(nlp, text)
    assert "the Dallas" in found and "Arlington" in found


def test_an_institution_named_after_a_state_is_no_person(nlp: Any) -> None:
    text = "An autopsy by the Georgia Bureau of Investigation was ordered in Macon."
    found = _texts(nlp, text)
    assert "Georgia" in found and "Macon" in found


def test_call_signs_and_acronyms_are_no_places(nlp: Any) -> None:
    # KSL ~ Kassala, WAVE ~ Wavre, SUV ~ Suva by loose spelling or alias
    text = (
        "KSL learned the suspect drove a red SUV to Provo. WAVE 3 News reported "
        "that the car was found in Orem on Monday."
    )
    assert _texts(nlp, text) == ["Provo", "Orem"]


def test_a_place_written_in_capitals_stays_a_place(nlp: Any) -> None:
    text = "MIAMI (WSVN) -- A teenager was shot outside a store in Hialeah on Friday."
    found = find_places(nlp(text))
    assert [p.text for p in found] == ["MIAMI", "Hialeah"]
    assert found[0].admin1 == "Florida"


def test_form_labels_and_a_persons_fields_are_no_places(nlp: Any) -> None:
    # Date, Japan; Male, Maldives
    text = (
        "Incident report\n"
        "Date: 10-04-2016\n"
        "Location: 400 block of Main Street, Baton Rouge\n"
        "Victim: Darnell Price\n"
        "Sex \u2013 Male\n"
        "Race \u2013 Black\n"
    )
    found = _texts(nlp, text)
    assert "Date" not in found and "Male" not in found
    assert "Baton Rouge" in found


def test_a_town_opening_a_street_name_is_the_street(nlp: Any) -> None:
    # Chesapeake, Virginia is not where a Tallahassee shooting happened
    text = (
        "Police in Tallahassee said the boy was found outside the Chesapeake Place "
        "apartments on Sunday. Officers closed Durango Drive for hours."
    )
    found = find_places(nlp(text))
    assert all(p.name not in {"Chesapeake", "Victoria de Durango"} for p in found)
    assert found[0].text == "Tallahassee"


def test_a_common_word_that_is_a_far_alternate_name_is_no_place(nlp: Any) -> None:
    # GeoNames lists "Drug" as an alternate name of Durg, India
    text = "Drug paraphernalia was found in the car, Fresno police said."
    assert _texts(nlp, text) == ["Fresno"]
