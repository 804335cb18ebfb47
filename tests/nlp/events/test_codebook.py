"""ACLED codebook decision rules, one fixture sentence (our own) per rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from crosswire.nlp.events.find import EventMention, find_events
from crosswire.nlp.events.rules import load_taxonomy

PUBLISHED = dt.date(2016, 3, 7)


def events_of(nlp: Any, text: str) -> list[EventMention]:
    from crosswire.nlp.claims.find import find_claims
    from crosswire.nlp.entities.pipeline import find_entities
    from crosswire.nlp.places.mentions import find_places
    from crosswire.nlp.quantities.find import find_quantities
    from crosswire.nlp.temporal.find import find_dates

    doc = nlp(text)
    return find_events(
        doc,
        entities=find_entities(doc),
        places=find_places(doc),
        dates=find_dates(doc, PUBLISHED),
        quantities=find_quantities(doc),
        claims=find_claims(doc),
        published=PUBLISHED,
    )


def kinds(events: list[EventMention]) -> set[tuple[str, str]]:
    return {(e.type, e.subtype) for e in events if e.status == "asserted"}


def test_every_acled_sub_event_type_is_in_the_taxonomy() -> None:
    acled = {
        "Battles": {
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
        },
        "Explosions/Remote violence": {
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        },
        "Violence against civilians": {
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
        },
        "Protests": {
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
        },
        "Riots": {"Violent demonstration", "Mob violence"},
        "Strategic developments": {
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        },
    }
    subtypes = load_taxonomy().subtypes
    for type_, names in acled.items():
        for name in names:
            assert subtypes[name].type == type_, name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one-sided violence against unarmed people
        (
            "Gunmen opened fire on a wedding party, killing six guests.",
            ("Violence against civilians", "Attack"),
        ),
        # two organised armed sides
        (
            "Rebel fighters clashed with army troops near the airport on Sunday.",
            ("Battles", "Armed clash"),
        ),
        # a lone gunman shooting police: not two organised sides
        (
            "A gunman shot and killed two police officers outside the station.",
            ("Violence against civilians", "Attack"),
        ),
        # soldiers killed by an armed group: a battle
        (
            "Militants killed four soldiers in an attack on a checkpoint.",
            ("Battles", "Armed clash"),
        ),
        # seizing weapons is disrupted weapons use, not territory
        (
            "Police seized a cache of rifles and explosives in the raid on Monday.",
            ("Strategic developments", "Disrupted weapons use"),
        ),
        (
            "Soldiers threw a grenade into the crowd, wounding three people.",
            ("Explosions/Remote violence", "Grenade"),
        ),
        (
            "A chlorine gas attack hit the town on Saturday, residents said.",
            ("Explosions/Remote violence", "Chemical weapon"),
        ),
        (
            "Police fired tear gas to disperse hundreds of people protesting in the square.",
            ("Protests", "Protest with intervention"),
        ),
        (
            "Security forces shot dead three people protesting against the election result.",
            ("Protests", "Excessive force against protesters"),
        ),
        ("A mob lynched a man accused of theft in the market.", ("Riots", "Mob violence")),
    ],
)
def test_decision_rules(nlp: Any, text: str, expected: tuple[str, str]) -> None:
    assert expected in kinds(events_of(nlp, text)), kinds(events_of(nlp, text))


def test_accidental_shooting_is_flagged(nlp: Any) -> None:
    events = events_of(nlp, "A 3-year-old boy accidentally shot himself with his father's gun.")
    assert events and all(e.accidental for e in events if e.type == "Violence against civilians")


@pytest.mark.parametrize(
    "text",
    [
        "The Russian president vowed to strike the militants again.",  # a vow
        "The coalition has carried out near-daily air strikes for more than a year.",  # habitual
        "More than 400,000 people have been killed in the conflict.",  # war-wide tally
        "If the talks fail, the army will attack the city.",  # hypothetical
    ],
)
def test_what_is_not_an_event(nlp: Any, text: str) -> None:
    violent = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    assert not [e for e in events_of(nlp, text) if e.type in violent and e.status == "asserted"]


def test_capturing_an_animal_takes_no_territory(nlp: Any) -> None:
    # a capture needs land (a place or a territory noun), a person (abduction) or weapons
    assert not events_of(nlp, "A father and son captured a monster alligator in Lake Moultrie.")
    kinds = {(e.type, e.subtype) for e in events_of(nlp, "Rebels captured the town on Saturday.")}
    assert ("Battles", "Non-state actor overtakes territory") in kinds
