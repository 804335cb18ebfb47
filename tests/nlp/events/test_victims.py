"""Victims counted from the parse (crosswire.nlp.events.victims) on sentences we wrote."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.nlp.events.tally import deaths_stated, shot_as_killed, tally, told_singly
from crosswire.nlp.events.victims import count_victims


def figures(nlp: Any, text: str, kinds_hurt: bool = False) -> dict[str, float]:
    """The tally's best figures (the hurt by kind only with ``kinds_hurt``)."""
    doc = nlp(text)
    return {
        slot: best
        for slot, (best, _, _) in tally(count_victims(doc)).items()
        if kinds_hurt or not slot.startswith("wounded_")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # singular victims count; "shot and killed" is one death, not an injury too
        (
            "A man was shot and killed Saturday night, and two women were wounded.",
            {"fatalities": 1, "fatalities_civilian": 1, "wounded": 2},
        ),
        ("John Smith, 24, died at the hospital.", {"fatalities": 1, "fatalities_civilian": 1}),
        # the perpetrator killed himself: one perpetrator death
        ("The gunman then killed himself.", {"fatalities": 1, "fatalities_perpetrator": 1}),
        ("The suspect took his own life.", {"fatalities": 1, "fatalities_perpetrator": 1}),
        # each outcome word has its own object
        (
            "The blast ripped through the market, leaving two dead and three injured.",
            {"fatalities": 2, "fatalities_civilian": 2, "wounded": 3},
        ),
        # "wounded" is never a death toll; the address is not a count
        ("Four people were wounded in the shooting at 13915 County Road 3.", {"wounded": 4}),
        # "others" are people; a participle with its "were" left out is a passive
        (
            "One woman was killed and four others injured when a gunman fired into the bar.",
            {"fatalities": 1, "fatalities_civilian": 1, "wounded": 4},
        ),
        (
            "The gunman opened fire on the porch, killing a teenager and wounding two others.",
            {"fatalities": 1, "fatalities_civilian": 1, "wounded": 2},
        ),
        # a bare number after a name and a comma is that person's age
        ("Calvin Johnson, 24 was shot in the chest outside the motel.", {"wounded": 1}),
        # each participle of "left ... dead and ... wounded" has its own victim
        (
            "The gunfire left a 7-year-old girl dead and her grandmother wounded early Sunday.",
            {"fatalities": 1, "fatalities_civilian": 1, "wounded": 1},
        ),
        # "passed away", "succumbed": deaths; the latest state wins over "taken to hospital"
        (
            "The man was taken to the hospital. He later passed away at the medical center.",
            {"fatalities": 1, "fatalities_civilian": 1},
        ),
        (
            "The victim succumbed to his injuries on Monday.",
            {"fatalities": 1, "fatalities_civilian": 1},
        ),
        ("The quarterback passed the ball away from the defender.", {}),
        # a participle after its noun ("three injured") describes the victims
        (
            "Police responded to a shooting at the motel that left one person dead and "
            "three injured.",
            {"fatalities": 1, "fatalities_civilian": 1, "wounded": 3},
        ),
        # "found the boy hurt" is no one's act on him: the boy who shot himself is the victim
        (
            "A 3-year-old boy accidentally shot himself in the arm. His family found the boy hurt "
            "in the bedroom. The child was taken to a hospital.",
            {"wounded": 1},
        ),
        # treated for wounds: alive and hurt; treated at a hospital and then died: dead only
        (
            "One woman is dead and three people are being treated for non-life threatening wounds.",
            {"fatalities": 1, "fatalities_civilian": 1, "wounded": 3},
        ),
        (
            "He was treated at the hospital and later died.",
            {"fatalities": 1, "fatalities_civilian": 1},
        ),
        # a count over a year is a running total, not the incident's victims
        (
            "Including the weekend victims, 104 people have been shot in Toledo this year.",
            {},
        ),
        # hit or struck by a bullet is hurt (people only); kept in hospital is hurt
        ("She was hit in the foot by a stray bullet.", {"wounded": 1}),
        ("Five people ranging in age from 17 to 49 were struck.", {"wounded": 5}),
        ("A stray bullet struck the wall of the home.", {}),
        (
            "An 8-year-old girl has died and her mother remains in the hospital.",
            {"fatalities": 1, "fatalities_civilian": 1, "wounded": 1},
        ),
        (
            "The 17-year-old was fatally shot on Elm Street.",
            {"fatalities": 1, "fatalities_civilian": 1},
        ),
        # shot alone is wounded; the latest statement (one died) wins
        (
            "Two men were shot outside the bar. One of them died later at a hospital.",
            {"fatalities": 1, "fatalities_civilian": 1, "wounded": 1},
        ),
        ("Officer Jane Doe was shot in the leg.", {"wounded": 1}),
        (
            "Both victims were pronounced dead at the scene.",
            {"fatalities": 2, "fatalities_civilian": 2},
        ),
        # one clause adds its victims up, the perpetrator apart
        (
            "The shooter killed his wife and her mother before turning the gun on himself.",
            {"fatalities": 3, "fatalities_civilian": 2, "fatalities_perpetrator": 1},
        ),
        (
            "Two police officers were killed in the ambush.",
            {"fatalities": 2, "fatalities_security": 2},
        ),
        # an attack noun's of-object is its victim; "fatal"/"deadly" makes it a death
        (
            "A quarrel on Oak Street led to the fatal shooting of a 19-year-old man.",
            {"fatalities": 1, "fatalities_civilian": 1},
        ),
        ("Detectives are looking into the shooting of two brothers in Elmwood.", {"wounded": 2}),
        (
            "Deputies sought a witness to a deadly shooting early Tuesday.",
            {"fatalities": 1, "fatalities_civilian": 1},
        ),
        # a condition is a living, hurt person
        (
            "A teenage girl died at the scene and her uncle is listed in serious condition.",
            {"fatalities": 1, "fatalities_civilian": 1, "wounded": 1},
        ),
        # two verbs naming the same people count them once
        (
            "The two men were taken to a clinic and then flown to a hospital in Tulsa.",
            {"wounded": 2},
        ),
        # everyone shot and not killed is hurt, beside a smaller explicit count
        (
            "Five people were shot at the fair. One of them is in stable condition.",
            {"wounded": 5},
        ),
        # someone who harmed only themself is the one victim, named twice or not
        (
            "A six-year-old girl found a pistol and shot herself. Police said Maya "
            "picked up the gun from a shelf before killing herself.",
            {"fatalities": 1, "fatalities_civilian": 1},
        ),
        # beside someone else's victim it is a murder-suicide
        (
            "The man killed his girlfriend in the kitchen. He then killed himself.",
            {"fatalities": 2, "fatalities_civilian": 1, "fatalities_perpetrator": 1},
        ),
        # an age is not a count
        (
            "Neighbors mourned the accidental shooting of the 3-year-old son of a firefighter.",
            {"wounded": 1},
        ),
        (
            "An aunt killed her 12-year-old nephew and two young grandchildren.",
            {"fatalities": 3, "fatalities_civilian": 3},
        ),
    ],
)
def test_counts(nlp: Any, text: str, expected: dict[str, float]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "No one else was hurt.",
        "He could have been killed.",
        "The victim was not injured.",
        "A reward of $10,000 is offered for information leading to an arrest.",
        "The town, a community of 1,200 residents, held a vigil.",
        "The shooting happened in the 2200 block of Broadway, room 214.",
        "He was 35 years old and had lived in Dayton since 1998.",
        "Police recovered a .40-caliber handgun; call 555-1234 with tips.",
    ],
)
def test_numbers_that_are_not_people(nlp: Any, text: str) -> None:
    assert figures(nlp, text) == {}


