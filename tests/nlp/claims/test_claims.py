"""Tests for quotes and claims with speakers (crosswire.nlp.claims.quotes / claims)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crosswire.nlp.claims.find import Claim, find_claims
from crosswire.nlp.claims.quotes import find_quotes

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "claims" / "wire.txt"


@pytest.fixture(scope="module")
def wire(nlp: Any) -> list[Claim]:
    return find_claims(nlp(FIXTURE.read_text(encoding="utf-8")))


def _one(claims: list[Claim], needle: str) -> Claim:
    found = [c for c in claims if needle in c.text]
    assert found, f"no claim with content containing {needle!r}"
    return found[0]


# --- quote scanning (no model needed) ---------------------------------------


def test_quotes_curly_straight_and_mixed() -> None:
    text = 'He said “one two,” and "three four" then “five six" ok.'
    quotes = find_quotes(text)
    assert [text[q.inner_start : q.inner_end] for q in quotes] == [
        "one two,",
        "three four",
        "five six",
    ]


def test_quote_continued_across_paragraphs_is_one_quote() -> None:
    text = "“First part open.\n\n“Second part closes,” she said.\n\nNext."
    (quote,) = find_quotes(text)
    assert quote.paragraphs == 2
    assert text[quote.start : quote.end] == "“First part open.\n\n“Second part closes,”"


def test_unclosed_quote_ends_with_paragraph() -> None:
    text = "She said “this never closes\n\nAnother paragraph."
    (quote,) = find_quotes(text)
    assert text[quote.inner_start : quote.inner_end] == "this never closes"


# --- claims on the invented fixture -----------------------------------------


def test_offsets_point_into_text(wire: list[Claim]) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    assert len(wire) >= 18
    for c in wire:
        assert text[c.content_start : c.content_end] == c.text
        assert text[c.speaker_start : c.speaker_end] == c.speaker_text
        assert c.start <= c.content_start <= c.content_end <= c.end
        if c.cue_start is not None and c.cue_end is not None:
            assert c.start <= c.cue_start < c.cue_end <= c.end


def test_reported_speech_with_time_adjunct(wire: list[Claim]) -> None:
    c = _one(wire, "3,000 residents")
    assert (c.cue, c.kind, c.quote) == ("say", "statement", False)
    assert c.speaker_text == "Provincial governor Maria Ortega"
    assert c.speaker_resolved_text == "Maria Ortega"
    assert c.speaker_kind == "entity"


def test_split_quote_gives_two_claims_same_speaker(wire: list[Claim]) -> None:
    first, second = _one(wire, "leave anyone behind"), _one(wire, "still rising")
    assert first.quote and second.quote
    assert first.speaker_resolved_text == second.speaker_resolved_text == "Maria Ortega"
    assert first.cue_start is not None and second.cue_start is None


def test_pronoun_speakers_resolve_to_previous_speaker(wire: list[Claim]) -> None:
    added = _one(wire, "send helicopters")
    assert (added.speaker_text, added.cue) == ("She", "add")
    assert added.speaker_resolved_text == "Maria Ortega"
    noted = _one(wire, "fresh water by Friday")
    assert (noted.speaker_text, noted.cue, noted.quote) == ("she", "note", True)
    assert noted.speaker_resolved_text == "Maria Ortega"


def test_inverted_said_speaker(wire: list[Claim]) -> None:
    c = _one(wire, "The dam is holding")
    assert c.speaker_text == "water authority chief Tomas Reyes"
    assert c.speaker_resolved_text == "Tomas Reyes"


def test_according_to(wire: list[Claim]) -> None:
    c = _one(wire, "80 millimetres")
    assert c.cue == "according to"
    assert c.speaker_text == "the regional weather office"
    assert c.speaker_kind == "described"


def test_accusation_with_target_and_denial(wire: list[Claim]) -> None:
    acc = _one(wire, "ignoring warnings")
    assert (acc.kind, acc.cue, acc.target_text) == ("accusation", "accuse", "the government")
    assert acc.speaker_resolved_text == "Karl Brandt"
    den = _one(wire, "any warnings had been received")
    assert (den.kind, den.cue) == ("denial", "deny")
    assert (den.speaker_text, den.speaker_kind) == ("the interior ministry", "described")


def test_rejection_dismissal_vow_estimate_warn(wire: list[Claim]) -> None:
    assert _one(wire, "funds for the levees").kind == "rejection"
    dismissed = _one(wire, "dam was unsafe")
    assert (dismissed.cue, dismissed.kind) == ("dismiss", "rejection")
    # A bare surname is resolved to the full name used earlier.
    assert dismissed.speaker_resolved_text == "Tomas Reyes"
    vow = _one(wire, "rebuild the bridge")
    assert (vow.cue, vow.kind, vow.speaker_kind) == ("vow", "promise/threat", "described")
    est = _one(wire, "12,000 people")
    assert (est.cue, est.kind) == ("estimate", "estimate")
    assert _one(wire, "grid remained fragile").cue == "warn"


def test_described_sources(wire: list[Claim]) -> None:
    assert _one(wire, "looters").speaker_text == "A local police source"
    assert _one(wire, "looters").speaker_kind == "described"
    officials = _one(wire, "satellite images showed")
    assert (officials.speaker_text, officials.speaker_kind) == ("US officials", "described")


def test_tell_keeps_addressee_out_of_content(wire: list[Claim]) -> None:
    c = _one(wire, "power would be restored")
    assert c.cue == "tell"
    assert "news agency" not in c.text
    assert c.speaker_resolved_text == "Lena Park"


def test_speaker_before_colon_and_continued_quote(wire: list[Claim]) -> None:
    colon = _one(wire, "worst in forty years")
    assert colon.quote and colon.speaker_resolved_text == "Ravi Menon"
    continued = _one(wire, "People lost everything")
    assert continued.quote and "fair recovery plan" in continued.text
    assert continued.speaker_resolved_text == "Ravi Menon"


def test_scare_quotes_are_not_claims(nlp: Any) -> None:
    doc = nlp("The army said it had hit “terrorist” positions near the border.")
    (claim,) = find_claims(doc)
    assert claim.speaker_text == "The army"
    assert not claim.quote


def test_no_parse_no_claims() -> None:
    import spacy

    assert find_claims(spacy.blank("en")("He said “hello there my friend”.")) == []


# --- real seed articles -------------------------------------------------------


def _seed(seeds_dir: Path, prefix: str) -> str:
    (path,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def test_seed_004(nlp: Any, seeds_dir: Path) -> None:
    claims = find_claims(nlp(_seed(seeds_dir, "004")))
    denial = _one(claims, "any civilians were killed")
    # "Lavrov" is resolved to the full name used earlier in the article.
    assert (denial.kind, denial.speaker_resolved_text) == ("denial", "Sergei Lavrov")
    acc = _one(claims, "killing 36 civilians")
    assert acc.kind == "accusation" and acc.target_text == "Moscow"
    assert acc.speaker_text == "The head of Syria’s main opposition group"
    src = _one(claims, "they had targeted a powerful coalition")
    assert (src.speaker_text, src.speaker_kind) == ("a Syrian security source", "described")
    the_src = _one(claims, "Air strikes from four Russian warplanes")
    assert the_src.speaker_resolved_text == "a Syrian security source"
    tell = _one(claims, "More than 50 warplanes and helicopters")
    assert tell.quote and tell.cue == "tell"
    assert tell.speaker_resolved_text == "Igor Konashekov"
    peskov = _one(claims, "These organisations are known")
    assert peskov.speaker_text == "he" and peskov.speaker_resolved_text == "Dmitry Peskov"


def test_seed_001(nlp: Any, seeds_dir: Path) -> None:
    claims = find_claims(nlp(_seed(seeds_dir, "001")))
    for needle in (
        "plenty of time",  # “…,” Lavrov added
        "What is happening in Aleppo",  # “…,” he noted
        "decision had been shared",  # He added that ...
        "any surprises",
    ):
        assert "Lavrov" in _one(claims, needle).speaker_resolved_text, needle
    cook = _one(claims, "direct coordination of activities")
    assert cook.speaker_text == "Pentagon press secretary Peter Cook"
    assert cook.speaker_resolved_text == "Peter Cook"
    assert _one(claims, "470,000").cue == "according to"


def test_seed_003(nlp: Any, seeds_dir: Path) -> None:
    claims = find_claims(nlp(_seed(seeds_dir, "003")))
    for needle in ("We have no such data", "They (the American side)"):
        c = _one(claims, needle)
        assert c.speaker_text == "he" and c.speaker_resolved_text == "Sergei Lavrov", needle
    peskov = _one(claims, "What is the Free Syrian Army")
    assert peskov.speaker_resolved_text == "Dmitry Peskov"  # continued-paragraph quote
    assert _one(claims, "killing 36 civilians").target_text == "Moscow"
