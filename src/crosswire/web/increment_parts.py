"""What an incremental refresh derives (see :mod:`crosswire.web.increment`).

:class:`Delta` reads only the rows the new articles can touch, derives their
records as the export would (the same merge, fusion blocks, story grouping and
event votes) and says which keys of each table to write, drop and renumber.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from crosswire.analyze.serialize import export_sections
from crosswire.fusion.figure_records import Dispute
from crosswire.fusion.records import FusedEvent
from crosswire.model import Article, article_record
from crosswire.store import AnyStore
from crosswire.store.picture import Row, Saved, get_state, keyed_rows, save, set_state
from crosswire.store.picture_db import PictureDb
from crosswire.store.picture_specs import record_spec
from crosswire.store.sql import ARTICLE_COLUMNS, article_from_row, load_json
from crosswire.web.increment_stories import StoryPart
from crosswire.web.picture_rows import LEXICON_SEQ, corpus_digest, record_rows
from crosswire.web.readmodel import Record, records, strs

_NO_START = "9999"  # a story without a start sorts last (as story_records sorts)
_CORPUS_STORED = "SELECT key FROM pic_disputes WHERE block = '*'"


def article_json(article: Article) -> Record:
    """The article as the export holds it."""
    return article_record(article)


def _loads(rows: Iterable[tuple[Any, ...]]) -> dict[str, Record]:
    return {str(r[0]): json.loads(r[-1]) for r in rows}


def _event_order(e: Mapping[str, Any]) -> tuple[str, str]:
    return (str(e.get("date") or ""), str(e.get("id")))


def _arts(e: Mapping[str, Any]) -> set[str]:
    return {str(m.get("article")) for m in records(e.get("mentions"))}


def blocks_changed(db: PictureDb) -> bool:
    """Whether fusion recomputed or dropped a block since the tables were built."""
    changed = db.one(
        "SELECT COUNT(*) FROM fusion_blocks f LEFT JOIN pic_records r "
        "ON r.section = 'blocks' AND r.key = f.block_id WHERE r.data IS NULL OR r.data <> f.key"
    )
    dropped = db.one(
        "SELECT COUNT(*) FROM pic_records WHERE section = 'blocks' "
        "AND key NOT IN (SELECT block_id FROM fusion_blocks)"
    )
    return bool((changed and changed[0]) or (dropped and dropped[0]))


class Delta(StoryPart):
    """The records new articles change, derived from the rows they touch."""

    def __init__(self, db: PictureDb, store: AnyStore, new: list[Record]) -> None:
        self.db, self.store, self.new = db, store, new
        self.new_ids = [str(a["id"]) for a in new]
        self.seq_of: dict[tuple[str, str], int] = {}
        self.block_of: dict[str, str] = {}
        self.state = store.fusion_state() or {}
        self.sections = export_sections(self.analyses(self.new_ids).items())
        self._merge("entities", "pic_entities")
        self._merge("places", "pic_places")
        self.claims = self.sections["claims"]
        self._append_seq("claims", "pic_claims", [str(c["id"]) for c in self.claims])
        self.claim_writes = {str(c["id"]) for c in self.claims}
        self._events()
        self._lexicon()
        self._disputes()
        self._stories()

    # -- reads -------------------------------------------------------------------
    def analyses(self, ids: list[str]) -> dict[str, Record]:
        """Article id -> analysis record, in ``ids`` order (articles with data only)."""
        got = {
            str(a): d
            for a, d in keyed_rows(
                self.db, "SELECT article_id, data FROM analyses WHERE article_id IN ({marks})", ids
            )
        }
        return {a: json.loads(got[a]) for a in ids if got.get(a)}

    def articles(self, ids: Iterable[str]) -> dict[str, Record]:
        """Article records by id, in ingestion (export) order."""
        cols = ", ".join(ARTICLE_COLUMNS)
        rows = keyed_rows(self.db, f"SELECT seq, {cols} FROM articles WHERE id IN ({{marks}})", ids)
        rows.sort(key=lambda r: int(r[0]))
        return {str(r[1]): article_json(article_from_row(r[1:])) for r in rows}

    def _data(self, table: str, keys: Iterable[str]) -> dict[str, Record]:
        return _loads(
            keyed_rows(self.db, f"SELECT key, data FROM {table} WHERE key IN ({{marks}})", keys)
        )

    def _append_seq(self, name: str, table: str, keys: list[str], band: str = "") -> None:
        top = self.db.one(f"SELECT MAX(seq) FROM {table}{band}")
        nxt = int(top[0]) + 1 if top and top[0] is not None else 0
        for k in keys:
            if (name, k) not in self.seq_of:
                self.seq_of[(name, k)] = nxt
                nxt += 1

    # -- per-article sections ------------------------------------------------------
    def _merge(self, name: str, table: str) -> None:
        """Merge the new articles' entities or places into the stored records
        (mentions appended, as the export merges them in article order)."""
        fresh = self.sections[name]
        old = {
            str(k): (int(s), str(d))
            for k, s, d in keyed_rows(
                self.db,
                f"SELECT key, seq, data FROM {table} WHERE key IN ({{marks}})",
                [str(r["id"]) for r in fresh],
            )
        }
        out, appended = [], []
        for r in fresh:
            prev = old.get(str(r["id"]))
            if prev is None or prev[0] >= LEXICON_SEQ:  # new, or only events named it
                out.append(r)
                appended.append(str(r["id"]))
                continue
            merged = json.loads(prev[1])
            self.seq_of[(name, str(r["id"]))] = prev[0]
            merged["mentions"] = records(merged.get("mentions")) + r["mentions"]
            if name == "entities":
                merged["role"] = merged.get("role") or r["role"]
                had = strs(merged.get("aliases"))
                merged["aliases"] = had + [x for x in r["aliases"] if x not in had]
            else:
                merged["precision"] = min(merged["precision"], r["precision"])
            out.append(merged)
        self.sections[name] = out
        self._append_seq(name, table, appended, f" WHERE seq < {LEXICON_SEQ}")

    # -- fusion ---------------------------------------------------------------------
    def _events(self) -> None:
        """Events and block disputes of the blocks fusion recomputed since the last
        refresh (their input digest differs from the one the tables were built
        from, the ``blocks`` records) or dropped, and the stored rows they replace."""
        db = self.db
        changed = db.rows(
            "SELECT f.block_id, f.data, f.key FROM fusion_blocks f LEFT JOIN pic_records r "
            "ON r.section = 'blocks' AND r.key = f.block_id "
            "WHERE r.data IS NULL OR r.data <> f.key"
        )
        dropped = {
            str(r[0])
            for r in db.rows(
                "SELECT key FROM pic_records WHERE section = 'blocks' "
                "AND key NOT IN (SELECT block_id FROM fusion_blocks)"
            )
        }
        self.block_rows = [Row(str(b), 0, (None, str(k))) for b, _, k in changed]
        self.blocks_dropped = dropped
        self.blocks = sorted({str(b) for b, _, _ in changed} | dropped)
        self.events_new: dict[str, Record] = {}
        self.block_disputes: list[Dispute] = []
        for block_id, text, _ in changed:
            data = load_json(text) or {}
            for e in records(data.get("events")):
                ev = FusedEvent.from_json(e).to_json()
                self.events_new[str(ev["id"])] = ev
                self.block_of[str(ev["id"])] = str(block_id)
            for d in records(data.get("disputes")):
                self.block_disputes.append(Dispute.from_json(d))
                self.block_of[str(d["id"])] = str(block_id)
        old = keyed_rows(
            db, "SELECT key, story_id, data FROM pic_events WHERE block IN ({marks})", self.blocks
        )
        self.old_events = {str(k): json.loads(d) for k, _, d in old}
        self.old_story: dict[str, str | None] = {str(k): s for k, s, _ in old}
        self.events_gone = set(self.old_events) - set(self.events_new)

    def _lexicon(self) -> None:
        """Entity records for lexicon actors the new events name and nobody has."""
        from crosswire.export.writers import _lexicon_entities

        events = sorted(self.events_new.values(), key=_event_order)
        named = {i for e in events for i in (*strs(e.get("actors")), *strs(e.get("targets")))}
        known = {
            str(r[0])
            for r in keyed_rows(
                self.db, "SELECT key FROM pic_entities WHERE key IN ({marks})", named
            )
        } | {str(e["id"]) for e in self.sections["entities"]}
        extra = _lexicon_entities(events, [{"id": i} for i in known])
        self.sections["entities"] += extra
        ids = [str(x["id"]) for x in extra]
        self._append_seq("entities", "pic_entities", ids, f" WHERE seq >= {LEXICON_SEQ}")
        for k in ids:
            self.seq_of[("entities", k)] = max(self.seq_of[("entities", k)], LEXICON_SEQ)
        self.entity_writes = {str(e["id"]) for e in self.sections["entities"]}
        self.place_writes = {str(p["id"]) for p in self.sections["places"]}

    def _claim_articles(self, claims: set[str]) -> dict[str, str]:
        out = {str(c["id"]): str(c.get("article")) for c in self.claims if c["id"] in claims}
        rows = keyed_rows(
            self.db, "SELECT key, article_id FROM pic_claims WHERE key IN ({marks})", claims
        )
        return {**{str(k): str(a) for k, a in rows}, **out}

    def _events_of_articles(self, articles: set[str]) -> dict[str, Record]:
        """Every event (after this update) with a mention in ``articles``."""
        keys = {
            str(r[0])
            for r in keyed_rows(
                self.db,
                "SELECT DISTINCT event_key FROM pic_event_mentions WHERE article_id IN ({marks})",
                articles,
            )
        }
        out = self._data("pic_events", keys - set(self.old_events))
        out.update({k: e for k, e in self.events_new.items() if _arts(e) & articles})
        return out

    def _disputes(self) -> None:
        """Block disputes, the corpus-wide disputes fusion changed since the tables
        were built (their digest, the ``corpus`` records) or whose claims' events
        changed, linked to the events carrying their claims (fusion's finish), and
        stored block disputes whose claims' events changed."""
        state = self.state
        corpus = {str(d.get("id")): d for d in records(state.get("disputes"))}
        digests = {k: corpus_digest(d) for k, d in corpus.items()}
        known = {
            str(k): str(d)
            for k, d in self.db.rows("SELECT key, data FROM pic_records WHERE section = 'corpus'")
        }
        redo = {k for k, d in digests.items() if known.get(k) != d}
        if not known:  # tables built before the digests: every stored one compared
            known = {str(r[0]): "" for r in self.db.rows(_CORPUS_STORED)}
        corpus_gone = set(known) - set(digests)
        changed = [*self.events_new.values(), *self.old_events.values()]
        touched = {c for e in changed for c in strs(e.get("claims"))}
        where = self._claim_articles(touched)
        sides = keyed_rows(
            self.db,
            "SELECT dispute_key, claim_id, block FROM pic_dispute_sides s "
            "JOIN pic_disputes d ON d.key = s.dispute_key "
            "WHERE s.side = 0 AND s.article_id IN ({marks})",
            {where[c] for c in touched if c in where},
        )
        hit = {(str(k), str(b)) for k, c, b in sides if c in touched}
        # A corpus-wide dispute whose claims' events changed is linked again from
        # fusion's record; a block dispute of an unchanged block is relinked.
        redo |= {k for k, b in hit if b == "*" and k in corpus}
        fresh = self.block_disputes + [Dispute.from_json(corpus[k]) for k in sorted(redo)]
        for d in fresh[len(self.block_disputes) :]:
            self.block_of[d.id] = "*"
        self.corpus_rows = [Row(k, 0, (None, digests[k])) for k in sorted(redo)]
        self.corpus_among = redo | corpus_gone
        old = keyed_rows(
            self.db, "SELECT key, data FROM pic_disputes WHERE block IN ({marks})", self.blocks
        ) + keyed_rows(
            self.db,
            "SELECT key, data FROM pic_disputes WHERE key IN ({marks})",
            redo | {k for k, b in hit if b == "*"} | corpus_gone,
        )
        old_keys = {str(k) for k, _ in old}
        stored = _loads(old)
        where.update(self._claim_articles({c for d in fresh for c in d.claims} - set(where)))
        wanted = touched | {c for d in fresh for c in d.claims}
        relink = {k: b for k, b in hit if k not in old_keys and b != "*"}
        carried: dict[str, set[str]] = {}
        for eid, e in self._events_of_articles({where[c] for c in wanted if c in where}).items():
            for c in strs(e.get("claims")):
                carried.setdefault(c, set()).add(eid)
        self.disputes: dict[str, Record] = {}
        for d in fresh:
            d.events = sorted(set(d.events).union(*(carried.get(c, set()) for c in d.claims)))
            self.disputes[d.id] = d.to_json()
        ids = set(self.events_new) | set(self.old_events)
        for key, data in self._data("pic_disputes", relink).items():
            mine = set(strs(data.get("claims")))
            keep = {e for e in strs(data.get("events")) if e not in ids}
            keep |= {e for e, ev in self.events_new.items() if mine & set(strs(ev.get("claims")))}
            data["events"] = sorted(keep)
            self.disputes[key] = data
            self.block_of[key] = relink[key]
        self.disputes_gone = old_keys - set(self.disputes)
        # Only disputes that changed are written and shown to the stories' counts
        # (a corpus-wide one linked again may come out as it was).
        self.disputes = {
            k: d for k, d in self.disputes.items() if k in relink or stored.get(k) != d
        }
        self.dispute_writes = set(self.disputes)
        gone = _loads(
            keyed_rows(
                self.db,
                "SELECT key, data FROM pic_disputes WHERE key IN ({marks})",
                self.disputes_gone,
            )
        )
        self.dispute_articles = set()
        # Articles whose stories count these disputes: gone, new or moved ones only.
        moved = [d for k, d in self.disputes.items() if k not in relink]
        for rec in [*gone.values(), *moved]:
            self.dispute_articles |= {str(s.get("article")) for s in records(rec.get("sides"))}
            self.dispute_articles |= {where.get(c, "") for c in strs(rec.get("claims"))}
        self.dispute_articles.discard("")

    # -- writes --------------------------------------------------------------------
    def write_records(self, written: list[Row]) -> dict[str, Saved]:
        """The written place names, appended dates and quantities, series and framing."""
        db, out = self.db, {}
        out["written"] = save(db, record_spec("written"), written, among=[r.key for r in written])
        out["blocks"] = save(db, record_spec("blocks"), self.block_rows, among=self.blocks_dropped)
        for name in ("dates", "quantities"):
            rows = record_rows(name, self.sections[name])
            top = db.one("SELECT MAX(seq) FROM pic_records WHERE section = ?", [name])
            base = int(top[0]) + 1 if top and top[0] is not None else 0
            for n, r in enumerate(rows):
                stem, count = r.key.rsplit("#", 1)
                have = db.one(
                    "SELECT COUNT(*) FROM pic_records WHERE section = ? AND key >= ? AND key < ?",
                    [name, f"{stem}#", f"{stem}$"],
                )
                r.key, r.seq = f"{stem}#{int(have[0] if have else 0) + int(count)}", base + n
            out[name] = save(db, record_spec(name), rows, among=[])
        out["corpus"] = save(db, record_spec("corpus"), self.corpus_rows, among=self.corpus_among)
        out["series"] = save(
            db, record_spec("series"), record_rows("series", records(self.state.get("series")))
        )
        frame = record_rows("framing", self.framing)
        old = keyed_rows(
            db,
            "SELECT key FROM pic_records WHERE section = 'framing' AND link IN ({marks})",
            self.stories_gone | {s.id for s in self.new_stories},
        )
        out["framing"] = save(db, record_spec("framing"), frame, among=[str(r[0]) for r in old])
        return out

    def renumber(self) -> None:
        """Renumber ``seq`` where the export order moved (stories, events, disputes,
        framing); only rows whose position changed are updated."""
        db = self.db
        stories = db.rows("SELECT key, n_articles, start_day, seq FROM pic_stories")
        stories.sort(key=lambda r: (-int(r[1]), r[2] or _NO_START, str(r[0])))
        self._renumber("pic_stories", [(str(r[0]), int(r[3])) for r in stories])
        events = db.rows("SELECT key, date_sort, seq FROM pic_events")
        events.sort(key=lambda r: (str(r[1]), str(r[0])))
        self._renumber("pic_events", [(str(r[0]), int(r[2])) for r in events])
        disputes = db.rows("SELECT key, kind_key, seq FROM pic_disputes")
        disputes.sort(key=lambda r: (str(r[1] or ""), str(r[0])))
        self._renumber("pic_disputes", [(str(r[0]), int(r[2])) for r in disputes])
        pos = {str(k): int(s) for k, s in db.rows("SELECT key, seq FROM pic_stories")}
        frame = db.rows("SELECT key, link, seq FROM pic_records WHERE section = 'framing'")
        frame.sort(key=lambda r: (pos.get(str(r[1]), len(pos)), int(r[2])))
        self._renumber("pic_records", [(str(r[0]), int(r[2])) for r in frame], "framing")

    def _renumber(self, table: str, ordered: list[tuple[str, int]], section: str = "") -> None:
        scope = " AND section = ?" if section else ""
        self.db.many(
            f"UPDATE {table} SET seq = ? WHERE key = ?{scope}",
            ([n, k, *([section] if section else [])] for n, (k, s) in enumerate(ordered) if s != n),
        )

    def write_search_and_counts(self) -> None:
        """The new articles' search text and the list counters."""
        db = self.db
        db.many(
            db.search_insert("article"),
            (
                (str(a["id"]), " ".join(str(a.get(k) or "") for k in ("title", "outlet", "text")))
                for a in self.new
            ),
        )
        counts = dict(get_state(db, "counts") or {})
        for name, table in (
            ("articles", "articles"),
            ("stories", "pic_stories"),
            ("events", "pic_events"),
            ("claims", "pic_claims"),
            ("disputes", "pic_disputes"),
            ("entities", "pic_entities"),
            ("places", "pic_places"),
        ):
            got = db.one(f"SELECT COUNT(*) FROM {table}")
            counts[name] = int(got[0]) if got else 0
        types = {str(e.get("type")) for e in self.events_new.values() if e.get("type")}
        counts["types"] = sorted(set(strs(counts.get("types"))) | types)
        outlets = {str(a["outlet"]) for a in self.new if a.get("outlet")}
        counts["outlets"] = sorted(set(strs(counts.get("outlets"))) | outlets)
        counts["catch_all"] = False
        set_state(db, "counts", counts)
