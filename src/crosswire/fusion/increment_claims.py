"""The denial rule in an incremental update: new claims against the stored ones.

A new denial is compared with the stored claims of its date window, a stored
denial with the new claims, keeping its stored best unless a new one scores
higher (ties go to the earlier claim). Fused claims a new entity name changes
(:mod:`crosswire.fusion.increment_names`) get their facts again, and the denials
they may answer or be are linked again over their whole window. Stored facts
keep the stems they were filed with: a stop stem added since is dropped when they
are read (:class:`Claims`), as a full fusion's ``stop_set`` would have.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from crosswire.fusion import disputes as _disputes
from crosswire.fusion.config import Record, settings
from crosswire.fusion.denials import (
    Best,
    ClaimFacts,
    best_answers,
    facts_of,
    is_answerable,
    is_denial,
    stop_set,
)
from crosswire.fusion.increment_names import NameChange
from crosswire.fusion.increment_store import Entity, FusionIndex
from crosswire.fusion.persist import denials_json
from crosswire.fusion.sources import claimant_name

__all__ = ["Claims"]


def _day(value: dt.date, days: int = 0) -> str:
    return (value + dt.timedelta(days=days)).isoformat()


def _window(
    dates: Sequence[dt.date | None], back: int, ahead: int
) -> tuple[str | None, str | None]:
    """The published-date range to read stored claims in; (None, None) = all of them
    (an undated claim is in every window)."""
    if not dates or any(d is None for d in dates):
        return None, None
    known = [d for d in dates if d is not None]
    return _day(min(known), -back), _day(max(known), ahead)


class Claims:
    """One update's claims: facts of the new (and name-changed) claims, denial links."""

    def __init__(
        self,
        ix: FusionIndex,
        state: Record,
        seq: Mapping[str, int],
        analyses: Mapping[str, Record],
        entities: Callable[[set[str]], Mapping[str, Entity]],
        change: NameChange,
    ) -> None:
        self.ix, self.state, self.seq, self.analyses = ix, state, seq, analyses
        self.entities, self.change = entities, change
        self.stop = stop_set([*state["stop_words"], *change.words])
        self.changed: dict[str, ClaimFacts] = {}  # stored claims with new facts

    def _facts(self, articles: Sequence[Record]) -> list[ClaimFacts]:
        """Facts of every claim of ``articles`` with the names as they are now."""
        refs = _disputes.claim_refs(articles, self.analyses, claimant_name)
        texts = {
            str(t).casefold()
            for r in refs
            for t in (r.claim.get("speaker_resolved_text"), r.claim.get("target_text"))
            if t
        }
        aliases = self.ix.names(texts)
        for name, ids in self.change.pairs.items():
            if name in texts:
                aliases.setdefault(name, set()).update(ids)
        ids = {str(r.claim["speaker"]) for r in refs if r.claim.get("speaker")}
        ids |= set().union(*aliases.values()) if aliases else set()
        ids |= {str(e["id"]) for r in refs for e in r.entities}
        rows = self.entities(ids)
        index = {i: {"affiliation": {"country": r.country}} for i, r in rows.items()}
        return [
            facts_of(r, (self.seq[r.article], n), index, aliases, self.stop)
            for n, r in enumerate(refs)
        ]

    def stored(self, role: str, lo: str | None, hi: str | None) -> list[ClaimFacts]:
        """Stored denials or answerable claims of a window, as they are now: changed
        facts replace the stored ones, stop stems added since are dropped."""
        out = []
        for f in self.ix.claims(role, lo, hi):
            f = self.changed.get(f.id, f)
            if role == "denial" and not is_denial(f):
                continue
            out.append(dataclasses.replace(f, stems=f.stems - self.stop))
        return out

    def link(
        self, new: Sequence[Record], changed: Sequence[Record]
    ) -> tuple[list[ClaimFacts], dict[str, Any], set[str]]:
        """Facts to store (the new articles' claims and the ``changed`` fused
        articles' claims), the denial links the update makes or changes, and the
        stored links it drops (``fusion_denials``: only these rows are written)."""
        window = int(settings()["denial_window_days"])
        redo = self._facts(changed) if changed else []
        self.changed = {f.id: f for f in redo}
        facts = self._facts(new)
        links: dict[str, Any] = {}
        gone: set[str] = set()
        deny = [f for f in facts if is_denial(f)]
        answers = [f for f in facts if is_answerable(f)]

        def keep(d: ClaimFacts, best: Best) -> None:
            links[d.id] = denials_json({d.id: best}, {d.id: d})[d.id]
            gone.discard(d.id)

        # Fused claims with new facts: their denials, and the stored denials their
        # answers may be best for, are linked again over their whole window.
        again = {f.id: f for f in redo if is_denial(f)}
        moved = [f for f in redo if is_answerable(f)]
        if moved:
            lo, hi = _window([a.published for a in moved], 0, window)
            again.update({d.id: d for d in self.stored("denial", lo, hi)})
        if again:
            gone.update(again)
            lo, hi = _window([d.published for d in again.values()], window, 0)
            found = best_answers(list(again.values()), [*self.stored("answer", lo, hi), *answers])
            for d in again.values():
                if d.id in found:
                    keep(d, found[d.id])
        if deny:
            lo, hi = _window([d.published for d in deny], window, 0)
            found = best_answers(deny, [*self.stored("answer", lo, hi), *answers])
            for d in deny:
                if d.id in found:
                    keep(d, found[d.id])
        if answers:
            lo, hi = _window([a.published for a in answers], 0, window)
            old = [d for d in self.stored("denial", lo, hi) if d.id not in again]
            found = best_answers(old, answers)
            held = self.ix.state.denials(d.id for d in old if d.id in found)
            for d in old:
                # Ties go to the earlier claim: a new one must score higher.
                link = links.get(d.id) or held.get(d.id)
                if d.id in found and (link is None or found[d.id][0] > tuple(link["score"])):
                    keep(d, found[d.id])
        return [*redo, *facts], links, gone


def by_article(facts: Collection[ClaimFacts]) -> dict[str, list[ClaimFacts]]:
    """Facts grouped by article (the ``s`` terms of :func:`article_terms`)."""
    out: dict[str, list[ClaimFacts]] = {}
    for f in facts:
        out.setdefault(f.article, []).append(f)
    return out
