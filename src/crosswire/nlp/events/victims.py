"""Victims counted from the parse: who was killed, injured or shot, and how many.

A count of people needs a person noun (or a numeral, quantifier, name or
pronoun standing for people) tied to an outcome word: "two men were shot and
killed" (2 killed), "a woman was wounded" (1 injured), "John Smith, 24, died"
(1 killed, named), "the gunman then killed himself" (1 perpetrator killed),
"leaving two dead and three injured". Numbers are never read off the text
around the outcome, so addresses, money, ages, years or populations cannot
become victims. "Shot" alone is an injury unless the same clause states death
("shot and killed", "shot dead", "fatally shot", "shot to death").
Negated or hedged outcomes ("was not hurt", "could have been killed") count
nothing. :func:`tally` turns the counts of one incident into figures: within
an article the latest and largest statement wins, named victims are counted
once each; people shot and not said to have died are the injured when no
injured count is given (docs/events.md, Victims).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crosswire.nlp.events.headcount import (
    _count_one,
    _died_of_them,
    _negated_or_hedged,
    _possessive_before,
    _singular_verb,
    _toll,
    _who,
)
from crosswire.nlp.events.victim_clauses import clause_of, listed, perpetrator_object
from crosswire.nlp.events.victim_forms import (
    _antecedent,
    _nearest_object,
    _numbered,
    _object_of,
    added,
    antecedent,
    declared_dead,
    left_with_wounds,
    mild_wounds,
    reduced_relative,
    released,
    survives,
    with_wounds,
    wounds_from,
)
from crosswire.nlp.events.victim_lex import (
    VictimCount,
    _at_least_one,
    _attack_noun,
    _care_place,
    _child_self_harm,
    _dies,
    _disputed,
    _fatal,
    _in_care,
    _in_condition,
    _kids,
    _lemma,
    _Lex,
    _lex,
    _passed_away,
    _reduced_passive,
    _subjects,
    _suffered_wounds,
    _suicide,
    _to_care,
    _treated_for_wounds,
    _victim_age,
)
from crosswire.nlp.events.victim_periods import _period_total

__all__ = ["VictimCount", "count_victims"]


def _death_in_clause(verb: Any, lex: _Lex) -> bool:
    """ "shot and killed", "shot dead", "fatally shot", "shot to death"."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in lex.fatal:
            return True
        if c.lower_ in lex.dead and c.dep_ in {"oprd", "acomp", "advmod", "xcomp", "dobj"}:
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(_lemma(g) == "death" for g in c.children):
            return True
        if _conj_death(c, lex):
            return True
    # "killed and shot" (not "a man was killed and a woman was shot": her own subject)
    return (
        verb.dep_ == "conj"
        and lex.verbs.get(_lemma(verb.head)) == "killed"
        and not _kids(verb, {"nsubj", "nsubjpass"})
    )


def _conj_death(c: Any, lex: _Lex) -> bool:
    """A death conjoined to the shooting that befell the people shot: "shot and killed",
    "was shot and later died", "shot him and he died"; not "shot her and then killed
    himself", nor a death with another subject ("two men were shot and one died") or
    object ("shot two people and killed a man")."""
    if c.dep_ != "conj" or lex.verbs.get(_lemma(c)) != "killed" or _self_only(c, lex):
        return False
    if _kids(c, {"dobj"}) and _kids(c.head, {"dobj"}):
        return False  # "shot two people and killed a third": each verb its own victims
    return all(s.lower_ in _PERSONAL for s in _kids(c, {"nsubj", "nsubjpass"}))


def _self_only(verb: Any, lex: _Lex) -> bool:
    """ "shot her and then killed himself": the killing is the shooter's own death, not
    a death of the people shot (they stay shot)."""
    objs = _kids(verb, {"dobj", "obj"})
    return bool(objs) and all(o.lower_ in lex.reflexives for o in objs)


