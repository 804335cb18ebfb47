"""Incremental fusion: new articles read with the stored blocks they touch, nothing else.

:func:`extend` brings the persisted fusion up to date when the only change since
the last fusion is articles added after every fused one (the live feed's case):

1. a join over plain columns finds the articles not fused as they are now
   (``fusion_articles``); only their analyses are read;
2. their event mentions probe the block index (``fusion_index``: type, ISO week,
   country, latitude band, people; :func:`crosswire.fusion.blocks.probe_keys`) for
   the stored blocks they may join; those blocks' articles are read back and
   their mentions clustered again with the new ones, block by block;
3. the corpus-wide parts are extended, not recomputed: people counts
   (``fusion_people``), first entity records (``fusion_entities``), series groups
   and the corpus theatre's town counts (state), denials: a new denial is
   compared with the stored claims of its date window, a stored denial with
   the new claims, keeping its stored best unless a new one scores higher.

New (name, entity) pairs are extended too: the fused articles a new name can
change are found by their name terms and their claims linked again
(:mod:`crosswire.fusion.increment_names`, :mod:`crosswire.fusion.increment_claims`).

The result equals a full fusion (tested). What cannot be extended returns None
and the caller fuses everything: a changed analysis or wire family of a fused
article, an article inserted before fused ones, new fusion code, a date
tolerance, a new name that changes the scope of a fused running total, or a
tie for the corpus theatre after a new name lowered its town counts.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

from crosswire.fusion import (
    _NOT_TARGET_TYPES,
    Corpus,
    _entity_index,
)
from crosswire.fusion import disputes as _disputes
from crosswire.fusion import series as _series
from crosswire.fusion.blocks import SEP, probe_keys
from crosswire.fusion.config import Record, settings
from crosswire.fusion.increment_claims import Claims, by_article
from crosswire.fusion.increment_names import NameChange, article_terms, series_change, town_loss
from crosswire.fusion.increment_state import closure, finish_groups
from crosswire.fusion.increment_store import ArticleRow, Entity, FusionIndex, SeriesWrite
from crosswire.fusion.mentions import read_mentions
from crosswire.fusion.persist import (
    STATE_VERSION,
    code_digest,
    digest,
    extend_fingerprint,
    fingerprint_of,
    fuse_blocks,
    member,
)
from crosswire.fusion.rare import keep_rare, rare_people
from crosswire.fusion.records import Mention
from crosswire.fusion.sources import attribution, claimant_name, origin_of
from crosswire.model import article_record
from crosswire.store import AnyStore

log = logging.getLogger(__name__)

__all__ = ["Extended", "extend"]


class _StoredNames(Collection[str]):
    """Entity names and aliases of the whole corpus, looked up in ``fusion_names``
    one at a time (the series rules only ask ``name in actor_names``)."""

    def __init__(self, index: FusionIndex, extra: Collection[str] = ()) -> None:
        self.index = index
        self.known: dict[str, bool] = dict.fromkeys(extra, True)  # the update's new names

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if name not in self.known:
            self.known[name] = bool(self.index.names([name]))
        return self.known[name]

    def __iter__(self) -> Iterator[str]:
        raise TypeError("stored names are looked up, never listed")

    def __len__(self) -> int:
        raise TypeError("stored names are looked up, never counted")


class Extended:
    """What :func:`extend` did: counts for :class:`crosswire.fusion.incremental.FusionUpdate`."""

    def __init__(self, fp: str, blocks: int) -> None:
        self.fingerprint = fp
        self.changed = False
        self.blocks = blocks
        self.reused = 0
        self.recomputed: list[str] = []
        self.labels: dict[str, str] = {}
        self.dropped: list[str] = []


def extend(store: AnyStore, forced: Collection[str] = ()) -> Extended | None:
    """Bring the persisted fusion up to date from the new articles alone, or None
    when a full fusion is needed (see the module docstring)."""
    state = store.fusion_state()
    if state is None or state.get("version") != STATE_VERSION or state.get("code") != code_digest():
        return None
    if any(int(v) for k, v in settings()["date_window_days"].items() if k[0] != "_"):
        return None
    ix = FusionIndex(store)
    fresh = ix.fresh()
    if not fresh and not forced:
        return Extended(str(state["fingerprint"]), int(state["blocks"]))
    if set(forced) - {now.id for now, _ in fresh}:
        return None  # a fused article is to be fused again: full fusion
    if any(was is not None and was.analysed is not None for _, was in fresh):
        return None  # a fused article's analysis changed
    last = ix.last_analysed_seq()
    if any(now.analysed is not None and now.seq <= last for now, _ in fresh):
        return None  # analysed before a fused article: entity first records may move
    # Only new articles after every fused one: the fingerprint chain is extended
    # (else it is computed again from every fused article's digest).
    appended = (
        all(was is None for _, was in fresh) and min(now.seq for now, _ in fresh) > ix.max_seq()
    )
    return _Update(store, ix, state, [now for now, _ in fresh], appended).run()


class _Update:
    """One incremental update (see the module docstring for the steps)."""

    def __init__(
        self,
        store: AnyStore,
        ix: FusionIndex,
        state: Record,
        fresh: list[ArticleRow],
        appended: bool = False,
    ) -> None:
        self.store, self.ix, self.state = store, ix, state
        self.fresh, self.appended = fresh, appended
        self.seq = {r.id: r.seq for r in fresh}
        self.names = _StoredNames(ix)
        self.analyses: dict[str, Record] = {}
        self.points: dict[str, list[_series.Candidate]] = {}

    def _read(self, ids: Sequence[str]) -> list[Record]:
        """Articles in corpus order; their analyses join ``self.analyses``."""
        found = [self.store.get_article(i) for i in ids]
        articles = sorted(
            (article_record(a) for a in found if a is not None), key=lambda a: self.seq[a["id"]]
        )
        self.analyses.update(self.ix.analyses(ids))
        return articles

    def _attribute(
        self, aid: str, start: int, end: int, at: int | None = None
    ) -> tuple[str | None, str | None]:
        return attribution(aid, self.analyses.get(aid) or {}, start, end, at)

    def _mentions(self, articles: Sequence[Record]) -> list[Mention]:
        out: list[Mention] = []
        for a in articles:
            aid = str(a["id"])
            at = functools.partial(self._attribute, aid)
            out += read_mentions(a, self.analyses.get(aid) or {}, origin_of(a), at)
        return out

    def _points(self, a: Record) -> list[_series.Candidate]:
        """An article's running-total points (read once: they give the spans
        events skip and the new series points)."""
        aid = str(a["id"])
        if aid not in self.points:
            analysis = self.analyses.get(aid) or {}
            self.points[aid] = _series.candidates(
                a, analysis, origin_of(a), self._attribute, self.names
            )
        return self.points[aid]

    def _ordered(self, articles: Sequence[Record]) -> dict[str, Record]:
        """Analyses of ``articles`` in corpus order (first entity records, theatre ties)."""
        return {a["id"]: self.analyses[a["id"]] for a in articles if a["id"] in self.analyses}

    def run(self) -> Extended | None:
        """The update, or None when a new (name, entity) pair needs a full fusion."""
        new = self._read([r.id for r in self.fresh])
        new_analyses = self._ordered(new)
        first, aliases = _entity_index(new_analyses)
        change = NameChange.of(aliases, self.ix.names(aliases), self.state["stop_words"])
        self.names = _StoredNames(self.ix, change.strings)
        changed: list[Record] = []
        loss: Counter[str] = Counter()
        if change:
            hits = self.ix.articles_for(change.scene_probes() | change.claim_probes())
            hits = {a: t for a, t in hits.items() if a not in self.seq}
            self.seq.update({aid: seq for aid, seq, _ in self.ix.digests_of(hits)})
            scenes = [a for a, t in hits.items() if t & change.scene_probes()]
            stored_names = _StoredNames(self.ix)
            scene_articles = self._read(scenes)
            if series_change(scene_articles, self.analyses, stored_names, self.names):
                log.info("F204 a new entity name changes a fused running total: full fusion")
                return None
            loss = town_loss(scene_articles, self.analyses, stored_names, self.names)
            changed = self._read([a for a, t in hits.items() if t & change.claim_probes()])
        new_mentions = self._mentions(new)
        # The stored blocks the new mentions may join: an index lookup. A person
        # named too often to link incidents before and after the new articles
        # (counts only grow) links nothing: only the others are probed.
        named: dict[str, set[str]] = {}
        for m in new_mentions:
            for p in m.people:
                named.setdefault(p, set()).add(m.article)
        before = self.ix.people(named)
        after = {p: before.get(p, 0) + len(arts) for p, arts in named.items()}
        rare = rare_people(after)
        linking = rare | (rare_people(before) ^ rare)
        probes: set[str] = set()
        for m in new_mentions:
            probes |= probe_keys(m, m.people & linking)
        touched = self.ix.blocks_for(probes)
        kept = {k for ks in self.ix.keys_of(touched).values() for k in ks if k[0] == "m"}
        stored = {row[0]: row for row in self.ix.digests_of({k.split(SEP)[1] for k in kept})}
        self.seq.update({aid: row[1] for aid, row in stored.items()})
        old = self._read(sorted(stored))
        old_mentions = [
            m for m in self._mentions(old) if m.negated or member(m.article, m.index) in kept
        ]
        people = self._people(new_mentions, old_mentions)
        corpus = self._corpus([*old, *new], [*old_mentions, *new_mentions], first)
        digests = {str(a["id"]): digest([a, self.analyses.get(a["id"])]) for a in new}
        blocks = fuse_blocks(
            corpus,
            corpus.mentions,
            {**{aid: row[2] for aid, row in stored.items()}, **digests},
            self.ix.block_digests(touched),
            [r.id for r in self.fresh],
        )
        # Town counts a new name lowered keep their first-seen order, which a full
        # fusion may not: from then on a tie for the theatre is left to it.
        approximate = bool(loss) or self.state.get("towns_order") == "approximate"
        series, towns = self._series(new, new_analyses, loss)
        ranked = towns.most_common(2)
        if approximate and len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
            log.info("F205 the theatre's town counts tie: full fusion")
            return None
        claims = Claims(
            self.ix, self.state, self.seq, self.analyses, lambda i: self._entities(i, first), change
        )
        facts, denials, gone = claims.link(new, changed)
        # Stored blocks are the untouched ones and the touched ones clustered
        # again (a new block id is never an untouched block's: ids name members).
        all_blocks = int(self.state["blocks"]) - len(touched) + len(blocks.index)
        rows = [dataclasses.replace(r, digest=digests[r.id]) for r in self.fresh]
        fp = self._fingerprint(rows)
        state = {
            **self.state,
            "fingerprint": fp,
            "blocks": all_blocks,
            "towns": [[c, n] for c, n in towns.items()],
            "stop_words": sorted({*self.state["stop_words"], *change.words}),
        }
        if approximate:
            state["towns_order"] = "approximate"
        entities = [_entity(i, e) for i, e in first.items()]
        dropped = touched - set(blocks.index)
        pairs = [(name, i) for name, ids in change.pairs.items() for i in ids]
        mine = by_article(facts)
        terms = {
            aid: article_terms(new_analyses.get(aid) or {}, mine.get(aid, []))
            for aid in (str(a["id"]) for a in new)
        }
        save = (rows, blocks.rows, blocks.index, dropped, entities, pairs, people, facts, state)
        self.ix.save(*save, terms=terms, series=series, denials=(denials, gone))
        out = Extended(fp, all_blocks)
        out.changed = True
        out.recomputed = [r.id for r in blocks.rows]
        out.reused = all_blocks - len(out.recomputed)
        out.labels = blocks.labels
        out.dropped = sorted(dropped)
        return out

    def _fingerprint(self, rows: Sequence[ArticleRow]) -> str:
        """The corpus fingerprint after the update: the stored one extended by the
        new articles when they all come after every fused one, else computed
        again from every fused article's digest."""
        ordered = sorted(rows, key=lambda r: r.seq)
        if self.appended:
            return extend_fingerprint(
                str(self.state["fingerprint"]), [(r.id, r.digest) for r in ordered]
            )
        fp_rows = {aid: (seq, d) for aid, seq, d in self.ix.digests()}
        fp_rows.update({r.id: (r.seq, r.digest) for r in rows})
        everything = sorted(fp_rows.items(), key=lambda kv: kv[1][0])
        return fingerprint_of([(aid, d) for aid, (_, d) in everything])

    def _people(self, new: Sequence[Mention], old: Sequence[Mention]) -> dict[str, int]:
        """E7c counts with the new articles; keeps the rare people on every mention.
        Returns the counts that changed."""
        named: dict[str, set[str]] = {}
        for m in new:
            for p in m.people:
                named.setdefault(p, set()).add(m.article)
        persons = {p for m in [*old, *new] for p in m.people}
        stored = self.ix.people(persons)
        counts = {p: stored.get(p, 0) + len(named.get(p, ())) for p in persons}
        keep_rare([*old, *new], rare_people(counts))
        return {p: counts[p] for p in named}

    def _entities(self, ids: set[str], first: Mapping[str, Record]) -> dict[str, Entity]:
        """First records of ``ids``: stored ones, else the new articles' first."""
        rows = self.ix.entities(ids)
        for i in ids - set(rows):
            if i in first:
                rows[i] = _entity(i, first[i])
        return rows

    def _corpus(
        self, articles: Sequence[Record], mentions: Sequence[Mention], first: Mapping[str, Record]
    ) -> Corpus:
        """The corpus-wide context of the touched blocks (what fuse_block reads)."""
        entity_ids = {
            str(a["id"]): {
                str(e["id"])
                for e in (self.analyses.get(a["id"]) or {}).get("entities") or []
                if isinstance(e, dict) and "id" in e
            }
            for a in articles
        }
        ids = set().union(*entity_ids.values()) if entity_ids else set()
        for m in mentions:
            ids |= m.actors | m.targets
        rows = self._entities(ids, first)
        used: set[tuple[str, int, int]] = set()
        for a in articles:
            used |= {(str(a["id"]), p.start, p.end) for _, _, _, p, _ in self._points(a)}
        refs = _disputes.claim_refs(articles, self.analyses, claimant_name)
        by_article: dict[str, list[_disputes.ClaimRef]] = {}
        for r in refs:
            by_article.setdefault(r.article, []).append(r)
        return Corpus(
            names={i: r.name for i, r in rows.items()},
            not_targets={i for i, r in rows.items() if r.not_target},
            countries={i: r.country for i, r in rows.items()},
            mentions=[m for m in mentions if not m.negated],
            negated=[m for m in mentions if m.negated],
            used=used,
            running=[],
            global_disputes=[],
            by_id={r.id: r for r in refs},
            by_article=by_article,
            entity_ids=entity_ids,
        )

    def _series(
        self, new: Sequence[Record], analyses: Mapping[str, Record], loss: Counter[str]
    ) -> tuple[SeriesWrite, Counter[str]]:
        """The running-total groups the new articles' points join, read, merged in
        order and finished again (with the groups finished together with them,
        and every unscoped slot's when the theatre moved); the town counts less
        ``loss`` (places that are no longer scenes)."""
        stored: Counter[str] = Counter(dict(self.state["towns"]))
        towns = Counter(dict(stored))
        towns.subtract(loss)
        towns = Counter({c: n for c, n in towns.items() if n > 0})
        towns.update(_series.theatre_counts(analyses.values(), self.names))
        before, home = _series.top(stored), _series.top(towns)
        points = [c for a in new for c in self._points(a)]
        changed = {(slot, subject) for slot, subject, *_ in points}
        keys = set(changed)
        if before != home:
            for slot in self.ix.state.unscoped_slots() | {s for s, x in changed if x is None}:
                keys |= {(slot, None), (slot, before), (slot, home)}
        keys = closure(keys, home)
        loaded, ranks = self.ix.state.groups(keys)
        groups: _series.Groups = defaultdict(dict, loaded)
        for a in new:
            _series.merge(groups, ranks, self._points(a))
        finished = finish_groups(groups, ranks, keys, home)
        return (groups, ranks, changed, finished), towns


def _entity(i: str, e: Mapping[str, Any]) -> Entity:
    """The stored first record of entity ``i`` (as :func:`prepare_corpus` reads it)."""
    country = (e.get("affiliation") or {}).get("country")
    return Entity(i, str(e.get("name") or i), str(country or i), e.get("type") in _NOT_TARGET_TYPES)
