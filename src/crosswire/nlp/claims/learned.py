"""Cue verbs no lexicon holds, picked by a linear model over the parse.

The hand lexicon (``data/cues.json``) and the mined frames
(``data/mined_cues.json``) cover the frequent reporting verbs; news prose
attributes with a long tail of others ("unleashed a barrage at", "painted
him as", "is seizing on").  For every other verb that has a speaker in its
paragraph (and for every predicative adjective with a copula subject:
"Union leaders were furious about the closure"), :func:`learned_drafts`
builds the draft the rules would build
(:func:`crosswire.nlp.claims.drafts.frame_draft`: subject as speaker,
complement as content), describes it with features of the parse (lemma,
dependency frame, the speaker's kind and entity type, whether the speaker
also speaks through a lexicon cue in the article, negation, modality, the
content's shape, a light verb's object ("made comments", "drew
criticism"), perfect aspect and adverbs, and the verb's classes in
``data/verb_classes.json`` so that a verb rare in training weighs as its
class does: "upbraided the board" as a judgment) and keeps it when a
logistic model's score (log-odds that the draft is an attribution) clears
the model's threshold.

The weights (``data/learned_cues.json``) were trained offline by
:mod:`crosswire.evaluate.cue_learning` on the PolNeAR *train* split: a
verb's label is whether its draft matches a gold attribution (speaker and
content overlap).  The file holds feature names (parse labels and lemmas)
with their weights, no text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import numpy as np
from spacy.attrs import DEP, POS
from spacy.parts_of_speech import IDS as _POS_IDS

from crosswire.datafiles import read_json
from crosswire.nlp.claims.cue_checks import reports_no_speech
from crosswire.nlp.claims.cue_frames import verb_frame
from crosswire.nlp.claims.drafts import Draft, frame_draft
from crosswire.nlp.claims.speakers import cue_lexicon
from crosswire.nlp.claims.subjects import same_paragraph, subject_of
from crosswire.nlp.core.doccache import doc_text

_VERB = _POS_IDS["VERB"]
_ADJ = _POS_IDS["ADJ"]
_MODALS = frozenset(["will", "would", "could", "can", "may", "might", "should", "must"])
# Verbs that only describe a noun ("a Trump-backed candidate") are no cues;
# relative clauses are ("voters who favor the levy", "a bill he has championed").
_NOT_CANDIDATE_DEPS = ("amod", "compound")
# Prepositions that may carry a learned cue's content: the lexicon's topic
# prepositions and those a cue verb's frame adds ("voted *in* favor of",
# "bristled *at* the idea", "warming *to* him", "divided *over* it"); the
# model weighs each frame (``lem|frame``), so a wide set only adds candidates.
LEARNED_PREPS = (
    *("for", "about", "of", "on", "against", "at", "to", "over", "with", "into"),
    *("toward", "towards"),
)


@functools.lru_cache(maxsize=1)
def verb_classes() -> dict[str, tuple[str, ...]]:
    """``lemma -> classes`` from ``data/verb_classes.json`` (cached)."""
    raw: dict[str, list[str]] = read_json("verb_classes.json")["classes"]
    out: dict[str, list[str]] = {}
    for name, lemmas in raw.items():
        for lemma in lemmas:
            if name not in out.setdefault(lemma, []):
                out[lemma].append(name)
    return {lemma: tuple(names) for lemma, names in out.items()}


@functools.lru_cache(maxsize=1)
def cue_model() -> tuple[dict[str, float], float]:
    """``(weights, threshold)`` from ``data/learned_cues.json`` (cached)."""
    data: dict[str, Any] = read_json("learned_cues.json")
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    return weights, float(data["threshold"])


@functools.lru_cache(maxsize=1)
def speech_nouns() -> frozenset[str]:
    """Nouns that name something said or felt (the lexicon's noun cues)."""
    lex = cue_lexicon()
    return frozenset([*lex["nominal_cues"], *lex["framed_nominal_cues"]])


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9+"


def cue_features(tok: Any, spk: Any, voices: frozenset[str] = frozenset()) -> list[str]:
    """Feature names describing verb ``tok`` as a cue with speaker token ``spk``.

    Only the verb's own neighbourhood in the parse is read (no spans), so
    that scoring every verb of an article stays cheap; ``voices`` are the
    article's speakers (:func:`voices_of`).
    """
    lemma = tok.lemma_.lower()
    frame = verb_frame(tok)
    deps = {c.dep_ for c in tok.children}
    spk_kind = (
        "pron" if spk.pos_ == "PRON" else "propn" if spk.pos_ == "PROPN" else spk.pos_.lower()
    )
    spk_ent = spk.ent_type_ or "-"
    first = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "dobj")), None)
    feats = [
        "bias",
        f"lem={lemma}",
        f"frame={frame}",
        f"lem|frame={lemma}|{frame}",
        f"dep={tok.dep_}",
        f"tag={tok.tag_}",
        f"spk={spk_kind}",
        f"spk_dep={spk.dep_}",
        f"spk_ent={spk_ent}",
        f"spk_lem={spk.lemma_.lower()}" if spk.pos_ in ("PRON", "NOUN") else "spk_lem=name",
        f"frame|spk_ent={frame}|{spk_ent}",
        f"spk_before={spk.i < tok.i}",
        f"head_dep={tok.head.dep_ if tok.head.i != tok.i else 'ROOT'}",
    ]
    role = spk.lemma_.lower() in cue_lexicon()["role_heads"]
    person = spk_ent == "PERSON" or role
    feats.append(f"spk_person={person}")
    feats.append(f"lem|spk_ent={lemma}|{spk_ent}")
    # A verb class ("judgment": grilled, pounded) weighs for lemmas seen
    # rarely in training; with the subject's kind, as people judge and
    # documents present.
    for name in verb_classes().get(lemma, ("none",)):
        feats.append(f"class={name}")
        feats.append(f"class|frame={name}|{frame}")
        feats.append(f"class|spk_person={name}|{person}")
    for child in tok.children:
        if child.dep_ == "prep" and child.i > tok.i:
            feats.append(f"prep={child.lower_}")
    if first is not None:
        if first.dep_ == "dobj" and first.pos_ == "NOUN":
            obj = first.lemma_.lower()
            feats.append(f"obj_lem={obj}")
            # A light verb's object says what act it is ("made comments",
            # "drew criticism", "took aim"): the pair, and whether the
            # object is itself a speech noun.
            feats.append(f"lem|obj={lemma}|{obj}")
            if obj in speech_nouns():
                feats.append("obj_speech_noun")
                feats.append(f"obj_speech_noun|spk_person={person}")
        feats.append(f"comp_pos={first.pos_}")
        feats.append(f"comp_ent={first.ent_type_ or '-'}")
        if first.dep_ == "ccomp" and any(g.dep_ == "mark" for g in first.children):
            feats.append("that_clause")
        if first.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in first.children):
            feats.append("clause_subject")
        if first.dep_ == "dobj":
            after = next((c for c in tok.children if c.dep_ == "prep" and c.i > first.i), None)
            if after is not None:
                feats.append(f"obj+prep={after.lower_}")
    if "neg" in deps:
        feats.append("neg")
        feats.append(f"neg|lem={lemma}")
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children):
        feats.append("modal")
    for child in tok.children:
        if child.dep_ == "aux" and child.lemma_.lower() == "have":
            feats.append("perfect")
        elif child.dep_ == "advmod" and child.i < tok.i + 3:
            feats.append(f"adv={child.lower_}")
    feats.append(f"dep|spk={tok.dep_}|{spk_kind}")
    if any(c.dep_ == "prt" for c in tok.children):
        prt = next(c for c in tok.children if c.dep_ == "prt")
        feats.append(f"lem|prt={lemma}|{prt.lower_}")
    if tok.head.i != tok.i and tok.dep_ in ("xcomp", "ccomp", "advcl", "conj"):
        feats.append(f"head_lem={tok.head.lemma_.lower()}")
    # Whether the subject also speaks through a lexicon cue in the article:
    # its voices are PolNeAR's sources (5-fold CV on train: +7% net gain).
    voice = spk.lower_ in voices
    feats.append(f"voice={voice}")
    feats.append(f"voice|spk={voice}|{spk_kind}")
    return feats


