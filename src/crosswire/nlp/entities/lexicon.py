"""The curated actor and military lexicons (``data/actors.json``, ``data/military.json``).

Loaded once per process and turned into spaCy ``entity_ruler`` patterns so
that known actors, weapons and platforms are tagged before the statistical NER
runs (which then fills in around them). The lexicons are data: extend them
there, not here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from crosswire.datafiles import read_json

# Labels our ruler adds on top of spaCy's OntoNotes set.
WEAPON = "WEAPON"
PLATFORM = "PLATFORM"

# Actor types whose aliases are place names (a state is named by its country
# or capital); they get the GPE label so place resolution still sees them.
_GPE_TYPES = {"state"}
_PERSON_TYPES = {"person"}


@dataclass(frozen=True)
class Actor:
    """One lexicon entry: a canonical actor with its aliases and affiliation."""

    id: str
    name: str
    type: str
    country: str | None
    category: str
    aliases: tuple[str, ...]
    descriptions: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    role: str | None = None


@dataclass(frozen=True)
class Lexicon:
    """Actors by id and by alias, plus the word lists used for typing unknown names."""

    actors: dict[str, Actor]
    by_alias: dict[str, str]
    by_demonym: dict[str, str]
    group_heads: frozenset[str]
    jihadist_words: frozenset[str]
    media_heads: frozenset[str]
    monitor_words: tuple[str, ...]
    state_body_words: tuple[str, ...]
    role_nouns: frozenset[str]
    platforms: tuple[str, ...]
    weapons: tuple[str, ...]
    platform_regexes: tuple[str, ...]
    platform_prefixes: tuple[str, ...]
    places: tuple[tuple[str, str], ...]
    descriptors: frozenset[str] = frozenset()
    extra: dict[str, Any] = field(default_factory=dict)

    def actor_for(self, text: str) -> Actor | None:
        """The actor an alias, description or demonym names (exact match), or None."""
        key = self.by_alias.get(text) or self.by_alias.get(_strip_the(text))
        return self.actors[key] if key else None


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = read_json(name)
    return data


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Parse the lexicon files (cached: one copy per process)."""
    raw = _read("actors.json")
    military = _read("military.json")
    actors: dict[str, Actor] = {}
    by_alias: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    for entry in raw["actors"]:
        actor = Actor(
            id=entry["id"],
            name=entry["name"],
            type=entry["type"],
            country=entry.get("country"),
            category=entry["category"],
            aliases=tuple(entry.get("aliases", ())),
            descriptions=tuple(entry.get("descriptions", ())),
            demonyms=tuple(entry.get("demonyms", ())),
            role=entry.get("role"),
        )
        actors[actor.id] = actor
        for alias in (*actor.aliases, *actor.descriptions):
            by_alias.setdefault(alias, actor.id)
        for demonym in actor.demonyms:
            by_demonym.setdefault(demonym, actor.id)
    return Lexicon(
        actors=actors,
        by_alias=by_alias,
        by_demonym=by_demonym,
        group_heads=frozenset(raw["group_heads"]),
        jihadist_words=frozenset(raw["jihadist_words"]),
        media_heads=frozenset(raw["media_heads"]),
        monitor_words=tuple(raw["monitor_words"]),
        state_body_words=tuple(raw["state_body_words"]),
        role_nouns=frozenset(raw["role_nouns"]),
        platforms=tuple(military["platforms"]),
        weapons=tuple(military["weapons"]),
        platform_regexes=tuple(military["platform_designations"]),
        platform_prefixes=tuple(military["platform_prefix_tokens"]),
        places=_supplement_places(),
        descriptors=frozenset(raw.get("descriptors", ())),
    )


def _supplement_places() -> tuple[tuple[str, str], ...]:
    """Names and aliases from the curated gazetteer supplement, as (name, label).

    The statistical model tags many Levantine toponyms as PERSON ("Jisr
    al-Shughur", "Sheikh Maqsood"); tagging the curated ones first fixes that.
    Water bodies and mountain areas are LOC, everything else GPE.
    """
    path = resources.files("crosswire") / "data" / "gazetteer_supplement.tsv"
    rows = [r for r in path.read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")]
    header = rows[0].split("\t")
    places: list[tuple[str, str]] = []
    for row in rows[1:]:
        record = dict(zip(header, row.split("\t"), strict=False))
        label = "LOC" if record.get("kind") in {"water", "sea", "mountain", "region"} else "GPE"
        names = [record["name"], *filter(None, record.get("aliases", "").split("|"))]
        places.extend((name, label) for name in names)
    return tuple(places)


def ruler_patterns(lexicon: Lexicon) -> list[dict[str, Any]]:
    """spaCy ``entity_ruler`` patterns for every alias, description and military term."""
    patterns: list[dict[str, Any]] = []
    for actor in lexicon.actors.values():
        label = (
            "GPE"
            if actor.type in _GPE_TYPES
            else "PERSON"
            if actor.type in _PERSON_TYPES
            else "ORG"
        )
        for alias in actor.aliases:
            # Capitals and "Moscow"-style metonyms are places first; keep them GPE.
            patterns.append({"label": label, "pattern": alias, "id": actor.id})
        for description in actor.descriptions:
            patterns.append({"label": label, "pattern": description, "id": actor.id})
    for phrase in lexicon.platforms:
        patterns.append({"label": PLATFORM, "pattern": [{"LOWER": w} for w in phrase.split()]})
    for phrase in lexicon.weapons:
        patterns.append(
            {"label": WEAPON, "pattern": [{"LOWER": w.lower()} for w in phrase.split()]}
        )
    for regex in lexicon.platform_regexes:
        # The tokenizer splits "Su-24M" into "Su-24" + "M": allow a variant suffix token.
        patterns.append(
            {
                "label": PLATFORM,
                "pattern": [
                    {"TEXT": {"REGEX": regex}},
                    {"TEXT": {"REGEX": "^[A-Z]{1,2}$"}, "OP": "?"},
                ],
            }
        )
    # "MIG 29", "Su 27": a designation the tokenizer split in two
    prefix = "^(" + "|".join(lexicon.platform_prefixes) + ")$"
    patterns.append(
        {
            "label": PLATFORM,
            "pattern": [{"TEXT": {"REGEX": prefix}}, {"TEXT": {"REGEX": r"^-?\d{1,3}[A-Z]{0,3}$"}}],
        }
    )
    for place, label in lexicon.places:
        patterns.append({"label": label, "pattern": place})
    return patterns
