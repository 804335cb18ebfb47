"""Builders and texts of the invented Port Selvan story used by the report tests.

Port Selvan is a made-up harbour town. Two wire stories from the made-up
Meridian Wire agency are each run by two outlets (families ``fam-a1`` and
``fam-a4``); Northline News files its own report. Offsets are computed from
the texts so every span points at the words it names. The events, disputes,
series and stories built on these are in ``report_story.py``.
"""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]

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


def span(text: str, phrase: str) -> tuple[int, int]:
    """Offsets of the first occurrence of ``phrase`` in ``text``."""
    start = text.index(phrase)
    return start, start + len(phrase)


def article(
    aid: str,
    outlet: str,
    title: str,
    day: str,
    text: str,
    family: str | None,
    version: int | None,
    url: str,
) -> dict[str, Any]:
    """One export article record."""
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


def claim(
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
    """One export claim record whose span is ``said`` in ``text``."""
    start, end = span(text, said)
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


def source(
    aid: str, outlet: str, text: str, phrase: str, value: float, claimant: str | None
) -> dict[str, Any]:
    """One source of a reconciled figure, with the offsets of ``phrase``."""
    start, end = span(text, phrase)
    return {
        "article": aid,
        "outlet": outlet,
        "claimant": claimant,
        "value": value,
        "text": phrase,
        "start": start,
        "end": end,
    }


def articles() -> list[Record]:
    """The six articles: two wire families, one own report, one unrelated rail story."""
    return [
        article(
            "a1",
            "Harbor Daily",
            "Missiles hit Port Selvan grain terminal",
            "2024-05-03",
            WIRE_1,
            "fam-a1",
            1,
            "https://harbor-daily.example/world/port-selvan",
        ),
        article(
            "a2",
            "Evening Ledger",
            "Missiles hit Port Selvan grain terminal",
            "2024-05-03",
            WIRE_1,
            "fam-a1",
            2,
            "https://ledger.example/2024/05/03/port-selvan",
        ),
        article(
            "a3",
            "Northline News",
            "Governor blames northern army for port strike",
            "2024-05-04",
            OWN_3,
            None,
            None,
            "https://northline.example/selvan-governor",
        ),
        article(
            "a4",
            "Harbor Daily",
            "Northern army denies Port Selvan strike",
            "2024-05-05",
            WIRE_4,
            "fam-a4",
            1,
            "https://harbor-daily.example/world/army-denies",
        ),
        article(
            "a5",
            "Northline News",
            "Northern army denies Port Selvan strike",
            "2024-05-05",
            WIRE_4,
            "fam-a4",
            2,
            "http://northline.example/wire/army-denies",
        ),
        article(
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


def claims() -> list[Record]:
    """The claims of the story; c3 (accusation) and c4 (denial) form the dispute."""
    return [
        claim(
            "claim:c1",
            "a1",
            WIRE_1,
            "Four dockworkers were killed when missiles hit the grain terminal",
            "ent:port",
            "Port Selvan port authority",
            "statement",
            True,
        ),
        claim(
            "claim:c2",
            "a2",
            WIRE_1,
            "Four dockworkers were killed when missiles hit the grain terminal",
            "ent:port",
            "Port Selvan port authority",
            "statement",
            True,
        ),
        claim(
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
        claim(
            "claim:c4",
            "a4",
            WIRE_4,
            "Our forces did not strike the terminal; it was hit by a misfired air-defence missile",
            "ent:army",
            "Northern Army",
            "denial",
            True,
        ),
        claim(
            "claim:c5",
            "a5",
            WIRE_4,
            "Our forces did not strike the terminal; it was hit by a misfired air-defence missile",
            "ent:army",
            "Northern Army",
            "denial",
            True,
        ),
        claim(
            "claim:c6",
            "a3",
            OWN_3,
            "seven people were killed at the terminal",
            None,
            "Hospital staff",
            "statement",
            False,
        ),
        claim(
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
