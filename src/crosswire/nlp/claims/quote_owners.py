"""Attach direct quotations to their cue and speaker.

A quotation is attributed to the cue verb right after it ("“…,” Lavrov
said") or right before it ("Peskov said: “…”"), to a dash credit ("“…” ―
Name"), or to the reported-speech draft whose content it is.  Transcript
turns ("PENCE: Well, ...") name their speaker outright.  Quotations with no
cue of their own come back as speakerless drafts for
:mod:`crosswire.nlp.claims.find` to let them inherit the previous speaker.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from spacy.attrs import IDX

from crosswire.nlp.claims.drafts import Draft
from crosswire.nlp.claims.own_content import drop_announcements, has_own_content
from crosswire.nlp.claims.quotes import Quote, dash_credit, find_quotes, find_turns
from crosswire.nlp.claims.speakers import Speaker, cue_lexicon
from crosswire.nlp.claims.subjects import subject_of
from crosswire.nlp.core.doccache import doc_text

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


# Short quotations without a cue are scare quotes, not claims.
_MIN_QUOTE_WORDS = 4
# At most this many words in a sentence that only credits a quotation
# ("Mayor Ana Ortega said on Monday.").
_CREDIT_WORDS = 6
_WORDS = re.compile(r"\w+")


def _frame_tokens(
    doc: Any, quote: Quote, text: str, para_end: int, next_quote: int, starts: list[int]
) -> list[Any]:
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
    credited = follow[:1].islower() or _bare_credit(text, quote, ends)
    if closed or (inner.endswith(".") and credited):
        after = _tokens_between(doc, quote.end, after_end, starts)
    lead = text[: quote.start].rstrip()
    before: list[Any] = []
    if lead.endswith((":", ",")):
        # "He said:" may close the paragraph before the one the quotation
        # opens; a comma never reaches across a paragraph break.
        reach = len(lead) if lead.endswith(":") else quote.start
        para_start = text.rfind("\n", 0, reach) + 1
        ends = _sentence_ends(text, para_start, reach)
        start = ends[-1] if ends else para_start
        before = _tokens_between(doc, start, quote.start, starts)[::-1]
    return after + before


def _bare_credit(text: str, quote: Quote, ends: list[int]) -> bool:
    """Whether a short sentence of its own credits the quotation: "“… missing.” Trump said."

    A full stop for the comma is a slip; a sentence of a few words right
    after the quotation can only be its attribution.
    """
    return bool(ends) and len(_WORDS.findall(text, quote.end, ends[0])) <= _CREDIT_WORDS


def _tokens_between(doc: Any, lo: int, hi: int, starts: list[int] | None = None) -> list[Any]:
    """Tokens whose start offset is in ``[lo, hi)``, found by bisection (not a doc scan).

    ``starts`` is every token's character offset (:func:`_token_starts`).
    """
    if starts is None:
        starts = _token_starts(doc)
    return [doc[k] for k in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi))]


def _token_starts(doc: Any) -> list[int]:
    """Character offset of every token, read off the doc's arrays (no Token objects)."""
    starts: list[int] = doc.to_array(IDX).tolist()
    return starts


class _QuoteSpans:
    """Membership test "inside some quotation" in O(log n).

    Spans sorted by start with the running maximum of their ends: a position
    is inside a span exactly when the furthest-reaching span starting at or
    before it ends after it (overlapping spans included).
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []
        top = -1
        for _, e in ordered:
            top = max(top, e)
            self.reach.append(top)

    def __contains__(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.reach[k]


def quote_pass(doc: Any, drafts: dict[int, Draft]) -> list[Draft]:
    """Attach quotations to cue drafts; return drafts for uncued quotations."""
    text = doc_text(doc)
    quotes = find_quotes(text)
    spans = _QuoteSpans([(q.start, q.end) for q in quotes])
    starts = _token_starts(doc)
    _repair_speakers(doc, drafts, spans)
    drop_announcements(doc, drafts)
    extra: list[Draft] = []
    for n, q in enumerate(quotes):
        # A scare quote in the speaker's description ("“…,” a delegate
        # wearing “Cruz” pins said") does not end the quotation's frame.
        later = (p.start for p in quotes[n + 1 :] if p.words(text) >= _MIN_QUOTE_WORDS)
        next_quote = next(later, len(text))
        para_end = text.find("\n", q.end)
        para_end = len(text) if para_end < 0 else para_end
        inner_text = text[q.inner_start : q.inner_end]
        inner = (q.inner_start, q.inner_start + len(inner_text.rstrip(" ,\n")))
        if _title(inner_text):
            continue  # "on “Face the Nation”": a show or book title, not speech
        owner = _dash_draft(text, q, inner)
        if owner is not None:
            extra.append(owner)
            continue
        # "a man yelled “Stay there!”": a quotation right after its cue verb
        # is that verb's object, whatever the parse made its content.
        direct = _verb_before(doc, q, starts)
        if direct is not None and direct.i in drafts:
            owner = drafts[direct.i]
            owner.content, owner.quote = inner, True
            continue
        for tok in _frame_tokens(doc, q, text, para_end, next_quote, starts):
            if tok.i in drafts:
                owner = drafts[tok.i]
                break
            speaker = _frame_speaker(tok)
            if speaker is not None:
                cue = (tok.idx, tok.idx + len(tok))
                owner = Draft(tok.i, tok.lemma_.lower(), cue, speaker, inner, "statement")
                drafts[tok.i] = owner
                break
        embedded = False
        if owner is None:
            # A reported claim whose content is (mostly) this quotation, or
            # that quotes it partially ("said it had bombed “four targets”").
            for d in drafts.values():
                if d.cue_span is not None and d.cue_span[0] in spans:
                    continue  # "“To those I say ...”": the quoted voice, not a credit
                c0, c1 = d.content
                if c0 >= q.start - 2 and c1 <= q.end + 2 and c1 > c0:
                    owner = d
                    break
                if c0 <= q.inner_start and q.inner_end <= c1 + 1:
                    embedded = True
        if embedded and owner is None:
            continue
        if owner is not None and owner.quote and owner.content != inner:
            # "“A,” he said, “B.”": the cue already owns the first part; the
            # second is a claim of its own that inherits the speaker.
            extra.append(Draft(-1, "", None, None, inner, "statement", quote=True))
            continue
        quoted = owner is not None and owner.content[0] in spans
        if owner is not None and has_own_content(owner, q, text, quoted, doc, starts):
            # "Trump accused Holt of bias, calling the debate “a rigged
            # system run by the networks”": the cue keeps what it said and
            # the quotation is a second claim of the same speaker; a short
            # one ("on “Hannity”") is a name or a scare quote, not words.
            if q.words(text) >= _MIN_QUOTE_WORDS:
                d = owner
                extra.append(
                    Draft(d.cue_token, d.cue, d.cue_span, d.speaker_tok, inner, d.kind, quote=True)
                )
            continue
        if owner is not None:
            owner.content = inner
            owner.quote = True
            continue
        if q.words(text) < _MIN_QUOTE_WORDS:
            continue
        extra.append(Draft(-1, "", None, None, inner, "statement", quote=True))
    return extra


def _verb_before(doc: Any, q: Quote, starts: list[int]) -> Any:
    """The verb right before a quotation's opening mark in the same line, if any."""
    k = bisect.bisect_left(starts, q.start) - 1
    if k < 0:
        return None
    tok = doc[k]
    gap = doc_text(doc)[tok.idx + len(tok) : q.start]
    return tok if tok.pos_ == "VERB" and gap.strip(" \t") == "" else None


