"""Time-expression patterns and their resolvers, for :mod:`crosswire.nlp.temporal.find`.

Each entry of ``PATTERNS`` is a regex and a handler that turns its match,
the publication date and a "future verb" flag into a :class:`Res`: an ISO
value at a granularity plus the first and last day it covers (used to fold
"from X to Y" into ranges), or the reason it stays unresolved. The rules
themselves are described in the :mod:`crosswire.nlp.temporal.find` docstring.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from crosswire.nlp.quantities.words import parse_number

Granularity = Literal["day", "week", "month", "year", "range", "duration", "unknown"]
AHEAD_DAYS = 7  # a month-day may lie this far after publication (scheduled events)
NO_PUB = "T01 no publication date"
AMBIGUOUS = "T02 ambiguous day/month order"
UNPARSED = "T03 unparsed date expression"
INVALID = "T04 invalid calendar date"


# --- resolution result: value plus the first/last day it covers ----------------------------


@dataclass(frozen=True)
class Res:
    """A resolved expression: value, granularity, covered days, or why unresolved."""

    value: str | None
    granularity: Granularity
    lo: dt.date | None = None
    hi: dt.date | None = None
    unresolved: str | None = None


# "jan" -> 1 ... "dec" -> 12; abbreviations and "Sept" share the first three letters.
_MONTHS = {name[:3].lower(): n for n, name in enumerate(calendar.month_name) if name}
_MON = (
    r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?=\s))"
)
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_WD_PREFIX = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_NUMWORD = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|several|a few)"
)
_QUAL = r"(?:(?:more than|over|almost|nearly|about|around|some|at least|less than|under) )?"
_UNIT = r"(?P<unit>year|month|week|day|hour|minute|min|decade)s?"
_DUR_CODE = {"year": "Y", "decade": "Y", "month": "M", "week": "W", "day": "D"}


def _day(d: dt.date) -> Res:
    return Res(d.isoformat(), "day", d, d)


def _month(y: int, m: int) -> Res:
    last = calendar.monthrange(y, m)[1]
    return Res(f"{y:04d}-{m:02d}", "month", dt.date(y, m, 1), dt.date(y, m, last))


def _year(y: int) -> Res:
    return Res(f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31))


def _week(d: dt.date) -> Res:
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return Res(f"{iso[0]}-W{iso[1]:02d}", "week", monday, monday + dt.timedelta(days=6))


def date_range(lo: dt.date, hi: dt.date | None) -> Res:
    """A range from ``lo`` to ``hi`` (open ``..`` end when ``hi`` is None)."""
    end = ".." if hi is None else hi.isoformat()
    return Res(f"{lo.isoformat()}/{end}", "range", lo, hi)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _mon(text: str) -> int:
    return _MONTHS[text.lower()[:3]]


def _count(text: str) -> float | None:
    """Number words for durations and "ago": "a"/"an" mean one, "several" is vague."""
    words = text.lower().replace("-", " ").split()
    if words in (["a"], ["an"]):
        return 1.0
    return parse_number(words)


# --- handlers: (match, published, future?) -> Res ----------------------------------------

Handler = Callable[[re.Match[str], dt.date | None, bool], Res]


def _h_full(m: re.Match[str], pub: dt.date | None, fut: bool) -> Res:
    d = _safe_date(int(m["year"]), _mon(m["mon"]), int(m["day"]))
    return _day(d) if d else Res(None, "day", unresolved=INVALID)


def _h_iso(m: re.Match[str], pub: dt.date | None, fut: bool) -> Res:
    d = _safe_date(int(m["year"]), int(m["m"]), int(m["day"]))
    return _day(d) if d else Res(None, "day", unresolved=INVALID)


def _h_numeric(m: re.Match[str], pub: dt.date | None, fut: bool) -> Res:
    a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
    readings = {d for d in (_safe_date(y, b, a), _safe_date(y, a, b)) if d is not None}
    if len(readings) == 1:
        return _day(readings.pop())
    if pub is not None:
        # Two readings: keep one only if it is the publication day or the other is in the future.
        if pub in readings:
            return _day(pub)
        past = [d for d in readings if d <= pub]
        if len(past) == 1:
            return _day(past[0])
    return Res(None, "day", unresolved=AMBIGUOUS if readings else INVALID)


def _h_month_year(m: re.Match[str], pub: dt.date | None, fut: bool) -> Res:
    return _month(int(m["year"]), _mon(m["mon"]))


def _h_month_day(m: re.Match[str], pub: dt.date | None, fut: bool) -> Res:
    month, day = _mon(m["mon"]), int(m["day"])
    if not 1 <= day <= 31:
        return Res(None, "day", unresolved=INVALID)
    if pub is None:
        return Res(None, "day", unresolved=NO_PUB)
    limit = pub + dt.timedelta(days=365 if fut else AHEAD_DAYS)
    for year in (pub.year + 1, pub.year, pub.year - 1, pub.year - 2):
        d = _safe_date(year, month, day)
        if d is not None and d <= limit:
            return _day(d)
    return Res(None, "day", unresolved=INVALID)


def _h_bare_month(m: re.Match[str], pub: dt.date | None, fut: bool) -> Res:
    if pub is None:
        return Res(None, "month", unresolved=NO_PUB)
    month = _mon(m["mon"])
    year = pub.year if month <= pub.month or fut else pub.year - 1
    if fut and month < pub.month:
        year = pub.year + 1
    return _month(year, month)


def _h_year(m: re.Match[str], pub: dt.date | None, fut: bool) -> Res:
    return _year(int(m["year"]))


def _h_weekday(m: re.Match[str], pub: dt.date | None, fut: bool) -> Res:
    if pub is None:
        return Res(None, "day", unresolved=NO_PUB)
    target = _DAYS.index(m["wd"].lower())
    which = (m["pre"] or "").lower()
    if which == "next" or (fut and which != "last"):
        return _day(pub + dt.timedelta(days=(target - pub.weekday()) % 7))
    back = (pub.weekday() - target) % 7
    if which == "last" and back == 0:
        back = 7
    return _day(pub - dt.timedelta(days=back))


def _unanchored(handler: Handler, m: re.Match[str], fut: bool) -> Res:
    """Without a publication date: keep the granularity, drop the value."""
    probe = handler(m, dt.date(2000, 1, 5), fut)
    return Res(None, probe.granularity, unresolved=NO_PUB)


def _h_relative(m: re.Match[str], pub: dt.date | None, fut: bool) -> Res:
    if pub is None:
        return _unanchored(_h_relative, m, fut)
    word = " ".join(m[0].lower().split())
    one = dt.timedelta(days=1)
    simple: dict[str, Callable[[], Res]] = {
        "yesterday": lambda: _day(pub - one),
        "today": lambda: _day(pub),
        "tonight": lambda: _day(pub),
        "tomorrow": lambda: _day(pub + one),
        "overnight": lambda: date_range(pub - one, pub),
        # local news: the night before the paper, the morning of it
        "last night": lambda: _day(pub - one),
        "last evening": lambda: _day(pub - one),
        "this morning": lambda: _day(pub),
        "this afternoon": lambda: _day(pub),
        "this evening": lambda: _day(pub),
        "earlier today": lambda: _day(pub),
        "early today": lambda: _day(pub),
        "yesterday morning": lambda: _day(pub - one),
        "yesterday afternoon": lambda: _day(pub - one),
        "yesterday evening": lambda: _day(pub - one),
        "last week": lambda: _week(pub - 7 * one),
        "this week": lambda: _week(pub),
        "next week": lambda: _week(pub + 7 * one),
        "last month": lambda: _month(*_shift_month(pub, -1)),
        "this month": lambda: _month(pub.year, pub.month),
        "next month": lambda: _month(*_shift_month(pub, 1)),
        "last year": lambda: _year(pub.year - 1),
        "this year": lambda: _year(pub.year),
        "next year": lambda: _year(pub.year + 1),
        "earlier this week": lambda: date_range(pub - pub.weekday() * one, pub),
        "earlier this month": lambda: date_range(pub.replace(day=1), pub),
        "earlier this year": lambda: date_range(dt.date(pub.year, 1, 1), pub),
    }
    make = simple.get(word)
    if make is not None:
        return make()
    if "weekend" in word:
        back = (pub.weekday() - 5) % 7  # days since the most recent Saturday
        if word.startswith("last") and back <= 1:
            back += 7
        sat = pub - back * one
        return date_range(sat, sat + one)
    return Res(None, "unknown", unresolved=UNPARSED)


def _h_ago(m: re.Match[str], pub: dt.date | None, fut: bool) -> Res:
    if pub is None:
        return _unanchored(_h_ago, m, fut)
    n = _count(m["n"])
    if n is None:
        return Res(None, "unknown", unresolved=UNPARSED)
    unit, k = m["unit"].lower(), int(n)
    if unit == "day":
        return _day(pub - dt.timedelta(days=k))
    if unit == "week":
        return _week(pub - dt.timedelta(days=7 * k))
    if unit == "month":
        return _month(*_shift_month(pub, -k))
    return _year(pub.year - k)


def _h_duration(m: re.Match[str], pub: dt.date | None, fut: bool) -> Res:
    unit = m["unit"].lower()
    n = _count(m["n"])
    if n is None:
        return Res(None, "duration")
    amount = int(n * 10) if unit == "decade" else int(n) if n == int(n) else n
    if unit in ("hour", "minute", "min"):
        return Res(f"PT{amount}{'H' if unit == 'hour' else 'M'}", "duration")
    return Res(f"P{amount}{_DUR_CODE[unit]}", "duration")


def _shift_month(d: dt.date, k: int) -> tuple[int, int]:
    idx = d.year * 12 + d.month - 1 + k
    return idx // 12, idx % 12 + 1


# Patterns that open with many alternatives start with a lookahead for the
# characters a match can start with (month/weekday names are matched
# case-sensitively, so: a capital or a digit): the regex engine then rejects
# every other position at once instead of trying each alternative there (up
# to 3x faster, same matches). Keep each class a superset of those letters.
_CAP = r"(?=[A-Z\d])"

PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(rf"{_CAP}\b{_WD_PREFIX}{_MON}\s+{_DAYNUM},?\s+{_YEAR}\b"), _h_full),
    (re.compile(rf"{_CAP}\b{_WD_PREFIX}{_DAYNUM}\s+{_MON}\s+{_YEAR}\b"), _h_full),
    (re.compile(r"\b(?P<year>\d{4})-(?P<m>\d\d)-(?P<day>\d\d)\b"), _h_iso),
    (re.compile(rf"\b(?P<a>\d\d?)[/.](?P<b>\d\d?)[/.]{_YEAR}\b"), _h_numeric),
    (re.compile(rf"{_CAP}\b{_MON},?\s+{_YEAR}\b"), _h_month_year),
    (re.compile(rf"{_CAP}\b{_WD_PREFIX}{_MON}\s+{_DAYNUM}\b(?![,.]?\d)"), _h_month_day),
    (re.compile(rf"{_CAP}\b{_WD_PREFIX}{_DAYNUM}\s+{_MON}"), _h_month_day),
    (
        re.compile(
            rf"\b(?:in|since|until|till|by|from|during|early|late|mid|of|for|to|last|next|this|a)"
            rf"[ -](?P<x>{_MON})(?!\s+\d)"
        ),
        _h_bare_month,
    ),
    (
        re.compile(
            rf"\b(?:in|since|until|till|by|from|during|early|late|mid|of|before|after)"
            rf"[ -](?P<x>{_YEAR})\b(?![,.]?\d|s\b)"
        ),
        _h_year,
    ),
    (
        re.compile(
            r"(?=[elnoty])\b(?:(?:earlier|later) this (?:week|month|year)|(?:last|this|next) "
            r"(?:week|month|year|weekend)|(?:over )?the weekend|last (?:night|evening)|"
            r"this (?:morning|afternoon|evening)|(?:earlier|early) today|"
            r"yesterday(?: (?:morning|afternoon|evening))?|today|tonight|"
            r"tomorrow|overnight)\b",
            re.IGNORECASE,
        ),
        _h_relative,
    ),
    (
        re.compile(
            rf"(?=[\daefnost])\b(?P<n>{_NUMWORD})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I
        ),
        _h_ago,
    ),
    (
        re.compile(
            rf"(?=[eflmnstw])\b(?:(?P<pre>early|late|last|next|this)\s+)?{_WD}"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.IGNORECASE,
        ),
        _h_weekday,
    ),
    (
        re.compile(
            rf"(?=[\daeflmnostu])\b{_QUAL}(?P<n>{_NUMWORD}(?:-\w+)?)[- ]{_UNIT}\b", re.IGNORECASE
        ),
        _h_duration,
    ),
]


# --- case-folded variants of the case-insensitive patterns (speed) ------------------------

# Characters that case-insensitive matching pairs with an ASCII letter although
# their lower case is not that letter (dotless i, long s): text holding one
# must be matched by the original patterns.
_EXTRA_CASE = frozenset("ıſ")


def _folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern lower-cased and compiled case-sensitively, for lower-cased text.

    ``re.IGNORECASE`` makes every literal a per-character case test; on text
    lower-cased once the same (lower-cased) literals match without it, about
    twice as fast. Handlers lower-case the groups they read, so they see the
    same values. Only patterns whose escapes keep their meaning when
    lower-cased qualify (``\\B``, ``\\S``, ``\\W``, ``\\D`` would flip).
    """
    if not pattern.flags & re.IGNORECASE or re.search(r"\\[A-Z]", pattern.pattern):
        return None
    source = pattern.pattern.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


FOLDED: list[re.Pattern[str] | None] = [_folded(p) for p, _ in PATTERNS]


def folded_text(text: str) -> str | None:
    """``text.lower()`` when matching :data:`FOLDED` on it equals matching ``PATTERNS``.

    That needs one lower-case character per character (offsets stay valid),
    no character case-insensitive matching pairs with a different ASCII
    letter, and no character whose word/digit/space class changes when
    lower-cased (``\\b``, ``\\w``, ``\\d``, ``\\s`` read the lowered text).
    Otherwise ``None``: the caller falls back to the original patterns.
    """
    low = text.lower()
    if len(low) != len(text):
        return None
    if not text.isascii():
        for ch in set(text):
            if ch.isascii():
                continue
            lo = ch.lower()
            if (
                ch in _EXTRA_CASE
                or lo.isalnum() != ch.isalnum()
                or lo.isdigit() != ch.isdigit()
                or lo.isdecimal() != ch.isdecimal()
                or lo.isspace() != ch.isspace()
            ):
                return None
    return low
