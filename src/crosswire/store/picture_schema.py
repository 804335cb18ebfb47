"""DDL of migration 6: the fused picture as tables (see docs/store.md).

One statement list per dialect, generated from the same table definitions so
SQLite and PostgreSQL hold the same columns. Every main table keeps the
record exactly as exported (``data``, JSON text, key order kept) next to the
columns the API filters and sorts on, so the JSON export streams byte for
byte from the rows while queries never parse JSON. ``digest`` is the hash of
``data``: an update rewrites only rows whose digest changed.
"""

from __future__ import annotations

NAME = "picture tables"

# (table, columns, indexes). Column types use SQLite spelling; REAL becomes
# DOUBLE PRECISION on PostgreSQL (PostgreSQL REAL would round coordinates).
_MAIN = "key TEXT PRIMARY KEY, id TEXT, seq INTEGER NOT NULL, digest TEXT NOT NULL"
_TABLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # Build key, counters and other small facts of the persisted picture.
    ("pic_state", "name TEXT PRIMARY KEY, data TEXT NOT NULL, computed TEXT NOT NULL", ()),
    (
        "pic_stories",
        f"{_MAIN}, start_day TEXT, end_day TEXT, n_articles INTEGER NOT NULL, "
        "n_outlets INTEGER NOT NULL, n_sources INTEGER NOT NULL, n_events INTEGER NOT NULL, "
        "n_disputes INTEGER NOT NULL, data TEXT NOT NULL",
        ("seq", "id", "end_day, start_day"),
    ),
    (
        "pic_story_articles",
        "story_key TEXT NOT NULL, pos INTEGER NOT NULL, article_id TEXT NOT NULL",
        ("story_key, pos", "article_id"),
    ),
    (
        "pic_story_outlets",
        "story_key TEXT NOT NULL, outlet_key TEXT NOT NULL",
        ("story_key", "outlet_key"),
    ),
    (
        "pic_events",
        f"{_MAIN}, story_id TEXT, day TEXT, undated INTEGER NOT NULL, date_sort TEXT NOT NULL, "
        "type_key TEXT, subtype_key TEXT, place_text TEXT, lat REAL, lon REAL, data TEXT NOT NULL",
        (
            "id",
            "undated, date_sort, seq",
            "story_id, undated, date_sort, seq",
            "type_key, undated, date_sort, seq",
            "subtype_key",
            "day",
            "lat, lon",
        ),
    ),
    # Evidence: one row per mention, with its character offsets in the article.
    (
        "pic_event_mentions",
        "event_key TEXT NOT NULL, pos INTEGER NOT NULL, article_id TEXT, span_start INTEGER, "
        "span_end INTEGER",
        ("event_key", "article_id"),
    ),
    (
        "pic_event_figures",
        "event_key TEXT NOT NULL, pos INTEGER NOT NULL, kind TEXT, low REAL, best REAL, high REAL",
        ("event_key",),
    ),
    # role: actor, target or source (the outlet, casefolded).
    (
        "pic_event_refs",
        "event_key TEXT NOT NULL, role TEXT NOT NULL, ref TEXT NOT NULL",
        ("event_key", "ref, role"),
    ),
    (
        "pic_claims",
        f"{_MAIN}, article_id TEXT, speaker TEXT, kind_key TEXT, data TEXT NOT NULL",
        ("id", "article_id, seq", "seq"),
    ),
    ("pic_disputes", f"{_MAIN}, kind_key TEXT, data TEXT NOT NULL", ("id", "seq")),
    # Articles a dispute touches: its sides' and its claims' articles.
    (
        "pic_dispute_sides",
        "dispute_key TEXT NOT NULL, pos INTEGER NOT NULL, article_id TEXT, claim_id TEXT",
        ("dispute_key", "article_id"),
    ),
    ("pic_entities", f"{_MAIN}, names_fold TEXT, type_key TEXT, data TEXT NOT NULL", ("id", "seq")),
    (
        "pic_places",
        f"{_MAIN}, name TEXT, country TEXT, place_text TEXT, lat REAL, lon REAL, "
        "data TEXT NOT NULL",
        ("id", "seq", "lat, lon"),
    ),
    # Entity and place mentions: (owner, article) pairs for the story filter.
    (
        "pic_mentions",
        "owner_kind TEXT NOT NULL, owner_key TEXT NOT NULL, article_id TEXT NOT NULL",
        ("owner_kind, owner_key", "article_id, owner_kind"),
    ),
    (
        "pic_series_points",
        "series_key TEXT NOT NULL, pos INTEGER NOT NULL, article_id TEXT, value REAL, day TEXT",
        ("series_key", "article_id"),
    ),
    # Every other section (dates, quantities, series, framing) and the
    # read side's lookups (the written name of a place), in export order;
    # ``link`` is the story of a framing row.
    (
        "pic_records",
        "section TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, digest TEXT NOT NULL, "
        "link TEXT, data TEXT NOT NULL, PRIMARY KEY (section, key)",
        ("section, seq", "section, link"),
    ),
)


