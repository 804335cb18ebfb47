"""Values formatted for people: numbers, dates of any precision, labels, place precision.

Pure functions used by the templates (as Jinja filters) and by the views. A
missing value is always the en dash, an integral number never shows ``.0``,
and field keys such as ``fatalities_civilian`` become labels from
``data/web_labels.json``.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, timedelta
from functools import cache
from importlib.resources import files
from typing import Any

DASH = "–"
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


@cache
def _labels() -> dict[str, Any]:
    text = files("crosswire").joinpath("data/web_labels.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def num(value: Any) -> str:
    """``14``, ``1,200``, ``2.5``; the en dash for None, NaN, booleans and non-numbers."""
    if isinstance(value, bool) or value is None:
        return DASH
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return value or DASH
    if not isinstance(value, int | float) or math.isnan(value) or math.isinf(value):
        return DASH
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def dash(value: Any) -> Any:
    """The value, or the en dash when it is None, empty or the text ``None``/``nan``."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "none", "nan")):
        return DASH
    if isinstance(value, float):
        return num(value)
    return value


def label(key: Any) -> str:
    """A label for a field key (``fatalities_civilian`` -> ``Civilians killed``)."""
    if not isinstance(key, str) or not key:
        return DASH
    known = _labels()["figures"].get(key)
    if known:
        return str(known)
    words = key.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


_KEY = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def humanize(text: Any) -> Any:
    """Generated text with field keys replaced by labels (``fatalities_civilian: 14`` ->
    ``Civilians killed: 14``); keys that are not known figure names are left as written."""
    if not isinstance(text, str):
        return dash(text)
    known: dict[str, str] = _labels()["figures"]
    return _KEY.sub(lambda m: known.get(m.group(0), m.group(0)), text)


def place_precision(value: Any) -> str:
    """ACLED geo precision in words (1 town, 2 near a town or region, 3 larger region)."""
    texts: dict[str, str] = _labels()["place_precision"]
    if isinstance(value, bool) or not isinstance(value, int):
        return "precision unknown"
    return texts.get(str(max(1, min(3, value))), "precision unknown")


def place_radius_km(value: Any) -> int:
    """The uncertainty radius drawn for a place precision."""
    if isinstance(value, bool) or not isinstance(value, int):
        return 120
    return {1: 5, 2: 25}.get(max(1, value), 120)


def date_range(value: Any) -> tuple[date, date] | None:
    """First and last day covered by ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM`` or ``YYYY``."""
    if not isinstance(value, str):
        return None
    v = value.strip()
    try:
        if m := _DAY.match(v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := _WEEK.match(v):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + timedelta(days=6)
        if m := _MONTH.match(v):
            start = date(int(m[1]), int(m[2]), 1)
            nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, nxt - timedelta(days=1)
        if m := _YEAR.match(v):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    except ValueError:
        return None
    return None


def day_label(d: date) -> str:
    """``14 May 2024``."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def date_label(value: Any) -> str:
    """A date of any precision for people: ``14 May 2024``, ``week 46 of 2019``, ``May 2024``."""
    if value is None or value == "":
        return "undated"
    span = date_range(value)
    if span is None:
        return str(value)
    v = str(value).strip()
    start, end = span
    if _WEEK.match(v):
        week = start.isocalendar()[1]
        return f"week {week} of {start.isocalendar()[0]} ({day_label(start)} – {day_label(end)})"
    if _MONTH.match(v):
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if _YEAR.match(v):
        return str(start.year)
    return day_label(start)


def date_precision(value: Any) -> str:
    """What a date precision means (``document``: the article's publication day)."""
    texts: dict[str, str] = _labels()["date_precision"]
    if not isinstance(value, str) or not value:
        return ""
    return texts.get(value, value)


def figure_text(n: dict[str, Any]) -> str:
    """``7–9 (best 9)``, ``at least 14``, ``12`` for a low/best/high figure."""
    low, best, high = n.get("low"), n.get("best"), n.get("high")
    if low is not None and high is not None and low != high:
        core = f"{num(low)}–{num(high)}"
        return core + (f" (best {num(best)})" if best not in (None, low, high) else "")
    if high is None and low is not None and best in (None, low):
        return f"at least {num(low)}"
    return num(best if best is not None else low if low is not None else high)


def figure_conflict(n: dict[str, Any]) -> bool:
    """Whether sources report different values for one figure."""
    values = {s.get("value") for s in n.get("sources") or [] if isinstance(s, dict)}
    values.discard(None)
    return len(values) > 1


def clip(text: Any, limit: int = 160) -> str:
    """Whitespace folded and cut at a word boundary with an ellipsis."""
    s = " ".join(str(text or "").split())
    if len(s) <= limit:
        return s
    cut = s[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


FILTERS = {
    "num": num,
    "dash": dash,
    "label": label,
    "humanize": humanize,
    "date_label": date_label,
    "date_precision": date_precision,
    "place_precision": place_precision,
    "figure_text": figure_text,
    "clip": clip,
}
