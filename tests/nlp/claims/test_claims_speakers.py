"""Speaker resolution and claim cues of issue 14 (invented sentences)."""

from __future__ import annotations

from typing import Any

from claim_lookup import about, claims_in


def test_title_description_resolves_to_the_named_mayor(nlp: Any) -> None:
    text = (
        "Mayor Doug McCallum opened the council meeting on Tuesday. "
        "The mayor said the city would hire 40 more officers next year."
    )
    c = about(claims_in(nlp, text), "40 more officers")
    assert c.speaker_text == "The mayor"  # as written
    assert c.speaker_resolved_text == "Doug McCallum"
    assert c.speaker_kind == "entity"


def test_adjectives_before_the_title_word_still_resolve(nlp: Any) -> None:
    text = (
        "Professor Alan Reyes has studied the river for years. "
        '"It is dying," the lanky, bespectacled professor said.'
    )
    c = about(claims_in(nlp, text), "It is dying")
    assert c.speaker_text == "the lanky, bespectacled professor"
    assert c.speaker_resolved_text == "Alan Reyes"


def test_abbreviated_title_resolves_the_description(nlp: Any) -> None:
    text = (
        "Sen. Maria Okafor chaired the hearing on the harbour levy. "
        "The senator said the levy would be repealed before the summer."
    )
    c = about(claims_in(nlp, text), "levy would be repealed")
    assert c.speaker_resolved_text == "Maria Okafor"


def test_description_with_no_named_antecedent_stays_as_written(nlp: Any) -> None:
    text = "The river flooded again on Monday. The mayor said the levee would be rebuilt."
    c = about(claims_in(nlp, text), "levee would be rebuilt")
    assert c.speaker_resolved_text == "The mayor" and c.speaker_kind == "described"


def test_a_document_speaks_for_its_owner(nlp: Any) -> None:
    text = '"We will strike on Monday," the union\'s Friday release said.'
    c = about(claims_in(nlp, text), "We will strike")
    assert c.speaker_text == "the union"


def test_relative_pronoun_speaker_is_the_noun_it_stands_for(nlp: Any) -> None:
    text = "Hillary Clinton, who has called for big tax hikes on the rich, lambasted the plan."
    c = about(claims_in(nlp, text), "big tax hikes")
    # Written as the noun with the pronoun that carries the claim.
    assert c.speaker_text == "Hillary Clinton, who"
    assert c.speaker_resolved_text == "Hillary Clinton"
    text = "He bought the assets of another mining company that had declared bankruptcy."
    c = about(claims_in(nlp, text), "bankruptcy")
    assert c.speaker_text == "another mining company that"
    assert c.speaker_resolved_text == "another mining company"


def test_refused_actions_are_not_claims_and_refused_speech_is_a_silence(nlp: Any) -> None:
    text = (
        "The company did not respond to interview requests. "
        "The agency refused to include e-mail addresses in the records. "
        "Through a spokesman, the governor declined to comment."
    )
    # PolNeAR annotates "declined to comment" as an attribution; it is kept
    # as a claim of its own kind, which fusion neither answers nor disputes.
    (claim,) = claims_in(nlp, text)
    assert (claim.speaker_text, claim.cue, claim.kind) == ("the governor", "decline", "silence")
    assert claim.text == "to comment"


def test_refusing_to_take_a_position_is_a_claim(nlp: Any) -> None:
    # A refused stance ("refused to endorse") is the subject's position;
    # refused speech ("declined to answer") stays a silence.
    text = "Senator Ada Brenner refused to endorse the harbour levy on Tuesday."
    (claim,) = claims_in(nlp, text)
    assert (claim.speaker_text, claim.cue) == ("Senator Ada Brenner", "refuse")
    assert "harbour levy" in claim.text
    (silence,) = claims_in(nlp, "The harbour board declined to answer questions on Monday.")
    assert (silence.speaker_text, silence.kind) == ("The harbour board", "silence")


def test_speech_verbs_with_a_plain_object_are_no_claims(nlp: Any) -> None:
    text = (
        "The harbour board found a way around the levy. "
        "The late endorsement added momentum to the mayor's campaign. "
        "Councillor Ada Brenner read the audit report on Monday."
    )
    assert claims_in(nlp, text) == []


