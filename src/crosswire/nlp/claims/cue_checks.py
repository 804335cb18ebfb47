"""Lexicon checks on a cue verb: does it report speech here, and what carries it.

Split from :mod:`crosswire.nlp.claims.drafts` (which builds the drafts) to keep
the rules that say *whether* a verb is a cue in a given sentence together:
silences and refusals that report no speech, stance verbs that need a named
or role subject, and per-verb prepositions that carry the content.
"""

from __future__ import annotations

from typing import Any

from crosswire.nlp.claims.cue_frames import mined_kind, verb_frame
from crosswire.nlp.claims.speakers import cue_lexicon, relative_antecedent


def own_preps(lemma: str) -> tuple[str, ...]:
    """Prepositions that carry what one cue verb says ("pointed *to* the vote")."""
    preps: dict[str, list[str]] = cue_lexicon()["verb_preps"]
    return tuple(preps.get(lemma, ()))


def reports_no_speech(tok: Any, lemma: str) -> bool:
    """A cue verb that here reports an action or a silence, not something said.

    "did not respond to interview requests" says nobody spoke; "refused to
    include e-mail addresses" reports what someone did not do.  A claim
    needs a speech or cognition act; "declined to comment" is the refusal's
    ``silence`` claim (:func:`refused_speech`), not one of "comment".
    """
    lex = cue_lexicon()
    frames = lex["no_speech_frames"].get(lemma)
    if frames and verb_frame(tok) in frames:
        return True  # "found a way", "added momentum": an object, not a statement
    if lemma in lex["negated_no_claim"] and any(c.dep_ == "neg" for c in tok.children):
        return True
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex["refusal_verbs"]:
        return True  # "declined to comment": the comment was not made (the refusal is a silence)
    return lemma in lex["refusal_verbs"] and any(
        c.dep_ == "xcomp"
        and c.pos_ == "VERB"
        and not refused_stance(c)
        and c.lemma_.lower() not in lex["silence_verbs"]
        for c in tok.children
    )


def refused_speech(tok: Any, lemma: str) -> bool:
    """A refusal to speak: "declined to comment", "refused to answer questions".

    Such a cue is a claim of kind ``silence``: nothing was said, but the
    source's refusal is on record (PolNeAR annotates it as an attribution:
    on train 57 of 58 such claims matched a gold one).  Fusion neither
    answers nor disputes a silence (``answerable_kinds`` in ``fusion.json``).
    """
    lex = cue_lexicon()
    return lemma in lex["refusal_verbs"] and any(
        c.dep_ == "xcomp" and c.pos_ == "VERB" and c.lemma_.lower() in lex["silence_verbs"]
        for c in tok.children
    )


def refused_stance(verb: Any) -> bool:
    """Whether the verb a refusal governs takes a position ("refused to disavow him").

    "declined to comment" reports a silence and "refused to include the
    addresses" an action, but "refused to endorse Trump" or "declined to
    rule out a run" is the subject's stance, which PolNeAR attributes.  A
    position is a cue verb (in its frame, for the mined ones) that is no
    plain act of speaking (``silence_verbs`` in ``cues.json``).
    """
    lemma = verb.lemma_.lower()
    lex = cue_lexicon()
    if lemma in lex["silence_verbs"]:
        return False
    kinds = (lex["verbs"], lex["stance_verbs"], lex["intent_verbs"], lex["cognition_verbs"])
    return any(lemma in k for k in kinds) or mined_kind(verb) is not None


def named_stance(tok: Any) -> bool:
    """A stance verb ("supports", "attacked") counts only with a named subject and an object.

    "Trump attacked Machado" is a stance PolNeAR attributes; "the bill
    supports farmers" or "it backs the frame" are not someone's position.
    """
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    obj = any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children)
    if not obj or subj is None:
        return False
    antecedent = relative_antecedent(subj)
    if antecedent is not None:
        # "Trump, who attacked Machado": the pronoun stands for its noun, and
        # "who" (unlike "which", "that") already says the subject is a person.
        if subj.lower_ == "who":
            return True
        subj = antecedent
    named = subj.pos_ == "PROPN" and subj.text[:1].isupper()
    # "The Democratic nominee attacked ...": a person named by a role.
    role = subj.lemma_.lower() in cue_lexicon()["role_heads"]
    return named or role or poll_group(subj)


def poll_group(subj: Any) -> bool:
    """A counted share of people: "19 percent of students", "a majority of voters".

    Poll findings ("About three-quarters support a ban") are the stances of
    the polled group, which PolNeAR attributes to it.
    """
    shares = cue_lexicon()["poll_shares"]
    return any(t.like_num or t.lower_ in shares for t in subj.subtree if t.i <= subj.i)
