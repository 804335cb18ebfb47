"""Conservative line rules applied to trafilatura's main text.

trafilatura keeps a page's article text well, but some lines around it are
the site talking, not the report: copyright notices, "Last updated at 22:15
GMT", newsletter and social prompts, "Related:" headers and lists of links to
other pages. This module removes such lines only on strong evidence, and
records every removed line with its reason (as the plain-text classifier
does), so nothing disappears silently:

* a line matches one of the patterns in ``data/html.json``
  (``text_line_patterns``) *and* is short (each rule has a word limit, so a
  paragraph that merely mentions "click here" stays);
* a *link list*: two or more consecutive short lines (at most
  ``LINK_LINE_MAX_WORDS`` words) each of which is the whole text of one
  ``<a>`` element of the page -- a menu or a "more stories" block; a line of
  up to ``TAGGED_LINK_MAX_WORDS`` words that is one link plus a short tag
  also counts, when the link covers ``TAGGED_LINK_SHARE`` of it ("... Review
  [Video]", "... [INSIGHT]|"). A longer line (up to
  ``TAGGED_LINK_MAX_WORDS`` words) that is exactly a link counts when it is
  not a bulleted item: related-story cards render as bare headlines, while a
  bulleted list of long links is the author's ("Editors' recommendations:
  - ..."), which trafilatura-eval's gold counts as text;
* a *link plug*: a line of at least ``PLUG_MIN_WORDS`` words in capitals that
  is wholly one link ("CO-FOUNDER 'PROUD' OF HOME DEPOT EMPLOYEES ..."), a
  headline of another story set into the article;
* a *menu row*: one line of four or more items between separators
  ("- SECTIONS - News - Sports - Weather"), each the whole text of a link;
* a *summary*: the line right under the headline (the first line, equal to
  the page's ``<h1>`` or declared title) that the page marks up as a heading
  (``<h2>``-``<h6>``) and declares as its own description
  (``og:description``, ``description``, ``twitter:description``) -- the
  standfirst, not a paragraph of the report. A lead paragraph that repeats
  the description is a ``<p>`` and stays; so does the headline itself
  (trafilatura-eval counts it as article text), and so does a standfirst
  that is not under the headline (some pages open with it as their lead);
* a *date stamp* at the top: one of the first ``STAMP_LINES`` lines, of at
  most ``STAMP_MAX_WORDS`` words, with a clock time and a year or numeric
  date and no sentence end ("sexta-feira, 22 de outubro de 2010 às 20:13",
  "5:45 AM PST 11/19/2019 by Patrick Shanley") -- in any language, since
  it is recognised by its numbers;
* a line that is only the page's own address (a share widget; see
  :mod:`crosswire.clean.html_hints`);
* a line with no word characters at all (separators, stray dashes).

Everything else is kept: when in doubt the text stays.  The rules were
measured page by page against bare trafilatura on the article-extraction
benchmark and trafilatura-eval (``crosswire evaluate extraction``); rules
that cost any page more than 0.1 recall there were left out.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

from crosswire.clean.html_hints import PageHints, fold, url_key
from crosswire.model import Removed

LINK_LINE_MAX_WORDS = 12
# A link line with a tag around it ("[Video]", a trailing "|").
TAGGED_LINK_MAX_WORDS = 20
TAGGED_LINK_SHARE = 0.8
TAGGED_LINK_MIN_CHARS = 20
LINK_RUN_MIN = 2
MENU_MIN_ITEMS = 4
PLUG_MIN_WORDS = 4
STAMP_LINES = 3
STAMP_MAX_WORDS = 12
_MENU_SEP = re.compile(r"\s+[-|•·/»›]\s+|\s*\|\s*")
_WS_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w+")
_LIST_MARK = "-•·* \t"
_CLOCK_RE = re.compile(r"\b\d{1,2}[:h]\d{2}\b")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_SENTENCE_END_RE = re.compile(r"[.!?…\"”’]$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_URL_LINE_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


def _whole_line(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    alternation = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(f"^(?:{alternation})$", re.I)


@functools.lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, int, re.Pattern[str], re.Pattern[str] | None]]:
    """(reason, word limit, line pattern, exception pattern) per rule of ``html.json``."""
    raw = resources.files("crosswire.data").joinpath("html.json").read_text("utf-8")
    rules: dict[str, dict[str, Any]] = json.loads(raw)["text_line_patterns"]
    out: list[tuple[str, int, re.Pattern[str], re.Pattern[str] | None]] = []
    for name, rule in rules.items():
        line = _whole_line(rule["patterns"])
        assert line is not None, f"rule {name} has no patterns"
        # A rule may share its reason with another that has a different word limit.
        reason = str(rule.get("reason", name))
        out.append((reason, int(rule["max_words"]), line, _whole_line(rule.get("unless", []))))
    return out


def _norm(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


def _menu_line(line: str, anchors: frozenset[str]) -> bool:
    """A line that is a row of link labels: "- SECTIONS - News - Sports - Weather".

    At least ``MENU_MIN_ITEMS`` items between separators, every one of them
    the whole text of a link on the page.
    """
    items = [p.strip().casefold() for p in _MENU_SEP.split(line.strip(_LIST_MARK))]
    items = [p for p in items if p]
    return len(items) >= MENU_MIN_ITEMS and all(p in anchors for p in items)


def _link_line(norm: str, words: int, anchors: frozenset[str], long_anchors: list[str]) -> bool:
    """A line that is one link: its whole text, or a link plus a short tag.

    One-word links ("News") make a link list only as a menu row. A headline
    link may carry a tag around it ("... Review [Video]", "... |"): it counts
    when one link covers at least ``TAGGED_LINK_SHARE`` of the line. A long
    link that is a bulleted item ("- ...") does not (see the module doc).
    """
    if words <= 1 or words > TAGGED_LINK_MAX_WORDS:
        return False
    line = norm.lstrip(_LIST_MARK).casefold()
    if line in anchors:
        return words <= LINK_LINE_MAX_WORDS or not norm.startswith(tuple(_LIST_MARK))
    return any(a in line and len(a) >= TAGGED_LINK_SHARE * len(line) for a in long_anchors)


def _link_plug(norm: str, words: int, anchors: frozenset[str]) -> bool:
    """A headline of another story in capitals, wholly one link (see the module doc)."""
    line = norm.lstrip(_LIST_MARK)
    return words >= PLUG_MIN_WORDS and line.isupper() and line.casefold() in anchors


def _date_stamp(norm: str, words: int) -> bool:
    """A short line with a clock time and a date, not a sentence (see the module doc)."""
    return (
        words <= STAMP_MAX_WORDS
        and not _SENTENCE_END_RE.search(norm)
        and bool(_CLOCK_RE.search(norm))
        and bool(_YEAR_RE.search(norm))
    )


def _pattern_reason(line: str, words: int) -> str | None:
    if not _WORD_RE.search(line):
        return "separator"
    # The patterns spell apostrophes plainly ("don'?t", "we'?d"); pages mostly
    # print typographic ones.
    line = line.translate(_APOSTROPHES)
    for reason, max_words, pattern, unless in _patterns():
        if words <= max_words and pattern.match(line) and not (unless and unless.match(line)):
            return reason
    return None


def clean_main_text(
    text: str, hints: PageHints | frozenset[str] = frozenset()
) -> tuple[str, list[Removed]]:
    """Drop boilerplate lines from blank-line separated ``text``; say why for each.

    ``hints`` are what the page's markup says (:func:`~crosswire.clean.html_hints.page_hints`);
    a bare set stands for the page's link texts alone.
    """
    if not isinstance(hints, PageHints):
        hints = PageHints(anchors=frozenset(hints))
    anchors = hints.anchors
    lines = text.split("\n\n")
    norms = [_norm(line) for line in lines]
    counts = [len(_WORD_RE.findall(n)) for n in norms]
    long_anchors = [a for a in anchors if len(a) >= TAGGED_LINK_MIN_CHARS]
    is_link = [_link_line(n, c, anchors, long_anchors) for n, c in zip(norms, counts, strict=True)]
    reasons: list[str | None] = [None] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and is_link[j]:
            j += 1
        if j - i >= LINK_RUN_MIN:
            reasons[i:j] = ["link-list"] * (j - i)
        i = max(j, i + 1)
    if (
        len(norms) > 2
        and reasons[1] is None
        and fold(norms[1]) in hints.summaries
        and fold(norms[0]) in hints.headlines
    ):
        reasons[1] = "summary"
    for k in range(min(STAMP_LINES, len(norms))):
        if reasons[k] is None and _date_stamp(norms[k], counts[k]):
            reasons[k] = "timestamp"
    kept: list[str] = []
    removed: list[Removed] = []
    for line, norm, count, reason in zip(lines, norms, counts, reasons, strict=True):
        if reason is None and _menu_line(norm, anchors):
            reason = "menu"
        if reason is None and _link_plug(norm, count, anchors):
            reason = "link-plug"
        if reason is None and _URL_LINE_RE.match(norm) and url_key(norm) in hints.own_urls:
            reason = "own-url"
        reason = reason or _pattern_reason(norm, count)
        if reason is None:
            kept.append(line)
        else:
            removed.append(Removed(text=norm, reason=reason))
    return "\n\n".join(kept), removed
