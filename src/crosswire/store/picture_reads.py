"""The read side's lookups by key in the picture tables: records, names, stories.

What an answer shows is read here (an event's entity and place names, a story's
claims, disputes, series and framing), apart from which records a page holds
(:mod:`crosswire.store.picture_query`): answers rendered at refresh time carry
a stamp of this module's code (:func:`crosswire.web.render_stamp.code_stamp`),
and a change to how pages are found does not render them all again.
"""

from __future__ import annotations

import json
from typing import Any

from crosswire.store.picture_db import PictureDb

_CHUNK = 500  # keys per IN (...) list


def chunks(keys: list[str]) -> list[list[str]]:
    """``keys`` in slices short enough for one ``IN (...)`` list."""
    return [keys[i : i + _CHUNK] for i in range(0, len(keys), _CHUNK)]


def records_by(
    db: PictureDb, table: str, col: str, keys: list[str], order: str = "seq"
) -> list[dict[str, Any]]:
    """The stored records of ``table`` whose ``col`` is one of ``keys``, in ``order``."""
    out: list[dict[str, Any]] = []
    for part in chunks(list(dict.fromkeys(keys))):
        marks = ", ".join("?" for _ in part)
        rows = db.rows(f"SELECT data FROM {table} WHERE {col} IN ({marks}) ORDER BY {order}", part)
        out += [json.loads(r[0]) for r in rows]
    return out


def entity_names(db: PictureDb, keys: list[str]) -> dict[str, str | None]:
    """Entity id -> name, without loading the entities' mention lists."""
    out: dict[str, str | None] = {}
    for part in chunks(list(dict.fromkeys(keys))):
        marks = ", ".join("?" for _ in part)
        name = db.json_field("data", "name")
        for key, value in db.rows(
            f"SELECT key, {name} FROM pic_entities WHERE key IN ({marks})", part
        ):
            out[str(key)] = value if isinstance(value, str) else None
    return out


def written_names(db: PictureDb, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(gazetteer name, country) -> the name as the articles wrote it most often."""
    out: dict[tuple[str, str], str] = {}
    wanted = list(dict.fromkeys(f"{n}\x1f{c}" for n, c in keys))
    for part in chunks(wanted):
        marks = ", ".join("?" for _ in part)
        for key, data in db.rows(
            f"SELECT key, data FROM pic_records WHERE section = 'written' AND key IN ({marks})",
            part,
        ):
            name, _, country = str(key).partition("\x1f")
            out[(name, country)] = json.loads(data)["written"]
    return out


STORY_COUNTS = "n_articles, n_outlets, n_sources, n_events, n_disputes"


def stories_by_key(db: PictureDb, keys: list[str]) -> list[tuple[dict[str, Any], list[int]]]:
    """(story record, its five counts) for ``keys``, in story order."""
    out = []
    for part in chunks(keys):
        marks = ", ".join("?" for _ in part)
        for row in db.rows(
            f"SELECT data, {STORY_COUNTS} FROM pic_stories WHERE key IN ({marks}) ORDER BY seq",
            part,
        ):
            out.append((json.loads(row[0]), [int(v) for v in row[1:]]))
    return out


def story(db: PictureDb, story_id: str) -> tuple[str, dict[str, Any], list[int]] | None:
    """(key, record, counts) of one story, or ``None``."""
    row = db.one(f"SELECT key, data, {STORY_COUNTS} FROM pic_stories WHERE id = ?", (story_id,))
    if row is None:
        return None
    return str(row[0]), json.loads(row[1]), [int(v) for v in row[2:]]


_IN_STORY = "SELECT article_id FROM pic_story_articles WHERE story_key = ?"
# Driven from the story's articles (indexed on article_id), never a scan of all disputes.
_STORY_PARTS = {
    "claims": f"SELECT data FROM pic_claims WHERE article_id IN ({_IN_STORY}) ORDER BY seq",
    "disputes": (
        "SELECT data FROM pic_disputes WHERE key IN (SELECT x.dispute_key FROM "
        "pic_dispute_sides x JOIN pic_story_articles sa ON sa.article_id = x.article_id "
        "WHERE sa.story_key = ?) ORDER BY seq"
    ),
    "series": (
        "SELECT data FROM pic_records WHERE section = 'series' AND key IN (SELECT p.series_key "
        "FROM pic_series_points p JOIN pic_story_articles sa ON sa.article_id = p.article_id "
        "WHERE sa.story_key = ?) ORDER BY seq + 0"
    ),
}


def story_part(db: PictureDb, part: str, story_key: str) -> list[dict[str, Any]]:
    """A story's claims, disputes or series (those touching its articles), in export order."""
    return [json.loads(r[0]) for r in db.rows(_STORY_PARTS[part], (story_key,))]


def story_series(
    db: PictureDb, story_key: str, kept: dict[str, dict[str, Any]] | None
) -> list[dict[str, Any]]:
    """:func:`story_part` for ``series``, each series decoded once into ``kept``
    (a series' key is its content): a refresh rendering many story pages of one
    long running total reads it once, not once per page."""
    if kept is None:
        return story_part(db, "series", story_key)
    sql = _STORY_PARTS["series"].replace("SELECT data ", "SELECT key ", 1)
    keys = [str(r[0]) for r in db.rows(sql, (story_key,))]
    missing = [k for k in keys if k not in kept]
    for i in range(0, len(missing), 500):
        part = missing[i : i + 500]
        marks = ", ".join("?" for _ in part)
        for k, data in db.rows(
            f"SELECT key, data FROM pic_records WHERE section = 'series' AND key IN ({marks})",
            part,
        ):
            kept[str(k)] = json.loads(data)
    return [kept[k] for k in keys if k in kept]


def framing(db: PictureDb, story_id: str) -> list[dict[str, Any]]:
    """The story's framing rows."""
    return [
        json.loads(r[0])
        for r in db.rows(
            # "seq + 0": sort the story's few rows rather than walk every
            # framing row in seq order (the planner's choice without it).
            "SELECT data FROM pic_records WHERE section = 'framing' AND link = ? ORDER BY seq + 0",
            (story_id,),
        )
    ]
