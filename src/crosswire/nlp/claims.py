"""Claims (direct quotes and reported speech) with their speakers.

Two passes over a parsed spaCy ``Doc``:

1. *Reported speech* from the dependency parse: a verb whose lemma is in the
   cue lexicon (``data/cues.json``) with a subject (the speaker) and a
   complement (``ccomp``/``xcomp``/``dobj``, or ``of``-phrase for
   accusations) yields a claim; "according to X, ..." is handled apart.
2. *Direct quotes* from quote-mark scanning (:mod:`crosswire.nlp.quotes`): a
   quotation is attributed to the cue verb in the text right after it
   ("“…,” Lavrov said") or right before it ("Peskov said: “…”"); a
   quotation with no cue of its own that opens a paragraph, or follows a
   quote claim in the same paragraph, inherits the previous claim's speaker.

Also recognised: parenthetical cues ("The museum, Mr. Obama said, would
..."), prepositional content ("called for a recount"), cognition verbs with
a clause ("believes that ..."), possessor nominal cues ("Trump's claim that
..."), dash credits ("“…” ― Name") and transcript/headline turns
("PENCE: Well, ..."), and the NYT archive's ''doubled apostrophe'' quotes.

Split quotes ("“…,” he said. “…”") give **two** claims with the same speaker
(the second with ``cue_start is None``); a quotation continued over several
paragraphs gives one claim.  Verb cues inside someone's quotation are not
claims of their own (they are the quoted voice speaking).
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from typing import Any

from crosswire.nlp.doccache import doc_text, doc_token_starts
from crosswire.nlp.quotes import Quote, dash_credit, find_quotes, find_turns
from crosswire.nlp.speakers import Speaker, SpeakerKind, cue_lexicon, describe_speaker, resolve

log = logging.getLogger(__name__)

_SUBJECT = ("nsubj", "nsubjpass")
# Cue verbs that climb to their head for a subject ("..., adding that").
_CLIMB = ("advcl", "conj", "xcomp", "pcomp")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
# A full stop after a title or an initial ("Ms. Moore said") ends no sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Ms|Mrs|Dr|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Prof|Rev|St|Jr|Sr|Pres|Atty|Adm|Cmdr)"
    r"|\b[A-Z])\.$"
)


def _sentence_ends(text: str, lo: int, hi: int) -> list[int]:
    """End offsets of sentences in ``text[lo:hi]``, skipping titles and initials."""
    return [
        m.end()
        for m in _SENTENCE_END.finditer(text, lo, hi)
        if not _ABBREV.search(text, max(lo, m.start() - 6), m.end())
    ]


# Prepositions whose object is what a cue verb is about ("warned against").
_CONTENT_PREPS = ("for", "about", "of", "on", "against")
# Short quotations without a cue are scare quotes, not claims.
_MIN_QUOTE_WORDS = 4


@dataclass(frozen=True)
class Claim:
    """One attributed claim.  All offsets are characters into the Doc text.

    ``start``/``end`` cover content plus attribution (speaker and cue);
    ``text`` is the content (for direct quotes: inside the quote marks).
    ``cue`` is the cue lemma ("say", "according to", ...); ``cue_start`` is
    None when the speaker was inherited from the previous claim.
    """

    start: int
    end: int
    content_start: int
    content_end: int
    text: str
    speaker_start: int
    speaker_end: int
    speaker_text: str
    speaker_resolved_text: str
    speaker_kind: SpeakerKind
    cue: str
    cue_start: int | None
    cue_end: int | None
    kind: str
    quote: bool
    target_text: str | None = None


@dataclass
class _Draft:
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
    return cognition.get(lemma)


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


def _subtree(tok: Any, anchor: Any = None) -> list[Any]:
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
    if anchor is not None and toks and toks[0].i < anchor.i < toks[-1].i:
        # A mis-parse wrapped the cue inside its own complement: keep the side
        # the complement's head is on.
        toks = [t for t in toks if (t.i > anchor.i) == (tok.i > anchor.i)]
    return toks


def _same_paragraph(a: Any, b: Any) -> bool:
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[lo:hi]


def _subject(verb: Any, depth: int = 0) -> Any:
    # The parser may hang a headline on the next paragraph's verb as a second
    # subject; only a subject in the verb's own paragraph counts.
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT and _same_paragraph(c, verb)]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    if depth == 0 and verb.i > 0:
        # Headline glued to the paragraph ("Floods ...\n\nGovernor X said"):
        # the parse lost the subject, but it sits right before the verb.
        prev = verb.doc[verb.i - 1]
        while prev.i > 0 and prev.pos_ in ("ADV", "AUX", "PART") and _same_paragraph(prev, verb):
            prev = verb.doc[prev.i - 1]
        if (
            prev.pos_ in ("PROPN", "NOUN", "PRON")
            and _same_paragraph(prev, verb)
            and prev.dep_ not in _SUBJECT
            and prev.head.i != verb.i
            and verb.dep_ == "ROOT"
        ):
            return prev
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if verb.dep_ in _CLIMB and depth < 3 and verb.head is not verb:
        return _subject(verb.head, depth + 1)
    return None


def _verb_draft(tok: Any) -> _Draft | None:
    """A reported-speech draft for a cue verb token, or None."""
    lemma = tok.lemma_.lower()
    kind = _kind_of(lemma)
    if kind is None or tok.pos_ not in ("VERB",) or tok.dep_ in ("amod", "compound"):
        return None
    if lemma == "say" and tok.dep_ == "pcomp" and tok.head.head.lemma_ == "quote":
        return None  # "quoted as saying": the "quote" verb carries the claim.
    if lemma in cue_lexicon()["quote_only_verbs"]:
        return None
    if lemma in cue_lexicon()["cognition_verbs"] and not any(
        c.dep_ == "ccomp" for c in tok.children
    ):
        return None  # "wants a wall", "knows the city": only "believes that ..." counts
    own_subject = any(c.dep_ in _SUBJECT for c in tok.children)
    if tok.tag_ == "VBN" and not own_subject and tok.dep_ == "advcl":
        return None  # "When asked whether ..., Peskov said": he was asked.
    speaker = _subject(tok)
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
    if speaker is None or not _same_paragraph(speaker, tok):
        return None
    if lemma in cue_lexicon()["cognition_verbs"] and speaker.lower_ in ("i", "you", "we", "who"):
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
        order = cue_lexicon()["complement_deps"]
        ranked = sorted((c for c in children if c.dep_ in deps), key=lambda c: order.index(c.dep_))
        for child in ranked:
            if child is speaker:
                continue
            if child.dep_ == "dobj" and lemma in ("tell", "ask", "urge", "quote", "warn"):
                continue  # the addressee, not the content
            if child.dep_ == "dobj" and lemma == "claim" and child.lemma_ in ("life", "toll"):
                return None  # "the war has claimed the lives of ..."
            content = _span(_subtree(child, tok))
            if content is not None:
                break
    if content is None:
        content = _prep_content(tok, children)
    if content is None:
        content = _fallback_content(tok, speaker)
    if content is None:
        content = (-1, -1)  # only a quotation can give this cue content
    return _Draft(
        tok.i, lemma, (tok.idx, tok.idx + len(tok)), speaker, content, kind, target=target
    )


def _prep_content(tok: Any, children: list[Any]) -> tuple[int, int] | None:
    """A prepositional content: "called *for* a recount", "spoke *about* jobs"."""
    for child in children:
        if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS and child.i > tok.i:
            return _span(_subtree(child, tok)[1:])
    return None


def _fallback_content(tok: Any, speaker: Any) -> tuple[int, int] | None:
    """Content the parse did not attach to the cue.

    Either a "that" clause shortly after the cue that the parser hung
    elsewhere ("said on Friday during a news conference that he may wait"),
    or the sentence part before a trailing attribution ("…, he said.").
    """
    sent = [t for t in _subtree(tok.sent.root, tok) if t.sent == tok.sent] or [tok]
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
        return _span([t for t in tok.sent if t.i > tok.i and _same_paragraph(t, tok)])
    return _trailing_content(before, trailing)


def _trailing_content(before: list[Any], trailing: list[Any]) -> tuple[int, int] | None:
    """The sentence part before a trailing attribution ("…, he said.")."""
    if len(trailing) <= 6 and before and before[-1].text in (",", "—"):
        return _span(before)
    return None


def _nominal_draft(tok: Any) -> _Draft | None:
    """Nominal cue with a possessor and a "that" clause: "Trump's claim that ..."."""
    nominal: dict[str, str] = cue_lexicon()["nominal_cues"]
    kind = nominal.get(tok.lemma_.lower())
    if kind is None or tok.pos_ != "NOUN":
        return None
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    clause = next(
        (
            c
            for c in tok.children
            if c.dep_ in ("acl", "ccomp") and any(g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    if poss is None or clause is None:
        return None
    content = _span(_subtree(clause, tok))
    if content is None:
        return None
    cue = (tok.idx, tok.idx + len(tok))
    return _Draft(tok.i, tok.lemma_.lower(), cue, poss, content, kind)


def _according_draft(tok: Any) -> _Draft | None:
    """'according to X, ...' with X the speaker and the head clause the content."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if to is None or pobj is None:
        return None
    if tok.i != tok.sent.start and not tok.doc[tok.i - 1].is_punct:
        return None  # "operates according to a list": not an attribution
    head = tok.head
    inner = {t.i for t in tok.subtree}
    rest = [t for t in head.subtree if t.i not in inner]
    # The content is the contiguous run on the far side of "according to X".
    if rest and rest[0].i > tok.i:
        side = [t for t in rest if t.i > tok.right_edge.i]
    else:
        side = [t for t in rest if t.i < tok.i]
    content = _span(side)
    if content is None:
        return None
    cue_span = (tok.idx, to.idx + len(to))
    return _Draft(tok.i, "according to", cue_span, pobj, content, "statement")


