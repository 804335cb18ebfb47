"""Tests for crosswire.meta.dates: parsing, refusal reasons, disambiguation, precedence."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.meta.dates import (
    R_AMBIGUOUS,
    R_CONTRADICTED,
    R_CRAWL,
    R_EPOCH,
    R_FUTURE,
    R_OVERRULED,
    R_PREWEB,
    R_UNPARSEABLE,
    PublicationDate,
    choose_publication_date,
    parse_date,
    url_date_candidates,
)
from crosswire.model import DateCandidate, RejectedDate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "meta"
INGESTED = dt.date(2024, 6, 1)
D = dt.date


@pytest.fixture(scope="module")
def shared_seeds() -> Path:
    path = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/corpus/seeds is not available on this machine")
    return path


def choose(
    *cands: tuple[str, str], url: str | None = None, text: str = "", **kw: bool
) -> PublicationDate:
    candidates = [DateCandidate(value=v, origin=o) for v, o in cands]
    return choose_publication_date(candidates, url=url, text=text, ingested=INGESTED, **kw)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-10-01", [D(2015, 10, 1)]),
        ("2015-10-01T09:12:00+03:00", [D(2015, 10, 1)]),
        ("2015-10-01T23:30:00-05:00", [D(2015, 10, 1)]),  # local day kept, not UTC
        ("2015-10-01T09:12:00.123Z", [D(2015, 10, 1)]),
        ("Thu, 01 Oct 2015 09:12:00 +0000", [D(2015, 10, 1)]),
        ("January 1, 1970", [D(1970, 1, 1)]),
        ("1 October 2015", [D(2015, 10, 1)]),
        ("Oct. 1, 2015", [D(2015, 10, 1)]),
        ("Sept. 30th, 2015", [D(2015, 9, 30)]),
        ("Thursday, October 1, 2015 10:30 AM GMT", [D(2015, 10, 1)]),
        ("2015/10/01", [D(2015, 10, 1)]),
        ("20151001", [D(2015, 10, 1)]),
        ("13/10/2015", [D(2015, 10, 13)]),
        ("10/13/2015", [D(2015, 10, 13)]),
        ("05/05/2015", [D(2015, 5, 5)]),
        ("01/10/15", [D(2015, 10, 1), D(2015, 1, 10)]),
        ("01/10/2015", [D(2015, 10, 1), D(2015, 1, 10)]),
        ("Published on 01/10/2015", [D(2015, 10, 1), D(2015, 1, 10)]),
        ("Last updated: January 1, 1970", [D(1970, 1, 1)]),
        ("31 February 2015", []),
        ("1443690000", []),  # unix timestamps are not dates here
        ("yesterday", []),
        ("", []),
    ],
)
def test_parse_date_readings(value: str, expected: list[dt.date]) -> None:
    assert parse_date(value) == expected


def test_parse_date_prefer_monthfirst_orders_readings() -> None:
    assert parse_date("01/10/2015", prefer_dayfirst=False) == [D(2015, 1, 10), D(2015, 10, 1)]
    assert parse_date("01/10/2015", prefer_dayfirst=True) == [D(2015, 10, 1), D(2015, 1, 10)]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("Last updated: January 1, 1970", R_EPOCH),
        ("1970-01-01T00:00:00Z", R_EPOCH),
        ("1969-12-31T19:00:00-05:00", R_EPOCH),
        ("2031-03-04", R_FUTURE),
        ("1989-11-09", R_PREWEB),
        ("sometime last week", R_UNPARSEABLE),
    ],
)
def test_impossible_values_rejected_with_original_string(value: str, reason: str) -> None:
    result = choose((value, "meta"))
    assert result == PublicationDate(None, None, [RejectedDate(value, reason)])


def test_crawl_dates_are_never_publication_dates() -> None:
    result = choose(("2015-10-01", "warc"))
    assert result.published is None
    assert result.rejected == [RejectedDate("2015-10-01", R_CRAWL)]


def test_no_candidates_gives_none() -> None:
    assert choose() == PublicationDate(None, None, [])


def test_weekdays_settle_day_month_ambiguity() -> None:
    text = "Russian warplanes struck again Thursday, a day after Moscow on Wednesday began raids."
    result = choose(("Published on 01/10/2015", "text"), text=text)
    assert (result.published, result.origin, result.rejected) == ("2015-10-01", "text", [])


def test_weekdays_settle_month_first_reading_too() -> None:
    # 2015-01-10 was a Saturday; 2015-10-01 a Thursday.
    text = "The ministry said Saturday that the convoy, which left Friday, had arrived."
    assert choose(("01/10/2015", "text"), text=text).published == "2015-01-10"


def test_weekday_fixture_article() -> None:
    text = (FIXTURES / "ambiguous_flood.txt").read_text(encoding="utf-8")
    line = re.search(r"Published on (\S+)", text)
    assert line is not None
    assert choose((line.group(0), "text"), text=text).published == "2019-04-03"


def test_named_days_do_not_count_as_weekdays() -> None:
    # Only "Good Friday"/"Black Friday" mention Friday; 2016-03-04 was a Friday.
    text = "Shops prepared for Black Friday and churches for Good Friday."
    result = choose(("04/03/2016", "text"), text=text)
    assert result.published is None
    assert result.rejected == [RejectedDate("04/03/2016", R_AMBIGUOUS)]


def test_explicit_text_dates_settle_ambiguity() -> None:
    text = "Moscow began its air campaign on September 30 at the request of Damascus."
    assert choose(("01/10/2015", "text"), text=text).published == "2015-10-01"


def test_unresolved_ambiguity_is_refused_not_guessed() -> None:
    result = choose(("01/10/2015", "text"), text="No day names at all here.")
    assert result == PublicationDate(None, None, [RejectedDate("01/10/2015", R_AMBIGUOUS)])


def test_single_weekday_mention_is_not_enough() -> None:
    text = "The restaurant is open until late on Sunday."
    assert choose(("11/09/2023", "text"), text=text).rejected[0].reason == R_AMBIGUOUS


def test_weak_evidence_is_not_enough() -> None:
    # One Thursday against one Saturday: no clear margin, so no guess.
    text = "Talks held Thursday continued on Saturday."
    assert choose(("01/10/2015", "text"), text=text).rejected[0].reason == R_AMBIGUOUS


@pytest.mark.parametrize(("dayfirst", "expected"), [(True, "2015-10-01"), (False, "2015-01-10")])
def test_locale_hint_used_only_when_text_is_silent(dayfirst: bool, expected: str) -> None:
    assert choose(("01/10/2015", "text"), dayfirst=dayfirst).published == expected


def test_text_evidence_beats_locale_hint() -> None:
    text = "Strikes resumed Thursday after raids on Wednesday."
    assert choose(("01/10/2015", "text"), text=text, dayfirst=False).published == "2015-10-01"


def test_url_date_settles_ambiguity() -> None:
    result = choose(("01/10/2015", "text"), url="https://x.example/2015/01/10/story")
    assert (result.published, result.origin) == ("2015-01-10", "url")
    assert result.rejected == []


def test_url_month_settles_ambiguity() -> None:
    result = choose(("01/10/2015", "text"), url="https://x.example/news/2015/10/story-123")
    assert (result.published, result.origin) == ("2015-10-01", "text")


def test_other_candidate_settles_ambiguity() -> None:
    result = choose(("01/10/2015", "text"), ("2015-10-01T08:00:00Z", "meta"))
    assert (result.published, result.origin, result.rejected) == ("2015-10-01", "meta", [])


@pytest.mark.parametrize(
    ("url", "value"),
    [
        ("https://site.example/2015/10/01/russia-strikes", "2015/10/01"),
        ("https://site.example/world/20151001/russia-strikes.html", "20151001"),
        ("https://site.example/world/russia-strikes-2015-10-01.html", "2015-10-01"),
        ("site.example/2015_10_01_story", "2015_10_01"),
    ],
)
def test_url_dates_found_in_path(url: str, value: str) -> None:
    assert url_date_candidates(url) == [DateCandidate(value, "url")]
    result = choose(url=url)
    assert (result.published, result.origin) == ("2015-10-01", "url")


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://site.example/story?id=20151001",  # query strings are not the path
        "https://20151001.example/story",
        "https://site.example/id/123456789/story",
        "http://[::1",  # malformed
    ],
)
def test_no_url_date(url: str | None) -> None:
    assert url_date_candidates(url) == []


def test_precedence_meta_over_url_over_text() -> None:
    result = choose(
        ("2015-10-02", "text"), ("2015-10-01", "meta"), url="https://s.example/2015/10/01/a"
    )
    assert (result.published, result.origin) == ("2015-10-01", "meta")
    assert result.rejected == [RejectedDate("2015-10-02", R_OVERRULED)]

    result = choose(("2015-10-03", "text"), url="https://s.example/2015/10/01/a")
    assert (result.published, result.origin) == ("2015-10-01", "url")
    assert result.rejected == [RejectedDate("2015-10-03", R_CONTRADICTED)]

    result = choose(("2015-10-03", "text"))
    assert (result.published, result.origin) == ("2015-10-03", "text")


@pytest.mark.parametrize("origin", ["meta", "record", "feed"])
def test_candidate_contradicted_by_url_is_demoted(origin: str) -> None:
    result = choose(("2016-02-09", origin), url="https://s.example/2015/10/01/a")
    assert (result.published, result.origin) == ("2015-10-01", "url")
    assert result.rejected == [RejectedDate("2016-02-09", R_CONTRADICTED)]


def test_url_local_day_beats_utc_metadata_one_day_off() -> None:
    # A US evening story: metadata in UTC says the next day, the URL the local day.
    result = choose(("2019-11-19T07:03:25+00:00", "meta"), url="https://s.example/2019/11/18/a")
    assert (result.published, result.origin) == ("2019-11-18", "url")
    assert result.rejected == [RejectedDate("2019-11-19T07:03:25+00:00", R_OVERRULED)]


def test_metadata_agreeing_with_url_keeps_its_origin() -> None:
    result = choose(("2015-10-01T09:00:00Z", "meta"), url="https://s.example/2015/10/01/a")
    assert (result.published, result.origin, result.rejected) == ("2015-10-01", "meta", [])


def test_earliest_wins_within_a_tier() -> None:
    result = choose(("2015-10-04T10:00:00Z", "meta"), ("2015-10-01T09:00:00Z", "meta"))
    assert result.published == "2015-10-01"
    assert result.rejected == [RejectedDate("2015-10-04T10:00:00Z", R_OVERRULED)]


def test_refused_candidate_does_not_block_a_valid_one() -> None:
    result = choose(("Last updated: January 1, 1970", "text"), ("2015-10-01", "record"))
    assert (result.published, result.origin) == ("2015-10-01", "record")
    assert result.rejected == [RejectedDate("Last updated: January 1, 1970", R_EPOCH)]


def test_seed_000_epoch_and_004_weekdays(shared_seeds: Path) -> None:
    """The real seeds: 000's CMS-default date is refused; 004's numeric date is resolved."""
    line_re = re.compile(r"^(?:Published on|Last updated:)\s*.+$", re.MULTILINE)
    found = {}
    for prefix in ("000", "004"):
        path = next(shared_seeds.glob(f"{prefix}_*.txt"))
        text = path.read_text(encoding="utf-8")
        lines = line_re.findall(text)
        assert len(lines) == 1
        cands = [DateCandidate(lines[0].strip(), "text")]
        found[prefix] = choose_publication_date(cands, url=None, text=text, ingested=INGESTED)
    assert found["000"] == PublicationDate(
        None, None, [RejectedDate("Last updated: January 1, 1970", R_EPOCH)]
    )
    assert found["004"] == PublicationDate("2015-10-01", "text", [])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.booleans()))
def test_parse_date_never_raises(value: str, dayfirst: bool | None) -> None:
    for reading in parse_date(value, prefer_dayfirst=dayfirst):
        assert isinstance(reading, dt.date)


_date_like = st.from_regex(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.builds(
            DateCandidate,
            value=st.one_of(st.text(max_size=80), _date_like),
            origin=st.sampled_from(["meta", "record", "feed", "url", "text", "warc", "odd"]),
        ),
        max_size=5,
    ),
    st.one_of(st.none(), st.text(max_size=80), st.just("http://[::1"), st.just("/2015/13/45/")),
    st.text(max_size=300),
    st.dates(),
    st.one_of(st.none(), st.booleans()),
)
def test_choose_never_raises(
    cands: list[DateCandidate], url: str | None, text: str, ingested: dt.date, dayfirst: bool | None
) -> None:
    result = choose_publication_date(
        cands, url=url, text=text, ingested=ingested, dayfirst=dayfirst
    )
    if result.published is None:
        assert result.origin is None
    else:
        assert dt.date.fromisoformat(result.published) <= ingested
