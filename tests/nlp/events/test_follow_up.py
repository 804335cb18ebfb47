"""Dates of follow-up acts and places of people's origin do not time or place the violence."""

from __future__ import annotations

from typing import Any

import pytest
from tests.nlp.events.test_events import analyse

from crosswire.nlp.events.find import EventMention


@pytest.fixture(scope="module")
def nlp() -> Any:
    from crosswire.nlp.entities.pipeline import build_nlp

    return build_nlp()


def main_event(events: list[EventMention]) -> EventMention:
    found = [e for e in events if e.role == "main"]
    assert found, [(e.trigger, e.role, e.status) for e in events]
    return found[0]


def test_court_day_does_not_date_the_shooting(nlp: Any) -> None:
    # published 2015-10-01 (a Thursday); the court step is on Tuesday, the shooting on Friday
    events = analyse(
        nlp,
        "A teenager accused of fatally shooting his cousin appeared in court on Tuesday. "
        "The cousin was shot on Friday night outside a store in Dayton, Ohio.",
    )
    main = main_event(events)
    assert main.date == "2015-09-25"


def test_charged_in_shooting_takes_no_date_from_the_charge(nlp: Any) -> None:
    events = analyse(nlp, "Two men were charged on Monday in the killing of a store clerk.")
    killing = next(e for e in events if e.trigger == "killing")
    assert killing.date_precision == "document"


def test_own_clause_date_still_counts(nlp: Any) -> None:
    events = analyse(nlp, "Police arrested a man who shot his neighbor on Sunday in Akron, Ohio.")
    shot = next(e for e in events if e.trigger == "shot")
    assert shot.date == "2015-09-27"


def test_hometown_of_a_person_is_not_the_place(nlp: Any) -> None:
    events = analyse(
        nlp,
        "A 41-year-old Denver woman shot her son in Billings, Montana, on Sunday.",
    )
    shot = next(e for e in events if e.trigger == "shot")
    assert shot.place is not None and shot.place.name == "Billings"


def test_hometown_is_the_last_resort(nlp: Any) -> None:
    # local news: with no other place, where the victim is from is where it happened
    events = analyse(nlp, "A Denver woman was shot on Sunday.")
    assert main_event(events).place is not None
    assert main_event(events).place.name == "Denver"


def test_local_report_is_placed_in_its_own_town(nlp: Any) -> None:
    # the victim's home ("Hobbs, 18, of Pittsburgh"), his hospital ("flown to ... in
    # Morgantown") and the jail are no scene; the town the report names twice is,
    # even where it names the suspect's home ("a Uniontown teenager")
    events = analyse(
        nlp,
        "A Uniontown teenager was charged by city police on Wednesday. "
        "Police said he shot a friend in a housing complex. "
        "They identified the victim as Darnell Hobbs, 18, of Pittsburgh, who was flown "
        "to Ruby Memorial Medical Center in Morgantown, W.Va., for treatment. "
        "The teenager told Uniontown police the shooting was an accident. "
        "He remains in custody at the State Correctional Institution at Somerset.",
    )
    main = main_event(events)
    assert main.place is not None and main.place.name == "Uniontown"
    assert main.place.admin1 == "Pennsylvania"


def test_person_from_a_town_is_no_place_of_the_clause(nlp: Any) -> None:
    events = analyse(nlp, "A man from Denver shot his brother in Billings, Montana, on Sunday.")
    shot = next(e for e in events if e.trigger == "shot")
    assert shot.place is not None and shot.place.name == "Billings"


def test_incident_told_again_is_the_main_event(nlp: Any) -> None:
    events = analyse(
        nlp,
        "A man was shot and killed on Tuesday night in Akron, Ohio. "
        "The shooting happened on Tuesday in the 900 block of Elm Street in Akron.",
    )
    main = main_event(events)
    again = [e for e in events if e.trigger == "shooting"]
    assert again and all(e.date == main.date and e.place == main.place for e in again)


def test_recalled_history_is_not_an_event(nlp: Any) -> None:
    events = analyse(
        nlp,
        "A woman was shot and wounded on Tuesday in Akron, Ohio. "
        "On August 2, a teenager was shot and killed on the same street.",
    )
    main = main_event(events)
    assert main.date == "2015-09-29"
    recalled = next(e for e in events if e.start > main.start and e.type == main.type)
    assert recalled.status == "background"


