"""Quotations as claim content: split quotes, quote frames, spans that cover the quotation."""

from __future__ import annotations

from typing import Any

from claim_lookup import about, claims_in

from crosswire.nlp.claims.quotes import cover_quotation, find_turns


def test_split_quote_in_one_sentence_keeps_both_parts(nlp: Any) -> None:
    text = (
        "“The harbour levy will pay for the new seawall,” the mayor said, "
        "“but nobody should expect the work to start before the spring.”"
    )
    claims = claims_in(nlp, text)
    first = about(claims, "pay for the new seawall")
    second = about(claims, "nobody should expect")
    assert first.quote and second.quote
    assert first.speaker_text == second.speaker_text == "the mayor"
    assert first.cue_start is not None and second.cue_start is None
    assert "nobody" not in first.text and "seawall" not in second.text


def test_cue_verb_parsed_as_a_participle_of_its_speaker(nlp: Any) -> None:
    # The parse makes "tweeted" modify "Lindqvist" (acl) and finds no subject.
    text = (
        "Erik Lindqvist, the former harbour commissioner, tweeted in response: "
        "“The levy punishes fishermen and rewards the developers who caused the flooding.”"
    )
    c = about(claims_in(nlp, text), "punishes fishermen")
    assert c.quote and c.cue == "tweet" and "Lindqvist" in c.speaker_text


def test_reported_content_runs_to_the_end_of_the_quotation_it_opens(nlp: Any) -> None:
    text = (
        "The councillor said that “the levy is fair. Every household pays the same, "
        "and the fishermen get a rebate.” The vote is on Friday."
    )
    c = about(claims_in(nlp, text), "the levy is fair")
    assert c.text.endswith("get a rebate.”")
    assert "Friday" not in c.text


def test_cover_quotation_offsets() -> None:
    text = 'She said that "we tell the truth, we deal with the issues." Then she left.'
    start = text.index("that")
    cut = text.index(",")
    assert cover_quotation(text, start, cut) == text.index("Then") - 1
    # A content that starts where the quoted words start ends at the last word.
    inner = text.index("we tell")
    assert text[inner : cover_quotation(text, inner, cut)].endswith("the issues.")
    # No quotation: the span is left as it is.
    plain = "She said that the levy was fair, and left."
    assert cover_quotation(plain, 9, plain.index(",")) == plain.index(",")


def test_cover_quotation_stops_at_the_paragraph_of_a_continued_quotation() -> None:
    text = (
        'He argued that "the seawall is late, the budget is gone\n'
        '"and nobody at city hall will say why."\n'
    )
    end = cover_quotation(text, text.index("that"), text.index(","))
    assert end == text.index("\n")


def test_quotation_after_a_reported_claim_in_its_paragraph_inherits(nlp: Any) -> None:
    text = (
        "Governor Ana Ortega said the dam would hold through the weekend. "
        "“We are watching it day and night, and the engineers are confident.”"
    )
    c = about(claims_in(nlp, text), "watching it day and night")
    assert c.quote and c.cue_start is None
    assert c.speaker_resolved_text == "Ana Ortega"


def test_short_sentence_after_a_full_stop_credits_the_quotation(nlp: Any) -> None:
    text = "“Nobody will lose their boat because of this levy.” Ortega said. The vote is Friday."
    c = about(claims_in(nlp, text), "lose their boat")
    assert c.quote and c.cue == "say" and c.speaker_text == "Ortega"


def test_a_new_sentence_after_a_full_stop_is_no_credit(nlp: Any) -> None:
    text = (
        "“We will hit every target this year.” The head of the central bank left "
        "the room without taking questions from the reporters waiting outside."
    )
    assert all(c.cue_start is None or c.cue != "leave" for c in claims_in(nlp, text))


def test_a_short_quotation_does_not_replace_what_a_cue_said(nlp: Any) -> None:
    text = (
        "Senator Alvarez appeared on Tuesday on the radio's “morning harbour show,” "
        "while discussing the new levy on fishing boats."
    )
    c = about(claims_in(nlp, text), "levy on fishing boats")
    assert c.cue == "discuss" and not c.quote
    assert all("morning harbour show" not in c.text for c in claims_in(nlp, text))


def test_a_quotation_next_to_a_cue_with_its_own_content_is_a_second_claim(nlp: Any) -> None:
    text = (
        "Governor Ortega criticised the harbour levy on Monday, calling it a burden on "
        "fishermen: “We cannot ask the poorest families to pay for the seawall.”"
    )
    claims = claims_in(nlp, text)
    named = about(claims, "burden on fishermen")
    quoted = [c for c in claims if c.quote and "poorest families" in c.text]
    assert named.cue == "call" and not named.quote
    assert quoted and quoted[0].cue == "call" and quoted[0].speaker_text == "Governor Ortega"


def test_a_quotation_right_after_its_verb_is_what_was_said(nlp: Any) -> None:
    text = (
        "Some in the crowd booed, and when the senator thanked the city, "
        "a man yelled “Stay there!” and laughed."
    )
    c = about(claims_in(nlp, text), "Stay there")
    assert c.quote and c.cue == "yell" and c.speaker_text == "a man"
    assert all("booed" not in c.text for c in claims_in(nlp, text))


def test_headline_turns_after_a_label_or_with_an_audience() -> None:
    text = (
        "EXCLUSIVE – Ana Ortega: The Seawall Will Be Finished by March.\n"
        "FLOOD COSTS RISE AGAIN - Tomas Berg: “The harbour budget cannot cover another storm.”\n"
        "Ortega to Fishermen: Nobody Will Lose a Boat Over the Levy.\n"
        "Flood update – According to officials: the river is falling again tonight.\n"
    )
    names = [text[a:b] for (a, b), _, _ in find_turns(text)]
    assert names == ["Ana Ortega", "Tomas Berg", "Ortega"]
    contents = [text[a:b] for _, _, (a, b) in find_turns(text)]
    assert contents[1] == "The harbour budget cannot cover another storm."


def test_the_topic_of_a_quoted_remark_is_no_second_claim(nlp: Any) -> None:
    text = (
        "The transit director had this to say about the new budget: "
        '"We will not raise the fare again this year, whatever the council decides."'
    )
    claims = claims_in(nlp, text)
    assert about(claims, "raise the fare").quote
    assert all(c.text != "the new budget" for c in claims)


def test_the_venue_of_a_quoted_remark_is_no_second_claim(nlp: Any) -> None:
    text = (
        '"It is a dead heat right now," as Jensen said on the harbour radio programme '
        "on Monday, only raises the stakes of the vote."
    )
    claims = claims_in(nlp, text)
    assert about(claims, "dead heat").speaker_text == "Jensen"
    assert all("radio programme" not in c.text for c in claims)
