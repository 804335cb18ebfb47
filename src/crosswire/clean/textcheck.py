"""Is a cleaned text made of language at all?

Random bytes decode to *something* in some legacy code page, and a file of
one byte decodes to one character; neither is an article. Text in any script
is mostly letters grouped into words; decoded noise is half symbols, digits
and stray letters, and rarely holds a space (one byte value in 256).
"""

from __future__ import annotations

import re

MIN_LETTERS = 12  # "Police arrested two men." has 21; a lone byte or a stray token has fewer
MIN_LETTER_SHARE = 0.6  # letters among visible characters: prose ~0.8, noise ~0.45
MIN_WORDS = 3  # space-separated tokens of two letters or more
MIN_UNSPACED = 10  # Chinese, Japanese, Thai...: no spaces, so letters count instead
_UNSPACED = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def looks_like_text(text: str) -> bool:
    """True when ``text`` has enough letters, in words, to be prose in some language."""
    visible = 0
    letters = 0
    for ch in text:
        if ch.isspace():
            continue
        visible += 1
        if ch.isalpha():
            letters += 1
    if letters < MIN_LETTERS or letters < MIN_LETTER_SHARE * visible:
        return False
    words = 0
    for token in text.split():
        if sum(ch.isalpha() for ch in token[:64]) >= 2:
            words += 1
            if words >= MIN_WORDS:
                return True
    return len(_UNSPACED.findall(text[:2000])) >= MIN_UNSPACED
