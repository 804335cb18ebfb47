"""Who a victim phrase stands for and which statement it belongs to.

Split from :mod:`crosswire.nlp.events.victims` (session 12): the people listed
with a victim ("his mother, Morgan Reed, and his brother, Joe Reed,"), the
clause a count belongs to (conjoined verbs of one outcome are one statement), and
a pronoun object that is the perpetrator told before ("a gunman killed three
people before police shot and killed him"). Rules and examples: docs/events.md
(Victims).
"""

from __future__ import annotations

from typing import Any

from crosswire.nlp.events.victim_forms import listed_apart
from crosswire.nlp.events.victim_lex import _kids, _lemma, _Lex

__all__ = ["clause_of", "listed", "perpetrator_object"]


def listed(victim: Any, lex: _Lex) -> list[Any]:
    """The victim and the people listed with it: its conjuncts, those hanging on its
    apposition ("his mother, Morgan Reed, and his brother, Joe Reed,") and an
    apposition that is another relative ("killed his 5-year-old daughter, his
    3-year-old son, and then himself", "a mother, father, and toddler"; "his wife,
    Ann," is one person)."""
    out = [victim, *victim.conjuncts]
    if victim.tag_ == "NNS" and (people := listed_apart(victim, lex)):
        return people  # "the victims, a 22-year-old man and a 19-year-old woman,"
    # "CULPEPER, Va. -- Three children and two adults were found dead": a dateline
    # parsed as the subject; the people are its apposition
    dateline = victim.ent_type_ in {"GPE", "LOC", "FAC"} or victim.text.isupper()
    for a in (c for c in victim.children if c.dep_ == "appos"):
        out += [c for c in a.conjuncts if c.i > a.i]
        if dateline and a.pos_ == "NOUN" and _lemma(a) in lex.people:
            out = [a if t.i == victim.i else t for t in out]  # the place is no victim
        elif (
            a.pos_ == "NOUN"
            and _lemma(a) in lex.people
            and _lemma(a) != _lemma(victim)
            and (
                # "his daughter, his son,": both with their own possessive
                (
                    any(c.dep_ == "poss" for c in a.children)
                    and any(c.dep_ == "poss" for c in victim.children)
                )
                # "a mother, father, and toddler": a bare list item the "and" continues
                # (not "his neighbor, a 30-year-old man, and ...")
                or (
                    any(c.i > a.i for c in a.conjuncts)
                    and not any(c.dep_ in {"det", "nummod", "amod"} for c in a.children)
                )
            )
        ):
            out += [a, *a.conjuncts]
    return list({t.i: t for t in out}.values())


def clause_of(tok: Any, lex: _Lex) -> int:
    """Conjoined verbs of one outcome are one statement ("shot his wife, then shot
    their three daughters": four shot). A noun's outcome ("in critical condition")
    belongs to the clause of the verb holding it: "one person is listed in critical
    condition and four are being treated for other injuries" (five hurt)."""
    hops = 0
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i and hops < 3:
        tok, hops = tok.head, hops + 1
    if tok.pos_ not in {"VERB", "AUX"}:
        return int(tok.i)
    while (
        tok.dep_ == "conj"
        and tok.head.i != tok.i
        and lex.verbs.get(_lemma(tok.head)) == lex.verbs.get(_lemma(tok))
    ):
        tok = tok.head
    return int(tok.i)


_OBJECT_PRON = frozenset({"him", "her"})
_GOVERNED = frozenset({"conj", "advcl", "xcomp"})


def perpetrator_object(v: Any, lex: _Lex) -> bool:
    """A pronoun object of a harm done by someone else whose governing clause tells of a
    perpetrator: "a gunman killed three people before police shot and killed him" (the
    gunman, not a fourth victim); "the gunman shot him" is a victim."""
    if v.lower_ not in _OBJECT_PRON or v.dep_ not in {"dobj", "obj"}:
        return False
    cur, agent = v.head, False
    for _ in range(6):
        subs = [s for s in _kids(cur, {"nsubj", "nsubjpass"}) if s.i != v.i]
        if subs and not agent:
            if lex.kind_of.get(_lemma(subs[0])) == "perpetrator":
                return False  # the perpetrator's own act: its object is a victim
            agent = True
        elif subs:
            return lex.kind_of.get(_lemma(subs[0])) == "perpetrator"
        if cur.dep_ not in _GOVERNED or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False
