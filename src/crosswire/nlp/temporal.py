"""Dates and other time expressions, resolved against the publication date.

``find_dates(doc_or_text, published)`` finds explicit dates ("September 30,
2015", "March 2011", "in 1979"), relative ones ("Thursday", "late Wednesday",
"last week", "yesterday", "overnight", "since February") and durations
("four-year war", "almost five years"), each with character offsets into the
text. Rules, chosen for wire copy where the dateline is the anchor:

* A weekday is the most recent such day on or before publication; when the
  parse shows a future verb ("will meet on Friday", "are set to begin on
  Friday") it is the next such day on or after publication instead.
* A month-day without a year takes the year that puts it nearest on or before
  publication, allowing up to ``AHEAD_DAYS`` days ahead for scheduled events.
* A bare month ("in February") is the most recent such month on or before
  publication. "since X" is a range from the start of X to publication (open
  ``..`` end when there is no publication date).
* "overnight" is the night before publication: range published-1/published.
* Durations get granularity ``duration`` and an ISO 8601 duration value
  ("P4Y") or ``None`` when vague ("weeks"). They are not points in time.

Without a publication date absolute expressions still resolve; relative ones
get ``unresolved="T01 no publication date"``. Plain text (no spaCy ``Doc``)
uses the regexes only; a ``Doc`` adds its DATE/TIME entities the regexes
missed (as ``unknown``, "T03 unparsed date expression") and tense cues.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from crosswire.nlp.doccache import doc_text
from crosswire.nlp.quantities import parse_number

logger = logging.getLogger(__name__)

Granularity = Literal["day", "week", "month", "year", "range", "duration", "unknown"]
AHEAD_DAYS = 7  # a month-day may lie this far after publication (scheduled events)
NO_PUB = "T01 no publication date"
AMBIGUOUS = "T02 ambiguous day/month order"
UNPARSED = "T03 unparsed date expression"
INVALID = "T04 invalid calendar date"


@dataclass(frozen=True)
class TimeExpression:
    """One time expression: ISO ``value`` at ``granularity``, or why it is unresolved."""

    start: int
    end: int
    text: str
    value: str | None
    granularity: Granularity
    unresolved: str | None = None


# --- internal resolution result: value plus the first/last day it covers -------------------


@dataclass(frozen=True)
class _Res:
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


def _day(d: dt.date) -> _Res:
    return _Res(d.isoformat(), "day", d, d)


def _month(y: int, m: int) -> _Res:
    last = calendar.monthrange(y, m)[1]
    return _Res(f"{y:04d}-{m:02d}", "month", dt.date(y, m, 1), dt.date(y, m, last))


def _year(y: int) -> _Res:
    return _Res(f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31))


def _week(d: dt.date) -> _Res:
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return _Res(f"{iso[0]}-W{iso[1]:02d}", "week", monday, monday + dt.timedelta(days=6))


def _range(lo: dt.date, hi: dt.date | None) -> _Res:
    end = ".." if hi is None else hi.isoformat()
    return _Res(f"{lo.isoformat()}/{end}", "range", lo, hi)


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


# --- handlers: (match, published, future?) -> _Res ----------------------------------------

Handler = Callable[[re.Match[str], dt.date | None, bool], _Res]


def _h_full(m: re.Match[str], pub: dt.date | None, fut: bool) -> _Res:
    d = _safe_date(int(m["year"]), _mon(m["mon"]), int(m["day"]))
    return _day(d) if d else _Res(None, "day", unresolved=INVALID)


def _h_iso(m: re.Match[str], pub: dt.date | None, fut: bool) -> _Res:
    d = _safe_date(int(m["year"]), int(m["m"]), int(m["day"]))
    return _day(d) if d else _Res(None, "day", unresolved=INVALID)


def _h_numeric(m: re.Match[str], pub: dt.date | None, fut: bool) -> _Res:
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
    return _Res(None, "day", unresolved=AMBIGUOUS if readings else INVALID)


def _h_month_year(m: re.Match[str], pub: dt.date | None, fut: bool) -> _Res:
    return _month(int(m["year"]), _mon(m["mon"]))


def _h_month_day(m: re.Match[str], pub: dt.date | None, fut: bool) -> _Res:
    month, day = _mon(m["mon"]), int(m["day"])
    if not 1 <= day <= 31:
        return _Res(None, "day", unresolved=INVALID)
    if pub is None:
        return _Res(None, "day", unresolved=NO_PUB)
    limit = pub + dt.timedelta(days=365 if fut else AHEAD_DAYS)
    for year in (pub.year + 1, pub.year, pub.year - 1, pub.year - 2):
        d = _safe_date(year, month, day)
        if d is not None and d <= limit:
            return _day(d)
    return _Res(None, "day", unresolved=INVALID)


def _h_bare_month(m: re.Match[str], pub: dt.date | None, fut: bool) -> _Res:
    if pub is None:
        return _Res(None, "month", unresolved=NO_PUB)
    month = _mon(m["mon"])
    year = pub.year if month <= pub.month or fut else pub.year - 1
    if fut and month < pub.month:
        year = pub.year + 1
    return _month(year, month)


def _h_year(m: re.Match[str], pub: dt.date | None, fut: bool) -> _Res:
    return _year(int(m["year"]))


def _h_weekday(m: re.Match[str], pub: dt.date | None, fut: bool) -> _Res:
    if pub is None:
        return _Res(None, "day", unresolved=NO_PUB)
    target = _DAYS.index(m["wd"].lower())
    which = (m["pre"] or "").lower()
    if which == "next" or (fut and which != "last"):
        return _day(pub + dt.timedelta(days=(target - pub.weekday()) % 7))
    back = (pub.weekday() - target) % 7
    if which == "last" and back == 0:
        back = 7
    return _day(pub - dt.timedelta(days=back))


def _unanchored(handler: Handler, m: re.Match[str], fut: bool) -> _Res:
    """Without a publication date: keep the granularity, drop the value."""
    probe = handler(m, dt.date(2000, 1, 5), fut)
    return _Res(None, probe.granularity, unresolved=NO_PUB)


def _h_relative(m: re.Match[str], pub: dt.date | None, fut: bool) -> _Res:
    if pub is None:
        return _unanchored(_h_relative, m, fut)
    word = " ".join(m[0].lower().split())
    one = dt.timedelta(days=1)
    simple: dict[str, Callable[[], _Res]] = {
        "yesterday": lambda: _day(pub - one),
        "today": lambda: _day(pub),
        "tonight": lambda: _day(pub),
        "tomorrow": lambda: _day(pub + one),
        "overnight": lambda: _range(pub - one, pub),
        "last week": lambda: _week(pub - 7 * one),
        "this week": lambda: _week(pub),
        "next week": lambda: _week(pub + 7 * one),
        "last month": lambda: _month(*_shift_month(pub, -1)),
        "this month": lambda: _month(pub.year, pub.month),
        "next month": lambda: _month(*_shift_month(pub, 1)),
        "last year": lambda: _year(pub.year - 1),
        "this year": lambda: _year(pub.year),
        "next year": lambda: _year(pub.year + 1),
        "earlier this week": lambda: _range(pub - pub.weekday() * one, pub),
        "earlier this month": lambda: _range(pub.replace(day=1), pub),
        "earlier this year": lambda: _range(dt.date(pub.year, 1, 1), pub),
    }
    make = simple.get(word)
    if make is not None:
        return make()
    if "weekend" in word:
        back = (pub.weekday() - 5) % 7  # days since the most recent Saturday
        if word.startswith("last") and back <= 1:
            back += 7
        sat = pub - back * one
        return _range(sat, sat + one)
    return _Res(None, "unknown", unresolved=UNPARSED)


def _h_ago(m: re.Match[str], pub: dt.date | None, fut: bool) -> _Res:
    if pub is None:
        return _unanchored(_h_ago, m, fut)
    n = _count(m["n"])
    if n is None:
        return _Res(None, "unknown", unresolved=UNPARSED)
    unit, k = m["unit"].lower(), int(n)
    if unit == "day":
        return _day(pub - dt.timedelta(days=k))
    if unit == "week":
        return _week(pub - dt.timedelta(days=7 * k))
    if unit == "month":
        return _month(*_shift_month(pub, -k))
    return _year(pub.year - k)


def _h_duration(m: re.Match[str], pub: dt.date | None, fut: bool) -> _Res:
    unit = m["unit"].lower()
    n = _count(m["n"])
    if n is None:
        return _Res(None, "duration")
    amount = int(n * 10) if unit == "decade" else int(n) if n == int(n) else n
    if unit in ("hour", "minute", "min"):
        return _Res(f"PT{amount}{'H' if unit == 'hour' else 'M'}", "duration")
    return _Res(f"P{amount}{_DUR_CODE[unit]}", "duration")


def _shift_month(d: dt.date, k: int) -> tuple[int, int]:
    idx = d.year * 12 + d.month - 1 + k
    return idx // 12, idx % 12 + 1


_PATTERNS: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(rf"\b{_WD_PREFIX}{_MON}\s+{_DAYNUM},?\s+{_YEAR}\b"), _h_full),
    (re.compile(rf"\b{_WD_PREFIX}{_DAYNUM}\s+{_MON}\s+{_YEAR}\b"), _h_full),
    (re.compile(r"\b(?P<year>\d{4})-(?P<m>\d\d)-(?P<day>\d\d)\b"), _h_iso),
    (re.compile(rf"\b(?P<a>\d\d?)[/.](?P<b>\d\d?)[/.]{_YEAR}\b"), _h_numeric),
    (re.compile(rf"\b{_MON},?\s+{_YEAR}\b"), _h_month_year),
    (re.compile(rf"\b{_WD_PREFIX}{_MON}\s+{_DAYNUM}\b(?![,.]?\d)"), _h_month_day),
    (re.compile(rf"\b{_WD_PREFIX}{_DAYNUM}\s+{_MON}"), _h_month_day),
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
            r"\b(?:(?:earlier|later) this (?:week|month|year)|(?:last|this|next) "
            r"(?:week|month|year|weekend)|(?:over )?the weekend|yesterday|today|tonight|"
            r"tomorrow|overnight)\b",
            re.IGNORECASE,
        ),
        _h_relative,
    ),
    (
        re.compile(rf"\b(?P<n>{_NUMWORD})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I),
        _h_ago,
    ),
    (
        re.compile(
            rf"\b(?:(?P<pre>early|late|last|next|this)\s+)?{_WD}"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.IGNORECASE,
        ),
        _h_weekday,
    ),
    (
        re.compile(rf"\b{_QUAL}(?P<n>{_NUMWORD}(?:-\w+)?)[- ]{_UNIT}\b", re.IGNORECASE),
        _h_duration,
    ),
]


_SINCE = re.compile(r"\b(?:ever\s+)?since\s+$", re.IGNORECASE)
_SPAN_JOIN = re.compile(r"^\s*(?:to|until|till|and|-|–|through)\s*$", re.IGNORECASE)
_SPAN_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_FUTURE_GOVERNORS = {"set", "due", "schedule", "expect", "plan"}
_NUMERIC_ONLY = re.compile(r"\b(?:between|and|to|some|about|around)\b|[\d.,]+", re.I)
_DURATION_WORDS = re.compile(r"\b(?:year|month|week|day|hour|minute|decade)s?\b", re.I)


def find_dates(doc_or_text: Any, published: dt.date | None) -> list[TimeExpression]:
    """Return the time expressions in a spaCy ``Doc`` or a plain string, in text order.

    ``published`` anchors relative expressions; see the module docstring for
    the rules. Never raises for bad input: odd input gives ``[]``.
    """
    try:
        return _find(doc_or_text, published)
    except Exception:  # noqa: BLE001 - per-input function must not raise
        logger.exception("T900 date scan failed")
        return []


def _find(doc_or_text: Any, published: dt.date | None) -> list[TimeExpression]:
    doc = None if isinstance(doc_or_text, str) else doc_or_text
    text: str = doc_or_text if doc is None else doc_text(doc)
    if isinstance(published, dt.datetime):
        published = published.date()
    # Longest match wins; on equal length the earlier (more specific) pattern wins.
    cands: list[tuple[int, int, int, re.Match[str], Handler]] = []
    for rank, (pattern, handler) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            # Patterns that need a preposition for context report only the ``x`` group.
            span = m.span("x") if "x" in pattern.groupindex else m.span()
            cands.append((span[0], span[1], rank, m, handler))
    cands.sort(key=lambda c: (c[0] - c[1], c[2]))
    taken: list[tuple[int, int, _Res]] = []
    for start, end, _rank, m, handler in cands:
        if any(start < e and s < end for s, e, _ in taken):
            continue
        fut = doc is not None and _future_context(doc, start, end)
        taken.append((start, end, handler(m, published, fut)))
    taken.extend(_entity_leftovers(doc, taken))
    taken.sort(key=lambda t: t[0])
    taken = _join_spans(text, taken, published)
    return [
        TimeExpression(s, e, text[s:e], r.value, r.granularity, r.unresolved) for s, e, r in taken
    ]


def _join_spans(
    text: str, taken: list[tuple[int, int, _Res]], pub: dt.date | None
) -> list[tuple[int, int, _Res]]:
    """Fold "since X" and "from X to Y" / "between X and Y" into ranges."""
    out: list[tuple[int, int, _Res]] = []
    n = 0
    while n < len(taken):
        start, end, res = taken[n]
        nxt = taken[n + 1] if n + 1 < len(taken) else None
        opener = _SPAN_OPEN.search(text, max(0, start - 12), start)
        if (
            nxt is not None
            and opener is not None
            and _SPAN_JOIN.match(text[end : nxt[0]])
            and res.lo is not None
            and nxt[2].hi is not None
            and res.lo <= nxt[2].hi
        ):
            out.append((opener.start(), nxt[1], _range(res.lo, nxt[2].hi)))
            n += 2
            continue
        since = _SINCE.search(text, max(0, start - 12), start)
        if since is not None and res.granularity != "duration":
            if res.lo is not None:
                hi = pub if pub is not None and pub >= res.lo else None
                res = _range(res.lo, hi)
            else:
                res = _Res(None, "range", unresolved=res.unresolved or UNPARSED)
            start = since.start()
        out.append((start, end, res))
        n += 1
    return out


def _entity_leftovers(doc: Any, taken: list[tuple[int, int, _Res]]) -> list[tuple[int, int, _Res]]:
    """spaCy DATE/TIME entities that no regex covered: durations or unknown."""
    if doc is None:
        return []
    extra: list[tuple[int, int, _Res]] = []
    for ent in getattr(doc, "ents", ()):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        s, e = ent.start_char, ent.end_char
        if any(s < te and ts < e for ts, te, _ in taken):
            continue
        if not _NUMERIC_ONLY.sub("", ent.text).strip(" ,-"):
            continue  # "between 20 and 30" (people): a count the model called a DATE
        if _DURATION_WORDS.search(ent.text):
            extra.append((s, e, _Res(None, "duration")))
        else:
            extra.append((s, e, _Res(None, "unknown", unresolved=UNPARSED)))
    return extra


def _future_context(doc: Any, start: int, end: int) -> bool:
    """True when the parse puts the expression under a future verb.

    "will meet on Friday", "talks are set to begin on Friday": the weekday
    hangs (through a preposition) on a verb with a "will"/"shall" auxiliary or
    an infinitive governed by set/due/scheduled/expected/planned.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span.root
    for _ in range(4):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            break
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in tok.children):
        return True
    gov = tok.head
    return tok.dep_ == "xcomp" and gov.lemma_.lower() in _FUTURE_GOVERNORS
