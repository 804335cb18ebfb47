"""Cross-source fusion: merged events, independent sources, figures, series, disputes.

``fuse(articles, analyses)`` takes stored articles (plain dicts: id, outlet,
published, family, version, title, text) and their analysis records (the
shape of :func:`crosswire.analyze.serialize.analysis_record` plus ``events``)
and returns a :class:`Fusion`. Every rule is documented in ``docs/fusion.md``.
Bad records are skipped with a log line, never raised.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from crosswire.datafiles import read_json
from crosswire.fusion import disputes as _disputes
from crosswire.fusion import series as _series
from crosswire.fusion.config import Record, stable_id
from crosswire.fusion.denials import Best, ClaimFacts, denial_dispute
from crosswire.fusion.events import Cluster, cluster, read_mentions
from crosswire.fusion.figures import reconcile
from crosswire.fusion.follow_ups import follow_up_links
from crosswire.fusion.place_vote import event_place
from crosswire.fusion.rare import keep_rare_people
from crosswire.fusion.records import (
    Dispute,
    Figure,
    FusedEvent,
    Mention,
    MentionRef,
    MergeReason,
    Series,
)
from crosswire.fusion.sources import attribution, claimant_name, independent_count, origin_of

log = logging.getLogger(__name__)

_NOT_TARGET_TYPES = frozenset(
    {"state", "person", "state_body", "media", "international", "monitor", "weapon", "platform"}
)

__all__ = ["Fusion", "Picture", "fuse", "fuse_picture"]


@dataclass
class Fusion:
    """The fused picture as JSON-ready dicts: the form the store, export and API take."""

    events: list[Record] = field(default_factory=list)
    disputes: list[Record] = field(default_factory=list)
    series: list[Record] = field(default_factory=list)


@dataclass
class Picture:
    """The fused picture as typed records: events, disputes, running-total series."""

    events: list[FusedEvent] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)

    def finish(self) -> None:
        """Link denials to the events whose claims they touch; sort for a stable export."""
        by_claim: dict[str, set[str]] = defaultdict(set)
        for e in self.events:
            for cid in e.claims:
                by_claim[cid].add(e.id)
        for d in self.disputes:
            linked = set(d.events).union(*(by_claim.get(c, set()) for c in d.claims))
            d.events = sorted(linked)
        self.events.sort(key=lambda e: (e.date or "", e.id))
        self.disputes.sort(key=lambda d: (d.kind, d.id))

    def to_fusion(self) -> Fusion:
        """The JSON-ready form (the export's ``events``, ``disputes``, ``series``)."""
        return Fusion(
            events=[e.to_json() for e in self.events],
            disputes=[d.to_json() for d in self.disputes],
            series=[s.to_json() for s in self.series],
        )


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


def _date_votes(ms: Sequence[Mention]) -> Counter[str | None]:
    """Articles per date: an article votes with its main mention's stated date when
    the event holds one ("a boy who shot himself early Tuesday"), else with each of
    its mentions' dates (a side sentence's "last Saturday" is no second opinion; a
    follow-up whose main mention states no day votes with the day it recalls)."""
    mains = {m.article for m in ms if m.role == "main" and m.date and m.precision != "unknown"}
    given = {
        (m.article, m.date)
        for m in ms
        if m.date and m.precision != "unknown" and (m.role == "main" or m.article not in mains)
    }
    return Counter(d for _, d in given)


def _event(
    c: Cluster,
    numbers: list[Figure],
    claim_ids: set[str],
    follow_ups: Sequence[tuple[Mention, list[str]]] = (),
) -> FusedEvent:
    """One fused event from its cluster."""
    ms = sorted(c.mentions, key=lambda m: (m.article, m.start, m.end))
    labels = Counter((m.type, m.subtype) for m in ms)
    # The most reported label wins; on a tie the more specific one ("Government
    # regains territory" over "Armed clash"), by the taxonomy's priority; then
    # the first in mention order, as max() over the mention list did.
    key = max(labels, key=lambda k: (labels[k], _priority(k[1])))
    # The narrowest date: a publication day standing in for a date (its lookback
    # window wide) loses to a day the text gives, wins over a month or a year.
    # Among equally narrow dates, the one most articles give, then the earliest: a
    # later report's own day (a hearing, a death in hospital) is not the incident's.
    # A publication day standing in for a date is given by no article.
    votes = _date_votes(ms)
    # The incident happened by the day its first report appeared: a later report's
    # day after that (charges announced, a ruling) is no day of it.
    first = min((m.published for m in ms if m.published is not None), default=None)
    possible = [m for m in ms if m.date and (first is None or m.lo is None or m.lo <= first)]
    dated = sorted(
        possible or [m for m in ms if m.date],
        key=lambda m: ((m.hi - m.lo) if m.lo and m.hi else dt.timedelta(0), -votes[m.date], m.lo),
    )
    claimants = sorted({m.claimant for m in ms if m.claimant})
    return FusedEvent(
        # Mention spans are sentences: two events of one sentence share a span, so the
        # mention's place in its article's event list keeps ids unique.
        id=stable_id("event", [f"{m.article}:{m.start}:{m.end}:{m.index}" for m in ms]),
        type=_display_name(key[0]),
        subtype=_display_name(key[1]) if key[1] else None,
        date=dated[0].date if dated else (c.lo.isoformat() if c.lo and c.lo == c.hi else None),
        # "document": no text dates it, the publication day stands in (docs/events.md;
        # ACLED time_precision 2)
        date_precision=(dated[0].precision if dated[0].precision != "unknown" else "document")
        if dated
        else None,
        place=event_place(c, ms),
        actors=sorted(c.actors),
        targets=sorted(c.targets),
        numbers=numbers,
        mentions=[MentionRef(m.article, m.start, m.end, m.role) for m in ms],
        main=any(m.role == "main" for m in ms),
        accidental=_accidental(ms),
        sources=sorted({m.outlet for m in ms if m.outlet}),
        independent_sources=independent_count(m.origin for m in ms),
        origins=sorted({m.origin for m in ms}),
        claimants=claimants,
        claims=sorted(claim_ids),
        merged=[
            MergeReason(m.article, m.start, m.end, m.trigger, keys)
            for m, keys in sorted(c.why, key=lambda w: (w[0].article, w[0].start, w[0].end))
        ],
        follow_ups=[
            MergeReason(m.article, m.start, m.end, m.trigger, keys)
            for m, keys in sorted(follow_ups, key=lambda w: (w[0].article, w[0].start, w[0].end))
        ],
    )


@dataclass
class Corpus:
    """What fuse computes over the whole corpus before clustering."""

    names: dict[str, str]
    not_targets: set[str]
    countries: dict[str, str]
    mentions: list[Mention]
    negated: list[Mention]
    used: set[tuple[str, int, int]]
    running: list[Series]
    global_disputes: list[Dispute]
    by_id: dict[str, _disputes.ClaimRef]
    by_article: dict[str, list[_disputes.ClaimRef]]
    entity_ids: dict[str, set[str]]
    # What the incremental update stores to extend the corpus-wide parts later
    # (crosswire.fusion.increment): names, people counts, series groups, claims.
    aliases: dict[str, set[str]] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)
    groups: _series.Groups = field(default_factory=dict)
    ranks: _series.Ranks = field(default_factory=dict)
    towns: Counter[str] = field(default_factory=Counter)
    facts: list[ClaimFacts] = field(default_factory=list)
    answers: dict[str, Best] = field(default_factory=dict)
    _negated_at: dict[str, list[int]] | None = field(default=None, repr=False)

    def negated_in(self, articles: set[str]) -> list[Mention]:
        """Negated mentions of ``articles``, in corpus order: a block looks up its
        own (scanning every one for every event grew with the square of the store)."""
        if self._negated_at is None:
            self._negated_at = defaultdict(list)
            for i, m in enumerate(self.negated):
                self._negated_at[m.article].append(i)
        at = sorted(i for a in articles for i in self._negated_at.get(a, ()))
        return [self.negated[i] for i in at]


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
        mentions += read_mentions(a, analysis, origins[aid], functools.partial(attribute, aid))
        entity_ids[aid] = {
            str(e["id"])
            for e in analysis.get("entities") or []
            if isinstance(e, dict) and "id" in e
        }
    people = keep_rare_people(mentions)
    actor_names = set(aliases)
    groups: _series.Groups = defaultdict(dict)
    ranks: _series.Ranks = {}
    used: set[tuple[str, int, int]] = set()
    for a in good:
        aid = str(a["id"])
        found = _series.candidates(a, analyses.get(aid) or {}, origins[aid], attribute, actor_names)
        used |= {(aid, p.start, p.end) for _, _, _, p, _ in found}
        _series.merge(groups, ranks, found)
    towns = _series.theatre_counts(analyses.values(), actor_names)
    running, series_conflicts = _series.finish(groups, _series.top(towns))
    refs = _disputes.claim_refs(good, analyses, claimant_name)
    by_article: dict[str, list[_disputes.ClaimRef]] = defaultdict(list)
    for r in refs:
        by_article[r.article].append(r)
    facts = _disputes.claim_facts(refs, index, aliases)
    global_disputes = [_disputes.conflicting(w, x, y, None) for w, x, y in series_conflicts]
    answers = _disputes.denial_links(facts)
    by_id = {f.id: f for f in facts}
    global_disputes += [denial_dispute(by_id[d], a, sh) for d, (_, a, sh) in answers.items()]
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
        aliases=aliases,
        people=people,
        groups=groups,
        ranks=ranks,
        towns=towns,
        facts=facts,
        answers=answers,
    )