def _frame_tokens(doc: Any, quote: Quote, text: str, para_end: int, next_quote: int) -> list[Any]:
    """Cue candidates after a quotation (same sentence) then before it."""
    after_end = min(para_end, next_quote)
    ends = _sentence_ends(text, quote.end, after_end)
    if ends:
        after_end = ends[0]
    after: list[Any] = []
    # A quotation closed by a full stop ends its sentence ("“...our targets.”
    # The head of ..."), unless a lower-case attribution follows ("he said").
    inner = text[quote.inner_start : quote.inner_end].rstrip()
    follow = text[quote.end : quote.end + 3].lstrip()
    # Only a quotation closed with punctuation ("…,” he said) or followed by
    # a comma takes its cue from after it; a scare quote mid-sentence
    # ("targeting “terrorists” and dismissed ...") does not.
    closed = inner.endswith((",", "?", "!", "…", "-", "—")) or follow.startswith((",", "—"))
    if closed or (inner.endswith(".") and follow[:1].islower()):
        after = _tokens_between(doc, quote.end, after_end)
    lead = text[: quote.start].rstrip()
    before: list[Any] = []
    if lead.endswith((":", ",")):
        para_start = text.rfind("\n", 0, quote.start) + 1
        ends = _sentence_ends(text, para_start, quote.start)
        start = ends[-1] if ends else para_start
        before = _tokens_between(doc, start, quote.start)[::-1]
    return after + before