def voices_of(doc: Any, taken: Iterable[int]) -> frozenset[str]:
    """The lower forms of the subjects of the lexicon cues at ``taken`` (who speaks in the doc)."""
    out: set[str] = set()
    for i in taken:
        spk = subject_of(doc[i])
        if spk is not None:
            out.add(spk.lower_)
    return frozenset(out)


def content_feature(draft: Draft) -> str:
    """The feature for the length of a draft's content (in words, bucketed)."""
    c0, c1 = draft.content
    return f"words={_bucket(len(doc_text(draft.speaker_tok.doc)[c0:c1].split()) // 3)}"


def score(feats: Iterable[str], weights: dict[str, float]) -> float:
    """The model's margin for a feature list (unknown features weigh nothing)."""
    return sum(weights.get(f, 0.0) for f in feats)


def candidate_verbs(doc: Any, taken: set[int], skip: set[str]) -> list[tuple[Any, Any]]:
    """``(verb, speaker)`` for every verb a learned cue could be: not taken, with a subject.

    ``taken`` are token indices that already carry a draft; ``skip`` the
    lemmas the lexicons decide on.  Verbs are found on the doc's arrays so
    that no Token object is built for the other ~85% of tokens.
    """
    cols = doc.to_array([POS, DEP])
    # Predicative adjectives too: "loyalists were adamant that ...", "voters
    # are unhappy with ...", "is open to modifying it" (the copula's subject
    # holds the view; the model weighs them by their own lemma, tag and frame).
    acomp = doc.vocab.strings["acomp"]
    mask = (cols[:, 0] == _VERB) | ((cols[:, 0] == _ADJ) & (cols[:, 1] == acomp))
    out: list[tuple[Any, Any]] = []
    for i in np.flatnonzero(mask).tolist():
        tok = doc[i]
        if i in taken or tok.dep_ in _NOT_CANDIDATE_DEPS:
            continue
        lemma = tok.lemma_.lower()
        if lemma in skip or not lemma.isalpha() or reports_no_speech(tok, lemma):
            continue
        speaker = subject_of(tok)
        if speaker is not None and same_paragraph(speaker, tok):
            out.append((tok, speaker))
    return out


