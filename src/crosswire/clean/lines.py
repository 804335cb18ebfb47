"""Line classifier for plain-text scraped pages.

A scraped ``.txt`` page is the article's paragraphs interleaved with the site's
furniture, one item per line: breadcrumbs, reading-time widgets, photo captions
and credits, the headline repeated, "Last updated" lines, share prompts,
comment widgets, footers, promo blocks, AFP-style subheads.

Every non-blank line gets 0/1 features (length, sentence punctuation, function
words, URL shape, repetition, lexicon hits, caption and date patterns) and, in
a second pass, context features (position relative to the headline and to the
last article sentence, vocabulary overlap with the body).  Each removal reason
scores the weighted sum of its features; weights, phrases and regexes live in
``crosswire/data/boilerplate.json``.  The best reason at or above the
threshold removes the line.  Sentence-like lines carry a negative weight for
every reason except captions, credits and promo blocks, because keeping a
widget is cheap and losing an article sentence is not.

Decisions:
- The headline is removed from ``text`` with reason ``title`` and returned as
  ``CleanedText.title``; its repetitions get ``repeated-headline``.
- Subheads (``- 'Ultimatums unrealistic' -``, or a short unpunctuated line
  standing alone between sentences) are removed with reason ``subhead``: they
  are not sentences, and sentence splitting would glue them onto the next
  paragraph.  Runs of short lines (lists, tables) are content and stay.
- After the last sentence, non-sentence lines go only once the footer has
  visibly started (a lexicon/URL/separator line); a trailing table stays.
- Dates are collected from ``dateline-meta`` lines only; dates in captions
  are photo dates, not publication dates.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from crosswire.budget import BudgetExceeded
from crosswire.clean.line_features import (
    WORD,
    Lexicon,
    Line,
    document_features,
    find_dates,
    intrinsic_features,
    is_nav_phrase,
    lexicon,
    line_content,
    overlap,
)
from crosswire.clean.normalize import normalize
from crosswire.model import DateCandidate, Removed

log = logging.getLogger(__name__)

# Structural limits, not lexicon: how far down the page a headline can sit, and
# what counts as "short" (HEADLINE_MAX_WORDS lives with the line features).
TITLE_WINDOW = 10
SUBHEAD_MAX_WORDS = 8
TITLE_MIN_OVERLAP = 0.25
PROMO_MAX_OVERLAP = 0.5

# Cost budget: a scraped article page has tens to hundreds of lines. The
# classifier costs about 0.1 ms and 2 KB a line, so a dump of short lines
# (7 MB of them took 3 GB and 109 CPU-s) is refused before it starts.
MAX_LINES = 20_000
_NONBLANK_LINE = re.compile("\\S[^\n\r\u2028\u2029\x85\x0b\x0c]*")

_ANY_END_PUNCT = re.compile(r"[.!?…。！？,;:，；：、][\"'”’»)\]」』]*$|[\"”’»]$")
# Pass-1 reasons that show the page's footer has started.
_FOOTER_EVIDENCE = {"site-footer", "share-prompt", "comments-widget", "separator"}


@dataclass
class CleanedText:
    """The result of cleaning one plain-text page."""

    text: str
    title: str | None
    removed: list[Removed] = field(default_factory=list)
    dates: list[DateCandidate] = field(default_factory=list)
    outlet_hints: list[str] = field(default_factory=list)


def _score(feats: dict[str, float], lex: Lexicon) -> str | None:
    best, best_score = None, lex.threshold
    for reason, weights in lex.weights.items():
        s = sum(w * feats.get(name, 0.0) for name, w in weights.items())
        if s >= best_score + (1e-9 if best else 0.0):
            best, best_score = reason, s
    return best


def _find_title(lines: list[Line], lex: Lexicon) -> int | None:
    """Index of the headline: the first headline-like line above the first
    article sentence that is not boilerplate and shares vocabulary with what
    follows (or is repeated)."""
    for i, ln in enumerate(lines[:TITLE_WINDOW]):
        f = ln.feats
        near = lines[max(0, i - 1) : i + 2]
        if ln.reason is None and f["prose"] and not any(x.feats["lex:promo-block"] for x in near):
            # A headline that reads like a sentence is still the headline when a
            # breadcrumb above repeats it ("Home News <headline>") and it has no
            # closing punctuation.
            echoed = any(lines[j].text.endswith(ln.text) for j in range(i))
            if echoed and not ln.text.rstrip().endswith((".", "!", '"', "”", "’")):
                return i
            return None  # the article has started: no headline above it
        if ln.reason is not None or not f["headline_like"] or f["lex:promo-block"]:
            continue
        after: set[str] = set()
        for other in lines[i + 1 :]:
            if other.reason is None and other.key != ln.key:
                after |= line_content(other, lex)
        if f["repeated"] or overlap(line_content(ln, lex), after) >= TITLE_MIN_OVERLAP:
            return i
    return None


def _context(lines: list[Line], title: int | None, lex: Lexicon, hints: list[str]) -> None:
    """Features that depend on the headline and on where the article body sits."""
    tkey = lines[title].key if title is not None else None
    for i, ln in enumerate(lines):
        k = ln.key
        ln.feats["equals_title"] = float(tkey is not None and i != title and k == tkey)
        ln.feats["title_affix"] = 0.0
        if (
            tkey
            and i != title
            and k != tkey
            and (k.startswith(tkey + " ") or k.endswith(" " + tkey))
        ):
            rest = k.replace(tkey, "", 1).strip()
            if len(rest.split()) <= 6 and not is_nav_phrase(rest, lex):
                ln.feats["title_affix"] = 1.0
                m = re.search(r"\s[|–—-]\s(.+)$", ln.text)
                if m and k.startswith(tkey):
                    hints.append(m.group(1).strip())
    start = title + 1 if title is not None else 0
    prose = [i for i, ln in enumerate(lines) if ln.reason is None and ln.feats["prose"]]
    last = max(prose) if prose else len(lines) - 1
    content = {i: line_content(lines[i], lex) for i in range(start, last + 1)}
    body_words: set[str] = set()
    for i in content:
        if lines[i].reason is None:
            body_words |= content[i]
    # Promo blocks sit before the headline or after the last sentence; they
    # advertise something (lexicon hit) in vocabulary the article does not use.
    top = list(range(title)) if title is not None else []
    block = [i for i in top if lines[i].reason is None]
    words = set().union(*(line_content(lines[i], lex) for i in block)) if block else set()
    promo = any(lines[i].feats["lex:promo-block"] for i in block)
    if promo and overlap(words, body_words) < PROMO_MAX_OVERLAP:
        for i in block:
            lines[i].feats["promo_block"] = 1.0
    # Walking up from the last line, "others" is the vocabulary of the kept
    # lines above; a word count lets each step drop one line instead of
    # rebuilding the set (a page of promo lines would be quadratic).
    above: Counter[str] = Counter()
    for j in range(start, last):
        if lines[j].reason is None:
            above.update(content[j])
    for i in range(last, start - 1, -1):
        if i < last and lines[i].reason is None:
            above.subtract(content[i])
        if not lines[i].feats["lex:promo-block"]:
            break
        words_i = content[i]
        shared = sum(1 for w in words_i if above[w] > 0)
        if words_i and shared / len(words_i) >= PROMO_MAX_OVERLAP:
            break
        lines[i].feats["promo_block"] = 1.0
        last = i - 1
    # The footer starts at the first explicit footer line (lexicon, URL,
    # separator) after the last sentence; from there, every non-sentence line
    # is site furniture ("Press TV News Roku").  Without such evidence a tail
    # of short lines (a results table) is article content and stays.
    footer = next(
        (i for i in range(last + 1, len(lines)) if lines[i].reason in _FOOTER_EVIDENCE),
        len(lines),
    )
    for i, ln in enumerate(lines):
        nonprose = not ln.feats["prose"]
        ln.feats["top_zone"] = float(title is not None and i < title and nonprose)
        ln.feats["bottom_zone"] = float(i >= footer and nonprose)
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        # A subhead stands alone between sentences; a run of short lines is a
        # list or a table, which is content and stays.
        isolated = all(
            not (0 <= j < len(lines)) or j < start or lines[j].feats["prose"] or lines[j].reason
            for j in (i - 1, i + 1)
        )
        ln.feats["body_fragment"] = float(
            start <= i < last
            and nonprose
            and isolated
            and bool(ln.words)
            and ((ln.text[0].isalpha() and not ln.text[0].islower()) or ln.text[0] in "\"'“‘")
            and sum(w.isdigit() for w in ln.words) <= len(ln.words) // 3
            and len(ln.words) <= SUBHEAD_MAX_WORDS
            and not _ANY_END_PUNCT.search(ln.text)
            and not nxt[:1].islower()
            # a hard-wrapped sentence breaks after "of", "the"...; a subhead does not
            and ln.words[-1].lower() not in lex.function_words
        )


def _outlet_hints(lines: list[Line], lex: Lexicon, hints: list[str]) -> list[str]:
    for ln in lines:
        if ln.reason in ("caption", "credit"):
            hints.extend(m.group(0) for m in lex.agency_re.finditer(ln.text))
        if ln.reason is not None:
            m = lex.patterns["outlet_website"].match(ln.text)
            if m:
                hints.append(m.group(1).strip())
            m = lex.patterns["copyright_line"].match(ln.text)
            if m and m.group("name"):
                hints.append(m.group("name").strip())
    return list(dict.fromkeys(h for h in hints if h))


def clean_text(text: str) -> CleanedText:
    """Classify the lines of a plain-text scraped page; keep the article.

    Returns the kept paragraphs joined by blank lines, the headline (if one
    was recognized), every removed line with its reason, date strings from
    "Published on ..."-style lines, and outlet names the page gives away
    (footer "X's website", photo-agency credits).  Never raises for bad
    content, except :class:`~crosswire.budget.BudgetExceeded` for a page of
    more than ``MAX_LINES`` lines.
    """
    lines = _count_lines(text) if isinstance(text, str) else 0
    if lines > MAX_LINES:
        raise BudgetExceeded(
            f"E293 over cleaning budget: {lines} lines (limit {MAX_LINES}); not an article page"
        )
    try:
        return _clean(text)
    except Exception as exc:  # a bug here must not lose the page: keep everything
        log.exception("E201 line classifier failed, keeping all lines: %s", exc)
        body = [ln for ln in normalize(text if isinstance(text, str) else "").split("\n") if ln]
        return CleanedText(text="\n\n".join(body), title=None)


def _count_lines(text: str) -> int:
    """Non-blank lines, counted without building them (cheap next to cleaning)."""
    return sum(1 for _ in _NONBLANK_LINE.finditer(text))


def _clean(text: str) -> CleanedText:
    lex = lexicon()
    lines = [Line(t, words=WORD.findall(t)) for t in normalize(text).split("\n") if t.strip()]
    if not lines:
        return CleanedText(text="", title=None)
    for ln in lines:
        intrinsic_features(ln, lex)
    document_features(lines, lex)
    for ln in lines:  # first pass: intrinsic evidence only
        ln.reason = _score(ln.feats, lex)
    title = _find_title(lines, lex)
    hints: list[str] = []
    _context(lines, title, lex, hints)
    for i, ln in enumerate(lines):  # second pass: with context
        ln.reason = "title" if i == title else _score(ln.feats, lex)
    dates = [
        DateCandidate(d, "text")
        for ln in lines
        if ln.reason == "dateline-meta"
        for d in find_dates(ln.text, lex)
    ]
    return CleanedText(
        text="\n\n".join(ln.text for ln in lines if ln.reason is None),
        title=lines[title].text if title is not None else None,
        removed=[Removed(ln.text, ln.reason) for ln in lines if ln.reason is not None],
        dates=dates,
        outlet_hints=_outlet_hints(lines, lex, hints),
    )
