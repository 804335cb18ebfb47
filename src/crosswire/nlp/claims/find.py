"""Claims (direct quotes and reported speech) with their speakers.

Two passes over a parsed spaCy ``Doc``:

1. *Reported speech* from the dependency parse: a verb whose lemma is in the
   cue lexicon (``data/cues.json``) with a subject (the speaker) and a
   complement (``ccomp``/``xcomp``/``dobj``, or ``of``-phrase for
   accusations) yields a claim; "according to X, ..." is handled apart.
2. *Direct quotes* from quote-mark scanning (:mod:`crosswire.nlp.claims.quotes`): a
   quotation is attributed to the cue verb in the text right after it
   ("“…,” Lavrov said") or right before it ("Peskov said: “…”"); a
   quotation with no cue of its own inherits the speaker of the previous
   claim in its own or the previous paragraph ("Ortega said the dam would
   hold. “We are watching it day and night.”").

Also recognised: cue verbs mined for one frame (:mod:`crosswire.nlp.claims.cue_frames`:
"voted against the bill", "talked about jobs"), an opening "In a new poll,
...", parenthetical cues ("The museum, Mr. Obama said, would
..."), prepositional content ("called for a recount"), cognition verbs with
a clause ("believes that ..."), possessor nominal cues ("Trump's claim that
..."), predicative adjective cues ("Clinton is critical of ..."), dash
credits ("“…” ― Name") and transcript/headline turns ("PENCE: Well,
..."), and the NYT archive's ''doubled apostrophe'' quotes; "X added: ..."
takes the rest of the paragraph (or the next one); intentions ("plans to
...") count with a clause, stances ("Ortiz supports the levy") only with a
named subject or a polled share ("19 percent support the ban").  A
statement embedded in another claim's content ("Roberts said the footage
showed ...") is the outer speaker's, not a claim of its own (denials,
accusations and the constructions of :mod:`crosswire.nlp.claims.nested`
excepted: "issued a statement saying ...", "who said ...").

Split quotes ("“…,” he said. “…”") give **two** claims with the same speaker
(the second with ``cue_start is None``); a quotation continued over several
paragraphs gives one claim.  Verb cues inside someone's quotation are not
claims of their own (they are the quoted voice speaking).

Layout: :mod:`crosswire.nlp.claims.drafts` reads drafts off the parse (speaker
tokens from :mod:`crosswire.nlp.claims.subjects`, content spans from
:mod:`crosswire.nlp.claims.content_spans`),
:mod:`crosswire.nlp.claims.phrases` reads phrase and noun cues,
:mod:`crosswire.nlp.claims.quote_owners` attaches quotations to them, and this
module resolves speakers and builds the :class:`Claim` records.
"""

from __future__ import annotations

import bisect
import logging
import re
from typing import Any

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as _POS_IDS

from crosswire.nlp.claims.claim import Claim as Claim
from crosswire.nlp.claims.claim import one_per_span
from crosswire.nlp.claims.drafts import Draft, cue_verb_lemmas, verb_draft
from crosswire.nlp.claims.headlines import reread_title_lines
from crosswire.nlp.claims.learned import learned_drafts, skip_lemmas
from crosswire.nlp.claims.nested import drop_nested, outer_of
from crosswire.nlp.claims.phrases import (
    according_draft,
    adjective_draft,
    nominal_draft,
    source_prep_draft,
    stance_noun_draft,
    viewpoint_draft,
)
from crosswire.nlp.claims.quote_owners import quote_pass, turn_drafts
from crosswire.nlp.claims.quotes import cover_quotation, find_quotes
from crosswire.nlp.claims.source_model import choose_source, null_features
from crosswire.nlp.claims.speakers import (
    Speaker,
    cue_lexicon,
    describe_speaker,
    relative_antecedent,
    resolve,
    speaker_head,
    through,
)
from crosswire.nlp.core.doccache import doc_text
from crosswire.nlp.core.model import load_nlp
from crosswire.nlp.quantities.words import hashes_where, string_hashes

log = logging.getLogger(__name__)

_VERB = _POS_IDS["VERB"]
_NOUN = _POS_IDS["NOUN"]
_ADJ = _POS_IDS["ADJ"]
_ADP = _POS_IDS["ADP"]


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


def lexicon_drafts(doc: Any) -> dict[int, Draft]:
    """Drafts from the cue lexicons, keyed by cue token index."""
    drafts: dict[int, Draft] = {}
    for i in _cue_candidates(doc):
        tok = doc[i]
        if _discourse_said(tok):
            continue
        draft = (
            verb_draft(tok)
            or according_draft(tok)
            or source_prep_draft(tok)
            or viewpoint_draft(tok)
            or nominal_draft(tok)
            or stance_noun_draft(tok)
            or adjective_draft(tok)
        )
        if draft is not None:
            drafts[tok.i] = draft
    return drafts


