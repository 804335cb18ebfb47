"""The picture tables as :class:`crosswire.store.picture.Spec` values.

Typed tables hold the sections the API filters (stories, events, claims,
disputes, entities, places); every other list section of the export (dates,
quantities, series, framing, and any section added later) is kept in
``pic_records`` under its name, in export order.
"""

from __future__ import annotations

from crosswire.store.picture import Child, Spec

# Export section -> table, for the typed sections.
TYPED: dict[str, str] = {
    "stories": "pic_stories",
    "events": "pic_events",
    "claims": "pic_claims",
    "disputes": "pic_disputes",
    "entities": "pic_entities",
    "places": "pic_places",
}

SPECS: dict[str, Spec] = {
    "stories": Spec(
        "pic_stories",
        (
            "id",
            "start_day",
            "end_day",
            "n_articles",
            "n_outlets",
            "n_sources",
            "n_events",
            "n_disputes",
            "data",
        ),
        (
            Child("pic_story_articles", "story_key", ("pos", "article_id")),
            Child("pic_story_outlets", "story_key", ("outlet_key",)),
        ),
        search="story",
    ),
    "events": Spec(
        "pic_events",
        (
            "id",
            "story_id",
            "day",
            "undated",
            "date_sort",
            "type_key",
            "subtype_key",
            "place_text",
            "lat",
            "lon",
            "data",
            "block",
        ),
        (
            Child(
                "pic_event_mentions", "event_key", ("pos", "article_id", "span_start", "span_end")
            ),
            Child("pic_event_figures", "event_key", ("pos", "kind", "low", "best", "high")),
            Child("pic_event_refs", "event_key", ("role", "ref")),
        ),
        search="event",
    ),
    "claims": Spec(
        "pic_claims",
        ("id", "article_id", "speaker", "kind_key", "speaker_fold", "data"),
        search="claim",
    ),
    "disputes": Spec(
        "pic_disputes",
        ("id", "kind_key", "text_fold", "data", "block"),
        (Child("pic_dispute_sides", "dispute_key", ("pos", "article_id", "claim_id", "side")),),
    ),
    "entities": Spec(
        "pic_entities",
        ("id", "names_fold", "type_key", "data"),
        (Child("pic_mentions", "owner_key", ("article_id",), (("owner_kind", "entity"),)),),
    ),
    "places": Spec(
        "pic_places",
        ("id", "name", "country", "place_text", "lat", "lon", "data"),
        (Child("pic_mentions", "owner_key", ("article_id",), (("owner_kind", "place"),)),),
    ),
}


def record_spec(section: str) -> Spec:
    """The ``pic_records`` spec of one id-less section (``series`` has points)."""
    children = (
        (Child("pic_series_points", "series_key", ("pos", "article_id", "value", "day")),)
        if section == "series"
        else ()
    )
    return Spec("pic_records", ("link", "data"), children, scope=("section", section))
