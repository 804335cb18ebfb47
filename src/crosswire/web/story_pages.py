"""Story pages rendered many at a time (a refresh's ``pic_rendered``).

:meth:`crosswire.web.tables.TableReader.story` reads one story page's snapshot
in about ten queries (the story, its articles, events, claims, disputes,
series, framing, entity and place names). A refresh renders every page it
touches, all 25,000 of a 100k store on the first: on SQLite a query is a call
into the library, on PostgreSQL a round trip to the server, and the pages'
250,000 round trips were most of the refresh's time (a PostgreSQL 100k store's
full render: 85% of its wall time waiting for the server). Here each of those
reads is one query per batch of stories, keyed by story, and the snapshots are
assembled as :meth:`~crosswire.web.tables.TableReader.story` assembles one, so a
page's bytes are the same (a test compares them on both backends).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from crosswire.model import article_record
from crosswire.store import picture_reads as pr
from crosswire.store.picture_db import PictureDb
from crosswire.store.sql import ARTICLE_COLUMNS, article_from_row
from crosswire.web.readmodel import Record, Snapshot, strs

__all__ = ["story_snapshots"]

Keyed = dict[str, list[tuple[int, str, Any]]]  # story key -> (seq, record key, data)

_JOIN = "FROM pic_story_articles sa {join} WHERE sa.story_key IN ({marks})"
# Each part of a story's page with the story it belongs to: the same rows as
# picture_reads._STORY_PARTS asks story by story.
_PARTS = {
    "claims": (
        "SELECT sa.story_key, c.seq, c.key, c.data "
        + _JOIN.format(join="JOIN pic_claims c ON c.article_id = sa.article_id", marks="{marks}")
    ),
    "disputes": (
        "SELECT sa.story_key, d.seq, d.key, d.data "
        + _JOIN.format(
            join="JOIN pic_dispute_sides x ON x.article_id = sa.article_id "
            "JOIN pic_disputes d ON d.key = x.dispute_key",
            marks="{marks}",
        )
    ),
    "series": (
        "SELECT sa.story_key, r.seq, r.key, NULL "
        + _JOIN.format(
            join="JOIN pic_series_points p ON p.article_id = sa.article_id "
            "JOIN pic_records r ON r.section = 'series' AND r.key = p.series_key",
            marks="{marks}",
        )
    ),
}


def _by_story(rows: Iterable[tuple[Any, ...]]) -> Keyed:
    """Rows (story key, seq, record key, data) grouped by story, each record once,
    in ``seq`` order (as the one-story queries' ``ORDER BY seq`` give them)."""
    out: Keyed = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for story, seq, key, data in rows:
        if (str(story), str(key)) not in seen:
            seen.add((str(story), str(key)))
            out[str(story)].append((int(seq), str(key), data))
    for found in out.values():
        found.sort(key=lambda r: r[0])
    return out


def _rows(db: PictureDb, sql: str, keys: list[str]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for part in pr.chunks(list(dict.fromkeys(keys))):
        out += db.rows(sql.format(marks=", ".join("?" for _ in part)), part)
    return out


def _fits(story: Record) -> bool:
    """Whether the one-story reads answer this story in one ``IN`` list each (a
    longer list is read in chunks, each sorted apart: left to that path)."""
    return all(len(pr.chunks(strs(story.get(k)))) <= 1 for k in ("articles", "events"))


Page = tuple[Snapshot, Record]


def story_snapshots(
    db: PictureDb,
    ids: list[str],
    series: dict[str, Record] | None,
    one: Callable[[str], Page | None],
) -> dict[str, Page]:
    """Story id -> (snapshot, story) as ``one(id)`` (``TableReader.story``) gives
    it, read with a few queries for all of ``ids`` (stories that do not exist are
    left out). ``series``: series decoded so far (filled here), as the reader
    keeps them while rendering."""
    found: dict[str, tuple[str, Record, list[int]]] = {}
    for row in _rows(
        db, f"SELECT id, key, data, {pr.STORY_COUNTS} FROM pic_stories WHERE id IN ({{marks}})", ids
    ):
        if str(row[0]) not in found:
            found[str(row[0])] = (str(row[1]), json.loads(row[2]), [int(v) for v in row[3:]])
    out: dict[str, Page] = {}
    batch = {sid: f for sid, f in found.items() if _fits(f[1])}
    for sid in set(found) - set(batch):
        page = one(sid)
        if page is not None:
            out[sid] = page
    if not batch:
        return out
    keys = [f[0] for f in batch.values()]
    stories = [f[1] for f in batch.values()]
    cols = ", ".join(ARTICLE_COLUMNS)
    articles = {
        str(r[0]): r
        for r in _rows(
            db,
            f"SELECT {cols} FROM articles WHERE id IN ({{marks}})",
            [a for s in stories for a in strs(s.get("articles")) if a],
        )
    }
    events = {
        str(r[0]): (int(r[1]), r[2])
        for r in _rows(
            db,
            "SELECT key, seq, data FROM pic_events WHERE key IN ({marks})",
            [e for s in stories for e in strs(s.get("events"))],
        )
    }
    parts = {name: _by_story(_rows(db, sql, keys)) for name, sql in _PARTS.items()}
    kept = series if series is not None else {}
    _decode_series(db, kept, [k for rows in parts["series"].values() for _, k, _ in rows])
    framing: Keyed = defaultdict(list)
    for link, seq, data in _rows(
        db,
        "SELECT link, seq, data FROM pic_records WHERE section = 'framing' AND link IN ({marks})",
        list(batch),
    ):
        framing[str(link)].append((int(seq), "", data))
    for rows in framing.values():
        rows.sort(key=lambda r: r[0])
    for sid, (key, story, counts) in batch.items():
        snap = Snapshot(key=(0, 0, 0))
        snap.sections["stories"] = [story]
        snap.by_id["story"] = {sid: story}
        snap.stats[sid] = {
            n: int(v)
            for n, v in zip(
                ("articles", "outlets", "independent_sources", "events", "disputes"),
                counts,
                strict=True,
            )
        }
        for aid in dict.fromkeys(strs(story.get("articles"))):
            if aid and aid in articles:
                snap.articles[aid] = article_record(article_from_row(articles[aid]))
        mine = sorted(
            (events[k] for k in dict.fromkeys(strs(story.get("events"))) if k in events),
            key=lambda r: r[0],
        )
        story_events = [json.loads(data) for _, data in mine]
        for part in ("claims", "disputes"):
            snap.sections[part] = [json.loads(d) for _, _, d in parts[part].get(key, [])]
        snap.sections["series"] = [kept[k] for _, k, _ in parts["series"].get(key, []) if k in kept]
        snap.sections["framing"] = [json.loads(d) for _, _, d in framing.get(sid, [])]
        snap.sections["events"] = story_events
        snap.by_id["event"] = {str(e.get("id")): e for e in story_events}
        snap.by_id["claim"] = {str(c.get("id")): c for c in snap.sections["claims"]}
        snap.by_id["dispute"] = {str(d.get("id")): d for d in snap.sections["disputes"]}
        out[sid] = (snap, story)
    _names(db, [out[sid][0] for sid in batch])
    return out


def _decode_series(db: PictureDb, kept: dict[str, Record], keys: list[str]) -> None:
    """The series ``keys`` not yet in ``kept``, decoded once (as picture_reads.story_series)."""
    missing = [k for k in dict.fromkeys(keys) if k not in kept]
    for k, data in _rows(
        db,
        "SELECT key, data FROM pic_records WHERE section = 'series' AND key IN ({marks})",
        missing,
    ):
        kept[str(k)] = json.loads(data)


def _names(db: PictureDb, snaps: list[Snapshot]) -> None:
    """The entity and written place names of every snapshot's events (as
    ``TableReader._names`` reads them for one), two queries for them all."""

    def ids(snap: Snapshot) -> list[str]:
        events = snap.section("events")
        return [i for e in events for i in (*strs(e.get("actors")), *strs(e.get("targets")))]

    def places(snap: Snapshot) -> list[tuple[str, str]]:
        found = [e["place"] for e in snap.section("events") if isinstance(e.get("place"), dict)]
        return [(str(p.get("name")), str(p.get("country"))) for p in found]

    names = pr.entity_names(db, [i for s in snaps for i in ids(s)])
    written = pr.written_names(db, [p for s in snaps for p in places(s)])
    for snap in snaps:
        ents: list[Record] = [
            {"id": i, "name": names[i]} for i in dict.fromkeys(ids(snap)) if i in names
        ]
        snap.sections["entities"] = ents
        snap.by_id["entity"] = {str(e.get("id")): e for e in ents}
        snap.written.update({p: written[p] for p in places(snap) if p in written})
