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
connected components of "shares a type key, an ISO week and a country" with
these wildcards: an unknown place or country joins every country of the week,
a mention with no date at all joins every week, and two towns of different
countries within ``place_radius_km`` are joined. Greedy clustering inside a
block then makes the same choices as over the whole corpus. With a non-zero
``date_window_days`` tolerance this no longer holds and everything is one block.

Corpus-wide parts (running-total series, denials, the entity index) are cheap
linear passes and are recomputed on every update; the state records a
fingerprint of the corpus (articles, analyses, fusion code and settings), and
:func:`current_fusion` only serves persisted results that match it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from crosswire.fusion import Corpus, Fusion, Picture, fuse_block, prepare_corpus
from crosswire.fusion.blocks import components
from crosswire.fusion.config import Record, stable_id
from crosswire.fusion.records import Dispute, FusedEvent, Mention, Series
from crosswire.model import article_record
from crosswire.store.base import Store

log = logging.getLogger(__name__)

__all__ = ["FusionUpdate", "current_fusion", "fingerprint", "update_fusion"]

# Bump when the persisted layout changes; code and settings changes are caught
# by the digest of the fusion sources below.
STATE_VERSION = 1
_CODE_FILES = (
    "__init__.py",
    "blocks.py",
    "candidates.py",
    "config.py",
    "disputes.py",
    "events.py",
    "figures.py",
    "figure_records.py",
    "follow_ups.py",
    "mentions.py",
    "place_relation.py",
    "records.py",
    "scenes.py",
    "sources.py",
    "totals.py",
)
_DATA_FILES = ("fusion.json", "event_taxonomy.json")  # settings and display names
_WILD = "*"


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
        )


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """Digest of the fusion code and settings: a change invalidates persisted state."""
    h = hashlib.sha1(f"state {STATE_VERSION}".encode())
    for data in _DATA_FILES:
        h.update((resources.files("crosswire") / "data" / data).read_bytes())
    for name in _CODE_FILES:
        h.update((resources.files("crosswire.fusion") / name).read_bytes())
    return h.hexdigest()


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode()).hexdigest()


def fingerprint(
    articles: Sequence[Mapping[str, Any]], analyses: Mapping[str, Mapping[str, Any]]
) -> str:
    """Digest of everything fusion reads: articles in order, their analyses, the code."""
    h = hashlib.sha1(_code_digest().encode())
    for a in articles:
        aid = str(a.get("id"))
        h.update(f"{aid}\0{_digest([a, analyses.get(aid)])}\n".encode())
    return h.hexdigest()


def _label(ms: Sequence[Mention]) -> str:
    """A readable block label: its countries and ISO weeks ("XN 2024-W10")."""
    countries = sorted({(m.place.country if m.place else None) or _WILD for m in ms})
    days = [d for m in ms for d in (m.lo, m.hi) if d is not None]
    if not days:
        return f"{'+'.join(countries)} undated"
    first, last = (
        f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}" for d in (min(days), max(days))
    )
    return f"{'+'.join(countries)} {first}" + (f"..{last}" if last != first else "")


def _block_key(
    corpus: Corpus, ms: Sequence[Mention], digests: Mapping[str, str], block_id: str
) -> str:
    """Digest of a block's inputs: its articles, the entities it looks up, the code."""
    aids = sorted({m.article for m in ms})
    ids: set[str] = set()
    for m in ms:
        ids |= m.actors | m.targets
    for n in corpus.negated:
        if n.article in aids:
            ids |= n.actors | n.targets
    for aid in aids:
        ids |= corpus.entity_ids.get(aid, set())
    entities = [
        (i, corpus.names.get(i), corpus.countries.get(i), i in corpus.not_targets)
        for i in sorted(ids)
    ]
    return _digest([_code_digest(), block_id, [(a, digests.get(a)) for a in aids], entities])


def _fuse_block(corpus: Corpus, ms: Sequence[Mention]) -> Record:
    """Events and event disputes of one block, as stored (JSON)."""
    picture = fuse_block(corpus, ms)
    return {
        "events": [e.to_json() for e in picture.events],
        "disputes": [d.to_json() for d in picture.disputes],
    }


# -- public --------------------------------------------------------------------
def _load(store: Store) -> tuple[list[Record], dict[str, Record]]:
    """Articles and analyses exactly as the export hands them to fuse."""
    articles = [article_record(a) for a in store.iter_articles()]
    analyses = {aid: data for aid, _, _, data in store.iter_analyses() if data}
    return articles, analyses


def update_fusion(store: Store, article_ids: Iterable[str] = ()) -> FusionUpdate:
    """Bring the persisted fusion up to date, recomputing only the blocks that changed.

    A block is recomputed when its inputs changed (new or re-analysed articles,
    regrouped wire families, new fusion code or settings) or when it holds one
    of ``article_ids``; other blocks are kept as stored. Nothing is done when
    the corpus fingerprint matches the stored state.
    """
    forced = set(article_ids)
    articles, analyses = _load(store)
    fp = fingerprint(articles, analyses)
    state = store.fusion_state()
    old_keys = store.fusion_block_keys()
    if state is not None and state.get("fingerprint") == fp and not forced:
        return FusionUpdate(fp, changed=False, blocks=len(old_keys))
    corpus = prepare_corpus(articles, analyses)
    digests = {str(a.get("id")): _digest([a, analyses.get(str(a.get("id")))]) for a in articles}
    update = FusionUpdate(fp, changed=True)
    fresh: list[tuple[str, str, str, Record]] = []
    block_ids: list[str] = []
    for idx in components(corpus.mentions):
        ms = [corpus.mentions[i] for i in idx]
        label = _label(ms)
        block_id = f"{label}#" + stable_id("b", [f"{m.article}:{m.index}" for m in ms])[2:]
        key = _block_key(corpus, ms, digests, block_id)
        block_ids.append(block_id)
        update.labels[block_id] = label
        if old_keys.get(block_id) == key and not forced & {m.article for m in ms}:
            update.reused += 1
            continue
        fresh.append((block_id, label, key, _fuse_block(corpus, ms)))
        update.recomputed.append(block_id)
    update.dropped = sorted(set(old_keys) - set(block_ids))
    update.blocks = len(block_ids)
    new_state = {
        "version": STATE_VERSION,
        "fingerprint": fp,
        "blocks": sorted(block_ids),
        "series": [x.to_json() for x in corpus.running],
        "disputes": [d.to_json() for d in corpus.global_disputes],
    }
    store.save_fusion(new_state, fresh, update.dropped)
    log.info("%s", update.summary())
    return update


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
        if state is None or state.get("fingerprint") != fingerprint(articles, analyses):
            return None
        wanted = set(state["blocks"])
        picture = Picture(
            series=[Series.from_json(x) for x in state["series"]],
            disputes=[Dispute.from_json(d) for d in state["disputes"]],
        )
        found = 0
        for block_id, _, data in store.iter_fusion_blocks():
            if block_id in wanted:
                found += 1
                picture.events += [FusedEvent.from_json(e) for e in data["events"]]
                picture.disputes += [Dispute.from_json(d) for d in data["disputes"]]
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        log.warning("F202 persisted fusion unreadable, recomputing: %r", exc)
        return None
    if found != len(wanted):
        log.warning("F203 persisted fusion misses %d blocks, recomputing", len(wanted) - found)
        return None
    picture.finish()
    return picture.to_fusion()
