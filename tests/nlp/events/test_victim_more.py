"""More people than those told before, and the hurt told "with wounds" (issue #11,
session 12; crosswire.nlp.events.victim_forms.added / with_wounds, tally._added_hurt)
on sentences we wrote."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crosswire.nlp.events.tally import shot_as_killed, tally
from crosswire.nlp.events.victims import count_victims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an ordinal is person N: the dead told before are among the N - 1
        (
            "A gunman killed two people at a warehouse Monday. A third person, a security "
            "guard, was shot in the arm.",
            {"fatalities": 2, "wounded": 1},
        ),
        (
            "Two men were shot outside a restaurant Friday night. A third victim later showed "
            "up at a hospital with a gunshot wound, police said.",
            {"wounded": 3},
        ),
        (
            "A man was shot and killed Saturday. Police said a second man was wounded.",
            {"fatalities": 1, "wounded": 1},
        ),
        # "another", "also", "too": one more than the hurt told before, not netted
        # against the dead
        (
            "One man was shot in the chest at a gas station Sunday. Another man showed up at "
            "a local hospital with a gunshot wound a short time later.",
            {"wounded": 2},
        ),
        ("A woman was shot Sunday. Her boyfriend was shot too.", {"wounded": 2}),
        (
            "A man was killed in the parking lot and a woman was also shot, deputies said.",
            {"fatalities": 1, "wounded": 1},
        ),
        # one of a group of the hurt told before is no one more
        (
            "The shooting left one man dead and three others injured. Three other men were "
            "also wounded, police said.",
            {"fatalities": 1, "wounded": 3},
        ),
        (
            "One person was killed and five others were wounded. Another victim, a 29-year-old "
            "man, was in critical condition.",
            {"fatalities": 1, "wounded": 5},
        ),
        # the same "another" told again; "another" beside "one" is the pair's second
        (
            "Another child was hospitalized after the shooting. Another child had been taken "
            "to a hospital on Saturday night.",
            {"wounded": 1},
        ),
        (
            "Four people were shot on the porch. One died and another is in critical condition.",
            {"fatalities": 1, "wounded": 3},
        ),
        # the object of an act: "another" than the one who shot
        (
            "Police say a teenager accidentally shot another teen, killing him.",
            {"fatalities": 1},
        ),
        # "the victim was also shot": someone told before
        (
            "A man was shot in the chest on Elm Street. The victim was also shot in the arm.",
            {"wounded": 1},
        ),
    ],
)
def test_more_people(
    victim_totals: Callable[[str], dict[str, float]], text: str, expected: dict[str, float]
) -> None:
    assert victim_totals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officers found two men with gunshot wounds on Sunday night.", {"wounded": 2}),
        (
            "A man with a gunshot wound walked into the emergency room early Sunday.",
            {"wounded": 1},
        ),
        (
            "A woman arrived at the hospital with non-life-threatening injuries.",
            {"wounded": 1},
        ),
        # one person found with a wound is told by the statements about them
        ("Deputies found a man with a gunshot wound outside the home.", {}),
        # "left 1 dead and 2 injured" in figures, as in words
        ("The shooting at the park left 1 dead and 2 injured.", {"fatalities": 1, "wounded": 2}),
        ("A shooting Saturday left a 20-year-old man paralyzed.", {"wounded": 1}),
        ("Police said the three survivors were taken to area hospitals.", {"wounded": 3}),
        # a car with bullet wounds is no person
        ("Police found a car with bullet holes on Main Street.", {}),
    ],
)
def test_with_wounds(
    victim_totals: Callable[[str], dict[str, float]], text: str, expected: dict[str, float]
) -> None:
    assert victim_totals(text) == expected


def test_murder_suicide_count_found_split(nlp: Any) -> None:
    """In a murder-suicide the shot are dead, but for the living told in one clause:
    "found 3 victims" beside two in critical condition is one dead and two hurt."""
    doc = nlp(
        "Deputies found 3 victims with gunshot wounds. Morgan and Joseph are in critical "
        "but stable condition."
    )
    counts = shot_as_killed([c for s in doc.sents for c in count_victims(s)])
    figures = {k: v[0] for k, v in tally(counts).items() if k in {"fatalities", "wounded"}}
    assert figures == {"fatalities": 1, "wounded": 2}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the one the police shot is the gunman told before, not a fourth victim
        (
            "A gunman killed three people and injured two others before police shot and "
            "killed him, officials said.",
            {"fatalities": 4, "wounded": 2},
        ),
        # the gunman's own act: its object is a victim
        ("The gunman shot him twice in the back, police said.", {"wounded": 1}),
        # a dead perpetrator is none of the victims shot
        (
            "An officer was shot in the arm during a traffic stop Thursday night. The "
            "suspect was killed when officers returned fire.",
            {"fatalities": 1, "wounded": 1},
        ),
        (
            "Two men were shot outside the bar. The gunman was killed by a security guard.",
            {"fatalities": 1, "wounded": 2},
        ),
        # "shot" then told dead stays one person
        ("An officer was shot during the standoff. He died at the hospital.", {"fatalities": 1}),
    ],
)
def test_perpetrator_apart(
    victim_totals: Callable[[str], dict[str, float]], text: str, expected: dict[str, float]
) -> None:
    assert victim_totals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a man and a woman told one by one are two people
        (
            "A man was shot in the abdomen after an argument at a gas station. Police said a "
            "woman with him was grazed by a bullet.",
            {"wounded": 2},
        ),
        # pronouns tell no one apart; nor does the same person told twice
        ("A man was shot in the leg. He was taken to the hospital.", {"wounded": 1}),
        # "also" on the object of the harm: one more
        (
            "A 12-year-old girl was shot in the arm during a shooting that also wounded her "
            "father.",
            {"wounded": 2},
        ),
        # "both" alone counts the two told, whoever they are
        (
            "A 40-year-old woman was shot in the face by her ex-husband, who then shot "
            "himself. Both died at the scene.",
            {"fatalities": 2},
        ),
    ],
)
def test_told_apart(
    victim_totals: Callable[[str], dict[str, float]], text: str, expected: dict[str, float]
) -> None:
    assert victim_totals(text) == expected
