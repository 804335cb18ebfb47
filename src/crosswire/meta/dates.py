"""Trustworthy publication dates: parse every candidate, refuse the impossible, pick one.

Rules applied by :func:`choose_publication_date` (each is tested):

1. Candidates come from page metadata (``meta``), container records (``record``),
   feeds (``feed``) and "Published on ..." / "Last updated: ..." lines (``text``).
   The URL path is searched here as well (``/2015/10/01/``, ``/20151001/``,
   ``2015-10-01``) and yields a candidate of origin ``url``. ``warc`` candidates
   (crawl dates) are never publication dates: ``R06``.
2. Impossible values are refused, keeping the original string:
   ``R01`` the Unix epoch, 1970-01-01 (or 1969-12-31, the epoch rendered west of
   UTC), a CMS default; ``R02`` after the ingestion date; ``R03`` before the web
   (1991-08-06); ``R04`` unparseable.
3. Day/month ambiguity (``01/10/2015``, both parts <= 12) is settled by, in order:
   the URL date (full, or year+month from ``/2015/10/``); another valid
   candidate equal to one reading; the article's own words -- each reading scores
   the weekday names mentioned that fall on that day or the day before (news copy
   says "strikes Thursday" on the day and "Wednesday" for yesterday), plus two
   points per explicit date ("on September 30") within 10 days of the reading; a
   reading wins only with a clear margin (``best >= 2 * other + 1``) and at least
   two points, since one stray "Sunday" (opening hours) is no evidence; finally the
   outlet's locale hint (``dayfirst``). Otherwise the candidate is refused with
   ``R05`` -- never guessed silently.
4. Precedence among valid candidates: record/meta/feed over url over text; the
   earliest date wins inside a tier (an "updated" date is never earlier than the
   publication). A candidate whose day differs from the URL date is demoted below
   the URL: the URL carries the outlet's own local day, while metadata is often
   UTC (a US evening story stamped the next day). Losers that disagree with the
   winner are recorded as ``R08`` (more than a day from the URL date) or ``R07``
   (overruled, including a one-day time-zone shift from the URL date).
5. With no valid candidate: ``published`` and ``origin`` are None.

Dates carrying a time and zone keep the calendar day as written (the outlet's
local day); they are not converted to UTC.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from crosswire.datafiles import read_json
from crosswire.model import DateCandidate, RejectedDate

log = logging.getLogger(__name__)

WEB_BEGINS = dt.date(1991, 8, 6)
# 1969-12-31 is what a zero timestamp looks like once rendered in American time zones.
EPOCH_PLACEHOLDERS = frozenset({dt.date(1970, 1, 1), dt.date(1969, 12, 31)})
# A date string is short; anything longer is searched only at its start, which keeps
# regex work bounded whatever a reader hands over.
MAX_VALUE_CHARS = 200
EXPLICIT_DATE_WINDOW_DAYS = 10
# One weekday mention alone can be opening hours or a schedule; demand two points.
MIN_TEXT_SCORE = 2

R_EPOCH = "R01 unix epoch placeholder"
R_FUTURE = "R02 in the future of ingestion"
R_PREWEB = "R03 before the web"
R_UNPARSEABLE = "R04 unparseable"
R_AMBIGUOUS = "R05 ambiguous day/month"
R_CRAWL = "R06 crawl date, not a publication date"
R_OVERRULED = "R07 overruled by a higher-precedence date"
R_CONTRADICTED = "R08 contradicted by the URL date"

# Lower is stronger. Unknown origins rank with text, the weakest.
_TIER = {"record": 0.0, "meta": 0.0, "feed": 0.0, "url": 1.0, "text": 2.0}
_DEMOTED_TIER = 1.5


@dataclass(frozen=True)
class PublicationDate:
    """The chosen publication date, where it came from, and every refused candidate."""

    published: str | None
    origin: str | None
    rejected: list[RejectedDate] = field(default_factory=list)


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: tuple[str, ...]
    textual_mdy: re.Pattern[str]
    textual_dmy: re.Pattern[str]
    mention_md: re.Pattern[str]
    mention_dm: re.Pattern[str]
    weekday_re: re.Pattern[str]
    exclusion_re: re.Pattern[str] | None


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = read_json("meta_dates.json")
    months: dict[str, int] = {str(k).lower(): int(v) for k, v in raw["months"].items()}
    names = sorted(months, key=len, reverse=True)
    mon_ci = "|".join(re.escape(n) for n in names)
    # In running text only capitalised month names count ("may" is a verb).
    mon_cs = "|".join(re.escape(n.capitalize()) for n in names)
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    weekdays = tuple(str(w) for w in raw["weekdays"])
    exclusions = [str(e) for e in raw.get("weekday_exclusions", [])]
    return _Lexicon(
        months=months,
        weekdays=weekdays,
        textual_mdy=re.compile(
            rf"\b(?P<mon>{mon_ci})\b\.?\s+{day}\b,?\s+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE
        ),
        textual_dmy=re.compile(
            rf"(?<!\d){day}\s+(?:of\s+)?(?P<mon>{mon_ci})\b\.?,?\s+(?P<year>\d{{4}})(?!\d)",
            re.IGNORECASE,
        ),
        mention_md=re.compile(rf"\b(?P<mon>{mon_cs})\b\.?\s+{day}\b(?:,?\s+(?P<year>\d{{4}}))?"),
        mention_dm=re.compile(
            rf"(?<!\d){day}\s+(?:of\s+)?(?P<mon>{mon_cs})\b(?:,?\s+(?P<year>\d{{4}}))?"
        ),
        weekday_re=re.compile(r"\b(" + "|".join(re.escape(w) for w in weekdays) + r")\b"),
        exclusion_re=(
            re.compile("|".join(re.escape(e) for e in exclusions)) if exclusions else None
        ),
    )


_YMD = re.compile(
    r"(?<!\d)(?P<year>\d{4})(?P<sep>[-/._])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
)
_COMPACT = re.compile(r"(?P<year>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T\d.*)?")
_NUMERIC = re.compile(
    r"(?<!\d)(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})(?!\d)"
)
_URL_YMD = re.compile(r"(?<!\d)(?:19|20)\d{2}([-/_])\d{1,2}\1\d{1,2}(?!\d)")
_URL_COMPACT = re.compile(r"(?<!\d)(?:19|20)\d{6}(?!\d)")
_URL_YM = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<m>\d{1,2})(?:/|$)")


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # Two-digit years: 00-69 are this century; news sites rarely predate 1970.
        year += 2000 if year < 70 else 1900
    return year


def _numeric_readings(a: int, b: int, year: int, prefer_dayfirst: bool | None) -> list[dt.date]:
    dayfirst = _make(year, b, a)
    monthfirst = _make(year, a, b)
    ordered = [monthfirst, dayfirst] if prefer_dayfirst is False else [dayfirst, monthfirst]
    out: list[dt.date] = []
    for reading in ordered:
        if reading is not None and reading not in out:
            out.append(reading)
    return out


def parse_date(value: str, *, prefer_dayfirst: bool | None = None) -> list[dt.date]:
    """Return every plausible calendar reading of a date string, or ``[]``.

    Accepts ISO 8601 (with time and zone; the day as written is kept), RFC 2822,
    "January 1, 1970", "1 October 2015", "Oct. 1, 2015", compact ``20151001`` and
    numeric ``01/10/2015``. A numeric date with both parts <= 12 yields two
    readings, day-first first unless ``prefer_dayfirst`` is False. Labels such as
    "Published on" may surround the date: the earliest date found in the first
    200 characters is read. Unix timestamps are not dates here.
    """
    if not isinstance(value, str):
        return []
    head = value[:MAX_VALUE_CHARS].strip()
    lex = _lexicon()
    compact = _COMPACT.fullmatch(head)
    if compact:
        found = _make(int(compact["year"]), int(compact["m"]), int(compact["d"]))
        return [found] if found else []
    matches: list[tuple[int, list[dt.date]]] = []
    for m in _YMD.finditer(head):
        found = _make(int(m["year"]), int(m["m"]), int(m["d"]))
        if found:
            matches.append((m.start(), [found]))
            break
    for pattern in (lex.textual_mdy, lex.textual_dmy):
        for m in pattern.finditer(head):
            found = _make(int(m["year"]), lex.months[m["mon"].lower()], int(m["day"]))
            if found:
                matches.append((m.start(), [found]))
                break
    for m in _NUMERIC.finditer(head):
        readings = _numeric_readings(
            int(m["a"]), int(m["b"]), _full_year(m["year"]), prefer_dayfirst
        )
        if readings:
            matches.append((m.start(), readings))
            break
    if not matches:
        return []
    return min(matches, key=lambda item: item[0])[1]


def url_date_candidates(url: str | None) -> list[DateCandidate]:
    """Return the first full date written in a URL's path as a ``url`` candidate."""
    path = _url_path(url)
    if not path:
        return []
    hits = [m for m in (_URL_YMD.search(path), _URL_COMPACT.search(path)) if m]
    if not hits:
        return []
    first = min(hits, key=lambda m: m.start())
    return [DateCandidate(value=first.group(0), origin="url")]


