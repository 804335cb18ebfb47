"""The per-doc memos and lookup indexes added for speed give the same answers as before."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.tokens import Span

from crosswire.nlp.core import doccache as doccache
from crosswire.nlp.events.rules import _rules_by_word, load_taxonomy
from crosswire.nlp.places.gazetteer import loose_key, normalize
from crosswire.nlp.quantities.words import lexicon as _lexicon
from crosswire.nlp.quantities.words import match_phrase as _match_phrase
from crosswire.nlp.quantities.words import phrases as _phrases

COUNTS = (
    "more than a dozen at least several dozen nearly 300 up to 12 km dozens of "
    "hundreds of square kilometres per cent some 40 percent"
)
TEXT = "The monitor said 19 people died near Tal Afar.\n\nOfficials in Mosul denied it."


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy.blank("en")


def test_text_and_starts_match_spacy(nlp: Any) -> None:
    doc = nlp(TEXT)
    assert doccache.doc_text(doc) == doc.text == TEXT
    assert doccache.doc_text(doc) is doccache.doc_text(doc)  # computed once
    assert doccache.doc_token_starts(doc) == [t.idx for t in doc]


def test_ents_are_memoised_and_forget_resets(nlp: Any) -> None:
    doc = nlp(TEXT)
    doc.ents = [Span(doc, 7, 9, label="GPE")]
    assert [e.text for e in doccache.doc_ents(doc)] == ["Tal Afar"]
    doc.ents = [Span(doc, 13, 14, label="GPE")]
    assert [e.text for e in doccache.doc_ents(doc)] == ["Tal Afar"]  # stale until forgotten
    doccache.forget(doc)
    assert [e.text for e in doccache.doc_ents(doc)] == ["Mosul"]


def test_docs_never_share_an_entry(nlp: Any) -> None:
    texts = [f"Report number {i} from Idlib." for i in range(20)]
    docs = [nlp(t) for t in texts]
    for _ in range(2):  # second round: entries were evicted and are rebuilt
        for doc, text in zip(docs, texts, strict=True):
            assert doccache.doc_text(doc) == text
    # A doc made after older ones died must not see their memo.
    for i in range(50):
        assert doccache.doc_text(nlp(f"Fresh text {i}")) == f"Fresh text {i}"
    doccache.forget()


def _brute_match(words: list[str], i: int, table: dict[str, Any]) -> tuple[str, int] | None:
    for parts, key in _phrases(table):
        if words[i : i + len(parts)] == parts:
            return key, len(parts)
    return None


def test_phrase_index_equals_scanning_every_phrase() -> None:
    lex = _lexicon()
    sentence = COUNTS.split()
    for name in ("approximators", "vague_counts", "units"):
        table = lex[name]
        for i in range(len(sentence) + 2):
            assert _match_phrase(sentence, i, table) == _brute_match(sentence, i, table)


def test_rule_index_lists_every_rule_of_a_word() -> None:
    tax = load_taxonomy()
    index = _rules_by_word(tax)
    for n, rule in enumerate(tax.rules):
        for word in rule.lemmas:
            assert n in index[word]
    assert sum(len(v) for v in index.values()) == sum(len(r.lemmas) for r in tax.rules)


def test_memoised_keys_are_the_plain_functions() -> None:
    for name in ("Jisr al-Shughur", "Deir ez-Zor", "Raqqah", "São Paulo", "the Gulf of Aden"):
        assert normalize(name) == normalize.__wrapped__(name)
        assert loose_key(normalize(name)) == loose_key.__wrapped__(normalize(name))
