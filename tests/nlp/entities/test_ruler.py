"""Word patterns matched by phrase give the same entities as spaCy's token matcher."""

from __future__ import annotations

import importlib
from pathlib import Path

from crosswire.nlp.core.model import MODEL_PACKAGE
from crosswire.nlp.entities.lexicon import load_lexicon, ruler_patterns
from crosswire.nlp.entities.ruler import match_words_by_phrase

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_phrase_matching_keeps_the_rulers_entities(demo_dir: Path) -> None:
    nlp = importlib.import_module(MODEL_PACKAGE).load()
    config = {"overwrite_ents": True}
    plain = nlp.add_pipe("entity_ruler", name="plain", before="ner", config=config)
    fast = nlp.add_pipe("entity_ruler", name="fast", before="ner", config=config)
    for ruler in (plain, fast):
        ruler.add_patterns(ruler_patterns(load_lexicon()))
    moved = match_words_by_phrase(nlp, fast)
    assert moved >= 90  # nearly all token patterns are plain word sequences
    texts = [(FIXTURES / "nlp" / "speech.txt").read_text(encoding="utf-8")]
    texts += [(FIXTURES / "entities" / "talks.txt").read_text(encoding="utf-8")]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted(demo_dir.iterdir()) if p.suffix == ".txt"
    ]
    before = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(texts))
    ner = nlp.get_pipe("ner")
    total = 0
    for doc in docs:
        a, b = ner(plain(doc.copy())), ner(fast(doc.copy()))
        ents_a = [(e.start, e.end, e.label_, e.ent_id_) for e in a.ents]
        assert ents_a == [(e.start, e.end, e.label_, e.ent_id_) for e in b.ents]
        total += len(ents_a)
    assert total > 50
    # Lowercase word patterns, the regex platform pattern and case-sensitive names all fire.
    speech = fast(docs[0].copy())
    labels = {(e.text, e.label_) for e in speech.ents}
    assert {("fighter jets", "PLATFORM"), ("warplanes", "PLATFORM")} <= labels
    assert any(label == "PLATFORM" and text.startswith("Su-24") for text, label in labels)
