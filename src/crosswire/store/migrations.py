"""Numbered schema migrations, applied in order and recorded in the database.

Never edit a released migration: add a new one. Statements are plain SQL with
no interpolated values.
"""

from __future__ import annotations

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
)
