"""Typed records that fusion passes between its steps.

Fusion reads analysis records (JSON dicts) once, at its entry, into these
dataclasses; every rule then works on attributes, and JSON is made again only
at the boundary by each record's ``to_json`` (export, store, API). The key
order of every ``to_json`` is the export format's (``docs/export.md``,
``data/schema/export.schema.json``): do not reorder, only append.

Fields whose name starts with an underscore in the old dict records (origin,
version, claim, publication day) are plain attributes here that ``to_json``
leaves out.

This module imports nothing from crosswire, so every fusion module (and the
store or web layers) may import it without creating a cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Dispute",
    "DisputeSide",
    "Figure",
    "FigureSource",
    "FusedEvent",
    "Mention",
    "MentionRef",
    "Place",
    "Series",
    "SeriesPoint",
    "Story",
]

Number = int | float  # JSON numbers keep their written type: 14 stays 14, not 14.0


def _number(value: Any) -> Number | None:
    """A JSON number as it was (bools and anything else are None)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class Place:
    """A resolved place as fusion compares it (from an analysis ``places``/event record)."""

    name: str | None = None
    lat: Number | None = None
    lon: Number | None = None
    country: str | None = None
    admin1: str | None = None
    precision: Number | None = None
    kind: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Place:
        """The place of an analysis record (unknown keys ignored, bad values None)."""
        return cls(
            name=_str(data.get("name")),
            lat=_number(data.get("lat")),
            lon=_number(data.get("lon")),
            country=_str(data.get("country")),
            admin1=_str(data.get("admin1")),
            precision=_number(data.get("precision")),
            kind=_str(data.get("kind")),
        )

    def rank(self) -> int:
        """Precision rank (0 = a point; 3 when unknown): lower is more precise."""
        return int(self.precision) if self.precision is not None else 3

    def to_json(self) -> dict[str, Any]:
        """The exported place of an event (``kind`` is not part of it)."""
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "precision": self.precision,
        }


@dataclass
class Mention:
    """One event mention of one article, normalised for fusion."""

    article: str
    outlet: str | None
    published: dt.date | None
    origin: str
    version: int
    index: int
    start: int
    end: int
    type: str
    subtype: str | None
    date: str | None
    precision: str
    lo: dt.date | None
    hi: dt.date | None
    place: Place | None
    actors: frozenset[str]
    targets: frozenset[str]
    numbers: list[dict[str, Any]]
    claimant: str | None
    claim: str | None
    negated: bool = False
    family: str | None = None  # wire family id (None for an article of its own)
    evidence: str | None = None  # the sentence-level trigger text, when the analysis gives it


@dataclass(frozen=True)
class MentionRef:
    """Where a fused event is mentioned: article and character span."""

    article: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        """``{article, start, end}``."""
        return {"article": self.article, "start": self.start, "end": self.end}


