"""What is an event: a specific occurrence the text asserts happened (or is under way).

:func:`factuality` says why a trigger is *not* an event, or returns
``"asserted"``. Not events (they stay claims, quantities and series):

* ``hypothetical``: planned, wanted, threatened, conditional or future acts
  ("will strike", "plans to attack", "vowed to retaliate", "could have been
  killed", "if the strikes continue");
* ``habitual``: campaign-long summaries ("has carried out near-daily strikes
  for a year", "has been bombing since September 30", "regularly shells");
* ``tally``: war-wide counts ("400,000 people have been killed in the
  conflict", "since the war began");
* ``reference``: a bare noun naming violence already told or talked about
  inside a statement, accusation or denial about it ("the rumours that the
  target of these air strikes", "gave only an hour's notice of the strikes",
  "rejected accusations its air strikes targeted ...") with no date, place or
  number of its own.

Negated occurrences keep their ``negated`` flag (they feed disputes). The
word lists are in ``data/event_taxonomy.json`` (``factuality``); rules and
examples in docs/events.md.
"""

from __future__ import annotations

import functools
from typing import Any

from crosswire.datafiles import read_json

__all__ = ["factuality", "follow_up_subjects", "follow_up_words"]


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    raw: dict[str, Any] = read_json("event_taxonomy.json")["factuality"]
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


def follow_up_words() -> frozenset[str]:
    """Lemmas of acts that come after an incident (legal steps, naming the victim,
    funerals): a date they govern times them, not the violence they refer to."""
    return _words()["follow_up"]


def follow_up_subjects() -> frozenset[str]:
    """Subject nouns of later acts ("investigation", "funeral services"): a clause about
    them dates that act, whatever its verb ("was underway Wednesday", "are tonight")."""
    return _words()["follow_up_subjects"] | _words()["follow_up"]


def _lemma(tok: Any) -> str:
    return str(tok.lemma_).lower()


def _clause_verb(tok: Any) -> Any:
    """The verb a trigger belongs to: itself, or the verb governing its noun phrase."""
    seen = 0
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i and seen < 6:
        tok = tok.head
        seen += 1
    return tok


def _hypothetical(tok: Any, w: dict[str, frozenset[str]]) -> bool:
    verb = _clause_verb(tok)
    chain = [verb]
    # climb through "to"-infinitives and complements: "plans to attack", "vowed to hit"
    cur = verb
    for _ in range(3):
        if cur.dep_ in {"xcomp", "ccomp", "advcl", "conj", "aux"} and cur.head.i != cur.i:
            cur = cur.head
            chain.append(cur)
        else:
            break
    for v in chain:
        for c in v.children:
            if c.dep_ == "aux" and c.lower_ in w["modals"]:
                return True
            if c.dep_ == "mark" and c.lower_ in w["conditionals"]:
                return True
    # "plans to attack", "wants Putin to attack": an infinitive under a wish or plan
    # ("warned that gunmen killed two" is a statement of what happened, not a plan)
    for lower, upper in zip(chain, chain[1:], strict=False):
        infinitive = lower.dep_ == "xcomp" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in lower.children
        )
        if infinitive and _lemma(upper) in w["irrealis_governors"]:
            return True
    return tok is not verb and _lemma(verb) in w["irrealis_governors"]


def _habitual(tok: Any, sent: Any, w: dict[str, frozenset[str]]) -> bool:
    verb = _clause_verb(tok)
    words = {t.lower_ for t in verb.subtree} | {t.lower_ for t in tok.subtree}
    if words & w["habitual_adverbs"]:
        return True
    perfect = any(c.dep_ == "aux" and _lemma(c) == "have" for c in verb.children)
    progressive = verb.tag_ == "VBG" and any(_lemma(c) == "be" for c in verb.children)
    spans_time = any(c.dep_ == "prep" and c.lower_ in {"since", "for"} for c in verb.children)
    return perfect and progressive and spans_time


def _tally(tok: Any, w: dict[str, frozenset[str]]) -> bool:
    verb = _clause_verb(tok)
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in {"in", "during", "since", "throughout"}:
            if any(_lemma(g) in w["war_nouns"] for g in c.children):
                return True
            if c.lower_ == "since" and any(g.pos_ in {"NUM", "PROPN"} for g in c.children):
                perfect = any(a.dep_ == "aux" and _lemma(a) == "have" for a in verb.children)
                if perfect:
                    return True
    return False


def _reference(tok: Any, in_claim: bool, has_own: bool, w: dict[str, frozenset[str]]) -> bool:
    if tok.pos_ not in {"NOUN", "PROPN"} or has_own:
        return False
    if (
        tok.dep_ in {"nsubj", "nsubjpass", "dobj"}
        and _lemma(tok.head) in w["occurrence_predicates"]
    ):
        return False  # "the shooting happened", "carried out strikes": told, not referred to
    governors = [a for a in tok.ancestors][:4]
    about = any(_lemma(a) in w["talk_about"] for a in governors)
    if not (in_claim or about):
        return False
    dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "poss"}}
    definite = bool(dets & w["definite"]) or any(c.dep_ == "poss" for c in tok.children)
    return definite or (tok.tag_ == "NNS" and not dets)


def factuality(tok: Any, sent: Any, *, in_claim: bool, has_own: bool) -> str:
    """``asserted`` or why the trigger ``tok`` is not an event (see module docstring).

    ``in_claim``: the trigger is inside a claim's content; ``has_own``: its
    clause gives it a date, a place or a number of its own.
    """
    w = _words()
    if _hypothetical(tok, w):
        return "hypothetical"
    if _tally(tok, w):
        return "tally"
    if _habitual(tok, sent, w):
        return "habitual"
    if _reference(tok, in_claim, has_own, w):
        return "reference"
    return "asserted"