def _frame_speaker(tok: Any) -> Any:
    """The speaker of a verb next to a quotation that the draft builders left out.

    A quote-only verb ("“…,” he concluded") takes its subject.  A cue verb
    the parse made a participle of the noun before it ("Mitt Romney, the
    nominee, tweeted in response: “…”", "the campaign called it a “rush to
    judgment”") has that noun for speaker.
    """
    if tok.pos_ != "VERB":
        return None
    lemma = tok.lemma_.lower()
    lex = cue_lexicon()
    if lemma in lex["quote_only_verbs"]:
        return subject_of(tok)
    if (
        lemma in lex["verbs"]
        and tok.dep_ == "acl"
        and tok.tag_ in ("VBN", "VBD")
        and _nominal(tok.head)
        and tok.head.i < tok.i
    ):
        return tok.head
    return None


# Lower-case words a title may hold ("Face the Nation", "Empire of the Fund").
_TITLE_SMALL = frozenset(["a", "an", "the", "of", "and", "in", "on", "for", "to", "at"])


def _title(inner: str) -> bool:
    """Whether a quotation reads as a title: a few capitalised words, no sentence."""
    words = inner.strip(" ,.\n").split()
    if not 2 <= len(words) <= 5 or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in _TITLE_SMALL for w in words)


def _repair_speakers(doc: Any, drafts: dict[int, Draft], spans: _QuoteSpans) -> None:
    """Replace speakers the parse found inside a quotation for a cue outside it.

    A quotation glued to the sentence misleads the parser: in "“… We will
    achieve justice,” Tulsa police Chief Chuck Jordan said" the "said" becomes
    a conjunct of "achieve" and climbs to its subject "We".  The speaker is
    then the noun phrase right before the cue (or right after it: "said
    Jordan"); without one the draft is dropped.
    """
    for key, d in list(drafts.items()):
        spk = d.speaker_tok
        if d.cue_span is None or spk is None or d.cue_token < 0:
            continue
        if d.cue_span[0] in spans or spk.idx not in spans:
            continue
        cue = doc[d.cue_token]
        better = _nominal_near(cue, spans)
        if better is None:
            del drafts[key]
        else:
            d.speaker_tok = better


def _nominal_near(cue: Any, spans: _QuoteSpans) -> Any:
    """The head noun right before ``cue`` in its sentence, else right after it."""
    sent = cue.sent
    for tok in reversed(cue.doc[sent.start : cue.i]):
        if tok.is_quote or tok.text in ("”", '"') or tok.idx in spans:
            break
        if _nominal(tok):
            return tok
    for tok in cue.doc[cue.i + 1 : min(sent.end, cue.i + 4)]:
        if tok.is_quote or tok.idx in spans:
            break
        if _nominal(tok):
            return tok
    return None


def _nominal(tok: Any) -> bool:
    return bool(tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.ent_type_ not in ("DATE", "TIME"))


def _named(text: str, span: tuple[int, int]) -> Speaker:
    """A speaker given by a bare name in the text (no subject token)."""
    name = text[span[0] : span[1]]
    return Speaker(span[0], span[1], name, name, "entity", -1, True, name.lower())


def _dash_draft(text: str, q: Quote, inner: tuple[int, int]) -> Draft | None:
    """“…” ― Name: the name after the dash is the speaker."""
    credit = dash_credit(text, q)
    if credit is None:
        return None
    name, dash = credit
    return Draft(-1, "―", dash, None, inner, "statement", True, speaker=_named(text, name))


def turn_drafts(text: str) -> list[Draft]:
    """Transcript turns and headline attributions: "PENCE: Well, look, ..."."""
    return [
        Draft(-1, ":", colon, None, content, "statement", True, speaker=_named(text, name))
        for name, colon, content in find_turns(text)
    ]
