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
