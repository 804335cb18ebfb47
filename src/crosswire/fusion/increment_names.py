"""New entity names in an incremental update: which fused articles they change.

Entity names and aliases are corpus-wide inputs of fusion; a new (name, entity)
pair changes an already fused article only through three rules:

1. a new name string is an actor name, so a place written so is a speaker, not a
   scene ("Moscow said"): series scope and the corpus theatre's town counts
   (:func:`crosswire.fusion.series.scene_places`, ``theatre_of_article``);
2. a claim whose speaker or target text is the name now names that entity too
   (the denial rule's speakers and accused, :func:`crosswire.fusion.denials.facts_of`);
3. the words of a new name are stop stems: no two claims share them as content
   (:func:`crosswire.fusion.denials.stop_set`), which matters only to the
   denials holding them.

Each fused article is filed under the terms of these rules (``fusion_terms``,
:func:`article_terms`), and a new name probes them (:meth:`NameChange.probes`):
an update reads the articles the new names can change and nothing else. Claims
(2, 3) are linked again (:mod:`crosswire.fusion.increment_claims`); a place that
stops being a scene (1) is taken out of the theatre's town counts
(:func:`town_loss`), but a running total whose scope it changes moves its point
to another series group, whose other points are not stored apart: that case
still fuses everything (:func:`series_change`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from crosswire.fusion import series as _series
from crosswire.fusion.blocks import SEP
from crosswire.fusion.config import Record, settings, words
from crosswire.fusion.denials import ClaimFacts, stop_set
from crosswire.fusion.sources import origin_of

__all__ = ["NameChange", "article_terms", "series_change", "town_loss"]


def _place_names(text: Any) -> set[str]:
    """How the two scene rules normalise a place's text before ``in actor_names``."""
    t = str(text or "").casefold()
    return {re.sub(r"^the\s+", "", t), t.removeprefix("the ")}


def _claim_kinds() -> set[str]:
    cfg = settings()
    return set(cfg["denial_kinds"]) | set(cfg["answerable_kinds"])


def article_terms(analysis: Mapping[str, Any], facts: Iterable[ClaimFacts]) -> set[str]:
    """The terms an article is filed under: ``p`` its place names (every place
    with a country, and event places), ``c`` the speaker and target texts of its
    claims the denial rule reads, ``s`` the content stems of its denials."""
    terms: set[str] = set()
    places = [p for p in analysis.get("places") or [] if isinstance(p, dict)]
    places += [
        e["place"]
        for e in analysis.get("events") or []
        if isinstance(e, dict) and isinstance(e.get("place"), dict)
    ]
    for p in places:
        if p.get("country"):
            terms |= {f"p{SEP}{name}" for name in _place_names(p.get("text"))}
    kinds = _claim_kinds()
    for c in analysis.get("claims") or []:
        if isinstance(c, dict) and c.get("kind") in kinds:
            for text in (c.get("speaker_resolved_text"), c.get("target_text")):
                if text:
                    terms.add(f"c{SEP}{str(text).casefold()}")
    denial_kinds = set(settings()["denial_kinds"])
    for f in facts:
        if f.kind in denial_kinds:
            terms |= {f"s{SEP}{s}" for s in f.stems}
    return terms


@dataclass
class NameChange:
    """The (name, entity) pairs new articles bring that the stored fusion lacks."""

    pairs: dict[str, set[str]] = field(default_factory=dict)  # name -> new entity ids
    strings: set[str] = field(default_factory=set)  # names no stored entity has
    words: set[str] = field(default_factory=set)  # their words not yet stop words
    stems: frozenset[str] = frozenset()  # the stop stems those words add

    @classmethod
    def of(
        cls,
        aliases: Mapping[str, set[str]],
        known: Mapping[str, set[str]],
        stop_words: Collection[str],
    ) -> NameChange:
        """The change from the new articles' ``aliases`` given the ``known`` pairs
        and the stored stop words."""
        out = cls()
        for name, ids in aliases.items():
            new = ids - known.get(name, set())
            if new:
                out.pairs[name] = set(new)
            if name not in known:
                out.strings.add(name)
        old = set(stop_words)
        out.words = {w for name in out.strings for w in words(name)} - old
        if out.words:
            out.stems = stop_set([*old, *out.words]) - stop_set(old)
        return out

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def scene_probes(self) -> set[str]:
        """Terms of the fused articles whose scenes a new name may change (rule 1)."""
        out = {f"p{SEP}{n}" for n in self.strings}
        out |= {f"p{SEP}{n[4:]}" for n in self.strings if n.startswith("the ")}
        return out

    def claim_probes(self) -> set[str]:
        """Terms of the fused articles whose claims' facts a new name changes (2, 3)."""
        return {f"c{SEP}{n}" for n in self.pairs} | {f"s{SEP}{s}" for s in self.stems}


def series_change(
    articles: Sequence[Record],
    analyses: Mapping[str, Record],
    before: Collection[str],
    after: Collection[str],
) -> bool:
    """Whether the actor names ``after`` (with the new ones) change the scope of a
    running total of any of ``articles`` (rule 1): its stored series point would
    move to another group, whose other points are not stored apart."""
    for a in articles:
        analysis = analyses.get(str(a["id"])) or {}
        if _subjects(a, analysis, before) != _subjects(a, analysis, after):
            return True
    return False


def town_loss(
    articles: Sequence[Record],
    analyses: Mapping[str, Record],
    before: Collection[str],
    after: Collection[str],
) -> Counter[str]:
    """Town mentions per country that ``articles`` no longer count as scenes with
    the actor names ``after`` (rule 1: the corpus theatre's counts)."""
    loss: Counter[str] = Counter()
    for a in articles:
        analysis = analyses.get(str(a["id"])) or {}
        loss.update(_series.theatre_counts([analysis], before))
        loss.subtract(_series.theatre_counts([analysis], after))
    return +loss


def _subjects(a: Record, analysis: Record, names: Collection[str]) -> list[str | None]:
    found = _series.candidates(a, analysis, origin_of(a), lambda *_: (None, None), names)
    return [subject for _, subject, _, _, _ in found]
