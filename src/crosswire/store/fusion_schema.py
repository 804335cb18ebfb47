"""DDL of migration 9: the index of the persisted fusion (crosswire.fusion.increment).

An update finds what new articles touch by indexed keys instead of reading
every analysis: ``fusion_index`` files each fused block under the keys of its
mentions (type, ISO week, country, latitude band, people) and its articles;
``fusion_articles`` holds what each article was fused from (its digest and the
columns whose change means re-fusing it); the others keep what the corpus-wide
parts need: first entity records, (name, entity) pairs, people counts and the
claims the denial rule compares, by date.
"""

from __future__ import annotations

NAME = "fusion index"

_TABLES = (
    ("fusion_index", "block_id TEXT NOT NULL, key TEXT NOT NULL", ("key", "block_id")),
    (
        "fusion_articles",
        "article_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, family TEXT, version INTEGER, "
        "analysed TEXT, rev INTEGER, digest TEXT NOT NULL",
        ("seq",),
    ),
    (
        "fusion_entities",
        "entity_id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, "
        "not_target INTEGER NOT NULL",
        (),
    ),
    ("fusion_names", "alias TEXT NOT NULL, entity_id TEXT NOT NULL", ("alias",)),
    ("fusion_people", "person TEXT PRIMARY KEY, articles INTEGER NOT NULL", ()),
    (
        "fusion_claims",
        "claim_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, published TEXT, "
        "denial INTEGER NOT NULL, answer INTEGER NOT NULL, data TEXT NOT NULL",
        ("denial, published", "answer, published"),
    ),
)


def _ddl(bigint: bool) -> tuple[str, ...]:
    # Every re-analysis bumps ``rev`` (the ``analysed`` time has whole seconds: two
    # saves in one second would look unchanged to the update's join).
    out: list[str] = ["ALTER TABLE analyses ADD COLUMN rev INTEGER NOT NULL DEFAULT 0"]
    for table, columns, indexes in _TABLES:
        cols = columns.replace("seq INTEGER", "seq BIGINT") if bigint else columns
        out.append(f"CREATE TABLE {table} ({cols})")
        for cols_ in indexes:
            name = f"{table}_{cols_.replace(', ', '_')}"
            out.append(f"CREATE INDEX {name} ON {table} ({cols_})")
    return tuple(out)


SQLITE: tuple[str, ...] = _ddl(bigint=False)
POSTGRES: tuple[str, ...] = _ddl(bigint=True)

# Migration 11: the terms a new entity name can change an old article through
# (crosswire.fusion.increment_names): its place names (series scope, theatre),
# its claims' speaker and target texts and its denials' content stems.
NAME_11 = "fusion name terms"
_TERMS = (
    "CREATE TABLE fusion_terms (term TEXT NOT NULL, article_id TEXT NOT NULL)",
    "CREATE INDEX fusion_terms_term ON fusion_terms (term)",
    "CREATE INDEX fusion_terms_article_id ON fusion_terms (article_id)",
)
SQLITE_11: tuple[str, ...] = _TERMS
POSTGRES_11: tuple[str, ...] = _TERMS

# Migration 14: the corpus-wide state as rows keyed by what an update touches,
# instead of one JSON document rewritten whole by every update (its size grew
# with the store): a running total's group of points and its finished series
# and same-day conflicts by (slot, subject; '' for no subject), a denial's best
# answer and dispute by denial claim id. ``fusion_state`` keeps the small rest.
NAME_14 = "fusion state rows"
_STATE_ROWS = (
    "CREATE TABLE fusion_series (slot TEXT NOT NULL, subject TEXT NOT NULL, "
    "points TEXT NOT NULL, series TEXT, disputes TEXT NOT NULL, PRIMARY KEY (slot, subject))",
    "CREATE TABLE fusion_denials (claim_id TEXT PRIMARY KEY, score TEXT NOT NULL, "
    "dispute TEXT NOT NULL)",
)
SQLITE_14: tuple[str, ...] = _STATE_ROWS
POSTGRES_14: tuple[str, ...] = _STATE_ROWS
