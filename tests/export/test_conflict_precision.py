"""ACLED time_precision: a stated day is 1; the publication day standing in for a date is 2."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.export.conflict import acled_rows


def _event(date: str | None, precision: str | None) -> dict[str, Any]:
    return {
        "id": "event:1",
        "type": "Violence against civilians",
        "subtype": "Attack",
        "date": date,
        "date_precision": precision,
        "place": None,
        "actors": [],
        "targets": [],
        "numbers": [{"what": "fatalities", "best": 2, "low": 2, "high": 2}],
        "sources": ["news.example.com"],
        "independent_sources": 1,
        "claims": [],
        "main": True,
    }


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        ("2016-03-04", "day", 1),
        ("2016-03-05", "document", 2),  # no temporal cue: on or shortly before publication
        ("2016-W09", "week", 2),
        ("2016-03", "month", 3),
        (None, None, 3),
    ],
)
def test_time_precision(date: str | None, precision: str | None, expected: int) -> None:
    (row,) = acled_rows({"events": [_event(date, precision)], "entities": []})
    assert row["time_precision"] == expected
    assert row["fatalities"] == 2
