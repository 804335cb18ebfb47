"""Event coreference and independent sources on invented fixture stories."""

from __future__ import annotations

from fusion_builders import KELDOR, MIRRAN, TASSO, Corpus, Doc, add_place, norland

STRIKE = "Norlandic jets carried out an air strike on {town} on Monday, residents said."


def strike(
    c: Corpus,
    aid: str,
    outlet: str,
    town: tuple[str, float, float, str, str],
    date: str = "2024-03-04",
    family: str | None = None,
    published: str = "2024-03-05",
    actor: str = "actor:norland",
) -> Doc:
    doc = c.article(aid, outlet, published, STRIKE.format(town=town[0]), family=family)
    norland(doc)
    place = add_place(doc, town[0], town)
    doc.event("air strike", actors=(actor,), place=place, date=date)
    return doc


def test_merge_same_day_same_or_nearby_place_and_region(corpus: Corpus) -> None:
    strike(corpus, "a1", "Wire One", KELDOR, family="w1")
    strike(corpus, "a2", "Wire Two", KELDOR, family="w2")
    strike(corpus, "a3", "Local Post", MIRRAN)  # ~7 km away: same strike
    region = corpus.article(
        "a4",
        "Daily Reach",
        "2024-03-05",
        "An air strike hit Upper Reach province on March 4. The strike destroyed a bakery.",
    )
    norland(region)
    upper = region.place(
        "Upper Reach", "Upper Reach", 35.3, 38.4, "XN", "Upper Reach", kind="region", precision=3
    )
    region.event("air strike", place=upper, date="2024-03-04")
    region.event("strike", date=None, nth=1)  # same article, no place: the same strike
    fusion = corpus.fuse()
    assert len(fusion.events) == 1
    event = fusion.events[0]
    assert len(event["mentions"]) == 5
    assert event["place"]["name"] in {"Keldor", "Mirran"}  # the most precise place wins
    assert event["date"] == "2024-03-04" and event["date_precision"] == "day"
    assert event["independent_sources"] == 4
    assert event["sources"] == ["Daily Reach", "Local Post", "Wire One", "Wire Two"]
    assert event["id"].startswith("event:")


def test_no_merge_different_day(corpus: Corpus) -> None:
    strike(corpus, "a1", "Wire One", KELDOR, date="2024-03-04")
    strike(corpus, "a2", "Wire Two", KELDOR, date="2024-03-06", published="2024-03-06")
    assert len(corpus.fuse().events) == 2


def test_no_merge_far_places(corpus: Corpus) -> None:
    strike(corpus, "a1", "Wire One", KELDOR)
    strike(corpus, "a2", "Wire Two", TASSO)
    assert len(corpus.fuse().events) == 2


def test_no_merge_incompatible_type(corpus: Corpus) -> None:
    strike(corpus, "a1", "Wire One", KELDOR)
    doc = corpus.article(
        "a2",
        "Wire Two",
        "2024-03-05",
        "Hundreds joined a protest in Keldor on Monday against the curfew.",
    )
    place = add_place(doc, "Keldor", KELDOR)
    doc.event("protest", type="protest", subtype=None, place=place, date="2024-03-04")
    shelling = corpus.article(
        "a3", "Wire Three", "2024-03-05", "Artillery shelling hit Keldor on Monday."
    )
    place = add_place(shelling, "Keldor", KELDOR)
    shelling.event("shelling", subtype="shelling", place=place, date="2024-03-04")
    assert len(corpus.fuse().events) == 3


def test_no_merge_contradictory_actors(corpus: Corpus) -> None:
    strike(corpus, "a1", "Wire One", KELDOR)
    other = strike(corpus, "a2", "Wire Two", KELDOR, actor="actor:southern-alliance")
    other.entity("actor:southern-alliance", "Southern Alliance", "XS", "state", [])
    assert len(corpus.fuse().events) == 2


def test_undated_mention_uses_publication_window(corpus: Corpus) -> None:
    strike(corpus, "a1", "Wire One", KELDOR, date="2024-03-04")
    late = strike(corpus, "a2", "Wire Two", KELDOR, published="2024-03-05")
    late.analysis["events"][0]["date"] = None  # "on Monday" left unresolved
    stale = strike(corpus, "a3", "Wire Three", KELDOR, published="2024-03-20")
    stale.analysis["events"][0]["date"] = None
    events = corpus.fuse().events
    assert sorted(len(e["mentions"]) for e in events) == [1, 2]


