"""Cross-source fusion: merged events, independent sources, figures, series, disputes.

``fuse(articles, analyses)`` takes stored articles (plain dicts: id, outlet,
published, family, version, title, text) and their analysis records (the
shape of :func:`crosswire.analyze.serialize.analysis_record` plus ``events``)
and returns a :class:`Fusion`. Every rule is documented in ``docs/fusion.md``.
Bad records are skipped with a log line, never raised.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from crosswire.datafiles import read_json
from crosswire.fusion import disputes as _disputes
from crosswire.fusion.config import Record, stable_id
from crosswire.fusion.events import Cluster, Mention, cluster, read_mentions
from crosswire.fusion.figures import reconcile, series
from crosswire.fusion.sources import attribution, claimant_name, independent_count, origin_of

log = logging.getLogger(__name__)

_NOT_TARGET_TYPES = frozenset(
    {"state", "person", "state_body", "media", "international", "monitor", "weapon", "platform"}
)

__all__ = ["Fusion", "fuse"]


@dataclass
class Fusion:
    """The fused picture: events, disputes and running-total series (JSON-ready dicts)."""

    events: list[Record] = field(default_factory=list)
    disputes: list[Record] = field(default_factory=list)
    series: list[Record] = field(default_factory=list)


def _entity_index(
    analyses: Mapping[str, Mapping[str, Any]],
) -> tuple[dict[str, Record], dict[str, set[str]]]:
    """Entities by id (first record wins) and entity ids by lower-case name/alias."""
    index: dict[str, Record] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for analysis in analyses.values():
        for e in analysis.get("entities") or []:
            if not isinstance(e, dict) or "id" not in e:
                continue
            index.setdefault(e["id"], e)
            for name in [e.get("name"), *(e.get("aliases") or [])]:
                if name:
                    aliases[str(name).casefold()].add(e["id"])
    return index, aliases


@functools.lru_cache(maxsize=1)
def _taxonomy_rows() -> tuple[dict[str, Any], ...]:
    """The event taxonomy's subtype rows (read once)."""
    return tuple(read_json("event_taxonomy.json")["subtypes"])


@functools.lru_cache(maxsize=1)
def _taxonomy_names() -> dict[str, str]:
    """Casefolded -> canonical spelling of the event taxonomy's types and subtypes."""
    names: dict[str, str] = {}
    for row in _taxonomy_rows():
        for key in ("type", "subtype"):
            names[row[key].casefold()] = row[key]
    return names


@functools.lru_cache(maxsize=1)
def _priorities() -> dict[str, int]:
    return {row["subtype"].casefold(): int(row.get("priority", 0)) for row in _taxonomy_rows()}


def _priority(subtype: str | None) -> int:
    return _priorities().get((subtype or "").casefold(), 0)


def _display_name(name: str) -> str:
    """Event types are compared casefolded but exported as the taxonomy spells them."""
    return _taxonomy_names().get(name, name)


def _event(c: Cluster, numbers: list[Record], claim_ids: set[str]) -> Record:
    """The public dict of one fused event."""
    ms = sorted(c.mentions, key=lambda m: (m.article, m.start, m.end))
    labels = Counter((m.type, m.subtype) for m in ms)
    # The most reported label wins; on a tie the more specific one ("Government
    # regains territory" over "Armed clash"), by the taxonomy's priority; then
    # the first in mention order, as max() over the mention list did.
    key = max(labels, key=lambda k: (labels[k], _priority(k[1])))
    dated = sorted((m for m in ms if m.date), key=lambda m: (m.hi - m.lo) if m.lo and m.hi else 0)
    place = None
    if c.place is not None:
        place = {
            k: c.place.get(k) for k in ("name", "lat", "lon", "country", "admin1", "precision")
        }
        # additive: the article's form of the name ("Hama"), shown before the gazetteer's
        place["surface"] = c.place.get("surface") or c.place.get("text") or place["name"]
    claimants = sorted({m.claimant for m in ms if m.claimant})
    return {
        "id": stable_id("event", [f"{m.article}:{m.start}:{m.end}" for m in ms]),
        "type": _display_name(key[0]),
        "subtype": _display_name(key[1]) if key[1] else None,
        "date": dated[0].date if dated else (c.lo.isoformat() if c.lo and c.lo == c.hi else None),
        "date_precision": dated[0].precision if dated else None,
        "place": place,
        "actors": sorted(c.actors),
        "targets": sorted(c.targets),
        "numbers": numbers,
        "mentions": [{"article": m.article, "start": m.start, "end": m.end} for m in ms],
        "sources": sorted({m.outlet for m in ms if m.outlet}),
        "independent_sources": independent_count(m.origin for m in ms),
        "origins": sorted({m.origin for m in ms}),
        "claimants": claimants,
        "claims": sorted(claim_ids),
    }


