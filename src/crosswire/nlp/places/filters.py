"""Filters that keep words that look like places from becoming places.

Each takes the doc and a candidate span that matched the gazetteer and says
whether it is a false toponym: part of a person's or organisation's name, a
fragment of an unknown longer name, a political bloc ("the West"). The word
lists are data (``data/place_filters.json``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from crosswire.datafiles import read_json
from crosswire.nlp.core.doccache import doc_ents
from crosswire.nlp.entities.names import described_name, described_person, person_words


@dataclass(frozen=True)
class _Words:
    own_name_heads: frozenset[str]
    place_qualifiers: frozenset[str]
    cue_nouns: frozenset[str]
    cue_after: frozenset[str]
    cue_before: frozenset[str]
    designators: frozenset[str]
    blocs: frozenset[str]
    brand_heads: frozenset[str]
    person_roles: frozenset[str]
    titles: frozenset[str]
    generic_words: frozenset[str]
    venue_nouns: frozenset[str]
    container_nouns: frozenset[str]
    street_words: frozenset[str]
    district_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def _load() -> _Words:
    raw = read_json("place_filters.json")
    return _Words(**{k: frozenset(raw[k]) for k in _Words.__dataclass_fields__})


def venue_nouns() -> frozenset[str]:
    """Nouns of international meetings ("peace talks in Geneva")."""
    return _load().venue_nouns


def container_nouns() -> frozenset[str]:
    """Nouns of "X, a town in Y": Y holds X."""
    return _load().container_nouns


def street_words() -> frozenset[str]:
    """Words that make the name before them a street ("Prentice Street")."""
    return _load().street_words


def district_words() -> frozenset[str]:
    """Words that make a nationality word before them a district's or building's
    name ("French Quarter", "British Museum")."""
    return _load().district_words


def designators() -> frozenset[str]:
    """Words that make a place name a region ("Idlib province")."""
    return _load().designators


def false_toponym(
    doc: Any, span: Any, prominent: bool = False, exact: bool = True, region: bool = False
) -> bool:
    """Whether a gazetteer match is no place at all ("Meridian" of "Meridian Press
    Agency", "Rashid" of "Hana Rashid", "Abu" of an unknown "Abu Maria", a
    sentence-initial "More", "the West").

    ``prominent``: the name is a country, a state or province, or a large city:
    then a capitalised word after it starts an organisation named after the
    place ("Texas Department of Health", "Ohio Supreme Court"), not a longer
    unknown name. ``exact``: some candidate bears the name itself, not only a
    spelling variant ("Assad" matches only ‘Ein el Asad). ``region``: the name
    is a country's or a first-level region's ("Pennsylvania Avenue" is
    searched by the backoff as a whole)."""
    return (
        actor_alias_part(doc, span)
        or political_bloc(doc, span)
        or inside_longer_name(doc, span)
        or (len(span) == 1 and span[0].is_stop and not _whole_gpe(doc, span))
        or (not prominent and name_fragment(doc, span))
        or street_name(doc, span, region)
        or known_person(doc, span, exact)
        or described_name(doc, span.start, span.end) is not None
        or titled(doc, span)
        or generic_part(doc, span)
        or brand_name(doc, span)
    )


# Street words that follow a place's name in other senses: "Meigs County
# Court", "the Portland Trail Blazers", "the Appalachian Way"
_NOT_STREETS = frozenset({"court", "ct", "trail", "way", "circle"})


def street_name(doc: Any, span: Any, region: bool = False) -> bool:
    """A town's name opening a street's ("the Chesapeake Place apartments",
    "Durango Drive", "Madrid Street"): the street, which the backoff places
    near the story's own places, not the town (Chesapeake, Virginia, in a
    Tallahassee story). A country's or a state's name stays ("Pennsylvania
    Avenue")."""
    if region or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    word = nxt.lower_
    if not nxt.text[:1].isupper() or word in _NOT_STREETS:
        return False
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    if after is not None and after.like_num:
        return False  # "Oxford Road 5": a county road numbered after the town
    return word in _load().street_words or word == "place"


def _whole_gpe(doc: Any, span: Any) -> bool:
    """Whether the NER calls exactly ``span`` a GPE: then "US" is the country, not
    the pronoun spaCy's case-blind stop list makes of it, and in "US President"
    the capitalised word after it starts another name."""
    start, end = span.start, span.end
    return any(s == start and t == end and e.label_ == "GPE" for s, t, e in _ent_bounds(doc))


def inside_longer_name(doc: Any, span: Any) -> bool:
    """Whether ``span`` is a strict part of a longer name: a person or organisation
    ("Meridian" of "Meridian Press Agency"), or a place whose other words are
    capitalised name parts ("Abu" of "Abu Maria"; but not "Hama" of "Hama province")."""
    start, end = span.start, span.end
    for s, t, e in _ent_bounds(doc):
        if not (s <= start and end <= t and t - s > end - start):
            continue
        if e.label_ in {"PERSON", "WORK_OF_ART"}:
            # "Dublin Mayor Marilee ...", "Litchfield Fire Chief ...": a town
            # before an office opens the person's name, and is a place
            if start == s and end < t and doc[end].lower_ in _load().cue_after:
                continue
            return True
        # Inside an organisation the place usually is one ("Gainesville Police"),
        # unless the name is the organisation's own ("Meridian Press Agency").
        if e.label_ == "ORG" and e[-1].lower_ in _load().own_name_heads:
            return True
        rest = [t for t in e if t.i < span.start or t.i >= span.end]
        if e.label_ in {"GPE", "LOC", "FAC"} and all(t.text[:1].isupper() for t in rest):
            return True
    return False


def place_cue(doc: Any, span: Any) -> bool:
    """ "the town of X", "the village of X", "the outskirts of X", "a X man", "X
    police": the words around a name say it is a place, whatever the NER label or
    the population."""
    i, j = span.start, span.end
    if j < len(doc) and doc[j].lower_ in _load().cue_after:
        return True
    if dateline(doc, span):
        return True
    # "Sligo-based"
    if j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ == "based":
        return True
    if i >= 1 and doc[i - 1].lower_ in _load().cue_before and doc[i - 1].dep_ == "prep":
        return True
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _load().cue_nouns


_DASHES = frozenset({"—", "–", "--", "-", "---"})


def dateline(doc: Any, span: Any) -> bool:
    """A news dateline: the name in capitals opening a sentence and followed by a
    dash, directly or after its state ("CLINTON — A town couple...",
    "HURRICANE, W.Va. - Law enforcement..."): the place the story is filed from."""
    i, j = span.start, span.end
    text = span.text
    if not (text.isupper() and sum(ch.isalpha() for ch in text) >= 3):
        return False
    if i > 0 and not (doc[i - 1].is_punct or doc[i - 1].is_space or doc[i].is_sent_start):
        return False
    for k in range(j, min(j + 5, len(doc))):
        tok = doc[k].text
        if tok in _DASHES:
            return True
        if not (tok in {",", "."} or tok[:1].isupper()):
            return False
    return False


# The filters run for every gazetteer match against every entity of the doc, so
# the entities' token bounds are read once per doc, and so is ``Span.ent_id_``
# (it finds the span's syntactic root, building Token objects). Keyed on the
# identity of the memoised ``doc_ents`` tuple (held, so its id stays unique): it
# follows ``doccache.forget`` like every other per-doc memo.
_memo: list[Any] = [None, (), ()]


def _refresh(doc: Any) -> None:
    ents = doc_ents(doc)
    if _memo[0] is not ents:
        _memo[1] = tuple((e.start, e.end, e) for e in ents)
        _memo[2] = tuple((e.start, e.end) for e in ents if e.ent_id_)
        _memo[0] = ents


def _ent_bounds(doc: Any) -> tuple[tuple[int, int, Any], ...]:
    """(start token, end token, span) of every entity."""
    _refresh(doc)
    bounds: tuple[tuple[int, int, Any], ...] = _memo[1]
    return bounds


def _alias_bounds(doc: Any) -> tuple[tuple[int, int], ...]:
    """(start token, end token) of the entities that carry an ent_id (lexicon actors)."""
    _refresh(doc)
    bounds: tuple[tuple[int, int], ...] = _memo[2]
    return bounds


def actor_alias_part(doc: Any, span: Any) -> bool:
    """Part of a longer lexicon actor alias ("Assad" of "Assad regime")."""
    start, end = span.start, span.end
    return any(s <= start and end <= t and t - s > end - start for s, t in _alias_bounds(doc))


def political_bloc(doc: Any, span: Any) -> bool:
    """ "the West", "The East": political blocs, not West, Texas."""
    words = [t.lower_ for t in span]
    if words and words[0] == "the":
        return len(words) == 2 and words[1] in _load().blocs
    return (
        len(span) == 1
        and words[0] in _load().blocs
        and span.start > 0
        and doc[span.start - 1].lower_ == "the"
    )


def titled(doc: Any, span: Any) -> bool:
    """A name after a person's title ("coach Ripley", "Sen. Graham")."""
    return span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in _load().titles


def generic_part(doc: Any, span: Any) -> bool:
    """A feature word closing a longer name or opening a numbered one ("Center"
    of "Webb Center", "Forest" of "Monongahela National Forest", "Route" of
    "Route 38", "Hospital" of "Children's Hospital"): the gazetteer's Center,
    Texas is not meant."""
    if len(span) != 1 or span[0].lower_ not in _load().generic_words:
        return False
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.text in {"'s", "\u2019s"} and span.start > 1:
        prev = doc[span.start - 2]  # "Alder Hey Children's Hospital"
    nxt = doc[span.end] if span.end < len(doc) else None
    return (prev is not None and prev.text[:1].isupper() and prev.is_alpha) or (
        nxt is not None and nxt.like_num
    )


def known_person(doc: Any, span: Any, exact: bool = True) -> bool:
    """A lone surname or given name of a person the article names in full
    ("Trapani's story" after "Andrew Trapani", "Moore said" after "Jim Moore",
    "Jacob" after "Jacob A. Stahl"), unless the words around it make it a place
    ("in Gary", "Gary police", "the Riverdale area"), whatever the NER says."""
    if len(span) != 1:
        return False
    if span[0].lower_ not in person_words(doc):
        return False
    # "in Gary", "Gary police": the town, though the article names a Gary Nelson;
    # but "in Anderson's chest" is the person's
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in _load().place_qualifiers:
        return False  # "the Riverdale area"
    possessive = nxt is not None and nxt.text in {"'s", "\u2019s", "'", "\u2019"}
    return possessive or not place_cue(doc, span)


def brand_name(doc: Any, span: Any) -> bool:
    """A maker's or brand name before the thing it names ("a Fraser .25-caliber
    handgun", "a Lincoln sedan"): the word modifies a product noun."""
    root = span.root
    if (
        root.dep_ in {"compound", "nmod", "amod", "npadvmod"}
        and root.head.i >= span.end
        and root.head.lemma_.lower() in _load().brand_heads
    ):
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    # ".25-caliber", ".38 Special": a calibre right after the name
    return nxt is not None and nxt.text[:1] == "." and nxt.text[1:2].isdigit()


def person_role(doc: Any, span: Any) -> bool:
    """Whether the text describes a name the NER calls a PERSON as a person: an
    apposition or relative clause on it ("killing Austin, a 19-year-old
    student"), an age after it ("Austin, 19,") or a title before it ("Mr.
    Austin"). A bare subject or possessor stays a place ("Gainesville's mayor")."""
    words = _load()
    root = span.root
    if any(c.dep_ in words.person_roles and c.i >= span.end for c in root.children):
        return True
    if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in words.titles:
        return True
    # not as a speaker: "Tamil Nadu said", "Gainesville says no"
    return described_person(doc, span.start, span.end, speech=False)


def name_fragment(doc: Any, span: Any) -> bool:
    """A one-word match glued to a capitalised neighbour is part of an unknown
    longer name ("Abu" of "Abu Maria"), unless the neighbour is a region word."""
    if len(span) != 1 or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return (
        nxt.pos_ == "PROPN"
        and nxt.text[:1].isupper()
        and nxt.lower_ not in _load().designators
        and nxt.lower_ not in _load().place_qualifiers
        and nxt.ent_type_ not in {"GPE", "LOC"}
        and not _whole_gpe(doc, span)
    )