_DISCOURSE = frozenset(["that", "this", "having", "all", "much"])


def _discourse_said(tok: Any) -> bool:
    """A sentence-opening "That said," or "Having said that,": a link, no claim."""
    if tok.lower_ != "said":
        return False
    doc, sent_start = tok.doc, tok.sent.start
    before = [t for t in doc[sent_start : tok.i] if not t.is_space and not t.is_punct]
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if not before or len(before) > 2 or before[0].lower_ not in _DISCOURSE:
        return False
    if before[0].lower_ == "having":
        return after is not None and after.lower_ in ("that", "this")
    return after is not None and after.text == ","


def _find_claims(doc: Any) -> list[Claim]:
    quotes = [(q.start, q.end) for q in find_quotes(doc_text(doc))]
    ordered = draft_claims(doc, quotes)
    kept: list[Draft] = []
    for d in ordered:
        if d.cue_token >= 0 and d.speaker_tok is not None and d.speaker is None:
            cue = doc[d.cue_token]
            null = null_features(cue, d.speaker_tok, d.kind, d.content, inside(d, ordered, quotes))
            d.speaker_tok = choose_source(cue, d.content, d.speaker_tok, quotes, null)
            if d.speaker_tok is None:
                continue  # the model's "no source": no attribution here
        kept.append(d)
    return _finalise(doc, kept)


def inside(draft: Draft, drafts: list[Draft], quotes: list[tuple[int, int]]) -> bool:
    """Whether a draft's cue sits in a quotation or in another draft's content."""
    at = draft.cue_span[0] if draft.cue_span is not None else draft.content[0]
    spans = [d.content for d in drafts if d is not draft] + quotes
    return any(s <= at < e for s, e in spans)


def draft_claims(doc: Any, quotes: list[tuple[int, int]]) -> list[Draft]:
    """Every claim draft of a doc in text order, speakers not yet chosen by the model.

    ``quotes`` are the (start, end) offsets of the doc's quotations.
    """
    drafts = lexicon_drafts(doc)
    learned = learned_drafts(doc, set(drafts), skip_lemmas())
    extra = quote_pass(doc, drafts)
    kept = [
        d
        for d in [*drafts.values(), *learned]
        if d.content[0] >= 0 and (d.quote or not _inside_any(d.cue_span, quotes))
    ]
    kept = _drop_sourced(drop_nested(doc, kept))
    kept = reread_title_lines(doc, kept, extra, load_nlp, _line_drafts)
    turns = turn_drafts(doc_text(doc))
    # A turn owns its paragraph: drop claims found inside it that did not find
    # a speaker of their own (uncued quotations would inherit a wrong one).
    spans = [t.content for t in turns]
    extra = [d for d in extra if not _inside_any((d.content[0] + 1, 0), spans)]
    kept = [d for d in kept if d.speaker is None or not _inside_any((d.content[0] + 1, 0), spans)]
    # A reported claim inside a turn is the turn speaker's voice, as one in a
    # quotation is ("FALLIN: Well, I think he is trying ..."): on PolNeAR
    # train 11 such claims matched a gold attribution and 44 did not.
    kept = [d for d in kept if d.quote or not _inside_any(d.cue_span, spans)]
    return sorted(kept + extra + turns, key=lambda d: d.content[0])


def _line_drafts(doc: Any) -> list[Draft]:
    """Lexicon and learned drafts of a one-line doc (a headline's sentence-case copy)."""
    drafts = lexicon_drafts(doc)
    learned = learned_drafts(doc, set(drafts), skip_lemmas())
    found = [d for d in [*drafts.values(), *learned] if d.content[0] >= 0]
    return _drop_sourced(drop_nested(doc, found))


def _cue_candidates(doc: Any) -> list[int]:
    """Indices of the tokens a draft builder could accept, read off the doc's arrays.

    Every builder first tests the token's part of speech, lower form or
    lemma against its cue list; doing that on the arrays spares building a
    Token object for the ~95% of tokens that are no cue at all.
    """
    strings = doc.vocab.strings
    lex = cue_lexicon()
    cols = doc.to_array([POS, LOWER, LEMMA, DEP])
    pos, lower, lemma, dep = cols[:, 0], cols[:, 1], cols[:, 2], cols[:, 3]
    verb, noun = pos == _VERB, pos == _NOUN
    # The lower forms "according_draft" and "source_prep_draft" take.
    mask = np.isin(lower, string_hashes(strings, ("according", *lex["source_preps"])))
    # Viewpoint phrases ("In Ash's view, ...", "To Sharp, ...").
    mask |= (pos == _ADP) & np.isin(lower, string_hashes(strings, ("in", "by", "to")))
    mask |= verb & np.isin(lemma, hashes_where(strings, lemma[verb], cue_verb_lemmas()))
    nouns = {*lex["nominal_cues"], *lex["framed_nominal_cues"]}
    mask |= noun & np.isin(lemma, hashes_where(strings, lemma[noun], nouns))
    mask |= noun & np.isin(lemma, hashes_where(strings, lemma[noun], lex["stance_nouns"]))
    # Adjective cues are keyed by their lower form ("critical of").
    mask |= (pos == _ADJ) & np.isin(lower, string_hashes(strings, tuple(lex["adjective_cues"])))
    # Any predicative adjective may hold a clause ("are afraid that ...").
    mask |= (pos == _ADJ) & (dep == strings["acomp"])
    out: list[int] = np.flatnonzero(mask).tolist()
    return out


