"""Claim drafts in Title Case lines, read off a sentence-case parse of the line.

Headlines and subheads are written in Title Case ("Ben Carson Slams Hillary
And The Media", "Board Of Election Finds"), and the tagger reads every
capitalised word as a proper noun: the cue verb becomes a ``PROPN``
compound and no cue builder sees a verb.  Lower-cased after its first
character, the same line parses as a sentence ("Ben carson slams hillary
and the media"): this module parses that copy, runs the claim drafting on it
and maps the drafts back onto the article's tokens.  Lower-casing keeps every
character offset, so spans carry over unchanged.

The drafts of the sentence-case parse replace those of the Title Case parse
for the line (on PolNeAR train both ways gave the same F1; the sentence-case
parse does not read "Union Leaders Urge Workers" as one name).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from typing import Any

from crosswire.nlp.claims.drafts import Draft, cue_verb_lemmas
from crosswire.nlp.claims.speakers import cue_lexicon
from crosswire.nlp.core.doccache import doc_text

# A line longer than this is body text, however it is capitalised.
_MAX_LINE = 200
# Words of at least this many letters decide whether a line is Title Case
# (short function words are written either way: "Rip Trump As A Fraud",
# "Clinton Breaks with Obama on ...").
_LONG_WORD = 4
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LINE = re.compile(r"[^\n]+")
# Acronyms keep their capitals in the sentence-case copy ("FBI", "GOP").
_ACRONYM = re.compile(r"\b[A-Z]{2,5}s?\b")


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines of ``text`` written in Title Case."""
    lines: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        if len(m.group()) > _MAX_LINE:
            continue
        words = [w for w in _WORD.findall(m.group()) if len(w) >= _LONG_WORD]
        if len(words) < 3:
            continue
        capitalised = sum(w[0].isupper() for w in words)
        if capitalised == len(words):
            lines.append((m.start(), m.end()))
    return lines


def sentence_case(line: str) -> str:
    """The line lower-cased after its first character, acronyms kept (same length)."""
    out = line[:1] + line[1:].lower()
    if line.isupper():
        return out  # "EXPERTS DOWNPLAY ...": no word stands out as an acronym
    for m in _ACRONYM.finditer(line):
        out = out[: m.start()] + m.group() + out[m.end() :]
    return out


def _token_at(doc: Any, starts: list[int], char: int) -> Any:
    """The token of ``doc`` covering character ``char``, or None."""
    i = bisect.bisect_right(starts, char) - 1
    if i < 0 or char >= doc[i].idx + len(doc[i]):
        return None
    return doc[i]


@functools.lru_cache(maxsize=1)
def _cue_lemmas() -> frozenset[str]:
    """Lemmas the lexicon builders take as cues (verbs, mined frames, nouns, adjectives).

    The learned cue verbs are left out: with their 283 lemmas a third of the
    Title Case lines of web pages ("Portion Fix Containers: 1 Green") would
    be re-parsed, for 2 claims more on PolNeAR train and 1 on dev.
    """
    lex = cue_lexicon()
    return frozenset({*cue_verb_lemmas(), *lex["nominal_cues"], *lex["adjective_cues"]})


# Past forms the suffix rules of :func:`_forms` miss.
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "thought": "think", "spoke": "speak"}


def _forms(word: str) -> set[str]:
    """Lemmas ``word`` may inflect ("slams" slam, "vowed" vow, "urges" urge, "denies" deny)."""
    out = {word, _IRREGULAR.get(word, word)}
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("d", "")):
        if word.endswith(suffix):
            out.add(word[: -len(suffix)] + repl)
    for suffix, repl in (("ing", ""), ("ing", "e")):
        if word.endswith(suffix):
            out.add(word[: -len(suffix)] + repl)
    return out


def _may_hold_cue(line: str) -> bool:
    """Whether a word of ``line`` may be a cue: re-parsing costs ~5 ms a line."""
    lemmas = _cue_lemmas()
    return any(_forms(w) & lemmas for w in re.findall(r"[a-z]+", line.lower()))


def _at(d: Draft) -> int:
    return d.cue_span[0] if d.cue_span is not None else d.content[0]


def reread_title_lines(
    doc: Any,
    drafts: list[Draft],
    quoted: list[Draft],
    nlp: Callable[[], Any],
    draft_line: Callable[[Any], list[Draft]],
) -> list[Draft]:
    """``drafts`` with those of ``doc``'s Title Case lines read off a sentence-case parse.

    ``nlp()`` (called only when there is such a line) gives the pipeline that
    parses the sentence-case copy of a line and ``draft_line`` drafts claims
    on that parse; each draft with a cue token and a speaker token is moved
    onto ``doc``'s tokens and replaces the line's drafts from the Title Case
    parse ("Union Leaders Urge Workers" read as one name).  A line holding
    one of the ``quoted`` drafts (quotations with their cue) is left as it was.
    """
    text = doc_text(doc)
    lines = [
        (start, end)
        for start, end in title_case_lines(text)
        if not any(start <= _at(d) < end for d in quoted)
        # Lower-casing a few letters changes the length ("İ"): offsets would shift.
        and len(sentence_case(text[start:end])) == end - start
        and _may_hold_cue(text[start:end])
    ]
    if not lines:
        return drafts
    kept = [d for d in drafts if not any(start <= _at(d) < end for start, end in lines)]
    starts = [t.idx for t in doc]
    copies = [sentence_case(text[start:end]) for start, end in lines]
    for (start, _end), small in zip(lines, nlp().pipe(copies, disable=["ner"]), strict=True):
        for d in draft_line(small):
            if d.cue_token < 0 or d.speaker_tok is None or d.cue_span is None:
                continue
            cue = _token_at(doc, starts, start + d.cue_span[0])
            speaker = _token_at(doc, starts, start + d.speaker_tok.idx)
            if cue is None or speaker is None:
                continue
            cue_span = (start + d.cue_span[0], start + d.cue_span[1])
            content = (start + d.content[0], start + d.content[1])
            kept.append(Draft(cue.i, d.cue, cue_span, speaker, content, d.kind, d.quote, d.target))
    return kept
