"""Shootings told without an attack verb (issue 11).

Local news often tells a shooting only by its result or by the gun:
"suffered an accidental gunshot wound", "died of a self-inflicted gunshot
wound", "was found dead with gunshot wounds", "the gun discharged", "the
muzzleloader fired, ripping into his chest", "a hunting accident", "a fatal
shooting death". The trigger lexicon (``rules.find_triggers``) needs an
attack word, so such sentences gave no violent event and the incident had no
event at all. :func:`gunfire_triggers` reads these phrasings off the parse
and types them as the lexicon types a shooting (``victims`` rule: an Attack,
a clash when only combatants were hit); accidents and self-inflicted wounds
keep that type and are flagged ``accidental`` by the accident words, as any
shooting is (docs/events.md, R1b and "Accidents are not political violence").

Words live in ``data/gunfire.json``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from crosswire.datafiles import read_json
from crosswire.nlp.events.rules import (
    Taxonomy,
    Trigger,
    TriggerRule,
    choose_subtype,
)

__all__ = [
    "GunfireLex",
    "accident_trigger",
    "gun_fired_alone",
    "gunfire_triggers",
    "load_gunfire",
]

_SUBJECTS = {"nsubj", "nsubjpass"}
_OBJECTS = {"dobj", "obj"}


@dataclass(frozen=True)
class GunfireLex:
    """The parsed ``gunfire.json``."""

    wound_nouns: frozenset[str]
    gun_modifiers: frozenset[str]
    weapons: frozenset[str]
    guns: frozenset[str]
    discharge_verbs: frozenset[str]
    gunshot_preps: frozenset[str]
    accident_nouns: frozenset[str]
    accident_modifiers: frozenset[str]
    death_nouns: frozenset[str]
    shooting_words: frozenset[str]
    open_fire: frozenset[str]
    fire_nouns: frozenset[str]
    harm_verbs: frozenset[str]
    rule: TriggerRule


@functools.lru_cache(maxsize=1)
def load_gunfire() -> GunfireLex:
    """Parse ``data/gunfire.json`` (cached)."""
    raw: dict[str, Any] = read_json("gunfire.json")

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in raw[key]["words"])

    wounds = words("wound_nouns")
    accidents = words("accident_nouns")
    shootings = words("shooting_words")
    # One lexicon-like row so these triggers are typed, grouped and counted
    # like "shooting" (subtype from the victims, people counted as hit).
    rule = TriggerRule(
        lemmas=wounds
        | accidents
        | shootings
        | words("discharge_verbs")
        | words("open_fire")
        | words("fire_nouns"),
        pos=frozenset({"NOUN", "VERB"}),
        subtype="victims",
        default="Attack",
    )
    return GunfireLex(
        wound_nouns=wounds,
        gun_modifiers=words("gun_modifiers"),
        weapons=words("weapons"),
        guns=words("guns"),
        discharge_verbs=words("discharge_verbs"),
        gunshot_preps=words("gunshot_preps"),
        accident_nouns=accidents,
        accident_modifiers=words("accident_modifiers"),
        death_nouns=words("death_nouns"),
        shooting_words=shootings,
        open_fire=words("open_fire"),
        fire_nouns=words("fire_nouns"),
        harm_verbs=words("harm_verbs"),
        rule=rule,
    )


def _lemma(tok: Any) -> str:
    return str(tok.lemma_).lower()


def _words(tok: Any) -> set[str]:
    return {_lemma(tok), tok.lower_}


def _left_words(tok: Any) -> set[str]:
    """Words of the modifiers before ``tok`` ("accidental gun shot wound")."""
    out: set[str] = set()
    for left in tok.lefts:
        for t in left.subtree:
            out |= _words(t)
    return out


def _is_gun_wound(tok: Any, lex: GunfireLex) -> bool:
    """ "gunshot wound(s)", "a bullet wound", "a head wound from a pellet gun",
    "died of a gunshot" (the noun alone only as a cause)."""
    lemma = _lemma(tok)
    if tok.pos_ != "NOUN" or lemma not in lex.wound_nouns:
        return False
    if lemma == "gunshot":
        if tok.dep_ in {"compound", "amod", "nmod"}:
            return False  # "gunshot wound": the wound is the trigger
        return tok.head.dep_ == "prep" and tok.head.lower_ in lex.gunshot_preps
    if _left_words(tok) & lex.gun_modifiers:
        return True
    return any(
        c.dep_ == "prep" and c.lower_ == "from" and any(_words(t) & lex.weapons for t in c.subtree)
        for c in tok.children
    )


def _is_discharge(tok: Any, lex: GunfireLex) -> bool:
    """ "the gun discharged / went off", "the muzzleloader fired", "a shot was
    fired", "discharged the rifle", "fired a shot"."""
    if tok.pos_ not in {"VERB", "AUX"} or _lemma(tok) not in lex.discharge_verbs:
        return False
    if _lemma(tok) == "go" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children):
        return False
    args = [c for c in tok.children if c.dep_ in _SUBJECTS | _OBJECTS]
    return any(_lemma(a) in lex.weapons for a in args)