def test_named_victims_count_once(nlp: Any) -> None:
    doc = nlp(
        "Maria Lopez was shot and killed on Friday. Police said Lopez died at the scene. "
        "Her neighbor, Tom Reed, was also killed."
    )
    assert tally(count_victims(doc))["fatalities"][0] == 2


def test_first_name_and_full_name_are_one_victim(nlp: Any) -> None:
    doc = nlp(
        "Melody Cerros was shot and killed at a garage party, police said. "
        "Melody died at the scene."
    )
    assert tally(count_victims(doc))["fatalities"][0] == 1


def test_a_stated_number_beats_names_picked_up_around_it(nlp: Any) -> None:
    # a photo credit glued to a caption reads as a third name; the text says two
    doc = nlp(
        "Two people were found dead inside the home on Elvera Street. "
        "Veronica Mercado was found dead with her daughter Ana. "
        "(Henry Sturm | Houston Chronicle) Henry Sturm was found dead in the kitchen."
    )
    assert tally(count_victims(doc))["fatalities"][0] == 2


def test_murder_suicide_states_the_deaths(nlp: Any) -> None:
    doc = nlp("Police said the man shot his wife and then himself in an apparent murder-suicide.")
    counts = count_victims(doc)
    assert tally(counts).get("fatalities") is None  # "shot" alone: no death stated
    assert deaths_stated([doc.text])
    killed = tally(shot_as_killed(counts))
    assert killed["fatalities"][0] == 2 and killed["fatalities_perpetrator"][0] == 1


