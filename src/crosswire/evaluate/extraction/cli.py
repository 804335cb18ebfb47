"""``crosswire evaluate extraction``: run the benchmarks, print JSON scores.

``--split even|odd`` scores one half of each set (tune on even, report odd);
``--worst N`` lists the N article-extraction-benchmark pages with the lowest
precision on stderr, with bare trafilatura's figures beside them.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from crosswire.evaluate.extraction.common import DEFAULT_EVAL_ROOT, RECALL_GAP, SPLITS
from crosswire.evaluate.extraction.shingles import (
    ArticleBenchmarkResult,
    evaluate_article_benchmark,
)
from crosswire.evaluate.extraction.snippets import (
    TrafilaturaEvalResult,
    evaluate_trafilatura_eval,
)

logger = logging.getLogger(__name__)


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


def _write_worst(aeb: ArticleBenchmarkResult, count: int) -> None:
    worst = sorted(aeb.pages, key=lambda p: (p.precision, p.page))[:count]
    sys.stderr.write(f"aeb: {len(worst)} pages with the lowest precision (ours | bare)\n")
    for p in worst:
        bare = (
            f" | P {p.bare_precision:.3f} R {p.bare_recall:.3f}"
            if p.bare_precision is not None and p.bare_recall is not None
            else ""
        )
        sys.stderr.write(f"  {p.page}  P {p.precision:.3f} R {p.recall:.3f}{bare}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """``crosswire evaluate extraction``: run the benchmarks, print JSON scores."""
    parser = argparse.ArgumentParser(prog="crosswire evaluate extraction")
    parser.add_argument("--eval-root", type=Path, default=DEFAULT_EVAL_ROOT)
    parser.add_argument("--benchmark", choices=("all", "aeb", "trafilatura"), default="all")
    parser.add_argument("--sample", type=int, default=None, help="fixed subset size per set")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare trafilatura run")
    parser.add_argument("--output", type=Path, default=None, help="also write JSON here")
    parser.add_argument(
        "--split", choices=SPLITS, default="all", help="score all pages or one half of each set"
    )
    parser.add_argument(
        "--worst", type=int, default=0, help="list the N lowest-precision benchmark pages"
    )
    args = parser.parse_args(argv)
    if not args.eval_root.is_dir():
        logger.error("E342 eval data not found at %s", args.eval_root)
        return 2
    aeb = traf = None
    if args.benchmark in ("all", "aeb"):
        aeb = evaluate_article_benchmark(
            args.eval_root, args.sample, not args.no_bare, split=args.split
        )
    if args.benchmark in ("all", "trafilatura"):
        traf = evaluate_trafilatura_eval(
            args.eval_root, args.sample, not args.no_bare, split=args.split
        )
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
    if aeb is not None and args.worst > 0:
        _write_worst(aeb, args.worst)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    raise SystemExit(main())
