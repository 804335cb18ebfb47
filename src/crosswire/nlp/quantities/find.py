"""Counts and measures in news text: "more than 240,000 people dead", "over 12,000 km2".

``find_quantities(doc)`` walks a parsed spaCy ``Doc`` and returns one
:class:`Quantity` per count or measure, with character offsets into
``doc.text``. Vague counts ("dozens of", "several dozen") and approximators
("nearly", "more than") become low/high bounds; the rules and their reasons
are in ``docs/quantities.md`` and the word lists in
``crosswire/data/quantities.json``.

Things that look like numbers but are not counts are skipped on purpose:
dates and times (spaCy DATE/TIME entities, bare years), ordinals, durations
("five years" is the temporal module's business), and model names
("MIG 29", "Su-24M").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from crosswire.nlp.core.doccache import doc_ents
from crosswire.nlp.quantities.words import DIGITS as _DIGITS
from crosswire.nlp.quantities.words import doc_lowers as _doc_lowers
from crosswire.nlp.quantities.words import lexicon as _lexicon
from crosswire.nlp.quantities.words import match_phrase as _match_phrase
from crosswire.nlp.quantities.words import number_span as _number_span
from crosswire.nlp.quantities.words import parse_number
from crosswire.nlp.quantities.words import starter_words as _starter_words

logger = logging.getLogger(__name__)

__all__ = ["Quantity", "find_quantities", "parse_number"]

_SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}
_NOUNISH = {"NOUN", "PROPN", "ADJ"}
# Words that name a thing by a number ("Resolution 2254", "MIG 29" is caught as an acronym).
_LABEL_WORDS = {"resolution", "article", "chapter", "no", "no.", "number", "route", "highway"}


@dataclass(frozen=True)
class Quantity:
    """One count or measure found in the text.

    ``value`` is the best single number (for vague counts the conservative
    ACLED-style reading), ``low``/``high`` the bounds (``None`` = open).
    Exactly one of ``unit`` (a measure: "km", "km2", "percent") or ``noun``
    (the lemma of the counted thing: "militant", "air strike") is usually set;
    both are ``None`` for a bare number. ``modifiers`` are the other words
    that qualify the counted thing ("Islamic State", "Russian", "dead").
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None = None
    noun: str | None = None
    qualifier: str | None = None
    modifiers: tuple[str, ...] = ()


def _looks_like_label(doc: Any, i: int) -> bool:
    """True for numbers that name things: "MIG 29", "Resolution 2254", "Su-24"."""
    if i == 0:
        return False
    prev = doc[i - 1]
    if prev.whitespace_ == "" and prev.text not in ("(", "$", "~", '"', "“", "‘", "'"):
        return True  # glued to a word or hyphen: "Su-" + "24", "No." + "5"
    text = prev.text
    acronym = text.isupper() and text.isalpha() and len(text) <= 5 and text not in ("A", "I")
    # "Mk 4", "Su 27": a short capitalised name right before the number is a designation.
    short_name = prev.pos_ == "PROPN" and text[:1].isupper() and text.isalpha() and len(text) <= 3
    return acronym or short_name or prev.lower_ in _LABEL_WORDS


