"""What the persisted fusion stores: block ids, labels, input digests, index keys
and the corpus-wide state, computed the same way by a full fusion and by an
incremental update (:mod:`crosswire.fusion.incremental`, :mod:`crosswire.fusion.increment`).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from crosswire.fusion import Corpus, fuse_block
from crosswire.fusion.blocks import SEP, components, index_keys
from crosswire.fusion.config import Record, stable_id
from crosswire.fusion.denials import Best, ClaimFacts, denial_dispute
from crosswire.fusion.increment_state import groups_from, groups_json  # noqa: F401 (API)
from crosswire.fusion.increment_store import BlockRow
from crosswire.fusion.records import Mention

__all__ = [
    "STATE_VERSION",
    "Blocks",
    "code_digest",
    "digest",
    "extend_fingerprint",
    "fuse_blocks",
]

# Bump when the persisted layout changes; code and settings changes are caught
# by the digest of the fusion sources below.
STATE_VERSION = 4  # 3: fusion_terms (migration 11); 4: state rows (migration 14)
_CODE_FILES = (
    "__init__.py",
    "blocks.py",
    "candidates.py",
    "config.py",
    "denials.py",
    "disputes.py",
    "events.py",
    "figures.py",
    "figure_records.py",
    "follow_ups.py",
    "increment.py",
    "increment_claims.py",
    "increment_names.py",
    "increment_state.py",
    "increment_store.py",
    "mentions.py",
    "persist.py",
    "place_relation.py",
    "rare.py",
    "records.py",
    "scenes.py",
    "series.py",
    "sources.py",
    "totals.py",
)
_DATA_FILES = ("fusion.json", "event_taxonomy.json")  # settings and display names
_WILD = "*"


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of the fusion code and settings: a change invalidates persisted state."""
    h = hashlib.sha1(f"state {STATE_VERSION}".encode())
    for data in _DATA_FILES:
        h.update((resources.files("crosswire") / "data" / data).read_bytes())
    for name in _CODE_FILES:
        h.update((resources.files("crosswire.fusion") / name).read_bytes())
    return h.hexdigest()


def digest(value: Any) -> str:
    """SHA-1 of a JSON-ready value (keys sorted)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode()).hexdigest()


def fingerprint_of(rows: Sequence[tuple[str, str]]) -> str:
    """The corpus fingerprint from (article id, digest of article and analysis) in
    corpus order: a chain (:func:`extend_fingerprint`), so articles appended after
    every fused one extend it without reading the others."""
    return extend_fingerprint(hashlib.sha1(code_digest().encode()).hexdigest(), rows)


def extend_fingerprint(fp: str, rows: Sequence[tuple[str, str]]) -> str:
    """The fingerprint of a corpus of fingerprint ``fp`` followed by ``rows``."""
    for aid, d in rows:
        fp = hashlib.sha1(f"{fp}\0{aid}\0{d}".encode()).hexdigest()
    return fp


def label(ms: Sequence[Mention]) -> str:
    """A readable block label: its countries and ISO weeks ("XN 2024-W10")."""
    countries = sorted({(m.place.country if m.place else None) or _WILD for m in ms})
    days = [d for m in ms for d in (m.lo, m.hi) if d is not None]
    if not days:
        return f"{'+'.join(countries)} undated"
    first, last = (
        f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}" for d in (min(days), max(days))
    )
    return f"{'+'.join(countries)} {first}" + (f"..{last}" if last != first else "")


def block_key(
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
    return digest([code_digest(), block_id, [(a, digests.get(a)) for a in aids], entities])


def member(article: str, index: int) -> str:
    """The index key naming one mention of a block (its article and event index)."""
    return f"m{SEP}{article}{SEP}{index}"


@dataclass
class Blocks:
    """The blocks of some mentions: rows to write, index keys, ids and labels."""

    rows: list[BlockRow] = field(default_factory=list)
    index: dict[str, frozenset[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    reused: int = 0


def fuse_blocks(
    corpus: Corpus,
    mentions: Sequence[Mention],
    digests: Mapping[str, str],
    old_keys: Mapping[str, str],
    forced: Collection[str] = (),
) -> Blocks:
    """Split ``mentions`` into blocks and fuse those whose inputs changed (or that
    hold a ``forced`` article); the others are reused as stored."""
    out = Blocks()
    for idx in components(mentions):
        ms = [mentions[i] for i in idx]
        name = label(ms)
        block_id = f"{name}#" + stable_id("b", [f"{m.article}:{m.index}" for m in ms])[2:]
        key = block_key(corpus, ms, digests, block_id)
        out.labels[block_id] = name
        keys: set[str] = set()
        for m in ms:
            keys |= index_keys(m, m.named) | {member(m.article, m.index)}
        out.index[block_id] = frozenset(keys)
        if old_keys.get(block_id) == key and not set(forced) & {m.article for m in ms}:
            out.reused += 1
            continue
        picture = fuse_block(corpus, ms)
        data: Record = {
            "events": [e.to_json() for e in picture.events],
            "disputes": [d.to_json() for d in picture.disputes],
        }
        out.rows.append(BlockRow(block_id, name, key, data))
    return out


# -- the corpus-wide state ---------------------------------------------------------
def denials_json(answers: Mapping[str, Best], facts: Mapping[str, ClaimFacts]) -> Record:
    """Denial id -> its best score and dispute (state JSON)."""
    return {
        d: {"score": list(score), "dispute": denial_dispute(facts[d], a, shared).to_json()}
        for d, (score, a, shared) in answers.items()
    }
