"""An invented story as a crosswire export object (format 1.1 plus fusion sections).

Port Selvan is a made-up harbour town. Two wire stories from the made-up
Meridian Wire agency are each run by two outlets (families ``fam-a1`` and
``fam-a4``); Northline News files its own report. Offsets are computed from
the texts so every span points at the words it names.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

WIRE_1 = (
    "PORT SELVAN (Meridian Wire) - Missiles struck the grain terminal at Port Selvan early on "
    "Thursday, the port authority said.\n\n"
    '"Four dockworkers were killed when missiles hit the grain terminal," the port authority '
    "said in a statement.\n\n"
    "The health ministry said 24 people had died since the offensive began."
)
OWN_3 = (
    "Governor Ana Brezic accused the northern army of a deliberate attack. "
    '"The northern army deliberately targeted civilian grain stores," Brezic told '
    "Northline News.\n\n"
    "Hospital staff said seven people were killed at the terminal.\n\n"
    "Overnight, shells landed near Dravik, damaging a school.\n\n"
    "The health ministry said at least 31 people have died since the offensive began."
)
WIRE_4 = (
    "LESSA (Meridian Wire) - The northern army denied striking the Port Selvan terminal on "
    "Saturday.\n\n"
    '"Our forces did not strike the terminal; it was hit by a misfired air-defence missile," '
    "spokesman Colonel Radu Voss said.\n\n"
    "Hundreds marched in Lessa to demand protection for the port.\n\n"
    "The death toll has risen to between 35 and 38, the health ministry said."
)
RAIL_6 = "Rail workers walked out over pay on Friday, the union said."


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _article(
    aid: str,
    outlet: str,
    title: str,
    day: str,
    text: str,
    family: str | None,
    version: int | None,
    url: str,
) -> dict[str, Any]:
    return {
        "id": aid,
        "source": f"fixtures/{aid}.html",
        "url": url,
        "outlet": outlet,
        "title": title,
        "author": None,
        "published": day,
        "published_origin": "meta",
        "rejected_dates": [],
        "language": "en",
        "not_analysed": None,
        "text": text,
        "removed": [],
        "family": family,
        "version": version,
        "similarity": 1.0 if family else None,
    }


def _claim(
    cid: str,
    aid: str,
    text: str,
    said: str,
    speaker: str | None,
    name: str,
    kind: str,
    quote: bool,
    target: str | None = None,
) -> dict[str, Any]:
    start, end = _span(text, said)
    return {
        "id": cid,
        "article": aid,
        "start": start,
        "end": end,
        "text": said,
        "content": {"start": start, "end": end},
        "speaker": speaker,
        "speaker_name": name,
        "speaker_text": name,
        "speaker_kind": None
        if speaker is None
        else "person"
        if speaker == "ent:brezic"
        else "organisation",
        "cue": "said",
        "kind": kind,
        "quote": quote,
        "target": target,
        "numbers": [],
    }


def _source(
    aid: str, outlet: str, text: str, phrase: str, value: float, claimant: str | None
) -> dict[str, Any]:
    start, end = _span(text, phrase)
    return {
        "article": aid,
        "outlet": outlet,
        "claimant": claimant,
        "value": value,
        "text": phrase,
        "start": start,
        "end": end,
    }


def build_export() -> dict[str, Any]:
    """The whole export object of the invented story (plus one unrelated article)."""
    arts = [
        _article(
            "a1",
            "Harbor Daily",
            "Missiles hit Port Selvan grain terminal",
            "2024-05-03",
            WIRE_1,
            "fam-a1",
            1,
            "https://harbor-daily.example/world/port-selvan",
        ),
        _article(
            "a2",
            "Evening Ledger",
            "Missiles hit Port Selvan grain terminal",
            "2024-05-03",
            WIRE_1,
            "fam-a1",
            2,
            "https://ledger.example/2024/05/03/port-selvan",
        ),
        _article(
            "a3",
            "Northline News",
            "Governor blames northern army for port strike",
            "2024-05-04",
            OWN_3,
            None,
            None,
            "https://northline.example/selvan-governor",
        ),
        _article(
            "a4",
            "Harbor Daily",
            "Northern army denies Port Selvan strike",
            "2024-05-05",
            WIRE_4,
            "fam-a4",
            1,
            "https://harbor-daily.example/world/army-denies",
        ),
        _article(
            "a5",
            "Northline News",
            "Northern army denies Port Selvan strike",
            "2024-05-05",
            WIRE_4,
            "fam-a4",
            2,
            "http://northline.example/wire/army-denies",
        ),
        _article(
            "a6",
            "Evening Ledger",
            "Rail workers strike over pay",
            "2024-05-03",
            RAIL_6,
            None,
            None,
            "https://ledger.example/rail",
        ),
    ]
    text = {a["id"]: a["text"] for a in arts}
    claims = [
        _claim(
            "claim:c1",
            "a1",
            WIRE_1,
            "Four dockworkers were killed when missiles hit the grain terminal",
            "ent:port",
            "Port Selvan port authority",
            "statement",
            True,
        ),
        _claim(
            "claim:c2",
            "a2",
            WIRE_1,
            "Four dockworkers were killed when missiles hit the grain terminal",
            "ent:port",
            "Port Selvan port authority",
            "statement",
            True,
        ),
        _claim(
            "claim:c3",
            "a3",
            OWN_3,
            "The northern army deliberately targeted civilian grain stores",
            "ent:brezic",
            "Ana Brezic",
            "accusation",
            True,
            "northern army",
        ),
        _claim(
            "claim:c4",
            "a4",
            WIRE_4,
            "Our forces did not strike the terminal; it was hit by a misfired air-defence missile",
            "ent:army",
            "Northern Army",
            "denial",
            True,
        ),
        _claim(
            "claim:c5",
            "a5",
            WIRE_4,
            "Our forces did not strike the terminal; it was hit by a misfired air-defence missile",
            "ent:army",
            "Northern Army",
            "denial",
            True,
        ),
        _claim(
            "claim:c6",
            "a3",
            OWN_3,
            "seven people were killed at the terminal",
            None,
            "Hospital staff",
            "statement",
            False,
        ),
        _claim(
            "claim:c7",
            "a6",
            RAIL_6,
            "Rail workers walked out over pay on Friday",
            "ent:union",
            "Rail union",
            "statement",
            False,
        ),
    ]
    events = [
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
                    "start": _span(WIRE_4, "Hundreds marched")[0],
                    "end": _span(WIRE_4, "Hundreds marched")[1],
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
                        _source(
                            "a1",
                            "Harbor Daily",
                            WIRE_1,
                            "Four dockworkers",
                            4,
                            "Port Selvan port authority",
                        ),
                        _source("a3", "Northline News", OWN_3, "seven people", 7, "Hospital staff"),
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
                    "start": _span(OWN_3, "shells landed")[0],
                    "end": _span(OWN_3, "shells landed")[1],
                }
            ],
            "sources": ["Northline News"],
            "independent_sources": 1,
            "claims": [],
        },
    ]
    c3, c4 = claims[2], claims[3]
    disputes = [
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

    def point(
        aid: str,
        day: str,
        phrase: str,
        value: float,
        low: float | None = None,
        high: float | None = None,
    ) -> dict[str, Any]:
        start, end = _span(text[aid], phrase)
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

    series = [
        {
            "what": "dead",
            "label": "dead (Selvania)",
            "points": [
                point("a4", "2024-05-05", "between 35 and 38", 35, 35, 38),
                point("a1", "2024-05-03", "24 people", 24),
                point("a3", "2024-05-04", "at least 31 people", 31, 31, None),
            ],
        }
    ]
    entities = [
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
    stories = [
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
    return {
        "crosswire": "1.1",
        "articles": arts,
        "entities": entities,
        "places": [],
        "dates": [],
        "quantities": [],
        "claims": claims,
        "events": events,
        "disputes": disputes,
        "series": series,
        "stories": stories,
        "framing": [],
    }


@pytest.fixture()
def export() -> dict[str, Any]:
    """A fresh copy of the invented story's export (tests may mutate it)."""
    return copy.deepcopy(build_export())


STORY = "story:port-selvan"
