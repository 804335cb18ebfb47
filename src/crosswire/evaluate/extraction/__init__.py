"""Evaluation of HTML main-text extraction against two public benchmarks.

* :mod:`.shingles` -- the article-extraction-benchmark (181 news pages, gold
  ``articleBody``, 4-token shingle precision/recall per page);
* :mod:`.snippets` -- trafilatura's English evaluation pages ("with"/"without"
  snippets, pooled counts, plus title/author/date and comment routing);
* :mod:`.cli` -- ``crosswire evaluate extraction``.

Both runs also score bare ``trafilatura.extract`` (``include_comments=False``,
otherwise defaults) on the same pages, so our settings are judged against the
library's own baseline in the same run, page by page.
"""

from __future__ import annotations

from crosswire.evaluate.extraction.cli import main
from crosswire.evaluate.extraction.common import (
    DEFAULT_EVAL_ROOT,
    RECALL_GAP,
    PageRecall,
    bare_text,
    ours_text,
    select_keys,
)
from crosswire.evaluate.extraction.shingles import (
    ArticleBenchmarkResult,
    PageScore,
    ShingleScores,
    aggregate_shingles,
    evaluate_article_benchmark,
    shingle_counts,
    tokenize,
)
from crosswire.evaluate.extraction.snippets import (
    FieldMatch,
    SnippetScores,
    TrafilaturaEvalResult,
    evaluate_trafilatura_eval,
)

__all__ = [
    "DEFAULT_EVAL_ROOT",
    "RECALL_GAP",
    "ArticleBenchmarkResult",
    "FieldMatch",
    "PageRecall",
    "PageScore",
    "ShingleScores",
    "SnippetScores",
    "TrafilaturaEvalResult",
    "aggregate_shingles",
    "bare_text",
    "evaluate_article_benchmark",
    "evaluate_trafilatura_eval",
    "main",
    "ours_text",
    "select_keys",
    "shingle_counts",
    "tokenize",
]
