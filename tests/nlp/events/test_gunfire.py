"""Shootings told without an attack word (issue 11; crosswire.nlp.events.gunfire).

Sentences are our own; each article has no attack verb, so only the wound,
the gun going off or the accident tells the shooting.
"""

from __future__ import annotations

from typing import Any

from tests.nlp.events.test_codebook import events_of

from crosswire.nlp.events.find import EventMention


def violent(events: list[EventMention]) -> list[EventMention]:
    kinds = {"Violence against civilians", "Battles", "Explosions/Remote violence"}
    return [e for e in events if e.type in kinds and e.status == "asserted"]


def main_of(events: list[EventMention]) -> EventMention:
    return next(e for e in events if e.role == "main")


def test_accidental_gunshot_wound_is_an_accidental_attack(nlp: Any) -> None:
    text = (
        "Marcus Reed, 15, suffered an accidental gunshot wound to the chest on Friday "
        "night in Lufkin and later died at a hospital, police said."
    )
    found = violent(events_of(nlp, text))
    assert len(found) == 1
    e = found[0]
    assert (e.type, e.subtype) == ("Violence against civilians", "Attack")
    assert e.accidental and e.role == "main"
    assert e.date == "2016-03-04"
    assert e.place is not None and e.place.name == "Lufkin"
    assert {n["what"]: n["value"] for n in e.numbers}.get("fatalities") == 1


def test_self_inflicted_wound_is_typed_as_self_harm(nlp: Any) -> None:
    text = (
        "Deputies found a 52-year-old man dead in his home in Abilene on Saturday. "
        "The coroner said he died of a self-inflicted gunshot wound."
    )
    found = violent(events_of(nlp, text))
    assert len(found) == 1
    e = main_of(found)
    assert (e.type, e.subtype) == ("Violence against civilians", "Attack")
    assert e.accidental  # the project's flag for self-inflicted and accidental shootings


def test_victims_told_one_by_one_are_one_event(nlp: Any) -> None:
    text = (
        "The medical examiner said the two brothers died of gunshot wounds, and their "
        "uncle died of a self-inflicted gunshot wound."
    )
    assert len(violent(events_of(nlp, text))) == 1


def test_a_gun_that_went_off_or_fired(nlp: Any) -> None:
    for text in (
        "The teenager was cleaning his father's rifle in Tyler when the gun went off.",
        "He slipped on the icy bank and the old shotgun discharged.",
        "Investigators learned that someone picked up the pistol and a shot was fired.",
    ):
        found = violent(events_of(nlp, text))
        assert len(found) == 1, text
        assert found[0].subtype == "Attack"


def test_hunting_accident_is_accidental(nlp: Any) -> None:
    text = "A 40-year-old man died Sunday in a hunting accident near Waco, wardens said."
    found = violent(events_of(nlp, text))
    assert len(found) == 1 and found[0].accidental
    assert found[0].trigger == "accident"


def test_shooting_death_is_the_shooting(nlp: Any) -> None:
    text = "Police are investigating the shooting death of a 19-year-old man in Odessa."
    found = violent(events_of(nlp, text))
    assert [e.trigger for e in found] == ["shooting"]


def test_no_shooting_without_a_gun(nlp: Any) -> None:
    for text in (
        "The driver suffered a head wound in the crash and was taken to a hospital.",
        "Neighbours said the fireworks went off shortly after midnight.",
        "The nurse discharged the patient from the hospital on Monday.",
        "The company called the car accident a tragedy.",
        "The burglar fired the security guard before leaving.",
    ):
        assert violent(events_of(nlp, text)) == [], text


def test_a_wound_beside_a_shooting_adds_no_event(nlp: Any) -> None:
    text = (
        "A man was shot in Midland on Tuesday. He died of a gunshot wound to the head "
        "at a hospital."
    )
    found = violent(events_of(nlp, text))
    assert all(e.trigger != "wound" for e in found)


def test_a_gun_firing_by_itself_is_no_clash(nlp: Any) -> None:
    text = "He slipped on the icy bank in Tyler and the shotgun fired into his leg."
    found = violent(events_of(nlp, text))
    assert [(e.type, e.subtype) for e in found] == [("Violence against civilians", "Attack")]


def test_opened_fire_is_the_shooting(nlp: Any) -> None:
    """ "A gunman opened fire": the act of firing tells the shooting, and the hurt
    told beside it are its victims."""
    text = (
        "Five people were injured, two critically, when a gunman opened fire at a park "
        "in Lufkin on Saturday."
    )
    found = violent(events_of(nlp, text))
    assert len(found) == 1
    e = found[0]
    assert (e.type, e.subtype, e.role) == ("Violence against civilians", "Attack", "main")
    assert {n["what"]: n["value"] for n in e.numbers}.get("wounded") == 5


def test_gunfire_that_hurt_people_is_the_shooting(nlp: Any) -> None:
    """ "Gunfire injured six people": gunfire as the subject of a harm."""
    text = (
        "Gunfire at a house party in Lufkin early Sunday injured six people. Two of them "
        "are in critical condition."
    )
    found = violent(events_of(nlp, text))
    assert len(found) == 1
    assert {n["what"]: n["value"] for n in found[0].numbers}.get("wounded") == 6