def _tokens_between(doc: Any, lo: int, hi: int) -> list[Any]:
    """Tokens whose start offset is in ``[lo, hi)``, found by bisection (not a doc scan)."""
    starts = doc_token_starts(doc)
    return [doc[k] for k in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi))]


def _quote_pass(doc: Any, drafts: dict[int, _Draft]) -> list[_Draft]:
    """Attach quotations to cue drafts; return drafts for uncued quotations."""
    text = doc_text(doc)
    quotes = find_quotes(text)
    extra: list[_Draft] = []
    for n, q in enumerate(quotes):
        next_quote = quotes[n + 1].start if n + 1 < len(quotes) else len(text)
        para_end = text.find("\n", q.end)
        para_end = len(text) if para_end < 0 else para_end
        inner_text = text[q.inner_start : q.inner_end]
        inner = (q.inner_start, q.inner_start + len(inner_text.rstrip(" ,\n")))
        owner = _dash_draft(text, q, inner)
        if owner is not None:
            extra.append(owner)
            continue
        for tok in _frame_tokens(doc, q, text, para_end, next_quote):
            if tok.i in drafts:
                owner = drafts[tok.i]
                break
            if tok.pos_ == "VERB" and tok.lemma_.lower() in cue_lexicon()["quote_only_verbs"]:
                subj = _subject(tok)
                if subj is not None:
                    owner = _Draft(
                        tok.i,
                        tok.lemma_.lower(),
                        (tok.idx, tok.idx + len(tok)),
                        subj,
                        inner,
                        "statement",
                    )
                    drafts[tok.i] = owner
                    break
        embedded = False
        if owner is None:
            # A reported claim whose content is (mostly) this quotation, or
            # that quotes it partially ("said it had bombed “four targets”").
            for d in drafts.values():
                c0, c1 = d.content
                if c0 >= q.start - 2 and c1 <= q.end + 2 and c1 > c0:
                    owner = d
                    break
                if c0 <= q.inner_start and q.inner_end <= c1 + 1:
                    embedded = True
        if embedded and owner is None:
            continue
        if owner is not None:
            owner.content = inner
            owner.quote = True
            continue
        if q.words(text) < _MIN_QUOTE_WORDS:
            continue
        extra.append(_Draft(-1, "", None, None, inner, "statement", quote=True))
    return extra


def _named(text: str, span: tuple[int, int]) -> Speaker:
    """A speaker given by a bare name in the text (no subject token)."""
    name = text[span[0] : span[1]]
    return Speaker(span[0], span[1], name, name, "entity", -1, True, name.lower())


def _dash_draft(text: str, q: Quote, inner: tuple[int, int]) -> _Draft | None:
    """“…” ― Name: the name after the dash is the speaker."""
    credit = dash_credit(text, q)
    if credit is None:
        return None
    name, dash = credit
    return _Draft(-1, "―", dash, None, inner, "statement", True, speaker=_named(text, name))


