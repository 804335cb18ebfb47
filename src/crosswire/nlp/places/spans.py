"""Runs of capitalised tokens: where the place search looks for names.

The small English model misses many toponyms ("Raqqah", "Sheikh Maqsood"), so
the search does not rely on its entities alone: every run of capitalised words
(with lower-case connectors inside, "Gulf of Aden", "Deir ez-Zor") is searched
too. Tokens are read once into plain lists, because the search looks at every
token and at up to six windows per token.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.attrs import IDX, IS_ALPHA, LOWER, ORTH

__all__ = ["CONNECTORS", "Tokens", "runs"]

# Lower-case words allowed inside a run of capitalized tokens ("Gulf of Aden",
# "Jisr al-Shughur", "Deir ez-Zor", "Democratic People's Republic of Korea":
# spaCy splits the possessive off "People").
CONNECTORS = frozenset(
    ["of", "al", "el", "ash", "as", "ad", "ar", "ez", "az", "-"]
    + ["de", "del", "la", "le", "du", "des", "da", "'s", "\u2019s"]
)


@dataclass
class Tokens:
    """Per-token text, lower form, alphabetic flag and character offset of a doc,
    read in one pass: the span search below looks at every token and at up to
    six windows per token, and ``doc[i]`` makes a fresh Token object each time."""

    texts: list[str]
    lowers: list[str]
    alpha: list[bool]
    idx: list[int]

    @classmethod
    def of(cls, doc: Any) -> Tokens:
        strings = doc.vocab.strings
        # column by column: a list of per-token row lists would cost more than
        # the reading saves
        orth, lower, alpha, idx = doc.to_array([ORTH, LOWER, IS_ALPHA, IDX]).T.tolist()
        return cls(
            [strings[h] for h in orth],
            [strings[h] for h in lower],
            [bool(f) for f in alpha],
            idx,
        )


def _dotted(text: str) -> bool:
    """An abbreviation with dots ("U.S.", "S.C.", "D.C."): a run word too, so
    that "the U.S. Senate" and "S.C. Highway Patrol" are searched."""
    return "." in text and len(text) >= 3 and text.replace(".", "").isalpha()


def runs(doc: Any, toks: Tokens | None = None) -> list[tuple[int, int]]:
    """Token index ranges of capitalized runs (connectors allowed inside)."""
    if toks is None:
        toks = Tokens.of(doc)
    texts, lowers, alpha = toks.texts, toks.lowers, toks.alpha
    runs: list[tuple[int, int]] = []
    i, n = 0, len(texts)
    while i < n:
        text = texts[i]
        if text[:1].isupper() and (alpha[i] or "'" in text or _dotted(text)):
            j = i + 1
            while j < n:
                t = texts[j]
                if t[:1].isupper() and (alpha[j] or "'" in t or "’" in t or _dotted(t)):
                    j += 1
                    continue
                if lowers[j] in CONNECTORS and j + 1 < n:
                    k = j
                    while k < n and lowers[k] in CONNECTORS:
                        k += 1
                    if k < n and texts[k][:1].isupper() and alpha[k]:
                        j = k
                        continue
                break
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs
