"""Content spans read off the parse (:mod:`crosswire.nlp.claims.content_spans`)."""

from __future__ import annotations

from typing import Any

from claim_lookup import claims_in


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
