"""Learned cue verbs (the packaged perceptron) and its trainer (invented text)."""

from __future__ import annotations

from typing import Any

import pytest
from claim_lookup import about, claims_in

from crosswire.datafiles import read_json
from crosswire.evaluate.attribution import GoldAttribution
from crosswire.evaluate.cue_learning import article_examples, train
from crosswire.nlp.claims.learned import (
    candidate_verbs,
    content_feature,
    cue_features,
    cue_model,
    skip_lemmas,
    verb_cue_draft,
)


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        (
            "Senator Maria Lopez rebutted the charge that she had misled voters about the budget.",
            "Senator Maria Lopez",
            "rebut",
            "the charge that she had misled voters about the budget",
        ),
        (
            "Governor Tom Reyes reaffirmed his support for the harbour pipeline on Tuesday.",
            "Governor Tom Reyes",
            "reaffirm",
            "his support for the harbour pipeline",
        ),
    ],
)
def test_a_verb_no_lexicon_holds_becomes_a_cue(
    nlp: Any, text: str, speaker: str, cue: str, content: str
) -> None:
    assert cue not in skip_lemmas()
    c = about(claims_in(nlp, text), content.split()[1])
    assert (c.speaker_text, c.cue, c.text, c.kind) == (speaker, cue, content, "statement")


@pytest.mark.parametrize(
    "text",
    [
        "Senator Maria Lopez visited the factory on Monday.",
        "The company hired three new engineers last year.",
        "Governor Tom Reyes won the election by a wide margin.",
        "Ruth Alvarez hosted a dinner for the visiting delegation.",
    ],
)
def test_actions_stay_no_claims(nlp: Any, text: str) -> None:
    assert claims_in(nlp, text) == []


def test_model_file_is_derived_weights_with_a_threshold() -> None:
    data = read_json("learned_cues.json")
    assert "train" in data["source"] and "no text" in data["source"]
    weights, threshold = cue_model()
    assert isinstance(threshold, float) and len(weights) > 1000
    # Feature names are parse labels and lemmas, never sentences.
    assert all(len(name) < 60 and " " not in name for name in weights)


def test_features_describe_speaker_frame_and_negation(nlp: Any) -> None:
    doc = nlp("Senator Maria Lopez did not rebut the charge that she had misled voters.")
    verb = next(t for t in doc if t.lower_ == "rebut")
    [(tok, speaker)] = candidate_verbs(doc, set(), skip_lemmas())
    assert tok.i == verb.i and speaker.text == "Lopez"
    feats = cue_features(verb, speaker)
    assert {"lem=rebut", "frame=dobj", "spk_ent=PERSON", "neg", "spk_person=True"} <= set(feats)
    draft = verb_cue_draft(verb)
    assert draft is not None and content_feature(draft) == "words=2-3"


def test_perceptron_learns_signs_and_drops_rare_features() -> None:
    examples = [(["bias", "lem=good", "x"], 1)] * 20 + [(["bias", "lem=bad", "x"], 0)] * 20
    examples += [(["bias", "lem=once"], 1)]
    weights = train(examples, epochs=5, min_count=3, seed=1)
    assert weights["lem=good"] > 0 > weights["lem=bad"]
    assert "lem=once" not in weights


def test_examples_are_labelled_by_the_gold_speaker_and_content(nlp: Any) -> None:
    text = "Senator Maria Lopez rebutted the charge. The firm hired three engineers."
    doc = nlp(text)
    gold = [GoldAttribution(source=[(0, 19)], cue=[(20, 28)], content=[(29, text.index("."))])]
    examples = article_examples(doc, gold)
    by_lemma = {next(f for f in feats if f.startswith("lem=")): y for feats, y in examples}
    assert by_lemma == {"lem=rebut": 1, "lem=hire": 0}
