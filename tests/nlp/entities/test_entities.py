from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.nlp.entities.lexicon import load_lexicon, ruler_patterns
from crosswire.nlp.entities.pipeline import Entity, build_nlp, find_entities

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "entities" / "talks.txt"


@pytest.fixture(scope="module")
def entities() -> dict[str, Entity]:
    text = FIXTURE.read_text(encoding="utf-8")
    doc = build_nlp()(text)
    found = find_entities(doc)
    for entity in found:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text  # evidence offsets point into the text
    return {e.name: e for e in found}


def test_aliases_resolve_to_one_actor(entities: dict[str, Entity]) -> None:
    lavrov = entities["Sergei Lavrov"]
    assert {"Sergei Lavrov", "Lavrov", "Russia's top diplomat"} <= set(lavrov.aliases)
    assert lavrov.role == "Foreign Minister" and lavrov.country == "RU"
    islamic_state = entities["Islamic State"]
    assert {"Daesh", "ISIL"} <= set(islamic_state.aliases)
    assert islamic_state.type == "jihadist_group" and islamic_state.category == "jihadist"


def test_unknown_people_get_role_and_surname(entities: dict[str, Entity]) -> None:
    haddad = entities["Amira Haddad"]
    assert haddad.type == "person"
    assert "Haddad" in haddad.aliases and len(haddad.mentions) == 2
    assert haddad.role is not None and "spokeswoman" in haddad.role
    peskov = entities["Dmitry Peskov"]
    assert peskov.role == "Kremlin spokesman"


def test_weapons_platforms_and_groups(entities: dict[str, Entity]) -> None:
    types = {name: e.type for name, e in entities.items()}
    assert types.get("Su-24M") == "platform"
    assert types.get("Mi-24") == "platform"
    assert types.get("cruise missiles") == "weapon"
    brigades = [e for e in entities.values() if "Northern Brigades" in e.name]
    assert brigades and brigades[0].type == "armed_group"


def test_lexicon_patterns_cover_every_alias() -> None:
    lex = load_lexicon()
    texts = {p["pattern"] for p in ruler_patterns(lex) if isinstance(p["pattern"], str)}
    for actor in lex.actors.values():
        assert set(actor.aliases) <= texts
    assert "Jisr al-Shughur" in texts  # gazetteer supplement names are tagged as places