def _opened_fire(tok: Any, lex: GunfireLex) -> bool:
    """ "a gunman opened fire at a park": the shooting told by the act of firing."""
    return (
        tok.pos_ == "VERB"
        and _lemma(tok) in lex.open_fire
        and any(c.dep_ in _OBJECTS and c.lower_ == "fire" for c in tok.children)
    )


def _fire_harmed(tok: Any, lex: GunfireLex) -> bool:
    """ "Gunfire injured six people", "a bullet grazed the boy's arm": gunfire as the
    subject of a harm is the shooting."""
    return (
        tok.pos_ in {"NOUN", "PROPN"}  # "Gunfire" opening a sentence may be tagged a name
        and _lemma(tok) in lex.fire_nouns
        and tok.dep_ == "nsubj"
        and _lemma(tok.head) in lex.harm_verbs
    )


def accident_trigger(tok: Any, lex: GunfireLex) -> bool:
    """ "a hunting accident", "a shooting range accident": an accidental shooting."""
    return (
        tok.pos_ == "NOUN"
        and _lemma(tok) in lex.accident_nouns
        and bool(_left_words(tok) & lex.accident_modifiers)
    )


def _is_shooting_death(tok: Any, lex: GunfireLex) -> bool:
    """ "a fatal shooting death": the modifier is the shooting (the lexicon
    skips a noun trigger used as a modifier)."""
    return (
        tok.lower_ in lex.shooting_words
        and tok.dep_ in {"compound", "amod", "nmod"}
        and tok.head.lower_ in lex.death_nouns
    )


def gunfire_triggers(sent: Any, tax: Taxonomy, doc_air: int) -> list[Trigger]:
    """The shooting trigger of a sentence told without an attack word, if any.

    ``find_events`` asks only in articles where the lexicon found no violence:
    an article that says "was shot" elsewhere already tells the shooting, and
    a wound or a gun going off would only split or displace it (measured on
    GVC train: a pistol that "went off" in a report of the charges became the
    main event over the dated shooting). One trigger per sentence: "the two
    children died of gunshot wounds, and the father died of a self-inflicted
    gunshot wound" is one incident told victim by victim (the victims are
    counted over the whole incident).
    """
    lex = load_gunfire()
    for tok in sent:
        if tok.ent_type_ in {"GPE", "PERSON"}:
            continue
        if not (
            _is_gun_wound(tok, lex)
            or _is_discharge(tok, lex)
            or accident_trigger(tok, lex)
            or _is_shooting_death(tok, lex)
            or _opened_fire(tok, lex)
            or _fire_harmed(tok, lex)
        ):
            continue
        name = choose_subtype(tok, lex.rule, sent, tax, doc_air)
        kind = tax.subtypes[name]
        return [Trigger(tok, lex.rule, kind, kind.cameo)]
    return []


def gun_fired_alone(triggers: list[Trigger], tax: Taxonomy) -> list[Trigger]:
    """ "The shotgun fired into his leg": a gun (not a person, not a munition) as
    the subject of a fire verb is no exchange of fire between two sides, so a
    trigger the lexicon typed as an Armed clash only by default is an Attack."""
    lex = load_gunfire()
    attack = tax.subtypes["Attack"]
    out = []
    for t in triggers:
        tok = t.token
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if (
            t.kind.subtype == "Armed clash"
            and _lemma(tok) in lex.discharge_verbs
            and subjects
            and all(_lemma(c) in lex.guns for c in subjects)
        ):
            t = Trigger(tok, t.rule, attack, attack.cameo)
        out.append(t)
    return out
