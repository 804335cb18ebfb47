"""Attribution fixes from the PolNeAR dev error analysis (invented sentences)."""

from __future__ import annotations

from typing import Any

from claim_lookup import about, claims_in

from crosswire.nlp.claims.quotes import dash_credit, find_quotes


def test_cue_inside_quotation_does_not_own_it(nlp: Any) -> None:
    # "I say" is the quoted voice speaking; the quotation opening the next
    # paragraph is the mayor's.
    text = (
        "The mayor said the port would reopen in May.\n"
        "“To those I say the following: what do you have to lose by trying something new?”"
    )
    claims = claims_in(nlp, text)
    assert all(c.speaker_text != "I" for c in claims)
    assert about(claims, "what do you have to lose").speaker_text == "The mayor"


def test_uncredited_quotation_with_inner_cue_is_not_the_inner_subject(nlp: Any) -> None:
    text = "“People say it does not matter because the vote is already decided.”"
    assert all(c.speaker_text != "People" for c in claims_in(nlp, text))


def test_speaker_found_inside_quotation_is_repaired(nlp: Any) -> None:
    # The parse makes "said" a conjunct of "achieve" and climbs to "We".
    text = (
        "The Justice Department is investigating the shooting.\n"
        "“I will just make this promise to you: We will achieve justice in this case,” "
        "Tulsa police Chief Chuck Jordan said Monday. "
        "“I want to assure our community: We will achieve justice.”"
    )
    claims = claims_in(nlp, text)
    assert len(claims) == 2
    assert all(c.speaker_text == "Chuck Jordan" and c.cue == "say" for c in claims)


def test_embedded_statement_is_the_outer_speakers_claim(nlp: Any) -> None:
    text = "Roberts also said the footage showed he had something in his hand."
    claims = claims_in(nlp, text)
    assert [c.speaker_text for c in claims] == ["Roberts"]
    assert "the footage showed" in claims[0].text


def test_embedded_denial_is_kept(nlp: Any) -> None:
    text = "The minister said that Moscow denied the report about the convoy."
    kinds = {(c.speaker_text, c.kind) for c in claims_in(nlp, text)}
    assert ("Moscow", "denial") in kinds and ("The minister", "statement") in kinds


def test_that_clause_preferred_over_fronted_clause(nlp: Any) -> None:
    text = (
        "Writing for a Los Angeles Times panel that all agreed Pence won the debate, "
        "Mark Z. Barabak noted that the way Pence carried himself was critical to his success."
    )
    c = next(c for c in claims_in(nlp, text) if c.cue == "note")
    assert c.text.startswith("that the way Pence carried himself")


def test_colon_content_runs_to_paragraph_end(nlp: Any) -> None:
    text = (
        "The governor added: It is typical of the council. They know nothing, "
        "and they never stop talking."
    )
    c = next(c for c in claims_in(nlp, text) if c.cue == "add")
    assert c.speaker_text == "The governor"
    assert c.text.startswith("It is typical") and c.text.endswith("never stop talking.")


def test_colon_closing_paragraph_credits_next_paragraph_quote(nlp: Any) -> None:
    text = (
        "The governor opened the depot on Monday.\nHe said:\n\n"
        "“We are going to rebuild every bridge in this county, and we will start now.”"
    )
    c = about(claims_in(nlp, text), "rebuild every bridge")
    assert c.speaker_text == "He" and c.cue == "say" and c.quote


def test_intent_verb_needs_a_clause(nlp: Any) -> None:
    with_clause = claims_in(nlp, "The Harbour Party plans to raise the port levy next year.")
    assert [c.cue for c in with_clause] == ["plan"]
    assert about(with_clause, "raise the port levy").speaker_text == "The Harbour Party"
    assert claims_in(nlp, "The Harbour Party plans a rally in the square.") == []


def test_stance_verb_needs_a_named_subject(nlp: Any) -> None:
    named = claims_in(nlp, "Ortiz strongly supports the new harbour levy.")
    assert [(c.speaker_text, c.cue) for c in named] == [("Ortiz", "support")]
    assert claims_in(nlp, "The new levy supports local fishermen.") == []


def test_stance_verb_with_a_relative_subject(nlp: Any) -> None:
    # "who" is a person; "which"/"that" are judged by the noun they stand for.
    text = "Mayor Ortiz, who backs the new harbour levy, opened the ferry terminal on Monday."
    backs = [c for c in claims_in(nlp, text) if c.cue == "back"]
    assert [(c.speaker_text, c.speaker_resolved_text) for c in backs] == [
        ("Mayor Ortiz, who", "Ortiz")
    ]
    assert claims_in(nlp, "The council passed a budget which supports local fishermen.") == []


def test_dash_credit_drops_sentence_full_stop() -> None:
    for text, name in [
        ("“We will win this,” ― Carla Sanchez.", "Carla Sanchez"),
        ("“We shall overcome someday,” — Martin Luther King Jr.", "Martin Luther King Jr."),
    ]:
        (q,) = find_quotes(text)
        credit = dash_credit(text, q)
        assert credit is not None
        assert text[credit[0][0] : credit[0][1]] == name
