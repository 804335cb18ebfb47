"""Plain records of the report model (raw strings; renderers escape them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Ref:
    """One numbered source: an article of the story."""

    n: int
    article: str
    outlet: str | None
    title: str | None
    date: str | None
    url: str | None
    link: str | None  # the URL when it is safe to link (http/https), else None


class Cite:
    """Reference numbers by article id; articles outside the story are not cited."""

    def __init__(self, numbers: dict[str, int]) -> None:
        self.numbers = numbers

    def has(self, article: Any) -> bool:
        """Whether ``article`` is one of the story's articles."""
        return isinstance(article, str) and article in self.numbers

    def of(self, articles: Iterable[Any]) -> list[int]:
        """Sorted, unique reference numbers of the articles given."""
        return sorted({self.numbers[a] for a in articles if self.has(a)})


@dataclass
class Line:
    """One sentence and the references that back it."""

    text: str
    refs: list[int]


@dataclass
class Event:
    """One fused event as a dated, placed, sourced sentence."""

    id: str
    date: str | None
    day: str | None
    precision: str | None
    kind: str
    place: str | None
    place_precision: int | None
    lat: float | None
    lon: float | None
    actors: list[str]
    targets: list[str]
    sources: list[str]
    independent: int
    refs: list[int]
    headline: str
    sentence: str


@dataclass
class Claim:
    """One claim; wire copies of the same words by the same speaker are merged."""

    id: str
    text: str
    kind: str
    quote: bool
    cue: str | None
    target: str | None
    outlets: list[str]
    date: str | None  # the earliest publication date among the copies
    refs: list[int]


@dataclass
class Speaker:
    """Everything one speaker is reported to have said."""

    name: str
    kind: str | None
    claims: list[Claim]


@dataclass
class Side:
    """One side of a dispute."""

    claimant: str
    text: str
    refs: list[int]


@dataclass
class Dispute:
    """A denial, a contested target or conflicting figures, with every side."""

    id: str
    kind: str
    label: str
    note: str | None
    sides: list[Side]
    summary: str
    refs: list[int]


@dataclass
class FigureSource:
    """Who gave a figure, and how."""

    outlet: str | None
    claimant: str | None
    value: float | None
    text: str | None
    refs: list[int]


@dataclass
class Figure:
    """A reconciled figure of an event: low/best/high and its sources."""

    event_label: str
    what: str
    low: float | None
    best: float | None
    high: float | None
    sources: list[FigureSource] = field(default_factory=list)


@dataclass
class Point:
    """One dated value of a running total."""

    date: str | None
    value: float | None
    low: float | None
    high: float | None
    outlet: str | None
    claimant: str | None
    text: str | None
    refs: list[int]


@dataclass
class Series:
    """A cumulative figure over time (death toll, displaced)."""

    what: str
    label: str
    points: list[Point]