@dataclass
class FigureSource:
    """One report of a number: an event figure's source or a running-total point."""

    article: str
    outlet: str | None
    claimant: str | None
    value: Number | None
    low: Number | None
    high: Number | None
    text: str | None
    start: int | None
    end: int | None
    origin: str = ""
    version: int = 0
    claim: str | None = None
    published: str | None = None  # ISO publication day
    basis: list[str] | None = None  # which of low/best/high this report sets

    def bounds(self) -> tuple[Number | None, Number | None]:
        """(low, high); an exact number is its own bounds, None = open."""
        if self.low is None and self.high is None:
            return self.value, self.value
        return self.low, self.high

    def to_json(self) -> dict[str, Any]:
        """The exported figure source (``basis`` only once reconciled)."""
        out: dict[str, Any] = {
            "article": self.article,
            "outlet": self.outlet,
            "claimant": self.claimant,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.basis is not None:
            out["basis"] = list(self.basis)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FigureSource:
        """Read an exported source back (the private attributes stay default)."""
        basis = data.get("basis")
        return cls(
            article=str(data["article"]),
            outlet=_str(data.get("outlet")),
            claimant=_str(data.get("claimant")),
            value=_number(data.get("value")),
            low=_number(data.get("low")),
            high=_number(data.get("high")),
            text=_str(data.get("text")),
            start=data.get("start"),
            end=data.get("end"),
            basis=[str(b) for b in basis] if isinstance(basis, list) else None,
        )


@dataclass
class Figure:
    """One slot of a fused event's numbers: low/best/high over its reports."""

    what: str
    low: Number | None
    best: Number | None
    high: Number | None
    sources: list[FigureSource]

    def to_json(self) -> dict[str, Any]:
        """``{what, low, best, high, sources}``."""
        return {
            "what": self.what,
            "low": self.low,
            "best": self.best,
            "high": self.high,
            "sources": [s.to_json() for s in self.sources],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Figure:
        """Read an exported figure back."""
        return cls(
            what=str(data["what"]),
            low=_number(data.get("low")),
            best=_number(data.get("best")),
            high=_number(data.get("high")),
            sources=[FigureSource.from_json(s) for s in data.get("sources") or []],
        )


@dataclass
class SeriesPoint:
    """One dated value of a running total, with its source."""

    date: str | None
    value: Number | None
    low: Number | None
    high: Number | None
    outlet: str | None
    claimant: str | None
    article: str
    start: int
    end: int
    text: str | None
    origin: str = ""
    published: str | None = None
    claim: str | None = None

    def bounds(self) -> tuple[Number | None, Number | None]:
        """(low, high); an exact number is its own bounds, None = open."""
        if self.low is None and self.high is None:
            return self.value, self.value
        return self.low, self.high

    def to_json(self) -> dict[str, Any]:
        """The exported point."""
        return {
            "date": self.date,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "outlet": self.outlet,
            "claimant": self.claimant,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SeriesPoint:
        """Read an exported point back."""
        return cls(
            date=_str(data.get("date")),
            value=_number(data.get("value")),
            low=_number(data.get("low")),
            high=_number(data.get("high")),
            outlet=_str(data.get("outlet")),
            claimant=_str(data.get("claimant")),
            article=str(data["article"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=_str(data.get("text")),
        )


@dataclass
class Series:
    """A running total (``what``) of one subject as dated points."""

    what: str
    subject: str | None
    label: str
    points: list[SeriesPoint]

    def to_json(self) -> dict[str, Any]:
        """``{what, subject, label, points}``."""
        return {
            "what": self.what,
            "subject": self.subject,
            "label": self.label,
            "points": [p.to_json() for p in self.points],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Series:
        """Read an exported series back."""
        return cls(
            what=str(data["what"]),
            subject=_str(data.get("subject")),
            label=str(data.get("label") or data["what"]),
            points=[SeriesPoint.from_json(p) for p in data.get("points") or []],
        )


@dataclass(frozen=True)
class DisputeSide:
    """One side of a dispute: who said it, which claim, where."""

    claimant: str | None
    claim: str | None
    article: str
    start: int | None
    end: int | None
    text: str | None

    def to_json(self) -> dict[str, Any]:
        """``{claimant, claim, article, start, end, text}``."""
        return {
            "claimant": self.claimant,
            "claim": self.claim,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DisputeSide:
        """Read an exported side back."""
        start, end = data.get("start"), data.get("end")
        return cls(
            claimant=_str(data.get("claimant")),
            claim=_str(data.get("claim")),
            article=str(data["article"]),
            start=int(start) if start is not None else None,
            end=int(end) if end is not None else None,
            text=_str(data.get("text")),
        )


@dataclass
class Dispute:
    """A denial, contested target or conflicting figures, with the events it touches."""

    id: str
    kind: str
    claims: list[str]
    sides: list[DisputeSide]
    note: str
    events: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """``{id, kind, claims, sides, note, events}``."""
        return {
            "id": self.id,
            "kind": self.kind,
            "claims": list(self.claims),
            "sides": [s.to_json() for s in self.sides],
            "note": self.note,
            "events": list(self.events),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Dispute:
        """Read an exported (or persisted) dispute back."""
        return cls(
            id=str(data["id"]),
            kind=str(data["kind"]),
            claims=[str(c) for c in data.get("claims") or []],
            sides=[DisputeSide.from_json(s) for s in data.get("sides") or []],
            note=str(data.get("note") or ""),
            events=[str(e) for e in data.get("events") or []],
        )


@dataclass
class FusedEvent:
    """One incident as fused from its mentions across articles."""

    id: str
    type: str
    subtype: str | None
    date: str | None
    date_precision: str | None
    place: Place | None
    actors: list[str]
    targets: list[str]
    numbers: list[Figure]
    mentions: list[MentionRef]
    sources: list[str]
    independent_sources: int
    origins: list[str]
    claimants: list[str]
    claims: list[str]

    def to_json(self) -> dict[str, Any]:
        """The exported event (key order as in the export format)."""
        return {
            "id": self.id,
            "type": self.type,
            "subtype": self.subtype,
            "date": self.date,
            "date_precision": self.date_precision,
            "place": self.place.to_json() if self.place is not None else None,
            "actors": list(self.actors),
            "targets": list(self.targets),
            "numbers": [n.to_json() for n in self.numbers],
            "mentions": [m.to_json() for m in self.mentions],
            "sources": list(self.sources),
            "independent_sources": self.independent_sources,
            "origins": list(self.origins),
            "claimants": list(self.claimants),
            "claims": list(self.claims),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FusedEvent:
        """Read an exported (or persisted) event back."""
        place = data.get("place")
        return cls(
            id=str(data["id"]),
            type=str(data["type"]),
            subtype=_str(data.get("subtype")),
            date=_str(data.get("date")),
            date_precision=_str(data.get("date_precision")),
            place=Place.from_json(place) if isinstance(place, Mapping) else None,
            actors=[str(x) for x in data.get("actors") or []],
            targets=[str(x) for x in data.get("targets") or []],
            numbers=[Figure.from_json(n) for n in data.get("numbers") or []],
            mentions=[
                MentionRef(str(m["article"]), int(m["start"]), int(m["end"]))
                for m in data.get("mentions") or []
            ],
            sources=[str(x) for x in data.get("sources") or []],
            independent_sources=int(data.get("independent_sources") or 0),
            origins=[str(x) for x in data.get("origins") or []],
            claimants=[str(x) for x in data.get("claimants") or []],
            claims=[str(x) for x in data.get("claims") or []],
        )


@dataclass
class Story:
    """Articles grouped under one headline, with their families, outlets and events."""

    id: str
    title: str
    start: str | None
    end: str | None
    articles: list[str]
    families: list[str]
    outlets: list[str]
    events: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """``{id, title, start, end, articles, families, outlets, events}``."""
        return {
            "id": self.id,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "articles": list(self.articles),
            "families": list(self.families),
            "outlets": list(self.outlets),
            "events": list(self.events),
        }
