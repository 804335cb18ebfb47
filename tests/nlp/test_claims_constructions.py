"""Attribution constructions added to raise PolNeAR recall (invented sentences)."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.nlp.claims import Claim, find_claims
from crosswire.nlp.quotes import find_quotes, find_turns


@pytest.fixture(scope="module")
def nlp() -> Any:
    from crosswire.nlp.model import load_nlp

    return load_nlp()


def _claims(nlp: Any, text: str) -> list[Claim]:
    return find_claims(nlp(text))


def _about(claims: list[Claim], needle: str) -> Claim:
    hits = [c for c in claims if needle in c.text]
    assert hits, f"no claim containing {needle!r} in {[c.text for c in claims]}"
    return hits[0]


def test_doubled_apostrophes_are_quote_marks() -> None:
    text = "The mayor called it ''a bridge to nowhere, and a costly one,'' then left."
    (q,) = find_quotes(text)
    assert text[q.inner_start : q.inner_end] == "a bridge to nowhere, and a costly one,"
    assert text[q.start : q.end].startswith("''") and text[q.start : q.end].endswith("''")


def test_parenthetical_cue(nlp: Any) -> None:
    text = "The new harbour wall, Mayor Lena Ortiz said, would protect the fleet for decades."
    c = _about(_claims(nlp, text), "would protect the fleet")
    assert c.speaker_text == "Mayor Lena Ortiz" and c.cue == "say"


def test_title_abbreviation_does_not_end_the_sentence(nlp: Any) -> None:
    text = '"We are not ready yet, not even close," Ms. Duarte said. "Give us a week."'
    c = _about(_claims(nlp, text), "We are not ready yet")
    assert c.speaker_text == "Ms. Duarte" and c.cue_start is not None


def test_dash_credit_after_quote(nlp: Any) -> None:
    text = "“The ferry has been late every single morning this month.” ― Tomas Berg\n"
    c = _about(_claims(nlp, text), "ferry has been late")
    assert c.speaker_text == "Tomas Berg" and c.cue == "―"


def test_transcript_turns(nlp: Any) -> None:
    text = (
        "HOST: Welcome back to the programme, Governor, and thank you for joining us.\n"
        "KELLER: Thanks for having me, it is good to be here tonight.\n"
        "Update: this page was edited on Monday to add a photo.\n"
    )
    assert [text[a:b] for (a, b), _, _ in find_turns(text)] == ["HOST", "KELLER"]
    c = _about(_claims(nlp, text), "Thanks for having me")
    assert c.speaker_text == "KELLER" and c.cue == ":"


def test_nominal_cue_with_possessor(nlp: Any) -> None:
    text = "Fact-checkers examined the senator's claim that the tunnel project had doubled in cost."
    c = _about(_claims(nlp, text), "the tunnel project had doubled")
    assert c.speaker_text == "the senator" and c.cue == "claim"


def test_prepositional_content(nlp: Any) -> None:
    text = "The union called for an independent inquiry into the port accident."
    c = _about(_claims(nlp, text), "an independent inquiry")
    assert c.speaker_text == "The union" and c.cue == "call"
