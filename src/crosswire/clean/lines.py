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
from functools import lru_cache
from typing import Any

from crosswire.clean.normalize import normalize
from crosswire.datafiles import read_json
from crosswire.model import DateCandidate, Removed

log = logging.getLogger(__name__)

# Structural limits, not lexicon: how far down the page a headline can sit, and
# what counts as "short".
TITLE_WINDOW = 10
HEADLINE_MAX_WORDS = 22
SUBHEAD_MAX_WORDS = 8
TITLE_MIN_OVERLAP = 0.25
PROMO_MAX_OVERLAP = 0.5

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』]*$")
_ANY_END_PUNCT = re.compile(r"[.!?…。！？,;:，；：、][\"'”’»)\]」』]*$|[\"”’»]$")
_HEADLINE_BAD_END = re.compile(r"[.!?…。！？,;:，；：][\"'”’»)\]」』]*$")
# Pass-1 reasons that show the page's footer has started.
_FOOTER_EVIDENCE = {"site-footer", "share-prompt", "comments-widget", "separator"}
_NAV_SEP = re.compile(r"\s+(?:/|>|»|›|\|)\s+")


@dataclass
class CleanedText:
    """The result of cleaning one plain-text page."""

    text: str
    title: str | None
    removed: list[Removed] = field(default_factory=list)
    dates: list[DateCandidate] = field(default_factory=list)
    outlet_hints: list[str] = field(default_factory=list)


@dataclass
class _Line:
    text: str
    feats: dict[str, float] = field(default_factory=dict)
    reason: str | None = None
    words: list[str] = field(default_factory=list)


class _Lexicon:
    """The compiled contents of boilerplate.json."""

    def __init__(self, raw: dict[str, Any]) -> None:
        agencies = "|".join(re.escape(a) for a in sorted(raw["agencies"], key=len, reverse=True))
        self.threshold: float = float(raw["threshold"])
        self.weights: dict[str, dict[str, float]] = raw["weights"]
        self.phrases = {
            reason: re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ps) + r")\b", re.I)
            for reason, ps in raw["phrases"].items()
        }
        self.nav_words: set[str] = set(raw["nav_words"])
        self.function_words: set[str] = set(raw["function_words"])
        self.agency_re = re.compile(r"(?<![\w])(?:" + agencies + r")(?![\w])")
        self.reporting = re.compile(
            r"\b(?:" + "|".join(re.escape(v) for v in raw["reporting_verbs"]) + r")\b|[\"“”]",
            re.I,
        )
        pats: dict[str, str] = raw["patterns"]
        flags = {"byline": 0, "caption_tail": 0, "outlet_website": 0}
        self.patterns = {
            name: re.compile(p.replace("{agencies}", agencies), flags.get(name, re.I))
            for name, p in pats.items()
        }
        self.dates = [re.compile(p, re.I) for p in raw["dates"]]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon(read_json("boilerplate.json"))


def _key(text: str) -> str:
    """Comparison key for repeated lines: lowercased words only."""
    return " ".join(w.lower() for w in _WORD.findall(text))


def _content(words: list[str], lex: _Lexicon) -> set[str]:
    """Content-word stems (lowercase, possessive and plural -s dropped)."""
    out = set()
    for w in words:
        w = re.sub(r"['’]s$", "", w.lower())
        if len(w) < 3 or w in lex.function_words or w.isdigit():
            continue
        out.add(w[:-1] if w.endswith("s") and len(w) > 3 else w)
    return out


