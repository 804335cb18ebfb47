"""Tests for crosswire.nlp.temporal.find: finding and resolving time expressions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from crosswire.nlp.temporal.find import TimeExpression, find_dates

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "nlp" / "h7_flood_report.txt"
THU = dt.date(2015, 10, 1)  # a Thursday


def by_text(found: list[TimeExpression]) -> dict[str, TimeExpression]:
    return {t.text: t for t in found}


def one(text: str, published: dt.date | None = THU) -> TimeExpression:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def test_offsets_point_into_the_text() -> None:
    text = "Talks were held on September 30, 2015 in Geneva."
    t = one(text)
    assert text[t.start : t.end] == t.text == "September 30, 2015"
    assert (t.value, t.granularity, t.unresolved) == ("2015-09-30", "day", None)


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("The truce began on 30 September 2015.", "2015-09-30", "day"),
        ("Protests started in March 2011.", "2011-03", "month"),
        ("Troops arrived on Thursday, October 1, 2015.", "2015-10-01", "day"),
        ("The report is dated 2015-09-28.", "2015-09-28", "day"),
        ("The Soviet invasion began in 1979.", "1979", "year"),
    ],
)
def test_absolute_dates_resolve_without_publication(
    text: str, value: str, granularity: str
) -> None:
    t = one(text, None)
    assert (t.value, t.granularity, t.unresolved) == (value, granularity, None)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Jets struck the town on Thursday.", "2015-10-01"),  # same day as publication
        ("Jets struck the town late Wednesday.", "2015-09-30"),
        ("Jets struck the town on Monday.", "2015-09-28"),
        ("Jets struck the town on Friday.", "2015-09-25"),  # never after publication
        ("Jets struck the town last Thursday.", "2015-09-24"),
    ],
)
def test_weekdays_are_the_most_recent_such_day(text: str, value: str) -> None:
    assert one(text).value == value


def test_future_verb_moves_weekday_forward(nlp: Any) -> None:
    doc = nlp("Peace talks are set to begin in Geneva on Friday.")
    assert [t.value for t in find_dates(doc, THU)] == ["2015-10-02"]
    doc = nlp("The envoy will travel to Moscow on Monday.")
    assert [t.value for t in find_dates(doc, THU)] == ["2015-10-05"]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The campaign began on September 30.", THU, "2015-09-30"),
        ("A summit is planned for October 6.", THU, "2015-10-06"),  # within 7 days ahead
        ("Elections were held on December 20.", THU, "2014-12-20"),
        ("A ceasefire began on February 27.", dt.date(2016, 6, 6), "2016-02-27"),
    ],
)
def test_month_day_takes_nearest_year(text: str, published: dt.date, value: str) -> None:
    assert one(text, published).value == value


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("Jets flew 5,000 sorties last year.", "2014", "year"),
        ("Rebels have held the town since February.", "2015-02-01/2015-10-01", "range"),
        ("The jets struck overnight.", "2015-09-30/2015-10-01", "range"),
        ("The offensive began last week.", "2015-W39", "week"),
        ("The offensive began yesterday.", "2015-09-30", "day"),
        ("The offensive began today.", "2015-10-01", "day"),
        ("Aid arrived earlier this month.", "2015-10-01/2015-10-01", "range"),
        ("Strikes began earlier this week.", "2015-09-28/2015-10-01", "range"),
        ("Fighting flared over the weekend.", "2015-09-26/2015-09-27", "range"),
        ("The town fell two weeks ago.", "2015-W38", "week"),
        ("The town has been besieged since 2012.", "2012-01-01/2015-10-01", "range"),
        ("The war has raged since March 2011.", "2011-03-01/2015-10-01", "range"),
        ("Jets flew 169 flights from Friday to Sunday.", "2015-09-25/2015-09-27", "range"),
    ],
)
def test_relative_expressions(text: str, value: str, granularity: str) -> None:
    t = one(text)
    assert (t.value, t.granularity, t.unresolved) == (value, granularity, None)


@pytest.mark.parametrize(
    ("text", "granularity"),
    [
        ("Jets struck the town on Thursday.", "day"),
        ("The jets struck overnight.", "range"),
        ("The offensive began last week.", "week"),
        ("The campaign began on September 30.", "day"),
        ("Rebels have held the town since February.", "range"),
    ],
)
def test_relative_without_publication_is_unresolved(text: str, granularity: str) -> None:
    t = one(text, None)
    assert t.value is None
    assert t.granularity == granularity
    assert t.unresolved is not None and "no publication date" in t.unresolved


def test_since_an_absolute_date_without_publication_is_open_ended() -> None:
    assert one("The war has raged since March 2011.", None).value == "2011-03-01/.."


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Washington accused Moscow of inflaming the four-year war.", "P4Y"),
        ("The war has lasted almost five years.", "P5Y"),
        ("Moscow gave only an hour's notice.", "PT1H"),
        ("Coalition jets have flown for more than a year.", "P1Y"),
    ],
)
def test_durations_are_not_dates(text: str, value: str) -> None:
    t = one(text)
    assert (t.granularity, t.value) == ("duration", value)


def test_numeric_dates() -> None:
    assert one("Published on 25/09/2015", None).value == "2015-09-25"
    ambiguous = one("Published on 01/10/2015", None)
    assert ambiguous.value is None and ambiguous.unresolved is not None
    assert ambiguous.unresolved.startswith("T02")
    # The publication date itself settles the order.
    assert one("Published on 01/10/2015", THU).value == "2015-10-01"
    invalid = one("Filed on February 30, 2015.", None)
    assert invalid.unresolved is not None and invalid.unresolved.startswith("T04")


def test_non_dates_are_ignored() -> None:
    assert find_dates("May I ask a question? He will march on.", THU) == []
    assert find_dates("", THU) == []
    assert find_dates(None, THU) == []  # bad input gives nothing, never raises


def test_fixture_article(nlp: Any) -> None:
    doc = nlp(FIXTURE.read_text(encoding="utf-8"))
    found = by_text(find_dates(doc, dt.date(2024, 3, 14)))
    assert found["14/03/2024"].value == "2024-03-14"
    assert found["late Monday"].value == "2024-03-11"
    assert found["overnight"].value == "2024-03-13/2024-03-14"
    assert found["over the weekend"].value == "2024-03-09/2024-03-10"
    assert found["since September 2010"].value == "2010-09-01/2024-03-14"
    assert found["three-day"].granularity == "duration"
    assert found["Friday"].value == "2024-03-15"  # "Engineers will inspect ... on Friday"
    assert found["March 21"].value == "2024-03-21"
    assert found["last week"].value == "2024-W10"
    assert found["March"].value == "2024-03"
    for t in found.values():
        assert doc.text[t.start : t.end] == t.text


SEED_PUBLISHED = {"003": THU, "004": THU, "001": dt.date(2016, 6, 6)}


def test_seeds(nlp: Any, seeds_dir: Path) -> None:
    docs = {p.name[:3]: nlp(p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*"))}
    s004 = by_text(find_dates(docs["004"], THU))
    assert s004["01/10/2015"].value == "2015-10-01"
    assert s004["Wednesday"].value == "2015-09-30"
    assert s004["overnight"].value == "2015-09-30/2015-10-01"
    assert s004["1979"].value == "1979"
    s003 = by_text(find_dates(docs["003"], THU))
    assert s003["late Wednesday"].value == "2015-09-30"
    assert s003["September 18"].value == "2015-09-18"
    assert s003["four-year"].granularity == "duration"
    s001 = by_text(find_dates(docs["001"], SEED_PUBLISHED["001"]))
    assert s001["since February"].value == "2016-02-01/2016-06-06"
    assert s001["since 2012"].value == "2012-01-01/2016-06-06"
    assert s001["since March 2011"].value == "2011-03-01/2016-06-06"
    assert s001["May 7, 2016"].value == "2016-05-07"
    assert s001["Last week"].value == "2016-W22"
    s002 = by_text(find_dates(docs["002"], None))
    assert s002["since September 30, 2015"].value == "2015-09-30/.."
    assert s002["February 27"].unresolved == "T01 no publication date"
    s000 = by_text(find_dates(docs["000"], dt.date(2016, 2, 2)))
    assert s000["almost five years"].granularity == "duration"
    assert s000["Friday"].value == "2016-02-05"  # talks "are set to begin ... on Friday"
    assert s000["from Friday to Sunday"].value == "2016-01-29/2016-01-31"


def test_numeric_date_entities_from_spacy_are_dropped(nlp: Any) -> None:
    # The small model tags "Between 20 and 30" as DATE; it is a count, not a date.
    assert find_dates(nlp("Between 20 and 30 people died."), THU) == []


def test_a_weekday_in_apposition_takes_the_stated_date() -> None:
    # published Thursday 2015-10-01: "a Thursday night" alone would be that very day
    found = find_dates("It was 10 p.m. on September 3, a Thursday night, when she was shot.", THU)
    assert [t.value for t in found if t.granularity == "day"] == ["2015-09-03", "2015-09-03"]
    alone = find_dates("She was shot on Thursday night, a week after September 3.", THU)
    assert [t.value for t in alone if t.granularity == "day"] == ["2015-10-01", "2015-09-03"]
