"""Event mentions: who did what to whom, where and when, sentence by sentence.

``find_events`` reads one parsed article together with what the other
analysis steps found in it (entities, places, dates, quantities, claims) and
returns one ``EventMention`` per event trigger group. Triggers come from the
lexicon in ``data/event_taxonomy.json``; the dependency parse gives actors
and targets (see ``event_rules``; ``event_arguments`` maps them to entities).
Triggers of the same violent event in one clause ("air strikes ... struck",
"carried out 20 sorties, striking ...") are merged and the most specific
subtype wins. Every field keeps its evidence as
character offsets into the article text. See docs/events.md.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from spacy.attrs import ENT_TYPE, LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as _POS_IDS

from crosswire.nlp.core.doccache import doc_text
from crosswire.nlp.events.arguments import (
    EventContext,
    argument_tokens,
    claim_for,
    focus_army,
    number_slot,
    resolve_arguments,
    territory_kind,
)
from crosswire.nlp.events.clause_args import clause_date, clause_place
from crosswire.nlp.events.factuality import factuality
from crosswire.nlp.events.gunfire import (
    accident_trigger,
    gun_fired_alone,
    gunfire_triggers,
    load_gunfire,
)
from crosswire.nlp.events.main import mark_main_event
from crosswire.nlp.events.rules import (
    VIOLENT_TYPES,
    Taxonomy,
    Trigger,
    _rules_by_word,
    find_triggers,
    load_taxonomy,
    negation_of,
)
from crosswire.nlp.events.scene import person_name_places
from crosswire.nlp.places.mentions import PlaceMention

__all__ = ["EventMention", "find_events"]

log = logging.getLogger(__name__)

_DENIALS = {"deny", "refute"}
_NUMBERED_TYPES = VIOLENT_TYPES | {"Strategic developments", "Protests", "Riots"}
# Parts of speech find_triggers looks at (AUX counts as a verb there).
_TRIGGER_POS = frozenset(_POS_IDS[p] for p in ("NOUN", "VERB", "PROPN", "AUX"))
_SKIP_ENTS = frozenset({"GPE", "PERSON"})
_TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}


@dataclass
class EventMention:
    """One event mention; ``start``/``end`` is the evidence sentence in the text."""

    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    type: str
    subtype: str
    actors: list[str]
    targets: list[str]
    place: PlaceMention | None
    place_precision: int | None
    date: str | None
    date_precision: str | None
    numbers: list[dict[str, Any]]
    claim_index: int | None
    negated: bool
    cameo: str | None = None
    actor_spans: list[tuple[int, int]] = field(default_factory=list)
    target_spans: list[tuple[int, int]] = field(default_factory=list)
    role: str = "secondary"
    status: str = "asserted"
    accidental: bool = False


def find_events(
    doc: Any,
    *,
    entities: Sequence[Any],
    places: Sequence[PlaceMention],
    dates: Sequence[Any],
    quantities: Sequence[Any],
    claims: Sequence[Any] = (),
    published: Date | None = None,
) -> list[EventMention]:
    """Event mentions of a parsed article, in text order.

    ``entities``/``places``/``dates``/``quantities``/``claims`` are the outputs
    of the other analysis steps on the same ``doc``. Never raises for odd input:
    on an internal error it logs ``E401`` and returns what it has (possibly ``[]``).
    """
    tax = load_taxonomy()
    # "Clarence Washington shot his wife": a person's name read as two towns
    named = person_name_places(doc_text(doc), places)
    places = [p for i, p in enumerate(places) if i not in named]
    # Unknown names that are also geocoded places ("Palmyra" tagged PERSON) are
    # places, not actors; lexicon actors ("Moscow", "Russia") stay actors.
    mentions = [
        (m.start, m.end, e.id, e)
        for e in entities
        if not e.id.startswith(("weapon:", "platform:"))
        for m in e.mentions
        if e.id.startswith("actor:") or not any(p.start < m.end and m.start < p.end for p in places)
    ]
    ctx = EventContext(
        doc, tax, mentions, places, dates, quantities, claims, published, focus_army(places)
    )
    doc_air, candidates = _scan_doc(doc, tax)
    found: list[tuple[Any, list[Trigger]]] = []
    for sent in doc.sents:
        try:
            triggers = find_triggers(sent, tax, doc_air, candidates)
            found.append((sent, gun_fired_alone(triggers, tax)))
        except Exception:  # a parse we did not foresee must not lose the article
            log.exception("E401 event extraction failed in sentence at %d", sent.start_char)
    if not any(t.kind.type in VIOLENT_TYPES for _, ts in found for t in ts):
        # "suffered a gunshot wound", "the gun went off": an article that tells
        # its shooting with no attack word (gunfire.py; only then, so a wound
        # never splits or displaces a shooting the lexicon found)
        found = [(sent, ts + _gunfire(sent, ctx, doc_air)) for sent, ts in found]
    events: list[EventMention] = []
    for sent, triggers in found:
        try:
            events.extend(_sentence_events(sent, ctx, triggers))
        except Exception:  # a parse we did not foresee must not lose the article
            log.exception("E401 event extraction failed in sentence at %d", sent.start_char)
    events = _occurrences(events)
    try:
        mark_main_event(events, doc, ctx)
    except Exception:  # the mentions stand without roles rather than lose the article
        log.exception("E402 main event marking failed")
    return events


def _occurrences(events: list[EventMention]) -> list[EventMention]:
    """A bare reference is the event itself when the article tells no occurrence
    of its kind elsewhere (it is then the only report of it). Mentions that stay
    not asserted keep their ``status``; fusion leaves them out of events."""
    told = {_kind(e) for e in events if e.status == "asserted"}
    for e in events:
        if e.status == "reference" and _kind(e) not in told:
            e.status = "asserted"
    return events


def _kind(e: EventMention) -> str:
    return "violence" if e.type in VIOLENT_TYPES else e.type


def _scan_doc(doc: Any, tax: Taxonomy) -> tuple[int, list[int]]:
    """Air-strike words in the doc, and the tokens that may be triggers.

    One pass over the doc's arrays (no Token objects) instead of one over
    its tokens per sentence plus the count. A candidate passes the first
    tests of :func:`find_triggers` (part of speech, entity type, a rule
    listing its lemma or lower form); those tests are repeated there.
    """
    strings = doc.vocab.strings
    air_words = dict(tax.context)["Air/drone strike"]
    by_word = _rules_by_word(tax)
    skip_ents = {strings[label] for label in _SKIP_ENTS}
    cols = doc.to_array([POS, ENT_TYPE, LEMMA, LOWER])
    lemma_lower: dict[int, str] = {}
    doc_air = 0
    candidates: list[int] = []
    # Plain lists per column: numpy scalars or rows would cost more than tokens.
    columns = [cols[:, k].tolist() for k in range(4)]
    for i, (pos, ent, lemma, lower) in enumerate(zip(*columns, strict=True)):
        low = lemma_lower.get(lemma)
        if low is None:
            low = lemma_lower[lemma] = strings[lemma].lower()
        if low in air_words:
            doc_air += 1
        if (
            pos in _TRIGGER_POS
            and ent not in skip_ents
            and (low in by_word or strings[lower] in by_word)
        ):
            candidates.append(i)
    return doc_air, candidates


def _gunfire(sent: Any, ctx: EventContext, doc_air: int) -> list[Trigger]:
    try:
        return gunfire_triggers(sent, ctx.tax, doc_air)
    except Exception:  # a parse we did not foresee must not lose the article
        log.exception("E401 event extraction failed in sentence at %d", sent.start_char)
        return []


def _sentence_events(sent: Any, ctx: EventContext, triggers: list[Trigger]) -> list[EventMention]:
    groups = _group(triggers, ctx.tax)
    events = [_event(sent, g, ctx) for g in groups]
    _assign_numbers(sent, groups, events, ctx)
    return events


def _family(t: Trigger) -> str:
    return "violence" if t.kind.type in VIOLENT_TYPES else t.kind.subtype


def _connected(a: Any, b: Any, members: set[int], tax: Taxonomy) -> bool:
    """True when the parse path a..b crosses only prepositions, light verbs or triggers."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return False
    path = up_a[: up_a.index(common) + 1] + up_b[: up_b.index(common)]
    if len(path) > 5:
        return False
    for tok in path:
        if tok.i in (a.i, b.i):
            continue
        ok = tok.pos_ in {"ADP", "PART", "DET"} or tok.i in members
        ok = ok or tok.lemma_.lower() in tax.light_verbs
        if not ok:
            return False
    return True


