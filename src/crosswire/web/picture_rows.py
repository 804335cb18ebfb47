"""The picture as table rows: one :class:`~crosswire.store.picture.Row` per record.

Shared by the full refresh (:mod:`crosswire.web.materialize`), the incremental
one (:mod:`crosswire.web.increment`) and the synthetic stores of the benchmark:
the same builder gives the same rows, digests and search text.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from crosswire.store.picture import Row
from crosswire.store.picture_db import PictureDb, fold
from crosswire.store.picture_specs import TYPED
from crosswire.web.readmodel import Record, Snapshot, records, strs
from crosswire.web.readmodel import search_rows as _search_rows

# First seq of the entities that only events name (no article mentions them).
LEXICON_SEQ = 1_000_000_000
# Version of the ``source`` state an incremental refresh starts from.
SOURCE_VERSION = 1


def _folds(*values: Any) -> str:
    return "\x1f".join(fold(v) for v in values if isinstance(v, str))


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _day(v: Any) -> str | None:
    return v[:10] if isinstance(v, str) and len(v) >= 4 else None


def _dumps(record: Record) -> str:
    return json.dumps(record, ensure_ascii=False)


def picture_rows(
    snap: Snapshot, export: Record, blocks: Mapping[str, str] | None = None
) -> dict[str, list[Row]]:
    """Every table's rows for one snapshot (stories include the catch-all story);
    ``blocks`` maps event and dispute ids to the fusion block they came from."""
    blocks = blocks or {}
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
                    blocks.get(eid),
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
            Row(
                str(d.get("id")),
                n,
                (str(d.get("id")), kind, text, _dumps(d), blocks.get(str(d.get("id")))),
                (sides,),
            )
        )
    out["disputes"] = disputes
    # Entities only events name (lexicon actors, listed last) are numbered from
    # LEXICON_SEQ, so an appended article's entities still come before them.
    named = sum(1 for e in snap.section("entities") if records(e.get("mentions")))
    out["entities"] = [
        Row(
            str(e.get("id")),
            n if n < named else LEXICON_SEQ + n - named,
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
    for name in record_sections(export):
        out[name] = record_rows(name, records(export.get(name)))
    out["written"] = [
        Row(f"{name}\x1f{country}", n, (None, _dumps({"written": w})))
        for n, ((name, country), w) in enumerate(sorted(snap.written.items()))
    ]
    return out


def record_sections(export: Record) -> list[str]:
    """The export's list sections kept in ``pic_records`` (all but the typed ones)."""
    return [
        k for k, v in export.items() if isinstance(v, list) and k not in TYPED and k != "articles"
    ]


def corpus_digest(dispute: Record) -> str:
    """Digest of a corpus-wide dispute as fusion keeps it (before it is linked to
    events): the ``corpus`` records, one per dispute, tell an incremental refresh
    which of them fusion changed without reading the stored disputes."""
    data = json.dumps(dispute, ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(data.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def record_rows(name: str, items: list[Record]) -> list[Row]:
    """Rows of an id-less section: the key is the record's content (plus a count
    for identical records), so an unchanged record keeps its row."""
    seen: Counter[str] = Counter()
    out = []
    for n, r in enumerate(items):
        data = _dumps(r)
        seen[data] += 1
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


def source_state(db: PictureDb) -> dict[str, Any] | None:
    """What an incremental refresh compares with: the last article's seq, the
    article count and when fusion was computed (``None`` without fusion)."""
    fusion = db.one("SELECT computed FROM fusion_state WHERE name = 'state'")
    last = db.one("SELECT MAX(seq), COUNT(*) FROM articles")
    if fusion is None or last is None:
        return None
    return {
        "version": SOURCE_VERSION,
        "seq": int(last[0] or 0),
        "n": int(last[1] or 0),
        "fusion_at": str(fusion[0]),
    }
