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

from crosswire.nlp.claims.cue_checks import named_stance, own_preps, reports_no_speech
from crosswire.nlp.claims.cue_frames import active_table, mined_kind
from crosswire.nlp.claims.speakers import Speaker, cue_lexicon
from crosswire.nlp.core.doccache import doc_text

_SUBJECT = ("nsubj", "nsubjpass")
# Cue verbs that climb to their head for a subject ("..., adding that").
_CLIMB = ("advcl", "conj", "xcomp", "pcomp")
# Prepositions whose object is what a cue verb is about ("warned against").
_CONTENT_PREPS = ("for", "about", "of", "on", "against")
# Prepositions whose gerund shares the subject of the verb they modify
# ("started by emphasizing", "sings before asking her").
_SUBJECT_PREPS = ("by", "before", "after", "while", "in", "without", "from", "of", "to")


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


def _span(tokens: list[Any]) -> tuple[int, int] | None:
    """Character span of tokens with edge punctuation trimmed."""
    toks = [t for t in tokens if not t.is_space]
    while toks and (toks[0].is_punct or toks[0].dep_ == "mark" and toks[0].lower_ != "that"):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _subtree(tok: Any, anchor: Any = None, one_side: bool = True) -> list[Any]:
    """The token's subtree, clipped to its paragraph.

    The parser happily attaches a quotation to a "said" two paragraphs down;
    attribution never crosses a paragraph break, so the span is clipped.
    """
    text = doc_text(tok.doc)
    at = (anchor if anchor is not None else tok).idx
    p0 = text.rfind("\n", 0, at) + 1
    p1 = text.find("\n", at)
    p1 = len(text) if p1 < 0 else p1
    toks = [t for t in tok.doc[tok.left_edge.i : tok.right_edge.i + 1] if p0 <= t.idx < p1]
    if (
        one_side
        and anchor is not None
        and anchor.i != tok.i
        and toks[:1]
        and toks[0].i < anchor.i < toks[-1].i
    ):
        # A mis-parse wrapped the cue inside its own complement: keep the side
        # the complement's head is on.
        toks = [t for t in toks if (t.i > anchor.i) == (tok.i > anchor.i)]
    return toks


