"""Tests for crosswire.nlp.events.find: event triggers, types, arguments and slots."""

from __future__ import annotations

import datetime as dt
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crosswire.nlp.events.find import EventMention, find_events

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "events" / "h9_sentences.txt"
PUBLISHED = dt.date(2015, 10, 1)


@pytest.fixture(scope="module")
def nlp() -> Any:
    from crosswire.nlp.entities.pipeline import build_nlp

    return build_nlp()


def analyse(nlp: Any, text: str, claims: Any = None) -> list[EventMention]:
    from crosswire.nlp.entities.pipeline import find_entities
    from crosswire.nlp.places.mentions import find_places
    from crosswire.nlp.quantities.find import find_quantities
    from crosswire.nlp.temporal.find import find_dates

    doc = nlp(text)
    if claims is None:
        try:
            from crosswire.nlp.claims.find import find_claims
        except ImportError:  # claims is written in parallel; events work without it
            claims = []
        else:
            claims = find_claims(doc)
    events = find_events(
        doc,
        entities=find_entities(doc),
        places=find_places(doc),
        dates=find_dates(doc, PUBLISHED),
        quantities=find_quantities(doc),
        claims=claims,
        published=PUBLISHED,
    )
    for e in events:
        assert text[e.trigger_start : e.trigger_end] == e.trigger
        assert e.start <= e.trigger_start < e.end
    return events


def by_trigger(events: list[EventMention], trigger: str) -> EventMention:
    found = [e for e in events if e.trigger == trigger]
    assert found, [(e.trigger, e.subtype) for e in events]
    return found[0]


def numbers(e: EventMention) -> dict[str, float]:
    return {n["what"]: n["value"] for n in e.numbers}


