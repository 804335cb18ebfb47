"""Trigger detection and argument rules for event mentions (used by ``events``).

Everything word-like lives in ``data/event_taxonomy.json``; this module holds
the logic that reads the dependency parse: which tokens are triggers, which
sub-event type a trigger gets from its context, and which tokens are the
actor and target arguments of a trigger.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.datafiles import read_json

VIOLENT_TYPES = frozenset({"Explosions/Remote violence", "Battles", "Violence against civilians"})
_SUBJ = {"nsubj", "csubj"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "obj", "attr", "oprd"}
# Clause boundaries: arguments are not looked for below these.
_CLAUSE_DEPS = {"relcl", "ccomp", "advcl", "parataxis", "conj", "xcomp", "csubj"}


@dataclass(frozen=True)
class SubType:
    """One entry of the taxonomy: ACLED-style type and subtype, CAMEO root, rank."""

    type: str
    subtype: str
    cameo: str | None
    priority: int


@dataclass(frozen=True)
class TriggerRule:
    """One trigger lexicon row: lemmas, parts of speech and how the subtype is chosen."""

    lemmas: frozenset[str]
    pos: frozenset[str]
    subtype: str
    default: str | None = None
    cameo: str | None = None
    needs_object: frozenset[str] = frozenset()
    needs_prep: frozenset[str] = frozenset()
    needs_prep_or_object: frozenset[str] = frozenset()
    needs_object_any: frozenset[str] = frozenset()
    verb_only: frozenset[str] = frozenset()
    forbid_object: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Taxonomy:
    """The parsed ``event_taxonomy.json``."""

    subtypes: dict[str, SubType]
    rules: tuple[TriggerRule, ...]
    context: tuple[tuple[str, frozenset[str]], ...]
    document_air_words: int
    civilian: frozenset[str]
    combatant: frozenset[str]
    abduction_objects: frozenset[str]
    territory_objects: frozenset[str]
    light_verbs: frozenset[str]
    target_preps: frozenset[str]
    actor_preps: frozenset[str]
    place_preps: frozenset[str]
    negators: frozenset[str]
    phrasal_exclusions: dict[str, frozenset[str]]
    plural_only: frozenset[str]
    event_heads: frozenset[str]
    force_heads: frozenset[str]
    force_modifiers: frozenset[str]
    number_nouns: dict[str, str]
    casualty: dict[str, str]
    people: frozenset[str]
    protest_force: frozenset[str] = frozenset()
    protest_intervention: frozenset[str] = frozenset()
    one_sided: frozenset[str] = frozenset()
    accident_words: frozenset[str] = frozenset()


@dataclass
class Trigger:
    """A trigger token with its rule and the chosen subtype."""

    token: Any
    rule: TriggerRule
    kind: SubType
    cameo: str | None


def _set(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


@functools.lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """Parse ``data/event_taxonomy.json`` (cached, one copy per process)."""
    raw: dict[str, Any] = read_json("event_taxonomy.json")
    subtypes = {
        s["subtype"]: SubType(s["type"], s["subtype"], s["cameo"], s["priority"])
        for s in raw["subtypes"]
    }
    rules = tuple(
        TriggerRule(
            lemmas=_set(r["lemmas"]),
            pos=frozenset(r["pos"]),
            subtype=r["subtype"],
            default=r.get("default"),
            cameo=r.get("cameo"),
            needs_object=_set(r.get("needs_object", ())),
            needs_prep=_set(r.get("needs_prep", ())),
            needs_prep_or_object=_set(r.get("needs_prep_or_object", ())),
            needs_object_any=_set(r.get("needs_object_any", ())),
            verb_only=_set(r.get("verb_only", ())),
            forbid_object=_set(r.get("forbid_object", ())),
        )
        for r in raw["triggers"]
    )
    context = tuple((k, _set(v)) for k, v in raw["context"].items() if not k.startswith("_"))
    slots = raw["number_slots"]
    return Taxonomy(
        subtypes=subtypes,
        rules=rules,
        context=context,
        document_air_words=int(raw["document_air_words"]),
        civilian=_set(raw["victims"]["civilian"]),
        combatant=_set(raw["victims"]["combatant"]),
        abduction_objects=_set(raw["abduction_objects"]),
        territory_objects=_set(raw["territory_objects"]),
        light_verbs=_set(raw["light_verbs"]),
        target_preps=_set(raw["target_preps"]),
        actor_preps=_set(raw["actor_preps"]),
        place_preps=_set(raw["place_preps"]),
        negators=_set(raw["negators"]),
        plural_only=_set(raw["plural_only"]["lemmas"]),
        event_heads=_set(raw["event_heads"]["lemmas"]),
        phrasal_exclusions={
            k: _set(v) for k, v in raw["phrasal_exclusions"].items() if not k.startswith("_")
        },
        force_heads=_set(raw["state_force_heads"]),
        force_modifiers=_set(raw["state_force_modifiers"]),
        number_nouns={k: v for k, v in slots["nouns"].items() if not k.startswith("_")},
        casualty=dict(slots["casualty"]),
        people=_set(slots["people"]),
        protest_force=_set(raw["protest_force"]["force"]),
        protest_intervention=_set(raw["protest_force"]["intervention"]),
        one_sided=_set(raw["one_sided_attackers"]["lemmas"]),
        accident_words=_set(raw["accidents"]["words"]),
    )


def _lemma(tok: Any) -> str:
    return str(tok.lemma_).lower()


def _children(tok: Any, deps: set[str]) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def objects(tok: Any) -> list[Any]:
    """Direct objects of a verb, with their conjuncts ("bases and depots")."""
    out: list[Any] = []
    for obj in _children(tok, _OBJ):
        out.append(obj)
        out.extend(obj.conjuncts)
    return out


def prep_objects(tok: Any, preps: Iterable[str]) -> list[Any]:
    """Objects of the given prepositions attached to ``tok`` ("strikes on X")."""
    wanted = set(preps)
    out: list[Any] = []
    for child in tok.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in wanted:
            for pobj in _children(child, {"pobj", "pcomp"}):
                out.append(pobj)
                out.extend(pobj.conjuncts)
        elif child.dep_ == "acl" and child.lower_ in wanted:  # "targeting X"
            out.extend(objects(child))
    return out


def _rule_applies(tok: Any, rule: TriggerRule, tax: Taxonomy) -> bool:
    lemma = _lemma(tok)
    if lemma not in rule.lemmas and tok.lower_ not in rule.lemmas:
        return False
    particles = {
        c.lower_
        for c in tok.children
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == tok.i + 1)
    }
    if particles & tax.phrasal_exclusions.get(lemma, frozenset()):
        return False
    pos = tok.pos_ if tok.pos_ != "AUX" else "VERB"
    if pos not in rule.pos:
        return False
    if lemma in rule.verb_only and pos != "VERB":
        return False
    if pos == "NOUN" and lemma in tax.plural_only and tok.tag_ != "NNS":
        return False
    # "combat footage", "combat sorties": a modifier, not the event itself
    if (
        pos == "NOUN"
        and tok.dep_ in {"compound", "amod"}
        and _lemma(tok.head) not in tax.event_heads
    ):
        return False
    objs = {_lemma(o) for o in objects(tok)} | {_lemma(o) for o in _children(tok, _PASS_SUBJ)}
    # "on Wednesday" is a date, not a direction of fire
    preps = {
        c.lower_
        for c in tok.children
        if c.dep_ in {"prep", "prt"}
        and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children)
    }
    if objs & rule.forbid_object:
        return False
    needs = rule.needs_object or rule.needs_prep
    if needs and not (objs & rule.needs_object or preps & rule.needs_prep):
        return False
    if rule.needs_prep_or_object and not (preps & rule.needs_prep_or_object or objs):
        return False
    if rule.needs_object_any:
        near = {_lemma(t) for t in tok.subtree} | {_lemma(t) for t in tok.head.subtree}
        if not near & rule.needs_object_any:
            return False
    return True


# Rule positions by listed word, per taxonomy (keyed by id, holding the
# taxonomy so the id stays its own): trying every rule on every noun and verb
# was the event step's main cost.
_RULE_INDEX: dict[int, tuple[Taxonomy, dict[str, frozenset[int]]]] = {}


def _rules_by_word(tax: Taxonomy) -> dict[str, frozenset[int]]:
    """For each word some rule lists, the positions in ``tax.rules`` of those rules."""
    hit = _RULE_INDEX.get(id(tax))
    if hit is not None and hit[0] is tax:
        return hit[1]
    index: dict[str, set[int]] = {}
    for n, rule in enumerate(tax.rules):
        for word in rule.lemmas:
            index.setdefault(word, set()).add(n)
    frozen = {word: frozenset(ns) for word, ns in index.items()}
    _RULE_INDEX[id(tax)] = (tax, frozen)
    return frozen


def find_triggers(
    sent: Any, tax: Taxonomy, doc_air: int, candidates: Sequence[int] | None = None
) -> list[Trigger]:
    """Trigger tokens of one sentence with their chosen subtype, in text order.

    ``candidates`` (ascending token indices of the doc) limits the tokens
    looked at; it must hold every token that could be a trigger.
    """
    found: list[Trigger] = []
    by_word = _rules_by_word(tax)
    tokens: Iterable[Any] = sent
    if candidates is not None:
        lo = bisect.bisect_left(candidates, sent.start)
        hi = bisect.bisect_left(candidates, sent.end)
        tokens = [sent.doc[i] for i in candidates[lo:hi]]
    for tok in tokens:
        if tok.pos_ not in {"NOUN", "VERB", "PROPN", "AUX"} or tok.ent_type_ in {"GPE", "PERSON"}:
            continue
        # Only rules listing the token's lemma or lower-case form can apply
        # (the first test in _rule_applies); same rules, same order.
        wanted = by_word.get(_lemma(tok), frozenset()) | by_word.get(tok.lower_, frozenset())
        if not wanted:
            continue
        for n in sorted(wanted):
            rule = tax.rules[n]
            if not _rule_applies(tok, rule, tax):
                continue
            name = choose_subtype(tok, rule, sent, tax, doc_air)
            if not name:
                break  # the word is no event here
            kind = tax.subtypes[name]
            found.append(Trigger(tok, rule, kind, rule.cameo or kind.cameo))
            break
    return found


def choose_subtype(tok: Any, rule: TriggerRule, sent: Any, tax: Taxonomy, doc_air: int) -> str:
    """The subtype of a trigger: fixed, from context, territory or victims ("": none)."""
    if rule.subtype == "context":
        # A modifier of the trigger itself ("missile strike") beats the sentence.
        near = {_lemma(c) for c in tok.children} | {_lemma(tok)}
        words = {_lemma(t) for t in sent} | {t.lower_ for t in sent}
        for scope in (near, words):
            for name, cues in tax.context:
                if scope & cues:
                    return name
        if rule.default == "Air/drone strike" and doc_air < tax.document_air_words:
            return "Armed clash"
        return rule.default or "Armed clash"
    if rule.subtype == "territory":
        # Who captures decides: a state regains, anyone else overtakes.
        objs = objects(tok)
        if any(_lemma(o) in tax.abduction_objects or o.ent_type_ == "PERSON" for o in objs):
            return "Abduction/forced disappearance"
        if objs and all(o.pos_ == "NOUN" and _lemma(o) not in tax.territory_objects for o in objs):
            return ""  # "captured a monster alligator": no land taken, no event
        return rule.default or "Non-state actor overtakes territory"
    if rule.subtype == "victims":
        victims = [_lemma(t) for t in victim_tokens(tok)]
        # Battles need two organised armed sides: a gunman shooting police is an attack
        if (
            any(v in tax.combatant for v in victims)
            and not any(v in tax.civilian for v in victims)
            and not any(_lemma(a) in tax.one_sided for a in subject(tok) + passive_agent(tok))
        ):
            return "Armed clash"
        return rule.default or "Attack"
    if rule.subtype == "protest":
        # ACLED: force against protesters, or an intervention (dispersal, arrests)
        words = {t.lower_ for t in sent}
        if words & tax.protest_force:
            return "Excessive force against protesters"
        if words & tax.protest_intervention:
            return "Protest with intervention"
        return rule.default or "Peaceful protest"
    return rule.subtype


def victim_tokens(tok: Any) -> list[Any]:
    """Who was hit: the object, the passive subject, or what a quantity counts."""
    out = objects(tok) + _children(tok, _PASS_SUBJ)
    if tok.dep_ == "acl":  # "10 Russian soldiers killed in Ukraine"
        out.append(tok.head)
    if tok.pos_ == "NOUN":
        out += prep_objects(tok, {"of"})
    return out


def subject(tok: Any) -> list[Any]:
    """Active subjects of a verb trigger (with conjuncts), climbing through
    infinitives, gerunds and conjoined verbs ("... , killing 8" inherits the
    killer; "accused Moscow of killing" takes the accused)."""
    subs = _children(tok, _SUBJ)
    if subs:
        return [s for sub in subs for s in (sub, *sub.conjuncts)]
    head = tok.head
    if tok.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
        verb = head.head
        objs = objects(verb)
        return objs or subject(verb)
    if tok.dep_ in {"xcomp", "advcl", "conj", "dep"} and head.i != tok.i:
        if tok.dep_ == "xcomp" and objects(head):  # "urged Moscow to stop"
            return objects(head)
        return subject(head) if head.pos_ in {"VERB", "AUX"} else []
    return []


def passive_agent(tok: Any) -> list[Any]:
    """The ``by`` phrase of a passive verb."""
    return prep_objects(tok, {"by"})


def noun_actor_tokens(tok: Any, tax: Taxonomy) -> list[Any]:
    """Actor words inside a nominal trigger: possessor, demonym, compound, by/from."""
    out = [c for c in tok.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
    out += prep_objects(tok, tax.actor_preps)
    return out


def clause_tokens(tok: Any, top: bool = True) -> Iterator[Any]:
    """``tok``'s phrase without relative/adverbial clauses and place phrases.

    Conjuncts of the argument itself are separate arguments (skipped at the
    top); conjuncts deeper down ("diplomats from Russia and the US") are kept.
    """
    yield tok
    for child in tok.children:
        if child.dep_ == "conj":
            if top:
                continue
        elif child.dep_ in _CLAUSE_DEPS or child.dep_ == "appos":
            continue
        if child.dep_ == "prep" and child.lower_ in {"in", "near", "outside", "around", "across"}:
            continue
        yield from clause_tokens(child, top=False)


def negation_of(tok: Any, tax: Taxonomy) -> bool:
    """True when the trigger, or the verb it is the subject/object of, is negated."""
    heads = [tok]
    if tok.dep_ in _SUBJ | _PASS_SUBJ | _OBJ and tok.head.i != tok.i:
        heads.append(tok.head)
    for head in heads:
        for child in head.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return True
    return False
