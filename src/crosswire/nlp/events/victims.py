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
once each, and people shot but not said to have died are the injured when no
explicit injured count is given. Only this package imports it; see
docs/events.md (Victims).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crosswire.nlp.events.victim_lex import (
    VictimCount,
    _age,
    _age_after_name,
    _at_least_one,
    _attack_noun,
    _child_self_harm,
    _dies,
    _fatal,
    _full_name,
    _in_care,
    _in_condition,
    _kids,
    _lemma,
    _Lex,
    _lex,
    _passed_away,
    _period_total,
    _reduced_passive,
    _subjects,
    _suicide,
    _to_care,
    _treated_for_wounds,
)
from crosswire.nlp.quantities.words import number_span

__all__ = ["VictimCount", "count_victims"]


def _negated_or_hedged(tok: Any, lex: _Lex) -> bool:
    for head in (tok, tok.head if tok.dep_ in {"conj", "xcomp", "acomp", "oprd"} else tok):
        for c in head.children:
            if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in lex.hedges):
                return True
    return False


def _death_in_clause(verb: Any, lex: _Lex) -> bool:
    """ "shot and killed", "shot dead", "fatally shot", "shot to death"."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in lex.fatal:
            return True
        if c.lower_ in lex.dead and c.dep_ in {"oprd", "acomp", "advmod", "xcomp", "dobj"}:
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(_lemma(g) == "death" for g in c.children):
            return True
        if c.dep_ == "conj" and lex.verbs.get(_lemma(c)) == "killed":
            return True
    return verb.dep_ == "conj" and lex.verbs.get(_lemma(verb.head)) == "killed"


def _victims_of_verb(tok: Any, outcome: str, lex: _Lex) -> list[Any]:
    passive = tok.tag_ == "VBN" and (
        any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
        or tok.dep_ in {"conj", "acl"}
        or (tok.dep_ in {"oprd", "xcomp", "ccomp"} and _lemma(tok.head) in lex.be_verbs)
        or _reduced_passive(tok)
    )
    if _lemma(tok) in {"die", "succumb"} or _passed_away(tok):
        return _subjects(tok)
    if tok.dep_ == "amod" and tok.tag_ == "VBN":
        return [tok.head]  # "one dead and three injured", "the wounded man"
    if tok.dep_ in {"oprd", "xcomp", "ccomp"} and _lemma(tok.head) in {"leave", "find"}:
        return _nearest_object(tok) or _kids(tok, {"nsubj"}) or _subjects(tok)
    objs = _kids(tok, {"dobj", "obj"})
    if not objs and tok.dep_ == "conj" and _lemma(tok.head) in {"leave", "find"}:
        # "left a girl dead and her grandmother wounded": the second participle's subject
        return _kids(tok, {"nsubj", "nsubjpass"})
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


def _nearest_object(tok: Any) -> list[Any]:
    """ "leaving two dead and three injured": the object right before the outcome word."""
    objs = [o for d in _kids(tok.head, {"dobj"}) for o in (d, *d.conjuncts) if o.i < tok.i]
    return [max(objs, key=lambda o: o.i)] if objs else []


def _victims_of_adj(tok: Any, lex: _Lex) -> list[Any]:
    """ "was pronounced dead", "found dead", "left two dead", "two dead"."""
    head = tok.head
    if tok.dep_ == "amod":
        return [head] if head.pos_ in {"NUM", "NOUN", "PROPN", "PRON"} else []
    own = _kids(tok, {"nsubj"})
    if own:
        return own
    if tok.dep_ in {"acomp", "oprd", "xcomp", "ccomp", "advmod", "attr"} and head.i != tok.i:
        if _lemma(head) in {"leave", "find"} and _kids(head, {"dobj"}):
            return _nearest_object(tok)
        if lex.verbs.get(_lemma(head)) is not None:
            return []  # "shot dead": the verb counts them
        return _subjects(head)
    return []


def _number(tok: Any) -> tuple[float, float | None, float | None] | None:
    span = number_span(tok.doc, tok.i)
    if span is None or span[1] >= 10000:
        return None
    return span[1], span[1], span[1]


def _count_one(
    tok: Any, lex: _Lex, quantities: Sequence[Any]
) -> tuple[str, float | None, float | None, float | None, str | None] | None:
    """(kind, value, low, high, name) of one victim token, None when not people."""
    low = tok.lower_
    lemma = _lemma(tok)
    if low in lex.reflexives:
        n = lex.reflexives[low]
        return "perpetrator", n, n, n, None
    if low in {"no", "nobody", "none"} or any(c.lower_ == "no" for c in tok.children):
        return None
    if tok.pos_ == "NUM":
        num = _number(tok)
        if num is None or _age_after_name(tok):
            return None
        noun = next(
            (g for c in _kids(tok, {"prep"}) if c.lower_ == "of" for g in _kids(c, {"pobj"})), None
        )
        kind = lex.kind_of.get(_lemma(noun), "civilian") if noun is not None else "civilian"
        return (kind, *_quantity_bounds(tok, num, quantities), None)
    if tok.pos_ == "PRON":
        if low in lex.singular_pron:
            return "civilian", 1, 1, 1, None
        return ("civilian", None, None, None, None) if low in lex.plural_pron else None
    if low == "old" and any(_lemma(c) == "year" for c in tok.children):
        return "civilian", 1, 1, 1, None  # "the 17-year-old was shot"
    if tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.ent_type_ in {"", "PERSON"}):
        titles = {_lemma(c) for c in tok.children if c.dep_ in {"compound", "amod"}}
        kind = next((lex.kind_of[t] for t in titles if t in lex.kind_of), "civilian")
        return kind, 1, 1, 1, _full_name(tok)
    if lemma not in lex.people and low not in lex.people:
        return None
    kind = lex.kind_of.get(lemma, lex.kind_of.get(low, "civilian"))
    named = [c for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    if named and tok.tag_ == "NN":  # "her neighbor, Tom Reed,"
        return kind, 1, 1, 1, _full_name(named[0])
    nums = [c for c in tok.children if c.dep_ == "nummod" and not _age(c)]
    for c in nums:
        num = _number(c)
        if num is not None:
            return (kind, *_quantity_bounds(c, num, quantities), None)
    dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "predet", "quantmod"}}
    for word, n in lex.pairs.items():
        if word in dets:
            return kind, n, n, n, None
    if lemma in {"family", "group", "couple"}:
        # "a family of five": the number it is of; else how many is not said
        size = [g for c in _kids(tok, {"prep"}) if c.lower_ == "of" for g in _kids(c, {"pobj"})]
        num = _number(size[0]) if size and size[0].pos_ == "NUM" else None
        if num is not None:
            return (kind, *num, None)
        if lemma == "couple" and "a" in dets:
            return kind, 2, 2, 2, None
        return kind, None, None, None, None
    if tok.tag_ in {"NNS", "NNPS"} or lemma == "people":
        return kind, None, None, None, None
    return kind, 1, 1, 1, None


def _quantity_bounds(
    tok: Any, num: tuple[float, float | None, float | None], quantities: Sequence[Any]
) -> tuple[float, float | None, float | None]:
    """A quantity's approximator ("at least five") gives the bounds when it covers the number."""
    for q in quantities:
        if q.start <= tok.idx < q.end and q.value is not None:
            return float(q.value), q.low, q.high
    return num