def test_a_speech_verb_with_a_clause_still_reports(nlp: Any) -> None:
    text = "The auditors found that the harbour board had overspent by $2 million."
    c = about(claims_in(nlp, text), "overspent")
    assert c.speaker_text == "The auditors" and c.cue == "find"


def test_a_trailing_attribution_names_the_person_not_the_subject(nlp: Any) -> None:
    text = "Jim Purdy joined the course in 2015. The program changed his life, Purdy said."
    c = about(claims_in(nlp, text), "changed his life")
    assert c.speaker_text == "Purdy" and c.speaker_resolved_text == "Jim Purdy"


def test_reported_content_covers_the_quotation_it_opens(nlp: Any) -> None:
    text = 'The union said in its release that "the cuts will hurt every family in the county."'
    c = about(claims_in(nlp, text), "the cuts will hurt")
    assert c.text.endswith('county."')


def test_pronoun_skips_a_person_of_the_other_gender(nlp: Any) -> None:
    text = (
        "Councillor Linda Annis asked about the budget for the new police service. "
        "Mr. Tom Berg, the finance chief, said the figures would be published in May. "
        "She said the delay was unacceptable."
    )
    c = about(claims_in(nlp, text), "delay was unacceptable")
    assert c.speaker_text == "She" and c.speaker_resolved_text == "Linda Annis"


def test_possessive_pronoun_speaker_resolves_to_the_named_person(nlp: Any) -> None:
    text = (
        "Governor Tom Reyes said on Monday that taxes would fall. "
        "His claim that the budget was balanced drew scorn from economists."
    )
    c = about(claims_in(nlp, text), "balanced")
    assert (c.speaker_text, c.speaker_resolved_text, c.cue) == ("His", "Tom Reyes", "claim")


def test_content_after_a_root_cue_is_not_the_opening_phrase(nlp: Any) -> None:
    # The cue is the sentence root and its "that" clause hangs on
    # "statement": the content is the clause, not "In response to ...".
    text = (
        "In response to the senator's latest attack, the campaign said in a "
        "statement that the governor would not be bullied."
    )
    c = about(claims_in(nlp, text), "bullied")
    assert c.speaker_text == "the campaign"
    assert c.text == "that the governor would not be bullied"


def test_content_is_never_the_opening_adjunct_before_the_speaker(nlp: Any) -> None:
    # "about the decades ..." names a topic, not a time; and the sentence
    # before the speaker is no trailing attribution's content.
    text = (
        "On a rainy Thursday afternoon this month, after the rally ended, the "
        "workers gathered to talk about the decades they had spent at the plant."
    )
    c = about(claims_in(nlp, text), "decades")
    assert (c.speaker_text, c.cue) == ("the workers", "talk")
    assert c.text == "the decades they had spent at the plant"
    c = about(claims_in(nlp, "The union called on Monday for three days of mourning."), "days")
    assert c.text == "three days of mourning"


def test_a_cue_under_a_predicative_adjective_takes_the_copula_subject(nlp: Any) -> None:
    text = (
        "Councillor Ada Brenner has been especially aggressive in claiming "
        "that the harbour levy had failed."
    )
    c = about(claims_in(nlp, text), "harbour levy had failed")
    assert c.speaker_text == "Councillor Ada Brenner"


def test_an_object_cue_covers_the_phrase_saying_what_it_is_about(nlp: Any) -> None:
    text = (
        "Councillor Ada Brenner pledged her support to the harbour levy on Tuesday. "
        "Her rival described the levy as a disaster for the port."
    )
    claims = claims_in(nlp, text)
    pledge = about(claims, "her support")
    assert pledge.speaker_text == "Councillor Ada Brenner"
    assert pledge.text == "her support to the harbour levy"  # not "on Tuesday"
    assert about(claims, "disaster").text == "the levy as a disaster for the port"


def test_quoting_a_text_makes_no_claim_of_the_text(nlp: Any) -> None:
    text = (
        "The harbour levy failed in March. "
        "“The harbour board is not fit to run anything!” Brenner tweeted, quoting the audit."
    )
    claims = claims_in(nlp, text)
    assert [(c.cue, c.speaker_text) for c in claims] == [("tweet", "Brenner")]


