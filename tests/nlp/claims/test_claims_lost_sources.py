"""Cue verbs the parse leaves without a subject, and noun cues (issue 14; invented sentences).

:func:`crosswire.nlp.claims.subjects.lost_subject` reads the speaker off the
word order: an aside between the subject and the verb, an inverted credit
after a quotation, a name the parse made a compound of the verb.
"""

from __future__ import annotations

from typing import Any

from claim_lookup import about, claims_in
from spacy.tokens import Doc

from crosswire.nlp.claims.phrases import nominal_draft
from crosswire.nlp.claims.subjects import lost_subject, subject_of


def test_inverted_credit_after_a_quotation(nlp: Any) -> None:
    text = '"We will not back down from this fight," added another union organizer.'
    c = about(claims_in(nlp, text), "back down")
    assert c.speaker_text == "another union organizer"
    assert c.cue == "add"


def test_inverted_question_credit(nlp: Any) -> None:
    c = about(
        claims_in(nlp, '"How long will the bridge be closed?" asked a woman in the front row.'),
        "bridge be closed",
    )
    assert c.speaker_text.startswith("a woman")


def test_bare_pronoun_after_the_quotation_speaks(nlp: Any) -> None:
    c = about(claims_in(nlp, '"The levy is a mistake," tweeted another.'), "levy is a mistake")
    assert c.speaker_text == "another"


def test_subject_before_an_aside_opened_by_a_scene(nlp: Any) -> None:
    text = (
        "In a hearing this week in Sacramento, Lena Hart, the director of the state "
        "water board, sharply told the growers that the rationing would continue."
    )
    c = about(claims_in(nlp, text), "rationing would continue")
    assert "Lena Hart" in c.speaker_text


def test_subject_before_an_appositive_with_a_party_tag(nlp: Any) -> None:
    text = (
        "State Treasurer Ana Ruiz (D), Whitfield's rival in the upcoming gubernatorial "
        "election, called Friday for releasing the audit, as well."
    )
    c = about(claims_in(nlp, text), "releasing the audit")
    assert "Treasurer" in c.speaker_text or "Ruiz" in c.speaker_text


def _parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    """A hand-parsed Doc: the misparse the rules repair, independent of the model."""
    from crosswire.nlp.core.model import load_nlp

    pos = {"NNP": "PROPN", "NN": "NOUN", "VBD": "VERB", "VBN": "VERB", ",": "PUNCT"}
    pos.update({"DT": "DET", "JJ": "ADJ", "IN": "ADP", ".": "PUNCT", "PRP$": "PRON"})
    return Doc(
        load_nlp().vocab,
        words=words,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=[pos[t] for t in tags],
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def test_aside_rule_on_a_verb_hung_on_the_appositive() -> None:
    # "Walter Greene, a Cortez ally, called the standards weak." with "called"
    # parsed as a participle on "ally" (no subject).
    words = ["Walter", "Greene", ",", "a", "Cortez", "ally", ",", "called", "the", "plan", "."]
    heads = [1, 1, 1, 5, 5, 1, 5, 5, 9, 7, 1]
    deps = ["compound", "ROOT", "punct", "det", "compound", "appos", "punct", "acl"]
    deps += ["det", "dobj", "punct"]
    tags = ["NNP", "NNP", ",", "DT", "NNP", "NN", ",", "VBN", "DT", "NN", "."]
    doc = _parsed(words, heads, deps, tags)
    assert subject_of(doc[7]).text == "Greene"


def test_aside_rule_skips_a_dateline() -> None:
    # "WASHINGTON -- President Obama, dedicating it, said ..." with "said" hung
    # on "Obama": the dateline is no speaker.
    words = ["WASHINGTON", "--", "President", "Obama", ",", "dedicating", "it", ",", "said"]
    words += ["it", "works", "."]
    heads = [0, 0, 3, 0, 3, 3, 5, 3, 3, 10, 8, 0]
    deps = ["ROOT", "punct", "compound", "appos", "punct", "acl", "dobj", "punct", "acl"]
    deps += ["nsubj", "ccomp", "punct"]
    tags = ["NNP", ",", "NNP", "NNP", ",", "VBN", "PRP$", ",", "VBD", "PRP$", "VBD", "."]
    doc = _parsed(words, heads, deps, tags)
    assert subject_of(doc[8]).text == "Obama"


def test_no_subject_from_a_part_after_a_finite_clause() -> None:
    # "Mills spoke in Dayton, Ohio, and announced it": "Ohio" is no subject.
    words = ["Mills", "spoke", "in", "Dayton", ",", "Ohio", ",", "announced", "it", "."]
    heads = [1, 1, 1, 2, 3, 3, 1, 1, 7, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "appos", "punct", "conj", "dobj", "punct"]
    tags = ["NNP", "VBD", "IN", "NNP", ",", "NNP", ",", "VBD", "PRP$", "."]
    doc = _parsed(words, heads, deps, tags)
    assert lost_subject(doc[7]) is None


# Noun cues: "X's answer was that ...", "criticism from X that ...", "X's claim to be ...".


def test_possessor_and_copula_clause_make_a_claim(nlp: Any) -> None:
    claims = claims_in(nlp, "The senator's answer was that the state could not afford a bridge.")
    c = about(claims, "could not afford a bridge")
    assert c.speaker_text == "The senator"
    assert c.cue == "answer"
    c = about(claims_in(nlp, "Her main argument is that the tax would ruin small farms."), "tax")
    assert c.speaker_text == "Her"


def test_copula_clause_without_a_possessor_is_nobody_s(nlp: Any) -> None:
    assert claims_in(nlp, "The answer was that nobody knew.") == []


def test_framed_noun_with_a_bare_clause_is_no_claim(nlp: Any) -> None:
    assert claims_in(nlp, "His fear that the dam would fail kept him awake at night.") == []


def test_statement_noun_with_an_infinitive(nlp: Any) -> None:
    text = "Okafor's claim to be the only candidate with a plan for the harbour drew laughter."
    c = about(claims_in(nlp, text), "only candidate")
    assert c.speaker_text == "Okafor"


def test_noun_cue_credited_by_from(nlp: Any) -> None:
    doc = nlp("Trump has faced criticism from rivals that the tenor of his campaign was too harsh.")
    draft = nominal_draft(next(t for t in doc if t.text == "criticism"))
    assert draft is not None and draft.speaker_tok.text == "rivals"
    assert doc.text[draft.content[0] : draft.content[1]].startswith("that the tenor")


# Viewpoint phrases: "In X's view, ...", "By X's tally, ...", "To X, ...".


def test_possessor_of_a_view_is_the_source(nlp: Any) -> None:
    text = "In Ash's view, the change would make it harder for insiders to pick a nominee."
    c = about(claims_in(nlp, text), "harder for insiders")
    assert (c.speaker_text, c.cue) == ("Ash", "in")
    c = about(claims_in(nlp, "By the county clerk's tally, turnout reached 61 percent."), "61")
    assert c.speaker_text == "the county clerk"


def test_opening_to_a_person_credits_the_clause(nlp: Any) -> None:
    text = "To Sharp, the governor is the man who saved her family's farm in 1986."
    c = about(claims_in(nlp, text), "saved her family")
    assert c.speaker_text == "Sharp"


def test_opening_to_a_thing_credits_nothing(nlp: Any) -> None:
    claims = claims_in(nlp, "To that, Mayor Kent replied with a shrug.")
    assert all(c.cue != "to" for c in claims)
    claims = claims_in(nlp, "The council sent the plan to the state in the spring.")
    assert all(c.cue not in ("to", "in") for c in claims)