def _victims_of_verb(tok: Any, outcome: str, lex: _Lex) -> list[Any]:
    passive = (
        tok.tag_ == "VBN"
        and (
            any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
            or tok.dep_ in {"conj", "acl"}
            or (tok.dep_ in {"oprd", "xcomp", "ccomp"} and _lemma(tok.head) in lex.be_verbs)
            or _reduced_passive(tok)
        )
        or reduced_relative(tok, lex)
    )
    if _lemma(tok) in {"die", "succumb"} or _passed_away(tok):
        return _subjects(tok)
    if tok.dep_ == "amod" and tok.tag_ == "VBN":
        return [tok.head]  # "one dead and three injured", "the wounded man"
    if tok.dep_ in {"oprd", "xcomp", "ccomp", "advcl"} and _lemma(tok.head) in {"leave", "find"}:
        return _nearest_object(tok) or _kids(tok, {"nsubj"}) or _subjects(tok)
    objs = _kids(tok, {"dobj", "obj"})
    if not objs and tok.dep_ == "conj" and _lemma(tok.head) in {"leave", "find"}:
        # "left a girl dead and her grandmother wounded": the second participle's subject
        return _kids(tok, {"nsubj", "nsubjpass"}) or [  # "left 1 dead and 2 injured"
            c for c in _kids(tok, {"npadvmod"}) if c.pos_ == "NUM"
        ]
    if objs:
        # "shot his wife and then himself": the reflexive hangs on the verb
        return objs + [c for c in tok.children if c.dep_ == "conj" and c.lower_ in lex.reflexives]
    if passive:
        return _subjects(tok)
    if outcome == "shot":  # "opened fire and shot two men": the object sits on a conjunct
        for c in tok.conjuncts:
            if _kids(c, {"dobj"}):
                return []
    return []


def _victims_of_adj(tok: Any, lex: _Lex) -> list[Any]:
    """ "was pronounced dead", "found dead", "left two dead", "two dead"."""
    head = tok.head
    if tok.dep_ == "amod":
        return [head] if head.pos_ in {"NUM", "NOUN", "PROPN", "PRON"} else []
    own = _kids(tok, {"nsubj"})
    if own:
        return own
    if tok.dep_ in {"acomp", "oprd", "xcomp", "ccomp", "advmod", "attr"} and head.i != tok.i:
        if (_lemma(head) in {"leave", "find"} and _kids(head, {"dobj"})) or declared_dead(head):
            return _nearest_object(tok)
        if lex.verbs.get(_lemma(head)) is not None:
            return []  # "shot dead": the verb counts them
        return _subjects(head)
    return []


