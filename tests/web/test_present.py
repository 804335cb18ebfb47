"""Values formatted for people: counts, dates of any precision, labels, precisions."""

from __future__ import annotations

from datetime import date

import pytest

from crosswire.web import present


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (240000.0, "240,000"),
        (14, "14"),
        (2.5, "2.5"),
        (None, "–"),
        (float("nan"), "–"),
        (True, "–"),
        ("7.0", "7"),
    ],
)
def test_num(value: object, shown: str) -> None:
    assert present.num(value) == shown


def test_dates_of_every_precision() -> None:
    assert present.date_range("2019-W46") == (date(2019, 11, 11), date(2019, 11, 17))
    assert present.date_label("2019-W46") == "week 46 of 2019 (11 Nov 2019 – 17 Nov 2019)"
    assert present.date_range("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert present.date_range("2024-12") == (date(2024, 12, 1), date(2024, 12, 31))
    assert present.date_label("2024-05") == "May 2024"
    assert present.date_label("1979") == "1979"
    assert present.date_label("2024-05-14") == "14 May 2024"
    assert present.date_label(None) == "undated"
    # Impossible dates are shown as written, never as a crash or "NaN".
    assert present.date_range("2019-W60") is None and present.date_label("2019-W60") == "2019-W60"
    assert present.date_range("2024-13") is None


def test_labels_and_precisions() -> None:
    assert present.label("fatalities_civilian") == "Civilians killed"
    assert present.label("boats_sunk") == "Boats sunk"
    assert present.label(None) == "–"
    assert present.place_precision(1).startswith("town")
    assert present.place_precision(3).startswith("region or country")
    assert present.place_precision(None) == "precision unknown"
    assert present.date_precision("document").startswith("publication day")
    assert present.dash("None") == "–" and present.dash(3.0) == "3"
    assert present.humanize("fatalities_civilian: 14 vs 9") == "Civilians killed: 14 vs 9"
    assert present.humanize("see snake_case_word") == "see snake_case_word"
    assert present.humanize(None) == "–"


def test_figures() -> None:
    assert present.figure_text({"low": 7.0, "best": 9.0, "high": 9.0}) == "7–9"
    assert present.figure_text({"low": 36, "best": 40, "high": 44}) == "36–44 (best 40)"
    assert present.figure_text({"low": 14.0, "best": 14.0, "high": None}) == "at least 14"
    assert present.figure_text({"low": 12, "best": 12, "high": 12}) == "12"
    assert present.figure_conflict({"sources": [{"value": 7}, {"value": 9}]})
    assert not present.figure_conflict({"sources": [{"value": 7}, {"value": 7.0}]})
    assert present.clip("a " * 200, 20).endswith("…") and len(present.clip("a " * 200, 20)) <= 21