def test_a_name_in_apposition_to_a_description_is_the_speaker(nlp: Any) -> None:
    text = "A spokesman for the ministry, Lars Holm, said the talks had failed on Friday."
    c = about(claims_in(nlp, text), "talks had failed")
    # As written: the description runs on over the name it is set against.
    assert c.speaker_text == "A spokesman for the ministry, Lars Holm"
    assert c.speaker_resolved_text == "Lars Holm" and c.speaker_kind == "entity"


def test_a_description_without_a_name_in_apposition_stays_described(nlp: Any) -> None:
    text = "A spokesman for the ministry, speaking on Friday, said the talks had failed."
    c = about(claims_in(nlp, text), "talks had failed")
    assert c.speaker_text == "A spokesman for the ministry"
    assert c.speaker_kind == "described"


def test_a_quotation_after_who_said_is_the_named_persons(nlp: Any) -> None:
    text = (
        '"The harbour will flood again," said Ines Moreau, who said she would not vote '
        'for the levy. "Nobody has fixed the pumps since 2019."'
    )
    claims = claims_in(nlp, text)
    inner = about(claims, "would not vote")
    assert inner.speaker_text == "Ines Moreau, who"
    assert inner.speaker_resolved_text == "Ines Moreau"
    quote = about(claims, "Nobody has fixed the pumps")
    # The quotation inherits the name, not a bare "who".
    assert quote.speaker_text == "Ines Moreau, who"
    assert quote.speaker_resolved_text == "Ines Moreau"


def test_that_said_is_a_link_not_a_claim(nlp: Any) -> None:
    text = "That said, council members say the harbour levy will pass next month."
    claims = claims_in(nlp, text)
    assert [c.speaker_text for c in claims] == ["council members"]
    assert about(claims, "levy will pass").cue == "say"
    # "Having said that," opens the sentence the same way: the mayor speaks.
    text = "Having said that, the mayor insisted the levy would pass."
    assert about(claims_in(nlp, text), "levy would pass").speaker_text == "the mayor"


def test_an_aside_in_a_quotations_credit_does_not_take_the_next_quotation(nlp: Any) -> None:
    text = (
        "“They are hungry for solutions,” Clinton said in a short speech after she "
        "called Sanders to congratulate him. “What are we going to do? That is the "
        "fight we are taking on.”"
    )
    claims = claims_in(nlp, text)
    second = about(claims, "What are we going to do")
    assert second.speaker_text == "Clinton"
    # Relayed through "according to", the next quotation stays the relay's.
    text = (
        "“We will not protest,” Ruiz said on Monday, according to the Herald. "
        "“Our members know what is at stake this week.”"
    )
    second = about(claims_in(nlp, text), "Our members know")
    assert second.speaker_text == "the Herald"


def test_the_author_of_a_document_stays_in_the_speaker_span(nlp: Any) -> None:
    text = (
        "A 2014 estimate by the Joint Committee on Taxation projected that the "
        "inversions would cost the country $33.6 billion over a decade."
    )
    c = about(claims_in(nlp, text), "inversions would cost")
    assert c.speaker_text == "A 2014 estimate by the Joint Committee on Taxation"
    text = "Proponents like Mr. Eisenbrey urged the board to raise the cutoff to $51,000."
    c = about(claims_in(nlp, text), "cutoff")
    assert c.speaker_text == "Proponents like Mr. Eisenbrey"


def test_a_section_label_before_a_colon_is_no_speaker(nlp: Any) -> None:
    for label in (
        "The Latest",
        "Editor's Note",
        "Delegate Update",
        "CLARIFICATION",
        "The Gap Goes On",
    ):
        text = f"{label}: Harbour levy vote moved to Friday after a long council session.\n"
        assert [c.speaker_text for c in claims_in(nlp, text)] == [], label
    text = "MORENO: We will not let the harbour levy pass without a proper vote.\n"
    assert [c.speaker_text for c in claims_in(nlp, text)] == ["MORENO"]


def test_a_reported_claim_inside_a_turn_is_the_turn_speakers(nlp: Any) -> None:
    text = (
        "MORENO: Well, I think the council is trying to rush the harbour levy "
        "through before the summer recess.\n"
    )
    claims = claims_in(nlp, text)
    assert [c.speaker_text for c in claims] == ["MORENO"]
    assert "I think the council" in claims[0].text
