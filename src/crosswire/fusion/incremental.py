"""Incremental fusion: fused events persisted in blocks, only touched blocks recomputed.

Event clustering is the costly part of :func:`crosswire.fusion.fuse`. Its
mentions are split into **blocks** that provably cannot interact, and each
block's events and event disputes are stored (``fusion_blocks``). When articles
arrive, only the blocks whose inputs changed are clustered again; the others
are read back. The result is identical to a full ``fuse`` (tested).

Why blocks are safe: a mention can join a cluster only if its type is
compatible with every member, its date range overlaps the cluster's range
(the intersection of its dated members' ranges, date tolerance 0) and its place
is not "different" from the cluster's place, which is one member's place. So
it is linked to one member by all three rules at once, and blocks are the
connected components of "shares a type key, an overlapping date range and a
country" with these wildcards: an unknown place or country joins every country of the week,
a mention with no date at all joins every week, and two towns of different
countries within ``place_radius_km`` are joined. Greedy clustering inside a
block then makes the same choices as over the whole corpus. With a non-zero
``date_window_days`` tolerance this no longer holds and everything is one block.

New articles added after the fused ones are fused from their own analyses and
the stored blocks they touch (:mod:`crosswire.fusion.increment`, found through
the block index); anything else (re-analysed articles, regrouped families, new
code) reads every analysis here, reuses the blocks whose input digest is
unchanged and rewrites the index. The state records a fingerprint of the
corpus (articles, analyses, fusion code and settings), and
:func:`current_fusion` only serves persisted results that match it.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from crosswire.fusion import Corpus, Fusion, Picture, prepare_corpus
from crosswire.fusion.blocks import components
from crosswire.fusion.config import Record, words
from crosswire.fusion.increment import extend
from crosswire.fusion.increment_claims import by_article
from crosswire.fusion.increment_names import article_terms
from crosswire.fusion.increment_state import closure, finish_groups
from crosswire.fusion.increment_store import Entity, FusionIndex
from crosswire.fusion.persist import (
    STATE_VERSION,
    code_digest,
    denials_json,
    digest,
    fingerprint_of,
    fuse_blocks,
)
from crosswire.fusion.records import Dispute, FusedEvent, Series
from crosswire.fusion.series import top
from crosswire.model import article_record
from crosswire.store import AnyStore
from crosswire.store.base import Store

log = logging.getLogger(__name__)

__all__ = ["FusionUpdate", "components", "current_fusion", "fingerprint", "update_fusion"]


@dataclass
class FusionUpdate:
    """What one :func:`update_fusion` call did."""

    fingerprint: str
    changed: bool = False
    blocks: int = 0
    reused: int = 0
    recomputed: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    incremental: bool = False  # extended from the new articles alone (no full read)

    def recomputed_labels(self) -> list[str]:
        """Labels ("XN 2024-W10") of the recomputed blocks, sorted."""
        return sorted(self.labels[b] for b in self.recomputed)

    def summary(self) -> str:
        """One line: blocks recomputed, reused and dropped."""
        if not self.changed:
            return f"fusion up to date ({self.blocks} blocks)"
        return (
            f"fusion: {len(self.recomputed)} blocks recomputed, {self.reused} reused, "
            f"{len(self.dropped)} dropped ({self.blocks} blocks)"
            + (", incremental" if self.incremental else "")
        )


def fingerprint(
    articles: Sequence[Mapping[str, Any]], analyses: Mapping[str, Mapping[str, Any]]
) -> str:
    """Digest of everything fusion reads: articles in order, their analyses, the code."""
    return fingerprint_of(
        [(str(a.get("id")), digest([a, analyses.get(str(a.get("id")))])) for a in articles]
    )


# -- public --------------------------------------------------------------------
def _load(store: Store) -> tuple[list[Record], dict[str, Record]]:
    """Articles and analyses exactly as the export hands them to fuse."""
    articles = [article_record(a) for a in store.iter_articles()]
    analyses = {aid: data for aid, _, _, data in store.iter_analyses() if data}
    return articles, analyses


def update_fusion(store: Store, article_ids: Iterable[str] = ()) -> FusionUpdate:
    """Bring the persisted fusion up to date, recomputing only the blocks that changed.

    New articles added after every fused one are fused from their own analyses
    and the stored blocks they touch (:func:`crosswire.fusion.increment.extend`).
    Otherwise every analysis is read and a block is recomputed when its inputs
    changed (re-analysed articles, regrouped wire families, new fusion code or
    settings) or when it holds one of ``article_ids``; other blocks are kept as
    stored. Nothing is done when nothing changed.
    """
    forced = set(article_ids)
    db = cast(AnyStore, store)
    done = extend(db, forced)
    if done is not None:
        update = FusionUpdate(done.fingerprint, done.changed, done.blocks, done.reused)
        update.recomputed, update.labels, update.dropped = (
            done.recomputed,
            done.labels,
            done.dropped,
        )
        update.incremental = done.changed
        if done.changed:
            log.info("%s", update.summary())
        return update
    return _full(db, forced)


def _full(store: AnyStore, forced: set[str]) -> FusionUpdate:
    """Fuse from every analysis, reuse unchanged blocks, rewrite the index."""
    articles, analyses = _load(store)
    digests = {str(a.get("id")): digest([a, analyses.get(str(a.get("id")))]) for a in articles}
    fp = fingerprint_of(list(digests.items()))  # = fingerprint(articles, analyses)
    state = store.fusion_state()
    old_keys = store.fusion_block_keys()
    current = state is not None and state.get("version") == STATE_VERSION
    ix = FusionIndex(store)
    rows = ix.article_rows()
    if current and state is not None and state.get("fingerprint") == fp and not forced:
        # Re-saved with the same content: note the new revisions, so the next
        # update does not read everything again.
        ix.refresh_articles([dataclasses.replace(r, digest=digests[a]) for a, r in rows.items()])
        return FusionUpdate(fp, changed=False, blocks=len(old_keys))
    corpus = prepare_corpus(articles, analyses)
    blocks = fuse_blocks(corpus, corpus.mentions, digests, old_keys, forced)
    update = FusionUpdate(fp, changed=True, blocks=len(blocks.index), reused=blocks.reused)
    update.recomputed = [r.id for r in blocks.rows]
    update.labels = blocks.labels
    update.dropped = sorted(set(old_keys) - set(blocks.index))
    seq = {aid: r.seq for aid, r in rows.items()}
    facts = [dataclasses.replace(f, pos=(seq[f.article], f.pos[1])) for f in corpus.facts]
    # Running totals and denials are rows (increment_state); the state keeps the
    # small corpus-wide rest.
    new_state = {
        "version": STATE_VERSION,
        "code": code_digest(),
        "fingerprint": fp,
        "blocks": len(blocks.index),
        "towns": [[c, n] for c, n in corpus.towns.items()],
        "stop_words": sorted({w for alias in corpus.aliases for w in words(alias)}),
    }
    home = top(corpus.towns)
    keys = closure(corpus.groups, home)
    finished = finish_groups(corpus.groups, corpus.ranks, keys, home)
    # The block index of a reused block is still right (same mentions, same
    # code): only recomputed blocks are filed again, unless the code changed.
    same_code = current and state is not None and state.get("code") == code_digest()
    refiled = {r.id for r in blocks.rows} if same_code else set(blocks.index)
    ix.save(
        [dataclasses.replace(r, digest=digests[aid]) for aid, r in rows.items()],
        blocks.rows,
        {b: keys for b, keys in blocks.index.items() if b in refiled},
        update.dropped,
        _entities(corpus),
        [(name, i) for name, ids in corpus.aliases.items() for i in ids],
        corpus.people,
        facts,
        new_state,
        clear=True,
        clear_index=not same_code,
        terms=_terms(articles, analyses, corpus),
        series=(corpus.groups, corpus.ranks, set(corpus.groups), finished),
        denials=(denials_json(corpus.answers, {f.id: f for f in corpus.facts}), ()),
    )
    log.info("%s", update.summary())
    return update


def _terms(
    articles: Sequence[Record], analyses: Mapping[str, Record], corpus: Corpus
) -> dict[str, set[str]]:
    """Every article's name terms (``fusion_terms``): what a new name may change."""
    facts = by_article(corpus.facts)
    ids = (str(a.get("id")) for a in articles)
    return {aid: article_terms(analyses.get(aid) or {}, facts.get(aid, [])) for aid in ids}


