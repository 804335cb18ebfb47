"""Attribution fixes from the third PolNeAR round (invented sentences)."""

from __future__ import annotations

from typing import Any

from claim_lookup import about, claims_in

from crosswire.nlp.claims.quote_owners import _title


def test_adjective_cue_with_its_complement(nlp: Any) -> None:
    text = "Senator Maria Lopez was critical of the new harbour levy during the hearing."
    c = about(claims_in(nlp, text), "the new harbour levy")
    assert c.speaker_text == "Senator Maria Lopez" and c.cue == "critical"


def test_adjective_without_its_complement_is_no_cue(nlp: Any) -> None:
    text = "Senator Maria Lopez was critical during the long hearing on Tuesday."
    assert all(c.cue != "critical" for c in claims_in(nlp, text))


def test_gerund_after_preposition_takes_the_main_subject(nlp: Any) -> None:
    text = "Mayor Tomas Berg opened the meeting by telling residents that the ferry would return."
    c = about(claims_in(nlp, text), "the ferry would return")
    assert c.speaker_text == "Mayor Tomas Berg" and c.cue == "tell"


def test_polled_share_holds_a_stance(nlp: Any) -> None:
    text = "About 19 percent of the voters surveyed support the harbour levy."
    c = about(claims_in(nlp, text), "the harbour levy")
    assert "percent" in c.speaker_text and c.cue == "support"


def test_a_date_is_not_what_was_said(nlp: Any) -> None:
    text = "The warning was echoed by the ministry on Saturday."
    assert all(c.text != "Saturday" for c in claims_in(nlp, text))


def test_title_quotations_are_not_speech() -> None:
    assert _title("Face the Nation")
    assert _title("Empire of the Fund,")
    assert not _title("Yes,")
    assert not _title("We will not back down,")
