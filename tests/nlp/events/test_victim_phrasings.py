"""Victim phrasings and reconciliations of issue #11 (crosswire.nlp.events.victims,
headcount, tally) on sentences we wrote: lists of victims, suffered wounds, round-ups,
people told apart by age or name, murder-suicide totals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crosswire.nlp.events.tally import _people, alive_unless_dead
from crosswire.nlp.events.victims import VictimCount, count_victims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # conjoined clauses of one outcome add up, a noun's outcome in its verb's clause
        (
            "One person is listed in critical condition and four are being treated for "
            "other injuries after the fight outside the tavern.",
            {"wounded": 5},
        ),
        # conjoined subjects share the outcome
        (
            "A mother and her young son were found shot to death in their home Wednesday.",
            {"fatalities": 2},
        ),
        ("Tom Baker and Lisa Baker were deceased when deputies arrived.", {"fatalities": 2}),
        # people listed with an apposition
        (
            "His wife, Carla Vance, and his brother, Dean Vance, also suffered gunshot wounds.",
            {"wounded": 2},
        ),
        (
            "Investigators say the father killed his 6-year-old daughter, his 2-year-old son, "
            "and then himself.",
            {"fatalities": 3},
        ),
        # a bare list item; an apposition with its own article is the same person
        (
            "A mother, father, and toddler were found dead after the fire was put out.",
            {"fatalities": 3},
        ),
        ("The gunman shot his neighbor, a 30-year-old man, and the man's wife.", {"wounded": 2}),
        # a singular verb: conjoined role nouns are one person
        (
            "Neighbors are mourning after a husband and father of two children was shot and "
            "killed Friday.",
            {"fatalities": 1},
        ),
        # a dateline parsed as the subject is no victim; its apposition is
        (
            "CULPEPER, Va. -- Three children and two adults were found dead by a relative Sunday.",
            {"fatalities": 5},
        ),
        # a plural counted by the ages it lists
        (
            "Mark Dunn, 40, shot and killed his sons, ages 6 and 9, then turned the gun on "
            "himself.",
            {"fatalities": 3},
        ),
        # a self-harm told only as a false claim or as reports ruled out is no outcome
        (
            "Police say he shot his cousin in the arm and lied about it, initially claiming "
            "the boy shot himself.",
            {"wounded": 1},
        ),
        ("Detectives ruled out early reports that the girl accidentally shot herself.", {}),
        (
            "Police say the man claimed he shot himself by accident while cleaning the rifle.",
            {"wounded": 1},
        ),
        ("The gunman claimed the lives of two people before he shot himself.", {"wounded": 1}),
        # "her" before another victim's phrase is its possessive
        (
            "A teen accused of fatally shooting her older brother was back in court Thursday.",
            {"fatalities": 1},
        ),
        ("Police said he shot her and her mother outside the store.", {"wounded": 2}),
        # two pronouns of conjoined verbs are two people
        ("He was shot in the leg and she was shot in the arm.", {"wounded": 2}),
        # suffered or sustained wounds: mild is alive and hurt, fatal is a death
        ("A cashier suffered a minor hand injury when the gun went off.", {"wounded": 1}),
        ("The driver sustained a gunshot wound to the leg.", {"wounded": 1}),
        ("The teenager suffered a fatal gunshot wound to the chest.", {"fatalities": 1}),
        # how the dead died is not one more injury
        (
            "Tom Baker and Lisa Baker were deceased, both having suffered gunshot wounds.",
            {"fatalities": 2},
        ),
        ("All three had suffered gunshot wounds to the head when police found them.", {}),
        ("A woman was grazed by a bullet while she sat on her porch.", {"wounded": 1}),
        # a lone surname the tagger takes for a firm is the person named before
        (
            "Deputies say Rosalba Quintero was cleaning a pistol when it fired. "
            "Quintero suffered a minor hand injury.",
            {"wounded": 1},
        ),
        # round-ups over several incidents or a stretch of hours count nothing
        (
            "By Sunday evening at least six people had been killed and 31 wounded in 24 "
            "separate shootings across the city.",
            {},
        ),
        ("Nine people were wounded over a ten-hour stretch on the South Side.", {}),
        # the sentence's other groups belong to the round-up; a single victim stays
        (
            "She was one of four people killed and 19 wounded over a ten-hour stretch.",
            {},
        ),
        (
            "A man was killed Friday, one of 40 people shot in the city this year.",
            {"fatalities": 1},
        ),
        ("Three people were wounded in the shooting at the bus stop.", {"wounded": 3}),
        (
            "Detectives are investigating two shootings that resulted in the deaths of two men.",
            {},
        ),
        ("One of the two shootings left a man dead near the park.", {"fatalities": 1}),
        # a relative pronoun stands for its noun (and the noun's conjuncts)
        (
            "A 4-year-old girl and her mother who were shot and killed near their home were "
            "remembered at a vigil on Sunday.",
            {"fatalities": 2},
        ),
        # told apart by age: the grandmother shot is not the girl who died
        (
            "A 6-year-old girl was killed early Sunday. The 61-year-old was taken to the "
            "hospital with a wound to the arm.",
            {"fatalities": 1, "wounded": 1},
        ),
        # no age of the dead told: the man shot may be the one who died
        (
            "A man was killed on Elm Street. The 30-year-old was shot in the chest.",
            {"fatalities": 1},
        ),
        # told apart by name
        (
            "Kevin Hale, 24, died at the scene. Maria Soto was shot in the leg.",
            {"fatalities": 1, "wounded": 1},
        ),
        # a death told without the name: the named child shot may be that child
        (
            "A 7-year-old was fatally shot early Thursday. Caleb Moss was shot around "
            "midnight, deputies said.",
            {"fatalities": 1},
        ),
        # one surname, two people
        (
            "Janet Pruitt died Tuesday of her wounds. Owen Pruitt, 6, was pronounced dead "
            "at the scene.",
            {"fatalities": 2},
        ),
        # murder-suicide: a total that equals the victims plus the killer counts him too
        (
            "A man shot and killed his two children and then himself early Wednesday. "
            "Police say three people were found dead in the house.",
            {"fatalities": 3},
        ),
        # "shot her and then killed himself": she is shot, he is dead
        (
            "Police say the man shot his wife and then killed himself. "
            "She is in critical condition at the county hospital.",
            {"fatalities": 1, "wounded": 1},
        ),
        # a fatal adverb makes a wound a death
        ("The teenager was hunting with friends when he was fatally wounded.", {"fatalities": 1}),
        (
            "A neighbor's rifle went off, fatally injuring the woman standing by the truck.",
            {"fatalities": 1},
        ),
        # hurt, then dead in the same clause: the latest state wins
        (
            "The girl was taken to the hospital in critical condition, and she later died.",
            {"fatalities": 1},
        ),
        # a death with its own subject or object is not the death of the people shot
        (
            "Two men were shot on the porch and one died at the scene.",
            {"fatalities": 1, "wounded": 1},
        ),
        ("The gunman shot and killed a clerk at the gas station.", {"fatalities": 1}),
        # a person kept in a unit of care is hurt: the ICU, intensive care, a trauma unit
        (
            "He spent the weekend lying motionless in the Intensive Care Unit at "
            "Mercy Hospital after the rifle went off.",
            {"wounded": 1},
        ),
        ("The teenager remains in the ICU at Baptist Hospital.", {"wounded": 1}),
        ("The cashier was in intensive care on Sunday.", {"wounded": 1}),
        # the subject the parser hangs on "remained" is the hospitalized one's
        ("The woman remained hospitalized Tuesday.", {"wounded": 1}),
        # the hurt who are a dead victim told before their death (same age; a
        # pronoun or the same person word with a death told after it)
        (
            "A 16-year-old boy was critically wounded in a shooting on Friday. "
            "The 16-year-old boy died Saturday at the hospital.",
            {"fatalities": 1},
        ),
        (
            "Police said he was rushed to the hospital in critical condition. "
            "Marcus Reed, 17, was pronounced dead an hour later.",
            {"fatalities": 1},
        ),
        # the dead driver told shot does not hide the passenger who shot himself
        (
            "The passenger was playing with a gun and shot himself in the hand. The "
            "bullet went through his hand and struck the driver in the abdomen. The "
            "driver was pronounced dead at the hospital.",
            {"fatalities": 1, "wounded": 1},
        ),
        # "all five" hurt is everyone, the suspect shot back included
        (
            "The gunman shot a dice player twice. A patron returned fire and shot the "
            "suspect. All five were taken to Methodist Hospital.",
            {"wounded": 5},
        ),
        ("Three people were shot. All three were taken to the hospital.", {"wounded": 3}),
        # "another", "a third": one more person, the subject of the conjoined outcome
        (
            "Three people were killed and another critically injured in a shooting at "
            "a berry farm.",
            {"fatalities": 3, "wounded": 1},
        ),
        ("Two men were killed and a third critically injured.", {"fatalities": 2, "wounded": 1}),
        # a pronoun of the killer's gender may be him again; "her" is someone else
        ("Police say he shot and killed her. He then killed himself.", {"fatalities": 2}),
        # "Father's Day" names the day of the shooting, not a victim
        (
            "A man has been charged in a Father's Day shooting that left a 3-year-old "
            "boy paralyzed. The boy was struck in his right shoulder.",
            {"wounded": 1},
        ),
        # another person word, another age: someone else, alive and hurt
        (
            "A man was killed and a woman was wounded in the shooting. She is in stable condition.",
            {"fatalities": 1, "wounded": 1},
        ),
        (
            "A 19-year-old man was shot dead on the porch. A 20-year-old man was in "
            "critical condition at the hospital.",
            {"fatalities": 1, "wounded": 1},
        ),
        # a round-up of the shootings just told is no incident's count
        (
            "More than 1,400 people have been wounded in those shootings, not counting "
            "the 310 who died.",
            {},
        ),
        # a unit without a word of care is no place of care
        ("The canine unit was in the parking lot when the shots rang out.", {}),
    ],
)
def test_phrasings(
    victim_totals: Callable[[str], dict[str, float]], text: str, expected: dict[str, float]
) -> None:
    assert victim_totals(text) == expected


def test_names_sharing_a_surname() -> None:
    assert _people({"melody cerros", "melody"}) == 1
    assert _people({"janet pruitt", "owen pruitt"}) == 2
    assert _people({"janet pruitt", "owen pruitt", "pruitt"}) == 2
    assert _people({"janet pruitt", "janet", "owen"}) == 2


def test_shot_in_an_older_sentence_but_named_dead(nlp: Any) -> None:
    """A background sentence's shot victim whom the incident names among its dead."""
    first, second = nlp(
        "Darnell Hughes, 17, died on Monday. "
        "Court records show Hughes was shot as he stood in a parking lot."
    ).sents
    incident = count_victims(first)
    told = count_victims(second)
    assert [(c.outcome, c.name) for c in told] == [("shot", "hughes")]
    assert alive_unless_dead(told, incident) == []
    stranger = VictimCount("shot", "civilian", 1, 1, 1, "lena ortiz", 0, 4)
    assert alive_unless_dead([stranger], incident) == [stranger]


def test_a_body_part_is_no_second_victim(nlp: Any) -> None:
    """ "shot himself dead center in the chest": the child harmed only himself."""
    doc = nlp(
        "The toddler found a pistol in the glove box and shot himself dead center in the chest."
    )
    assert [(c.outcome, c.kind) for c in count_victims(doc)] == [("shot", "self")]
