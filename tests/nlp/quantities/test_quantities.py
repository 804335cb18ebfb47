"""Tests for crosswire.nlp.quantities.find: counts, measures and vague-count bounds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crosswire.nlp.quantities.find import Quantity, find_quantities, parse_number

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "nlp" / "h7_flood_report.txt"


def run(nlp: Any, text: str) -> list[Quantity]:
    doc = nlp(text)
    found = find_quantities(doc)
    for q in found:
        assert text[q.start : q.end] == q.text
    return found


def one(nlp: Any, text: str) -> Quantity:
    found = run(nlp, text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["two", "thousand"], 2000),
        (["twenty", "-", "five"], 25),
        (["a", "dozen"], 12),
        (["three", "hundred", "and", "fifty"], 350),
        (["1.5", "million"], 1_500_000),
        (["240,000"], 240_000),
        (["banana"], None),
    ],
)
def test_parse_number(words: list[str], value: float | None) -> None:
    assert parse_number(words) == value


@pytest.mark.parametrize(
    ("text", "span", "value", "low", "high", "qualifier"),
    [
        ("Rescuers pulled 14 bodies from the rubble.", "14 bodies", 14, 14, 14, None),
        ("At least 14 bodies were found.", "At least 14 bodies", 14, 14, None, "at least"),
        ("More than 200 families fled.", "More than 200 families", 200, 200, None, "more than"),
        ("Police held over 80 protesters.", "over 80 protesters", 80, 80, None, "over"),
        ("Nearly 600 homes were flooded.", "Nearly 600 homes", 600, 540, 600, "nearly"),
        ("Almost 500 homes were flooded.", "Almost 500 homes", 500, 450, 500, "almost"),
        ("About 2,000 residents left.", "About 2,000 residents", 2000, 1800, 2200, "about"),
        ("Some two thousand militants gathered.", "Some two thousand militants", 2000, 1800,
         2200, "some"),
        ("Up to 300 families fled.", "Up to 300 families", 300, None, 300, "up to"),
        ("Fewer than 20 protesters stayed.", "Fewer than 20 protesters", 20, None, 20,
         "fewer than"),
    ],
)  # fmt: skip
def test_approximators(
    nlp: Any,
    text: str,
    span: str,
    value: float,
    low: float | None,
    high: float | None,
    qualifier: str | None,
) -> None:
    q = one(nlp, text)
    assert (q.text, q.value, q.low, q.high, q.qualifier) == (span, value, low, high, qualifier)


@pytest.mark.parametrize(
    ("text", "qualifier", "value", "low", "high", "noun"),
    [
        ("Dozens of fishermen are missing.", "dozens of", 12, 12, 99, "fisherman"),
        ("Scores of people died.", "scores of", 20, 20, 199, "people"),
        ("Hundreds of firefighters fought the blaze.", "hundreds of", 100, 100, 999,
         "firefighter"),
        ("Thousands of residents were evacuated.", "thousands of", 1000, 1000, 9999, "resident"),
        ("Tens of thousands of people marched.", "tens of thousands of", 10000, 10000, 99999,
         "people"),
        ("Several dozen Russian air strikes hit the town.", "several dozen", 36, 36, 108,
         "air strike"),
        ("A few soldiers were hurt.", "a few", 2, 2, 5, "soldier"),
        ("Several vehicles burned.", "several", 3, 3, 9, "vehicle"),
    ],
)  # fmt: skip
def test_vague_counts_follow_acled_conservative_reading(
    nlp: Any, text: str, qualifier: str, value: float, low: float, high: float, noun: str
) -> None:
    q = one(nlp, text)
    assert (q.qualifier, q.value, q.low, q.high, q.noun) == (qualifier, value, low, high, noun)


def test_units_and_conversions(nlp: Any) -> None:
    q = one(nlp, "The army took over 12,000 square kilometers of land.")
    assert (q.text, q.unit, q.value, q.low, q.high) == (
        "over 12,000 square kilometers",
        "km2",
        12000,
        12000,
        None,
    )
    q = one(nlp, "The convoy travelled 120 km (75 miles) before the ambush.")
    assert (q.text, q.unit, q.value) == ("120 km (75 miles)", "km", 120)
    q = one(nlp, "Turnout was roughly 40 percent.")
    assert (q.unit, q.value, q.low, q.high) == ("percent", 40, 36, 44)
    assert one(nlp, "Prices rose 30% in a month.").unit == "percent"


def test_nouns_and_modifiers(nlp: Any) -> None:
    q = one(nlp, 'The jets struck "eight Islamic State targets" near the city.')
    assert (q.text, q.noun, q.modifiers) == ("eight Islamic State targets", "target",
                                             ("Islamic State",))  # fmt: skip
    q = one(nlp, "A war with more than 240,000 people dead has ended.")
    assert (q.text, q.noun, q.modifiers) == ("more than 240,000 people dead", "people", ("dead",))
    q = one(nlp, "The army retook 586 populated areas.")
    assert (q.noun, q.modifiers) == ("populated area", ())
    q = one(nlp, "Four Russian warplanes struck bases.")
    assert (q.value, q.noun, q.modifiers) == (4, "warplane", ("Russian",))
    found = run(nlp, "Police arrested 12 people and said 7 others were killed.")
    assert [(q.value, q.noun, q.modifiers) for q in found] == [
        (12, "people", ("arrested",)),
        (7, "other", ("killed",)),
    ]
    q = one(nlp, "Officials said 23 injured were taken to hospital.")
    assert (q.value, q.noun, q.modifiers) == (23, None, ("injured",))
    q = one(nlp, "The ferry carried twenty-five passengers.")
    assert (q.value, q.noun) == (25, "passenger")
    q = one(nlp, "The ministry said a dozen drones were shot down.")
    assert (q.value, q.noun, q.qualifier) == (12, "drone", None)


@pytest.mark.parametrize(
    "text",
    [
        "It was the second straight day of raids.",
        "The fleet includes Su-24M and Su-34 bombers.",
        "MIG 29 jet fighters flew over the square.",
        "The war began in 2011 and a truce followed on May 7, 2016.",
        "The four-year war has lasted almost five years.",
        "Moscow gave only an hour's notice.",
        "No one was hurt when one of the cranes fell.",
        "Resolution 2254 was adopted.",
        "",
    ],
)
def test_not_counts(nlp: Any, text: str) -> None:
    assert run(nlp, text) == []


def test_bad_input_never_raises() -> None:
    assert find_quantities(None) == []


def test_fixture_article(nlp: Any) -> None:
    found = {q.text: q for q in run(nlp, FIXTURE.read_text(encoding="utf-8"))}
    assert found["At least 27 people"].modifiers == ("killed",)
    assert found["several dozen military trucks"].noun == "truck"
    assert found["about 3 metres (10 feet)"].unit == "m"
    assert found["over 150 square kilometres"].unit == "km2"
    assert found["80 percent"].unit == "percent"
    assert not any("4 dam" in t for t in found)  # "Mk 4" is a designation


# (text, value, low, high, unit, noun, qualifier, modifiers) the seeds must yield.
SEED_EXPECTED: list[tuple[str, float, float | None, float | None, str | None, str | None,
                          str | None, tuple[str, ...]]] = [
    ("20 sorties", 20, 20, 20, None, "sortie", None, ()),
    ("eight Islamic State targets", 8, 8, 8, None, "target", None, ("Islamic State",)),
    ("some two thousand militants", 2000, 1800, 2200, None, "militant", "some", ()),
    ("more than 240,000 people dead", 240000, 240000, None, None, "people", "more than",
     ("dead",)),
    ("nearly 600 populated areas", 600, 540, 600, None, "populated area", "nearly", ()),
    ("over 12,000 square kilometers", 12000, 12000, None, "km2", None, "over", ()),
    ("several dozen Russian air strikes", 36, 36, 108, None, "air strike", "several dozen",
     ("Russian",)),
    ("scores of people", 20, 20, 199, None, "people", "scores of", ()),
    ("169 flights", 169, 169, 169, None, "flight", None, ()),
    ("almost 500 targets", 500, 450, 500, None, "target", "almost", ()),
    ("more than 50 military aircraft", 50, 50, None, None, "aircraft", "more than",
     ("military",)),
    ("36 civilians", 36, 36, 36, None, "civilian", None, ("killed",)),
    ("four Russian warplanes", 4, 4, 4, None, "warplane", None, ("Russian",)),
    ("586 populated areas", 586, 586, 586, None, "populated area", None, ()),
    ("150 towns", 150, 150, 150, None, "town", None, ()),
    ("264,000 refugees", 264000, 264000, 264000, None, "refugee", None, ()),
    ("over 470,000 people", 470000, 470000, None, None, "people", "over", ()),
    ("some 50 kilometers (30 miles)", 50, 45, 55, "km", None, "some", ()),
]  # fmt: skip


def test_seeds(nlp: Any, seeds_dir: Path) -> None:
    found: dict[str, Quantity] = {}
    texts = []
    for path in sorted(seeds_dir.glob("*")):
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        for q in run(nlp, text):
            found.setdefault(q.text, q)
    for text, value, low, high, unit, noun, qualifier, modifiers in SEED_EXPECTED:
        q = found.get(text)
        assert q is not None, f"missing {text!r}"
        got = (q.value, q.low, q.high, q.unit, q.noun, q.qualifier, q.modifiers)
        assert got == (value, low, high, unit, noun, qualifier, modifiers), text
    # No model names, ordinals, years, durations or the mile conversion as separate counts.
    for bad in ("24", "29", "27", "second", "1979", "2012", "30 miles", "an hour", "five"):
        assert not any(t == bad or t.startswith(bad + " ") for t in found), bad


def test_ranges(nlp: Any) -> None:
    q = one(nlp, "Between 20 and 30 people died.")  # spaCy calls this a DATE; it is a count
    assert (q.value, q.low, q.high, q.qualifier, q.noun) == (20, 20, 30, "between", "people")
    q = one(nlp, "Officials said 20 to 30 houses burned.")
    assert (q.text, q.value, q.low, q.high, q.qualifier) == ("20 to 30 houses", 20, 20, 30, "to")
    q = one(nlp, "Some 40-50 fighters were seen.")
    assert (q.value, q.low, q.high, q.qualifier) == (40, 36, 55, "some")
    q = one(nlp, "More than a dozen soldiers were hurt.")
    assert (q.value, q.low, q.high, q.qualifier, q.noun) == (12, 12, None, "more than", "soldier")
