"""Incremental refresh of the picture tables: derive only what new articles touch.

:func:`crosswire.web.materialize.refresh_picture` calls :func:`refresh_increment`
first. It applies when the tables were written by a refresh of this version
(the ``source`` state: the last article's seq, the article count and the time
fusion was computed) and the store has since only *gained* articles, analysed
and fused (``update_fusion``). Then, instead of deriving the whole picture:

* the new articles' claims, dates and quantities are appended (they come last
  in the export, as their articles come last); their entities and places are
  merged into the stored records (mentions appended, as the export merges);
* the events and disputes of the fusion blocks recomputed since (or dropped)
  replace the rows of those blocks (the ``block`` column, migration 8); the
  corpus-wide disputes and series are taken from the fusion state; disputes are
  linked to the events carrying their claims as fusion's ``finish`` does;
* stories are re-grouped over the articles they can touch: those published
  within the story window (``max(window_days, follow_up_days)``) of a new article,
  the new articles' wire families, and every article of a story holding one of
  them. Events are given to stories by their mentions' votes, as the export does;
* story, event and dispute rows that changed are rewritten, then ``seq`` is
  renumbered where the export order moved.

The re-grouped articles are weighted, blocked and paired with the whole store's
term counts (``pic_story_df``, :mod:`crosswire.web.story_stats`), as a full
grouping does. What stays approximate against a full refresh: stories outside the
re-grouped set keep the grouping of the counts they were grouped with, and
entities that only events named stay when those events go. ``refresh_picture(full=True)``
(``crosswire analyze --all``) derives everything again. Anything else (an older
article re-analysed, articles deleted, an undated new article, a store without
persisted fusion) falls back to the full refresh.
"""

from __future__ import annotations

from crosswire.store import AnyStore
from crosswire.store.picture import Saved, get_state, save, set_state, store_key
from crosswire.store.picture_db import PictureDb
from crosswire.store.picture_specs import SPECS
from crosswire.store.sql import ARTICLE_COLUMNS, article_from_row
from crosswire.web import increment_parts as parts
from crosswire.web import prerender, story_stats
from crosswire.web.increment_stories import day
from crosswire.web.picture_rows import SOURCE_VERSION, picture_rows, source_state
from crosswire.web.readmodel import build_snapshot


def _stale(db: PictureDb) -> tuple[int, str] | None:
    """(last article seq, fusion time) of the build when only articles were added
    since and fusion covers them; ``None`` when a full refresh is needed."""
    src = get_state(db, "source")
    if not isinstance(src, dict) or src.get("version") != SOURCE_VERSION:
        return None
    fusion = db.one("SELECT computed FROM fusion_state WHERE name = 'state'")
    if fusion is None or get_state(db, "built") is None:
        return None
    seq0, fusion_at = int(src["seq"]), str(src["fusion_at"])
    old = db.one("SELECT COUNT(*) FROM articles WHERE seq <= ?", (seq0,))
    if old is None or int(old[0]) != int(src["n"]):
        return None  # articles deleted
    join = "FROM analyses an JOIN articles a ON a.id = an.article_id WHERE a.seq"
    redone = db.one(f"SELECT COUNT(*) {join} <= ? AND an.analysed > ?", (seq0, fusion_at))
    if redone is None or int(redone[0]):
        return None  # an older article re-analysed: its records change in place
    late = db.one(f"SELECT MAX(an.analysed) {join} > ?", (seq0,))
    if late is not None and late[0] is not None and str(late[0]) > str(fusion[0]):
        return None  # fusion has not seen the new analyses
    if not story_stats.covers(db, seq0, int(src["n"])):
        return None  # no story term counts of those articles (a store of before migration 15)
    return seq0, fusion_at


def refresh_increment(store: AnyStore) -> str | None:
    """Write what the articles added since the last refresh change; returns a
    summary, or ``None`` when a full refresh is needed (nothing was written)."""
    db = PictureDb(store)
    stale = _stale(db)
    if stale is None:
        return None
    seq0, _ = stale
    cols = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)
    new = [
        parts.article_json(article_from_row(r))
        for r in db.rows(f"SELECT {cols} FROM articles a WHERE a.seq > ? ORDER BY a.seq", (seq0,))
    ]
    if not new:
        # Nothing added: up to date unless fusion recomputed blocks (new code or
        # settings), which the full refresh handles.
        if parts.blocks_changed(db):
            return None
        with db.transaction():
            # Fills the rendered answers after migration 13 or a code upgrade.
            rendered = prerender.render_pending(db, store)
            set_state(db, "built", store_key(db))
        return f"picture tables (incremental): up to date, 0 rows written, {rendered} rendered"
    if any(day(a.get("published")) is None for a in new):
        return None  # an undated article may join any story
    delta = parts.Delta(db, store, new)
    with db.transaction():
        prerender.begin(db)
        report = _apply(db, delta)
        set_state(db, "source", source_state(db))
        rendered = prerender.render_pending(db, store)
        set_state(db, "built", store_key(db))
    written = sum(s.written for s in report.values())
    dropped = sum(s.dropped for s in report.values())
    return (
        f"picture tables (incremental, {len(new)} new articles, "
        f"{len(delta.blocks)} fusion blocks, {len(delta.regrouped)} articles regrouped): "
        f"{written} rows written, {dropped} dropped, {rendered} answers rendered"
    )


def _apply(db: PictureDb, delta: parts.Delta) -> dict[str, Saved]:
    """Derive the touched records and write them (inside the caller's transaction)."""
    report: dict[str, Saved] = {}
    partial = delta.partial_export()
    snap = build_snapshot(dict(partial), (0, 0, 0), index=False)
    rows = picture_rows(snap, partial, delta.block_of)
    for name, keys, gone in (
        ("stories", delta.story_writes, delta.stories_gone),
        ("events", delta.event_writes, delta.events_gone),
        ("disputes", delta.dispute_writes, delta.disputes_gone),
        ("claims", delta.claim_writes, set()),
        ("entities", delta.entity_writes, set()),
        ("places", delta.place_writes, set()),
    ):
        chosen = [r for r in rows.get(name, []) if r.key in keys]
        for r in chosen:
            r.seq = delta.seq_of.get((name, r.key), r.seq)
        report[name] = save(db, SPECS[name], chosen, among=gone | keys)
    report.update(delta.write_records(rows.get("written", [])))
    delta.renumber()
    delta.write_search_and_counts()
    story_stats.add(db, delta.story_counts)
    return report
