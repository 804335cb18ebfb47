"""Content spans read off the parse (:mod:`crosswire.nlp.claims.content_spans`)."""

from __future__ import annotations

from typing import Any

from claim_lookup import about, claims_in


def test_an_opening_adverbial_clause_is_not_what_was_said(nlp: Any) -> None:
    text = "Asked if she had ever doubted the seawall plan, the mayor said no."
    assert all("doubted" not in c.text for c in claims_in(nlp, text))


def test_a_sentence_before_a_trailing_attribution_is_what_was_said(nlp: Any) -> None:
    text = "The seawall will be finished before the winter storms, the mayor said."
    assert any(c.text.startswith("The seawall will be finished") for c in claims_in(nlp, text))


def test_a_content_cut_after_its_conjunction_ends_before_it(nlp: Any) -> None:
    from crosswire.nlp.claims.content_spans import _span

    doc = nlp("the dam will hold through the winter, and")
    assert _span(list(doc)) == (0, len("the dam will hold through the winter"))


def test_a_statement_issued_saying_something_is_one_claim(nlp: Any) -> None:
    text = "The mayor's office issued a statement, saying the seawall had passed its inspection."
    claims = claims_in(nlp, text)
    assert [c.text for c in claims] == ["the seawall had passed its inspection"]


def test_a_letter_asking_for_something_is_one_claim(nlp: Any) -> None:
    text = "Jensen wrote a letter to the council asking that the levy be dropped before the winter."
    claims = claims_in(nlp, text)
    assert [c.text for c in claims] == ["that the levy be dropped before the winter"]
    assert claims[0].speaker_text == "Jensen"


def test_an_object_that_is_no_text_keeps_its_claim(nlp: Any) -> None:
    text = "Ortega mocked the council's plan, saying the seawall would not survive a single storm."
    claims = claims_in(nlp, text)
    assert any(c.cue == "mock" for c in claims)


def test_a_clause_before_a_dash_is_not_what_the_cue_reports(nlp: Any) -> None:
    text = """For that she drew the mayor's anger - he called her "reckless"."""
    claims = claims_in(nlp, text)
    assert [c.text for c in claims if c.cue == "call"] == ['her "reckless"']


def test_the_clause_next_to_a_trailing_cue_is_its_content(nlp: Any) -> None:
    text = (
        "The question now is not whether he quits before the vote — "
        "that won't happen, they believe."
    )
    claims = claims_in(nlp, text)
    assert [c.text for c in claims] == ["that won't happen"]


def test_a_dash_aside_inside_the_content_does_not_cut_it(nlp: Any) -> None:
    text = (
        "The harbour levy — which the council passed in May — is unfair to fishermen, Ortega said."
    )
    claims = claims_in(nlp, text)
    assert about(claims, "unfair to fishermen").text.startswith("The harbour levy")


def test_a_question_keeps_its_whether(nlp: Any) -> None:
    text = "Councillors asked whether the seawall would hold through the winter storms."
    claims = claims_in(nlp, text)
    assert [c.text for c in claims] == ["whether the seawall would hold through the winter storms"]


def test_a_parenthetical_cue_with_adverbials_keeps_the_sentence(nlp: Any) -> None:
    text = (
        "The pumps, Ortega explained earlier in the council hearing, "
        "were bought in 2019 and never tested."
    )
    claims = claims_in(nlp, text)
    assert [(c.speaker_text, c.text) for c in claims] == [
        ("Ortega", "were bought in 2019 and never tested")
    ]


def test_an_unmarked_that_clause_after_adverbials_is_the_content(nlp: Any) -> None:
    text = (
        "Ortega tweeted in the early morning hours that Jensen was “reckless” "
        "and unfit to lead the council."
    )
    claims = claims_in(nlp, text)
    assert [c.text for c in claims] == ["that Jensen was “reckless” and unfit to lead the council"]


def test_a_participle_after_a_reply_is_what_was_said(nlp: Any) -> None:
    text = "Councilwoman Ruiz responded first, ripping into the mayor over the delayed repairs."
    claims = claims_in(nlp, text)
    assert [(c.cue, c.text) for c in claims] == [
        ("respond", "ripping into the mayor over the delayed repairs")
    ]
    # A participle that is a cue of its own keeps its own claim.
    claims = claims_in(nlp, "Jensen answered quickly, calling the audit a political stunt.")
    assert [(c.cue, c.text) for c in claims] == [("call", "the audit a political stunt")]


def test_as_reported_by_names_the_agent_as_speaker(nlp: Any) -> None:
    text = "As reported by the Harbor Gazette, the council spent $4 million on pumps that failed."
    claims = claims_in(nlp, text)
    assert [(c.speaker_text, c.cue) for c in claims] == [("the Harbor Gazette", "report")]
    assert claims[0].text.startswith("the council spent $4 million")
    # Without an agent the one asked is the subject, who answers.
    claims = claims_in(nlp, "When asked about the pumps, Ortega said they had been tested twice.")
    assert [(c.speaker_text, c.cue) for c in claims] == [("Ortega", "say")]


def test_a_trailing_cue_after_a_closing_quote_takes_the_sentence(nlp: Any) -> None:
    text = "Nothing the mayor promised “will calm the residents,” the councilwoman said."
    claims = claims_in(nlp, text)
    assert ("the councilwoman", "Nothing the mayor promised “will calm the residents,”") in [
        (c.speaker_text, c.text) for c in claims
    ]
