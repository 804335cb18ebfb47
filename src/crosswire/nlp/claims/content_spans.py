"""Content spans of a cue: its complement, a colon's run-on, a trailing attribution.

Split from :mod:`crosswire.nlp.claims.drafts` (which builds the drafts): these
turn tokens of the parse into the character span of what was said.
"""

from __future__ import annotations

from typing import Any

from crosswire.nlp.claims.speakers import cue_lexicon
from crosswire.nlp.claims.subjects import same_paragraph
from crosswire.nlp.core.doccache import doc_text

# Dependencies of a sentence opener that only sets the scene of a cue.
_SCENE_DEPS = ("advcl", "prep", "npadvmod", "advmod")
# Prepositions whose object is what a cue verb is about ("warned against").
_CONTENT_PREPS = ("for", "about", "of", "on", "against")
# Marks that belong to what was said: "asked *whether* the dam would hold" is a
# question, not the claim that the dam would hold.
_KEPT_MARKS = frozenset(["that", "whether", "if"])


def _span(tokens: list[Any]) -> tuple[int, int] | None:
    """Character span of tokens with edge punctuation trimmed."""
    toks = [t for t in tokens if not t.is_space]
    while toks and (
        toks[0].is_punct or toks[0].dep_ == "mark" and toks[0].lower_ not in _KEPT_MARKS
    ):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        # "…, and" left where the parse cut a coordination after its conjunction
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
    if one_side and anchor is not None and toks and toks[0].i < anchor.i:
        toks = _after_break(toks, tok, anchor)
    return toks


# Punctuation that closes one clause and opens the next in a sentence.
_BREAKS = frozenset([":", ";", "—", "–", "-", "--"])


def _after_break(toks: list[Any], tok: Any, cue: Any) -> list[Any]:
    """The part of a complement before its cue that follows the last clause break.

    The parse hangs a clause on a later cue across a dash or colon: in
    "For that she drew his anger - he called her reckless" or "The question
    is whether he quits — that won't happen, they believe" the first clause
    is the writer's, not what the cue reports.  A break counts when it
    belongs to the cue or to another of its clauses; a dash pair around an
    aside inside the complement ("The levy — passed in May — is unfair, he
    said") does not cut it.
    """
    doc = cue.doc
    cuts = [
        b.i
        for b in doc[toks[0].i : cue.i]
        if b.text in _BREAKS and (b.head.i == cue.i or b.head.head.i == cue.i and b.head.i != tok.i)
    ]
    return [t for t in toks if t.i > cuts[-1]] if cuts else toks


def _far_side(tok: Any) -> tuple[int, int] | None:
    """The head clause of an introductory phrase, on the side away from it."""
    head = tok.head
    inner = {t.i for t in tok.subtree}
    rest = [t for t in head.subtree if t.i not in inner]
    # The content is the run on the side of the phrase where its head clause
    # is: "But, according to the poll, 46 percent remain undecided" gives the
    # clause after the phrase, not the opening "But".
    if head.i > tok.i or rest and rest[0].i > tok.i:
        side = [t for t in rest if t.i > tok.right_edge.i]
    else:
        side = [t for t in rest if t.i < tok.i]
    return _span(side)


def _as_content(tok: Any) -> tuple[int, int] | None:
    """The main clause of an "as" attribution: "As Ryan has pointed out, that's racism".

    The cue is an adverbial clause marked "as" on the clause it attributes;
    what was said is that clause, on the side of the cue's head.
    """
    if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return None
    return _far_side(tok)


def _passive_content(tok: Any) -> tuple[int, int] | None:
    """What a passive cue with an agent was about: "it was never mentioned by the moderators"."""
    if not any(c.dep_ == "agent" for c in tok.children):
        return None
    subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.tag_ in ("WP", "WDT"):
        return None  # "who was shot by an officer": the relative pronoun is no content
    return _span(_subtree(subject, tok))


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
        if t.lower_ == "that" and (t.dep_ == "mark" or _stray_that(t)):
            return _span([u for u in after if u.i >= t.i])
    first = min(speaker.left_edge.i, tok.i)
    # "…, said Geert Wilders, founder of the party": the speaker's own
    # words after the cue are no clause of the sentence.
    named = range(speaker.left_edge.i, speaker.right_edge.i + 1) if speaker.i > tok.i else range(0)
    trailing = [t for t in after if not t.is_punct and t.i not in named]
    before = [t for t in sent if t.i < first]
    doc = tok.doc
    close = _past_modifiers(tok)
    if (
        close < len(doc)
        and doc[close].text == ","
        and speaker.i < tok.i
        and speaker.left_edge.i > tok.sent.start
        and doc[speaker.left_edge.i - 1].text == ","
        and len(trailing) >= 3
    ):
        # Parenthetical attribution "Acts of protest, Mr. Obama said, are
        # acts of patriotism": the claim is the sentence around the cue; we
        # keep its contiguous right-hand part (the main clause's predicate).
        return _span([t for t in tok.sent if t.i > close and same_paragraph(t, tok)])
    return _trailing_content(before, trailing) or _participle_content(tok)


def _stray_that(tok: Any) -> bool:
    """A "that" opening a clause the parser left unmarked: "tweeted at dawn *that* X was ..."."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return (
        tok.dep_ == "advmod"
        and tok.tag_ in ("WDT", "IN")
        and nxt is not None
        and nxt.pos_ in ("PROPN", "PRON", "DET", "NOUN")
    )


def _past_modifiers(tok: Any) -> int:
    """The index after a cue's adverbials on its right ("explained *earlier in the hearing*,")."""
    end: int = tok.i + 1
    for child in tok.rights:
        if child.i != end or child.dep_ not in ("advmod", "npadvmod", "prep"):
            break
        end = int(child.right_edge.i) + 1
    return end


def _participle_content(tok: Any) -> tuple[int, int] | None:
    """A participle clause after the cue that says what: "responded first, *ripping into Obama*"."""
    part = next(
        (
            c
            for c in tok.rights
            if c.dep_ == "advcl"
            and c.tag_ == "VBG"
            and c.i > 0
            and c.doc[c.left_edge.i - 1].text == ","
            and not any(g.dep_ in ("nsubj", "mark") for g in c.children)
            # "answered, *calling* the audit a stunt" is a claim of its own
            and c.lemma_.lower() not in cue_lexicon()["verbs"]
        ),
        None,
    )
    return _span(_subtree(part, tok)) if part is not None else None


def _trailing_content(before: list[Any], trailing: list[Any]) -> tuple[int, int] | None:
    """The sentence part before a trailing attribution ("…, he said.").

    An adverbial clause or phrase opening the sentence ("Asked if he was
    ever bullied, the candidate said no", "When Rubio thanked Miami, a man
    yelled") sets the scene; it is not what was said.
    """
    if len(trailing) <= 6 and before and _clause_end(before):
        if _scene_setting(before):
            return None
        return _span(before)
    return None


def _clause_end(before: list[Any]) -> bool:
    """Whether ``before`` ends as a clause a trailing attribution follows: ",", "—", or ',"'."""
    last = before[-1].text
    if last in (",", "—"):
        return True
    # "Nothing he said “will assuage fears,” the senator said."
    return len(before) > 1 and last in ('"', "\u201d", "''") and before[-2].text == ","


def _scene_setting(before: list[Any]) -> bool:
    """Whether every phrase of ``before`` hangs on the cue clause as an adverbial."""
    inside = {t.i for t in before}
    heads = [t for t in before if not t.is_punct and (t.head.i not in inside or t.head.i == t.i)]
    return bool(heads) and all(t.dep_ in _SCENE_DEPS for t in heads)
