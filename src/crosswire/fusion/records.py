"""Typed records that fusion passes between its steps.

Fusion reads analysis records (JSON dicts) once, at its entry, into these
dataclasses; every rule then works on attributes, and JSON is made again only
at the boundary by each record's ``to_json`` (export, store, API). The key
order of every ``to_json`` is the export format's (``docs/export.md``,
``data/schema/export.schema.json``): do not reorder, only append.

Fields whose name starts with an underscore in the old dict records (origin,
version, claim, publication day) are plain attributes here that ``to_json``
leaves out.

This module imports only :mod:`crosswire.fusion.figure_records` (figures,
series and disputes, re-exported here), so every fusion module (and the store
or web layers) may import it without creating a cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from crosswire.fusion.figure_records import (
    Dispute,
    DisputeSide,
    Figure,
    FigureSource,
    Number,
    Series,
    SeriesPoint,
    json_number,
    json_str,
    whole,
)

__all__ = [
    "Dispute",
    "DisputeSide",
    "Figure",
    "FigureSource",
    "FusedEvent",
    "Mention",
    "MentionRef",
    "MergeReason",
    "Number",
    "Place",
    "Series",
    "SeriesPoint",
    "Story",
    "whole",
]


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
    # The article's form of the name ("Hama"), shown before the gazetteer's ("Ḩamāh").
    surface: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Place:
        """The place of an analysis record (unknown keys ignored, bad values None)."""
        return cls(
            name=json_str(data.get("name")),
            lat=json_number(data.get("lat")),
            lon=json_number(data.get("lon")),
            country=json_str(data.get("country")),
            admin1=json_str(data.get("admin1")),
            precision=json_number(data.get("precision")),
            kind=json_str(data.get("kind")),
            surface=json_str(data.get("surface")) or json_str(data.get("text")),
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
            "surface": self.surface or self.name,
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
    scene: Place | None = None  # the article's main town or city (rule E7b)
    trigger: str | None = None  # the word that reports the event ("shot", "struck")
    people: frozenset[str] = frozenset()  # rarely named people of its article (rule E7c)
    clear_scene: bool = False  # its article names its scene twice, more than any town (E7e)
    role: str = "secondary"  # "main": its article's headline event (docs/events.md)
    accidental: bool = False  # its article calls the shooting accidental (docs/events.md)
    lead_people: frozenset[str] = frozenset()  # of ``people``, those its lead or span names (E7f)
    named: frozenset[str] = frozenset()  # ``people`` before the rarity filter (block index)
    # every place its article names, as (name, country, admin1) casefolded name first (E9)
    places_named: frozenset[tuple[str, str, str]] = frozenset()


@dataclass(frozen=True)
class MentionRef:
    """Where a fused event is mentioned: article and character span."""

    article: str
    start: int
    end: int
    role: str = "secondary"  # "main", "secondary" or "background" in its article

    def to_json(self) -> dict[str, Any]:
        """``{article, start, end, role}``."""
        return {"article": self.article, "start": self.start, "end": self.end, "role": self.role}


@dataclass(frozen=True)
class MergeReason:
    """Why one mention is part of a fused event: its trigger and the matching keys."""

    article: str
    start: int
    end: int
    trigger: str | None
    keys: list[str]

    def to_json(self) -> dict[str, Any]:
        """``{article, start, end, trigger, keys}``."""
        return {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "trigger": self.trigger,
            "keys": list(self.keys),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MergeReason:
        """Read an exported reason back."""
        return cls(
            article=str(data["article"]),
            start=int(data["start"]),
            end=int(data["end"]),
            trigger=json_str(data.get("trigger")),
            keys=[str(k) for k in data.get("keys") or []],
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
    merged: list[MergeReason] = field(default_factory=list)
    main: bool = False  # some article leads with it (its main event)
    accidental: bool = False  # at least half of its articles call it accidental
    # arrests, charges, hearings of other articles that follow this incident (E7g)
    follow_ups: list[MergeReason] = field(default_factory=list)

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
            "merged": [r.to_json() for r in self.merged],
            "main": self.main,
            "accidental": self.accidental,
            "follow_ups": [r.to_json() for r in self.follow_ups],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FusedEvent:
        """Read an exported (or persisted) event back."""
        place = data.get("place")
        return cls(
            id=str(data["id"]),
            type=str(data["type"]),
            subtype=json_str(data.get("subtype")),
            date=json_str(data.get("date")),
            date_precision=json_str(data.get("date_precision")),
            place=Place.from_json(place) if isinstance(place, Mapping) else None,
            actors=[str(x) for x in data.get("actors") or []],
            targets=[str(x) for x in data.get("targets") or []],
            numbers=[Figure.from_json(n) for n in data.get("numbers") or []],
            mentions=[
                MentionRef(
                    str(m["article"]),
                    int(m["start"]),
                    int(m["end"]),
                    str(m.get("role") or "secondary"),
                )
                for m in data.get("mentions") or []
            ],
            sources=[str(x) for x in data.get("sources") or []],
            independent_sources=int(data.get("independent_sources") or 0),
            origins=[str(x) for x in data.get("origins") or []],
            claimants=[str(x) for x in data.get("claimants") or []],
            claims=[str(x) for x in data.get("claims") or []],
            merged=[MergeReason.from_json(r) for r in data.get("merged") or []],
            main=bool(data.get("main")),
            accidental=bool(data.get("accidental")),
            follow_ups=[MergeReason.from_json(r) for r in data.get("follow_ups") or []],
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
