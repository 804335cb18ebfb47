"""Attribution constructions added to raise PolNeAR recall (invented sentences)."""

from __future__ import annotations

from typing import Any

from claim_lookup import about, claims_in

from crosswire.nlp.claims.quotes import find_quotes, find_turns


def test_doubled_apostrophes_are_quote_marks() -> None:
    text = "The mayor called it ''a bridge to nowhere, and a costly one,'' then left."
    (q,) = find_quotes(text)
    assert text[q.inner_start : q.inner_end] == "a bridge to nowhere, and a costly one,"
    assert text[q.start : q.end].startswith("''") and text[q.start : q.end].endswith("''")


def test_parenthetical_cue(nlp: Any) -> None:
    text = "The new harbour wall, Mayor Lena Ortiz said, would protect the fleet for decades."
    c = about(claims_in(nlp, text), "would protect the fleet")
    assert c.speaker_text == "Mayor Lena Ortiz" and c.cue == "say"


def test_title_abbreviation_does_not_end_the_sentence(nlp: Any) -> None:
    text = '"We are not ready yet, not even close," Ms. Duarte said. "Give us a week."'
    c = about(claims_in(nlp, text), "We are not ready yet")
    assert c.speaker_text == "Ms. Duarte" and c.cue_start is not None


def test_dash_credit_after_quote(nlp: Any) -> None:
    text = "“The ferry has been late every single morning this month.” ― Tomas Berg\n"
    c = about(claims_in(nlp, text), "ferry has been late")
    assert c.speaker_text == "Tomas Berg" and c.cue == "―"


def test_transcript_turns(nlp: Any) -> None:
    text = (
        "HOST: Welcome back to the programme, Governor, and thank you for joining us.\n"
        "KELLER: Thanks for having me, it is good to be here tonight.\n"
        "Update: this page was edited on Monday to add a photo.\n"
    )
    assert [text[a:b] for (a, b), _, _ in find_turns(text)] == ["HOST", "KELLER"]
    c = about(claims_in(nlp, text), "Thanks for having me")
    assert c.speaker_text == "KELLER" and c.cue == ":"


def test_nominal_cue_with_possessor(nlp: Any) -> None:
    text = "Fact-checkers examined the senator's claim that the tunnel project had doubled in cost."
    c = about(claims_in(nlp, text), "the tunnel project had doubled")
    assert c.speaker_text == "the senator" and c.cue == "claim"


def test_prepositional_content(nlp: Any) -> None:
    text = "The union called for an independent inquiry into the port accident."
    c = about(claims_in(nlp, text), "an independent inquiry")
    assert c.speaker_text == "The union" and c.cue == "call"


def test_adjective_with_a_clause_states_a_view(nlp: Any) -> None:
    # "afraid" is in no cue list: a predicative adjective holding a clause
    # says what its (person, group, role) subject believes.
    text = "Senator Ruth Okafor is afraid that the new dam will dry up the wells."
    c = about(claims_in(nlp, text), "the new dam will dry up")
    assert c.speaker_text == "Senator Ruth Okafor" and c.cue == "afraid"
    c = about(claims_in(nlp, "The two senators were sure the bill would pass."), "bill would")
    assert c.speaker_text == "The two senators" and c.cue == "sure"


def test_thing_with_a_clause_is_no_speaker(nlp: Any) -> None:
    text = "The gap between the two budgets is so vast it is almost laughable, critics wrote."
    assert not [c for c in claims_in(nlp, text) if c.cue == "vast"]


def test_according_to_takes_the_clause_not_the_opening_word(nlp: Any) -> None:
    text = "But, according to the county survey, 46 percent of voters remain undecided this week."
    c = about(claims_in(nlp, text), "46 percent of voters remain undecided")
    assert c.speaker_text == "the county survey" and c.cue == "according to"
    assert not c.text.startswith("But")


def test_clause_after_the_cue_beats_the_writers_clause_before_it(nlp: Any) -> None:
    text = (
        "Turnout in the district fell sharply this spring; 46 percent of residents said "
        "they were unenthusiastic about the council race."
    )
    c = about(claims_in(nlp, text), "unenthusiastic")
    assert c.text.startswith("they were unenthusiastic") and "Turnout" not in c.text


def test_as_attribution_takes_the_main_clause(nlp: Any) -> None:
    text = "As Governor Alma Reyes has pointed out, the bridge repairs are two years late."
    c = about(claims_in(nlp, text), "bridge repairs are two years late")
    assert c.speaker_text == "Governor Alma Reyes"


def test_passive_cue_is_about_its_subject(nlp: Any) -> None:
    text = "The hospital closure was never mentioned by the council members at Tuesday's meeting."
    c = about(claims_in(nlp, text), "hospital closure")
    assert c.speaker_text == "the council members" and c.cue == "mention"


def test_quote_only_verb_with_a_that_clause_reports(nlp: Any) -> None:
    text = "The inspectors concluded that the dam had been poorly maintained for a decade."
    c = about(claims_in(nlp, text), "the dam had been poorly maintained")
    assert c.speaker_text == "The inspectors" and c.cue == "conclude"
    assert not claims_in(nlp, "The hearing concluded at noon after two long days.")
