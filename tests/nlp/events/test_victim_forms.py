"""How hurt people are phrased (crosswire.nlp.events.victim_forms, session 11), on
sentences we wrote: recovering or suffering from wounds, treated and released, minor
injuries, "one fatally", totals and "one of N", names listed together, datelines,
claimed self-harm, a self-harmer told again, "the other victim"."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.nlp.events.tally import tally
from crosswire.nlp.events.victim_forms import dateline
from crosswire.nlp.events.victims import count_victims


def totals(nlp: Any, text: str) -> dict[str, float]:
    """Killed and injured totals of a text read as one incident."""
    doc = nlp(text)
    counts = [c for s in doc.sents for c in count_victims(s)]
    return {
        slot: best
        for slot, (best, _, _) in tally(counts).items()
        if slot in {"fatalities", "wounded"}
    }


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
        # "the other" in "one shot the other" is no third person
        (
            "The two boys found a pistol and one shot the other. The boy was pronounced dead.",
            {"fatalities": 1},
        ),
    ],
)
def test_forms(nlp: Any, text: str, expected: dict[str, float]) -> None:
    assert totals(nlp, text) == expected


def test_dateline_only_at_the_start(nlp: Any) -> None:
    doc = nlp("DAYTON -- Police said NASA worker Tom Reed was shot.")
    assert dateline(doc[0])
    assert not any(dateline(t) for t in doc[1:])
