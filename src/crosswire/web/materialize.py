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
from collections import Counter
from typing import Any

from crosswire.store import AnyStore
from crosswire.store.picture import Row, Saved, save, save_article_search, set_state, store_key
from crosswire.store.picture_db import PictureDb, fold
from crosswire.store.picture_specs import SPECS, TYPED, record_spec
from crosswire.web.readmodel import ALL_STORY, Record, Snapshot, build_snapshot, records, strs
from crosswire.web.readmodel import search_rows as _search_rows

log = logging.getLogger(__name__)


def _folds(*values: Any) -> str:
    return "\x1f".join(fold(v) for v in values if isinstance(v, str))


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _day(v: Any) -> str | None:
    return v[:10] if isinstance(v, str) and len(v) >= 4 else None


def _dumps(record: Record) -> str:
    import json

    return json.dumps(record, ensure_ascii=False)


def picture_rows(snap: Snapshot, export: Record) -> dict[str, list[Row]]:
    """Every table's rows for one snapshot (stories include the catch-all story)."""
    search = {(k, i): body for k, i, body in _search_rows(snap) if k != "article"}
    story_of_event = {
        e: str(s.get("id")) for s in snap.section("stories") for e in strs(s.get("events"))
    }
    claim_article = {str(c.get("id")): c.get("article") for c in snap.section("claims")}
    out: dict[str, list[Row]] = {}
    stories = []
    for n, s in enumerate(snap.section("stories")):
        sid, st = str(s.get("id")), snap.stats.get(str(s.get("id")), {})
        counts = [
            int(st.get(k) or 0)
            for k in ("articles", "outlets", "independent_sources", "events", "disputes")
        ]
        stories.append(
            Row(
                sid,
                n,
                (sid, _day(s.get("start")), _day(s.get("end")), *counts, _dumps(s)),
                (
                    [(i, a) for i, a in enumerate(strs(s.get("articles")))],
                    [(o,) for o in sorted({o.casefold() for o in strs(s.get("outlets"))})],
                ),
                search.get(("story", sid)),
            )
        )
    out["stories"] = stories
    events = []
    for n, e in enumerate(snap.section("events")):
        eid = str(e.get("id"))
        place = e["place"] if isinstance(e.get("place"), dict) else {}
        date = e.get("date")
        mentions = [
            (i, m.get("article"), m.get("start"), m.get("end"))
            for i, m in enumerate(records(e.get("mentions")))
        ]
        figures = [
            (i, f.get("what"), _num(f.get("low")), _num(f.get("best")), _num(f.get("high")))
            for i, f in enumerate(records(e.get("numbers")))
        ]
        refs = [("actor", a) for a in strs(e.get("actors"))]
        refs += [("target", a) for a in strs(e.get("targets"))]
        refs += [("source", s.casefold()) for s in sorted(set(strs(e.get("sources"))))]
        events.append(
            Row(
                eid,
                n,
                (
                    eid,
                    story_of_event.get(eid),
                    _day(date),
                    int(date is None),
                    str(date or ""),
                    str(e.get("type")).casefold(),
                    str(e.get("subtype")).casefold(),
                    _folds(
                        place.get("surface"),
                        place.get("name"),
                        place.get("country"),
                        place.get("admin1"),
                    ),
                    _num(place.get("lat")),
                    _num(place.get("lon")),
                    _dumps(e),
                ),
                (mentions, figures, sorted(set(refs))),
                search.get(("event", eid)),
            )
        )
    out["events"] = events
    out["claims"] = [
        Row(
            str(c.get("id")),
            n,
            (
                str(c.get("id")),
                c.get("article"),
                c.get("speaker"),
                c["kind"].casefold() if isinstance(c.get("kind"), str) else None,
                _folds(c.get("speaker_name")),
                _dumps(c),
            ),
            (),
            search.get(("claim", str(c.get("id")))),
        )
        for n, c in enumerate(snap.section("claims"))
    ]
    disputes = []
    for n, d in enumerate(snap.section("disputes")):
        own = records(d.get("sides"))
        # side 1: a side's article (the list filters); 0: a claim's (the story page).
        sides = [(i, s.get("article"), s.get("claim"), 1) for i, s in enumerate(own)]
        sides += [
            (len(sides) + i, claim_article.get(c), c, 0)
            for i, c in enumerate(strs(d.get("claims")))
        ]
        kind = d["kind"].casefold() if isinstance(d.get("kind"), str) else None
        text = _folds(d.get("note"), *(s.get("text") for s in own))
        disputes.append(
            Row(str(d.get("id")), n, (str(d.get("id")), kind, text, _dumps(d)), (sides,))
        )
    out["disputes"] = disputes
    out["entities"] = [
        Row(
            str(e.get("id")),
            n,
            (
                str(e.get("id")),
                _folds(e.get("name"), *strs(e.get("aliases"))),
                e["type"].casefold() if isinstance(e.get("type"), str) else None,
                _dumps(e),
            ),
            (sorted({(str(m.get("article")),) for m in records(e.get("mentions"))}),),
        )
        for n, e in enumerate(snap.section("entities"))
    ]
    out["places"] = [
        Row(
            str(p.get("id")),
            n,
            (
                str(p.get("id")),
                p.get("name"),
                p.get("country"),
                _folds(p.get("surface"), p.get("name"), p.get("country"), p.get("admin1")),
                _num(p.get("lat")),
                _num(p.get("lon")),
                _dumps(p),
            ),
            (sorted({(str(m.get("article")),) for m in records(p.get("mentions"))}),),
        )
        for n, p in enumerate(snap.section("places"))
    ]
    for name in _record_sections(export):
        out[name] = _record_rows(name, records(export.get(name)))
    out["written"] = [
        Row(f"{name}\x1f{country}", n, (None, _dumps({"written": w})))
        for n, ((name, country), w) in enumerate(sorted(snap.written.items()))
    ]
    return out