def _noun_phrase(doc: Any, j: int) -> tuple[str | None, list[str], int]:
    """Counted noun starting at token ``j``: (noun lemma, modifiers, end index)."""
    lex = _lexicon()
    k = j
    while k < len(doc) and (
        doc[k].pos_ in _NOUNISH or (doc[k].tag_ in ("VBN", "VBG") and doc[k].dep_ == "amod")
    ):
        if doc[k].text in ("'s", "’s"):
            break
        k += 1
    heads = [n for n in range(j, k) if doc[n].pos_ == "NOUN"]
    if not heads:
        return None, [], j
    head = heads[0]
    # The head is the last noun of the first unbroken noun run ("air strikes").
    while head + 1 < k and doc[head + 1].pos_ == "NOUN":
        head += 1
    if doc[head].lower_ in lex["time_units"]:
        return None, [], j
    # Modifier words keep their surface form ("populated", not "populate").
    lemmas = [doc[n].lower_ for n in range(j, head)] + [doc[head].lemma_.lower()]
    noun_start = head
    entries: list[str] = lex["counted_nouns"]["entries"]
    for size in (3, 2):
        if len(lemmas) >= size and " ".join(lemmas[-size:]) in entries:
            noun_start = head - size + 1
            break
    noun = " ".join(lemmas[noun_start - j :])
    modifiers: list[str] = []
    for n in range(j, noun_start):
        tok = doc[n]
        # "Islamic State": a proper noun after a capitalised word continues one name.
        same_name = tok.ent_iob_ == "I" or (tok.pos_ == "PROPN" and doc[n - 1].text[:1].isupper())
        if modifiers and n > j and same_name:
            modifiers[-1] = f"{modifiers[-1]} {tok.text}"
        else:
            modifiers.append(tok.text)
    end = head + 1
    casualty: dict[str, str] = lex["casualty_words"]
    if end < len(doc) and doc[end].lower_ in casualty:
        modifiers.append(casualty[doc[end].lower_])
        end += 1
    else:
        gov = doc[head].head
        if (
            doc[head].dep_ in ("nsubj", "nsubjpass", "dobj")
            and gov.pos_ == "VERB"
            and gov.lemma_.lower() in casualty
        ):
            modifiers.append(casualty[gov.lemma_.lower()])
    return noun, modifiers, end


def _unit_at(doc: Any, j: int) -> tuple[str, int] | None:
    words = [t.lower_ for t in doc[j : j + 3]]
    hit = _match_phrase(words, 0, _lexicon()["units"])
    if hit is None:
        return None
    key, used = hit
    return _lexicon()["units"][key], j + used


def _skip_conversion(doc: Any, j: int) -> int:
    """Step over a parenthetical conversion: "50 kilometers (30 miles)"."""
    if j + 3 < len(doc) and doc[j].text == "(":
        num = _number_span(doc, j + 1)
        if num is not None:
            unit = _unit_at(doc, num[0])
            if unit is not None and unit[1] < len(doc) and doc[unit[1]].text == ")":
                return unit[1] + 1
    return j


def _bounds(value: float, qualifier: str | None) -> tuple[float | None, float | None]:
    if qualifier is None:
        return value, value
    rule = _lexicon()["approximators"][qualifier]
    low = None if rule["low"] is None else round(value * rule["low"], 6)
    high = None if rule["high"] is None else round(value * rule["high"], 6)
    return low, high


def _excluded_tokens(doc: Any) -> set[int]:
    skip: set[int] = set()
    time_units = _lexicon()["time_units"]
    for ent in _ents(doc):
        if ent.label_ not in _SKIP_ENTS:
            continue
        after = doc[ent.end] if ent.end < len(doc) else None
        # The small model calls "between 20 and 30 people" a DATE; a counted noun
        # right after an entity ending in a number means it was a count after all.
        if (
            ent.label_ == "DATE"
            and doc[ent.end - 1].like_num
            and after is not None
            and after.pos_ == "NOUN"
            and after.lower_ not in time_units
        ):
            continue
        skip.update(range(ent.start, ent.end))
    return skip


def _ents(doc: Any) -> tuple[Any, ...]:
    """The doc's entities (memoised per doc), none for an object without ``ents``."""
    # Not hasattr(doc, "ents"): that builds the entity tuple just to test for it.
    try:
        return doc_ents(doc)
    except AttributeError:
        return ()


def find_quantities(doc: Any) -> list[Quantity]:
    """Return the counts and measures in a parsed spaCy ``Doc``, in text order.

    Never raises for odd input: an empty or unparsed doc gives ``[]``.
    """
    try:
        return list(_scan(doc))
    except Exception:  # noqa: BLE001 - per-input function must not raise
        logger.exception("Q900 quantity scan failed")
        return []


def _scan(doc: Any) -> list[Quantity]:
    lex = _lexicon()
    words = _doc_lowers(doc)
    skip = _excluded_tokens(doc)
    # Only a token that starts an approximator, a vague count or a number can
    # start a quantity; testing the word first spares building ~97% of tokens.
    starters = _starter_words(lex)
    digits = _DIGITS.match
    found: list[Quantity] = []
    i = 0
    n_words = len(words)
    while i < n_words:
        if words[i] not in starters and not digits(words[i]):
            i += 1
            continue
        q = _quantity_at(doc, words, i, skip, lex)
        if q is None:
            i += 1
            continue
        quantity, next_i = q
        found.append(quantity)
        i = next_i
    return found


