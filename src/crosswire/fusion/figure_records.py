"""Typed records of reported figures: event figures, running totals, disputes.

Part of :mod:`crosswire.fusion.records` (which re-exports everything here);
kept apart so each module stays small. Like it, this module imports nothing
from crosswire.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Dispute",
    "DisputeSide",
    "Figure",
    "FigureSource",
    "Number",
    "Series",
    "SeriesPoint",
    "json_number",
    "json_str",
    "whole",
]

Number = int | float  # JSON numbers keep their written type: 14 stays 14, not 14.0


def json_number(value: Any) -> Number | None:
    """A JSON number as it was (bools and anything else are None)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def json_str(value: Any) -> str | None:
    return None if value is None else str(value)


def whole(value: Any) -> Number | None:
    """A count as people read it: 240000.0 is 240000 (fractions stay as they are)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


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
    # every statement behind it tells of one person by who they are ("a man", "he"):
    # no count of the whole (rule F4f); not exported
    singly: bool = False

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
        out["as_of"] = self.published  # the day this source said it (revisions side by side)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FigureSource:
        """Read an exported source back (the private attributes stay default)."""
        basis = data.get("basis")
        return cls(
            article=str(data["article"]),
            outlet=json_str(data.get("outlet")),
            claimant=json_str(data.get("claimant")),
            value=json_number(data.get("value")),
            low=json_number(data.get("low")),
            high=json_number(data.get("high")),
            text=json_str(data.get("text")),
            start=data.get("start"),
            end=data.get("end"),
            basis=[str(b) for b in basis] if isinstance(basis, list) else None,
            published=json_str(data.get("as_of")),
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
            low=json_number(data.get("low")),
            best=json_number(data.get("best")),
            high=json_number(data.get("high")),
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
            date=json_str(data.get("date")),
            value=json_number(data.get("value")),
            low=json_number(data.get("low")),
            high=json_number(data.get("high")),
            outlet=json_str(data.get("outlet")),
            claimant=json_str(data.get("claimant")),
            article=str(data["article"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=json_str(data.get("text")),
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
            subject=json_str(data.get("subject")),
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
            claimant=json_str(data.get("claimant")),
            claim=json_str(data.get("claim")),
            article=str(data["article"]),
            start=int(start) if start is not None else None,
            end=int(end) if end is not None else None,
            text=json_str(data.get("text")),
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
