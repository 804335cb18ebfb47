"""The claim record :func:`crosswire.nlp.claims.find.find_claims` returns, and
the rule that keeps one claim per span."""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.nlp.claims.speakers import SpeakerKind


@dataclass(frozen=True)
class Claim:
    """One attributed claim.  All offsets are characters into the Doc text.

    ``start``/``end`` cover content plus attribution (speaker and cue);
    ``text`` is the content (for direct quotes: inside the quote marks).
    ``cue`` is the cue lemma ("say", "according to", ...); ``cue_start`` is
    None when the speaker was inherited from the previous claim.
    """

    start: int
    end: int
    content_start: int
    content_end: int
    text: str
    speaker_start: int
    speaker_end: int
    speaker_text: str
    speaker_resolved_text: str
    speaker_kind: SpeakerKind
    cue: str
    cue_start: int | None
    cue_end: int | None
    kind: str
    quote: bool
    target_text: str | None = None


def one_per_span(claims: list[Claim]) -> list[Claim]:
    """One claim per span, in text order.

    A claim's id is its article and span (:func:`crosswire.model.claim_id`),
    so two claims over one span would be two records with one id (fusion's
    claim table refused the second, and a GVC batch stopped there). They come
    from a cue whose content holds another cue ("issued a statement saying
    ...", "approved a resolution condemning ...", "went on to tell police
    that ..."): the inner claim stands, the one with the narrowest content,
    and of two with one content the cue nearest to it ("tell", not "go"),
    as :mod:`crosswire.nlp.claims.nested` keeps those inner claims.
    """
    best: dict[tuple[int, int], Claim] = {}
    for c in claims:
        kept = best.get((c.start, c.end))
        if kept is None or _inner_key(c) < _inner_key(kept):
            best[(c.start, c.end)] = c
    return sorted(best.values(), key=lambda c: c.start)


def _inner_key(c: Claim) -> tuple[int, int]:
    cue = c.cue_start if c.cue_start is not None else -1
    return (c.content_end - c.content_start, -cue)