def _group(triggers: list[Trigger], tax: Taxonomy) -> list[list[Trigger]]:
    """Union triggers of one event; each group's most specific trigger comes first."""
    members = {t.token.i for t in triggers}
    parent = list(range(len(triggers)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(triggers):
        for j in range(i + 1, len(triggers)):
            b = triggers[j]
            if _family(a) == _family(b) and _connected(a.token, b.token, members, tax):
                parent[root(j)] = root(i)
    groups: dict[int, list[Trigger]] = {}
    for i, t in enumerate(triggers):
        groups.setdefault(root(i), []).append(t)
    out = []
    for g in groups.values():
        g.sort(key=lambda t: (-t.kind.priority, t.token.i))
        out.append(g)
    out.sort(key=lambda g: min(t.token.i for t in g))
    return out


def _event(sent: Any, group: list[Trigger], ctx: EventContext) -> EventMention:
    main = group[0]
    tok = main.token
    claim_index = claim_for(tok, ctx.claims)
    actor_toks, target_toks = argument_tokens(group, ctx.tax)
    actors, actor_spans = resolve_arguments(actor_toks, ctx, tok, claim_index)
    targets, target_spans = resolve_arguments(target_toks, ctx, tok, None)
    targets = [t for t in targets if t not in actors]
    kind = main.kind
    if kind.subtype in _TERRITORY:
        kind = territory_kind(actors, ctx) or kind
    negated = any(negation_of(t.token, ctx.tax) for t in group)
    negated = negated or any(a.lemma_.lower() in _DENIALS for a in tok.ancestors)
    if claim_index is not None and kind.subtype != "Denial":
        claim = ctx.claims[claim_index]
        inside = claim.content_start <= tok.idx < claim.content_end
        negated = negated or (inside and getattr(claim, "kind", "") == "denial")
    place = clause_place(sent, group, ctx, actor_spans, claim_index)
    when, precision = clause_date(sent, tok, ctx, kind.type in VIOLENT_TYPES)
    in_claim = claim_index is not None and (
        ctx.claims[claim_index].content_start <= tok.idx < ctx.claims[claim_index].content_end
    )
    has_own = place is not None or precision not in (None, "document")
    status = factuality(tok, sent, in_claim=in_claim, has_own=has_own)
    text = doc_text(ctx.doc)
    end = sent.end_char
    while end > sent.start_char and text[end - 1].isspace():
        end -= 1
    return EventMention(
        start=sent.start_char,
        end=end,
        trigger=tok.text,
        trigger_start=tok.idx,
        trigger_end=tok.idx + len(tok.text),
        type=kind.type,
        subtype=kind.subtype,
        actors=actors,
        targets=targets,
        place=place,
        place_precision=place.precision if place else None,
        date=when,
        date_precision=precision,
        numbers=[],
        claim_index=claim_index,
        negated=negated,
        cameo=main.cameo if kind is main.kind else kind.cameo,
        actor_spans=actor_spans,
        target_spans=target_spans,
        status=status,
        accidental=_accidental(sent, tok, ctx.tax),
    )


def _accidental(sent: Any, tok: Any, tax: Taxonomy) -> bool:
    """An accident word in the sentence, or a hunting accident as the trigger.
    Hyphenated words ("self-inflicted") are split by the tokenizer: matched on
    the sentence's text."""
    if {t.lower_ for t in sent} & tax.accident_words or accident_trigger(tok, load_gunfire()):
        return True
    text = sent.text.lower()
    return any("-" in w and w in text for w in tax.accident_words)


def _assign_numbers(
    sent: Any, groups: list[list[Trigger]], events: list[EventMention], ctx: EventContext
) -> None:
    """Give each quantity of the sentence to the event that governs it."""
    if not events:
        return
    owner = {t.token.i: k for k, g in enumerate(groups) for t in g}
    for q in ctx.quantities:
        if not (sent.start_char <= q.start < sent.end_char):
            continue
        span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        k = next((owner[a.i] for a in [span.root, *span.root.ancestors] if a.i in owner), None)
        if k is None:
            violent = [i for i, e in enumerate(events) if e.type in VIOLENT_TYPES] or list(
                range(len(events))
            )
            k = min(violent, key=lambda i: abs(events[i].trigger_start - q.start))
        if events[k].type not in _NUMBERED_TYPES:
            continue  # "blame him for a war with 240,000 dead": context, not this event
        killing = any(t.rule.subtype == "victims" for t in groups[k])
        slot = number_slot(q, ctx.tax, killing)
        if slot is None:
            continue
        events[k].numbers.append(
            {
                "what": slot,
                "value": q.value,
                "low": q.low,
                "high": q.high,
                "text": q.text,
                "start": q.start,
                "end": q.end,
            }
        )
