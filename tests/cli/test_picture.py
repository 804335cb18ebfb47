"""The demo's printed picture reads like a report, built from an export object."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.cli.output import cell, number
from crosswire.cli.picture import PlaceNames, print_picture

TEXT = (
    "Government jets struck two fuel depots outside Tal Afar on Wednesday, killing "
    "at least 14 people, a monitoring group said. Residents of Tal Afar said the "
    "fires burned until dawn."
)
TAL_AFAR = {
    "name": "Tall \u2018Afar",
    "lat": 36.37913,
    "lon": 42.44806,
    "country": "IQ",
    "admin1": "Nineveh",
    "precision": 2,
}


def _span(needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return start, start + len(needle)


def _export(*, with_text: bool = True) -> dict[str, Any]:
    mentions = []
    for nth in (0, 1):
        start, end = _span("Tal Afar", nth)
        mention: dict[str, Any] = {"article": "a1", "start": start, "end": end, "precision": 2}
        if with_text:
            mention["text"] = "Tal Afar"
        mentions.append(mention)
    strike_end = TEXT.index("group said.") + len("group said.")
    return {
        "crosswire": "1.1",
        "articles": [{"id": "a1", "text": TEXT}],
        "entities": [{"id": "actor:iraq", "name": "Iraq"}],
        "places": [{"id": "place:tall-afar-iq", **TAL_AFAR, "mentions": mentions}],
        "events": [
            {
                "id": "event:strike",
                "type": "Explosions/Remote violence",
                "subtype": "Air/drone strike",
                "date": "2025-03-12",
                "place": dict(TAL_AFAR),
                "actors": ["actor:iraq"],
                "numbers": [
                    {"what": "fatalities", "low": 14.0, "best": 14.0, "high": None},
                    {"what": "fatalities_civilian", "low": 6.0, "best": 6.0, "high": 6.0},
                ],
                "mentions": [{"article": "a1", "start": 0, "end": strike_end}],
                "independent_sources": 2,
            },
            {
                "id": "event:vague",
                "type": "Battles",
                "subtype": "Armed clash",
                "date": None,
                "place": None,
                "actors": [],
                "numbers": [],
                "mentions": [{"article": "a1", "start": 0, "end": 10}],
                "independent_sources": 1,
            },
            {
                "id": "event:dated-only",
                "type": "Battles",
                "subtype": "Armed clash",
                "date": "2025-03-12",
                "place": None,
                "actors": [],
                "numbers": [],
                "mentions": [{"article": "a1", "start": 0, "end": 10}],
                "independent_sources": 1,
            },
        ],
        "disputes": [{"kind": "denial", "note": "The ministry denies what the monitor said"}],
    }


def test_numbers_and_missing_values_read_like_a_report() -> None:
    assert number(14.0) == "14"
    assert number(0.929) == "0.929"
    assert number(None) == "\u2013"
    assert number(7) == "7"
    assert cell(None) == "\u2013" and cell("") == "\u2013"
    assert cell(1.0) == "1" and cell("Mosul") == "Mosul"


@pytest.mark.parametrize("with_text", [True, False])
def test_place_is_named_as_the_article_writes_it(with_text: bool) -> None:
    # Without a mention text the surface form comes from the evidence span.
    obj = _export(with_text=with_text)
    names = PlaceNames(obj)
    assert names.surface(obj["events"][0]) == "Tal Afar"
    assert names.label(obj["events"][0]) == "Tal Afar (Tall \u2018Afar)"
    assert names.label(obj["events"][1]) is None


def test_the_exports_own_surface_form_comes_first() -> None:
    obj = _export()
    obj["events"][0]["place"]["surface"] = "Tal Afar district"
    assert PlaceNames(obj).label(obj["events"][0]) == "Tal Afar district (Tall \u2018Afar)"
    obj["events"][0]["place"]["surface"] = None  # unknown: read it from the mentions
    assert PlaceNames(obj).surface(obj["events"][0]) == "Tal Afar"


def test_surface_form_that_contains_the_gazetteer_name_needs_no_detail() -> None:
    obj = _export()
    place = {**TAL_AFAR, "name": "Nineveh", "lat": 36.16664, "lon": 42.8053}
    start, end = _span("Tal Afar")
    obj["places"] = [
        {
            **place,
            "mentions": [{"article": "a1", "start": start, "end": end, "text": "Nineveh province"}],
        }
    ]
    obj["events"][0]["place"] = place
    assert PlaceNames(obj).label(obj["events"][0]) == "Nineveh province"


def test_picture_tables(capsys: pytest.CaptureFixture[str]) -> None:
    print_picture(_export())
    out = capsys.readouterr().out
    assert "Tal Afar (Tall \u2018Afar)" in out
    assert "fatalities 14/14/\u2013" in out and "fatalities civilian 6/6/6" in out
    assert "14.0" not in out and "None" not in out
    # Events that say neither where nor who stay in the export, not in the table.
    assert "Armed clash" not in out
    assert "1 of 3 events" in out
    assert "The ministry denies what the monitor said" in out
