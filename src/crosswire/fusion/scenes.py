"""What an article says about where it happened, beyond each mention's own place.

* :func:`person_names`, :func:`names_a_person` – rule E5b: a place written as
  the name of someone in the article ("Walker showed up", "Dronald
  Washington") is never a place to merge on;
* :func:`article_scene` – rule E7b: the article's main scene, the town or city
  it names most often. A mention that names no place of its own is linked
  across articles through it (never blocked by it: the scene is evidence for a
  merge, not against one).

Imports only the fusion records, so any fusion module may use it.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from crosswire.datafiles import read_json
from crosswire.fusion.records import Place

__all__ = [
    "SCENE_KINDS",
    "actor_spans",
    "article_scene",
    "named_places",
    "scene_and_clarity",
    "names_a_person",
    "person_names",
    "with_state",
    "written_as_actor",
]

SCENE_KINDS = frozenset({"city", "town", "village", "neighbourhood", "neighborhood", "place"})


@functools.lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Titles and roles that may open a person's name ("Detective", "Capt.", "Judge")."""
    cues = read_json("cues.json")
    abbreviations = cues["title_abbreviations"]
    words = set(read_json("place_filters.json")["titles"]) | set(cues["role_heads"])
    words |= {k.rstrip(".") for k in abbreviations} | set(abbreviations.values())
    words |= set(read_json("victims.json")["kinds"]["security"])
    return frozenset(words)


def _name_words(name: str) -> list[str]:
    """The words of a person's name after its last title: "Uniontown Detective
    Donald Gmitter" is Donald Gmitter, a detective of the town of Uniontown."""
    words = name.casefold().replace(".", " ").split()
    last = max((i for i, w in enumerate(words) if w in _titles()), default=-1)
    return [w for w in words[last + 1 :] if len(w) > 2]


@functools.lru_cache(maxsize=1)
def _office_words() -> frozenset[str]:
    """Words of an institution read as a person's name ("Gary Methodist Hospital")."""
    return frozenset(read_json("fusion.json").get("not_person_words") or ())


def person_names(analysis: Mapping[str, Any], text: str = "") -> frozenset[str]:
    """Casefolded names, and each word of them, of the people an article mentions
    (the words before a title in a name are not its words: see ``_name_words``).
    A "person" whose name holds an institution word after its titles ("Gary
    Methodist Hospital") is a place of care, not someone named Gary; one always
    written after "the" (``text`` given: "the Roundup community") is no one."""
    out: set[str] = set()
    for e in analysis.get("entities") or []:
        if not isinstance(e, dict) or e.get("type") != "person":
            continue
        name = e.get("name")
        if isinstance(name, str) and _office_words().intersection(_name_words(name)):
            continue
        if text and _after_the(text, e.get("mentions") or []):
            continue
        for name in [e.get("name"), *(e.get("aliases") or [])]:
            if isinstance(name, str) and name.strip():
                out.add(name.casefold().strip())
                out.update(_name_words(name))
    return frozenset(out)


def _after_the(text: str, mentions: Sequence[Any]) -> bool:
    """Every mention follows "the " (a name of a person never does)."""
    starts = []
    for pair in mentions:
        try:
            starts.append(int(pair[0]))
        except (TypeError, ValueError, IndexError):
            return False
    return bool(starts) and all(text[max(0, s - 4) : s].casefold() == "the " for s in starts)


def with_state(place: Mapping[str, Any], places: Sequence[Any]) -> bool:
    """The town is written with its state right after it ("Gary, Ind."): a place,
    whatever person of the article shares its name ("Gary Methodist")."""
    try:
        end = int(place["end"])
    except (KeyError, TypeError, ValueError):
        return False
    return any(
        isinstance(q, dict)
        and q.get("kind") == "region"
        and q.get("admin1") == place.get("admin1")
        and isinstance(q.get("start"), int)
        and 0 < q["start"] - end <= 2
        for q in places
    )


def names_a_person(place: Mapping[str, Any], people: frozenset[str]) -> bool:
    """E5b: the place is written as the name (or a name's word) of a person of the article."""
    text = str(place.get("text") or place.get("name") or "").casefold().strip()
    text = text.removeprefix("the ")
    return bool(text) and text in people


def actor_spans(analysis: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, entity type) of every person and state mention of an article."""
    out: list[tuple[int, int, str]] = []
    for e in analysis.get("entities") or []:
        if isinstance(e, dict) and e.get("type") in ("person", "state"):
            for pair in e.get("mentions") or []:
                try:
                    out.append((int(pair[0]), int(pair[1]), str(e["type"])))
                except (TypeError, ValueError, IndexError):
                    continue
    return out


def written_as_actor(place: Mapping[str, Any], spans: list[tuple[int, int, str]]) -> bool:
    """E5b: the place's words are a person's mention, or a town written for its state
    ("accused Moscow of killing civilians", "Washington complained"): the actor, not
    the scene. A country or region named as a state stays a place."""
    try:
        start, end = int(place["start"]), int(place["end"])
    except (KeyError, TypeError, ValueError):
        return False
    town = place.get("kind") not in ("country", "region", "continent")
    return any(s < end and start < t and (kind == "person" or town) for s, t, kind in spans)


def article_scene(
    analysis: Mapping[str, Any], people: frozenset[str], spans: list[tuple[int, int, str]]
) -> Place | None:
    """E7b: the town or city the article names most often (ties: the first named);
    None when it names none. Regions and countries are not scenes: "Texas" says
    too little to link two shootings."""
    return scene_and_clarity(analysis, people, spans)[0]


def scene_and_clarity(
    analysis: Mapping[str, Any], people: frozenset[str], spans: list[tuple[int, int, str]]
) -> tuple[Place | None, bool]:
    """The article's scene (:func:`article_scene`) and whether it is clear (E7e):
    named at least twice and more often than any other town, as a local report
    names its town in the dateline and again in the text. A round-up naming
    several towns once each has no clear scene."""
    counts: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], Place] = {}
    for p in analysis.get("places") or []:
        if not isinstance(p, dict) or not p.get("name") or p.get("kind") not in SCENE_KINDS:
            continue
        if names_a_person(p, people) or written_as_actor(p, spans):
            continue
        key = (str(p["name"]).casefold(), str(p.get("country") or "").casefold())
        counts[key] += 1
        first.setdefault(key, Place.from_json(p))
    if not counts:
        return None, False
    order = list(first)
    best = max(counts, key=lambda k: (counts[k], -order.index(k)))
    ranked = sorted(counts.values(), reverse=True)
    clear = ranked[0] >= 2 and (len(ranked) == 1 or ranked[0] > ranked[1])
    return first[best], clear


def named_places(
    analysis: Mapping[str, Any], people: frozenset[str], spans: list[tuple[int, int, str]]
) -> frozenset[tuple[str, str, str]]:
    """(casefolded name, country, admin1) of every place an article names, people's
    names and places written as actors left out (E5b): the evidence rule E9 weighs
    an event's candidate places by (how many of its reports name each)."""
    out: set[tuple[str, str, str]] = set()
    for p in analysis.get("places") or []:
        if not isinstance(p, dict) or not p.get("name"):
            continue
        if names_a_person(p, people) or written_as_actor(p, spans):
            continue
        out.add(
            (str(p["name"]).casefold(), str(p.get("country") or ""), str(p.get("admin1") or ""))
        )
    return frozenset(out)