def _url_path(url: str | None) -> str:
    if not url:
        return ""
    try:
        return urlsplit(url).path
    except ValueError:
        return ""


def _url_month(url: str | None) -> tuple[int, int] | None:
    m = _URL_YM.search(_url_path(url))
    return (int(m["year"]), int(m["m"])) if m else None


def _screen(readings: Sequence[dt.date], ingested: dt.date) -> tuple[list[dt.date], str]:
    """Split readings into the possible ones and the reason the first impossible one failed."""
    valid: list[dt.date] = []
    reasons: list[str] = []
    for day in readings:
        if day in EPOCH_PLACEHOLDERS:
            reasons.append(R_EPOCH)
        elif day > ingested:
            reasons.append(R_FUTURE)
        elif day < WEB_BEGINS:
            reasons.append(R_PREWEB)
        else:
            valid.append(day)
    return valid, (reasons[0] if reasons else R_UNPARSEABLE)


def _weekday_counts(text: str) -> Counter[int]:
    lex = _lexicon()
    if lex.exclusion_re is not None:
        text = lex.exclusion_re.sub(" ", text)
    counts: Counter[int] = Counter()
    for m in lex.weekday_re.finditer(text):
        counts[lex.weekdays.index(m.group(1))] += 1
    return counts


def _mentions(text: str) -> list[tuple[int, int, int | None]]:
    """Explicit (month, day, year-or-None) mentions such as "on September 30"."""
    lex = _lexicon()
    out: list[tuple[int, int, int | None]] = []
    for pattern in (lex.mention_md, lex.mention_dm):
        for m in pattern.finditer(text):
            year = int(m["year"]) if m["year"] else None
            out.append((lex.months[m["mon"].lower()], int(m["day"]), year))
    return out


