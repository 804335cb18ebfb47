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

The patterns and their resolvers are in :mod:`crosswire.nlp.temporal.rules`;
this module picks the longest matches, joins spans and reads tense from the parse.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any

from crosswire.nlp.core.doccache import doc_ents, doc_text
from crosswire.nlp.temporal.rules import (
    AHEAD_DAYS,
    AMBIGUOUS,
    FOLDED,
    INVALID,
    NO_PUB,
    PATTERNS,
    UNPARSED,
    Granularity,
    Handler,
    Res,
    date_range,
    folded_text,
)

__all__ = [
    "AHEAD_DAYS",
    "AMBIGUOUS",
    "INVALID",
    "NO_PUB",
    "UNPARSED",
    "Granularity",
    "TimeExpression",
    "find_dates",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TimeExpression:
    """One time expression: ISO ``value`` at ``granularity``, or why it is unresolved."""

    start: int
    end: int
    text: str
    value: str | None
    granularity: Granularity
    unresolved: str | None = None


_SINCE = re.compile(r"\b(?:ever\s+)?since\s+$", re.IGNORECASE)
_SPAN_JOIN = re.compile(r"^\s*(?:to|until|till|and|-|–|through)\s*$", re.IGNORECASE)
_SPAN_OPEN = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_FUTURE_GOVERNORS = {"set", "due", "schedule", "expect", "plan"}
_NUMERIC_ONLY = re.compile(r"\b(?:between|and|to|some|about|around)\b|[\d.,]+", re.I)
_DURATION_WORDS = re.compile(r"\b(?:year|month|week|day|hour|minute|decade)s?\b", re.I)
# "on May 5, a Thursday night": a weekday in apposition to a stated date is that date
_APPOSED = re.compile(r"^\s*,\s*(?:a|on)?\s*$", re.I)
_WEEKDAY = re.compile(r"(?:(?:early|late)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


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
    low = folded_text(text)
    for rank, (pattern, handler) in enumerate(PATTERNS):
        matches = pattern.finditer(text)
        folded = FOLDED[rank]
        if folded is not None and low is not None:
            # Same spans, groups in lower case (handlers lower-case them anyway).
            matches = folded.finditer(low)
        for m in matches:
            # Patterns that need a preposition for context report only the ``x`` group.
            span = m.span("x") if "x" in pattern.groupindex else m.span()
            cands.append((span[0], span[1], rank, m, handler))
    cands.sort(key=lambda c: (c[0] - c[1], c[2]))
    taken: list[tuple[int, int, Res]] = []
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
    text: str, taken: list[tuple[int, int, Res]], pub: dt.date | None
) -> list[tuple[int, int, Res]]:
    """Fold "since X" and "from X to Y" / "between X and Y" into ranges."""
    out: list[tuple[int, int, Res]] = []
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
            out.append((opener.start(), nxt[1], date_range(res.lo, nxt[2].hi)))
            n += 2
            continue
        if (
            out
            and out[-1][2].granularity == "day"
            and res.granularity == "day"
            and _WEEKDAY.match(text, start)
            and _APPOSED.match(text[out[-1][1] : start])
        ):
            res = out[-1][2]  # "May 5, a Thursday": not the Thursday before publication
        since = _SINCE.search(text, max(0, start - 12), start)
        if since is not None and res.granularity != "duration":
            if res.lo is not None:
                hi = pub if pub is not None and pub >= res.lo else None
                res = date_range(res.lo, hi)
            else:
                res = Res(None, "range", unresolved=res.unresolved or UNPARSED)
            start = since.start()
        out.append((start, end, res))
        n += 1
    return out


def _entity_leftovers(doc: Any, taken: list[tuple[int, int, Res]]) -> list[tuple[int, int, Res]]:
    """spaCy DATE/TIME entities that no regex covered: durations or unknown."""
    if doc is None:
        return []
    extra: list[tuple[int, int, Res]] = []
    for ent in _ents(doc):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        s, e = ent.start_char, ent.end_char
        if any(s < te and ts < e for ts, te, _ in taken):
            continue
        if not _NUMERIC_ONLY.sub("", ent.text).strip(" ,-"):
            continue  # "between 20 and 30" (people): a count the model called a DATE
        if _DURATION_WORDS.search(ent.text):
            extra.append((s, e, Res(None, "duration")))
        else:
            extra.append((s, e, Res(None, "unknown", unresolved=UNPARSED)))
    return extra


def _ents(doc: Any) -> tuple[Any, ...]:
    """The doc's entities (memoised per doc), none for an object without ``ents``."""
    # Not hasattr(doc, "ents"): that builds the entity tuple just to test for it.
    try:
        return doc_ents(doc)
    except AttributeError:
        return ()


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
        if tok.head.i == tok.i:
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
