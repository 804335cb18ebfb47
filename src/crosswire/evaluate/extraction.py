"""Evaluation of HTML main-text extraction against two public benchmarks.

1. **article-extraction-benchmark** (scrapinghub): 181 pages with a gold
   ``articleBody``. The metric is the benchmark's own: texts are tokenised with
   ``\\w+``, turned into 4-token shingles, and per page TP/FP/FN are counted over
   the shingle multisets and normalised to sum to 1 (so long pages do not weigh
   more). Precision is the mean per-page precision over pages with predictions,
   recall the mean per-page recall over pages with gold text, F1 the harmonic
   mean of those two means; accuracy is the share of pages whose token lists
   are identical.
2. **trafilatura-eval** (``evaldata_en.json``): per page, "with" snippets must be
   in the extracted text, "without" snippets must not. Matching is whitespace-
   normalised substring search, counts are pooled over all pages, and
   precision/recall/accuracy/F-score follow trafilatura's ``tests/eval_common.py``.
   Title, author and date are compared with the gold where the gold has them.

Both runs also score bare ``trafilatura.extract`` (``include_comments=False``,
otherwise defaults) on the same pages, so our settings are judged against the
library's own baseline in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import trafilatura

from crosswire.clean.html import ExtractedPage, extract_html

logger = logging.getLogger(__name__)

# /work/main/src/crosswire/evaluate/extraction.py -> parents[3] is the repo root.
DEFAULT_EVAL_ROOT = Path(__file__).resolve().parents[3] / ".." / "shared" / "eval"
AEB_DIR = "article-extraction-benchmark"
TRAF_DIR = "trafilatura-eval"

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
_WS_RE = re.compile(r"\s+")
_ISO_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")

TextExtractor = Callable[[str | bytes], str]


# --------------------------------------------------------------------------
# article-extraction-benchmark metric


@dataclass(frozen=True)
class ShingleScores:
    """Aggregate scores as the article-extraction-benchmark reports them."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


@dataclass(frozen=True)
class PageRecall:
    """One page where crosswire's recall trails bare trafilatura's."""

    page: str
    ours_recall: float
    bare_recall: float
    ours_precision: float
    bare_precision: float


# A page is listed when crosswire's recall is below bare trafilatura's by more
# than this (issue 14: "never worse than trafilatura").
RECALL_GAP = 0.1


@dataclass(frozen=True)
class ArticleBenchmarkResult:
    """Scores of crosswire's extractor and of bare trafilatura on the same pages."""

    ours: ShingleScores
    bare: ShingleScores | None
    below_bare: list[PageRecall] = field(default_factory=list)


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


def _sample(keys: Sequence[str], sample: int | None) -> list[str]:
    """A fixed, evenly spaced subset of the sorted keys (all when sample is None)."""
    ordered = sorted(keys)
    if sample is None or sample >= len(ordered):
        return ordered
    step = len(ordered) / sample
    return [ordered[int(i * step)] for i in range(sample)]


def ours_text(html: str | bytes) -> str:
    """Main text as crosswire extracts it."""
    return extract_html(html).text


def bare_text(html: str | bytes) -> str:
    """Main text from bare ``trafilatura.extract`` (comments off, defaults otherwise)."""
    try:
        return trafilatura.extract(html, include_comments=False) or ""
    except Exception as exc:  # a crash counts as an empty extraction
        logger.warning("E340 bare trafilatura failed: %s", exc)
        return ""


