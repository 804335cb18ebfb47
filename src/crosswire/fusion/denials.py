"""Denials linked to the claim they answer (rule D1/D2 of ``docs/fusion.md``).

Each claim is first reduced to :class:`ClaimFacts`, what the rule compares: its
content stems, who said it (entity ids and their countries), whom it accuses,
its date and corpus position. Full fusion builds facts for every claim; the
incremental update stores them (``fusion_claims``) and compares a new claim
only with the stored claims of its date window, with the same :func:`answer_score`
so both give the same links.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.fusion.config import Record, content_stems, settings, stable_id, stop_stems, words
from crosswire.fusion.records import Dispute, DisputeSide

__all__ = [
    "Best",
    "ClaimFacts",
    "answer_score",
    "best_answers",
    "denial_dispute",
    "facts_of",
    "is_answerable",
    "is_denial",
    "stop_set",
]

Score = tuple[int, int]


@dataclass(frozen=True)
class ClaimFacts:
    """What the denial rule reads of one claim (JSON-ready via :meth:`to_json`)."""

    id: str
    article: str
    pos: tuple[int, int]  # corpus order: (article position, claim position)
    kind: str | None
    published: dt.date | None
    claimant: str | None
    side: DisputeSide
    stems: frozenset[str]
    speakers: frozenset[str]
    speaker_countries: frozenset[str]
    accused: frozenset[str]
    accused_countries: frozenset[str]

    def to_json(self) -> dict[str, Any]:
        """The stored form (``fusion_claims.data``)."""
        return {
            "id": self.id,
            "article": self.article,
            "pos": list(self.pos),
            "kind": self.kind,
            "published": self.published.isoformat() if self.published else None,
            "claimant": self.claimant,
            "side": self.side.to_json(),
            "stems": sorted(self.stems),
            "speakers": sorted(self.speakers),
            "speaker_countries": sorted(self.speaker_countries),
            "accused": sorted(self.accused),
            "accused_countries": sorted(self.accused_countries),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ClaimFacts:
        """Read the stored form back."""
        pub = data.get("published")
        return cls(
            id=str(data["id"]),
            article=str(data["article"]),
            pos=(int(data["pos"][0]), int(data["pos"][1])),
            kind=data.get("kind"),
            published=dt.date.fromisoformat(pub) if pub else None,
            claimant=data.get("claimant"),
            side=DisputeSide.from_json(data["side"]),
            stems=frozenset(data["stems"]),
            speakers=frozenset(data["speakers"]),
            speaker_countries=frozenset(data["speaker_countries"]),
            accused=frozenset(data["accused"]),
            accused_countries=frozenset(data["accused_countries"]),
        )


def _countries(ids: Iterable[str], index: Mapping[str, Record]) -> frozenset[str]:
    out = set()
    for i in ids:
        country = (index.get(i, {}).get("affiliation") or {}).get("country")
        out.add(str(country) if country else i)
    return frozenset(out)


def _named(text: str | None, aliases: Mapping[str, set[str]]) -> set[str]:
    return set(aliases.get(text.casefold(), set())) if text else set()


def stop_set(aliases: Iterable[str]) -> frozenset[str]:
    """Stems never shared content: stopwords and the words of every entity name
    ("Syria" shared by two claims is no shared content)."""
    return stop_stems({w for alias in aliases for w in words(alias)})


def facts_of(
    ref: Any,
    pos: tuple[int, int],
    index: Mapping[str, Record],
    aliases: Mapping[str, set[str]],
    stop: frozenset[str],
) -> ClaimFacts:
    """The facts of one :class:`crosswire.fusion.disputes.ClaimRef` (``stop`` from
    :func:`stop_set`)."""
    claim = ref.claim
    speakers = ({str(claim["speaker"])} if claim.get("speaker") else set()) | _named(
        claim.get("speaker_resolved_text"), aliases
    )
    accused = _named(claim.get("target_text"), aliases)
    if not accused:
        accused = set(ref.content_entities()) - (
            {claim["speaker"]} if claim.get("speaker") else set()
        )
    return ClaimFacts(
        id=ref.id,
        article=ref.article,
        pos=pos,
        kind=claim.get("kind"),
        published=ref.published,
        claimant=ref.claimant,
        side=ref.side(),
        stems=frozenset(content_stems(str(claim.get("text") or ""), stop=stop)),
        speakers=frozenset(speakers),
        speaker_countries=_countries(speakers, index),
        accused=frozenset(accused),
        accused_countries=_countries(accused, index),
    )


@dataclass(frozen=True)
class Rules:
    """The denial rule's settings, read once per linking pass."""

    window: dt.timedelta
    unnamed_min: int
    min_overlap: int

    @classmethod
    def read(cls) -> Rules:
        """The current settings (``data/fusion.json``)."""
        cfg = settings()
        return cls(
            dt.timedelta(days=int(cfg["denial_window_days"])),
            int(cfg.get("denial_unnamed_min_overlap", 3)),
            int(cfg["denial_min_overlap"]),
        )


