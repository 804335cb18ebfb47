"""Fusion settings (``data/fusion.json``) and small shared helpers.

The helpers here are the pieces every fusion module needs in the same form:
the date range an ISO value covers, stable content-hash ids, word stems for
content overlap. Keeping them in one place keeps the rules consistent.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable
from typing import Any

from crosswire.datafiles import read_json

Record = dict[str, Any]
DateRange = tuple[dt.date, dt.date]

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_SUFFIXES = ("ings", "ing", "ies", "ied", "ed", "es", "s")


@functools.lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    """The fusion settings from ``crosswire/data/fusion.json`` (loaded once)."""
    data: dict[str, Any] = read_json("fusion.json")
    return data


def stable_id(prefix: str, parts: Iterable[str]) -> str:
    """A content-hash id: the same parts (in any order) always give the same id."""
    joined = "\n".join(sorted(parts))
    return f"{prefix}:" + hashlib.sha1(joined.encode()).hexdigest()[:12]


def parse_day(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) as a date; None when absent or bad."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_range(value: str | None) -> DateRange | None:
    """First and last day an ISO date value covers.

    Accepts ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ISO weeks ``YYYY-Www`` and
    ranges ``A/B`` (each side any of these). Returns None for anything else,
    so a malformed date never raises: the mention is then treated as undated.
    """
    if not value:
        return None
    if "/" in value:
        left, _, right = value.partition("/")
        a, b = date_range(left), date_range(right)
        if a is None or b is None or b[1] < a[0]:
            return None
        return a[0], b[1]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            return day, day
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude English stem ("killing", "killed", "kills" -> "kill") for overlap tests."""
    w = word.casefold().strip("'-")
    if w.endswith("n't"):
        return "not"
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def stop_stems(drop: Iterable[str] = ()) -> frozenset[str]:
    """Stems never counted as shared content: stopwords plus ``drop`` words."""
    return frozenset({stem(w) for w in settings()["stopwords"]} | {stem(w) for w in drop})


def content_stems(
    text: str, drop: Iterable[str] = (), *, stop: frozenset[str] | None = None
) -> set[str]:
    """Stems of the content words of ``text`` (stopwords and ``drop`` words removed).

    Pass ``stop`` (from :func:`stop_stems`) when calling in a loop."""
    stop = stop if stop is not None else stop_stems(drop)
    return {s for s in (stem(w) for w in _WORD.findall(text)) if s not in stop and len(s) > 2}


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (keeps "n't" as its own word)."""
    return [w.casefold() for w in re.findall(r"n't|[A-Za-z]+", text)]
