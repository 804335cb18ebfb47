"""Builders for fusion fixtures: articles and analysis records from text spans.

Offsets are computed from the text, so fixtures stay readable: name the
substring (and which occurrence) instead of counting characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crosswire.fusion import Fusion, fuse
from crosswire.model import Article

Record = dict[str, Any]


def span(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``sub`` in ``text``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(sub, at + 1)
    return at, at + len(sub)


@dataclass
class Doc:
    """One article under construction, with its analysis record."""

    record: Record
    analysis: Record = field(
        default_factory=lambda: {
            "entities": [],
            "places": [],
            "dates": [],
            "quantities": [],
            "claims": [],
            "events": [],
        }
    )

    @property
    def text(self) -> str:
        return str(self.record["text"])

    def entity(
        self,
        eid: str,
        name: str,
        country: str | None,
        category: str | None,
        spans: list[str],
        aliases: list[str] | None = None,
        type: str = "org",
    ) -> None:
        mentions = []
        for sub in spans:
            start = self.text.find(sub)
            while start >= 0:
                mentions.append([start, start + len(sub)])
                start = self.text.find(sub, start + 1)
        self.analysis["entities"].append(
            {
                "id": eid,
                "name": name,
                "type": type,
                "aliases": aliases or [],
                "role": None,
                "affiliation": {"country": country, "category": category},
                "mentions": mentions,
            }
        )

    def place(
        self,
        sub: str,
        name: str,
        lat: float,
        lon: float,
        country: str,
        admin1: str,
        kind: str = "town",
        precision: int = 1,
    ) -> Record:
        start, end = span(self.text, sub)
        p = {
            "start": start,
            "end": end,
            "text": sub,
            "name": name,
            "lat": lat,
            "lon": lon,
            "country": country,
            "admin1": admin1,
            "kind": kind,
            "precision": precision,
        }
        self.analysis["places"].append(p)
        return p

    def quantity(
        self,
        sub: str,
        value: float,
        low: float | None = None,
        high: float | None = None,
        noun: str | None = None,
        modifiers: tuple[str, ...] = (),
        nth: int = 0,
    ) -> Record:
        start, end = span(self.text, sub, nth)
        q = {
            "start": start,
            "end": end,
            "text": sub,
            "value": value,
            "low": low,
            "high": high,
            "unit": None,
            "noun": noun,
            "qualifier": None,
            "modifiers": list(modifiers),
        }
        self.analysis["quantities"].append(q)
        return q

    def claim(
        self,
        whole: str,
        content: str,
        speaker: str,
        kind: str = "statement",
        speaker_id: str | None = None,
        target: str | None = None,
    ) -> int:
        start, end = span(self.text, whole)
        cs, ce = span(self.text, content)
        ss, se = span(self.text, speaker)
        self.analysis["claims"].append(
            {
                "start": start,
                "end": end,
                "content_start": cs,
                "content_end": ce,
                "text": self.text[cs:ce],
                "speaker_start": ss,
                "speaker_end": se,
                "speaker_text": speaker,
                "speaker_resolved_text": speaker,
                "speaker_kind": "named",
                "cue": "say",
                "kind": kind,
                "quote": False,
                "target_text": target,
                "speaker": speaker_id,
                "numbers": [],
            }
        )
        return len(self.analysis["claims"]) - 1

    def event(
        self,
        sub: str,
        type: str = "attack",
        subtype: str | None = "air strike",
        actors: tuple[str, ...] = (),
        targets: tuple[str, ...] = (),
        place: Record | None = None,
        date: str | None = None,
        numbers: tuple[tuple[str, Record], ...] = (),
        claim: int | None = None,
        negated: bool = False,
        nth: int = 0,
        role: str | None = None,
    ) -> None:
        start, end = span(self.text, sub, nth)
        self.analysis["events"].append(
            {
                "start": start,
                "end": end,
                "trigger": sub,
                "trigger_start": start,
                "trigger_end": end,
                "type": type,
                "subtype": subtype,
                "actors": list(actors),
                "targets": list(targets),
                "place": place,
                "place_precision": place["precision"] if place else None,
                "date": date,
                "date_precision": "day" if date and len(date) == 10 else None,
                "numbers": [
                    {
                        "what": what,
                        "value": q["value"],
                        "low": q["low"],
                        "high": q["high"],
                        "text": q["text"],
                        "start": q["start"],
                        "end": q["end"],
                        **({"told_singly": True} if q.get("told_singly") else {}),
                    }
                    for what, q in numbers
                ],
                "claim_index": claim,
                "negated": negated,
                **({"role": role} if role else {}),
            }
        )


class Corpus:
    """A set of fixture articles."""

    def __init__(self) -> None:
        self.docs: list[Doc] = []

    def article(
        self,
        aid: str,
        outlet: str,
        published: str | None,
        text: str,
        family: str | None = None,
        version: int = 1,
    ) -> Doc:
        doc = Doc(
            {
                "id": aid,
                "outlet": outlet,
                "published": published,
                "family": family,
                "version": version,
                "title": None,
                "text": text,
            }
        )
        self.docs.append(doc)
        return doc

    def fuse(self) -> Fusion:
        return fuse(
            [d.record for d in self.docs], {str(d.record["id"]): d.analysis for d in self.docs}
        )


# The invented world: Norland (XN) with its capital Velm; towns in Upper Reach.
KELDOR = ("Keldor", 35.100, 38.200, "XN", "Upper Reach")
MIRRAN = ("Mirran", 35.140, 38.260, "XN", "Upper Reach")  # about 7 km from Keldor
TASSO = ("Tasso", 36.500, 40.100, "XN", "Lower Reach")  # about 230 km away


def add_place(doc: Doc, sub: str, where: tuple[str, float, float, str, str]) -> Record:
    """A town place mention of one of the fixture towns."""
    name, lat, lon, country, admin1 = where
    return doc.place(sub, name, lat, lon, country, admin1)


def norland(doc: Doc) -> None:
    """Norland (the state) with its usual names."""
    doc.entity(
        "actor:norland",
        "Norland",
        "XN",
        "state",
        ["Norland", "Velm"],
        aliases=["Norland", "Velm", "Norlandic"],
        type="state",
    )


def store_doc(store: Any, doc: Doc, family: str | None = None) -> str:
    """Add ``doc``'s article and its analysis to ``store`` (either backend);
    ``family`` overrides the record's wire family. Returns the article id."""
    r = doc.record
    store.add_article(
        Article(
            id=r["id"],
            source=f"fixture:{r['id']}",
            text=r["text"],
            outlet=r["outlet"],
            published=r["published"],
            family=family or r["family"],
            version=r["version"],
            ingested="2024-03-06T00:00:00+00:00",
        )
    )
    store.save_analysis(r["id"], "done", None, doc.analysis)
    return str(r["id"])


def spy_analyses(monkeypatch: Any) -> list[str]:
    """Record the ids of every analysis the persisted fusion reads from now on
    (the incremental tests' check that an update reads only what it touches)."""
    from crosswire.fusion.increment_store import FusionIndex

    read: list[str] = []
    original = FusionIndex.analyses

    def spy(self: FusionIndex, ids: Any) -> dict[str, Any]:
        read.extend(ids)
        return original(self, ids)

    monkeypatch.setattr(FusionIndex, "analyses", spy)
    return read
