"""Round-ups: victims counted over a period or over several incidents.

Split from :mod:`crosswire.nlp.events.victim_lex`: "104 people shot in Toledo
this year" and "three killed and 27 wounded over an eight-hour stretch" are
running totals, not one incident's victims (docs/events.md, Victims).
"""

from __future__ import annotations

from typing import Any

from crosswire.nlp.events.victim_lex import _lemma

_PERIODS = frozenset({"year", "month", "decade"})
# "over an eight-hour stretch": a span of time, not one incident's moment
_SPANS = frozenset({"stretch", "span", "period"})
_SEPARATE = frozenset({"separate", "different", "unrelated", "several", "multiple"})
_INCIDENTS = frozenset({"shooting", "incident", "attack", "stabbing", "homicide", "crime"})


def _period_total(tok: Any) -> bool:
    """The outcome is counted over a month or longer ("this year", "so far this year",
    "in the past year", "during 2015") or over a span of several incidents ("40 wounded
    in 33 separate shooting incidents", "three killed and 27 wounded over an
    eight-hour stretch"): a running total, not one incident's victims. A round-up
    said of one conjoined outcome is said of the others ("seven killed and 40
    wounded in 33 separate incidents")."""
    told = [tok, *(c for c in tok.children if c.dep_ == "conj")]
    if tok.dep_ == "conj" and tok.head.i != tok.i:
        told.append(tok.head)
    # "investigating two shootings Monday that resulted in the deaths of two men"
    above = [a for _, a in zip(range(5), tok.ancestors, strict=False)]
    several = any(_lemma(a) in _INCIDENTS and a.tag_ == "NNS" and _several(a) for a in above)
    return several or any(_period_of(t) for t in told)


def _period_of(tok: Any) -> bool:
    for c in tok.children:
        if c.dep_ in {"npadvmod", "advmod"} and _lemma(c) in _PERIODS:
            return True
        if c.dep_ != "prep" or c.lower_ not in {"in", "during", "over", "since", "for", "across"}:
            continue
        for g in c.children:
            if g.dep_ != "pobj":
                continue
            if _lemma(g) in _PERIODS or (_lemma(g) in _SPANS and c.lower_ != "for"):
                return True
            if _lemma(g) in _INCIDENTS and g.tag_ == "NNS" and _several(g):
                return True
    return False


def _several(noun: Any) -> bool:
    """ "33 separate shootings", "several incidents", "those shootings" (a round-up
    just told): more than one incident."""
    for c in noun.children:
        if c.dep_ == "det" and c.lower_ in {"those", "these"}:
            return True
        if c.dep_ == "amod" and c.lower_ in _SEPARATE:
            return True
        if c.dep_ == "nummod" and c.like_num and c.lower_ not in {"one", "1"}:
            return True
    return False
