"""An event's place and date from its trigger's own clause, else its sentence.

Split from :mod:`crosswire.nlp.events.find`. Rules: docs/events.md (R9, R10 and
Arguments from the trigger's own clause).
"""

from __future__ import annotations

from typing import Any

from crosswire.nlp.core.doccache import doc_text
from crosswire.nlp.events.arguments import EventContext
from crosswire.nlp.events.followup import after_the_fact
from crosswire.nlp.events.rules import Trigger
from crosswire.nlp.events.scene import agentive, dateline, off_scene, street_or_code
from crosswire.nlp.events.timing import event_dates, frames_the_trigger
from crosswire.nlp.places.mentions import PlaceMention

__all__ = ["clause_date", "clause_place"]

_GRAN_RANK = {"day": 0, "range": 1, "week": 2, "month": 3, "season": 4, "quarter": 4, "year": 5}


def clause_place(
    sent: Any,
    group: list[Trigger],
    ctx: EventContext,
    actor_spans: list[tuple[int, int]],
    claim_index: int | None = None,
) -> PlaceMention | None:
    """The most precise place in the trigger's clause, else in the sentence.

    When the trigger sits inside a claim's content, only places inside that
    content count: "In Moscow, the ministry said it bombed targets in Idlib" and
    "Lavrov told journalists in New York the strikes ..." name where the claim
    was made, not where the event happened.
    """
    lo, hi = sent.start_char, sent.end_char
    text = doc_text(ctx.doc)
    if claim_index is not None:
        claim = ctx.claims[claim_index]
        trigger = group[0].token.idx
        if claim.content_start <= trigger < claim.content_end:
            lo, hi = max(lo, claim.content_start), min(hi, claim.content_end)
    # "targets linked to IS, which controls large parts of Syria": a relative clause
    # describes an argument, it does not place the event
    trigger_i = group[0].token.i
    described = [
        (t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text))
        for t in sent
        if t.dep_ == "relcl" and not (t.left_edge.i <= trigger_i <= t.right_edge.i)
    ]
    inside = [
        p
        for p in ctx.places
        if lo <= p.start < hi
        and not any(s <= p.start < e for s, e in actor_spans)
        and not any(s <= p.start < e for s, e in described)
        and not agentive(ctx.doc, p)
        and not street_or_code(text, p)
    ]
    if not inside:
        return None
    scope: set[int] = set()
    for trig in group:
        anchor = trig.token if trig.token.pos_ in {"VERB", "AUX"} else trig.token.head
        scope.update(t.idx for t in anchor.subtree)
    # where a person is from or was treated is no place of the clause (the main
    # event may fall back on it when the incident names nothing else)
    inside = [p for p in inside if not off_scene(ctx.doc, p)]
    # a dateline the parser hung on the first sentence's verb is no place of its
    # clause: "NASHVILLE, Tenn. - A boy was shot at a Madison apartment"
    near = [p for p in inside if any(p.start <= i < p.end for i in scope) and not dateline(text, p)]
    # the dateline places the sentence only when its body names no place: "MIAMI
    # (CBS) – gunfire in the parking lot of a Southwest Miami-Dade store"
    pool = near or [p for p in inside if not dateline(text, p)] or inside
    if not pool:
        return None
    return min(pool, key=lambda p: (p.precision, p.start))


def clause_date(
    sent: Any, tok: Any, ctx: EventContext, violent: bool = False
) -> tuple[str | None, str | None]:
    """The sentence's best time expression, else the publication date (precision 'document')."""
    # Not the day a statement was made or a page posted ("police said Tuesday").
    cands = [
        d
        for d in event_dates(sent, ctx.dates, violent, ctx.published)
        if d.granularity in _GRAN_RANK
    ]
    if cands:
        # The trigger's own clause first: "injured in a shooting last week, died Sunday"
        # is a shooting last week, not on Sunday.
        anchor = tok
        while anchor.pos_ not in {"VERB", "AUX"} and anchor.head.i != anchor.i:
            anchor = anchor.head
        own = [d for d in cands if _governed_by(ctx.doc, d, anchor)]
        if not own and violent and after_the_fact(tok):
            cands = []  # "accused of killing his friend, he faced a judge Tuesday"
        elif not own and violent:
            # "The family on Monday struggled to understand how she killed herself"
            cands = [d for d in cands if not frames_the_trigger(ctx.doc, d, tok)]
        pool = own or cands
    if cands:
        best = min(pool, key=lambda d: (_GRAN_RANK[d.granularity], abs(d.start - tok.idx)))
        return str(best.value), str(best.granularity)
    if ctx.published is not None:
        return ctx.published.isoformat(), "document"
    return None, None


def _governed_by(doc: Any, when: Any, anchor: Any) -> bool:
    span = doc.char_span(when.start, when.end, alignment_mode="expand")
    return span is not None and (span.root == anchor or anchor in span.root.ancestors)