def count_victims(sent: Any, quantities: Sequence[Any] = ()) -> list[VictimCount]:
    """Victim counts stated in one sentence (or span), in text order."""
    lex = _lex()
    out: list[VictimCount] = []
    tallied = False  # the sentence states a running total or a round-up
    for tok in sent:
        lemma = _lemma(tok)
        outcome: str | None = None
        victims: list[Any] = []
        if tok.pos_ == "VERB" and _suicide(tok) and not _negated_or_hedged(tok, lex):
            # "an 11-year-old girl took her own life": a self-harm, the one victim
            # unless someone else was harmed; "the gunman took his own life"
            gunman = any(lex.kind_of.get(_lemma(s)) == "perpetrator" for s in _subjects(tok))
            out.append(
                VictimCount(
                    "killed",
                    "perpetrator" if gunman else "self",
                    1,
                    1,
                    1,
                    None,
                    tok.idx,
                    tok.idx + len(tok.text),
                    tok.i,
                    singly=True,
                )
            )
            continue
        if tok.pos_ == "VERB" and (_to_care(tok, lex) or released(tok, lex)):
            # hurt; a later "died" makes them dead. "Treated for wounds", "treated and
            # released", "taken to the hospital with minor injuries" are alive and hurt
            alive = _treated_for_wounds(tok, lex) or released(tok, lex) or mild_wounds(tok, lex)
            outcome = "injured" if alive else "shot"
            victims = _victims_of_verb(tok, outcome, lex)
        elif tok.pos_ == "VERB" and (hurt := wounds_from(tok, lex)) is not None:
            outcome, victims = hurt, _subjects(tok)  # "recovering from gunshot wounds"
        elif tok.pos_ == "VERB" and (left := left_with_wounds(tok, lex)) is not None:
            outcome, victims = left  # "the gunfire left a man with gunshot wounds"
        elif (held := with_wounds(tok, lex)) is not None:
            outcome, victims = held  # "showed up at a hospital with a gunshot wound"
        elif tok.pos_ == "VERB" and (hurt := _suffered_wounds(tok, lex)) is not None:
            outcome, victims = hurt, _subjects(tok)
        elif tok.pos_ == "VERB" and _passed_away(tok):
            outcome, victims = "killed", _victims_of_verb(tok, "killed", lex)
        elif tok.pos_ in {"VERB", "AUX"} and lemma in lex.verbs:
            outcome = lex.verbs[lemma]
            if outcome == "shot" and _death_in_clause(tok, lex):
                if not any(_conj_death(c, lex) for c in tok.children) and not (
                    tok.dep_ == "conj" and lex.verbs.get(_lemma(tok.head)) == "killed"
                ):
                    outcome = "killed"  # "fatally shot", "shot dead": this verb holds them
                else:
                    continue  # the conjoined "killed" counts them
            if outcome == "injured" and any(
                c.dep_ == "advmod" and c.lower_ in lex.fatal for c in tok.children
            ):
                outcome = "killed"  # "was fatally wounded", "fatally injuring the woman"
            victims = _victims_of_verb(tok, outcome, lex)
            if outcome == "shot" and survives(tok):
                outcome = "injured"  # "was shot in the leg and is expected to survive"
        elif tok.pos_ == "NOUN" and tok.lower_ in lex.attack_nouns:
            outcome, victims = _attack_noun(tok, lex)
            if outcome == "killed" and not victims and _fatal(tok, lex):
                # "a deadly shooting": at least one killed, how many not said
                if not _negated_or_hedged(tok, lex):
                    out.append(_at_least_one(tok))
                continue
        elif tok.lower_ == "condition" and tok.pos_ == "NOUN":
            outcome, victims = "injured", _in_condition(tok, lex)
        elif tok.pos_ in {"NOUN", "PROPN"} and _care_place(tok, lex):
            outcome, victims = "injured", _in_care(tok, lex)
        elif tok.pos_ == "NOUN" and lemma == "toll":
            out.extend(_toll(tok, lex, quantities))
            continue
        elif tok.pos_ == "NOUN" and lemma in lex.death_nouns:
            # "the shooting death of a three-year-old", "the deaths of four women"
            outcome = "killed"
            victims = [
                g for c in _kids(tok, {"prep"}) if c.lower_ == "of" for g in _kids(c, {"pobj"})
            ]
        elif tok.lower_ in lex.dead and tok.pos_ in {"ADJ", "NOUN", "ADV"}:
            outcome, victims = "killed", _victims_of_adj(tok, lex)
        elif tok.lower_ in lex.injured_adj and tok.pos_ == "ADJ":
            outcome, victims = "injured", _victims_of_adj(tok, lex)
        if outcome is None or not victims or _negated_or_hedged(tok, lex):
            continue
        if _period_total(tok):
            tallied = True
            continue  # "104 people shot in Toledo this year": a running total, not the incident
        if outcome != "killed" and tok.dep_ in {"acl", "amod"} and _dies(tok.head, lex):
            continue  # "the man injured in a shooting last week died": the latest state wins
        if outcome != "killed" and _then_died(tok, lex):
            continue  # "was taken to the hospital in critical condition, and she later died"
        # "leaving two dead and three injured": each outcome word has its own object;
        # conjoined subjects share theirs ("a mother and her son were found shot to
        # death", "Joe and Ann Carter were deceased")
        spread = (
            tok.pos_ in {"VERB", "AUX"}
            and not (
                tok.dep_ in {"oprd", "xcomp", "ccomp"} and _lemma(tok.head) in {"leave", "find"}
            )
        ) or all(v.dep_ in {"nsubj", "nsubjpass"} for v in victims)
        victims = [_antecedent(v) for v in victims]
        # "a husband and father of two was shot": a singular verb, one person
        spread = spread and not _singular_verb(tok, victims)
        every = [v for victim in victims for v in (listed(victim, lex) if spread else (victim,))]
        # "A four-year-old boy fatally shot himself": the child is the one victim
        self_harm = _child_self_harm(tok, every, lex)
        if self_harm and _disputed(tok, lex):
            continue  # a staged or rumoured self-harm: the claim is not the outcome
        # "killed his girlfriend": someone's act on another (not "found the boy hurt")
        acted = tok.pos_ == "VERB" and lemma in lex.verbs
        for v in every:
            if _possessive_before(v, every):
                continue  # "fatally shooting her older brother": "her" is his, no victim
            counted = _count_one(v, lex, quantities)
            if counted is None:
                continue
            kind, value, low, high, name = counted
            if self_harm:
                kind = "self"
            elif perpetrator_object(v, lex):
                kind = "perpetrator"  # "... before police shot and killed him": the gunman
            # "Daniels was taken to a hospital where he died": "he" is Daniels
            told = antecedent(v, lex) or v
            same = _count_one(told, lex, quantities) if told is not v else None
            if same is None or same[1] != 1:
                told = v  # no one person ("Gallery: ... where she was hit")
            elif name is None:
                name = same[4]
            # the object of the harm itself ("killed his wife and her mother"), not of
            # another verb ("found the boy hurt")
            by_other = acted and _object_of(v, tok)
            by_other = by_other and v.lower_ not in lex.reflexives
            out.append(
                VictimCount(
                    outcome,
                    kind,
                    value,
                    low,
                    high,
                    name,
                    min(v.left_edge.idx, v.idx),  # "nine civilians", "a man"
                    v.idx + len(v.text),
                    # "The youth was taken ... He suffered a gunshot wound": a pronoun
                    # subject of a conjoined verb is someone already told
                    tok.i if _told_before(v, tok, lex) else clause_of(tok, lex),
                    by_other,
                    _victim_age(told) if value == 1 else None,
                    value == 1 and not _numbered(v),
                    _who(told, lex) if value == 1 and not _numbered(v) else None,
                    *added(v, tok),
                )
            )
        if outcome == "shot" and tok.pos_ == "VERB":
            out.extend(_died_of_them(tok, lex, quantities))
    if tallied:
        # "He was one of three people killed and 27 wounded over an eight-hour stretch":
        # the sentence's other groups belong to the round-up too; single victims stay
        out = [c for c in out if c.value == 1 and c.kind != "total"]
    return out


_PERSONAL = frozenset({"he", "she", "they"})  # "one", "someone" may be another person


def _then_died(tok: Any, lex: _Lex) -> bool:
    """The clause goes on to the same person's death, a later conjoined "die" with no
    subject or a pronoun ("in critical condition, and she later died"; not "his wife")."""
    verb, hops = tok, 0
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i and hops < 3:
        verb, hops = verb.head, hops + 1
    for c in verb.children:
        if c.dep_ != "conj" or c.i < verb.i:
            continue
        if _lemma(c) not in {"die", "succumb"} and not _passed_away(c):
            continue
        subjects = _kids(c, {"nsubj", "nsubjpass"})
        if all(s.lower_ in _PERSONAL for s in subjects):
            return True
    return False


def _told_before(v: Any, tok: Any, lex: _Lex) -> bool:
    """A pronoun subject of a verb conjoined to one whose subject is a noun ("the youth
    was taken ... he suffered") is that person again ("he was shot and she was
    grazed" are two)."""
    if v.lower_ not in lex.singular_pron or tok.dep_ != "conj" or tok.head.i == tok.i:
        return False
    return any(s.pos_ in {"NOUN", "PROPN"} for s in _kids(tok.head, {"nsubj", "nsubjpass"}))
