"""Claim drafts read off the dependency parse: who said what, with which cue.

A *draft* is a claim before its speaker is described and resolved: the cue
token, the speaker token and the content span.  Builders here cover cue verbs
(``data/cues.json``) with their subject and complement, "according to X",
and possessor nominal cues ("Trump's claim that ...");
:mod:`crosswire.nlp.claims.quote_owners` attaches quotations to these drafts and
:mod:`crosswire.nlp.claims.find` turns them into :class:`~crosswire.nlp.claims.find.Claim`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crosswire.nlp.claims.content_spans import (
    _CONTENT_PREPS,
    _as_content,
    _colon_content,
    _fallback_content,
    _has_that,
    _passive_content,
    _prep_content,
    _span,
    _subtree,
    _when,
)
from crosswire.nlp.claims.cue_checks import (
    named_stance,
    own_preps,
    refused_speech,
    reports_no_speech,
)
from crosswire.nlp.claims.cue_frames import active_table, mined_kind
from crosswire.nlp.claims.speakers import Speaker, cue_lexicon
from crosswire.nlp.claims.subjects import _SUBJECT, same_paragraph, subject_of
from crosswire.nlp.core.doccache import doc_text


@dataclass
class Draft:
    """A claim before its speaker is described: cue, speaker token, content span."""

    cue_token: int  # -1 when inherited
    cue: str
    cue_span: tuple[int, int] | None
    speaker_tok: Any
    content: tuple[int, int]
    kind: str
    quote: bool = False
    target: str | None = None
    speaker: Speaker | None = None


def _kind_of(lemma: str) -> str | None:
    lex = cue_lexicon()
    verbs: dict[str, str] = lex["verbs"]
    if lemma in verbs:
        return verbs[lemma]
    if lemma in lex["quote_only_verbs"]:
        return "statement"
    cognition: dict[str, str] = lex["cognition_verbs"]
    intent: dict[str, str] = lex["intent_verbs"]
    stance: dict[str, str] = lex["stance_verbs"]
    return cognition.get(lemma) or intent.get(lemma) or stance.get(lemma)


_LEMMAS_FOR: list[Any] = []


def cue_verb_lemmas() -> set[str]:
    """Every lemma :func:`verb_draft` may accept: hand lexicon and mined table.

    A verb whose lemma is not in this set never yields a draft, so callers
    may skip it without building the token.
    """
    table = active_table()
    if _LEMMAS_FOR and _LEMMAS_FOR[0] is table:
        cached: set[str] = _LEMMAS_FOR[1]
        return cached
    lex = cue_lexicon()
    lemmas = {*lex["verbs"], *lex["quote_only_verbs"], *_restricted_lemmas(), *table}
    # Held with its table so a trial table (cue mining) gets its own set.
    _LEMMAS_FOR[:] = [table, lemmas]
    return lemmas


def verb_draft(tok: Any) -> Draft | None:
    """A reported-speech draft for a cue verb token, or None."""
    # Cheap exits first: only a VERB whose lemma some cue list holds can be a cue.
    if tok.pos_ != "VERB":
        return None
    lemma = tok.lemma_.lower()
    if lemma not in cue_verb_lemmas():
        return None
    kind = _kind_of(lemma)
    preps: tuple[str, ...] = _CONTENT_PREPS
    # A verb that is a cue only in some frames ("voted *against* the bill"),
    # or a restricted cue in a frame that measured well ("talked about").
    mined = mined_kind(tok) if kind is None or lemma in _restricted_lemmas() else None
    if mined is not None:
        kind, frame = mined
        preps = (frame[5:],) if frame.startswith("prep:") else preps
    if kind is None or tok.pos_ not in ("VERB",) or tok.dep_ in ("amod", "compound"):
        return None
    if lemma == "say" and tok.dep_ == "pcomp" and tok.head.head.lemma_ == "quote":
        return None  # "quoted as saying": the "quote" verb carries the claim.
    if lemma in cue_lexicon()["quote_only_verbs"] and not any(
        c.dep_ == "ccomp" and _has_that(c) for c in tok.children
    ):
        # "…," he concluded: only a quotation, unless a "that" clause says
        # what ("The FBI concluded that she had been careless").
        return None
    if mined is None and _restriction_fails(tok, lemma):
        return None
    if reports_no_speech(tok, lemma):
        return None
    if refused_speech(tok, lemma):
        kind = "silence"
    return frame_draft(tok, lemma, kind, preps, mined is None)


def frame_draft(
    tok: Any, lemma: str, kind: str, preps: tuple[str, ...] = _CONTENT_PREPS, hand: bool = False
) -> Draft | None:
    """A draft for verb ``tok`` taken as a cue of ``kind``: its speaker and content.

    The lexicon checks are the caller's (:func:`verb_draft`, or a learned
    cue); ``hand`` says the lemma's restrictions came from the hand lexicon.
    Returns None when the verb has no speaker in its paragraph.
    """
    own_subject = any(c.dep_ in _SUBJECT for c in tok.children)
    agent = any(c.dep_ == "agent" for c in tok.children)
    if tok.tag_ == "VBN" and not own_subject and tok.dep_ == "advcl" and not agent:
        # "When asked whether ..., Peskov said": he was asked.  With an
        # agent the agent speaks: "As reported by Western Journalism, ...".
        return None
    speaker = subject_of(tok)
    target: str | None = None
    children = list(tok.children)
    if lemma == "quote":
        # "Kommersant quoted a military source as saying that ...": the
        # quoted person speaks; the paper only relays.  Without "as ..."
        # ("Brenner tweeted, quoting the audit") the object is a text, not
        # a speaker, and the quoting adds no claim of its own.
        if tok.dep_ != "ROOT" and not any(c.dep_ == "prep" and c.lower_ == "as" for c in children):
            return None
        for child in children:
            if child.dep_ == "dobj" and speaker is not None and speaker.dep_ != "nsubjpass":
                speaker = child
        for child in children:
            if child.dep_ == "prep" and child.lower_ == "as":
                children = [g for c in child.children for g in c.children] or children
    if speaker is None or not same_paragraph(speaker, tok):
        return None
    if (
        hand
        and (lemma in cue_lexicon()["cognition_verbs"] or lemma in cue_lexicon()["intent_verbs"])
        and speaker.lower_ in ("i", "you", "we", "who")
    ):
        return None  # "I think ...": the quoted voice thinking aloud
    deps = set(cue_lexicon()["complement_deps"])
    content: tuple[int, int] | None = None
    if kind == "accusation":
        for child in children:
            if child.dep_ == "dobj":
                target = doc_text(tok.doc)[slice(*(_span(_subtree(child, tok)) or (0, 0)))] or None
            if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                content = _span(_subtree(child, tok)[1:])
    if content is None:
        content = _colon_content(tok)
    if content is None:
        order = cue_lexicon()["complement_deps"]
        # Of two clauses the parse hangs on one cue ("Writing for X, Y noted
        # that Z"), the one introduced by "that" is what was said; else the
        # one after the cue: in "Turnout fell; 46 percent said they were
        # unenthusiastic" the clause before the semicolon is the writer's.
        ranked = sorted(
            (c for c in children if c.dep_ in deps),
            key=lambda c: (order.index(c.dep_), not _has_that(c), c.i < tok.i),
        )
        for child in ranked:
            if child is speaker or not same_paragraph(child, tok):
                # A clause the parse hung on the cue from another paragraph
                # (the quotation before "Continuing ..., Carson rejected").
                continue
            if child.dep_ == "dobj" and lemma in ("tell", "ask", "urge", "quote", "warn"):
                continue  # the addressee, not the content
            if child.dep_ == "dobj" and lemma == "claim" and child.lemma_ in ("life", "toll"):
                return None  # "the war has claimed the lives of ..."
            content = _span(_subtree(child, tok))
            label = next((c for c in children if c.dep_ == "oprd"), None)
            if content is not None and child.dep_ == "dobj" and label is not None:
                # "called him 'a genius'": the label is what was said of him.
                content = (content[0], max(content[1], (_span(_subtree(label, tok)) or content)[1]))
            if content is not None and child.dep_ == "dobj":
                content = _object_topic(tok, child, content)
            if content is not None:
                break
    if content is None:
        # "72 percent of voters said yes": a poll answer is what was said.
        answer = next((c for c in children if c.dep_ == "intj" and c.i > tok.i), None)
        if answer is not None and answer.lower_ in ("yes", "no"):
            content = (answer.idx, answer.idx + len(answer))
    if content is None:
        content = _prep_content(tok, children, (*preps, *own_preps(lemma)))
    if content is None:
        content = (_as_content(tok) if hand else None) or _passive_content(tok)
    if content is None:
        content = _fallback_content(tok, speaker)
    if content is None:
        content = (-1, -1)  # only a quotation can give this cue content
    return Draft(tok.i, lemma, (tok.idx, tok.idx + len(tok)), speaker, content, kind, target=target)


# Prepositions after an object that say what the act is about or makes of it:
# "pledged his support *to* the campaign", "voiced enthusiasm *for* the bill",
# "painted him *as* a liar".  PolNeAR's content is often the phrase, ours was
# the object alone ("of", "from", "in" measured no better on dev).
_TOPIC_PREPS = ("to", "for", "about", "on", "against", "at", "over", "with", "as", "into")


def _object_topic(tok: Any, obj: Any, content: tuple[int, int]) -> tuple[int, int]:
    """An object's content extended over the verb's topic phrase right after it."""
    nxt = obj.right_edge.i + 1
    prep = next((c for c in tok.children if c.i == nxt and c.dep_ == "prep"), None)
    if prep is None or prep.lower_ not in _TOPIC_PREPS or _when(prep):
        return content
    span = _span(_subtree(prep, tok))
    return (content[0], max(content[1], span[1])) if span is not None else content


def _restricted_lemmas() -> set[str]:
    lex = cue_lexicon()
    return {*lex["cognition_verbs"], *lex["intent_verbs"], *lex["stance_verbs"]}


def _restriction_fails(tok: Any, lemma: str) -> bool:
    """Whether a cognition, intent or stance verb lacks what makes it a cue."""
    lex = cue_lexicon()
    if lemma in lex["cognition_verbs"]:
        # "wants a wall", "knows the city": only "believes that ..." counts
        return not any(c.dep_ == "ccomp" for c in tok.children)
    if lemma in lex["intent_verbs"]:
        # "plans to cut taxes" is a stated intention; "plans a rally" is not
        return not any(
            c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") for c in tok.children
        )
    return lemma in lex["stance_verbs"] and not named_stance(tok)