# A death toll counts the dead of what it is the toll of: "the death toll rose to
# 19", "brought the toll to 31", "a death toll of 40". A war's or a campaign's
# toll ("the war's death toll has passed 5,000") is a running total, not this
# incident's victims (series), and so is any toll of 10,000 or more (_number).
_TOLL_VERB_PREPS = {"to", "at"}
# A bare "toll" is a death toll only as what rises or stands ("the toll stood at
# 12", "brought the toll to 31"); "paid a toll of 5" is a fee.
_TOLL_MOVES = {"rise", "climb", "stand", "reach", "jump", "increase", "mount", "grow", "be", "hit"}
_TOLL_RAISES = {"bring", "raise", "push", "take", "put"}
_TOLL_WIDE = {"war", "conflict", "fighting", "violence", "uprising", "campaign", "crisis"}


def _toll(tok: Any, lex: _Lex, quantities: Sequence[Any]) -> list[VictimCount]:
    """The dead a death toll states, with the kinds it breaks out ("including nine civilians")."""
    mods = {_lemma(c) for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}}
    if tok.dep_ == "compound" or not mods <= {"death", "overall", "total", "official"}:
        return []  # "a toll road"; a "casualty toll" mixes dead and hurt
    if any(c.dep_ == "poss" for c in tok.children) or any(
        _lemma(g) in _TOLL_WIDE
        for c in _kids(tok, {"prep"})
        if c.lower_ in {"in", "of", "from"}
        for g in _kids(c, {"pobj"})
    ):
        return []
    death = "death" in mods
    nums = [g for c in _kids(tok, {"prep"}) if c.lower_ == "of" for g in _kids(c, {"pobj"})]
    nums = nums if death else []
    verb = tok.head if tok.dep_ in {"nsubj", "dobj"} else None
    if verb is not None and not death:
        moves = _TOLL_MOVES if tok.dep_ == "nsubj" else _TOLL_RAISES
        verb = verb if _lemma(verb) in moves else None
    if verb is not None:
        if _negated_or_hedged(verb, lex):
            return []
        nums += [
            g
            for c in _kids(verb, {"prep"})
            if c.lower_ in _TOLL_VERB_PREPS
            for g in _kids(c, {"pobj"})
        ]
        if tok.dep_ == "nsubj":
            nums += _kids(verb, {"attr", "dobj"})  # "the death toll is now 8"
    for num_tok in nums:
        if num_tok.pos_ != "NUM":
            continue
        num = _number(num_tok)
        if num is None:
            continue
        value, low, high = _quantity_bounds(num_tok, num, quantities)
        end = num_tok.idx + len(num_tok.text)
        clause = verb.i if verb is not None else tok.i
        out = [VictimCount("killed", "total", value, low, high, None, num_tok.idx, end, clause)]
        for holder in (verb, num_tok):
            for c in _kids(holder, {"prep"}) if holder is not None else ():
                if c.lower_ != "including":
                    continue
                for g in _kids(c, {"pobj"}):
                    part = _count_one(g, lex, quantities)
                    if part is not None and part[1] is not None:
                        start = min(g.left_edge.idx, g.idx)
                        kind, n, n_low, n_high, _ = part
                        out.append(
                            VictimCount(
                                "killed",
                                kind,
                                n,
                                n_low,
                                n_high,
                                None,
                                start,
                                g.idx + len(g.text),
                                g.i,
                            )
                        )
        return out
    return []


