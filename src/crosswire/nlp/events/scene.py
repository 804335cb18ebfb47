"""Which place mentions can place an event.

A place name can stand for an actor ("Moscow said", "Russian jets"), for where a
statement was made or a person is from ("a Colorado woman"), or be part of a
street's name ("Prentice Street") or a postal code ("OVERLAND, MO"): none of these
is where the violence happened. Rules: docs/events.md (Arguments).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from crosswire.datafiles import read_json
from crosswire.nlp.core.doccache import doc_text
from crosswire.nlp.places.filters import street_words

__all__ = [
    "SPEECH",
    "agentive",
    "care_place",
    "clear_town",
    "dateline",
    "hometown",
    "off_scene",
    "person_name_places",
    "street_or_code",
    "taken_to_care",
]

_DIRECTION = r"(?:(?:north|south|east|west|n|s|e|w)\.?\s+)?"
_BLOCK_OF = re.compile(r"\bblock\s+of\s+" + _DIRECTION + r"$", re.IGNORECASE)
_CROSS_BEFORE = re.compile(r"\b\d+(?:st|nd|rd|th)\s+(?:and|&)\s+" + _DIRECTION + r"$", re.I)
_CROSS_AFTER = re.compile(r"\s+(?:and|&)\s+" + _DIRECTION + r"\d+(?:st|nd|rd|th)\b", re.I)
# "near the crossing of Charles Bussey and Harrison", "at the corner of Elm and Main":
# two streets named without their street words
_CORNER_OF = re.compile(
    r"\b(?:intersection|crossing|corner)\s+of\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:and|&)\s+$"
    r"|\b(?:intersection|crossing|corner)\s+of\s+$"
)

SPEECH = frozenset(
    {
        "say",
        "tell",
        "announce",
        "report",
        "confirm",
        "state",
        "add",
        "release",
        "write",
        "update",
        "post",
        "publish",
        "tweet",
    }
)
_ACCUSE = frozenset({"claim", "accuse", "deny", "reject", "blame", "allege", "insist", "warn"})


_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "dative"})


# What follows a dateline's town: its state ("N.C.", "Texas"), the outlet in
# brackets ("(WCMH)", "(AP)"), then a dash ("—", "–", "--", " - ", "- " glued to
# the town, " -A" glued to the next word; not the hyphen of "Winston-Salem").
_DATELINE_TAIL = re.compile(
    r"(?P<state>,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?\s*(?P<outlet>\([^()\n]{1,40}\))?"
    r"\s*(?:[—–]|--|-(?=\s)|(?<=\s)-(?=[A-Z]))"
)


def dateline(text: str, place: Any) -> bool:
    """A dateline: the town opening a line, then its state or the outlet in brackets,
    then a dash ("HILLIARD, OH (WCMH) –", "Rusk County (WQOW) -", "SHELBY –", the
    town in capitals when nothing comes between). Where the story is filed from,
    which in local news is where it happened; the parser reads it as the first
    sentence's subject or object, but it is no actor."""
    lead = text[text.rfind("\n", 0, place.start) + 1 : place.start]
    if lead.strip(" \t×•*"):
        return False
    tail = _DATELINE_TAIL.match(text, place.end)
    if tail is None:
        return False
    caps = place.text.isupper() and sum(ch.isalpha() for ch in place.text) >= 3
    return caps or bool(tail.group("state") or tail.group("outlet"))


def agentive(doc: Any, place: Any) -> bool:
    """A place name standing for its government ("Moscow and Washington prepared",
    "accused Moscow of", "Moscow's strikes") or a nationality ("Russian jets"):
    an actor, not where anything happened. A dateline never is."""
    if dateline(doc_text(doc), place):
        return False
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if tok.ent_type_ == "NORP" or tok.pos_ == "ADJ":
        return True  # "Russian warplanes": a nationality, not where they struck
    # "In Moscow, the defence ministry said": where the statement was made
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in SPEECH | _ACCUSE:
        return True
    # "The defence ministry in Moscow said ...": where the speaker sits
    for anc in tok.ancestors:
        if anc.dep_ in {"nsubj", "nsubjpass"} and anc.head.lemma_.lower() in SPEECH | _ACCUSE:
            return True
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in _AGENT_DEPS:
        return True
    return bool(tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.dep_ == "agent")


@functools.lru_cache(maxsize=1)
def _people() -> frozenset[str]:
    """Person nouns (not security forces: "Toledo police" work where they are)."""
    raw = read_json("victims.json")
    words = set(raw["people"]) | set(raw["kinds"]["perpetrator"])
    return frozenset(words - {"security"})


_ORIGIN_PREPS = frozenset({"of", "from"})


