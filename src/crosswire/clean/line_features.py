"""Line features for the plain-text line classifier (:mod:`crosswire.clean.lines`).

Every non-blank line of a scraped page becomes a :class:`Line` with 0/1
features: ``intrinsic_features`` looks at the line alone (length, sentence
punctuation, URL shape, lexicon hits, caption and date patterns) and
``document_features`` compares it with the rest of the page (repetition,
caption text, navigation prefixes). Phrases, regexes and weights come from
``crosswire/data/boilerplate.json``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from crosswire.datafiles import read_json

HEADLINE_MAX_WORDS = 22  # structural limit, not lexicon: a longer line is no headline
NAV_PREFIX_MAX_WORDS = 8  # a breadcrumb in front of a headline is a few words, never a sentence

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』]*$")
_HEADLINE_BAD_END = re.compile(r"[.!?…。！？,;:，；：][\"'”’»)\]」』]*$")
_NAV_SEP = re.compile(r"\s+(?:/|>|»|›|\|)\s+")


# Widget text (credits, captions, share prompts, dates) sits at the start or
# the end of a line; deep inside a line longer than LONG_LINE it is prose.
# Searching only the line's two ends keeps a megabyte-long line cheap.
LONG_LINE = 4000
_PROBE = 1500


@dataclass
class Line:
    """One non-blank line of the page: text, words, features, removal reason."""

    text: str
    feats: dict[str, float] = field(default_factory=dict)
    reason: str | None = None
    words: list[str] = field(default_factory=list)
    _key: str | None = field(default=None, repr=False)
    _content: set[str] | None = field(default=None, repr=False)

    @property
    def key(self) -> str:
        """``line_key`` of the text, computed once."""
        if self._key is None:
            self._key = " ".join(w.lower() for w in self.words)
        return self._key

    @property
    def probe(self) -> str:
        """The text searched for widget patterns: all of it, or both ends of a long line."""
        t = self.text
        return t if len(t) <= LONG_LINE else t[:_PROBE] + " … " + t[-_PROBE:]


class Lexicon:
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
        # Single tokens of the (possibly multi-word) navigation phrases, as line_key spells them.
        self.nav_tokens: set[str] = {w for nav in self.nav_words for w in line_key(nav).split()}
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
def lexicon() -> Lexicon:
    """The compiled ``data/boilerplate.json`` (read once)."""
    return Lexicon(read_json("boilerplate.json"))


def line_key(text: str) -> str:
    """Comparison key for repeated lines: lowercased words only."""
    return " ".join(w.lower() for w in WORD.findall(text))


def content_words(words: list[str], lex: Lexicon) -> set[str]:
    """Content-word stems (lowercase, possessive and plural -s dropped)."""
    out = set()
    for w in words:
        w = w.lower()
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if len(w) < 3 or w in lex.function_words or w.isdigit():
            continue
        out.add(w[:-1] if w.endswith("s") and len(w) > 3 else w)
    return out


def line_content(line: Line, lex: Lexicon) -> set[str]:
    """``content_words`` of a line's words, computed once."""
    if line._content is None:
        line._content = content_words(line.words, lex)
    return line._content


def overlap(part: set[str], whole: set[str]) -> float:
    """Share of ``part`` that is also in ``whole`` (0 for an empty ``part``)."""
    return len(part & whole) / len(part) if part else 0.0


