"""Learned cue verbs (the packaged perceptron) and its trainer (invented text)."""

from __future__ import annotations

from typing import Any

import pytest
from claim_lookup import about, claims_in

from crosswire.datafiles import read_json
from crosswire.evaluate.attribution import GoldAttribution
from crosswire.evaluate.cue_learning import article_examples, train
from crosswire.nlp.claims.find import find_claims
from crosswire.nlp.claims.learned import (
    candidate_verbs,
    content_feature,
    cue_features,
    cue_model,
    skip_lemmas,
    verb_classes,
    verb_cue_draft,
    voices_of,
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
            "Governor Tom Reyes underscored the need for a new harbour pipeline on Tuesday.",
            "Governor Tom Reyes",
            "underscore",
            "the need for a new harbour pipeline",
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
    pairs = {tok.i: speaker for tok, speaker in candidate_verbs(doc, set(), skip_lemmas())}
    speaker = pairs[verb.i]
    assert speaker.text == "Lopez"
    feats = cue_features(verb, speaker)
    assert {"lem=rebut", "frame=dobj", "spk_ent=PERSON", "neg", "spk_person=True"} <= set(feats)
    draft = verb_cue_draft(verb)
    assert draft is not None and content_feature(draft) == "words=2-3"


def test_trainer_learns_signs_and_drops_rare_features() -> None:
    examples = [(["bias", "lem=good", "x"], 1)] * 20 + [(["bias", "lem=bad", "x"], 0)] * 20
    examples += [(["bias", "lem=once"], 1)]
    weights = train(examples, c=0.3, min_count=3)
    assert weights["lem=good"] > 0 > weights["lem=bad"]
    assert "lem=once" not in weights
    # The margin is a log-odds: a feature always positive pulls far above zero,
    # and the L2 penalty keeps it finite.
    assert 1.0 < weights["lem=good"] + weights["bias"] + weights["x"] < 20.0


def test_relative_clause_verbs_are_candidates_with_the_article_voices(nlp: Any) -> None:
    text = (
        "Senator Maria Lopez said the levy was unfair. "
        "Voters who favor the harbour levy turned out in large numbers."
    )
    doc = nlp(text)
    favor = next(t for t in doc if t.lower_ == "favor")
    assert favor.dep_ == "relcl"
    pairs = {tok.i: spk for tok, spk in candidate_verbs(doc, set(), skip_lemmas())}
    assert pairs[favor.i].lower_ == "who"
    said = next(t for t in doc if t.lower_ == "said")
    voices = voices_of(doc, [said.i])
    assert voices == frozenset({"lopez"})
    assert "voice=False" in cue_features(favor, pairs[favor.i], voices)


def test_examples_are_labelled_by_the_gold_speaker_and_content(nlp: Any) -> None:
    text = "Senator Maria Lopez rebutted the charge. The firm hired three engineers."
    doc = nlp(text)
    gold = [GoldAttribution(source=[(0, 19)], cue=[(20, 28)], content=[(29, text.index("."))])]
    examples = article_examples(doc, gold)
    by_lemma = {next(f for f in feats if f.startswith("lem=")): y for feats, y in examples}
    assert by_lemma == {"lem=rebut": 1, "lem=hire": 0}


def test_a_verb_class_carries_verbs_rare_in_training(nlp: Any) -> None:
    # "upbraided" is no lexicon cue and rare in news; its class (judgment)
    # with a person as subject weighs it as a cue.
    doc = nlp("Senator Maria Lopez upbraided the harbour board for the delayed repairs.")
    verb = next(t for t in doc if t.lower_ == "upbraided")
    pairs = {tok.i: spk for tok, spk in candidate_verbs(doc, set(), skip_lemmas())}
    feats = cue_features(verb, pairs[verb.i])
    assert {"class=judgment", "class|spk_person=judgment|True"} <= set(feats)
    assert "judgment" in verb_classes()["upbraid"]
    claims = find_claims(doc)
    assert [(c.speaker_text, c.cue) for c in claims] == [("Senator Maria Lopez", "upbraid")]
    assert claims[0].text == "the harbour board for the delayed repairs"


def test_a_verb_of_no_class_stays_no_cue(nlp: Any) -> None:
    doc = nlp("The harbour board hired three engineers for the delayed repairs.")
    verb = next(t for t in doc if t.lower_ == "hired")
    pairs = {tok.i: spk for tok, spk in candidate_verbs(doc, set(), skip_lemmas())}
    assert "class=none" in cue_features(verb, pairs[verb.i])
    assert find_claims(doc) == []


def test_a_predicative_adjective_is_a_candidate_with_the_copula_subject(nlp: Any) -> None:
    # "Union leaders were furious about ...": the adjective holds the view,
    # the copula's subject holds it; the model weighs it like a verb.
    doc = nlp("Union leaders were furious about the closure of the plant.")
    adj = next(t for t in doc if t.lower_ == "furious")
    assert (adj.pos_, adj.dep_) == ("ADJ", "acomp")
    pairs = {tok.i: spk for tok, spk in candidate_verbs(doc, set(), skip_lemmas())}
    assert pairs[adj.i].lower_ == "leaders"
    assert {"tag=JJ", "dep=acomp", "frame=prep:about"} <= set(cue_features(adj, pairs[adj.i]))
    claims = find_claims(doc)
    assert [(c.speaker_text, c.cue, c.text) for c in claims] == [
        ("Union leaders", "furious", "the closure of the plant")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The bridge over the river is open to traffic again.",
        "The museum is close to the harbour.",
        "The river was higher than usual this spring.",
    ],
)
def test_adjectives_of_things_stay_no_claims(nlp: Any, text: str) -> None:
    assert claims_in(nlp, text) == []
