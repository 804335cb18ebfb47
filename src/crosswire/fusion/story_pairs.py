"""Candidate article pairs for story grouping, with their cosines.

Small corpora (up to ``full_pairs_limit`` articles) score every pair with one
sparse product. Larger ones use blocking whose cost and memory grow with the
corpus, not its square (numbers in ``data/stories.json``, rules in
docs/stories.md):

1. Each article's blocking terms are its ``block_top_terms`` heaviest terms
   that occur in 2..``block_max_df`` articles.
2. Articles are taken in chunks of rows; for each chunk one sparse product
   with the term postings counts, per partner, the blocking terms shared.
   A chunk holds at most ``block_chunk_entries`` partner entries, so memory
   is bounded whatever the corpus size (the full n x n product is never
   built).
3. A partner counts only if it shares at least ``block_min_shared`` terms
   and, when both are dated, was published at most ``window_days`` apart
   (pairs outside the window could never become edges).
4. Each article keeps its ``block_max_partners`` best partners: most shared
   terms first, then the heavier shared terms. A pair is a candidate when
   either side kept the other, so there are at most n x
   ``block_max_partners`` candidates.
5. Cosines are computed for the candidates only, in chunks.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy import sparse  # type: ignore[import-untyped,unused-ignore]

log = logging.getLogger(__name__)

__all__ = ["blocked_pairs", "pair_sims"]

_NO_DAY = np.iinfo(np.int64).min
_COSINE_STEP = 20_000


def _top_terms(
    light: sparse.csr_matrix, cfg: Mapping[str, Any], df: np.ndarray | None = None
) -> sparse.csr_matrix:
    """Article x term matrix of each article's blocking terms (heaviest rare terms).

    The values encode, for the product below, both the shared-term count and
    the terms' weights: ``1 + w / (4 * top)``. Over ``s <= top`` shared terms
    the product sums to ``s + sum(w_a + w_b) / (4 * top) + tiny``, whose
    integer part is ``s`` (the weight part stays below 0.5) and whose fraction
    ranks partners with the same count by how heavy the shared terms are.
    ``df``: each column's document frequency in the whole corpus (default: in
    ``light``'s rows), so a part of a corpus blocks on the terms the whole does.
    """
    n = light.shape[0]
    top = int(cfg["block_top_terms"])
    own = np.bincount(light.indices, minlength=light.shape[1])
    df = own if df is None else np.maximum(own, df)
    rows = np.repeat(np.arange(n), np.diff(light.indptr))
    cols, vals = light.indices, light.data
    ok = (df[cols] > 1) & (df[cols] <= int(cfg["block_max_df"]))
    rows, cols, vals = rows[ok], cols[ok], vals[ok]
    # Heaviest first within each row, ties by column: deterministic.
    order = np.lexsort((cols, -vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    starts = np.searchsorted(rows, rows, side="left")
    keep = (np.arange(len(rows)) - starts) < top
    data = 1.0 + vals[keep] / (4.0 * top)
    return sparse.csr_matrix((data, (rows[keep], cols[keep])), shape=light.shape)


def _day_numbers(days: Sequence[Any]) -> np.ndarray:
    """Publication days as ordinals (``_NO_DAY`` when unknown)."""
    return np.array([d.toordinal() if d is not None else _NO_DAY for d in days], dtype=np.int64)


def _best_partners(
    chunk: sparse.csr_matrix, lo: int, day: np.ndarray, cfg: Mapping[str, Any]
) -> tuple[np.ndarray, np.ndarray]:
    """(article, partner) pairs each article of a chunk keeps (rows offset by ``lo``)."""
    c = chunk.tocoo()
    rows, cols, score = c.row.astype(np.int64) + lo, c.col.astype(np.int64), c.data
    keep = (rows != cols) & (np.floor(score) >= int(cfg["block_min_shared"]))
    rows, cols, score = rows[keep], cols[keep], score[keep]
    di, dj = day[rows], day[cols]
    window = int(cfg["window_days"])
    dated = (di != _NO_DAY) & (dj != _NO_DAY)
    near = ~dated | (np.abs(di - dj) <= window)
    rows, cols, score = rows[near], cols[near], score[near]
    # Best partners first within each row, ties by partner index: deterministic.
    order = np.lexsort((cols, -score, rows))
    rows, cols = rows[order], cols[order]
    starts = np.searchsorted(rows, rows, side="left")
    kept = (np.arange(len(rows)) - starts) < int(cfg["block_max_partners"])
    return rows[kept], cols[kept]


def blocked_pairs(
    light: sparse.csr_matrix,
    days: Sequence[Any],
    cfg: Mapping[str, Any],
    df: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (rows < cols, unique, sorted) by bounded blocking (module doc);
    ``df`` as for the blocking terms (:func:`_top_terms`)."""
    n = light.shape[0]
    b = _top_terms(light, cfg, df)
    postings = sparse.csr_matrix(b.T)
    day = _day_numbers(days)
    # Entries per row are at most top terms x max df; size chunks to the budget.
    per_row = max(1, int(cfg["block_top_terms"]) * int(cfg["block_max_df"]))
    step = max(1, int(cfg["block_chunk_entries"]) // per_row)
    keys: list[np.ndarray] = []
    for lo in range(0, n, step):
        rows, cols = _best_partners(b[lo : lo + step] @ postings, lo, day, cfg)
        keys.append(np.minimum(rows, cols) * n + np.maximum(rows, cols))
    if not keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    unique = np.unique(np.concatenate(keys))
    return unique // n, unique % n


def pair_sims(
    x: sparse.csr_matrix,
    light: sparse.csr_matrix,
    days: Sequence[Any],
    cfg: Mapping[str, Any],
    edge: float,
    *,
    df: np.ndarray | None = None,
    corpus_n: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
    """(cosines, rows, cols, stats) of candidate pairs i < j whose cosine reaches ``edge``.

    ``stats`` says which path ran and how many candidates it scored, in total
    and per article (for benchmarks and logs). ``corpus_n`` and ``df``: the
    rows are part of a corpus of ``corpus_n`` articles with these document
    frequencies per column; the path (all pairs or blocking) and the blocking
    terms are the whole corpus', so a part is paired as it is in the whole.
    """
    n = x.shape[0]
    if max(n, corpus_n) <= int(cfg["full_pairs_limit"]):
        sims = sparse.csr_matrix(sparse.triu(x @ x.T, k=1)).tocoo()
        keep = sims.data >= edge
        stats = _stats("all", n, n * (n - 1) // 2, None, None)
        return sims.data[keep], sims.row[keep], sims.col[keep], stats
    rows_all, cols_all = blocked_pairs(light, days, cfg, df)
    degree = np.bincount(np.concatenate([rows_all, cols_all]), minlength=n)
    stats = _stats("blocked", n, len(rows_all), float(degree.mean()), int(degree.max(initial=0)))
    out_s, out_r, out_c = [np.zeros(0)], [np.zeros(0, dtype=np.int64)], [np.zeros(0, np.int64)]
    for k in range(0, len(rows_all), _COSINE_STEP):
        r, c = rows_all[k : k + _COSINE_STEP], cols_all[k : k + _COSINE_STEP]
        vals = np.asarray(x[r].multiply(x[c]).sum(axis=1)).ravel()
        keep = vals >= edge
        out_s.append(vals[keep])
        out_r.append(r[keep])
        out_c.append(c[keep])
    return np.concatenate(out_s), np.concatenate(out_r), np.concatenate(out_c), stats


def _stats(
    path: str, n: int, candidates: int, mean: float | None, most: int | None
) -> dict[str, Any]:
    return {
        "path": path,
        "articles": n,
        "candidates": candidates,
        # Each pair counts for both its articles.
        "pairs_per_article_mean": round(mean if mean is not None else max(n - 1, 0), 2),
        "pairs_per_article_max": most if most is not None else max(n - 1, 0),
    }
