"""Numbered schema migrations, applied in order and recorded in the database.

Never edit a released migration: add a new one. Statements are plain SQL with
no interpolated values.
"""

from __future__ import annotations

from crosswire.store import fusion_schema, picture_schema

Migration = tuple[int, str, tuple[str, ...]]

MIGRATIONS: tuple[Migration, ...] = (
    (
        1,
        "articles, inputs, signatures",
        (
            """CREATE TABLE articles (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
                similarity REAL,
                not_analysed TEXT,
                ingested TEXT NOT NULL
            )""",
            "CREATE INDEX articles_family ON articles (family)",
            "CREATE INDEX articles_published ON articles (published)",
            """CREATE TABLE inputs (
                source TEXT PRIMARY KEY,
                status TEXT NOT NULL,
                reason TEXT,
                article_id TEXT,
                at TEXT NOT NULL
            )""",
            """CREATE TABLE signatures (
                article_id TEXT PRIMARY KEY REFERENCES articles (id),
                blob BLOB NOT NULL
            )""",
        ),
    ),
    (
        2,
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
    (
        3,
        "shards",
        (
            # Completion markers of the sharded pipeline (crosswire.executors): a
            # shard whose row says "done" is skipped when the same run is repeated.
            """CREATE TABLE shards (
                shard_id TEXT PRIMARY KEY,
                sources TEXT NOT NULL,
                status TEXT NOT NULL,
                finished TEXT NOT NULL
            )""",
        ),
    ),
    (
        4,
        "fusion blocks, watch",
        (
            # Persisted fusion (crosswire.fusion.incremental): one row per block of
            # event mentions that can interact, so new articles recompute only the
            # blocks they touch; ``key`` is the digest of the block's inputs.
            """CREATE TABLE fusion_blocks (
                block_id TEXT PRIMARY KEY,
                label TEXT NOT NULL,
                key TEXT NOT NULL,
                data TEXT NOT NULL,
                computed TEXT NOT NULL
            )""",
            # Corpus-wide fusion results (series, denials) and the fingerprint of
            # the corpus they were computed from.
            """CREATE TABLE fusion_state (
                name TEXT PRIMARY KEY,
                data TEXT NOT NULL,
                computed TEXT NOT NULL
            )""",
            # Files ``crosswire watch`` has already ingested (crosswire.watch).
            """CREATE TABLE watch_seen (
                path TEXT PRIMARY KEY,
                size INTEGER NOT NULL,
                mtime REAL NOT NULL,
                digest TEXT NOT NULL,
                seen TEXT NOT NULL
            )""",
        ),
    ),
    (
        5,
        "input log",
        (
            # Every outcome of every run, appended: ``inputs`` keeps one row per
            # source (a rerun's "duplicate" no longer overwrites "stored"), this
            # keeps the history, e.g. a rerun's outcomes next to the first run's.
            """CREATE TABLE input_log (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
    # The fused picture as tables (crosswire.store.picture, docs/store.md).
    (6, picture_schema.NAME, picture_schema.SQLITE),
    (7, picture_schema.NAME_7, picture_schema.SQLITE_7),
    (8, picture_schema.NAME_8, picture_schema.SQLITE_8),
    # The persisted fusion's index (crosswire.fusion.increment, docs/store.md).
    (9, fusion_schema.NAME, fusion_schema.SQLITE),
    (10, picture_schema.NAME_10, picture_schema.SQLITE_10),
    (11, fusion_schema.NAME_11, fusion_schema.SQLITE_11),
    (12, picture_schema.NAME_12, picture_schema.SQLITE_12),
    (13, picture_schema.NAME_13, picture_schema.SQLITE_13),
    (14, fusion_schema.NAME_14, fusion_schema.SQLITE_14),
    (15, picture_schema.NAME_15, picture_schema.SQLITE_15),
)
