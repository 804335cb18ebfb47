"""Persist the fused picture into the picture tables (crosswire.store.picture).

Runs after fusion (``crosswire analyze``, ``demo``, ``watch``, and ``export``
when the tables are behind the store). The picture is derived exactly as the
export derives it (:func:`crosswire.export.writers.export_object`) and indexed
as the read model indexes it (story counts, the written name of places, search
text), so a page served from the tables equals the page served from memory.
Only rows whose content changed are written (:func:`crosswire.store.picture.save`).
"""

from __future__ import annotations

import logging
import time

from crosswire.store import AnyStore
from crosswire.store.picture import Row, Saved, save, save_article_search, set_state, store_key
from crosswire.store.picture_db import PictureDb
from crosswire.store.picture_specs import SPECS, record_spec
from crosswire.web import prerender, story_stats
from crosswire.web.picture_rows import (
    LEXICON_SEQ,
    SOURCE_VERSION,
    corpus_digest,
    picture_rows,
    record_sections,
    source_state,
)
from crosswire.web.readmodel import ALL_STORY, Record, build_snapshot, records

__all__ = [
    "LEXICON_SEQ",
    "SOURCE_VERSION",
    "fusion_blocks",
    "picture_rows",
    "refresh_picture",
    "restat",
    "source_state",
    "write_picture",
]

log = logging.getLogger(__name__)


def fusion_blocks(store: AnyStore) -> dict[str, str]:
    """Event and dispute id -> the persisted fusion block it came from ('*' for
    the corpus-wide disputes)."""
    out: dict[str, str] = {}
    state = store.fusion_state() or {}
    for d in records(state.get("disputes")):
        out[str(d.get("id"))] = "*"
    for block_id, _, data in store.iter_fusion_blocks():
        for r in [*records(data.get("events")), *records(data.get("disputes"))]:
            out[str(r.get("id"))] = block_id
    return out


def write_picture(store: AnyStore, export: Record) -> dict[str, Saved]:
    """Write ``export`` (an :func:`export_object`) into the picture tables."""
    db = PictureDb(store)
    key = store_key(db)
    # A shallow copy: the snapshot adds the catch-all story to its export.
    snap = build_snapshot(dict(export), (key[0], key[1], 0), index=False)
    blocks = fusion_blocks(store)
    rows = picture_rows(snap, export, blocks)
    # An incremental refresh needs every event and dispute's block and real stories.
    complete = bool(export.get("stories")) and all(
        str(r.get("id")) in blocks for k in ("events", "disputes") for r in snap.section(k)
    )
    bodies = {
        aid: " ".join(str(a.get(k) or "") for k in ("title", "outlet", "text"))
        for aid, a in snap.articles.items()
    }
    layout = [k if isinstance(v, list) else [k, v] for k, v in export.items()]
    report: dict[str, Saved] = {}
    with db.transaction():
        prerender.begin(db)
        for name, spec in SPECS.items():
            report[name] = save(db, spec, rows.get(name, []))
        for name in [*record_sections(export), "written"]:
            report[name] = save(db, record_spec(name), rows.get(name, []))
        # The fusion blocks the rows come from (block id -> input digest): an
        # incremental refresh rewrites the blocks whose digest changed.
        keys = sorted(store.fusion_block_keys().items())
        report["blocks"] = save(
            db, record_spec("blocks"), [Row(b, 0, (None, k)) for b, k in keys] if complete else []
        )
        # And the digest of each corpus-wide dispute as fusion keeps it.
        corpus = records((store.fusion_state() or {}).get("disputes")) if complete else []
        report["corpus"] = save(
            db,
            record_spec("corpus"),
            [Row(str(d.get("id")), 0, (None, corpus_digest(d))) for d in corpus],
        )
        save_article_search(db, bodies)
        set_state(db, "layout", layout)
        set_state(
            db,
            "counts",
            {
                "articles": len(snap.articles),
                "stories": len(snap.section("stories")),
                "events": len(snap.section("events")),
                # Unfiltered list totals without a COUNT over the table.
                **{k: len(snap.section(k)) for k in ("claims", "disputes", "entities", "places")},
                "types": sorted(
                    {str(e.get("type")) for e in snap.section("events") if e.get("type")}
                ),
                "outlets": sorted(
                    {str(a["outlet"]) for a in snap.articles.values() if a.get("outlet")}
                ),
                "catch_all": any(s.get("id") == ALL_STORY for s in snap.section("stories"))
                and not export.get("stories"),
            },
        )
        story_stats.write_all(db, export)
        set_state(db, "source", source_state(db) if complete else None)
        if sum(r.written + r.dropped for r in report.values()) >= RESTATS:
            restat(db)
        report["rendered"] = Saved(written=prerender.render_pending(db, store))
        set_state(db, "built", key)
    return report


# Rows a full refresh writes or drops past which PostgreSQL's planner statistics
# are renewed before its answers are rendered.
RESTATS = 1000


def restat(db: PictureDb) -> None:
    """Renew PostgreSQL's planner statistics of the picture tables inside the
    refresh's transaction (nothing on SQLite, whose planner reads the indexes).

    A refresh writes the tables and renders the answers in one transaction; the
    rows it wrote are not yet seen by autovacuum, so a first build (or a store
    that grew much) is planned without their statistics: at 24k analysed
    articles every story page's claims read took 200+ ms (the refresh had not
    finished after 30 min). ``ANALYZE`` inside a
    transaction samples that transaction's own rows, and renews the plans of
    prepared statements on those tables."""
    if db.sqlite:
        return
    tables = {"pic_records"} | {
        t for spec in SPECS.values() for t in (spec.table, *(c.table for c in spec.children))
    }
    tables |= {c.table for c in record_spec("series").children}
    db.run(f"ANALYZE {', '.join(sorted(tables))}")


def refresh_picture(store: AnyStore, *, full: bool = False) -> str:
    """Bring the picture tables up to date with the store; returns a one-line summary.

    When the tables were built by a refresh of this version and the store has only
    gained articles since (their analyses and fusion done), only what they touch
    is derived and written (:mod:`crosswire.web.increment`). Otherwise, or with
    ``full``, the whole picture is derived as the export derives it and only the
    rows whose content changed are written.
    """
    from crosswire.web.increment import refresh_increment

    started = time.monotonic()
    if not full:
        done = refresh_increment(store)
        if done is not None:
            line = f"{done} in {time.monotonic() - started:.1f}s"
            log.info("%s", line)
            return line
    from crosswire.export.writers import export_object

    report = write_picture(store, export_object(store))
    written = sum(s.written for s in report.values())
    kept = sum(s.kept + s.moved for s in report.values())
    dropped = sum(s.dropped for s in report.values())
    line = (
        f"picture tables: {written} rows written, {kept} kept, {dropped} dropped "
        f"in {time.monotonic() - started:.1f}s"
    )
    log.info("%s", line)
    return line
