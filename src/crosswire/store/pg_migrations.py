"""PostgreSQL DDL for each numbered migration of :mod:`crosswire.store.migrations`."""

from __future__ import annotations

from crosswire.store import fusion_schema, picture_schema

# PostgreSQL DDL for each numbered migration, keyed by the version in
# migrations.MIGRATIONS and carrying its name so a mismatch is caught. Type
# mapping from the SQLite dialect: AUTOINCREMENT seq -> identity column, REAL ->
# DOUBLE PRECISION (SQLite REAL is 8 bytes; PostgreSQL REAL would round 0.8),
# BLOB -> BYTEA. JSON stays TEXT on purpose: JSONB reorders keys and rejects
# \u0000, and exports must be byte-identical whichever backend stored them.
# ``inputs`` gains a ``seq`` identity to stand in for SQLite's rowid order.
PG_MIGRATIONS: dict[int, tuple[str, tuple[str, ...]]] = {
    1: (
        "articles, inputs, signatures",
        (
            """CREATE TABLE articles (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                source TEXT NOT NULL,
                url TEXT,
                outlet TEXT,
                title TEXT,
                author TEXT,
                published TEXT,
                published_origin TEXT,
                rejected_dates TEXT NOT NULL DEFAULT '[]',
                language TEXT,
                text TEXT NOT NULL,
                removed TEXT NOT NULL DEFAULT '[]',
                family TEXT,
                version INTEGER,
                similarity DOUBLE PRECISION,
                not_analysed TEXT,
                ingested TEXT NOT NULL
            )""",
            "CREATE INDEX articles_family ON articles (family)",
            "CREATE INDEX articles_published ON articles (published)",
            """CREATE TABLE inputs (
                seq BIGINT GENERATED ALWAYS AS IDENTITY,
                source TEXT PRIMARY KEY,
                status TEXT NOT NULL,
                reason TEXT,
                article_id TEXT,
                at TEXT NOT NULL
            )""",
            """CREATE TABLE signatures (
                article_id TEXT PRIMARY KEY REFERENCES articles (id),
                blob BYTEA NOT NULL
            )""",
        ),
    ),
    2: (
        "analyses",
        (
            """CREATE TABLE analyses (
                article_id TEXT PRIMARY KEY REFERENCES articles (id),
                status TEXT NOT NULL,
                reason TEXT,
                analysed TEXT NOT NULL,
                data TEXT
            )""",
        ),
    ),
    3: (
        "shards",
        (
            """CREATE TABLE shards (
                shard_id TEXT PRIMARY KEY,
                sources TEXT NOT NULL,
                status TEXT NOT NULL,
                finished TEXT NOT NULL
            )""",
        ),
    ),
    4: (
        "fusion blocks, watch",
        (
            """CREATE TABLE fusion_blocks (
                block_id TEXT PRIMARY KEY,
                label TEXT NOT NULL,
                key TEXT NOT NULL,
                data TEXT NOT NULL,
                computed TEXT NOT NULL
            )""",
            """CREATE TABLE fusion_state (
                name TEXT PRIMARY KEY,
                data TEXT NOT NULL,
                computed TEXT NOT NULL
            )""",
            """CREATE TABLE watch_seen (
                path TEXT PRIMARY KEY,
                size BIGINT NOT NULL,
                mtime DOUBLE PRECISION NOT NULL,
                digest TEXT NOT NULL,
                seen TEXT NOT NULL
            )""",
        ),
    ),
    5: (
        "input log",
        (
            """CREATE TABLE input_log (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                source TEXT NOT NULL,
                status TEXT NOT NULL,
                reason TEXT,
                article_id TEXT,
                run TEXT,
                at TEXT NOT NULL
            )""",
            "CREATE INDEX input_log_source ON input_log (source)",
        ),
    ),
    6: (picture_schema.NAME, picture_schema.POSTGRES),
    7: (picture_schema.NAME_7, picture_schema.POSTGRES_7),
    8: (picture_schema.NAME_8, picture_schema.POSTGRES_8),
    9: (fusion_schema.NAME, fusion_schema.POSTGRES),
    10: (picture_schema.NAME_10, picture_schema.POSTGRES_10),
    11: (fusion_schema.NAME_11, fusion_schema.POSTGRES_11),
    12: (picture_schema.NAME_12, picture_schema.POSTGRES_12),
    13: (picture_schema.NAME_13, picture_schema.POSTGRES_13),
    14: (fusion_schema.NAME_14, fusion_schema.POSTGRES_14),
    15: (picture_schema.NAME_15, picture_schema.POSTGRES_15),
}