def hometown(doc: Any, place: Any) -> bool:
    """ "a 41-year-old Colorado woman", "John Smith, 18, of Pittsburgh", "a man from
    Dallas": where a person is from, which places an event only when nothing else
    does (local news: "a Uniontown man was shot Sunday")."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if tok.dep_ in {"compound", "amod", "nmod"} and tok.head.lemma_.lower() in _people():
        return True
    if tok.dep_ != "pobj" or tok.head.lower_ not in _ORIGIN_PREPS:
        return False
    # "Herbert Harr, age 47 of Indianapolis", "John Smith, 18 of Dayton"
    if tok.head.lower_ == "of" and (tok.head.head.lower_ == "age" or tok.head.head.like_num):
        return True
    # "Addison, 18, of Pittsburgh": a named person's origin; a person noun only
    # with "from" ("the people of Aleppo" live where the shelling fell)
    person = tok.head.head
    if person.ent_type_ == "PERSON" and person.pos_ == "PROPN":
        return True
    return tok.head.lower_ == "from" and person.lemma_.lower() in _people()


@functools.lru_cache(maxsize=1)
def _care_verbs() -> frozenset[str]:
    """Verbs that carry the hurt to care ("flown to", "taken to")."""
    return frozenset(read_json("victims.json")["carried_to_care"]["verbs"])


def taken_to_care(doc: Any, place: Any) -> bool:
    """ "flown to Ruby Memorial Medical Center in Morgantown", "taken to a hospital
    in Akron": where the hurt were treated, which places an event only when
    nothing else does (the hospital may lie in the scene's town, or far from it)."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    toward = False
    for anc in span.root.ancestors:
        if anc.lower_ in {"to", "into"} and anc.dep_ == "prep":
            toward = True
        if anc.pos_ in {"VERB", "AUX"}:
            return toward and anc.lemma_.lower() in _care_verbs()
    return False


# "a Fargo hospital", "Terre Haute Regional Hospital", "Magnolia Regional Medical
# Center": the town names a place of care (up to three name words between)
_CARE_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'’.-]*){0,3}\s+(?:[Hh]ospital|[Mm]edical [Cc]ent(?:er|re)|[Cc]linic|"
    r"[Tt]rauma [Cc]ent(?:er|re))\b"
)


# "Portneuf Medical Center in Pocatello": the town a place of care lies in
_CARE_BEFORE = re.compile(
    r"(?:[Hh]ospital|[Mm]edical [Cc]ent(?:er|re)|[Cc]linic|[Tt]rauma [Cc]ent(?:er|re))"
    r",?\s+(?:in|of)\s+$"
)


def care_place(text: str, place: Any) -> bool:
    """A town naming a hospital ("in a Fargo hospital", "died at Terre Haute Regional
    Hospital") or holding one ("Portneuf Medical Center in Pocatello"): where the
    hurt were treated, not where they were hurt."""
    return (
        _CARE_AFTER.match(text, place.end) is not None
        or _CARE_BEFORE.search(text, max(0, place.start - 40), place.start) is not None
    )


def off_scene(doc: Any, place: Any) -> bool:
    """Where a person is from (``hometown``) or was treated (``taken_to_care``, a
    town naming a hospital): no place of the violence unless the incident names
    nothing else."""
    return hometown(doc, place) or taken_to_care(doc, place) or care_place(doc_text(doc), place)


def clear_town(places: Sequence[Any]) -> tuple[str, str] | None:
    """The town an article names most often, at least twice and more than any
    other (a local report's own town), as (name, admin1); None without one.
    "A Uniontown teenager ... Uniontown police": where its people are from is
    then where it happened."""
    counts = Counter((p.name, p.admin1) for p in places if p.precision == 1 and p.name)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def street_or_code(text: str, place: Any) -> bool:
    """No town: a street's name ("the 6100 block of Prentice Street", a town named
    "Street" read off "8th Street"), a word after a street's ("I Street SE"), a
    two-letter code ("OVERLAND, MO": a state) or a word the parser read as a date
    ("Jan.")."""
    if getattr(place, "label", "") in {"DATE", "TIME"}:
        return True  # "a preliminary hearing Jan. 19": the parser read a date, not a town
    words = [w.lower().rstrip(".,") for w in place.text.split()]
    before = text[max(0, place.start - 3) : place.start].strip()
    if place.precision < 3 and len(place.text.strip(". ")) <= 2 and before.endswith(","):
        return True  # "TOWN, ST": a state's postal code after its town
    if str(place.name).lower() in street_words():
        return True
    prev = text[max(0, place.start - 16) : place.start].split()
    # no comma between: "on Elm Street, Toledo" names the town after the street
    if prev and prev[-1].lower() in street_words() and len(words) == 1:
        return True  # "the 1200 block of I Street SE": the street's quadrant, not a town
    if _BLOCK_OF.search(text[max(0, place.start - 32) : place.start]):
        return True  # "the 1300 block of North Erie": a street named without its street word
    if _CORNER_OF.search(text[max(0, place.start - 60) : place.start]):
        return True  # "the crossing of Charles Bussey and Harrison": two streets
    if _CROSS_BEFORE.search(text[max(0, place.start - 16) : place.start]) or _CROSS_AFTER.match(
        text[place.end : place.end + 16]
    ):
        return True  # "near 13th and Grove": a crossing of two streets
    if any(w in street_words() for w in words[1:]):
        return False  # the mention is the street itself ("Beale Street"), placed by backoff
    nxt = text[place.end : place.end + 16].split()
    return bool(nxt) and nxt[0].lower().rstrip(",;") in street_words()


def person_name_places(text: str, places: Sequence[Any]) -> set[int]:
    """Indexes of place mentions that are a person's name: two towns back to back with
    only a space between ("Clarence Washington shot his wife": a first name and a
    surname, not Clarence, Pennsylvania and Washington, DC; a town and its state are
    written with a comma). Every other mention of the same words in the article is
    that person too ("but Clarence didn't"), so none of them places an event."""
    order = sorted(range(len(places)), key=lambda i: places[i].start)
    names: set[str] = set()
    for i, j in zip(order, order[1:], strict=False):
        a, b = places[i], places[j]
        if a.precision == 1 and b.precision == 1 and text[a.end : b.start] == " ":
            names.update((a.text.casefold(), b.text.casefold()))
    return {i for i, p in enumerate(places) if p.text.casefold() in names}