def same_paragraph(a: Any, b: Any) -> bool:
    """Whether no paragraph break lies between tokens ``a`` and ``b``."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[lo:hi]


def subject_of(verb: Any, depth: int = 0) -> Any:
    """The speaker token of a cue verb (its subject, agent, or a climbed one), or None."""
    # The parser may hang a headline on the next paragraph's verb as a second
    # subject; only a subject in the verb's own paragraph counts.
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT and same_paragraph(c, verb)]
    if any(c.dep_ == "nsubjpass" for c in subjects):
        # A passive with its agent ("has been endorsed by dozens of papers"):
        # the agent speaks, the passive subject is what was spoken about.
        agent = _agent(verb)
        if agent is not None:
            return agent
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    if depth == 0 and verb.i > 0:
        # Headline glued to the paragraph ("Floods ...\n\nGovernor X said"):
        # the parse lost the subject, but it sits right before the verb.
        prev = verb.doc[verb.i - 1]
        while prev.i > 0 and prev.pos_ in ("ADV", "AUX", "PART") and same_paragraph(prev, verb):
            prev = verb.doc[prev.i - 1]
        if (
            prev.pos_ in ("PROPN", "NOUN", "PRON")
            and same_paragraph(prev, verb)
            and prev.dep_ not in _SUBJECT
            and prev.head.i != verb.i
            and verb.dep_ == "ROOT"
        ):
            return prev
    agent = _agent(verb)
    if agent is not None:
        return agent
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in _SUBJECT_PREPS:
        # "pitched himself by telling them ...": the gerund's subject is the
        # subject of the verb the preposition hangs on, one level further up.
        head = head.head
    if verb.dep_ in _CLIMB and depth < 3 and head.i != verb.i:
        return subject_of(head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ != "VBN" and head.pos_ in ("NOUN", "PROPN"):
        return _acl_subject(verb, head, depth)
    return None


def _acl_subject(verb: Any, head: Any, depth: int) -> Any:
    """The speaker of a cue the parse hung on a noun as a reduced clause, or None.

    "Multiple outlets reported ...", "GOP voters saying ...": a subject (or a
    headline's root) noun before the cue is who speaks; "issued a statement
    saying ..." is the voice of whoever issued the document.
    """
    if head.dep_ in ("nsubj", "ROOT") and head.i < verb.i and same_paragraph(head, verb):
        return head
    documents = cue_lexicon()["document_nouns"]
    if head.dep_ == "dobj" and head.lemma_.lower() in documents and depth < 3:
        return subject_of(head.head, depth + 1)
    return None


def _agent(verb: Any) -> Any:
    """The object of a passive verb's "by" agent phrase, or None."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


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
    if lemma in cue_lexicon()["quote_only_verbs"]:
        return None
    if mined is None and _restriction_fails(tok, lemma):
        return None
    if reports_no_speech(tok, lemma):
        return None
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
    if tok.tag_ == "VBN" and not own_subject and tok.dep_ == "advcl":
        return None  # "When asked whether ..., Peskov said": he was asked.
    speaker = subject_of(tok)
    target: str | None = None
    children = list(tok.children)
    if lemma == "quote":
        # "Kommersant quoted a military source as saying that ...": the
        # quoted person speaks; the paper only relays.
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
        # that Z"), the one introduced by "that" is what was said.
        ranked = sorted(
            (c for c in children if c.dep_ in deps),
            key=lambda c: (order.index(c.dep_), not _has_that(c)),
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
            if content is not None:
                break
    if content is None:
        content = _prep_content(tok, children, (*preps, *own_preps(lemma)))
    if content is None:
        content = _fallback_content(tok, speaker)
    if content is None:
        content = (-1, -1)  # only a quotation can give this cue content
    return Draft(tok.i, lemma, (tok.idx, tok.idx + len(tok)), speaker, content, kind, target=target)


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


def _colon_content(tok: Any) -> tuple[int, int] | None:
    """What follows "X added:" up to the paragraph's end, or the next paragraph.

    The parse hangs only the first clause after a colon on the cue; the
    speaker's words run on ("The governor added: It's typical of her. She
    knows nothing, ...").
    """
    doc = tok.doc
    nxt = next((t for t in doc[tok.i + 1 : tok.i + 4] if not _skippable(t)), None)
    if nxt is None or nxt.text != ":":
        return None
    text = doc_text(doc)
    lo = nxt.idx + 1
    hi = text.find("\n", lo)
    hi = len(text) if hi < 0 else hi
    if not text[lo:hi].strip():
        # The colon closes its paragraph: the words are the next one.
        lo = hi
        while lo < len(text) and text[lo].isspace():
            lo += 1
        hi = text.find("\n", lo)
        hi = len(text) if hi < 0 else hi
    rest = text[lo:hi]
    if len(rest.split()) < 4:
        return None
    lo += len(rest) - len(rest.lstrip())
    return lo, lo + len(rest.strip())


def _skippable(tok: Any) -> bool:
    """Words between a cue and its colon: "said Monday:", "added later:"."""
    return bool(tok.is_space or tok.pos_ == "ADV" or tok.ent_type_ in ("DATE", "TIME"))


def _has_that(clause: Any) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _prep_content(
    tok: Any, children: list[Any], preps: tuple[str, ...] = _CONTENT_PREPS
) -> tuple[int, int] | None:
    """A prepositional content: "called *for* a recount", "spoke *about* jobs"."""
    for child in children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i > tok.i:
            if _when(child):
                continue  # "said on Saturday": a date, not what was said
            return _span(_subtree(child, tok)[1:])
        if child.dep_ == "advcl" and child.i > tok.i:
            # "called for the US to step up": the parse makes "for" the mark
            # of a clause; _span drops the mark.
            mark = next((g for g in child.children if g.dep_ == "mark"), None)
            if mark is not None and mark.lower_ in preps and mark.i < child.i:
                return _span(_subtree(child, tok))
    return None


def _when(prep: Any) -> bool:
    """Whether a prepositional phrase only says when ("on Saturday", "on Jan. 5").

    A topic preposition is never a time adjunct: "talked about the decades
    they spent there", "called for three days of mourning".
    """
    if prep.lower_ in ("about", "of", "against", "for"):
        return False
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


def _fallback_content(tok: Any, speaker: Any) -> tuple[int, int] | None:
    """Content the parse did not attach to the cue.

    Either a "that" clause shortly after the cue that the parser hung
    elsewhere ("said on Friday during a news conference that he may wait"),
    or the sentence part before a trailing attribution ("…, he said.").
    """
    # The whole sentence (in the cue's paragraph), on both sides of the cue.
    sent = [t for t in _subtree(tok.sent.root, tok, False) if t.sent == tok.sent] or [tok]
    after = [t for t in sent if t.i > tok.i]
    for t in after[:8]:
        if t.lower_ == "that" and t.dep_ == "mark":
            return _span([u for u in after if u.i >= t.i])
    first = min(speaker.left_edge.i, tok.i)
    trailing = [t for t in after if not t.is_punct]
    before = [t for t in sent if t.i < first]
    doc = tok.doc
    if (
        tok.i + 1 < len(doc)
        and doc[tok.i + 1].text == ","
        and speaker.i < tok.i
        and speaker.left_edge.i > tok.sent.start
        and doc[speaker.left_edge.i - 1].text == ","
        and len(trailing) >= 3
    ):
        # Parenthetical attribution "Acts of protest, Mr. Obama said, are
        # acts of patriotism": the claim is the sentence around the cue; we
        # keep its contiguous right-hand part (the main clause's predicate).
        return _span([t for t in tok.sent if t.i > tok.i and same_paragraph(t, tok)])
    return _trailing_content(before, trailing)


def _trailing_content(before: list[Any], trailing: list[Any]) -> tuple[int, int] | None:
    """The sentence part before a trailing attribution ("…, he said.")."""
    if len(trailing) <= 6 and before and before[-1].text in (",", "—"):
        return _span(before)
    return None
