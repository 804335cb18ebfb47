"""The streaming TF-IDF builds exactly the matrix of the plain one-entry-at-a-time version."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from scipy import sparse  # type: ignore[import-untyped,unused-ignore]

from crosswire.fusion import embed


def plain_tfidf(docs: Sequence[Sequence[str]]) -> tuple[Any, list[str]]:
    """The former implementation: Python lists of every entry, a Counter per document."""
    vocab: dict[str, int] = {}
    counts = [Counter(d) for d in docs]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(docs)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, c in enumerate(counts):
        for term, tf in c.items():
            j = vocab.setdefault(term, len(vocab))
            rows.append(i)
            cols.append(j)
            vals.append((1.0 + math.log(tf)) * (math.log((1 + n) / (1 + df[term])) + 1.0))
    m = sparse.csr_matrix(
        (np.asarray(vals, dtype=np.float64), (rows, cols)), shape=(n, max(len(vocab), 1))
    )
    return embed.normalise(m), list(vocab)


def corpus(n: int, seed: int = 11) -> list[list[str]]:
    """Token lists with repeated terms (tf up to ~6) and a long-tailed vocabulary."""
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(400)]
    weights = [1.0 / (i + 1) for i in range(400)]
    docs = [embed.tokens(t) for t in ("Strikes hit Idlib's markets; strikes resumed.", "")]
    docs += [rng.choices(words, weights, k=rng.randint(0, 40)) for _ in range(n)]
    return docs


def assert_same(a: Any, b: Any) -> None:
    assert a.shape == b.shape
    for attr in ("data", "indices", "indptr"):
        x, y = getattr(a, attr), getattr(b, attr)
        assert x.dtype == y.dtype
        assert np.array_equal(x, y)  # bit for bit: no tolerance


@pytest.mark.parametrize("n", [0, 1, 3, 250])
def test_streaming_tfidf_equals_the_plain_one(n: int) -> None:
    docs = corpus(n)
    want, want_vocab = plain_tfidf(docs)
    got, vocab = embed.tfidf(iter(docs))  # a one-pass iterator is enough
    assert vocab == want_vocab
    assert_same(got, want)


@pytest.mark.parametrize("docs", [[], [[]], [[], []], [["solo"]], [["a", "a"], ["a"]]])
def test_edge_cases(docs: list[list[str]]) -> None:
    want, want_vocab = plain_tfidf(docs)
    got, vocab = embed.tfidf(docs)
    assert vocab == want_vocab
    assert_same(got, want)


def test_embed_light_uses_the_same_matrix() -> None:
    texts = ["Shelling hit Homs overnight.", "Homs was shelled again", "Talks in Geneva"]
    assert_same(embed.embed(texts), plain_tfidf([embed.tokens(t) for t in texts])[0])