def _statements(real: str) -> list[str]:
    out = []
    for table, columns, indexes in _TABLES:
        out.append(f"CREATE TABLE {table} ({columns.replace('REAL', real)})")
        for n, cols in enumerate(indexes):
            out.append(f"CREATE INDEX {table}_{n} ON {table} ({cols})")
    return out


SQLITE: tuple[str, ...] = (
    *_statements("REAL"),
    # Full text of articles, claims, events and stories (the web search's rows).
    "CREATE VIRTUAL TABLE pic_search USING fts5("
    "kind UNINDEXED, ref UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')",
)

POSTGRES: tuple[str, ...] = (
    *_statements("DOUBLE PRECISION"),
    "CREATE TABLE pic_search (kind TEXT NOT NULL, ref TEXT NOT NULL, body TEXT NOT NULL, "
    "tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED)",
    "CREATE INDEX pic_search_tsv ON pic_search USING GIN (tsv)",
    "CREATE INDEX pic_search_ref ON pic_search (kind, ref)",
)


# Migration 7: what the claims, disputes, entities and articles lists filter
# on. The new columns (a claim's folded speaker name; a dispute's folded note
# and side texts; whether a dispute's article row is a side's or one of its
# claims') are empty in old rows, so the picture is marked as not built: the
# read side uses the in-memory model until the next refresh rewrites those
# rows (their digest covers the new columns).
NAME_7 = "picture list filters"
_LISTS = (
    "ALTER TABLE pic_claims ADD COLUMN speaker_fold TEXT",
    "CREATE INDEX pic_claims_kind ON pic_claims (kind_key, seq)",
    "CREATE INDEX pic_claims_speaker ON pic_claims (speaker)",
    "ALTER TABLE pic_disputes ADD COLUMN text_fold TEXT",
    "ALTER TABLE pic_dispute_sides ADD COLUMN side INTEGER",
    "CREATE INDEX pic_disputes_kind ON pic_disputes (kind_key, seq)",
    "CREATE INDEX pic_entities_type ON pic_entities (type_key, seq)",
    "CREATE INDEX articles_outlet ON articles (outlet)",
    "DELETE FROM pic_state WHERE name = 'built'",
)
SQLITE_7: tuple[str, ...] = _LISTS
POSTGRES_7: tuple[str, ...] = _LISTS


# Migration 8: the fusion block an event or dispute came from, so an incremental
# refresh (crosswire.web.increment) replaces exactly the rows of the blocks that
# fusion recomputed or dropped ('*' for the corpus-wide disputes). Old rows have
# no block: the incremental refresh needs a full refresh first (it checks the
# ``source`` state only full and incremental refreshes of this version write), so
# the picture stays current and readable meanwhile.
NAME_8 = "picture fusion blocks"
_BLOCKS = (
    "ALTER TABLE pic_events ADD COLUMN block TEXT",
    "CREATE INDEX pic_events_block ON pic_events (block)",
    "ALTER TABLE pic_disputes ADD COLUMN block TEXT",
    "CREATE INDEX pic_disputes_block ON pic_disputes (block)",
)
SQLITE_8: tuple[str, ...] = (
    *_BLOCKS,
    # FTS5 keeps kind and ref (UNINDEXED) in its content shadow table: without
    # an index there, deleting one record's text scans every document.
    "CREATE INDEX pic_search_ref ON pic_search_content (c0, c1)",
)
POSTGRES_8: tuple[str, ...] = _BLOCKS


