"""People's names read from the words around them (crosswire.nlp.entities.names)."""

from __future__ import annotations

from typing import Any

from crosswire.nlp.entities.names import described_name, given_name, person_words


def _token(doc: Any, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def test_given_names_are_the_curated_ones_that_are_places() -> None:
    assert given_name("Jordan") and given_name("austin")
    assert not given_name("Baghdad")


def test_a_name_with_an_age_is_a_person(nlp: Any) -> None:
    doc = nlp("Paris Whitfield, 27, was taken to a hospital in Memphis.")
    i = _token(doc, "Paris")
    assert described_name(doc, i, i + 1) == (i, i + 2)
    j = _token(doc, "Memphis")
    assert described_name(doc, j, j + 1) is None


def test_an_institution_after_a_given_name_is_no_person(nlp: Any) -> None:
    doc = nlp("He was taken to Savannah Memorial Hospital on Friday.")
    i = _token(doc, "Savannah")
    assert described_name(doc, i, i + 1) is None


def test_person_words_hold_first_and_last_words_of_people_named_in_full(nlp: Any) -> None:
    doc = nlp(
        "Police said Tyre Hollins, 13, was shot on Monday. Neighbors said Tyre "
        "loved football. The Gary Methodist Hospital treated him."
    )
    words = person_words(doc)
    assert {"tyre", "hollins"} <= words
    # a hospital the NER may call a person is none
    assert "methodist" not in words and "hospital" not in words
