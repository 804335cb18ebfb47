"""Mined frame-specific cues, "call for X to", "In a poll" and the cue miner (invented text)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from claim_lookup import about, claims_in

from crosswire.datafiles import read_json
from crosswire.evaluate.attribution import GoldArticle, GoldAttribution
from crosswire.evaluate.cue_mining import count_pairs, cue_head, mine
from crosswire.nlp.claims import learned
from crosswire.nlp.claims.cue_frames import mined_table, trial_table, verb_frame

KINDS = {"statement", "accusation", "denial", "rejection", "promise/threat", "estimate"}


def test_verb_frames(nlp: Any) -> None:
    doc = nlp("The senator voted against the bill and argued that it was too costly.")
    voted = next(t for t in doc if t.lower_ == "voted")
    argued = next(t for t in doc if t.lower_ == "argued")
    assert verb_frame(voted) == "prep:against"
    assert verb_frame(argued) == "ccomp"


def test_mined_cue_counts_only_in_its_frame(nlp: Any, monkeypatch: Any) -> None:
    assert "prep:against" in mined_table()["vote"]
    c = about(claims_in(nlp, "Senator Ruth Alvarez voted against the pipeline bill."), "pipeline")
    assert c.speaker_text == "Senator Ruth Alvarez" and c.cue == "vote"
    assert c.kind == "statement" and c.text == "the pipeline bill"
    # "voted on Tuesday" is no position; nor is "voted against" without the
    # table (and without the learned cue model, which learned the same frame).
    assert claims_in(nlp, "Senator Ruth Alvarez voted on Tuesday in the capital.") == []
    monkeypatch.setattr(learned, "cue_model", lambda: ({}, 0.0))
    with trial_table({}):
        assert claims_in(nlp, "Senator Ruth Alvarez voted against the pipeline bill.") == []


def test_mined_frame_lifts_a_stance_restriction(nlp: Any) -> None:
    # "talk" is a stance verb (named subject and an object); "talked about"
    # measured well on PolNeAR train with any subject.
    c = about(claims_in(nlp, "The mayor talked about the harbour budget at length."), "harbour")
    assert c.speaker_text == "The mayor" and c.cue == "talk"


def test_mined_table_follows_its_documented_rule() -> None:
    data = read_json("mined_cues.json")
    assert "train" in data["source"] and data["split"] == "train"
    for frames in data["verbs"].values():
        for entry in frames.values():
            assert entry["kind"] in KINDS
            assert entry["gains"] >= 3 and entry["gains"] >= 0.5 * entry["claims"]
            assert entry["gold_cues"] <= entry["uses"]


def test_call_for_someone_to_act(nlp: Any) -> None:
    c = about(claims_in(nlp, "The union called for the city to reopen the port."), "reopen")
    assert c.speaker_text == "The union" and c.text == "the city to reopen the port"


def test_opening_poll_is_the_source(nlp: Any) -> None:
    text = "In a new Gallup poll released Monday, the mayor led her rival by nine points."
    c = about(claims_in(nlp, text), "led her rival")
    assert c.speaker_text == "a new Gallup poll" and c.cue == "in"
    assert claims_in(nlp, "The mayor led her rival by nine points in the new poll.") == []


def _article(nlp: Any, text: str, source: str, cue: str, content: str) -> tuple[Any, GoldArticle]:
    def span(part: str) -> list[tuple[int, int]]:
        at = text.index(part)
        return [(at, at + len(part))]

    gold = GoldAttribution(span(source), span(cue), span(content))
    return nlp(text), GoldArticle("x", text, [gold])


def test_cue_head_and_counts(nlp: Any) -> None:
    doc, art = _article(
        nlp,
        "Mr. Okafor has long railed against the toll.",
        "Mr. Okafor",
        "has long railed against",
        "the toll",
    )
    assert cue_head(doc, art.attributions[0].cue).lower_ == "railed"
    gold, uses = count_pairs([art], [doc])
    assert gold[("rail", "prep:against")] == 1 and uses[("rail", "prep:against")] == 1


def test_mine_keeps_a_cue_that_finds_gold(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Mining measures a frame's gain over the extractor; with no learned cue
    # model (which may take "railed against" by itself) the gain is the frame's.
    monkeypatch.setattr(learned, "cue_model", lambda: ({}, float("inf")))
    names = ["Mr. Okafor", "Ms. Lindqvist", "Mayor Tan"]
    pairs = [
        _article(
            nlp, f"{n} railed against the new toll road.", n, "railed against", "the new toll road"
        )
        for n in names
    ]
    docs, arts = [d for d, _ in pairs], [a for _, a in pairs]
    data = mine(arts, docs, min_gold=3, min_gain=3)
    entry = data["verbs"]["rail"]["prep:against"]
    assert (entry["gold_cues"], entry["claims"], entry["gains"]) == (3, 3, 3)
    assert entry["kind"] == "accusation"
    assert "no text" in data["source"]
    json.dumps(data)  # serialisable as written to the data file