def evaluate_article_benchmark(
    root: Path | None = None,
    sample: int | None = None,
    compare_bare: bool = True,
    extractor: TextExtractor = ours_text,
) -> ArticleBenchmarkResult:
    """Score extraction on the article-extraction-benchmark (all or a fixed subset)."""
    base = (root or DEFAULT_EVAL_ROOT) / AEB_DIR
    truth: dict[str, dict[str, Any]] = json.loads(
        (base / "ground-truth.json").read_text(encoding="utf-8")
    )
    ours: list[tuple[str, str]] = []
    bare: list[tuple[str, str]] = []
    below: list[PageRecall] = []
    for key in _sample(list(truth), sample):
        with gzip.open(base / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as fh:
            html = fh.read()
        gold = truth[key].get("articleBody") or ""
        ours.append((gold, extractor(html)))
        if compare_bare:
            bare.append((gold, bare_text(html)))
            mine, theirs = shingle_counts(gold, ours[-1][1]), shingle_counts(gold, bare[-1][1])
            if _recall(*mine) < _recall(*theirs) - RECALL_GAP:
                below.append(
                    PageRecall(
                        key,
                        round(_recall(*mine), 4),
                        round(_recall(*theirs), 4),
                        round(_precision(*mine), 4),
                        round(_precision(*theirs), 4),
                    )
                )
    return ArticleBenchmarkResult(
        ours=_score_pairs(ours), bare=_score_pairs(bare) if compare_bare else None, below_bare=below
    )


# --------------------------------------------------------------------------
# trafilatura evaluation set


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
    root: Path | None = None, sample: int | None = None, compare_bare: bool = True
) -> TrafilaturaEvalResult:
    """Score extraction on trafilatura's English evaluation pages (all or a fixed subset)."""
    base = (root or DEFAULT_EVAL_ROOT) / TRAF_DIR
    data: dict[str, dict[str, Any]] = json.loads(
        (base / "evaldata_en.json").read_text(encoding="utf-8")
    )
    result = TrafilaturaEvalResult(bare=SnippetScores() if compare_bare else None)
    for url in _sample(list(data), sample):
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


# --------------------------------------------------------------------------
# command line


def _report(
    aeb: ArticleBenchmarkResult | None, traf: TrafilaturaEvalResult | None
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if aeb is not None:
        out["article_extraction_benchmark"] = {
            "ours": asdict(aeb.ours),
            "bare_trafilatura": asdict(aeb.bare) if aeb.bare else None,
            "pages_recall_below_bare": [asdict(p) for p in aeb.below_bare],
        }
    if traf is not None:
        out["trafilatura_eval"] = {
            "pages": traf.pages,
            "ours": traf.ours.summary(),
            "bare_trafilatura": traf.bare.summary() if traf.bare else None,
            "pages_recall_below_bare": [asdict(p) for p in traf.below_bare],
            **{
                name: {"correct": m.correct, "total": m.total, "rate": round(m.rate, 4)}
                for name, m in (
                    ("title", traf.title),
                    ("author", traf.author),
                    ("date_first", traf.date_first),
                    ("date_any", traf.date_any),
                    ("comments_excluded", traf.comments_excluded),
                    ("comments_tagged", traf.comments_tagged),
                )
            },
        }
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """``crosswire evaluate extraction``: run the benchmarks, print JSON scores."""
    parser = argparse.ArgumentParser(prog="crosswire evaluate extraction")
    parser.add_argument("--eval-root", type=Path, default=DEFAULT_EVAL_ROOT)
    parser.add_argument("--benchmark", choices=("all", "aeb", "trafilatura"), default="all")
    parser.add_argument("--sample", type=int, default=None, help="fixed subset size per set")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare trafilatura run")
    parser.add_argument("--output", type=Path, default=None, help="also write JSON here")
    args = parser.parse_args(argv)
    if not args.eval_root.is_dir():
        logger.error("E342 eval data not found at %s", args.eval_root)
        return 2
    aeb = traf = None
    if args.benchmark in ("all", "aeb"):
        aeb = evaluate_article_benchmark(args.eval_root, args.sample, not args.no_bare)
    if args.benchmark in ("all", "trafilatura"):
        traf = evaluate_trafilatura_eval(args.eval_root, args.sample, not args.no_bare)
    text = json.dumps(_report(aeb, traf), indent=2)
    sys.stdout.write(text + "\n")
    for name, below in (
        ("aeb", aeb.below_bare if aeb else None),
        ("trafilatura", traf.below_bare if traf else None),
    ):
        if below is None or args.no_bare:
            continue
        sys.stderr.write(
            f"{name}: {len(below)} pages with recall below bare trafilatura by > {RECALL_GAP}\n"
        )
        for p in below:
            sys.stderr.write(f"  {p.page}  recall {p.ours_recall:.3f} vs {p.bare_recall:.3f}\n")
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    raise SystemExit(main())
