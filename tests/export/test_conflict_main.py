"""ACLED and UCDP views lead with the articles' main events and mark them (``main``)."""

from __future__ import annotations

from typing import Any

from crosswire.export.conflict import ACLED_COLUMNS, UCDP_COLUMNS, acled_rows, ucdp_rows


def _event(eid: str, date: str, main: bool) -> dict[str, Any]:
    return {
        "id": eid,
        "type": "Violence against civilians",
        "subtype": "Attack",
        "date": date,
        "date_precision": "day",
        "place": None,
        "actors": [],
        "targets": [],
        "numbers": [{"what": "fatalities", "best": 1, "low": 1, "high": 1}],
        "sources": ["news.example.com"],
        "independent_sources": 1,
        "claims": [],
        "mentions": [],
        "main": main,
    }


EXPORT = {
    "entities": [],
    "events": [
        # a shooting recalled in the background of a report, then two headline events
        _event("event:recalled", "2015-03-01", False),
        _event("event:a", "2015-06-02", True),
        _event("event:b", "2015-06-09", True),
    ],
}


def test_acled_rows_lead_with_main_events() -> None:
    rows = acled_rows(EXPORT)
    assert [r["event_id_cnty"] for r in rows] == ["event:a", "event:b", "event:recalled"]
    assert [r["main"] for r in rows] == [1, 1, 0]
    assert "main" in ACLED_COLUMNS


def test_ucdp_rows_lead_with_main_events() -> None:
    rows = ucdp_rows(EXPORT)
    assert [r["id"] for r in rows] == ["event:a", "event:b", "event:recalled"]
    assert [r["main"] for r in rows] == [1, 1, 0]
    assert "main" in UCDP_COLUMNS