def test_one_wire_story_on_five_sites_is_one_independent_source(corpus: Corpus) -> None:
    for i, outlet in enumerate(["Site A", "Site B", "Site C", "Site D", "Site E"]):
        doc = strike(corpus, f"copy{i}", outlet, KELDOR, family="agency-x-1")
        doc.record["version"] = 1 + i % 2
    event = corpus.fuse().events[0]
    assert len(event["sources"]) == 5
    assert event["independent_sources"] == 1
    strike(corpus, "other", "Agency Y", KELDOR, family="agency-y-7")
    event = corpus.fuse().events[0]
    assert event["independent_sources"] == 2
    assert len(event["sources"]) == 6


def test_claimants_are_kept_apart_from_outlets(corpus: Corpus) -> None:
    text = (
        "Norlandic jets carried out an air strike on Keldor on Monday, the Norland "
        "defence ministry said."
    )
    for aid, outlet, fam in (("a1", "Wire One", "w1"), ("a2", "Wire Two", "w2")):
        doc = corpus.article(aid, outlet, "2024-03-05", text, family=fam)
        norland(doc)
        doc.entity(
            "org:norland-mod",
            "Norland defence ministry",
            "XN",
            "military",
            ["Norland defence ministry"],
        )
        place = add_place(doc, "Keldor", KELDOR)
        ci = doc.claim(
            text,
            "Norlandic jets carried out an air strike on Keldor on Monday",
            "the Norland defence ministry",
            speaker_id="org:norland-mod",
        )
        doc.event("air strike", actors=("actor:norland",), place=place, date="2024-03-04", claim=ci)
    event = corpus.fuse().events[0]
    assert event["independent_sources"] == 2
    assert event["claimants"] == ["Norland defence ministry"]
    assert len(event["claims"]) == 2 and all(c.startswith("claim:") for c in event["claims"])


def test_ids_are_stable_under_input_order(corpus: Corpus) -> None:
    strike(corpus, "a1", "Wire One", KELDOR, family="w1")
    strike(corpus, "a2", "Wire Two", KELDOR, family="w2")
    first = corpus.fuse().events[0]["id"]
    corpus.docs.reverse()
    assert corpus.fuse().events[0]["id"] == first


def test_bad_records_do_not_raise(corpus: Corpus) -> None:
    doc = strike(corpus, "a1", "Wire One", KELDOR)
    doc.analysis["events"] += [
        {"type": "attack"},
        "junk",
        {"start": 0, "end": 3, "type": "attack", "date": "2024-13-45"},
    ]
    doc.record["published"] = "not a date"
    fusion = corpus.fuse()
    assert sum(len(e["mentions"]) for e in fusion.events) == 2


def test_undated_article_needs_more_than_its_story_to_merge(corpus: Corpus) -> None:
    # E4: no publication date and no event date. Two strikes in one article with
    # nothing else in common stay two events; a shared place joins them.
    text = "An air strike hit a market. Hours later another air strike hit a school."
    doc = corpus.article("u1", "Undated Post", None, text)
    doc.event("air strike", date=None)
    doc.event("air strike", date=None, nth=1)
    assert len(corpus.fuse().events) == 2
    placed = corpus.article(
        "u2", "Undated Post", None, "An air strike hit Keldor. The strike on Keldor killed two."
    )
    first = add_place(placed, "Keldor", KELDOR)
    placed.event("air strike", place=first, date=None)
    placed.event("strike", place=first, date=None, nth=0)
    events = corpus.fuse().events
    assert sorted(len(e["mentions"]) for e in events) == [1, 1, 2]


def test_accidental_flag_carried_when_half_the_articles_say_so(corpus: Corpus) -> None:
    """docs/events.md: an accidental shooting keeps its type, flagged on the fused event
    when at least half of its articles call it accidental."""
    for aid, outlet, family in (("a1", "Wire One", "w1"), ("a2", "Wire Two", "w2")):
        strike(corpus, aid, outlet, KELDOR, family=family)
    corpus.docs[0].analysis["events"][0]["accidental"] = True
    (event,) = corpus.fuse().events
    assert event["accidental"] is True  # one of two articles
    strike(corpus, "a3", "Local Post", KELDOR, family="w3")
    (event,) = corpus.fuse().events
    assert event["accidental"] is False  # one of three: the others report an attack