# Migration 10: full text by kind. One FTS5 table holding every kind filtered
# by its UNINDEXED ``kind`` column read the content row of every document
# matching the words before dropping the other kinds: /api/claims?q=military
# at 100k read 37,500 matches to keep 12,500 claims (150-300 ms warm, seconds
# cold). Now each kind has its own FTS5 table (its doclists hold only that
# kind) and, on PostgreSQL, a partial GIN index per kind (the query names the
# kind as a constant so the planner can use it). Existing text is copied, not
# recomputed, so the migration needs no refresh.
NAME_10 = "full text by kind"
SEARCH_KINDS = ("article", "claim", "event", "story")
_FTS = "ref UNINDEXED, body, tokenize='unicode61 remove_diacritics 2'"
SQLITE_10: tuple[str, ...] = (
    *(
        statement
        for kind in SEARCH_KINDS
        for statement in (
            f"CREATE VIRTUAL TABLE pic_search_{kind} USING fts5({_FTS})",
            # A record's text is replaced by ref: index the shadow table's ref
            # (c0) or each delete scans every document of the kind.
            f"CREATE INDEX pic_search_{kind}_ref ON pic_search_{kind}_content (c0)",
            f"INSERT INTO pic_search_{kind} (ref, body) "
            f"SELECT c1, c2 FROM pic_search_content WHERE c0 = '{kind}' ORDER BY id",
        )
    ),
    "DROP TABLE pic_search",
)
POSTGRES_10: tuple[str, ...] = (
    *(
        f"CREATE INDEX pic_search_tsv_{kind} ON pic_search USING GIN (tsv) WHERE kind = '{kind}'"
        for kind in SEARCH_KINDS
    ),
    "DROP INDEX pic_search_tsv",
)


# Migration 12: a covering index for a date-window page of events. The page
# query found the window through the ``day`` index, then read every matching
# row from the table for its sort columns and key (a window's range starts at
# the year, as a year-precise date matches any day of it): SQLite 100k, a month
# window 19 ms, mostly random reads of the table; from this index alone 0.65 ms.
# (Migration 11 is the fusion index's; numbers are per version, not ordered.)
NAME_12 = "events by day, covering"
SQLITE_12: tuple[str, ...] = (
    "CREATE INDEX pic_events_day_order ON pic_events (day, undated, date_sort, seq, key)",
)
POSTGRES_12: tuple[str, ...] = SQLITE_12


# Migration 13: answers rendered at refresh time (crosswire.web.prerender). A
# miss of the loaded endpoints (an events page, a story-list page, a story
# page) rendered its rows from the records on request: 2-13 ms of CPU each at
# 100k, while 50 clients wait behind it. The refresh now keeps each event
# row, story-list row and whole story page as the JSON bytes the API sends
# (``body``), so a miss is a page of keys plus an indexed read. ``stamp`` is
# the rendering code's version: rows another version wrote are never served
# and the next refresh renders them again. The table starts empty; the next
# refresh (also an incremental one with nothing new) fills it.
NAME_13 = "rendered answers"
# ``body`` is the UTF-8 bytes as sent: no decode on write, no encode per row on
# read (a quarter of an events page's CPU with text).
_RENDERED = (
    "CREATE TABLE pic_rendered (kind TEXT NOT NULL, key TEXT NOT NULL, stamp TEXT NOT NULL, "
    "body {} NOT NULL, PRIMARY KEY (kind, key))"
)
# The events showing a place whose written name a refresh changed are found in
# this index alone (SQLite 100k: ~0.1 s, where a scan of the table took 1.1 s).
_PLACE = "CREATE INDEX pic_events_place ON pic_events (place_text, key)"
SQLITE_13: tuple[str, ...] = (_RENDERED.format("BLOB"), _PLACE)
POSTGRES_13: tuple[str, ...] = (_RENDERED.format("BYTEA"), _PLACE)

NAME_15 = "story term counts"
# Per lead term (kind 't') and entity id (kind 'e'), the number of the store's
# articles holding it: an incremental refresh weights and blocks the articles it
# re-groups as a full grouping of the store does (crosswire.web.story_stats).
_STORY_DF = (
    "CREATE TABLE pic_story_df (kind TEXT NOT NULL, term TEXT NOT NULL, "
    "df INTEGER NOT NULL, PRIMARY KEY (kind, term))",
)
SQLITE_15: tuple[str, ...] = _STORY_DF
POSTGRES_15: tuple[str, ...] = _STORY_DF