@dataclass
class Corpus:
    """What fuse computes over the whole corpus before clustering."""

    names: dict[str, str]
    not_targets: set[str]
    countries: dict[str, str]
    mentions: list[Mention]
    negated: list[Mention]
    used: set[tuple[str, int, int]]
    running: list[Record]
    global_disputes: list[Record]
    by_id: dict[str, _disputes.ClaimRef]
    by_article: dict[str, list[_disputes.ClaimRef]]
    entity_ids: dict[str, set[str]]


def prepare_corpus(
    articles: Sequence[Mapping[str, Any]], analyses: Mapping[str, Mapping[str, Any]]
) -> Corpus:
    """The corpus-wide half of :func:`crosswire.fusion.fuse`, step for step."""
    good = [a for a in articles if isinstance(a, Mapping) and a.get("id") is not None]
    if len(good) < len(articles):
        log.warning("F101 skipped %d article records without an id", len(articles) - len(good))
    origins = {str(a["id"]): origin_of(a) for a in good}
    index, aliases = _entity_index(analyses)
    names = {i: str(e.get("name") or i) for i, e in index.items()}
    not_targets = {i for i, e in index.items() if e.get("type") in _NOT_TARGET_TYPES}
    countries = {i: str((e.get("affiliation") or {}).get("country") or i) for i, e in index.items()}

    def attribute(
        aid: str, start: int, end: int, at: int | None = None
    ) -> tuple[str | None, str | None]:
        return attribution(aid, analyses.get(aid) or {}, start, end, at)

    mentions: list[Mention] = []
    entity_ids: dict[str, set[str]] = {}
    for a in good:
        aid = str(a["id"])
        analysis = analyses.get(aid) or {}
        mentions += read_mentions(
            a, analysis, origins[aid], lambda s, e, at, aid=aid: attribute(aid, s, e, at)
        )
        entity_ids[aid] = {
            str(e["id"])
            for e in analysis.get("entities") or []
            if isinstance(e, dict) and "id" in e
        }
    running, used, series_conflicts = series(good, analyses, origins, attribute, set(aliases))
    refs = _disputes.claim_refs(good, analyses, claimant_name)
    by_article: dict[str, list[_disputes.ClaimRef]] = defaultdict(list)
    for r in refs:
        by_article[r.article].append(r)
    global_disputes = [_disputes.conflicting(w, x, y, None) for w, x, y in series_conflicts]
    global_disputes += _disputes.denials(refs, index, aliases)
    return Corpus(
        names=names,
        not_targets=not_targets,
        countries=countries,
        mentions=[m for m in mentions if not m.negated],
        negated=[m for m in mentions if m.negated],
        used=used,
        running=running,
        global_disputes=global_disputes,
        by_id={r.id: r for r in refs},
        by_article=by_article,
        entity_ids=entity_ids,
    )


def fuse(
    articles: Sequence[Mapping[str, Any]], analyses: Mapping[str, Mapping[str, Any]]
) -> Fusion:
    """Merge event mentions across articles and reconcile what sources say about them."""
    corpus = prepare_corpus(articles, analyses)
    fusion = Fusion(series=corpus.running)
    for c in cluster(corpus.mentions, corpus.countries):
        numbers, conflicts = reconcile(c.mentions, corpus.used)
        claim_ids = {m.claim for m in c.mentions if m.claim}
        event = _event(c, numbers, claim_ids)
        fusion.events.append(event)
        contested = _disputes.contested_targets(
            event["id"],
            c,
            corpus.by_id,
            corpus.by_article,
            corpus.negated,
            corpus.names,
            corpus.not_targets,
        )
        if contested is not None:
            fusion.disputes.append(contested)
        fusion.disputes += [_disputes.conflicting(w, x, y, event["id"]) for w, x, y in conflicts]
    fusion.disputes += corpus.global_disputes
    _link_disputes(fusion)
    fusion.events.sort(key=lambda e: (e["date"] or "", e["id"]))
    fusion.disputes.sort(key=lambda d: (d["kind"], d["id"]))
    return fusion


def _link_disputes(fusion: Fusion) -> None:
    """Give denials the events whose claims they touch."""
    by_claim: dict[str, set[str]] = defaultdict(set)
    for e in fusion.events:
        for cid in e["claims"]:
            by_claim[cid].add(e["id"])
    for d in fusion.disputes:
        linked = set(d["events"]).union(*(by_claim.get(c, set()) for c in d["claims"]))
        d["events"] = sorted(linked)