def test_follow_up_article_reports_the_recalled_incident(nlp: Any) -> None:
    events = analyse(
        nlp,
        "An arrest has been made in the murders of a woman and her daughter, who were "
        "shot near their home in Akron, Ohio, on August 6. Police arrested a 22-year-old "
        "man for the murders on Monday.",
    )
    main = main_event(events)
    assert main.status == "asserted" and main.date == "2015-08-06"


def test_street_name_is_no_town(nlp: Any) -> None:
    events = analyse(
        nlp, "A man was shot on Tuesday in the 6100 block of Denver Street in Akron, Ohio."
    )
    main = main_event(events)
    assert main.place is not None and main.place.name == "Akron"


@pytest.mark.parametrize(
    "text",
    [
        "A teenager was shot early Saturday in the 1300 block of North Denver, Akron police said.",
        "A girl was shot on Saturday at a home near 13th and Denver, Akron police said.",
    ],
)
def test_street_named_without_its_street_word_is_no_town(nlp: Any, text: str) -> None:
    main = main_event(analyse(nlp, text))
    assert main.place is None or main.place.name != "Denver"


def test_a_persons_name_read_as_two_towns_places_nothing(nlp: Any) -> None:
    # "Clarence" and "Washington" are both towns in the gazetteer; back to back they
    # are a first name and a surname
    main = main_event(
        analyse(nlp, "Police say 35-year-old Clarence Washington shot his wife at home on Sunday.")
    )
    assert main.place is None or main.place.name not in {"Clarence", "Washington"}


def test_state_code_after_a_town_is_no_town(nlp: Any) -> None:
    events = analyse(nlp, "AKRON, OH - A man was shot on Tuesday outside a store, police said.")
    main = main_event(events)
    assert main.place is None or main.place.name != "Oh"


def test_a_day_of_grief_does_not_date_the_shooting(nlp: Any) -> None:
    # published Thursday 2015-10-01; the family struggled on Monday, the shot has no day
    events = analyse(
        nlp,
        "The family of the four-year-old girl on Monday struggled to understand how she "
        "picked up a loaded pistol and killed herself.",
    )
    main = main_event(events)
    assert main.date_precision == "document"


def test_a_day_the_news_was_learned_does_not_date_the_shooting(nlp: Any) -> None:
    events = analyse(
        nlp,
        "His mother learned on Tuesday that her son had been shot outside a store in Akron.",
    )
    main = main_event(events)
    assert main.date_precision == "document"


def test_an_investigation_under_way_does_not_date_the_killing(nlp: Any) -> None:
    events = analyse(
        nlp,
        "An investigation was underway Wednesday into the killing of a teenager whose body "
        "was found on a road in Vista.",
    )
    main = main_event(events)
    assert main.date_precision == "document"


def test_funeral_services_do_not_date_the_shooting(nlp: Any) -> None:
    events = analyse(
        nlp,
        "Funeral services are tonight in Lancaster for a teenager who was accidentally "
        "shot and killed by his friend.",
    )
    main = main_event(events)
    assert main.date_precision == "document"


def test_the_shooting_day_in_its_own_clause_still_counts(nlp: Any) -> None:
    # the shooting's own day next to a later act's day
    events = analyse(
        nlp,
        "Police are investigating a shooting in Akron late Friday night that left two "
        "men dead. The gunman began shooting on Sunday, neighbors said.",
    )
    main = main_event(events)
    assert main.date == "2015-09-25"
    began = [e for e in events if e.trigger == "shooting" and e.start > 10]
    assert all(e.date == "2015-09-27" for e in began)


def test_a_next_step_of_the_incident_keeps_its_day(nlp: Any) -> None:
    # the deputies' response and the finding are the incident told on: Sunday stands
    events = analyse(
        nlp,
        "Deputies responded to a home on Sunday for a possible suicide, but after further "
        "investigation, the sheriff's office determined that a friend shot the boy.",
    )
    shot = next(e for e in events if e.trigger == "shot")
    assert shot.date == "2015-09-27"
