"""A part of a corpus grouped with the whole corpus' term counts
(crosswire.fusion.story_terms) gets the vectors, blocking and stories a grouping
of the whole gives it: what an incremental picture refresh relies on."""

from __future__ import annotations

from typing import Any

import numpy as np

from crosswire.fusion import embed
from crosswire.fusion.stories import story_records
from crosswire.fusion.story_pairs import pair_sims
from crosswire.fusion.story_terms import article_terms, corpus_stats


def _rows(texts: list[str], stats: embed.TermStats | None = None) -> list[dict[str, float]]:
    m, vocab = embed.tfidf([embed.tokens(t) for t in texts], stats)
    return [
        {vocab[j]: float(v) for j, v in zip(m[i].indices, m[i].data, strict=True)}
        for i in range(m.shape[0])
    ]


def _close(a: dict[str, float], b: dict[str, float]) -> bool:
    return a.keys() == b.keys() and all(np.isclose(a[k], b[k], rtol=0, atol=1e-12) for k in a)


def test_a_part_is_weighted_as_in_the_whole(articles: list[dict[str, Any]]) -> None:
    texts = [f"{a['title']} {a['text']}" for a in articles]
    whole = _rows(texts)
    stats = corpus_stats([{"title": "", "text": t} for t in texts]).terms
    part = [0, 3, 8, 10]
    alone = _rows([texts[i] for i in part])
    weighted = _rows([texts[i] for i in part], stats)
    assert all(_close(w, whole[i]) for w, i in zip(weighted, part, strict=True))
    # The part's own counts weight it otherwise ("Kessar" is in one of its four).
    assert not all(_close(a, whole[i]) for a, i in zip(alone, part, strict=True))


def test_article_terms_count_each_term_once(articles: list[dict[str, Any]]) -> None:
    analysis = {"entities": [{"id": "entity:kessar", "mentions": [[0, 6], [40, 46]]}]}
    terms, entities = article_terms(articles[3], analysis)
    assert "kessar" in terms and "terrorist" in terms  # folded plural
    assert entities == {"entity:kessar"}
    stats = corpus_stats(articles, {articles[3]["id"]: analysis})
    assert stats.terms.n == len(articles) and stats.terms.df["kessar"] == 5
    assert stats.entities.df == {"entity:kessar": 1}


def test_the_pair_path_is_the_whole_corpus(cfg: dict[str, Any]) -> None:
    cfg["full_pairs_limit"] = 10
    light = embed.tfidf([["flood", "dam"], ["flood", "dam"], ["vote"]])[0]
    assert pair_sims(light, light, [None] * 3, cfg, 0.1)[3]["path"] == "all"
    got = pair_sims(light, light, [None] * 3, cfg, 0.1, corpus_n=11, df=np.array([2, 2, 1]))
    assert got[3]["path"] == "blocked"


def test_a_part_groups_as_in_the_whole(articles: list[dict[str, Any]], cfg: dict[str, Any]) -> None:
    # The whole (11 articles) takes the blocked path, the part (8) alone would
    # score every pair; only a term of exactly two articles is a blocking term.
    cfg["full_pairs_limit"] = 9
    cfg["block_max_df"] = 2
    whole = [s.to_json() for s in story_records(articles)]
    assert sorted(len(s["articles"]) for s in whole) == [1, 1, 1, 1, 2, 2, 3]
    # The part: every story but the dam's (a refresh re-groups whole stories).
    part = [a for a in articles if not a["id"].startswith("dam")]
    want = [s for s in whole if not s["articles"][0].startswith("dam")]
    got = [s.to_json() for s in story_records(part, corpus=corpus_stats(articles))]
    assert got == want
    # Alone, the part's Kessar reports all pair up and make one story of five.
    alone = [s.to_json() for s in story_records(part)]
    assert sorted(len(s["articles"]) for s in alone) == [1, 2, 5]
