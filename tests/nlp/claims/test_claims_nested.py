"""Claims nested in another claim's content (crosswire.nlp.claims.nested; invented sentences)."""

from __future__ import annotations

from typing import Any

from claim_lookup import about, claims_in

from crosswire.nlp.claims.drafts import Draft
from crosswire.nlp.claims.nested import drop_nested, nested_rules, outer_of


def test_statement_saying_keeps_its_own_claim(nlp: Any) -> None:
    text = "The harbour board issued a statement saying the pier would reopen in May."
    c = next(c for c in claims_in(nlp, text) if c.cue == "say")
    assert c.speaker_text == "The harbour board"
    assert c.text == "the pier would reopen in May"


def test_relative_who_said_inside_an_object_is_kept(nlp: Any) -> None:
    text = "The mayor praised the volunteers who said they would stay until the river fell."
    claims = claims_in(nlp, text)
    c = next(c for c in claims if c.cue == "say")
    assert c.text == "they would stay until the river fell"
    assert any(c.cue == "praise" for c in claims)  # the outer claim stays too


def test_reported_clause_is_still_the_outer_speakers(nlp: Any) -> None:
    text = "Roberts said the inspection report showed the old bridge was unsafe."
    claims = claims_in(nlp, text)
    assert [(c.speaker_text, c.cue) for c in claims] == [("Roberts", "say")]


def test_uncued_quotation_inherits_from_the_outer_claim(nlp: Any) -> None:
    # The denial nested in the minister's words is kept, but the quotation
    # after it is the minister's, not Moscow's.
    text = (
        "The minister said that Moscow denied the report about the convoy. "
        "“We have the photographs.”"
    )
    c = about(claims_in(nlp, text), "We have the photographs")
    assert c.speaker_text == "The minister"


def _draft(cue: str, token: int, cue_at: int, content: tuple[int, int]) -> Draft:
    return Draft(token, cue, (cue_at, cue_at + 4), None, content, "statement")


def test_outer_of_picks_the_innermost_holder() -> None:
    outer = _draft("say", 1, 5, (10, 90))
    middle = _draft("tell", 4, 20, (30, 80))
    inner = _draft("say", 8, 40, (45, 70))
    assert outer_of(inner, [outer, middle, inner]) is middle
    assert outer_of(outer, [outer, middle, inner]) is None


def test_drop_nested_keeps_listed_kinds_and_drops_reported_clauses(nlp: Any) -> None:
    doc = nlp("Roberts said the report showed that Lisbon denied the claim.")
    said, showed, denied = (
        next(t for t in doc if t.lower_ == w) for w in ("said", "showed", "denied")
    )
    end = len(doc.text) - 1
    outer = Draft(said.i, "say", (said.idx, said.idx + 4), doc[0], (said.idx + 5, end), "statement")
    shown = Draft(
        showed.i, "show", (showed.idx, showed.idx + 6), None, (showed.idx + 7, end), "statement"
    )
    denial = Draft(
        denied.i, "deny", (denied.idx, denied.idx + 6), None, (denied.idx + 7, end), "denial"
    )
    assert drop_nested(doc, [outer, shown, denial]) == [outer, denial]


def test_rules_are_data() -> None:
    cues, relations = nested_rules()
    assert "say" in cues and "ccomp" not in relations
