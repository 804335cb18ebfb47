"""The fused side of the invented Port Selvan story: events, disputes, series, stories.

``build_export`` assembles the whole export object (format 1.1 plus fusion
sections) from these and the articles and claims in ``report_builders.py``.
"""

from __future__ import annotations

from typing import Any

from report_builders import (
    OWN_3,
    WIRE_1,
    WIRE_4,
    Record,
    articles,
    claims,
    source,
    span,
)


def events() -> list[Record]:
    """Three fused events, listed out of time order on purpose."""
    return [
        {  # listed out of time order on purpose
            "id": "event:protest",
            "type": "Protests",
            "subtype": "Peaceful protest",
            "date": "2024-05-05",
            "date_precision": "day",
            "place": {
                "name": "Lessa",
                "lat": None,
                "lon": None,
                "country": "Selvania",
                "admin1": None,
                "precision": 3,
            },
            "actors": [],
            "targets": [],
            "numbers": [],
            "mentions": [
                {
                    "article": a,
                    "start": span(WIRE_4, "Hundreds marched")[0],
                    "end": span(WIRE_4, "Hundreds marched")[1],
                }
                for a in ("a4", "a5")
            ],
            "sources": ["Harbor Daily", "Northline News"],
            "independent_sources": 1,
            "claims": [],
        },
        {
            "id": "event:terminal",
            "type": "Explosions/Remote violence",
            "subtype": "Air/drone strike",
            "date": "2024-05-02",
            "date_precision": "day",
            "place": {
                "name": "Port Selvan",
                "lat": 44.61,
                "lon": 33.52,
                "country": "Selvania",
                "admin1": "Coast",
                "precision": 1,
            },
            "actors": ["ent:army"],
            "targets": ["ent:terminal"],
            "numbers": [
                {
                    "what": "dead",
                    "low": 4,
                    "best": 4,
                    "high": 7,
                    "sources": [
                        source(
                            "a1",
                            "Harbor Daily",
                            WIRE_1,
                            "Four dockworkers",
                            4,
                            "Port Selvan port authority",
                        ),
                        source("a3", "Northline News", OWN_3, "seven people", 7, "Hospital staff"),
                    ],
                }
            ],
            "mentions": [{"article": a, "start": 0, "end": 40} for a in ("a1", "a2", "a3")],
            "sources": ["Evening Ledger", "Harbor Daily", "Northline News"],
            "independent_sources": 2,
            "claims": ["claim:c1", "claim:c2", "claim:c3"],
        },
        {
            "id": "event:dravik",
            "type": "Explosions/Remote violence",
            "subtype": "Shelling/artillery/missile attack",
            "date": "2024-05-04",
            "date_precision": "day",
            "place": {
                "name": "Dravik",
                "lat": 44.95,
                "lon": 34.1,
                "country": "Selvania",
                "admin1": "Coast",
                "precision": 2,
            },
            "actors": [],
            "targets": [],
            "numbers": [],
            "mentions": [
                {
                    "article": "a3",
                    "start": span(OWN_3, "shells landed")[0],
                    "end": span(OWN_3, "shells landed")[1],
                }
            ],
            "sources": ["Northline News"],
            "independent_sources": 1,
            "claims": [],
        },
    ]


def disputes(claim_list: list[Record]) -> list[Record]:
    """The denial dispute between claims c3 (accusation) and c4 (denial)."""
    c3, c4 = claim_list[2], claim_list[3]
    return [
        {
            "id": "dispute:denial-1",
            "kind": "denial",
            "claims": ["claim:c3", "claim:c4"],
            "sides": [
                {
                    "claimant": "Ana Brezic",
                    "claim": "claim:c3",
                    "article": "a3",
                    "start": c3["start"],
                    "end": c3["end"],
                    "text": c3["text"],
                },
                {
                    "claimant": "Northern Army",
                    "claim": "claim:c4",
                    "article": "a4",
                    "start": c4["start"],
                    "end": c4["end"],
                    "text": c4["text"],
                },
            ],
            "note": "Northern Army denies what Ana Brezic accuses it of",
            "events": ["event:terminal"],
        }
    ]


def _point(
    arts: list[Record],
    aid: str,
    day: str,
    phrase: str,
    value: float,
    low: float | None = None,
    high: float | None = None,
) -> dict[str, Any]:
    text = next(a["text"] for a in arts if a["id"] == aid)
    start, end = span(text, phrase)
    outlet = next(a["outlet"] for a in arts if a["id"] == aid)
    return {
        "date": day,
        "value": value,
        "low": low,
        "high": high,
        "outlet": outlet,
        "claimant": "health ministry",
        "article": aid,
        "start": start,
        "end": end,
    }


def series(arts: list[Record]) -> list[Record]:
    """The health ministry's cumulative death toll as one dated series."""
    return [
        {
            "what": "dead",
            "label": "dead (Selvania)",
            "points": [
                _point(arts, "a4", "2024-05-05", "between 35 and 38", 35, 35, 38),
                _point(arts, "a1", "2024-05-03", "24 people", 24),
                _point(arts, "a3", "2024-05-04", "at least 31 people", 31, 31, None),
            ],
        }
    ]


def entities() -> list[Record]:
    """The two entities the events name."""
    return [
        {
            "id": "ent:army",
            "name": "Northern Army",
            "type": "ORG",
            "aliases": ["northern army"],
            "role": "military",
            "affiliation": {"country": "Norland", "category": "military"},
            "mentions": [],
        },
        {
            "id": "ent:terminal",
            "name": "Port Selvan grain terminal",
            "type": "FAC",
            "aliases": [],
            "role": None,
            "affiliation": {"country": "Selvania", "category": None},
            "mentions": [],
        },
    ]


def stories() -> list[Record]:
    """The Port Selvan story and the unrelated rail story."""
    return [
        {
            "id": "story:port-selvan",
            "title": "Strikes on the Port Selvan grain terminal",
            "start": "2024-05-02",
            "end": "2024-05-05",
            "articles": ["a1", "a2", "a3", "a4", "a5"],
            "families": ["fam-a1", "fam-a4"],
            "events": ["event:terminal", "event:dravik", "event:protest"],
            "outlets": ["Evening Ledger", "Harbor Daily", "Northline News"],
        },
        {
            "id": "story:rail",
            "title": "Rail strike",
            "start": "2024-05-03",
            "end": "2024-05-03",
            "articles": ["a6"],
            "families": [],
            "events": [],
            "outlets": ["Evening Ledger"],
        },
    ]


def build_export() -> dict[str, Any]:
    """The whole export object of the invented story (plus one unrelated article)."""
    arts = articles()
    claim_list = claims()
    return {
        "crosswire": "1.1",
        "articles": arts,
        "entities": entities(),
        "places": [],
        "dates": [],
        "quantities": [],
        "claims": claim_list,
        "events": events(),
        "disputes": disputes(claim_list),
        "series": series(arts),
        "stories": stories(),
        "framing": [],
    }
