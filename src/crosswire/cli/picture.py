"""The cross-checked picture printed by ``crosswire demo``: events, then disputes.

It reads the JSON export (the public contract) and renders it for people: place
names as the articles wrote them (the gazetteer's spelling only as a detail),
figures as ``low/best/high`` with ``–`` for an open bound, and no rows for
events that say neither where nor who (they stay in the export).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from crosswire.cli.output import emit_rows, number

EVENT_COLUMNS = ("date", "event", "place", "actors", "figures", "mentions", "independent")
MAX_EVENTS = 12
# Statements about the story rather than happenings in it; the export keeps them.
HIDDEN_TYPES = frozenset({"Diplomacy"})

Record = Mapping[str, Any]


def print_picture(obj: Record) -> None:
    """Print the events table (most-reported first) and the disputes table."""
    events = [e for e in obj.get("events", []) if e.get("type") not in HIDDEN_TYPES]
    placed = [e for e in events if _anchored(e)]
    shown = sorted(placed, key=lambda e: (-len(e["mentions"]), e.get("date") or ""))
    shown = shown[:MAX_EVENTS]
    names = {e["id"]: e["name"] for e in obj.get("entities", [])}
    places = PlaceNames(obj)
    rows = [
        {
            "date": e.get("date"),
            "event": _event_label(e),
            "place": places.label(e),
            "actors": ", ".join(names.get(a, a) for a in e.get("actors", [])),
            "figures": "; ".join(_figure(n) for n in e.get("numbers", [])),
            "mentions": len(e["mentions"]),
            "independent": e.get("independent_sources"),
        }
        for e in shown
    ]
    caption = None
    if len(shown) < len(events):
        caption = (
            f"{len(shown)} of {len(events)} events; the export has them all "
            "(here: most-reported first, each with a place or an actor)"
        )
    emit_rows(
        rows,
        EVENT_COLUMNS,
        as_json=False,
        as_csv=False,
        title="events (figures low/best/high)",
        caption=caption,
    )
    disputes = [{"kind": d["kind"], "note": d["note"]} for d in obj.get("disputes", [])]
    emit_rows(disputes, ("kind", "note"), as_json=False, as_csv=False, title="disputes")


def _anchored(event: Record) -> bool:
    """True when the event says where or who: a date alone does not make a row."""
    return bool(event.get("place") or event.get("actors"))


def _event_label(event: Record) -> str:
    subtype = event.get("subtype")
    return f"{event['type']}: {subtype}" if subtype else str(event["type"])


def _figure(n: Record) -> str:
    """``fatalities 14/14/–``: what is counted, then low/best/high."""
    what = str(n.get("what") or "").replace("_", " ")
    bounds = "/".join(number(n.get(k)) for k in ("low", "best", "high"))
    return f"{what} {bounds}".strip()


class PlaceNames:
    """Event places as the articles name them, found through the place mentions.

    An event's ``place`` carries the gazetteer's name (``Tall ‘Afar``) and,
    in current exports, the article's ``surface`` form (``Tal Afar``); without
    it, the surface form is read from the export's ``places``, whose mentions
    carry their character spans in the article's text. The gazetteer's name
    follows in brackets only when the surface form does not already contain it.
    """

    def __init__(self, obj: Record) -> None:
        self._texts = {a["id"]: a.get("text") or "" for a in obj.get("articles", [])}
        self._mentions: dict[tuple[Any, ...], list[Record]] = {}
        for place in obj.get("places", []):
            self._mentions.setdefault(_place_key(place), []).extend(place.get("mentions", []))

    def label(self, event: Record) -> str | None:
        """The place column for ``event``: surface form (gazetteer name), or None."""
        place = event.get("place")
        if not place:
            return None
        name = str(place.get("name") or "")
        surface = self.surface(event)
        if not surface:
            return name or None
        if not name or name.casefold() in surface.casefold():
            return surface
        return f"{surface} ({name})"

    def surface(self, event: Record) -> str | None:
        """How the articles write the event's place.

        The export's own ``place.surface`` when the export carries it;
        for older exports, the most frequent written form of the place within
        the event's evidence, else in its articles, else anywhere.
        """
        place = event.get("place") or {}
        given = " ".join(str(place.get("surface") or "").split())
        if given:
            return given
        mentions = self._mentions.get(_place_key(place), [])
        spans = [m for m in event.get("mentions", []) if m.get("article")]
        articles = {m["article"] for m in spans}
        inside = [m for m in mentions if any(_within(m, span) for span in spans)]
        same_articles = [m for m in mentions if m.get("article") in articles]
        for pool in (inside, same_articles, mentions):
            forms = [text for text in map(self._text, pool) if text]
            if forms:
                return _most_common(forms)
        return None

    def _text(self, mention: Record) -> str:
        """The mention's text, or the article's characters at its evidence span."""
        text = mention.get("text")
        if not text:
            start, end = mention.get("start"), mention.get("end")
            article = self._texts.get(mention.get("article", ""), "")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
                text = article[start:end]
        return " ".join(str(text or "").split())


def _place_key(place: Record) -> tuple[Any, ...]:
    """Identity of a resolved place across the event and the places list."""
    lat, lon = place.get("lat"), place.get("lon")
    return (
        place.get("name"),
        place.get("country"),
        None if lat is None else round(float(lat), 4),
        None if lon is None else round(float(lon), 4),
    )


def _within(mention: Record, span: Record) -> bool:
    return (
        mention.get("article") == span.get("article")
        and int(span.get("start", 0)) <= int(mention.get("start", -1))
        and int(mention.get("end", -1)) <= int(span.get("end", 0))
    )


def _most_common(forms: Iterable[str]) -> str:
    """The most frequent form; ties go to the one seen first."""
    counts = Counter(forms)
    best = max(counts.values())
    return next(form for form in counts if counts[form] == best)


__all__ = ["PlaceNames", "print_picture"]