def _overlap(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _find_dates(text: str, lex: _Lexicon) -> list[str]:
    found: list[tuple[int, str]] = []
    for pat in lex.dates:
        for m in pat.finditer(text):
            if not any(s <= m.start() < s + len(v) for s, v in found):
                found.append((m.start(), m.group(0)))
    return [v for _, v in sorted(found)]


def _is_nav_phrase(text: str, lex: _Lexicon) -> bool:
    """True when ``text`` is made only of navigation words ("Home News")."""
    rest = " " + " ".join(text.lower().split()) + " "
    for nav in sorted(lex.nav_words, key=len, reverse=True):
        rest = rest.replace(" " + nav + " ", " ")
    return bool(text.strip()) and not rest.strip(" /|>»›")


def _intrinsic(line: _Line, lex: _Lexicon) -> None:
    """Features that depend on the line alone."""
    t, f, n = line.text, line.feats, len(line.words)
    func = sum(1 for w in line.words if w.lower() in lex.function_words)
    func_ratio = func / n if n else 0.0
    ends = bool(_SENTENCE_END.search(t))
    f["prose"] = float(
        # No function-word test here: it would make every non-English sentence
        # unprotected.  Length in characters covers unspaced scripts (CJK).
        (ends and (n >= 4 or len(t) >= 40))
        or (n >= 12 and func_ratio >= 0.25 and not t.endswith(":"))
        or n >= 25
    )
    f["short"] = float(n <= 6)
    f["no_words"] = float(n == 0)
    pat = lex.patterns
    for name in ("caption_tail", "credit_mark", "photo_date", "dateline_label", "reading_time"):
        f[name] = float(bool(pat[name].search(t)))
    f["dash_wrapped"] = float(bool(pat["dash_wrapped"].match(t)))
    f["copyright_line"] = float(bool(pat["copyright_line"].match(t)))
    f["url_only"] = float(bool(pat["url_only"].match(t)))
    f["byline"] = float(bool(pat["byline"].match(t)))
    f["reported_speech"] = float(bool(lex.reporting.search(t)))
    for reason, rx in lex.phrases.items():
        f["lex:" + reason] = float(bool(rx.search(t)))
    dates = _find_dates(t, lex)
    f["has_date"] = float(bool(dates))
    rest = pat["dateline_label"].sub("", t)
    for d in dates:
        rest = rest.replace(d, " ")
    rest = re.sub(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|gmt|utc)?\b", " ", rest, flags=re.I)
    f["date_only"] = float(
        bool(dates) and not _WORD.findall(re.sub(r"\b[A-Za-z]{3,9}day\b", "", rest))
    )
    segs = _NAV_SEP.split(t)
    f["nav_sep"] = float(
        n <= 12
        and len(segs) >= 2
        and all(0 < len(s.split()) <= 3 for s in segs)
        and (len(segs) >= 3 or _is_nav_phrase(segs[0], lex))
    )
    f["nav_only"] = float(n <= 4 and _is_nav_phrase(t, lex))
    f["headline_like"] = float(
        3 <= n <= HEADLINE_MAX_WORDS
        and len(t) <= 200
        # Headlines ending in "?" or "!" exist, but so do one-line question
        # ledes; keeping a headline as text is the cheaper mistake.
        and not _HEADLINE_BAD_END.search(t)
        and sum(w.isdigit() for w in line.words) <= n // 3
        and (t[0].isupper() or t[0].isdigit() or t[0] in "\"'“‘")
        and not (f["url_only"] or f["date_only"] or f["dash_wrapped"] or f["nav_sep"])
    )


def _document_features(lines: list[_Line], lex: _Lexicon) -> None:
    """Features that compare a line with the rest of the page."""
    counts = Counter(_key(ln.text) for ln in lines)
    captions = set()
    for ln in lines:
        if ln.feats["credit_mark"]:
            head = re.split(r"©|\(c\)|(?:photo|image|credit)s?\s*:", ln.text, flags=re.I)[0]
            head = head.strip(" -–—|")
            if len(head.split()) >= 3:
                captions.add(_key(head))
    keys = [_key(ln.text) for ln in lines]
    keyset = set(keys)
    for ln, k in zip(lines, keys, strict=True):
        ln.feats["repeated"] = float(counts[k] >= 2)
        ln.feats["caption_text"] = float(k in captions and not ln.feats["credit_mark"])
        # "Home News <headline>": navigation words in front of another line.
        parts = k.split(" ")
        ln.feats["nav_prefix"] = float(
            any(
                " ".join(parts[j:]) in keyset and _is_nav_phrase(" ".join(parts[:j]), lex)
                for j in range(1, len(parts))
            )
        )


def _score(feats: dict[str, float], lex: _Lexicon) -> str | None:
    best, best_score = None, lex.threshold
    for reason, weights in lex.weights.items():
        s = sum(w * feats.get(name, 0.0) for name, w in weights.items())
        if s >= best_score + (1e-9 if best else 0.0):
            best, best_score = reason, s
    return best


def _find_title(lines: list[_Line], lex: _Lexicon) -> int | None:
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
            if other.reason is None and _key(other.text) != _key(ln.text):
                after |= _content(other.words, lex)
        if f["repeated"] or _overlap(_content(ln.words, lex), after) >= TITLE_MIN_OVERLAP:
            return i
    return None


def _context(lines: list[_Line], title: int | None, lex: _Lexicon, hints: list[str]) -> None:
    """Features that depend on the headline and on where the article body sits."""
    tkey = _key(lines[title].text) if title is not None else None
    for i, ln in enumerate(lines):
        k = _key(ln.text)
        ln.feats["equals_title"] = float(tkey is not None and i != title and k == tkey)
        ln.feats["title_affix"] = 0.0
        if (
            tkey
            and i != title
            and k != tkey
            and (k.startswith(tkey + " ") or k.endswith(" " + tkey))
        ):
            rest = k.replace(tkey, "", 1).strip()
            if len(rest.split()) <= 6 and not _is_nav_phrase(rest, lex):
                ln.feats["title_affix"] = 1.0
                m = re.search(r"\s[|–—-]\s(.+)$", ln.text)
                if m and k.startswith(tkey):
                    hints.append(m.group(1).strip())
    start = title + 1 if title is not None else 0
    prose = [i for i, ln in enumerate(lines) if ln.reason is None and ln.feats["prose"]]
    last = max(prose) if prose else len(lines) - 1
    content = {i: _content(lines[i].words, lex) for i in range(start, last + 1)}
    body_words: set[str] = set()
    for i in content:
        if lines[i].reason is None:
            body_words |= content[i]
    # Promo blocks sit before the headline or after the last sentence; they
    # advertise something (lexicon hit) in vocabulary the article does not use.
    top = list(range(title)) if title is not None else []
    block = [i for i in top if lines[i].reason is None]
    words = set().union(*(_content(lines[i].words, lex) for i in block)) if block else set()
    promo = any(lines[i].feats["lex:promo-block"] for i in block)
    if promo and _overlap(words, body_words) < PROMO_MAX_OVERLAP:
        for i in block:
            lines[i].feats["promo_block"] = 1.0
    for i in range(last, start - 1, -1):
        if not lines[i].feats["lex:promo-block"]:
            break
        others: set[str] = set()
        for j in range(start, i):
            if lines[j].reason is None:
                others |= content[j]
        if _overlap(content[i], others) >= PROMO_MAX_OVERLAP:
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


def _outlet_hints(lines: list[_Line], lex: _Lexicon, hints: list[str]) -> list[str]:
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
    (footer "X's website", photo-agency credits).  Never raises.
    """
    try:
        return _clean(text)
    except Exception as exc:  # a bug here must not lose the page: keep everything
        log.exception("E201 line classifier failed, keeping all lines: %s", exc)
        body = [ln for ln in normalize(text if isinstance(text, str) else "").split("\n") if ln]
        return CleanedText(text="\n\n".join(body), title=None)


def _clean(text: str) -> CleanedText:
    lex = _lexicon()
    lines = [_Line(t, words=_WORD.findall(t)) for t in normalize(text).split("\n") if t.strip()]
    if not lines:
        return CleanedText(text="", title=None)
    for ln in lines:
        _intrinsic(ln, lex)
    _document_features(lines, lex)
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
        for d in _find_dates(ln.text, lex)
    ]
    return CleanedText(
        text="\n\n".join(ln.text for ln in lines if ln.reason is None),
        title=lines[title].text if title is not None else None,
        removed=[Removed(ln.text, ln.reason) for ln in lines if ln.reason is not None],
        dates=dates,
        outlet_hints=_outlet_hints(lines, lex, hints),
    )