def test_murder_suicide_survivor_stays_hurt(nlp: Any) -> None:
    doc = nlp(
        "Her father shot her and her mother before killing himself in a murder-suicide, "
        "investigators said. The girl was in critical condition on Monday."
    )
    figures = tally(shot_as_killed(count_victims(doc)))
    assert figures["fatalities"][0] == 2  # her mother and the father
    assert figures["fatalities_perpetrator"][0] == 1
    assert figures["wounded"][0] == 1  # the girl


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a death toll states everyone killed; the kinds it breaks out count apart
        (
            "The death toll from the air strikes near the depot rose to 19 on Wednesday "
            "evening, including nine civilians, the monitor said.",
            {"fatalities": 19, "fatalities_civilian": 9},
        ),
        ("The toll stood at 12 on Friday, hospital officials said.", {"fatalities": 12}),
        ("The second blast brought the death toll to 31.", {"fatalities": 31}),
        ("The bombing had a death toll of 40.", {"fatalities": 40}),
        # a war's running total is a series, not this incident's dead
        ("The war's death toll has passed 2,500.", {}),
        ("The death toll in the conflict rose to 4,000 last year.", {}),
        # hedged: not a count; a road toll is no death toll
        ("The death toll could rise to 30, officials warned.", {}),
        ("Drivers now pay a toll of 5 at the bridge.", {}),
    ],
)
def test_death_tolls(nlp: Any, text: str, expected: dict[str, float]) -> None:
    assert figures(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "slot", "singly"),
    [
        # one person told by who they are: a story about one victim need not tell of all
        ("He was grazed by a bullet outside the bar on Elm Street.", "wounded", True),
        ("Marcus Reed, 19, was shot in the leg and taken to the hospital.", "wounded", True),
        ("A woman was shot and killed in her driveway on Tuesday.", "fatalities", True),
        ("The gunman later turned the gun on himself.", "fatalities", True),
        # a count says how many: it is a statement of the whole
        ("Four people were wounded when a gunman fired into the crowd.", "wounded", False),
        ("One man was shot in the arm, police said.", "wounded", False),
        ("A man was killed and three others were wounded.", "wounded", False),
        ("Both brothers were taken to the hospital in stable condition.", "wounded", False),
    ],
)
def test_a_figure_told_one_person_at_a_time(nlp: Any, text: str, slot: str, singly: bool) -> None:
    counts = count_victims(nlp(text))
    assert slot in tally(counts)
    assert told_singly(counts, slot) is singly


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the hurt by kind, like the dead
        (
            "The suspect was shot by a deputy and taken to the hospital.",
            {"wounded": 1, "wounded_perpetrator": 1},
        ),
        (
            "An officer was wounded in the exchange of gunfire, and the suspect was killed.",
            {"wounded": 1, "wounded_security": 1},
        ),
        ("Five people were wounded outside the club.", {"wounded": 5, "wounded_civilian": 5}),
    ],
)
def test_the_hurt_by_kind(nlp: Any, text: str, expected: dict[str, float]) -> None:
    got = figures(nlp, text, kinds_hurt=True)
    assert {k: v for k, v in got.items() if k.startswith("wounded")} == expected