def answer_score(
    d: ClaimFacts, a: ClaimFacts, rules: Rules | None = None
) -> tuple[Score, frozenset[str]] | None:
    """How well claim ``a`` is what denial ``d`` answers, or None when it is not."""
    rules = rules or Rules.read()
    if a.id == d.id or (
        a.published and d.published and not d.published - rules.window <= a.published <= d.published
    ):
        return None
    if a.speakers & d.speakers or d.speaker_countries & a.speaker_countries:
        return None  # one side does not deny its own claim
    shared = d.stems & a.stems
    named = bool(a.accused) and bool(
        d.speakers & a.accused or d.speaker_countries & a.accused_countries
    )
    # D2b: a denial that does not answer an accusation naming the denier
    # still answers a claim it repeats closely ("denied that the petrol
    # station had been hit" / "hit ... a petrol station").
    if not named and len(shared) < rules.unnamed_min:
        return None
    if len(shared) < rules.min_overlap:
        return None
    return (len(shared), int(a.article == d.article)), shared


def is_denial(f: ClaimFacts) -> bool:
    """A denial or rejection with a known denier."""
    return f.kind in set(settings()["denial_kinds"]) and bool(f.speakers)


def is_answerable(f: ClaimFacts) -> bool:
    """A claim kind a denial may answer."""
    return f.kind in set(settings()["answerable_kinds"])


Best = tuple[Score, ClaimFacts, frozenset[str]]


def best_answers(denials: Sequence[ClaimFacts], answers: Sequence[ClaimFacts]) -> dict[str, Best]:
    """Denial id -> (score, answered claim, shared stems), the best of ``answers``
    (most shared stems, then same article; ties to the earlier claim)."""
    rules = Rules.read()
    # Answers by stem: undated ones, and dated ones by day, so a dated denial
    # reads only its window (answer_score rejects the others): reading every
    # answer of a common stem grew with the square of the store.
    undated: dict[str, list[ClaimFacts]] = defaultdict(list)
    dated: dict[str, list[tuple[dt.date, tuple[int, int], ClaimFacts]]] = defaultdict(list)
    for a in answers:
        for s in a.stems:
            if a.published is None:
                undated[s].append(a)
            else:
                dated[s].append((a.published, a.pos, a))
    for rows in dated.values():
        rows.sort(key=lambda r: (r[0], r[1]))
    days = {s: [r[0] for r in rows] for s, rows in dated.items()}

    def near(d: ClaimFacts, s: str) -> list[ClaimFacts]:
        if d.published is None:
            return [*undated.get(s, ()), *(r[2] for r in dated.get(s, ()))]
        lo = bisect.bisect_left(days.get(s, []), d.published - rules.window)
        hi = bisect.bisect_right(days.get(s, []), d.published)
        return [*undated.get(s, ()), *(r[2] for r in dated.get(s, [])[lo:hi])]

    out: dict[str, Best] = {}
    for d in denials:
        best: Best | None = None
        found = {x.id: x for s in d.stems for x in near(d, s)}
        # In corpus order, never in set order: ties go to the earlier claim.
        for a in sorted(found.values(), key=lambda x: x.pos):
            scored = answer_score(d, a, rules)
            if scored is not None and (best is None or scored[0] > best[0]):
                best = scored[0], a, scored[1]
        if best is not None:
            out[d.id] = best
    return out


def denial_dispute(d: ClaimFacts, a: ClaimFacts, shared: Iterable[str]) -> Dispute:
    """The denial dispute linking ``d`` to the claim ``a`` it answers."""
    note = (
        f"{d.claimant or 'the accused'} denies what {a.claimant or 'a source'} "
        f"said (shared: {', '.join(sorted(shared))})"
    )
    sides = [a.side, d.side]
    claims = sorted({str(s.claim) for s in sides if s.claim})
    keys = ["denial"] + claims + [f"{s.article}:{s.start}:{s.end}" for s in sides]
    return Dispute(stable_id("dispute", keys), "denial", claims, sides, note, [])
