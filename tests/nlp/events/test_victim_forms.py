"""How hurt people are phrased (crosswire.nlp.events.victim_forms, session 10), on
sentences we wrote: recovering or suffering from wounds, treated and released, minor
injuries, "one fatally", totals and "one of N", names listed together, datelines,
claimed self-harm, a self-harmer told again, "the other victim"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crosswire.nlp.events.tally import tally
from crosswire.nlp.events.victim_forms import dateline
from crosswire.nlp.events.victims import count_victims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names listed together: each is a person, whatever the tagger makes of one
        ("Marcus Reed and Tony Lee were shot outside the bar late Saturday.", {"wounded": 2}),
        # alive and hurt: released, recovering, minor injuries
        ("Two men were treated and released from the hospital.", {"wounded": 2}),
        (
            "Four people are recovering from gunshot wounds after a man fired into a crowd "
            "on Main Street.",
            {"wounded": 4},
        ),
        (
            "Officers found three people suffering from gunshot wounds outside the club.",
            {"wounded": 3},
        ),
        (
            "Four people were found dead in the apartment. Another child was taken to a "
            "hospital with minor injuries.",
            {"fatalities": 4, "wounded": 1},
        ),
        # how many the words around the victims say
        (
            "A total of five people, including the bartender, were wounded in the shooting.",
            {"wounded": 5},
        ),
        ("The teen was one of four people shot Saturday night at the party.", {"wounded": 4}),
        (
            "Two people were shot, one fatally, near the park Thursday.",
            {"fatalities": 1, "wounded": 1},
        ),
        # a dateline parsed as a subject is no victim
        (
            "MILWAUKEE -- A two-month-old girl was shot while in a vehicle on the freeway on "
            "Sunday evening.",
            {"wounded": 1},
        ),
        (
            "NEW HAVEN>> One woman is dead, one person is listed in critical condition and "
            "four are being treated for other injuries after a shooting.",
            {"fatalities": 1, "wounded": 5},
        ),
        # the dead person is the one declared dead, not who declares it
        (
            "Police say the shooter took the victim to the emergency room, where hospital "
            "personnel pronounced him dead.",
            {"fatalities": 1},
        ),
        # a self-harm told inside someone's claim about another is no outcome
        (
            "Police said the man claimed his brother was cleaning the rifle when he shot "
            "himself. Police later said the man shot his brother.",
            {"wounded": 1},
        ),
        # the one of a pair left: the other victim, dead, is not the one taken away
        (
            "One of the victims was taken to Regions Hospital. The other victim was "
            "pronounced dead at the scene.",
            {"fatalities": 1, "wounded": 1},
        ),
        # a pronoun going on telling of the one person of its governing clause
        (
            "A 7-year-old boy died Sunday after accidentally shooting himself. Police say "
            "the child was taken in critical condition to Comer Children's Hospital, where "
            "he was pronounced dead.",
            {"fatalities": 1},
        ),
        (
            "A man was shot and killed. His wife was taken to a hospital where she is in "
            "stable condition.",
            {"fatalities": 1, "wounded": 1},
        ),
        # never the speaker of a reported clause
        (
            "A 12-year-old girl was shot in the leg. An officer said she is expected to survive.",
            {"wounded": 1},
        ),
        # a hurt person named as a dead victim is that victim, whatever the order
        (
            "Jaxon Reed, 6, was pronounced dead. His brother, 8-year-old Joseph, and his "
            "mother, Morgan, 27, were both injured. Morgan Reed died Tuesday of her injuries.",
            {"fatalities": 2, "wounded": 1},
        ),
        # the end of a name is that person again
        (
            "Police found Diego Gomez Martinez suffering from a gunshot wound. Gomez Martinez "
            "was taken to a hospital, where he died overnight.",
            {"fatalities": 1},
        ),
        # a caption's label is no person
        (
            "Gallery: Maya Reed, 10, stands in her bedroom where she was hit in the foot by "
            "a stray bullet.",
            {"wounded": 1},
        ),
        # alive: expected to survive
        (
            "A man was killed. A second victim was shot in the leg and is expected to survive.",
            {"fatalities": 1, "wounded": 1},
        ),
        # a plural victim noun's apposition lists the people
        (
            "The victims, a 22-year-old man and a 19-year-old woman, were taken to a hospital.",
            {"wounded": 2},
        ),
        ("The shooting left two people injured.", {"wounded": 2}),
        # a day before the comma is no name whose age follows
        (
            "Six people were shot early Sunday, one of them fatally.",
            {"fatalities": 1, "wounded": 5},
        ),
        # a name with an age is a person, whatever the tagger made of it
        (
            "Reed was arrested after 19-year-old Mekko Stumblingbear was found dead April "
            "22nd in a home.",
            {"fatalities": 1},
        ),
        # an aim is no outcome
        (
            "Kirsten Hale, 7, was shot and killed while playing outside. Investigators have "
            "not determined if the shooter meant to shoot and kill the child or someone else.",
            {"fatalities": 1},
        ),
        # a lone suicide is the one victim, found dead: one person
        (
            "An 11-year-old girl took her own life on Tuesday. Officers found the girl dead "
            "from a self-inflicted gunshot wound.",
            {"fatalities": 1},
        ),
        # "the other" in "one shot the other" is no third person
        (
            "The two boys found a pistol and one shot the other. The boy was pronounced dead.",
            {"fatalities": 1},
        ),
    ],
)
def test_forms(
    victim_totals: Callable[[str], dict[str, float]], text: str, expected: dict[str, float]
) -> None:
    assert victim_totals(text) == expected


def test_dateline_only_at_the_start(nlp: Any) -> None:
    doc = nlp("DAYTON -- Police said NASA worker Tom Reed was shot.")
    assert dateline(doc[0])
    assert not any(dateline(t) for t in doc[1:])


def test_murder_suicide_keeps_the_one_named_alive(nlp: Any) -> None:
    """In a murder-suicide the shot count as dead, but for a person the article names
    alive and hurt, by a pronoun resolved to her name."""
    from crosswire.nlp.events.tally import shot_as_killed

    text = (
        "Her father, 24-year-old Jose Ruiz, shot her and her mother, 21-year-old Ana Ruiz, "
        "before killing himself in a murder-suicide, investigators said. Eva Ruiz was taken "
        "by helicopter to Savannah Memorial Hospital, where staff confirmed she was in "
        "critical condition Monday."
    )
    doc = nlp(text)
    counts = shot_as_killed([c for s in doc.sents for c in count_victims(s)])
    figures = tally(counts)
    assert figures["wounded"][0] == 1
    assert figures["fatalities_perpetrator"][0] == 1
    assert figures["fatalities"][0] == 2


def test_the_end_of_a_name_is_that_person() -> None:
    from crosswire.nlp.events.tally import _people

    assert _people({"diego gomez martinez", "gomez martinez"}) == 1
    assert _people({"morgan reed", "jaxon reed", "reed"}) == 2
