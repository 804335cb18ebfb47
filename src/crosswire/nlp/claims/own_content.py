"""Whether a cue next to a quotation already said something of its own.

:mod:`crosswire.nlp.claims.quote_owners` gives a quotation to the cue beside
it ("“…,” the mayor said").  When the parse found a content for that cue
as well, the two can be separate claims ("Trump accused Holt of bias,
calling the debate “a rigged system”") or the content is filler the rules
picked for want of a complement ("“…,” he said *of the budget*"), which the
quotation replaces.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from crosswire.nlp.claims.drafts import Draft
from crosswire.nlp.claims.quotes import Quote
from crosswire.nlp.claims.speakers import cue_lexicon

_WORDS = re.compile(r"\w+")
# Fewer words than this in a cue's own content let a quotation replace it.
_OWN_CONTENT_WORDS = 3
# Objects that only announce the words a quotation gives ("issued the
# following statement: “…”", "had *this* to say").
_PLACEHOLDERS = frozenset(["following", "this", "these", "words", "comment", "remark"])
# Verbs whose words are what they convey: "said *of* X" names a topic, not a
# claim ("talked *about* jobs", "warned *against* X" do say something).
_WORDS_VERBS = frozenset(["say", "write", "tell", "add", "tweet", "post", "reply", "respond"])
# Prepositions that give the occasion, never the content ("said *on* the radio").
_VENUE_PREPS = frozenset(["on", "in", "at", "during", "after", "before"])


def has_own_content(
    d: Draft, q: Quote, text: str, quoted: bool, doc: Any, starts: list[int]
) -> bool:
    """Whether draft ``d`` already says something apart from quotation ``q``.

    A word or two ("calling it: “…”") is a placeholder the quotation fills,
    and a content inside another quotation (``quoted``: "“A,” he said, “B”"
    parsed as "said B") is that quotation's, not the cue's own.  So is a
    content that is no complement of the cue (:func:`_complement`).
    ``starts`` holds every token's character offset.
    """
    c0, c1 = d.content
    if d.quote or c0 < 0 or (c0 < q.end and q.start < c1) or quoted:
        return False
    if len(_WORDS.findall(text, c0, c1)) < _OWN_CONTENT_WORDS:
        return False
    return d.cue_token < 0 or _complement(doc, d, starts)


def _complement(doc: Any, d: Draft, starts: list[int]) -> bool:
    """Whether a draft's content is a clause or object the cue governs.

    What the rules fall back on when a cue has no complement is no claim
    the cue made beside its quotation: the topic of "said *of* their time
    in office", the scene of "said *as* the crowd booed", the occasion of
    "told lawmakers *on a visit* to the Capitol", or an object that only
    announces the words ("issued the following statement:").  On PolNeAR
    train such second claims matched no attribution.
    """
    cue = doc[d.cue_token]
    lo, hi = bisect.bisect_left(starts, d.content[0]), bisect.bisect_left(starts, d.content[1])
    inside = set(range(lo, hi))
    roots = [doc[k] for k in range(lo, hi) if doc[k].head.i not in inside or doc[k].head.i == k]
    speech = cue_lexicon()["verbs"]
    return any(
        r.head.i == cue.i
        and _governed(r)
        # A prepositional content starts after its preposition, a clause of a
        # second speech verb after that verb ("replied “…”, adding that ...").
        or r.head.head.i == cue.i
        and (
            r.head.dep_ == "prep"
            and _topic_prep(cue, r.head)
            or r.head.dep_ in ("advcl", "xcomp", "conj")
            and r.head.lemma_.lower() in speech
        )
        for r in roots
    )


def _governed(root: Any) -> bool:
    """Whether ``root``, a child of the cue, is something the cue says."""
    if root.dep_ == "dobj":
        placeholders = _PLACEHOLDERS | set(cue_lexicon()["document_nouns"])
        return root.lemma_.lower() not in placeholders
    return root.dep_ in ("ccomp", "xcomp", "oprd", "parataxis")


def _topic_prep(cue: Any, prep: Any) -> bool:
    """Whether a preposition of ``cue`` carries what the cue says."""
    if prep.lower_ in _VENUE_PREPS:
        return False
    return not (prep.lower_ in ("of", "about") and cue.lemma_.lower() in _WORDS_VERBS)


def drop_announcements(doc: Any, drafts: dict[int, Draft]) -> None:
    """Drop drafts whose content only names the act a participle then reports.

    In "The town released a statement, saying the remarks were false" and
    "he wrote a letter to the network asking that the proceeds go to
    charity" the statement and the letter are how the words came out; the
    participle ("saying", "asking") carries them and has a draft of its
    own.  PolNeAR takes the whole run as one cue ("released a statement,
    saying") with the participle's content.
    """
    for key, d in list(drafts.items()):
        if d.quote or d.cue_token < 0 or d.content[0] < 0:
            continue
        cue = doc[d.cue_token]
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        if obj is None or d.content[0] < obj.left_edge.idx or d.content[1] > _end(obj.right_edge):
            continue  # no object, or a content that says more than the object
        if not _document(obj):
            continue  # "mocked her record, saying ...": two acts, two claims
        if any(p.i in drafts and p.i != key for p in _participles(cue, obj)):
            del drafts[key]


def _document(obj: Any) -> bool:
    """Whether an object names a text: "a statement", "a series of tweets"."""
    documents = set(cue_lexicon()["document_nouns"])
    if obj.lemma_.lower() in documents:
        return True
    of = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return any(g.lemma_.lower() in documents for g in of)


def _end(tok: Any) -> int:
    return int(tok.idx + len(tok.text))


def _participles(cue: Any, obj: Any) -> list[Any]:
    """Speech participles after ``obj`` that report what ``cue`` put out."""
    out = []
    for child in cue.children:
        if child.i <= obj.i:
            continue
        if child.dep_ in ("advcl", "xcomp", "conj") and child.tag_ == "VBG":
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("by", "in"):
            out.extend(g for g in child.children if g.dep_ == "pcomp" and g.tag_ == "VBG")
    return out
