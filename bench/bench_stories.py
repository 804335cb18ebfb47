"""Benchmark story grouping (crosswire.fusion.stories.group_stories) at scale.

Usage: python bench/bench_stories.py [--sizes 1000 10000 100000]
                                     [--variants same spread] [--timeout 900]

Articles recombine paragraphs of the extraction benchmark's bodies
(bench_corpus.synthetic_articles: 3-8 paragraphs from a pool of ~2,000), so
every article shares paragraphs with many others: the worst case for
candidate pairs. Each record gets an outlet, no wire family, and an empty
analysis (``{"entities": []}``) as ``export_object`` passes. Two variants:

* ``same``: every article published on the same day (the date window cannot
  help);
* ``spread``: publication days spread evenly over 30 days.

Every (size, variant) runs in its own child process, so its peak RSS
(``ru_maxrss``) is its own and a run that exceeds ``--timeout`` seconds is
killed and recorded as ``timeout``. Recorded per case: wall and CPU seconds
of ``group_stories`` alone, peak RSS of the child (the article texts
included) and its RSS just before grouping, stories found, and the candidate
pair statistics that group_stories logs (pairs per article). Rows are printed
as JSON and written to bench/results/stories-<time>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import subprocess
import sys
import time
from typing import Any

from bench_corpus import RESULTS, current_rss_mib, peak_rss_mib, synthetic_articles

Record = dict[str, Any]
BASE_DAY = dt.date(2031, 3, 1)
SPREAD_DAYS = 30


class _PairStats(logging.Handler):
    """Keeps the ``pair_stats`` extra that group_stories attaches to its log record."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.stats: Record | None = None

    def emit(self, record: logging.LogRecord) -> None:
        stats = getattr(record, "pair_stats", None)
        if isinstance(stats, dict):
            self.stats = stats


def build(n: int, variant: str) -> tuple[list[Record], dict[str, Record]]:
    """``n`` article records and their (empty) analyses."""
    articles = []
    for i, (title, text) in enumerate(synthetic_articles(n)):
        offset = i % SPREAD_DAYS if variant == "spread" else 0
        articles.append(
            {
                "id": f"a{i:06d}",
                "title": title,
                "text": text,
                "published": (BASE_DAY + dt.timedelta(days=offset)).isoformat(),
                "outlet": f"Outlet {i % 50}",
                "family": None,
            }
        )
    return articles, {a["id"]: {"entities": []} for a in articles}


def run_one(n: int, variant: str) -> Record:
    """Time group_stories on one synthetic corpus in this process."""
    from crosswire.fusion.stories import group_stories

    articles, analyses = build(n, variant)
    handler = _PairStats()
    logger = logging.getLogger("crosswire.fusion.stories")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    rss_before = current_rss_mib()
    wall, cpu = time.perf_counter(), time.process_time()
    stories = group_stories(articles, analyses)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "size": n,
        "variant": variant,
        "status": "ok",
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "rss_before_mib": round(rss_before, 1),
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "stories": len(stories),
        "largest_story": max((len(s["articles"]) for s in stories), default=0),
        "pairs": handler.stats,
    }


def run_child(n: int, variant: str, timeout: float) -> Record:
    """Run one case in a child process; a case over ``timeout`` seconds is killed."""
    cmd = [sys.executable, __file__, "--one", str(n), "--variant", variant]
    started = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {
            "size": n,
            "variant": variant,
            "status": "timeout",
            "timeout_s": timeout,
            "note": f"killed after {timeout:.0f} s (whole child: corpus build + grouping)",
        }
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode != 0 or not lines:
        return {
            "size": n,
            "variant": variant,
            "status": "failed",
            "returncode": done.returncode,
            "stderr": done.stderr[-2000:],
            "child_s": round(time.perf_counter() - started, 1),
        }
    row: Record = json.loads(lines[-1])
    return row


def main() -> None:
    """Run every (size, variant) and write bench/results/stories-<time>.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--variants", nargs="+", default=["same", "spread"])
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--label", default="", help="free text stored with the results")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--variant", default="same", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.variant)))  # noqa: T201 - bench output
        return
    rows = []
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"stories-{stamp}.json"
    RESULTS.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        for variant in args.variants:
            row = run_child(n, variant, args.timeout)
            print(json.dumps(row), flush=True)  # noqa: T201 - bench output
            rows.append(row)
            out.write_text(
                json.dumps({"label": args.label, "rows": rows}, indent=1), encoding="utf-8"
            )
    print(f"wrote {out}")  # noqa: T201 - bench output


if __name__ == "__main__":
    main()
