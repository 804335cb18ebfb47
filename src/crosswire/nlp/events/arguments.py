"""Event arguments: which named entities are the actors and targets of a trigger group.

The dependency rules that pick argument tokens are in ``event_rules``; this
module maps those tokens to entity ids (named heads first, then any name
inside the phrase, then "regime forces" to the focus country's army, then a
claim's speaker for "it"/"we"), and picks the territory-change subtype from
the actors. Used by :mod:`crosswire.nlp.events.find`; see docs/events.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from crosswire.nlp.events.rules import (
    Taxonomy,
    Trigger,
    clause_tokens,
    noun_actor_tokens,
    objects,
    passive_agent,
    prep_objects,
    subject,
)
from crosswire.nlp.places.mentions import PlaceMention


@dataclass
class EventContext:
    """One article's parse and the other analysis steps' output, for argument lookup."""

    doc: Any
    tax: Taxonomy
    mentions: list[tuple[int, int, str, Any]]
    places: Sequence[PlaceMention]
    dates: Sequence[Any]
    quantities: Sequence[Any]
    claims: Sequence[Any]
    published: Date | None
    army: str | None


def focus_army(places: Sequence[PlaceMention]) -> str | None:
    """The army "regime/government forces" refers to: the focus country's, if known."""
    from crosswire.nlp.entities.lexicon import load_lexicon

    lex = load_lexicon()
    counts = Counter(p.country for p in places if p.country)
    for country, _ in counts.most_common():
        armies = [a.id for a in lex.actors.values() if a.country == country and "army" in a.id]
        if armies:
            return "actor:" + armies[0]
        states = [a.id for a in lex.actors.values() if a.country == country and a.type == "state"]
        if states:
            return "actor:" + states[0]
    return None


def argument_tokens(group: list[Trigger], tax: Taxonomy) -> tuple[list[Any], list[Any]]:
    """Actor and target argument tokens of a trigger group (see docs/events.md)."""
    actors: list[Any] = []
    targets: list[Any] = []
    for trig in group:
        tok = trig.token
        if tok.pos_ in {"VERB", "AUX"}:
            passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)
            if passive:
                actors += passive_agent(tok)
                targets += [c for c in tok.children if c.dep_ == "nsubjpass"]
            else:
                actors += [s for s in subject(tok) if not _is_trigger(s, group)]
            targets += [o for o in objects(tok) if not _is_trigger(o, group)]
            targets += prep_objects(tok, tax.target_preps)
        else:
            actors += noun_actor_tokens(tok, tax)
            targets += prep_objects(tok, tax.target_preps)
            head = tok.head
            if tok.dep_ in {"dobj", "obj"} and head.pos_ in {"VERB", "AUX"}:
                actors += subject(head)  # "carried out 20 sorties", "launched an air strike"
            elif tok.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"}:
                targets += [o for o in objects(head) if not _is_trigger(o, group)]
                targets += prep_objects(head, tax.target_preps)
            elif tok.dep_ == "pobj" and head.head.pos_ in {"VERB"}:
                verb = head.head  # "killed in an air strike by government forces"
                if head.lower_ in {"in", "by"}:
                    targets += [c for c in verb.children if c.dep_ == "nsubjpass"]
    return actors, targets


def _is_trigger(tok: Any, group: list[Trigger]) -> bool:
    return any(t.token.i == tok.i for t in group)


def resolve_arguments(
    toks: list[Any], ctx: EventContext, trigger: Any, claim_index: int | None
) -> tuple[list[str], list[tuple[int, int]]]:
    """Entity ids named by argument tokens, with the argument spans."""
    ids: list[str] = []
    spans: list[tuple[int, int]] = []
    for arg in toks:
        words = list(clause_tokens(arg))
        lo = min(w.idx for w in words)
        hi = max(w.idx + len(w.text) for w in words)
        # A named head ("Russian President Vladimir Putin") is the actor; otherwise
        # any name inside the phrase ("strikes from four Russian warplanes").
        found = [eid for s, e, eid, _ in ctx.mentions if s <= arg.idx < e]
        if not found:
            found = [
                eid for s, e, eid, _ in ctx.mentions if s < hi and e > lo and _inside(s, e, words)
            ]
        if not found and _is_state_force(arg, ctx.tax) and ctx.army:
            found = [ctx.army]
        if not found and claim_index is not None and _stand_in(arg, ctx.tax):
            found = _speaker_entities(ctx.claims[claim_index], ctx)
        if found:
            spans.append((lo, hi))
        for eid in found:
            if eid not in ids:
                ids.append(eid)
    return ids, spans


def _inside(start: int, end: int, words: list[Any]) -> bool:
    return any(w.idx < end and w.idx + len(w.text) > start for w in words)


def _is_state_force(arg: Any, tax: Taxonomy) -> bool:
    """ "Regime forces", "government troops", "pro-government militias"."""
    if arg.lower_ not in tax.force_heads:
        return False
    mods = {c.lower_ for c in arg.children if c.dep_ in {"compound", "amod", "nmod"}}
    return bool(mods & tax.force_modifiers) or arg.lower_ == "government"


def _stand_in(arg: Any, tax: Taxonomy) -> bool:
    """A pronoun or an unnamed aircraft subject inside a claim: the speaker's own side."""
    if arg.pos_ == "PRON" and arg.lower_ in {"it", "we"}:
        return True
    return tax.number_nouns.get(arg.lemma_.lower()) in {"aircraft", "aircraft_or_people"}


def _speaker_entities(claim: Any, ctx: EventContext) -> list[str]:
    start = getattr(claim, "speaker_start", None)
    end = getattr(claim, "speaker_end", None)
    if start is None or end is None:
        return []
    return [eid for s, e, eid, _ in ctx.mentions if s < end and e > start][:1]


def territory_kind(actors: list[str], ctx: EventContext) -> Any:
    """A state actor regains territory; anyone else overtakes it."""
    cats = {ent.category for _, _, eid, ent in ctx.mentions if eid in actors}
    if "state" in cats:
        return ctx.tax.subtypes["Government regains territory"]
    if cats & {"rebels", "jihadist"}:
        return ctx.tax.subtypes["Non-state actor overtakes territory"]
    return None


def number_slot(q: Any, tax: Taxonomy, killing: bool) -> str | None:
    """The event slot a quantity fills, from its counted noun and casualty words."""
    noun = (q.noun or "").lower()
    mods = [m.lower() for m in q.modifiers]
    casualty = next((tax.casualty[m] for m in mods if m in tax.casualty), None)
    if casualty is None and killing and (noun in tax.people or not noun):
        casualty = "fatalities"
    head = noun.split()[-1] if noun else ""
    if casualty and (not noun or noun in tax.people or head in tax.people):
        if casualty == "fatalities":
            if head in tax.civilian or "civilian" in mods:
                return "fatalities_civilian"
            if head in tax.combatant:
                return "fatalities_combatant"
        return casualty
    slot = tax.number_nouns.get(noun) or tax.number_nouns.get(head)
    if slot == "aircraft_or_people":
        return "aircraft"
    return slot


def claim_for(tok: Any, claims: Sequence[Any]) -> int | None:
    """The claim whose content holds the trigger (smallest), or whose cue it is."""
    best: tuple[int, int] | None = None
    for i, c in enumerate(claims):
        if c.content_start <= tok.idx < c.content_end:
            size = c.content_end - c.content_start
            if best is None or size < best[0]:
                best = (size, i)
    if best is not None:
        return best[1]
    for i, c in enumerate(claims):
        if getattr(c, "cue_start", None) == tok.idx:
            return i
    return None
