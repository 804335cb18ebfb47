"""Which claims embedded in another claim's content stay claims of their own.

In "Roberts said the footage showed he had a gun" the footage claims
nothing: the cue "showed" sits in Roberts's content and reports what he
said.  But "The campaign issued a statement saying ...", "Smith, who said
...", "Lee spoke for an hour, saying ..." or "..., according to the
mayor, ..." are attributions of their own even where a parse puts them in
an outer claim's content.  The decision is read off the inner cue's lemma
and the dependency label by which it hangs on that content
(``data/nested_claims.json``, measured on PolNeAR train: see its ``_doc``).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from crosswire.nlp.claims.drafts import Draft
from crosswire.nlp.claims.speakers import cue_lexicon


@functools.lru_cache(maxsize=1)
def nested_rules() -> tuple[frozenset[str], frozenset[str]]:
    """The (cues, relations) of ``nested_claims.json`` (cached)."""
    raw = resources.files("crosswire.data").joinpath("nested_claims.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return frozenset(data["cues"]), frozenset(data["relations"])


def outer_of(draft: Draft, drafts: list[Draft]) -> Draft | None:
    """The innermost reported draft whose content holds ``draft``'s cue, or None."""
    if draft.cue_span is None:
        return None
    at = draft.cue_span[0]
    holders = [
        d
        for d in drafts
        if d is not draft
        and not d.quote
        and d.content[0] <= at < d.content[1]
        and d.content != draft.content
    ]
    return max(holders, key=lambda d: d.content[0], default=None)


def keeps_own_source(doc: Any, inner: Draft, outer: Draft) -> bool:
    """Whether a draft nested in ``outer``'s content is an attribution of its own.

    Its cue must be a listed cue that hangs, by a listed relation, on the
    parse subtree of the outer cue: a clause the outer speaker reports
    ("said the footage *showed*", a ``ccomp``) stays theirs.
    """
    cues, relations = nested_rules()
    if inner.cue not in cues or inner.cue_token < 0 or outer.cue_token < 0:
        return False
    tok = doc[inner.cue_token]
    if tok.dep_ not in relations:
        return False
    return any(a.i == outer.cue_token for a in tok.ancestors)


def drop_nested(doc: Any, drafts: list[Draft]) -> list[Draft]:
    """Drop reported claims whose cue sits inside another claim's content.

    For the picture of who claims what the outer speaker is the source;
    PolNeAR annotates such embedded cues only now and then (on its train
    split 30% of them matched a gold attribution).  Kept: quotations, claim
    kinds listed as ``nested_kinds`` in ``cues.json`` ("Roberts said Russia
    denied it" still gives fusion a denial to link) and the constructions of
    :func:`keeps_own_source`.
    """
    keep_kinds = set(cue_lexicon()["nested_kinds"])
    kept: list[Draft] = []
    for d in drafts:
        outer = None if d.quote or d.kind in keep_kinds else outer_of(d, drafts)
        if outer is None or keeps_own_source(doc, d, outer):
            kept.append(d)
    return kept


__all__ = ["drop_nested", "keeps_own_source", "nested_rules", "outer_of"]
