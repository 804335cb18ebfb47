"""trafilatura's English evaluation set (``evaldata_en.json``), scored by snippets.

Per page, "with" snippets must be in the extracted text, "without" snippets must
not. Matching is whitespace-normalised substring search, counts are pooled over
all pages, and precision/recall/accuracy/F-score follow trafilatura's
``tests/eval_common.py``. Title, author and date are compared with the gold
where the gold has them.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.clean.html import ExtractedPage, extract_html
from crosswire.evaluate.extraction.common import (
    DEFAULT_EVAL_ROOT,
    RECALL_GAP,
    TRAF_DIR,
    PageRecall,
    bare_text,
    select_keys,
)

logger = logging.getLogger(__name__)

_WS_RE = re.compile(r"\s+")
_ISO_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class SnippetScores:
    """Pooled confusion counts over with/without snippets, as trafilatura scores them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, item: dict[str, Any], text: str) -> None:
        """Count one page's snippets against its extracted text."""
        norm = _norm(text)
        hits = sum(1 for w in item["with"] if _norm(w) in norm)
        leaks = sum(1 for w in item["without"] if _norm(w) in norm)
        self.tp += hits
        self.fn += len(item["with"]) - hits
        self.fp += leaks
        self.tn += len(item["without"]) - leaks

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def accuracy(self) -> float:
        """(tp + tn) / all."""
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    @property
    def f1(self) -> float:
        """2tp / (2tp + fp + fn)."""
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else 0.0

    def summary(self) -> dict[str, float]:
        """Rounded scores for reports."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "accuracy": round(self.accuracy, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class FieldMatch:
    """Exact matches of one metadata field over the pages whose gold has it."""

    correct: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        """correct / total (0 when no gold)."""
        return self.correct / self.total if self.total else 0.0


@dataclass
class TrafilaturaEvalResult:
    """Snippet scores plus metadata and comment-routing checks."""

    pages: int = 0
    ours: SnippetScores = field(default_factory=SnippetScores)
    bare: SnippetScores | None = None
    title: FieldMatch = field(default_factory=FieldMatch)
    author: FieldMatch = field(default_factory=FieldMatch)
    date_first: FieldMatch = field(default_factory=FieldMatch)
    date_any: FieldMatch = field(default_factory=FieldMatch)
    # Gold comment snippets: kept out of the text, and recorded as "comments".
    comments_excluded: FieldMatch = field(default_factory=FieldMatch)
    comments_tagged: FieldMatch = field(default_factory=FieldMatch)
    # Pages where our share of "with" snippets found trails bare trafilatura's.
    below_bare: list[PageRecall] = field(default_factory=list)


def _norm(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


def _gold(value: Any) -> str:
    """Gold metadata as one string; lists of authors are joined as trafilatura does."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value or "")


def _iso_days(page: ExtractedPage) -> list[str]:
    return [c.value[:10] for c in page.dates if _ISO_DAY_RE.match(c.value)]


def _score_metadata(
    result: TrafilaturaEvalResult, item: dict[str, Any], page: ExtractedPage
) -> None:
    if title := _norm(_gold(item.get("title"))):
        result.title.total += 1
        result.title.correct += _norm(page.title or "") == title
    if author := _norm(_gold(item.get("author"))).lower():
        result.author.total += 1
        result.author.correct += _norm(page.author or "").lower() == author
    if date := _gold(item.get("date")).strip():
        days = _iso_days(page)
        result.date_first.total += 1
        result.date_any.total += 1
        result.date_first.correct += bool(days) and days[0] == date
        result.date_any.correct += date in days
    if item.get("comments"):
        text = _norm(page.text)
        tagged = " ".join(_norm(r.text) for r in page.removed if r.reason == "comments")
        for chunk in map(_norm, item["comments"]):
            result.comments_excluded.total += 1
            result.comments_excluded.correct += chunk not in text
            result.comments_tagged.total += 1
            result.comments_tagged.correct += chunk in tagged


def evaluate_trafilatura_eval(
    root: Path | None = None,
    sample: int | None = None,
    compare_bare: bool = True,
    split: str = "all",
) -> TrafilaturaEvalResult:
    """Score extraction on trafilatura's English evaluation pages (all, one half, or a subset)."""
    base = (root or DEFAULT_EVAL_ROOT) / TRAF_DIR
    data: dict[str, dict[str, Any]] = json.loads(
        (base / "evaldata_en.json").read_text(encoding="utf-8")
    )
    result = TrafilaturaEvalResult(bare=SnippetScores() if compare_bare else None)
    for url in select_keys(list(data), sample, split):
        item = data[url]
        path = base / "html" / f"{item['file']}.gz"
        if not path.exists():
            logger.warning("E341 missing eval page %s", path.name)
            continue
        raw = gzip.decompress(path.read_bytes())
        page = extract_html(raw)
        result.pages += 1
        result.ours.add(item, page.text)
        _score_metadata(result, item, page)
        if result.bare is not None:
            mine, theirs = SnippetScores(), SnippetScores()
            mine.add(item, page.text)
            theirs.add(item, bare_text(raw))
            result.bare.tp += theirs.tp
            result.bare.fp += theirs.fp
            result.bare.fn += theirs.fn
            result.bare.tn += theirs.tn
            if item["with"] and mine.recall < theirs.recall - RECALL_GAP:
                result.below_bare.append(
                    PageRecall(
                        str(item["file"]),
                        round(mine.recall, 4),
                        round(theirs.recall, 4),
                        round(mine.precision, 4),
                        round(theirs.precision, 4),
                    )
                )
    return result