def fuse_block(corpus: Corpus, mentions: Sequence[Mention]) -> Picture:
    """Events and event disputes of ``mentions`` (all of the corpus, or one block)."""
    picture = Picture()
    clusters = cluster(mentions, corpus.countries)
    follow_ups = follow_up_links(clusters, mentions)
    negated = corpus.negated_in({m.article for m in mentions})
    for c in clusters:
        numbers, conflicts = reconcile(c.mentions, corpus.used)
        claim_ids = {m.claim for m in c.mentions if m.claim}
        event = _event(c, numbers, claim_ids, follow_ups.get(id(c), ()))
        picture.events.append(event)
        contested = _disputes.contested_targets(
            event.id,
            c,
            corpus.by_id,
            corpus.by_article,
            negated,
            corpus.names,
            corpus.not_targets,
        )
        if contested is not None:
            picture.disputes.append(contested)
        picture.disputes += [_disputes.conflicting(w, x, y, event.id) for w, x, y in conflicts]
    return picture


def fuse_picture(
    articles: Sequence[Mapping[str, Any]], analyses: Mapping[str, Mapping[str, Any]]
) -> Picture:
    """Merge event mentions across articles and reconcile what sources say (typed)."""
    corpus = prepare_corpus(articles, analyses)
    picture = fuse_block(corpus, corpus.mentions)
    picture.series = corpus.running
    picture.disputes += corpus.global_disputes
    picture.finish()
    return picture


def fuse(
    articles: Sequence[Mapping[str, Any]], analyses: Mapping[str, Mapping[str, Any]]
) -> Fusion:
    """Merge event mentions across articles and reconcile what sources say about them
    (the JSON-ready form of :func:`fuse_picture`)."""
    return fuse_picture(articles, analyses).to_fusion()


def _accidental(ms: Sequence[Mention]) -> bool:
    """At least half of the event's articles call it accidental: one outlet's
    "accidental" (or a police statement it repeats) does not recode an incident
    the others report as an attack, and a gun-violence count keeps it either way."""
    flagged = {m.article for m in ms if m.accidental}
    return bool(flagged) and 2 * len(flagged) >= len({m.article for m in ms})
