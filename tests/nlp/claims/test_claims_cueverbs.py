"""Cue verbs found in session 9: silences, per-verb prepositions, learned cues (invented text)."""

from __future__ import annotations

from typing import Any

from claim_lookup import about, claims_in

from crosswire.nlp.claims.learned import candidate_verbs, cue_model, skip_lemmas


def test_a_refusal_to_speak_is_a_silence_with_its_speaker(nlp: Any) -> None:
    text = "Harbour board chairman Piet Vos refused to answer questions about the toll."
    (claim,) = claims_in(nlp, text)
    assert (claim.speaker_text, claim.cue, claim.kind) == (
        "Harbour board chairman Piet Vos",
        "refuse",
        "silence",
    )
    assert claim.text.startswith("to answer questions")


def test_a_refused_action_is_still_no_claim(nlp: Any) -> None:
    assert claims_in(nlp, "The ferry company declined to renew its lease at the port.") == []


def test_per_verb_prepositions_carry_the_content(nlp: Any) -> None:
    c = about(
        claims_in(nlp, "Councillor Ada Brenner agreed with the harbour board on the toll."),
        "harbour board",
    )
    assert (c.speaker_text, c.cue) == ("Councillor Ada Brenner", "agree")
    c = about(claims_in(nlp, "The mayor hinted at a second term on Friday."), "second term")
    assert (c.speaker_text, c.cue, c.text) == ("The mayor", "hint", "a second term")


def test_the_learned_threshold_is_a_log_odds_near_half_the_f1() -> None:
    # A claim raises F1 when its chance of being right exceeds F1/2 (~0.39,
    # log-odds ~-0.45); the threshold chosen on dev sits there.
    _, threshold = cue_model()
    assert -1.0 <= threshold <= 0.0


def test_a_lexicon_cue_inside_a_learned_content_wins(nlp: Any) -> None:
    text = "But, according to the county survey, 46 percent of voters remain undecided this week."
    doc = nlp(text)
    remain = next(t for t in doc if t.lower_ == "remain")
    assert remain.i in {tok.i for tok, _ in candidate_verbs(doc, set(), skip_lemmas())}
    (claim,) = claims_in(nlp, text)
    assert (claim.cue, claim.speaker_text) == ("according to", "the county survey")


def test_a_poll_answer_is_the_content(nlp: Any) -> None:
    text = "Asked if the harbour levy is fair, 72 percent of voters said yes."
    c = about(claims_in(nlp, text), "yes")
    assert (c.speaker_text, c.cue, c.text) == ("72 percent of voters", "say", "yes")
