"""The article-extraction-benchmark (scrapinghub) and its shingle metric.

181 pages with a gold ``articleBody``. The metric is the benchmark's own: texts
are tokenised with ``\\w+``, turned into 4-token shingles, and per page TP/FP/FN
are counted over the shingle multisets and normalised to sum to 1 (so long
pages do not weigh more). Precision is the mean per-page precision over pages
with predictions, recall the mean per-page recall over pages with gold text, F1
the harmonic mean of those two means; accuracy is the share of pages whose token
lists are identical.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.evaluate.extraction.common import (
    AEB_DIR,
    DEFAULT_EVAL_ROOT,
    RECALL_GAP,
    PageRecall,
    TextExtractor,
    bare_text,
    ours_text,
    select_keys,
)

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class ShingleScores:
    """Aggregate scores as the article-extraction-benchmark reports them."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


@dataclass(frozen=True)
class PageScore:
    """Shingle precision/recall of one page, ours and (when run) bare trafilatura's."""

    page: str
    precision: float
    recall: float
    bare_precision: float | None = None
    bare_recall: float | None = None


@dataclass(frozen=True)
class ArticleBenchmarkResult:
    """Scores of crosswire's extractor and of bare trafilatura on the same pages."""

    ours: ShingleScores
    bare: ShingleScores | None
    below_bare: list[PageRecall] = field(default_factory=list)
    # Every scored page, in key order (for "show me the worst pages").
    pages: list[PageScore] = field(default_factory=list)


def tokenize(text: str) -> list[str]:
    """Tokenise like the benchmark: every ``\\w+`` run is a token."""
    return _TOKEN_RE.findall(text or "")


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = tokenize(text)
    # A text shorter than n tokens still yields one (short) shingle, as upstream.
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_counts(true: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    """Per-page (tp, fp, fn) over n-token shingles, normalised to sum to 1."""
    t, p = _shingles(true, n), _shingles(pred, n)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def aggregate_shingles(
    counts: Sequence[tuple[float, float, float]], accuracies: Sequence[float]
) -> ShingleScores:
    """Benchmark aggregate: mean per-page precision/recall, F1 of the means."""
    precs = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precs) if precs else 0.0
    recall = statistics.mean(recs) if recs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = statistics.mean(accuracies) if accuracies else 0.0
    return ShingleScores(precision, recall, f1, accuracy, len(counts))


def _score_pairs(pairs: Sequence[tuple[str, str]]) -> ShingleScores:
    counts = [shingle_counts(true, pred) for true, pred in pairs]
    accs = [float(tokenize(true) == tokenize(pred)) for true, pred in pairs]
    return aggregate_shingles(counts, accs)


def evaluate_article_benchmark(
    root: Path | None = None,
    sample: int | None = None,
    compare_bare: bool = True,
    extractor: TextExtractor = ours_text,
    split: str = "all",
) -> ArticleBenchmarkResult:
    """Score extraction on the article-extraction-benchmark (all, one half, or a fixed subset)."""
    base = (root or DEFAULT_EVAL_ROOT) / AEB_DIR
    truth: dict[str, dict[str, Any]] = json.loads(
        (base / "ground-truth.json").read_text(encoding="utf-8")
    )
    ours: list[tuple[str, str]] = []
    bare: list[tuple[str, str]] = []
    below: list[PageRecall] = []
    pages: list[PageScore] = []
    for key in select_keys(list(truth), sample, split):
        with gzip.open(base / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as fh:
            html = fh.read()
        gold = truth[key].get("articleBody") or ""
        ours.append((gold, extractor(html)))
        mine = shingle_counts(gold, ours[-1][1])
        page = PageScore(key, round(_precision(*mine), 4), round(_recall(*mine), 4))
        if compare_bare:
            bare.append((gold, bare_text(html)))
            theirs = shingle_counts(gold, bare[-1][1])
            page = PageScore(
                key,
                page.precision,
                page.recall,
                round(_precision(*theirs), 4),
                round(_recall(*theirs), 4),
            )
            if _recall(*mine) < _recall(*theirs) - RECALL_GAP:
                below.append(
                    PageRecall(
                        key,
                        page.recall,
                        page.bare_recall or 0.0,
                        page.precision,
                        page.bare_precision or 0.0,
                    )
                )
        pages.append(page)
    return ArticleBenchmarkResult(
        ours=_score_pairs(ours),
        bare=_score_pairs(bare) if compare_bare else None,
        below_bare=below,
        pages=pages,
    )
