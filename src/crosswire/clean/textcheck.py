"""Is a cleaned text made of language at all?

Random bytes decode to *something* in some legacy code page, and a file of
one byte decodes to one character; neither is an article. Text in any script
is mostly letters, and words repeat the same few dozen letters; decoded noise
is half symbols, digits and odd letters.
"""

from __future__ import annotations

MIN_LETTERS = 12  # "Police arrested two men." has 21; a lone byte or a stray token has fewer
MIN_LETTER_SHARE = 0.6  # letters among visible characters: prose ~0.8, noise ~0.45


def looks_like_text(text: str) -> bool:
    """True when ``text`` has enough letters, and a large enough share of them, to be prose."""
    visible = 0
    letters = 0
    for ch in text:
        if ch.isspace():
            continue
        visible += 1
        if ch.isalpha():
            letters += 1
    return letters >= MIN_LETTERS and letters >= MIN_LETTER_SHARE * visible
