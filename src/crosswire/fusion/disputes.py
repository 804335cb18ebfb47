"""Disputes: denials linked to what they deny, contested targets, conflicting figures.

Rules (reasons in ``docs/fusion.md``):

* **denial** – a claim of kind ``denial``/``rejection`` answers an earlier or
  same-day claim (within ``denial_window_days``) when (1) the denier is the
  accused party: the denier's entity, or its affiliation country, is the
  accusation's target ("accused Moscow of ...") or an actor named in the
  accused content, and (2) the two contents share at least
  ``denial_min_overlap`` content-word stems ("civilians", "killed"). The best
  match (most shared stems, then same article) is linked;
* **contested_target** – inside one fused event, two claimants name what was
  hit differently: one asserts a target the other negates ("not in IS
  territory"), or both assert targets with no entity in common;
* **conflicting_figures** – same slot, different origins, same day, ranges
  that do not overlap (found by :mod:`crosswire.fusion.figures`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.fusion.config import (
    Record,
    parse_day,
    settings,
    stable_id,
    words,
)
from crosswire.fusion.denials import (
    Best,
    ClaimFacts,
    best_answers,
    denial_dispute,
    facts_of,
    is_answerable,
    is_denial,
    stop_set,
)
from crosswire.fusion.events import Cluster
from crosswire.fusion.records import Dispute, DisputeSide, FigureSource, Mention, SeriesPoint
from crosswire.model import claim_id


@dataclass
class ClaimRef:
    """A claim with the context the dispute rules need."""

    id: str
    article: str
    published: dt.date | None
    claim: Record
    claimant: str | None
    entities: list[Record]  # the article's entities

    def side(self) -> DisputeSide:
        """The claim as one side of a dispute."""
        return DisputeSide(
            claimant=self.claimant,
            claim=self.id,
            article=self.article,
            start=self.claim.get("start"),
            end=self.claim.get("end"),
            text=self.claim.get("text"),
        )

    def content_entities(self) -> frozenset[str]:
        """Entity ids mentioned inside the claim's content (computed once per claim:
        the dispute rules ask for every claim of an article, event after event)."""
        return self._content_entities

    @functools.cached_property
    def _content_entities(self) -> frozenset[str]:
        lo, hi = self.claim.get("content_start", 0), self.claim.get("content_end", -1)
        return frozenset(
            e["id"]
            for e in self.entities
            for s, t in e.get("mentions") or []
            if lo <= s and t <= hi
        )


def _dispute(kind: str, sides: list[DisputeSide], note: str, events: Sequence[str] = ()) -> Dispute:
    claims = sorted({str(s.claim) for s in sides if s.claim})
    keys = [kind] + claims + [f"{s.article}:{s.start}:{s.end}" for s in sides]
    return Dispute(stable_id("dispute", keys), kind, claims, sides, note, sorted(events))


def denials(
    refs: Sequence[ClaimRef], index: Mapping[str, Record], aliases: Mapping[str, set[str]]
) -> list[Dispute]:
    """Link each denial/rejection to the claim it answers (see module docstring)."""
    facts = claim_facts(refs, index, aliases)
    by_id = {f.id: f for f in facts}
    return [
        denial_dispute(by_id[d], a, shared) for d, (_, a, shared) in denial_links(facts).items()
    ]


def claim_facts(
    refs: Sequence[ClaimRef], index: Mapping[str, Record], aliases: Mapping[str, set[str]]
) -> list[ClaimFacts]:
    """Facts of every claim, positioned by (article order, claim order)."""
    stop = stop_set(aliases)
    order: dict[str, int] = {}
    out = []
    for i, r in enumerate(refs):
        pos = (order.setdefault(r.article, len(order)), i)
        out.append(facts_of(r, pos, index, aliases, stop))
    return out


def denial_links(facts: Sequence[ClaimFacts]) -> dict[str, Best]:
    """Denial id -> (score, claim it answers, shared stems) for every linked
    denial, in corpus order."""
    deny = [f for f in facts if is_denial(f)]
    return best_answers(deny, [f for f in facts if is_answerable(f)])


def _negates(ref: ClaimRef) -> bool:
    """Whether a claim says a target was not hit. A negation inside a refutation
    ("rumours that the target was not IS positions are unfounded") cancels out."""
    cfg = settings()
    found = set(words(str(ref.claim.get("text") or "")))
    negated = bool(found & set(cfg["negation_words"]))
    refuted = bool(found & set(cfg.get("refutation_words", ())))
    return negated != refuted


def contested_targets(
    event_id: str,
    c: Cluster,
    refs: Mapping[str, ClaimRef],
    by_article: Mapping[str, list[ClaimRef]],
    negated: Sequence[Mention],
    names: Mapping[str, str] | None = None,
    not_targets: set[str] | None = None,
) -> Dispute | None:
    """A contested_target dispute for one fused event, or None.

    ``names`` maps entity ids to display names for the note; ``hittable``, when
    given, removes entity ids that cannot be "what was hit" (states, people,
    ministries, media: a claim that merely names Russia does not contest the target)."""

    def show(ids: set[str]) -> str:
        return ", ".join(sorted((names or {}).get(i, i) for i in ids))

    asserts: dict[str, tuple[set[str], ClaimRef]] = {}
    for m in c.mentions:
        if m.claim is not None and m.claim in refs and m.targets and m.claimant:
            held = asserts.setdefault(m.claimant, (set(), refs[m.claim]))
            held[0].update(set(m.targets) - (not_targets or set()))
    asserts = {k: v for k, v in asserts.items() if v[0]}
    all_targets = set().union(*(t for t, _ in asserts.values())) if asserts else set()
    denies: dict[str, tuple[set[str], ClaimRef]] = {}
    for article in sorted({m.article for m in c.mentions}):
        for ref in by_article.get(article, []):
            hit = ref.content_entities() & all_targets
            if hit and ref.claimant and _negates(ref):
                denies.setdefault(ref.claimant, (set(), ref))[0].update(hit)
    articles = {x.article for x in c.mentions}
    for m in negated:
        if (
            m.article in articles
            and m.targets & all_targets
            and m.claim is not None
            and m.claim in refs
        ):
            denies.setdefault(m.claimant or "", (set(), refs[m.claim]))[0].update(
                m.targets & all_targets
            )
    pairs: list[tuple[ClaimRef, ClaimRef, str]] = []
    for name, (targets, ref) in sorted(asserts.items()):
        for other, (negs, nref) in sorted(denies.items()):
            if other != name and targets & negs:
                pairs.append(
                    (
                        ref,
                        nref,
                        f"{other} disputes that {show(targets & negs)} was hit",
                    )
                )
        for other, (others, oref) in sorted(asserts.items()):
            if other > name and not targets & others:
                pairs.append(
                    (
                        ref,
                        oref,
                        f"{name} names {show(targets)}; {other} names {show(others)}",
                    )
                )
    if not pairs:
        return None
    sides: dict[str, DisputeSide] = {}
    for a, b, _ in pairs:
        sides.setdefault(a.id, a.side())
        sides.setdefault(b.id, b.side())
    return _dispute(
        "contested_target", list(sides.values()), "; ".join(p[2] for p in pairs), [event_id]
    )


def conflicting(
    what: str,
    a: FigureSource | SeriesPoint,
    b: FigureSource | SeriesPoint,
    event_id: str | None,
) -> Dispute:
    """A conflicting_figures dispute from two same-day reports of one slot."""
    sides = [DisputeSide(r.claimant, r.claim, r.article, r.start, r.end, r.text) for r in (a, b)]
    note = (
        f"{what}: {a.text} ({a.claimant or a.outlet}) vs "
        f"{b.text} ({b.claimant or b.outlet}) on {a.published}"
    )
    return _dispute("conflicting_figures", sides, note, [event_id] if event_id else [])


def claim_refs(
    articles: Sequence[Mapping[str, Any]],
    analyses: Mapping[str, Mapping[str, Any]],
    claimant: Any,
) -> list[ClaimRef]:
    """Every claim of the corpus as a :class:`ClaimRef`."""
    out = []
    seen: set[str] = set()
    for article in articles:
        aid = str(article.get("id"))
        analysis = analyses.get(aid) or {}
        entities = [e for e in analysis.get("entities") or [] if isinstance(e, dict) and "id" in e]
        for c in analysis.get("claims") or []:
            if not isinstance(c, dict) or "start" not in c or "end" not in c:
                continue
            cid = claim_id(aid, c["start"], c["end"])
            if cid in seen:
                # Analyses stored before one claim per span was the rule may
                # hold two claims over one span: one id, so the first stands.
                continue
            seen.add(cid)
            out.append(
                ClaimRef(
                    cid,
                    aid,
                    parse_day(article.get("published")),
                    c,
                    claimant(c, {e["id"]: e for e in entities}),
                    entities,
                )
            )
    return out