def count_victims(sent: Any, quantities: Sequence[Any] = ()) -> list[VictimCount]:
    """Victim counts stated in one sentence (or span), in text order."""
    lex = _lex()
    out: list[VictimCount] = []
    for tok in sent:
        lemma = _lemma(tok)
        outcome: str | None = None
        victims: list[Any] = []
        if tok.pos_ == "VERB" and _suicide(tok) and not _negated_or_hedged(tok, lex):
            out.append(
                VictimCount(
                    "killed", "perpetrator", 1, 1, 1, None, tok.idx, tok.idx + len(tok.text), tok.i
                )
            )
            continue
        if tok.pos_ == "VERB" and _to_care(tok, lex):
            # hurt; a later "died" makes them dead. "Treated for wounds" is alive and hurt
            outcome = "injured" if _treated_for_wounds(tok, lex) else "shot"
            victims = _victims_of_verb(tok, outcome, lex)
        elif tok.pos_ == "VERB" and _passed_away(tok):
            outcome, victims = "killed", _victims_of_verb(tok, "killed", lex)
        elif tok.pos_ in {"VERB", "AUX"} and lemma in lex.verbs:
            outcome = lex.verbs[lemma]
            if outcome == "shot" and _death_in_clause(tok, lex):
                if not any(
                    c.dep_ == "conj" and lex.verbs.get(_lemma(c)) == "killed" for c in tok.children
                ) and not (tok.dep_ == "conj" and lex.verbs.get(_lemma(tok.head)) == "killed"):
                    outcome = "killed"  # "fatally shot", "shot dead": this verb holds them
                else:
                    continue  # the conjoined "killed" counts them
            victims = _victims_of_verb(tok, outcome, lex)
        elif tok.pos_ == "NOUN" and tok.lower_ in lex.attack_nouns:
            outcome, victims = _attack_noun(tok, lex)
            if outcome == "killed" and not victims and _fatal(tok, lex):
                # "a deadly shooting": at least one killed, how many not said
                if not _negated_or_hedged(tok, lex):
                    out.append(_at_least_one(tok))
                continue
        elif tok.lower_ == "condition" and tok.pos_ == "NOUN":
            outcome, victims = "injured", _in_condition(tok, lex)
        elif tok.pos_ == "NOUN" and lemma in lex.care_places:
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
            continue  # "104 people shot in Toledo this year": a running total, not the incident
        if outcome != "killed" and tok.dep_ in {"acl", "amod"} and _dies(tok.head, lex):
            continue  # "the man injured in a shooting last week died": the latest state wins
        # "leaving two dead and three injured": each outcome word has its own object
        spread = tok.pos_ in {"VERB", "AUX"} and not (
            tok.dep_ in {"oprd", "xcomp", "ccomp"} and _lemma(tok.head) in {"leave", "find"}
        )
        every = [
            v for victim in victims for v in ((victim, *victim.conjuncts) if spread else (victim,))
        ]
        # "A four-year-old boy fatally shot himself": the child is the one victim
        self_harm = _child_self_harm(tok, every, lex)
        # "killed his girlfriend": someone's act on another (not "found the boy hurt")
        acted = tok.pos_ == "VERB" and lemma in lex.verbs
        for v in every:
            counted = _count_one(v, lex, quantities)
            if counted is None:
                continue
            kind, value, low, high, name = counted
            if self_harm:
                kind = "self"
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
                    _clause_of(tok, lex),
                    by_other,
                )
            )
    return out


def _object_of(victim: Any, verb: Any) -> bool:
    """``victim`` is the verb's object or a conjunct of it."""
    root = victim
    while root.dep_ == "conj" and root.head.i != root.i and root.head.i != verb.i:
        root = root.head
    return bool(root.dep_ in {"dobj", "obj", "conj"} and root.head.i == verb.i)


def _clause_of(tok: Any, lex: _Lex) -> int:
    """Conjoined verbs of one outcome are one statement ("shot his wife, then shot
    their three daughters": four shot)."""
    while (
        tok.dep_ == "conj"
        and tok.head.i != tok.i
        and lex.verbs.get(_lemma(tok.head)) == lex.verbs.get(_lemma(tok))
    ):
        tok = tok.head
    return int(tok.i)
