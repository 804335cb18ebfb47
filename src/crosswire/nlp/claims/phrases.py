"""Claim drafts from cue phrases and nouns rather than cue verbs.

"According to X, ...", "In a new poll, ..." (``source_preps`` in
``data/cues.json``: the poll is the source of the figures in its clause),
viewpoint phrases ("In Ash's view, ...", "To Sharp, ..."), nominal cues
("Trump's claim that ...", "Rubio's answer was that ...", "criticism from
rivals that ...") and predicative adjective cues ("Clinton was critical of
the deal").
"""

from __future__ import annotations

from typing import Any

from crosswire.nlp.claims.content_spans import _far_side, _has_that, _span, _subtree
from crosswire.nlp.claims.drafts import Draft
from crosswire.nlp.claims.speakers import cue_lexicon


def nominal_draft(tok: Any) -> Draft | None:
    """A noun cue with its source and content.

    * a possessor and a "that" clause: "Trump's claim that ...";
    * a possessor and a copula's "that" clause: "Rubio's answer was that ...";
    * a "from"/"by" source and a "that" clause: "criticism from rivals that ...";
    * a possessor and an infinitive, for statements and commitments:
      "Trump's pledge to build a wall", "Rubio's claim to be the alternative".

    ``framed_nominal_cues`` in ``data/cues.json`` ("answer", "complaint")
    count in the copula and source frames only.
    """
    if tok.pos_ != "NOUN":
        return None
    lemma = tok.lemma_.lower()
    lex = cue_lexicon()
    listed: str | None = lex["nominal_cues"].get(lemma)
    framed = listed is None
    if framed and lemma not in lex["framed_nominal_cues"]:
        return None
    kind = listed or "statement"
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    clause = next(
        (
            c
            for c in tok.children
            if c.dep_ in ("acl", "ccomp") and any(g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    source = poss
    if poss is None and clause is not None:
        source = _credited_source(tok)
    elif poss is not None and clause is None:
        clause = _copula_clause(tok)
        if clause is None and not framed and kind in ("promise/threat", "statement"):
            # "Trump's pledge to build a wall": a commitment or a claim states
            # its content as an infinitive (on PolNeAR train 8 of 15 such
            # commitments and 4 of 4 statements matched a gold attribution;
            # "decision to", "plan to", "effort to" fared 0.1-0.3).
            clause = next((c for c in tok.children if c.i > tok.i and _infinitive(c)), None)
    elif framed:
        return None  # "his fear that ...": a bare clause on these nouns is 5 in 12
    if source is None or clause is None:
        return None
    content = _span(_subtree(clause, clause.head))
    if content is None:
        return None
    cue = (tok.idx, tok.idx + len(tok))
    return Draft(tok.i, lemma, cue, source, content, kind)


def _credited_source(tok: Any) -> Any:
    """The object of a noun cue's "from"/"by" phrase ("complaints from his counterpart")."""
    for prep in tok.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("from", "by"):
            return next((g for g in prep.children if g.dep_ == "pobj"), None)
    return None


def _copula_clause(tok: Any) -> Any:
    """The "that" clause a copula states of its subject noun ("X's answer was that ...")."""
    if tok.dep_ != "nsubj" or tok.head.lemma_ != "be":
        return None
    return next(
        (c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.head.i and _has_that(c)),
        None,
    )


def _infinitive(tok: Any) -> bool:
    """Whether ``tok`` heads a "to" infinitive clause on a noun ("pledge *to build*")."""
    return bool(
        tok.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def stance_noun_draft(tok: Any) -> Draft | None:
    """A position stated by a copula and a stance noun: "Clinton is a supporter of NATO".

    The noun (``stance_nouns`` in ``data/cues.json``) must be the predicate
    of its subject and take an "of" phrase, which is what the subject stands for.
    """
    if (
        tok.pos_ != "NOUN"
        or tok.dep_ != "attr"
        or tok.lemma_.lower() not in cue_lexicon()["stance_nouns"]
    ):
        return None
    speaker = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if speaker is None or prep is None or not _holder(speaker):
        return None
    content = _span(_subtree(prep, tok)[1:])
    if content is None:
        return None
    cue = (tok.idx, tok.idx + len(tok))
    return Draft(tok.i, tok.lemma_.lower(), cue, speaker, content, "statement")


def _introduces(tok: Any) -> bool:
    """Whether ``tok`` opens its sentence or follows punctuation ("..., according to")."""
    return bool(tok.i == tok.sent.start or tok.doc[tok.i - 1].is_punct)


def according_draft(tok: Any) -> Draft | None:
    """'according to X, ...' with X the speaker and the head clause the content."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if to is None or pobj is None:
        return None
    if not _introduces(tok):
        return None  # "operates according to a list": not an attribution
    content = _far_side(tok)
    if content is None:
        return None
    cue_span = (tok.idx, to.idx + len(to))
    return Draft(tok.i, "according to", cue_span, pobj, content, "statement")


def source_prep_draft(tok: Any) -> Draft | None:
    """'In a CBS poll, Clinton led ...': the poll is the source of its clause.

    Only as an introductory phrase; "leads in the poll" mid-sentence matched a
    gold attribution in a quarter of its uses on PolNeAR train, the opening
    "In a poll, ..." in 19 of 24.
    """
    heads: list[str] = cue_lexicon()["source_preps"].get(tok.lower_, [])
    if not heads or tok.dep_ != "prep" or not _introduces(tok):
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in heads:
        return None
    content = _far_side(tok)
    if content is None:
        return None
    return Draft(tok.i, tok.lower_, (tok.idx, tok.idx + len(tok)), pobj, content, "statement")


# Words after an opening "To" that name no viewer ("To that, Kasich joked ...").
_NO_VIEWER = frozenset(["that", "this", "it", "these", "those", "date"])
# Nouns for a group of people whose view an opening "To ..." gives.
_VIEWERS = frozenset(["many", "some", "most", "others", "voter", "supporter", "critic", "people"])


def viewpoint_draft(tok: Any) -> Draft | None:
    """A clause credited by a viewpoint phrase: "In Ash's view, ...", "To Sharp, ...".

    "In/By X's view, opinion, tally ..." (``viewpoint_nouns`` in
    ``data/cues.json``) as an introductory phrase, or a sentence-opening "To
    X," with a person or group: X is the source of the clause (on PolNeAR
    train 7 of 7 and 7 of 9 matched a gold attribution; an opening "For X,"
    only 6 of 38).
    """
    if tok.dep_ != "prep" or tok.lower_ not in ("in", "by", "to"):
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or not _introduces(tok):
        return None
    source = None
    if tok.lower_ == "to":
        after = tok.right_edge.i + 1
        if (
            tok.i == tok.sent.start
            and after < len(tok.doc)
            and tok.doc[after].text == ","
            and pobj.lower_ not in _NO_VIEWER
            and (_holder(pobj) or pobj.lemma_.lower() in _VIEWERS)
        ):
            source = pobj
    elif pobj.lemma_.lower() in cue_lexicon()["viewpoint_nouns"]:
        source = next((c for c in pobj.children if c.dep_ == "poss"), None)
    if source is None:
        return None
    content = _far_side(tok)
    if content is None:
        return None
    return Draft(tok.i, tok.lower_, (tok.idx, tok.idx + len(tok)), source, content, "statement")


def _holder(tok: Any) -> bool:
    """Whether a subject can hold a view: a person, a group, a pronoun, a role."""
    return bool(
        tok.pos_ in ("PRON", "PROPN")
        or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or tok.lemma_.lower() in cue_lexicon()["role_heads"]
    )


def adjective_draft(tok: Any) -> Draft | None:
    """A predicative adjective cue: "Clinton is confident that ...", "X was critical of Y".

    The adjective (``adjective_cues`` in ``data/cues.json``) must be the
    complement of a copula with a subject, and carry a clause or a
    preposition its entry lists ("critical" takes "of", "eager" a
    ``xcomp``): "a critical vote" or "confident" alone states no position.
    """
    adjectives: dict[str, list[str]] = cue_lexicon()["adjective_cues"]
    if tok.pos_ != "ADJ" or tok.dep_ != "acomp":
        return None
    # An adjective outside the lexicon counts only with a clause: "are afraid
    # that ...", "was sure Trump would win" state what the subject holds true.
    frames = adjectives.get(tok.lower_, ["ccomp"])
    speaker = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.lower_ in ("it", "this", "that", "there"):
        return None  # "it is clear that ...": an impersonal frame, no holder
    if tok.lower_ not in adjectives and not _holder(speaker):
        return None  # "the gap is so vast it's laughable": a thing holds no view
    complement = next(
        (
            c
            for c in tok.children
            if c.i > tok.i and (c.dep_ in frames if c.dep_ != "prep" else c.lower_ in frames)
        ),
        None,
    )
    if complement is None:
        return None
    toks = _subtree(complement, tok)
    content = _span(toks[1:] if complement.dep_ == "prep" else toks)
    if content is None:
        return None
    cue = (tok.idx, tok.idx + len(tok))
    return Draft(tok.i, tok.lower_, cue, speaker, content, "statement")
