"""Title Case headlines, commitment nouns, relayed participles, names after quotes (invented)."""

from __future__ import annotations

from typing import Any

from claim_lookup import about, claims_in

from crosswire.nlp.claims.headlines import _may_hold_cue, sentence_case, title_case_lines

BODY = "\n\nThe vote on the plan is set for the first Monday in May."


def test_title_case_lines_finds_headlines_not_body_text() -> None:
    text = (
        "Harbour Mayor Denies Ferry Contract Was Rigged\n\n"
        "The mayor of Eastport said on Monday that the contract was fair.\n"
        "Jane Ortiz\n"
        "NURSES WARN OF LONGER WAITS AT CITY HOSPITAL\n"
    )
    lines = [text[s:e] for s, e in title_case_lines(text)]
    assert lines == [
        "Harbour Mayor Denies Ferry Contract Was Rigged",
        "NURSES WARN OF LONGER WAITS AT CITY HOSPITAL",
    ]


def test_sentence_case_keeps_offsets_and_acronyms() -> None:
    line = "FBI Chief Tells GOP Senators Probe Will Go On"
    low = sentence_case(line)
    assert low == "FBI chief tells GOP senators probe will go on"
    assert len(low) == len(line)
    assert sentence_case("NURSES WARN OF LONGER WAITS") == "Nurses warn of longer waits"


def test_only_lines_with_a_cue_word_are_reparsed() -> None:
    assert _may_hold_cue("Nurses Warn Hospital Cuts Will Cost Lives")
    assert _may_hold_cue("Governor Denies Report On Ferry Deal")
    assert not _may_hold_cue("Harbour Festival Parking And Shuttle Times")


def test_title_case_headline_gives_its_claim(nlp: Any) -> None:
    # Read as written, every word is a proper noun and "Warn" no verb.
    c = about(claims_in(nlp, "Nurses Warn Hospital Cuts Will Cost Lives" + BODY), "Cost Lives")
    assert c.speaker_text == "Nurses" and c.cue == "warn"
    assert c.text == "Hospital Cuts Will Cost Lives"


def test_title_case_headline_speaker_is_not_the_whole_run(nlp: Any) -> None:
    text = "Residents Say Flood Warnings Came Too Late" + BODY
    c = about(claims_in(nlp, text), "Came Too Late")
    assert c.speaker_text == "Residents" and c.text == "Flood Warnings Came Too Late"


def test_title_case_headline_with_a_named_speaker(nlp: Any) -> None:
    text = "Senator Duarte Criticizes Pipeline Permit Process" + BODY
    c = about(claims_in(nlp, text), "Permit Process")
    assert c.speaker_text == "Senator Duarte" and c.cue == "criticize"


def test_sentence_case_body_line_unchanged(nlp: Any) -> None:
    text = "The mayor denied on Monday that the ferry contract was rigged."
    c = about(claims_in(nlp, text), "rigged")
    assert c.speaker_text == "The mayor" and c.cue == "deny"


def test_pledge_with_infinitive_is_a_commitment(nlp: Any) -> None:
    text = "Mayor Ortiz's pledge to reopen the library by June drew cheers from parents."
    c = about(claims_in(nlp, text), "reopen the library")
    assert c.speaker_text == "Mayor Ortiz" and c.cue == "pledge"
    assert c.kind == "promise/threat"


def test_decision_with_infinitive_is_no_claim(nlp: Any) -> None:
    # Only commitments ("pledge", "promise", "vow", "threat") state their
    # content as an infinitive; a decision is an act, not a statement.
    text = "The council's decision to cut two ferries angered commuters on the island."
    assert not [c for c in claims_in(nlp, text) if "cut two ferries" in c.text]


def test_participle_on_an_object_relays_the_clause_subject(nlp: Any) -> None:
    text = "The union sent a letter to members stating that the strike would go ahead on Monday."
    c = about(claims_in(nlp, text), "strike would go ahead")
    assert c.speaker_text == "The union" and c.cue == "state"


def test_participle_on_an_object_noun_phrase(nlp: Any) -> None:
    text = "The council approved a resolution condemning the closure of the library."
    (c,) = [c for c in claims_in(nlp, text) if c.cue == "condemn"]
    assert c.speaker_text == "The council" and c.text == "the closure of the library"


def test_evidence_participle_keeps_its_noun(nlp: Any) -> None:
    # "showing" hangs on the polls, which are the source: no climb past them.
    text = "New polls showing a tight race worried the campaign on Tuesday."
    c = about(claims_in(nlp, text), "a tight race")
    assert c.speaker_text == "New polls"


def test_name_after_an_opening_quotation_speaks(nlp: Any) -> None:
    # The parse hangs the name on the quotation and leaves "said" no subject.
    text = (
        "The rally ended late.\n\n“We’ve had better rallies than this one,” county delegate "
        "Ana Ruiz, wearing a red hat and “Ortiz” badges, said as the hall emptied."
    )
    c = about(claims_in(nlp, text), "better rallies")
    assert c.speaker_text == "county delegate Ana Ruiz" and c.cue == "say"
