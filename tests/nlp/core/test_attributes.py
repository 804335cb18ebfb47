"""The table-driven attribute ruler gives exactly spaCy's annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crosswire.nlp.core.attributes import table_ruler_for, use_table_ruler
from crosswire.nlp.core.model import load_nlp
from crosswire.nlp.entities.pipeline import build_nlp

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _texts(demo_dir: Path) -> list[str]:
    texts = [(FIXTURES / "nlp" / "speech.txt").read_text(encoding="utf-8")]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted(demo_dir.iterdir()) if p.suffix == ".txt"
    ]
    # Every small plain-text fixture of the suite: news prose of many kinds.
    texts += [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(FIXTURES.rglob("*.txt"))
        if p.stat().st_size < 40_000
    ]
    return texts


def _annotations(doc: Any) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_table_ruler_matches_spacy_token_for_token(demo_dir: Path) -> None:
    nlp = load_nlp()
    spacy_ruler = nlp.get_pipe("attribute_ruler")
    table = table_ruler_for(spacy_ruler)
    assert table is not None
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe(_texts(demo_dir)))
    tokens = 0
    for doc in docs:
        expected, got = spacy_ruler(doc.copy()), table(doc.copy())
        assert _annotations(got) == _annotations(expected)
        tokens += len(doc)
    assert tokens > 5000
    # The fixture exercises multi-token rules ("let 's", "gon na") and DEP rules.
    speech = table(docs[0].copy())
    assert {t.lemma_ for t in speech if t.lower_ in ("gon", "'s")} >= {"go", "us"}
    assert any(t.pos_ == "AUX" and t.dep_ in ("aux", "auxpass") for t in speech)


def test_unsupported_patterns_keep_spacys_ruler() -> None:
    class Ruler:
        patterns = [
            {"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}, "index": 0}
        ]

    assert table_ruler_for(Ruler()) is None
    Ruler.patterns = [{"patterns": [[{"SHAPE": "dd"}]], "attrs": {"POS": "NUM"}, "index": 0}]
    assert table_ruler_for(Ruler()) is None


def test_analysis_pipeline_uses_the_table() -> None:
    nlp = build_nlp()
    assert "attribute_table" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    assert nlp.pipe_names.index("attribute_table") < nlp.pipe_names.index("lemmatizer")
    doc = nlp("He said he wasn't there.")
    assert [t.pos_ for t in doc][:2] == ["PRON", "VERB"]
    assert [t.lemma_ for t in doc if t.lower_ == "was"] == ["be"]


def test_swap_is_a_no_op_without_an_attribute_ruler() -> None:
    import spacy

    assert use_table_ruler(spacy.blank("en")) is False
