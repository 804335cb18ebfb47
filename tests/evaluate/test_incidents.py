"""`crosswire evaluate incidents`: metrics on hand cases and the path on a tiny GVC-shaped set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crosswire.evaluate.incidents import (
    errors,
    evaluate,
    figure,
    haversine_km,
    load_gvc,
    main,
    pairwise,
    score,
    table,
)

# Our own fixture texts (not GVC): two incidents, three articles.
_ARTICLES = [
    {
        "doc_id": "d1",
        "url": "https://news.example.com/2016/03/05/toledo-shooting",
        "title": "Two men killed in Toledo shooting",
        "maintext": (
            "Two men were shot and killed on Friday night outside a bar on Dorr Street in "
            "Toledo, Ohio, police said.\n\nOfficers found the victims, ages 24 and 31, lying "
            "in the parking lot shortly before 11 p.m. No arrests have been made."
        ),
        "date_publish": "2016-03-05 09:00:00",
        "source_domain": "news.example.com",
        "language": "en",
    },
    {
        "doc_id": "d2",
        "url": "https://other.example.org/toledo-bar-deaths",
        "title": "Police name victims of Toledo bar shooting",
        "maintext": (
            "Police on Saturday named the two men killed in a shooting outside a Toledo bar "
            "on Friday night.\n\nThe men were shot in the parking lot on Dorr Street in "
            "Toledo, Ohio. Investigators are asking anyone with information to call."
        ),
        "date_publish": "2016-03-06 10:00:00",
        "source_domain": "other.example.org",
        "language": "en",
    },
    {
        "doc_id": "d3",
        "url": "https://news.example.com/2016/07/11/fresno-shooting",
        "title": "Woman wounded in Fresno shooting",
        "maintext": (
            "A woman was wounded when a gunman opened fire on a house in Fresno, California, "
            "on Sunday, police said.\n\nShe was taken to a hospital in stable condition."
        ),
        "date_publish": "2016-07-11 08:00:00",
        "source_domain": "news.example.com",
        "language": "en",
    },
]
_GOLD = {
    "incidents": {
        "1": {
            "date": "2016-03-04",
            "city_or_county": "Toledo",
            "state": "Ohio",
            "lat": 41.654,
            "lon": -83.536,
            "killed": 2,
            "injured": 0,
            "split": "test",
            "docs": ["d1", "d2"],
        },
        "2": {
            "date": "2016-07-10",
            "city_or_county": "Fresno",
            "state": "California",
            "lat": None,
            "lon": None,
            "killed": 0,
            "injured": 1,
            "split": "train",
            "docs": ["d3"],
        },
    }
}


@pytest.fixture()
def gvc(tmp_path: Path) -> Path:
    folder = tmp_path / "gvc"
    folder.mkdir()
    (folder / "articles.jsonl").write_text(
        "".join(json.dumps(a) + "\n" for a in _ARTICLES), encoding="utf-8"
    )
    (folder / "gold.json").write_text(json.dumps(_GOLD), encoding="utf-8")
    return folder


def test_loader_keeps_the_split(gvc: Path) -> None:
    articles, incidents = load_gvc(gvc, "test")
    assert [a["doc_id"] for a in articles] == ["d1", "d2"]
    assert list(incidents) == ["1"]
    articles, incidents = load_gvc(gvc, "all")
    assert len(articles) == 3 and len(incidents) == 2


def test_helpers_on_hand_cases() -> None:
    assert haversine_km(41.654, -83.536, 41.654, -83.536) == 0
    assert 185 < haversine_km(41.654, -83.536, 39.96, -82.999) < 200  # Toledo-Columbus
    event = {
        "numbers": [{"what": "fatalities_civilian", "best": 2}, {"what": "wounded", "best": 3}]
    }
    assert figure(event, ("fatalities", "fatalities_civilian", "fatalities_combatant")) == 2
    assert figure({"numbers": [{"what": "fatalities", "best": 5}]}, ("fatalities", "x")) == 5
    assert figure(event, ("wounded",)) == 3
    assert figure({"numbers": []}, ("wounded",)) == 0
    assert pairwise("aabb", "xxyy") == (1.0, 1.0)
    assert pairwise("aabb", "xyzw") == (1.0, 0.0)
    assert pairwise("aabb", "xxxx") == (pytest.approx(2 / 6), 1.0)


def _event(eid: str, articles: list[str], **kw: Any) -> dict[str, Any]:
    return {
        "id": eid,
        "type": kw.get("type", "Violence against civilians"),
        "date": kw.get("date"),
        "place": kw.get("place"),
        "numbers": kw.get("numbers", []),
        "mentions": [{"article": a} for a in articles],
    }


def test_score_picks_the_event_holding_most_articles() -> None:
    incidents = {"1": _GOLD["incidents"]["1"], "2": _GOLD["incidents"]["2"]}
    ids = {"d1": "a1", "d2": "a2", "d3": "a3"}
    toledo = {"name": "Toledo", "lat": 41.66, "lon": -83.55}
    obj = {
        "events": [
            _event(
                "e1",
                ["a1", "a2"],
                date="2016-03-04",
                place=toledo,
                numbers=[{"what": "fatalities", "best": 2}],
            ),
            _event("e2", ["a1"], date="2016-03-05", numbers=[{"what": "fatalities", "best": 9}]),
            _event("e3", ["a3"], date="2016-07-11", numbers=[{"what": "wounded", "best": 1}]),
            _event("e4", ["a3"], type="Protests"),  # not violent: ignored
        ],
        "stories": [{"id": "s1", "articles": ["a1", "a2", "a3"]}],
    }
    result = score(incidents, ids, obj)
    assert result["violent_events"] == 3
    assert result["violent_events_per_incident"] == 1.5
    assert result["killed_exact"] == 1.0 and result["killed_incidents"] == 1
    assert result["injured_exact"] == 1.0
    assert result["date_exact"] == 0.5 and result["date_within_1_day"] == 1.0
    assert result["place_25km"] == 1.0 and result["place_incidents"] == 1
    # a1 has two mentions of e1 (one in e2 counts less), a2 e1, a3 e3: perfect grouping
    obj["events"][0]["mentions"].append({"article": "a1"})
    grouping = score(incidents, ids, obj)["grouping"]
    assert grouping["bcubed_f1"] == 1.0 and grouping["ari"] == 1.0
    assert grouping["pairwise_recall"] == 1.0
    assert result["stories_bcubed_f1"] == pytest.approx(2 * (5 / 9) / (5 / 9 + 1), abs=1e-4)
    assert "place" not in errors(result, 5).splitlines()[0].split("]")[0]  # Fresno: no point
    assert "date" in errors(result, 5)


def test_of_events_with_as_many_articles_the_earliest_is_the_incident() -> None:
    # one report each: the shooting, and a trial story months on with more mentions
    incidents = {"2": _GOLD["incidents"]["2"]}
    ids = {"d3": "a3", "d9": "a9"}
    incidents["2"] = {**incidents["2"], "docs": ["d3", "d9"]}
    later = _event("e1", ["a9"], date="2017-02-01", numbers=[{"what": "wounded", "best": 0}])
    later["mentions"] += [{"article": "a9"}, {"article": "a9"}]
    first = _event("e2", ["a3"], date="2016-07-11", numbers=[{"what": "wounded", "best": 1}])
    result = score(incidents, ids, {"events": [later, first], "stories": []})
    assert result["cases"][0]["event"] == "e2"
    assert result["injured_exact"] == 1.0


def test_a_follow_up_act_counts_for_the_incident_it_follows() -> None:
    """An article whose only report of the incident is a charge (listed in the violent
    event's ``follow_ups``) is grouped with the incident; the figures stay the event's."""
    incidents = {"1": _GOLD["incidents"]["1"]}
    ids = {"d1": "a1", "d2": "a2"}
    shooting = _event("e1", ["a1"], date="2016-03-04", numbers=[{"what": "fatalities", "best": 2}])
    charge = _event("e2", ["a2"], type="Political")
    obj: dict[str, Any] = {"events": [shooting, charge], "stories": []}
    assert score(incidents, ids, obj)["grouping"]["bcubed_f1"] < 1.0
    shooting["follow_ups"] = [{"article": "a2", "start": 0, "end": 9, "keys": ["shared person"]}]
    result = score(incidents, ids, obj)
    assert result["grouping"]["bcubed_f1"] == 1.0
    assert result["killed_exact"] == 1.0 and result["violent_events"] == 1


def test_whole_path_on_the_fixture(gvc: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    result = evaluate(gvc, "all", db)
    assert result["incidents"] == 2 and result["articles"] == 3
    assert result["violent_events"] >= 1  # the two Toledo reports may fuse into one
    toledo = next(c for c in result["cases"] if c["incident"] == "1")
    assert toledo["articles"] == 2 and toledo["event"] is not None
    text = table(result)
    assert "killed exact" in text and "incident B-cubed F1" in text
    # the store is reused: the same figures without re-analysis
    again = evaluate(gvc, "all", db)
    assert again["cases"] == result["cases"]


def test_cli_prints_json_and_table(
    gvc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store.db"
    assert main(["--dir", str(gvc), "--split", "test", "--db", str(db), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["split"] == "test" and out["incidents"] == 1
    assert main(["--dir", str(gvc), "--split", "test", "--db", str(db)]) == 0
    assert "GVC test: 1 incidents, 2 articles" in capsys.readouterr().out
    assert main(["--dir", str(tmp_path / "nowhere")]) == 2


_GVC = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "gvc"


@pytest.mark.slow
def test_gvc_test_split_holds_the_measured_levels() -> None:
    """Guards at the figures measured on the GVC test split (README results table):
    a regression in events, victims, dates, places or merging fails here."""
    if not (_GVC / "gold.json").is_file():
        pytest.skip("../shared/eval/gvc is not available on this machine")
    result = evaluate(_GVC, "test")
    assert result["incidents"] == 34 and result["articles"] == 74
    # 26 of 30 (session 6); 25 of 30 since session 12 (issue 11 victims: more people
    # than told before, "with wounds", the perpetrator apart; train/dev killed unchanged,
    # the test incident that moved was not inspected)
    assert result["killed_exact"] >= 0.83
    assert result["injured_exact"] >= 0.42  # 3 of 7
    # 30 of 34 (session 9: of events holding as many articles, the earliest answers)
    assert result["date_exact"] >= 0.88
    assert result["place_25km"] >= 0.88  # 24 of 27 (session 9)
    # 48 events for 34 incidents (session 8 merged; 51 in session 7)
    assert result["violent_events_per_incident"] <= 1.39  # 1.382 (session 9)
    assert result["no_violent_event"] == 0
    assert result["grouping"]["bcubed_f1"] >= 0.95  # 0.953 (session 8)
    assert result["grouping"]["bcubed_precision"] >= 0.995
    assert result["stories_bcubed_f1"] >= 0.955
