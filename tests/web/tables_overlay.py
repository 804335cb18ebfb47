"""A picture richer than the demo's for the table-backed API tests: entities,
places, disputes and stories written around the fixture's own articles, with
hostile text in them (shared by test_tables.py and test_tables_pages.py)."""

from __future__ import annotations

from typing import Any


def rich_overlay(overlay: dict[str, Any], article_ids: list[str]) -> dict[str, Any]:
    """The fixture overlay plus mentions and places, so the story filters of the
    reference lists have something to find (and something to leave out)."""
    first, last = article_ids[0], article_ids[-1]
    entities = [
        {**e, "mentions": [{"article": first if n % 2 else last, "start": 0, "end": 5}]}
        for n, e in enumerate(overlay["entities"])
    ]
    entities.append(
        {"id": "ent:nobody", "name": "Zoë Ørsted", "type": "PERSON", "aliases": [], "mentions": []}
    )
    # A second story of one article: the story filter must leave the others out.
    story = overlay["stories"][0]
    other = {**story, "id": "story:harbour", "title": "Harbour", "articles": [last], "events": []}
    places = [
        {
            "id": "place:rivnopil",
            "name": "Rivnopil",
            "country": "UA",
            "admin1": "Mykolaiv",
            "lat": 46.97,
            "lon": 32.0,
            "mentions": [{"article": first, "text": "Rivnopil"}],
        },
        {
            "id": "place:odesa",
            "name": "Odesa",
            "country": "UA",
            "admin1": "Odesa",
            "lat": 46.48,
            "lon": 30.72,
            "mentions": [{"article": last, "text": "Odessa"}, {"article": first, "text": "Odesa"}],
        },
        {
            "id": "place:suva",
            "name": "Suva",
            "country": "FJ",
            "admin1": "Central",
            "lat": -18.14,
            "lon": 178.44,
            "mentions": [{"article": last, "text": "Suva"}],
        },
        {"id": "place:nowhere", "name": "Nowhere", "country": None, "mentions": []},
    ]
    # A side in the harbour story; and one whose only link to it is a claim
    # (the disputes list filters on sides, the story page on both).
    disputes = [
        *overlay["disputes"],
        {
            "id": "dispute:fire",
            "kind": "Figure",
            "claims": [],
            "sides": [{"article": last, "start": 0, "end": 6, "text": "Nobody was hurt"}],
            "note": "Casualties of the Odésa warehouse fire",
        },
        {
            "id": "dispute:claimed",
            "kind": "denial",
            "claims": ["claim:xss"],
            "sides": [{"article": first, "start": 0, "end": 6, "text": "A missile struck"}],
            "note": None,
        },
    ]
    return {
        **overlay,
        "entities": entities,
        "places": places,
        "disputes": disputes,
        "stories": [story, other],
    }
