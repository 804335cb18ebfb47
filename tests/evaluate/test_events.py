"""Tests for crosswire.evaluate.events: the PETRARCH-2 GSR scorer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crosswire.evaluate.events import (
    DEFAULT_FILE,
    analyse,
    best_event,
    cameo_root,
    evaluate,
    load_gold,
    main,
    sentence_root,
)

SAMPLE = """<Validation>
#  a comment block the real file also has
<Sentences>
<Sentence category="T" date="20150101" id="T_1" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="USAGOV" targetcode="IRQ" />
<Text>
Barack Obama ordered air strikes on Iraq.
</Text>
<Parse>1 x</Parse>
</Sentence>
<Sentence category="T" date="20150101" id="T_2" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
The weather was mild.
</Text>
</Sentence>
</Sentences>
</Validation>
"""


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "gold.xml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_load_gold(sample: Path) -> None:
    gold = list(load_gold(sample))
    assert [g.id for g in gold] == ["T_1", "T_2"]
    assert gold[0].text == "Barack Obama ordered air strikes on Iraq."
    assert gold[0].events[0].code == "190" and gold[0].events[0].source == "USAGOV"
    assert gold[1].events == []


def test_evaluate_sample(sample: Path) -> None:
    s = evaluate(sample)
    assert (s.sentences, s.with_gold, s.predicted) == (2, 1, 1)
    assert s.root_correct == 1
    assert (s.actor_scored, s.actor_correct) == (1, 1)


def test_negated_cooperation_is_reject() -> None:
    class E:
        cameo = "07"
        negated = True

    assert cameo_root(E()) == "12"


def test_missing_file_is_reported(tmp_path: Path, capsys: Any) -> None:
    assert main(["--file", str(tmp_path / "nope.xml")]) == 2
    assert "E402" in capsys.readouterr().out


def test_petrarch_gsr_levels() -> None:
    if not DEFAULT_FILE.is_file():
        pytest.skip("../shared/eval/petrarch-gsr is not available on this machine")
    s = evaluate(DEFAULT_FILE)
    assert s.with_gold == 65
    # measured: root 52/65 = 0.800, actor 29/35 = 0.829 (UniversalPetrarch: 68% TP)
    assert s.root_accuracy >= 0.80
    assert s.actor_accuracy >= 0.80


@pytest.mark.parametrize(
    ("text", "root"),
    [
        # the statement leads: the speaker's accusation
        ("Israel said militants fired a rocket at a border town on Tuesday.", "11"),
        # the source trails: the act itself
        ("Rebels shelled the town of Kafr Nabl on Monday, residents said.", "19"),
        # force wanted by the subject itself is a threat, wanted of another an appeal
        ("The president wants to attack the rebel stronghold.", "13"),
        ("The president wants the army to attack the rebel stronghold.", "02"),
        # help promised in a statement is an intent to cooperate
        ("The agency said it will send a team to help the survivors.", "03"),
    ],
)
def test_sentence_root_codes_the_speech_act(text: str, root: str) -> None:
    from crosswire.nlp.entities.pipeline import build_nlp

    doc, _, _, events = analyse(build_nlp(), text, None)
    assert sentence_root(doc, best_event(doc, events), events) == root