@pytest.fixture(scope="module")
def fixture_events(nlp: Any) -> list[EventMention]:
    return analyse(nlp, FIXTURE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("trigger", "type_", "subtype"),
    [
        ("shelled", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("clashed", "Battles", "Armed clash"),
        ("seized", "Battles", "Non-state actor overtakes territory"),
        ("recaptured", "Battles", "Government regains territory"),
        ("abducted", "Violence against civilians", "Abduction/forced disappearance"),
        ("talks", "Diplomacy", "Talks"),
        ("agreed", "Diplomacy", "Agreement/ceasefire"),
        ("voted", "Political", "Vote"),
        ("inquiry", "Political", "Legal action"),
        ("protested", "Protests", "Peaceful protest"),
        ("exploded", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("denied", "Diplomacy", "Denial"),
    ],
)
def test_fixture_types(
    fixture_events: list[EventMention], trigger: str, type_: str, subtype: str
) -> None:
    e = by_trigger(fixture_events, trigger)
    assert (e.type, e.subtype) == (type_, subtype)


def test_fixture_arguments(fixture_events: list[EventMention]) -> None:
    shelled = by_trigger(fixture_events, "shelled")
    assert shelled.actors == ["actor:syrian-army"]  # "Government troops"
    assert numbers(shelled) == {"fatalities": 5, "fatalities_civilian": 5}
    assert shelled.place is not None and shelled.place_precision == 1
    assert (shelled.date, shelled.date_precision) == ("2015-09-28", "day")
    clashed = by_trigger(fixture_events, "clashed")
    assert clashed.targets == ["actor:syrian-army"]
    assert numbers(clashed) == {"fatalities": 12, "fatalities_combatant": 12}
    seized = by_trigger(fixture_events, "seized")
    assert seized.actors == ["actor:islamic-state"]
    assert seized.date == "2015-05-20"
    talks = by_trigger(fixture_events, "talks")
    assert set(talks.actors) == {"actor:russia", "actor:united-states"}
    assert talks.place is not None and talks.place.name == "Geneva"
    voted = by_trigger(fixture_events, "voted")
    assert voted.actors == ["actor:russian-senate"]
    assert (voted.date, voted.date_precision) == ("2015-10-01", "document")
    inquiry = by_trigger(fixture_events, "inquiry")
    assert inquiry.actors == ["actor:france"]
    bombing = by_trigger(fixture_events, "bombing")
    assert "actor:france" not in bombing.actors  # France opened the inquiry, not the raid
    exploded = by_trigger(fixture_events, "exploded")
    assert numbers(exploded) == {"fatalities": 3, "fatalities_security": 3}  # police


def test_denied_event_is_negated(fixture_events: list[EventMention]) -> None:
    struck = by_trigger(fixture_events, "struck")
    assert struck.negated
    assert struck.actors == ["actor:pentagon"]  # "its aircraft": the speaker's own
    assert not by_trigger(fixture_events, "denied").negated


def test_negation_in_clause(nlp: Any) -> None:
    text = "Officials said the strikes were not in rebel-held territory."
    assert by_trigger(analyse(nlp, text), "strikes").negated


def test_air_strike_with_warplanes_and_held_by(nlp: Any) -> None:
    text = (
        '"Air strikes from three Russian warplanes hit positions held by the Army of '
        'Conquest in Jisr al-Shughur," a military source said.'
    )
    e = by_trigger(analyse(nlp, text), "strikes")
    assert (e.type, e.subtype) == ("Explosions/Remote violence", "Air/drone strike")
    assert e.actors == ["actor:russia"]
    assert e.targets == ["actor:army-of-conquest"]
    assert e.place is not None and e.place.name == "Jisr al-Shughur" and e.place_precision == 1
    assert numbers(e) == {"aircraft": 3}
    assert e.claim_index is not None


def test_sorties_and_targets_merge(nlp: Any) -> None:
    text = (
        "The Russian defence ministry said fighter jets had flown 14 sorties on Tuesday, "
        "striking six Islamic State targets."
    )
    events = [e for e in analyse(nlp, text) if e.type == "Explosions/Remote violence"]
    assert len(events) == 1
    e = events[0]
    assert numbers(e) == {"sorties": 14, "targets": 6}
    assert e.targets == ["actor:islamic-state"]
    assert e.actors == ["actor:russian-defence-ministry"]
    assert e.date == "2015-09-29"


def test_accusation_and_the_killing_it_asserts(nlp: Any) -> None:
    text = "The opposition coalition accused Moscow of killing 17 civilians in Homs."
    events = analyse(nlp, text)
    accused = by_trigger(events, "accused")
    assert accused.subtype == "Accusation" and accused.targets == ["actor:russia"]
    killing = by_trigger(events, "killing")
    assert killing.type == "Violence against civilians"
    assert killing.actors == ["actor:russia"]
    assert numbers(killing) == {"fatalities": 17, "fatalities_civilian": 17}
    assert killing.claim_index is not None


@dataclass
class FakeClaim:
    """A Claim-like record, so the claim link is tested without crosswire.nlp.claims.find."""

    start: int
    end: int
    content_start: int
    content_end: int
    speaker_start: int
    speaker_end: int
    speaker_text: str
    cue: str
    cue_start: int | None
    kind: str
    quote: bool = False


def test_claim_link_with_hand_made_claims(nlp: Any) -> None:
    text = "The Pentagon denied that its drones had bombed a market in Raqqa."
    content = text.index("its drones")
    claim = FakeClaim(
        0, len(text), content, len(text) - 1, 0, 12, "The Pentagon", "deny", 13, "denial"
    )
    e = by_trigger(analyse(nlp, text, claims=[claim]), "bombed")
    assert e.claim_index == 0
    assert e.negated
    assert e.actors == ["actor:pentagon"]


def test_bad_input_does_not_raise(nlp: Any) -> None:
    assert analyse(nlp, "") == []
    assert analyse(nlp, "   \n\n  ") == []
    assert analyse(nlp, "The weather was mild.") == []


# --- the real seed articles (skipped when ../shared is absent) ---------------


def seed(seeds_dir: Path, prefix: str) -> str:
    return next(seeds_dir.glob(prefix + "_*.txt")).read_text(encoding="utf-8")


def test_seed_004_jisr_al_shughur(nlp: Any, seeds_dir: Path) -> None:
    events = analyse(nlp, seed(seeds_dir, "004"))
    [e] = [
        e
        for e in events
        if "Jisr al-Shughur and Jabal" in seed(seeds_dir, "004")[e.start : e.end]
        and e.trigger == "strikes"
    ]
    assert e.subtype == "Air/drone strike"
    assert e.actors == ["actor:russia"]
    assert e.targets == ["actor:army-of-conquest"]
    assert e.place is not None and e.place.name == "Jisr al-Shughur" and e.place_precision == 1
    assert numbers(e) == {"aircraft": 4}
    sorties = by_trigger(events, "sorties")
    assert numbers(sorties) == {"sorties": 20, "targets": 8}
    assert sorties.targets == ["actor:islamic-state"]
    assert sorties.claim_index is not None
    killing = by_trigger(events, "killing")
    assert killing.actors == ["actor:russia"]
    assert numbers(killing) == {"fatalities": 36, "fatalities_civilian": 36}
    assert killing.claim_index is not None


def test_seed_000_sheikh_miskeen(nlp: Any, seeds_dir: Path) -> None:
    events = analyse(nlp, seed(seeds_dir, "000"))
    captured = by_trigger(events, "captured")
    assert (captured.type, captured.subtype) == ("Battles", "Government regains territory")
    assert captured.actors == ["actor:syrian-army"]
    assert captured.place is not None and captured.place.name == "Sheikh Miskeen"
    assert captured.claim_index is not None


def test_seed_003_senators_vote(nlp: Any, seeds_dir: Path) -> None:
    events = analyse(nlp, seed(seeds_dir, "003"))
    voted = by_trigger(events, "voted")
    assert (voted.type, voted.subtype) == ("Political", "Vote")
    assert voted.actors == ["actor:russian-senate"]
    assert voted.date == "2015-09-30"
    killing = by_trigger(events, "killing")
    assert numbers(killing) == {"fatalities": 36, "fatalities_civilian": 36}


# Walking up the parse must always end at the root. spaCy makes a new ``Token``
# object on every access, so ``tok.head is tok`` is never true, even at the
# root: a climb "until the head is the token itself" by identity never stopped
# on a sentence whose root is no verb (a headline such as "Fatal shooting on
# Sunday"). The walks compare token indices instead.


class _Hung(BaseException):
    """Not an ``Exception``: find_events logs and skips a sentence that raises one."""


@pytest.fixture()
def time_limit() -> Iterator[None]:
    def _fail(signum: int, frame: Any) -> None:
        raise _Hung("event analysis did not finish: a parse walk loops")

    old = signal.signal(signal.SIGALRM, _fail)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_spacy_tokens_are_new_objects_so_walks_compare_indices(nlp: Any) -> None:
    root = next(t for t in nlp("Fatal shooting on Sunday.") if t.dep_ == "ROOT")
    assert root.head is not root
    assert root.head.i == root.i


# A local-news "incident card": one long verbless sentence with a date in it.
_CARD = (
    "Incident Information\n\nDate – March 3rd, 2016\n\nType – Shooting\n\n"
    "Weapon Information – Handgun\n\nInvestigating Agency – Millbrook Police\n\n"
    "Victim Information\n\nName – Carl Jones\n\nAge – 22\n\nComments"
)


@pytest.mark.parametrize(
    "text",
    [_CARD, "Fatal shooting on Sunday in Toledo.", "Another shooting last week: two dead."],
)
def test_verbless_sentences_with_dates_finish(nlp: Any, text: str, time_limit: None) -> None:
    events = analyse(nlp, text)
    assert all(e.trigger for e in events)


def test_a_station_is_a_place_stationing_is_an_act(nlp: Any) -> None:
    """The noun names a building ("a petrol station"); only the verb sets up a base."""
    hit = analyse(nlp, "The strikes hit a fuel depot and a petrol station on the road to Mosul.")
    assert all(e.subtype != "Headquarters or base established" for e in hit)
    based = analyse(nlp, "The army stationed two battalions in the town on Monday.")
    assert [e.subtype for e in based] == ["Headquarters or base established"]