def find_date_spans(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of date strings in ``text`` (the lexicon's date patterns), in text order.

    Earlier patterns win: a later pattern's match is dropped when it starts
    inside a date already found.  Linear in the text: each pattern's matches
    come in order, so one pointer walks the merged spans found so far.
    """
    spans: list[tuple[int, int]] = []
    for pat in lex.dates:
        merged = _merge(spans)
        k = 0
        for m in pat.finditer(text):
            start = m.start()
            while k < len(merged) and merged[k][1] <= start:
                k += 1
            if not (k < len(merged) and merged[k][0] <= start):
                spans.append((start, m.end()))
    return sorted(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``spans`` as sorted, disjoint intervals."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def find_dates(text: str, lex: Lexicon) -> list[str]:
    """Date strings in ``text`` (the lexicon's date patterns), in text order."""
    return [text[s:e] for s, e in find_date_spans(text, lex)]


def is_nav_phrase(text: str, lex: Lexicon) -> bool:
    """True when ``text`` is made only of navigation words ("Home News")."""
    rest = " " + " ".join(text.lower().split()) + " "
    for nav in sorted(lex.nav_words, key=len, reverse=True):
        rest = rest.replace(" " + nav + " ", " ")
    return bool(text.strip()) and not rest.strip(" /|>»›")


def intrinsic_features(line: Line, lex: Lexicon) -> None:
    """Features that depend on the line alone."""
    t, f, n = line.text, line.feats, len(line.words)
    p = line.probe  # searched patterns look at a long line's two ends only
    func = sum(1 for w in line.words if w.lower() in lex.function_words)
    func_ratio = func / n if n else 0.0
    ends = bool(_SENTENCE_END.search(p))
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
        f[name] = float(bool(pat[name].search(p)))
    f["dash_wrapped"] = float(bool(pat["dash_wrapped"].match(t)))
    f["copyright_line"] = float(bool(pat["copyright_line"].match(t)))
    f["url_only"] = float(bool(pat["url_only"].match(t)))
    f["byline"] = float(bool(pat["byline"].match(t)))
    f["reported_speech"] = float(bool(lex.reporting.search(p)))
    for reason, rx in lex.phrases.items():
        f["lex:" + reason] = float(bool(rx.search(p)))
    spans = find_date_spans(p, lex)
    dates = bool(spans)
    f["has_date"] = float(dates)
    # The text around the dates, in one pass (replacing date by date would be
    # quadratic on a line made of dates).
    pieces, at = [], 0
    for start, end in spans:
        pieces.append(p[at:start])
        at = end
    pieces.append(p[at:])
    rest = pat["dateline_label"].sub("", " ".join(pieces))
    rest = re.sub(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|gmt|utc)?\b", " ", rest, flags=re.I)
    f["date_only"] = float(dates and not WORD.findall(re.sub(r"\b[A-Za-z]{3,9}day\b", "", rest)))
    segs = _NAV_SEP.split(t) if n <= 12 else []
    f["nav_sep"] = float(
        n <= 12
        and len(segs) >= 2
        and all(0 < len(s.split()) <= 3 for s in segs)
        and (len(segs) >= 3 or is_nav_phrase(segs[0], lex))
    )
    f["nav_only"] = float(n <= 4 and is_nav_phrase(t, lex))
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


def document_features(lines: list[Line], lex: Lexicon) -> None:
    """Features that compare a line with the rest of the page."""
    counts = Counter(ln.key for ln in lines)
    captions = set()
    for ln in lines:
        if ln.feats["credit_mark"]:
            head = re.split(r"©|\(c\)|(?:photo|image|credit)s?\s*:", ln.text, flags=re.I)[0]
            head = head.strip(" -–—|")
            if len(head.split()) >= 3:
                captions.add(line_key(head))
    keys = [ln.key for ln in lines]
    keyset = set(keys)
    for ln, k in zip(lines, keys, strict=True):
        ln.feats["repeated"] = float(counts[k] >= 2)
        ln.feats["caption_text"] = float(k in captions and not ln.feats["credit_mark"])
        # "Home News <headline>": navigation words in front of another line.
        ln.feats["nav_prefix"] = float(_nav_prefix(k, keyset, lex))


def _nav_prefix(key: str, keyset: set[str], lex: Lexicon) -> bool:
    """True when ``key`` is a short run of navigation words followed by another line's key.

    Only prefixes made of navigation-word tokens, at most NAV_PREFIX_MAX_WORDS
    long, are tried, so the cost stays linear in the line's length.
    """
    parts = key.split(" ", NAV_PREFIX_MAX_WORDS + 1)
    offset = 0
    for j in range(1, min(len(parts), NAV_PREFIX_MAX_WORDS + 1)):
        if parts[j - 1] not in lex.nav_tokens:
            return False
        offset += len(parts[j - 1]) + 1
        if key[offset:] in keyset and is_nav_phrase(key[:offset], lex):
            return True
    return False