def _mention_hits(reading: dt.date, mentions: Sequence[tuple[int, int, int | None]]) -> int:
    hits = 0
    for month, day, year in mentions:
        years = [year] if year is not None else [reading.year - 1, reading.year, reading.year + 1]
        dates = [d for d in (_make(y, month, day) for y in years) if d is not None]
        if any(abs((d - reading).days) <= EXPLICIT_DATE_WINDOW_DAYS for d in dates):
            hits += 1
    return hits


def _text_scores(readings: Sequence[dt.date], text: str) -> list[int]:
    weekdays = _weekday_counts(text)
    mentions = _mentions(text)
    scores = []
    for reading in readings:
        day_before = (reading.weekday() - 1) % 7
        score = weekdays[reading.weekday()] + weekdays[day_before]
        scores.append(score + 2 * _mention_hits(reading, mentions))
    return scores


def _disambiguate(
    readings: Sequence[dt.date],
    *,
    url_date: dt.date | None,
    url_month: tuple[int, int] | None,
    others: Sequence[dt.date],
    text: str,
    dayfirst: bool | None,
) -> dt.date | None:
    """Pick one reading of an ambiguous numeric date from evidence, or None."""
    if url_date in readings:
        return url_date
    if url_month is not None:
        same_month = [r for r in readings if (r.year, r.month) == url_month]
        if len(same_month) == 1:
            return same_month[0]
    agreeing = [r for r in readings if r in others]
    if len(agreeing) == 1:
        return agreeing[0]
    scores = _text_scores(readings, text)
    ranked = sorted(zip(scores, readings, strict=True), key=lambda item: -item[0])
    best, runner_up = ranked[0][0], ranked[1][0]
    if best >= max(MIN_TEXT_SCORE, 2 * runner_up + 1):
        return ranked[0][1]
    if dayfirst is not None:
        # Readings come ordered by the same preference (see parse_date).
        return readings[0]
    return None