def _quantity_at(
    doc: Any, words: list[str], i: int, skip: set[int], lex: dict[str, Any]
) -> tuple[Quantity, int] | None:
    start = i
    qualifier: str | None = None
    hit = _match_phrase(words, i, lex["approximators"])
    if hit is not None and i + hit[1] < len(doc):
        qualifier, used = hit
        i += used
    vague = _match_phrase(words, i, lex["vague_counts"])
    value: float | None
    low: float | None
    high: float | None
    if vague is not None and i not in skip:
        key, used = vague
        rule = lex["vague_counts"][key]
        j = i + used
        value, low, high = rule["value"], rule["low"], rule["high"]
        qualifier = key if qualifier is None else f"{qualifier} {key}"
        noun, modifiers, end = _noun_phrase(doc, j)
        if noun is None and key not in ("millions", "thousands", "hundreds", "dozens"):
            return None
        end = max(end, j)
        if noun is None:
            modifiers = _post_casualty(doc, j)
            end = j + len(modifiers)
        return _make(doc, start, end, value, low, high, None, noun, qualifier, modifiers), end
    num = _number_span(doc, i) if i not in skip else None
    if num is None:
        return None
    j, number = num
    if any(n in skip for n in range(i, j)) or _looks_like_label(doc, i):
        return None
    if j < len(doc) and doc[j].lower_ in lex["time_units"]:
        return None  # a duration: temporal.py handles it
    if j + 1 < len(doc) and doc[j].text in ("-", "–") and doc[j + 1].lower_ in lex["time_units"]:
        return None  # "four-year war"
    low, high = _bounds(number, qualifier)
    span_range = _range_end(doc, j, number, qualifier)
    if span_range is not None:
        # "between 20 and 30 people", "20 to 30 people": conservative value = low end.
        j, top = span_range
        low = number if qualifier == "between" else _bounds(number, qualifier)[0]
        high = top if qualifier in (None, "between") else _bounds(top, qualifier)[1]
        qualifier = qualifier or "to"
    unit = _unit_at(doc, j)
    if unit is not None:
        end = _skip_conversion(doc, unit[1])
        q = _make(doc, start, end, number, low, high, unit[0], None, qualifier, [])
        return q, end
    noun, modifiers, end = _noun_phrase(doc, j)
    if noun is None:
        is_digits = bool(_DIGITS.match(doc[i].text))
        if not is_digits and qualifier is None:
            return None  # "no one", "one of them"
        if is_digits and qualifier is None and "," not in doc[i].text:
            if "." not in doc[i].text and 1800 <= number <= 2100 and j == i + 1:
                return None  # a bare year
            if i > 0 and doc[i - 1].pos_ == "PROPN":
                return None  # a bare number after a name: "Boeing 737"
        modifiers = _post_casualty(doc, j)
        end = j + len(modifiers)
    return _make(doc, start, end, number, low, high, None, noun, qualifier, modifiers), end


def _range_end(doc: Any, j: int, number: float, qualifier: str | None) -> tuple[int, float] | None:
    """End of "N and M" after "between", or of "N to M" / "N-M": (end index, M)."""
    if j + 1 >= len(doc):
        return None
    joiner = doc[j].lower_
    if not (
        (joiner == "and" and qualifier == "between")
        or (joiner in ("to", "-", "–") and qualifier != "between")
    ):
        return None
    top = _number_span(doc, j + 1)
    if top is None or top[1] <= number:
        return None  # "10-2" is a score, not a range
    return top


def _post_casualty(doc: Any, j: int) -> list[str]:
    casualty: dict[str, str] = _lexicon()["casualty_words"]
    if j < len(doc) and doc[j].lower_ in casualty:
        return [casualty[doc[j].lower_]]
    return []


def _make(
    doc: Any,
    start: int,
    end: int,
    value: float | None,
    low: float | None,
    high: float | None,
    unit: str | None,
    noun: str | None,
    qualifier: str | None,
    modifiers: list[str],
) -> Quantity:
    span = doc[start:end]
    return Quantity(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        value=None if value is None else float(value),
        low=None if low is None else float(low),
        high=None if high is None else float(high),
        unit=unit,
        noun=noun,
        qualifier=qualifier,
        modifiers=tuple(modifiers),
    )