def _entities(corpus: Corpus) -> list[Entity]:
    return [
        Entity(i, name, corpus.countries[i], i in corpus.not_targets)
        for i, name in corpus.names.items()
    ]


def current_fusion(
    store: Store,
    articles: Sequence[Mapping[str, Any]],
    analyses: Mapping[str, Mapping[str, Any]],
) -> Fusion | None:
    """The persisted fusion when it matches ``articles`` and ``analyses``, else None.

    None also for stores without persisted fusion (or a broken state), so the
    caller falls back to a full :func:`crosswire.fusion.fuse`.
    """
    try:
        state = store.fusion_state()
        if state is None or state.get("version") != STATE_VERSION:
            return None
        if state.get("fingerprint") != fingerprint(articles, analyses):
            return None
        wanted = int(state["blocks"])
        rows = FusionIndex(cast(AnyStore, store)).state
        series, conflicts = rows.all_series()
        picture = Picture(
            series=[Series.from_json(x) for x in series],
            disputes=[Dispute.from_json(d) for d in [*conflicts, *rows.denial_disputes()]],
        )
        found = 0
        for _, _, data in store.iter_fusion_blocks():
            found += 1
            picture.events += [FusedEvent.from_json(e) for e in data["events"]]
            picture.disputes += [Dispute.from_json(d) for d in data["disputes"]]
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        log.warning("F202 persisted fusion unreadable, recomputing: %r", exc)
        return None
    if found != wanted:
        log.warning("F203 persisted fusion has %d blocks, not %d: recomputing", found, wanted)
        return None
    picture.finish()
    return picture.to_fusion()
