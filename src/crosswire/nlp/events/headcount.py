"""How many people one victim phrase stands for, and the dead a death toll states.

Split from :mod:`crosswire.nlp.events.victims` (which finds the outcome words and
their victim phrases): ``_count_one`` reads a phrase ("nine civilians", "a man",
"John Smith", "a family of five", "both") as a kind and a number; ``_toll`` reads
"the death toll rose to 19". Numbers come only from the phrase itself, so an
address or an age never counts people.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crosswire.nlp.events.victim_forms import _pobjs, dateline, fatal_part, of_whole
from crosswire.nlp.events.victim_lex import (
    ORDINALS,
    VictimCount,
    _age,
    _age_after_name,
    _full_name,
    _kids,
    _lemma,
    _Lex,
)
from crosswire.nlp.quantities.words import number_span

# "meant to shoot and kill the child", "tried to kill her", "threatened to kill them":
# an aim, not an outcome
_AIMS = frozenset({"mean", "intend", "want", "try", "plan", "attempt", "threaten", "vow"})


def _negated_or_hedged(tok: Any, lex: _Lex) -> bool:
    for head in (tok, tok.head if tok.dep_ in {"conj", "xcomp", "acomp", "oprd"} else tok):
        for c in head.children:
            if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in lex.hedges):
                return True
    verb = tok
    for _ in range(3):
        if verb.dep_ == "xcomp" and _lemma(verb.head) in _AIMS:
            return True
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head
    return False


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
    if dateline(tok):
        return None  # "MILWAUKEE -- A girl was shot": the place the story is filed from
    whole = of_whole(tok)
    if whole is not None:
        return _count_one(whole, lex, quantities)  # "a total of five people"
    if low in lex.reflexives:
        n = lex.reflexives[low]
        return "perpetrator", n, n, n, None
    if low in ORDINALS and tok.dep_ in {"nsubj", "nsubjpass", "npadvmod"}:
        return "civilian", 1, 1, 1, None  # "... and another critically injured"
    if low in {"no", "nobody", "none"} or any(c.lower_ == "no" for c in tok.children):
        return None
    if tok.pos_ == "NUM":
        num = _number(tok)
        if num is None or _age_after_name(tok):
            return None
        noun = next(iter(_pobjs(tok, {"of"})), None)
        kind = lex.kind_of.get(_lemma(noun), "civilian") if noun is not None else "civilian"
        if noun is None and any(c.lower_ == "all" for c in _kids(tok, {"det", "predet"})):
            kind = "total"  # "All five were taken to the hospital": the suspect too
        return (kind, *_quantity_bounds(tok, num, quantities), None)
    if low == "both" and tok.dep_ in {"nsubj", "nsubjpass"} and tok.pos_ in {"PRON", "DET"}:
        return "total", 2, 2, 2, None  # "Both died at the scene": the two told, whoever
    if tok.pos_ == "PRON":
        if low in lex.singular_pron:
            return "civilian", 1, 1, 1, None
        return ("civilian", None, None, None, None) if low in lex.plural_pron else None
    if low == "old" and any(_lemma(c) == "year" for c in tok.children):
        return "civilian", 1, 1, 1, None  # "the 17-year-old was shot"
    if (
        tok.ent_type_ == "PERSON"
        or (tok.pos_ == "PROPN" and tok.ent_type_ in {"", "PERSON"})
        or _named_person_before(tok)
        # "Marcus Reed and Tony Lee were shot": a name listed with a person's name
        or (tok.pos_ == "PROPN" and any(c.ent_type_ == "PERSON" for c in tok.conjuncts))
        or (
            # "Darnell Hughes, a 17-year-old student," the tagger takes for a firm
            tok.pos_ == "PROPN"
            and tok.ent_type_ == "ORG"
            and any(c.dep_ == "appos" and _lemma(c) in lex.people for c in tok.children)
        )
    ):
        titles = {_lemma(c) for c in tok.children if c.dep_ in {"compound", "amod"}}
        kind = next((lex.kind_of[t] for t in titles if t in lex.kind_of), "civilian")
        return kind, 1, 1, 1, _full_name(tok)
    if lemma not in lex.people and low not in lex.people:
        return None
    kind = lex.kind_of.get(lemma, lex.kind_of.get(low, "civilian"))
    # "her neighbor, Tom Reed,", "his mother, Morgan, 27,"
    named = [
        c
        for c in tok.children
        if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or (c.pos_ == "PROPN" and _aged(c)))
    ]
    if named and tok.tag_ == "NN":
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
        size = _pobjs(tok, {"of"})
        num = _number(size[0]) if size and size[0].pos_ == "NUM" else None
        if num is not None:
            return (kind, *num, None)
        if lemma == "couple" and "a" in dets:
            return kind, 2, 2, 2, None
        return kind, None, None, None, None
    if tok.tag_ in {"NNS", "NNPS"} and (n := _ages_listed(tok)) > 1:
        return kind, n, n, n, None  # "his sons, ages 3 and 4": as many as the ages
    if tok.tag_ in {"NNS", "NNPS"} or lemma == "people":
        return kind, None, None, None, None
    return kind, 1, 1, 1, None


def _died_of_them(tok: Any, lex: _Lex, quantities: Sequence[Any]) -> list[VictimCount]:
    """ "Two people were shot, one fatally": those of the shot who died, a statement of
    its own (the shot still count everyone hit)."""
    out = []
    for part in fatal_part(tok, lex):
        counted = _count_one(part, lex, quantities)
        if counted is None or counted[1] is None:
            continue
        kind, value, low, high, _ = counted
        end = part.idx + len(part.text)
        out.append(VictimCount("killed", kind, value, low, high, None, part.idx, end, part.i))
    return out


def _possessive_before(v: Any, every: list[Any]) -> bool:
    """ "her older brother" parsed as two objects: "her" right before another victim's
    phrase is its possessive."""
    return v.lower_ in {"her", "his", "their"} and any(
        w.i > v.i and w.left_edge.i <= v.i + 1 for w in every if w is not v
    )


def _singular_verb(tok: Any, victims: list[Any]) -> bool:
    """The outcome's subjects take a singular "was"/"is"/"has" (on the outcome word or
    the verb it completes): conjoined role nouns are then one person."""
    if not victims or not all(v.dep_ in {"nsubj", "nsubjpass"} for v in victims):
        return False
    verbs = {v.head for v in victims}
    return any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in {"was", "is", "has"}
        for verb in verbs
        for c in verb.children
    )


# "a second man", "another victim": a person told apart from those told before
_APART = frozenset({"another", "other", "second", "third", "fourth", "fifth", "else"})
_PERSONAL = {
    **dict.fromkeys(("he", "him", "himself"), "he"),
    **dict.fromkeys(("she", "her", "herself"), "she"),
}


def _who(v: Any, lex: _Lex) -> str:
    """Who one victim told singly is (``VictimCount.who``): "he" or "she" for a personal
    or reflexive pronoun, "other" for a person told apart ("a second man", "another
    victim"), "rest" for the one left ("the other victim"), else the person noun's
    lemma ("boy" for "a 16-year-old boy")."""
    mods = {c.lower_ for c in v.children if c.dep_ in {"det", "amod", "advmod"}}
    if (v.lower_ == "other" or "other" in mods) and "the" in mods:
        return "rest"  # "the other victim": the one left of a pair or a group
    if v.lower_ in ORDINALS or mods & _APART:
        return "other"
    if v.lower_ in _PERSONAL:
        return _PERSONAL[v.lower_]
    return _lemma(v)


def _ages_listed(noun: Any) -> int:
    """ "his sons, ages 3 and 4": how many ages the words right after the noun list
    (0 when none); read off the tokens, as the parse of such lists varies."""
    doc = noun.doc
    i = noun.i + 1
    if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"ages", "aged"}:
        return 0
    n = 0
    for t in doc[i + 2 : i + 12]:
        if t.like_num:
            n += 1
        elif t.text != "," and t.lower_ != "and":
            break
    return n


def _named_person_before(tok: Any) -> bool:
    """A name the tagger misses as a person: "Darnell Hughes, 17, died" and
    "17-year-old Darnell Hughes" (a name with an age is a person), and a lone surname
    a sentence before named in full ("Rosalba Velazquez was playing with a gun ...
    Velazquez suffered a minor hand injury")."""
    if tok.pos_ != "PROPN":
        return False
    if _aged(tok):
        return True  # "19-year-old Mekko Stumblingbear", whatever the tagger made of it
    if tok.ent_type_ not in {"ORG", "GPE", "NORP", "PERSON", ""}:
        return False
    return any(
        t.text == tok.text and t.pos_ == "PROPN" and _aged(t) for t in tok.doc[: tok.i]
    ) or any(
        e.label_ == "PERSON" and e.end <= tok.i and len(e) > 1 and tok.text == e[-1].text
        for e in tok.doc.ents
    )


def _aged(name: Any) -> bool:
    """ "Darnell Hughes, 17," or "17-year-old Darnell Hughes": a name given an age."""
    for c in name.children:
        if c.dep_ == "appos" and c.like_num and c.text.isdigit() and 0 < int(c.text) < 120:
            return True
        if c.dep_ == "amod" and c.lower_ == "old" and any(_lemma(g) == "year" for g in c.children):
            return True
    return False


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
        _lemma(g) in _TOLL_WIDE for g in _pobjs(tok, {"in", "of", "from"})
    ):
        return []
    death = "death" in mods
    nums = _pobjs(tok, {"of"})
    nums = nums if death else []
    verb = tok.head if tok.dep_ in {"nsubj", "dobj"} else None
    if verb is not None and not death:
        moves = _TOLL_MOVES if tok.dep_ == "nsubj" else _TOLL_RAISES
        verb = verb if _lemma(verb) in moves else None
    if verb is not None:
        if _negated_or_hedged(verb, lex):
            return []
        nums += _pobjs(verb, _TOLL_VERB_PREPS)
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