def verb_cue_draft(tok: Any) -> Draft | None:
    """The draft of a learned cue verb (or adjective), or None when it has no content."""
    draft = frame_draft(tok, tok.lemma_.lower(), "statement", LEARNED_PREPS)
    return draft if draft is not None and draft.content[0] >= 0 else None


def learned_drafts(doc: Any, taken: set[int], skip: set[str]) -> list[Draft]:
    """Drafts for verbs outside the lexicons that the learned model takes as cues."""
    weights, threshold = cue_model()
    # The content feature needs the draft; build it only when its best
    # weight could still lift the verb over the threshold.
    best = max((w for f, w in weights.items() if f.startswith("words=")), default=0.0)
    out: list[Draft] = []
    voices = voices_of(doc, taken)
    for tok, speaker in candidate_verbs(doc, taken, skip):
        margin = score(cue_features(tok, speaker, voices), weights)
        if margin + max(best, 0.0) <= threshold:
            continue
        draft = verb_cue_draft(tok)
        if draft is None or holds_cue(draft, doc, taken):
            continue
        if margin + weights.get(content_feature(draft), 0.0) > threshold:
            out.append(draft)
    return out


def holds_cue(draft: Draft, doc: Any, taken: Iterable[int]) -> bool:
    """Whether a learned draft's content holds a lexicon cue (of ``taken``).

    In "But, according to the survey, 46 percent remain undecided" the
    clause is the survey's; a learned "remain" around it would swallow that
    claim as nested.  The lexicon cue wins.
    """
    c0, c1 = draft.content
    return any(c0 <= doc[i].idx < c1 for i in taken if i != draft.cue_token)


def skip_lemmas() -> set[str]:
    """Lemmas the hand lexicon decides on (a learned cue never overrides it)."""
    lex = cue_lexicon()
    return {*lex["verbs"], *lex["quote_only_verbs"], *lex["refusal_verbs"]}
