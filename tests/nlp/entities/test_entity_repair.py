"""Organisation fragments in front of lexicon entities are merged or dropped."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.nlp.entities.pipeline import build_nlp, find_entities

TEXT = (
    "Officials from the Government of Iraq met envoys of the Global Coalition in Baghdad on "
    "Monday. The Kurdish YPG and the Syrian Arab Coalition advanced on Raqqa, backed by the "
    "Counter-Daesh campaign, while the Commission of Inquiry on Syria asked for access."
)


@pytest.fixture(scope="module")
def doc() -> Any:
    return build_nlp()(TEXT)


def _ents(doc: Any) -> dict[str, tuple[str, str]]:
    return {e.text: (e.label_, e.ent_id_) for e in doc.ents}


def test_government_of_a_state_is_that_states_actor(doc: Any) -> None:
    ents = _ents(doc)
    assert ents["the Government of Iraq"] == ("ORG", "iraq")
    assert "the Government of" not in ents


def test_other_of_phrases_merge_without_the_id(doc: Any) -> None:
    ents = _ents(doc)
    assert ents["the Commission of Inquiry on Syria"] == ("ORG", "")


def test_modifier_fragments_go_and_the_lexicon_entity_stays(doc: Any) -> None:
    ents = _ents(doc)
    assert ents["YPG"] == ("ORG", "ypg")
    assert not any(text in ents for text in ("the Kurdish", "the Global", "the Syrian Arab"))
    # Lexicon names of their own win over the fragments.
    assert ents["Global Coalition"] == ("ORG", "us-led-coalition")
    assert ents["Syrian Arab Coalition"] == ("ORG", "syrian-arab-coalition")


def test_no_junk_actor_reaches_the_entities(doc: Any) -> None:
    names = {e.name for e in find_entities(doc)}
    assert not any(name.endswith((" of", "-")) for name in names)
    assert {"US-led coalition", "Syrian Arab Coalition"} <= names