def _record_sections(export: Record) -> list[str]:
    """The export's list sections kept in ``pic_records`` (all but the typed ones)."""
    return [
        k for k, v in export.items() if isinstance(v, list) and k not in TYPED and k != "articles"
    ]


def _record_rows(name: str, items: list[Record]) -> list[Row]:
    """Rows of an id-less section: the key is the record's content (plus a count
    for identical records), so an unchanged record keeps its row."""
    seen: Counter[str] = Counter()
    out = []
    for n, r in enumerate(items):
        data = _dumps(r)
        seen[data] += 1
        import hashlib

        key = hashlib.sha1(data.encode("utf-8", "surrogatepass")).hexdigest()[:20]
        link = r.get("story") if name == "framing" else None
        points = []
        if name == "series":
            points = [
                (i, p.get("article"), _num(p.get("value")), _day(p.get("date")))
                for i, p in enumerate(records(r.get("points")))
            ]
        out.append(
            Row(f"{key}#{seen[data]}", n, (link, data), (points,) if name == "series" else ())
        )
    return out


def write_picture(store: AnyStore, export: Record) -> dict[str, Saved]:
    """Write ``export`` (an :func:`export_object`) into the picture tables."""
    db = PictureDb(store)
    key = store_key(db)
    # A shallow copy: the snapshot adds the catch-all story to its export.
    snap = build_snapshot(dict(export), (key[0], key[1], 0), index=False)
    rows = picture_rows(snap, export)
    bodies = {
        aid: " ".join(str(a.get(k) or "") for k in ("title", "outlet", "text"))
        for aid, a in snap.articles.items()
    }
    layout = [k if isinstance(v, list) else [k, v] for k, v in export.items()]
    report: dict[str, Saved] = {}
    with db.transaction():
        for name, spec in SPECS.items():
            report[name] = save(db, spec, rows.get(name, []))
        for name in [*_record_sections(export), "written"]:
            report[name] = save(db, record_spec(name), rows.get(name, []))
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
        set_state(db, "built", key)
    return report


def refresh_picture(store: AnyStore) -> str:
    """Rebuild the picture tables from the store (only changed rows are written);
    returns a one-line summary."""
    from crosswire.export.writers import export_object

    started = time.monotonic()
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