def _turn_drafts(text: str) -> list[_Draft]:
    """Transcript turns and headline attributions: "PENCE: Well, look, ..."."""
    return [
        _Draft(-1, ":", colon, None, content, "statement", True, speaker=_named(text, name))
        for name, colon, content in find_turns(text)
    ]


def find_claims(doc: Any) -> list[Claim]:
    """Return the claims in a parsed spaCy ``Doc``, in text order.

    Never raises for odd input: a Doc without a parse yields no claims, and
    an unexpected parse shape is logged (E311) and yields no claims.
    """
    if not doc.has_annotation("DEP"):
        log.warning("E310 claims need a dependency parse; none found")
        return []
    try:
        return _find_claims(doc)
    except (IndexError, KeyError, ValueError, AttributeError) as exc:
        log.warning("E311 claim extraction failed: %s", exc)
        return []


def _find_claims(doc: Any) -> list[Claim]:
    drafts: dict[int, _Draft] = {}
    for tok in doc:
        draft = _verb_draft(tok) or _according_draft(tok) or _nominal_draft(tok)
        if draft is not None:
            drafts[tok.i] = draft
    extra = _quote_pass(doc, drafts)
    quotes = [(q.start, q.end) for q in find_quotes(doc_text(doc))]
    kept = [
        d
        for d in drafts.values()
        if d.content[0] >= 0 and (d.quote or not _inside_any(d.cue_span, quotes))
    ]
    turns = _turn_drafts(doc_text(doc))
    # A turn owns its paragraph: drop claims found inside it that did not find
    # a speaker of their own (uncued quotations would inherit a wrong one).
    spans = [t.content for t in turns]
    extra = [d for d in extra if not _inside_any((d.content[0] + 1, 0), spans)]
    kept = [d for d in kept if d.speaker is None or not _inside_any((d.content[0] + 1, 0), spans)]
    ordered = sorted(kept + extra + turns, key=lambda d: d.content[0])
    return _finalise(doc, ordered)


def _inside_any(span: tuple[int, int] | None, spans: list[tuple[int, int]]) -> bool:
    return span is not None and any(s < span[0] < e for s, e in spans)


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n\s*", text)]


_NOBODY = frozenset(
    ["nobody", "noone", "none", "anyone", "anybody", "someone", "somebody", "everyone", "everybody"]
)


def _nobody_phrase(tok: Any) -> bool:
    """ "no one", "not anyone": a subject that names no speaker."""
    return tok.lower_ == "one" and any(c.lower_ in {"no", "not"} for c in tok.lefts)


def _finalise(doc: Any, drafts: list[_Draft]) -> list[Claim]:
    text = doc_text(doc)
    paras = _paragraph_starts(text)
    quoted = [d.content for d in drafts if d.quote]
    claims: list[Claim] = []
    speakers: list[Speaker] = []
    last: _Draft | None = None
    for d in drafts:
        if d.speaker_tok is None and d.speaker is not None:
            pass  # named outright ("― Name", "NAME: ...")
        elif d.speaker_tok is None:
            # Uncued quotation: inherit from the previous claim if it sits in
            # this or the previous paragraph.
            para = bisect.bisect_right(paras, d.content[0]) - 1
            if last is None or last.speaker is None:
                continue
            last_para = bisect.bisect_right(paras, last.content[1]) - 1
            if para - last_para > 1 or (para == last_para and not last.quote):
                continue
            d.speaker, d.cue, d.kind = last.speaker, last.cue, last.kind
        else:
            if d.speaker_tok.lower_ in _NOBODY or _nobody_phrase(d.speaker_tok):
                continue  # "No one asked for asylum": a negated subject is nobody's claim
            spk = describe_speaker(d.speaker_tok)
            d.speaker = resolve(spk, doc, speakers, quoted)
        assert d.speaker is not None
        speakers.append(d.speaker)
        last = d
        claims.append(_to_claim(text, d, d.speaker))
    claims.sort(key=lambda c: c.start)
    return claims


def _to_claim(text: str, d: _Draft, spk: Speaker) -> Claim:
    c0, c1 = d.content
    pts = [c0 - (1 if d.quote else 0), c1 + (1 if d.quote else 0)]
    if d.cue_span is not None:
        pts += [spk.start, spk.end, *d.cue_span]
    return Claim(
        start=max(0, min(pts)),
        end=min(len(text), max(pts)),
        content_start=c0,
        content_end=c1,
        text=text[c0:c1],
        speaker_start=spk.start,
        speaker_end=spk.end,
        speaker_text=spk.text,
        speaker_resolved_text=spk.resolved_text,
        speaker_kind=spk.kind,
        cue=d.cue,
        cue_start=d.cue_span[0] if d.cue_span else None,
        cue_end=d.cue_span[1] if d.cue_span else None,
        kind=d.kind,
        quote=d.quote,
        target_text=d.target,
    )


__all__ = ["Claim", "find_claims"]