def _drop_sourced(drafts: list[Draft]) -> list[Draft]:
    """Drop reported claims whose content carries its own "according to X".

    In "The top 1 percent would see their incomes go up 19.9 percent,
    according to the Tax Foundation" the figure is the Tax Foundation's;
    the verb around it ("see") names no speaker.
    """
    sources = [d.cue_span for d in drafts if d.cue == "according to" and d.cue_span]
    return [
        d
        for d in drafts
        if d.quote
        or d.cue == "according to"
        or not any(s is not None and d.content[0] <= s[0] < d.content[1] for s in sources)
    ]


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


def _finalise(doc: Any, drafts: list[Draft]) -> list[Claim]:
    text = doc_text(doc)
    paras = _paragraph_starts(text)
    quoted = [d.content for d in drafts if d.quote]
    claims: list[Claim] = []
    speakers: list[Speaker] = []
    last: Draft | None = None
    # Drafts whose speaker is written as a relative pronoun ("X, who said").
    relative: set[int] = set()
    for d in drafts:
        if d.speaker_tok is None and d.speaker is not None:
            pass  # named outright ("― Name", "NAME: ...")
        elif d.speaker_tok is None:
            # Uncued quotation: inherit from the previous claim if it sits in
            # this or the previous paragraph.  A reported claim right before
            # it in the same paragraph counts too: on PolNeAR train such
            # quotations were gold content 128 times in 130.
            para = bisect.bisect_right(paras, d.content[0]) - 1
            if last is None or last.speaker is None:
                continue
            last_para = bisect.bisect_right(paras, last.content[1]) - 1
            if para - last_para > 1:
                continue
            d.speaker, d.cue, d.kind = last.speaker, last.cue, last.kind
        else:
            if d.speaker_tok.lower_ in _NOBODY or _nobody_phrase(d.speaker_tok):
                continue  # "No one asked for asylum": a negated subject is nobody's claim
            # "X, who has called for ...": the speaker is X, written "X, who"
            # (PolNeAR marks "who" when a comma sets the clause off and the
            # noun when none does: "nations that oppose ..."; on train the
            # span over both matched 13 more claims and lost none).
            antecedent = relative_antecedent(d.speaker_tok)
            head = antecedent if antecedent is not None else speaker_head(d.speaker_tok)
            d.speaker = resolve(describe_speaker(head), doc, speakers, quoted)
            if antecedent is not None:
                relative.add(id(d))
                d.speaker = through(d.speaker, d.speaker_tok)
        assert d.speaker is not None
        speakers.append(d.speaker)
        if (d.quote or outer_of(d, drafts) is None) and not _aside(doc, d, last, relative):
            # A quotation after "Coan said his client encouraged ..." is
            # Coan's, not the client's: only an outer claim passes its
            # speaker on.
            last = d
        claims.append(_to_claim(text, d, d.speaker))
    return one_per_span(claims)


def _aside(doc: Any, d: Draft, last: Draft | None, relative: set[int]) -> bool:
    """Whether reported claim ``d`` is an aside in the sentence crediting quotation ``last``.

    In "“…,” Clinton said shortly after she called Sanders. “…”" (or "said
    Mr. Franklin, whose group endorses no one") the next quotation is still
    Clinton's: a claim whose cue follows the quotation's own cue in its
    sentence does not take the speaker over.
    """
    if d.quote or last is None or not last.quote or d.cue_token < 0 or last.cue_token < 0:
        return False
    if d.cue == "according to" or id(d) in relative:
        # "…,” X said, according to the Post. “…”": the Post relays both;
        # "said X, who added ...": X speaks on.
        return False
    cue, credit = doc[d.cue_token], doc[last.cue_token]
    return bool(cue.i > credit.i and cue.sent.start == credit.sent.start)


def _to_claim(text: str, d: Draft, spk: Speaker) -> Claim:
    c0, c1 = d.content
    if not d.quote:
        c1 = cover_quotation(text, c0, c1)
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


__all__ = ["Claim", "draft_claims", "find_claims"]
