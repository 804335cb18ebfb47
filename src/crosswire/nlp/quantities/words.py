"""Number words and phrase tables for :mod:`crosswire.nlp.quantities.find`.

``parse_number`` turns number words and digits into a value; ``number_span``
finds the longest run of number tokens in a parsed ``Doc``; ``match_phrase``
looks up the longest multi-word key of a ``data/quantities.json`` table
(approximators, vague counts, units) at a word position.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Iterable
from typing import Any

import numpy as np

from crosswire.datafiles import read_json

# "240,000", "1.5", "36"; not "1st", "Su-24" or "2015-10-01".
DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The word lists of ``data/quantities.json`` (read once)."""
    data: dict[str, Any] = read_json("quantities.json")
    return data


def phrases(table: dict[str, Any]) -> list[tuple[list[str], str]]:
    """Return (word list, key) pairs, longest first, skipping ``_comment`` keys."""
    keys = [k for k in table if not k.startswith("_")]
    return sorted(((k.split(), k) for k in keys), key=lambda p: -len(p[0]))


# Phrase tables indexed by first word, per table (keyed by id, holding the
# table so the id stays its own): sorting every table for every token was the
# module's main cost.
_PHRASE_INDEX: dict[int, tuple[dict[str, Any], dict[str, list[tuple[list[str], str]]]]] = {}


def _phrase_index(table: dict[str, Any]) -> dict[str, list[tuple[list[str], str]]]:
    """``phrases(table)`` grouped by first word, each group still longest first."""
    hit = _PHRASE_INDEX.get(id(table))
    if hit is not None and hit[0] is table:
        return hit[1]
    index: dict[str, list[tuple[list[str], str]]] = {}
    for parts, key in phrases(table):
        index.setdefault(parts[0], []).append((parts, key))
    _PHRASE_INDEX[id(table)] = (table, index)
    return index


def starter_words(lex: dict[str, Any]) -> frozenset[str]:
    """Lower-cased words a quantity can start with (digit groups aside).

    The first words of approximators and vague counts, "a"/"an" ("a dozen")
    and the number words: a token not in this set and not a digit group is
    never the start of a quantity, so the scan skips it without parsing.
    """
    return frozenset(
        [
            *_phrase_index(lex["approximators"]),
            *_phrase_index(lex["vague_counts"]),
            "a",
            "an",
            *lex["units_words"],
            *lex["scale_words"],
            *lex["dozen_words"],
        ]
    )


def doc_lowers(doc: Any) -> list[str]:
    """``[t.lower_ for t in doc]`` read from the doc's arrays (no Token objects built)."""
    strings = doc.vocab.strings
    # Look each distinct word up once; numpy spreads the strings back out.
    uniq, where = np.unique(doc.to_array("LOWER"), return_inverse=True)
    words = np.array([strings[h] for h in uniq.tolist()], dtype=object)
    lowers: list[str] = words[where].tolist()
    return lowers


def hashes_where(strings: Any, column: Any, wanted: Container[str]) -> Any:
    """Distinct hashes in ``column`` whose string, lower-cased, is in ``wanted``.

    ``column`` is a column of ``Doc.to_array`` (e.g. ``LEMMA``); the result
    is an array for ``numpy.isin``, so a token test like
    ``tok.lemma_.lower() in wanted`` runs once per distinct word, not per token.
    """
    keep = [h for h in np.unique(column).tolist() if strings[h].lower() in wanted]
    return np.array(keep, dtype=np.uint64)


def string_hashes(strings: Any, words: Iterable[str]) -> Any:
    """The hashes of ``words`` (as ``Doc.to_array`` reports them), for ``numpy.isin``."""
    return np.array([strings[w] for w in words], dtype=np.uint64)


def match_phrase(words: list[str], i: int, table: dict[str, Any]) -> tuple[str, int] | None:
    """Longest phrase from ``table`` starting at word ``i``: (key, words used)."""
    if i >= len(words):
        return None
    for parts, key in _phrase_index(table).get(words[i], ()):
        if words[i : i + len(parts)] == parts:
            return key, len(parts)
    return None


def parse_number(words: list[str]) -> float | None:
    """Turn number words/digits into a value: ["two", "thousand"] -> 2000.0.

    Accepts digits with thousands commas, number words up to ninety-nine,
    scale words (hundred, thousand, million, billion), "dozen", a leading
    "a"/"an" ("a dozen") and "and"/"-" joiners. Returns ``None`` if any word
    is not part of a number.
    """
    lex = lexicon()
    units: dict[str, int] = lex["units_words"]
    scales: dict[str, int] = lex["scale_words"]
    dozens: dict[str, int] = lex["dozen_words"]
    total = 0.0
    current = 0.0
    seen = False
    for n, word in enumerate(words):
        if DIGITS.match(word):
            current += float(word.replace(",", ""))
        elif word in units:
            current += units[word]
        elif (word in ("a", "an") and n == 0 and len(words) > 1) or (word in ("and", "-") and seen):
            continue  # "a dozen", "two hundred and fifty", "twenty-five"
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word in scales:
            total += max(current, 1.0) * scales[word]
            current = 0.0
        elif word in dozens:
            current = max(current, 1.0) * dozens[word]
        else:
            return None
        seen = True
    return total + current if seen else None


def is_number_word(tok: Any) -> bool:
    """True for a digit group or a number word ("two", "hundred", "dozen")."""
    lex = lexicon()
    low = tok.lower_
    return bool(
        DIGITS.match(tok.text)
        or low in lex["units_words"]
        or low in lex["scale_words"]
        or low in lex["dozen_words"]
    )


def number_span(doc: Any, i: int) -> tuple[int, float] | None:
    """Longest run of number tokens starting at ``i``: (end index, value)."""
    if doc[i].lower_ in ("a", "an"):
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is None or nxt.lower_ not in ("dozen", "hundred", "thousand", "million"):
            return None
    elif not is_number_word(doc[i]):
        return None
    j = i + 1
    while j < len(doc) and (
        is_number_word(doc[j])
        or (_joins(doc[j - 1], doc[j]) and j + 1 < len(doc) and is_number_word(doc[j + 1]))
    ):
        # Two digit groups in a row ("50 30") are two numbers, not one.
        if DIGITS.match(doc[j].text) and DIGITS.match(doc[j - 1].text):
            break
        j += 1
    words = [t.lower_ for t in doc[i:j]]
    while words and words[-1] in ("and", "-"):
        words.pop()
        j -= 1
    value = parse_number(words)
    return (j, value) if value is not None else None


def _joins(prev: Any, tok: Any) -> bool:
    """ "and" only after a scale ("three hundred and fifty"), "-" only after a tens
    word ("twenty-five"): "20 and 30" stays two numbers."""
    lex = lexicon()
    if tok.text == "and":
        return prev.lower_ in lex["scale_words"]
    return tok.text == "-" and prev.lower_ in lex["units_words"] and prev.lower_.endswith("ty")
