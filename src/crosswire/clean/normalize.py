"""Text normalization shared by every cleaner.

``normalize`` repairs what scraping and re-encoding typically do to text and
nothing more: mojibake ("Syriaâ€™s" -> "Syria’s"), mixed line endings, invisible
characters, runs of spaces.  It never rewrites wording: curly quotes stay curly
(they carry quotation boundaries the NLP layer uses), and paragraph breaks are
kept so the line classifier can still see the page's structure.
"""

from __future__ import annotations

import logging
import re
import unicodedata

import ftfy

log = logging.getLogger(__name__)

# ftfy's defaults would also straighten curly quotes; we keep them because they
# are real content, and quoting boundaries matter for attribution later.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)

# Invisible characters that never carry meaning in news prose: zero-width
# space, word joiner, BOM, soft hyphen, bidi marks/embeddings/isolates.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# ZWJ/ZWNJ are meaningful between letters (Persian, Indic scripts, emoji
# sequences); anywhere else they are scraping debris.
_JOINER_NOT_BETWEEN_LETTERS = re.compile(r"(?<![^\W\d_])[\u200c\u200d]|[\u200c\u200d](?![^\W\d_])")
# Any horizontal whitespace (tab, NBSP, thin space, ideographic space, ...).
_HSPACE = re.compile(r"[^\S\n]+")
_MANY_BLANKS = re.compile(r"\n{3,}")


# Unicode categories Cc (minus tab/newline), Cs and Co, spelled as ranges:
# a regex is an order of magnitude faster than a per-character category test.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_UNASSIGNABLE = re.compile("[\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")


def normalize(text: str) -> str:
    """Return ``text`` repaired and tidied, with its paragraph structure intact.

    Steps: ftfy mojibake repair (quotes kept curly), Unicode NFC, all line
    endings (CRLF, CR, U+2028/2029, NEL) to ``\\n``, zero-width and control
    characters removed, runs of horizontal whitespace (including NBSP) to one
    space, lines stripped, and more than one blank line collapsed to one.
    Single newlines are kept: some scraped pages separate paragraphs that way.
    """
    if not text:
        return ""
    # Removing a character can expose a mojibake sequence ftfy skipped, so a
    # second pass is not always a no-op; iterate (rarely more than twice) so
    # that normalize(normalize(x)) == normalize(x) holds for downstream offsets.
    out = _normalize_once(text)
    if out == text:  # already a fixed point: a second pass would return it unchanged
        return out
    for _ in range(3):
        again = _normalize_once(out)
        if again == out:
            break
        out = again
    return out


def _normalize_once(text: str) -> str:
    """One pass of the normalization pipeline."""
    # Invisible characters go before ftfy too: left in, they can hide a
    # mojibake sequence from it on the first pass and not on a second one.
    # Private-use and surrogate code points likewise.
    text = _INVISIBLE.sub("", text)
    text = _UNASSIGNABLE.sub("", text)
    try:
        fixed = ftfy.fix_text(text, _FTFY_CONFIG)
    except Exception as exc:  # ftfy is robust, but bad input must never raise here
        log.warning("ftfy failed, continuing without mojibake repair: %s", exc)
        fixed = text
    fixed = unicodedata.normalize("NFC", fixed)
    fixed = re.sub(r"\r\n?|[\u2028\u2029\u0085\x0b\x0c]", "\n", fixed)
    fixed = _INVISIBLE.sub("", fixed)
    if "\u200c" in fixed or "\u200d" in fixed:
        fixed = _JOINER_NOT_BETWEEN_LETTERS.sub("", fixed)
    fixed = _CONTROLS.sub("", fixed)
    lines = [_HSPACE.sub(" ", line).strip() for line in fixed.split("\n")]
    joined = "\n".join(lines).strip("\n")
    return _MANY_BLANKS.sub("\n\n", joined)