def choose_publication_date(
    candidates: Sequence[DateCandidate],
    *,
    url: str | None,
    text: str,
    ingested: dt.date,
    dayfirst: bool | None = None,
) -> PublicationDate:
    """Validate every date candidate (plus the URL's) and choose the publication date.

    ``dayfirst`` is the outlet's locale hint for numeric dates, used only when the
    article itself does not settle the ambiguity. See the module docstring for
    the rules and reason codes. Never raises for bad input.
    """
    rejected: list[RejectedDate] = []
    resolved: list[tuple[DateCandidate, dt.date]] = []
    ambiguous: list[tuple[DateCandidate, list[dt.date]]] = []
    for cand in [*candidates, *url_date_candidates(url)]:
        value = cand.value if isinstance(cand.value, str) else str(cand.value)
        if cand.origin == "warc":
            rejected.append(RejectedDate(value, R_CRAWL))
            continue
        readings = parse_date(value, prefer_dayfirst=dayfirst)
        if not readings:
            rejected.append(RejectedDate(value, R_UNPARSEABLE))
            continue
        valid, reason = _screen(readings, ingested)
        if not valid:
            rejected.append(RejectedDate(value, reason))
        elif len(valid) == 1:
            resolved.append((cand, valid[0]))
        else:
            ambiguous.append((cand, valid))

    url_date = next((d for c, d in resolved if c.origin == "url"), None)
    firm = [d for _, d in resolved]
    for cand, readings in ambiguous:
        pick = _disambiguate(
            readings,
            url_date=url_date,
            url_month=_url_month(url),
            others=firm,
            text=text if isinstance(text, str) else "",
            dayfirst=dayfirst,
        )
        if pick is None:
            log.debug("ambiguous day/month left unresolved: %r", cand.value)
            rejected.append(RejectedDate(cand.value, R_AMBIGUOUS))
        else:
            resolved.append((cand, pick))

    if not resolved:
        return PublicationDate(published=None, origin=None, rejected=rejected)

    def demoted(cand: DateCandidate, day: dt.date) -> bool:
        return url_date is not None and cand.origin != "url" and day != url_date

    def contradicted(cand: DateCandidate, day: dt.date) -> bool:
        # A one-day gap is a time-zone shift, not a contradiction.
        return demoted(cand, day) and url_date is not None and abs((day - url_date).days) > 1

    def rank(item: tuple[DateCandidate, dt.date]) -> tuple[float, dt.date]:
        cand, day = item
        tier = _TIER.get(cand.origin, _TIER["text"])
        if demoted(cand, day):
            tier = max(tier, _DEMOTED_TIER)
        return tier, day

    winner, won = min(resolved, key=rank)
    for cand, day in resolved:
        if day != won:
            reason = R_CONTRADICTED if contradicted(cand, day) else R_OVERRULED
            rejected.append(RejectedDate(cand.value, reason))
    return PublicationDate(published=won.isoformat(), origin=winner.origin, rejected=rejected)
