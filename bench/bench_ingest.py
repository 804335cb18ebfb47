"""Benchmark HTML ingest throughput: crosswire's extract_html against bare trafilatura.

Usage: python bench/bench_ingest.py [--repeats 3] [--pages N] [--eval-root PATH]

On the article-extraction-benchmark pages (181 real news pages, gzipped HTML,
decompressed up front so only extraction is timed) the script times, per repeat:

* ``bare``: ``trafilatura.extract(html, include_comments=False)``;
* ``extract``: ``crosswire.clean.html.extract_html`` (trafilatura plus our own
  metadata, date and removed-block passes);
* ``ingest``: ``extract_html`` followed by ``crosswire.clean.normalize.normalize``
  on the text, when that module is importable (it is imported lazily).

The variants are interleaved page by page within a repeat, so machine noise
hits all of them alike. It reports pages/s as the median over repeats and the
ratio to bare trafilatura, and writes JSON to bench/results/ingest-<time>.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from crosswire.clean.html import TRAFILATURA_OPTIONS, extract_html

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_EVAL_ROOT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"


def load_pages(root: Path, limit: int | None) -> list[str]:
    """Decoded HTML of the benchmark pages, in a fixed (sorted) order."""
    paths = sorted((root / "article-extraction-benchmark" / "html").glob("*.html.gz"))
    if limit:
        paths = paths[:limit]
    pages = []
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            pages.append(fh.read())
    return pages


def _variants() -> dict[str, Callable[[str], object]]:
    def bare(html: str) -> object:
        return trafilatura.extract(html, include_comments=False)

    def ours(html: str) -> object:
        return extract_html(html)

    variants: dict[str, Callable[[str], object]] = {"bare": bare, "extract": ours}
    try:  # being written in parallel; benchmark it only when present
        from crosswire.clean.normalize import normalize
    except ImportError:
        logging.warning("crosswire.clean.normalize not importable; skipping 'ingest'")
    else:

        def ingest(html: str) -> object:
            return normalize(extract_html(html).text)

        variants["ingest"] = ingest
    return variants


def run(pages: list[str], repeats: int) -> dict[str, object]:
    """Time every variant over all pages ``repeats`` times; medians and ratios."""
    variants = _variants()
    for fn in variants.values():  # warm-up: imports, lazy regex compiles, caches
        fn(pages[0])
    seconds: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeats):
        totals = dict.fromkeys(variants, 0.0)
        for html in pages:
            for name, fn in variants.items():
                start = time.perf_counter()
                fn(html)
                totals[name] += time.perf_counter() - start
        for name, total in totals.items():
            seconds[name].append(total)
    medians = {name: statistics.median(s) for name, s in seconds.items()}
    pages_per_s = {name: len(pages) / m for name, m in medians.items()}
    return {
        "pages": len(pages),
        "repeats": repeats,
        "seconds": seconds,
        "median_seconds": medians,
        "pages_per_s": pages_per_s,
        "ratio_to_bare": {n: pages_per_s[n] / pages_per_s["bare"] for n in pages_per_s},
    }


def main() -> None:
    """Run the benchmark and write bench/results/ingest-<timestamp>.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pages", type=int, default=None, help="first N pages only")
    parser.add_argument("--eval-root", type=Path, default=DEFAULT_EVAL_ROOT)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    # trafilatura logs every odd page at WARNING/ERROR; that is noise here.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    pages = load_pages(args.eval_root, args.pages)
    if not pages:
        raise SystemExit(f"no benchmark pages under {args.eval_root}")
    result = run(pages, args.repeats)
    result["trafilatura"] = trafilatura.__version__
    result["options"] = {
        k: v for k, v in TRAFILATURA_OPTIONS.items() if k != "date_extraction_params"
    }
    result["python"] = platform.python_version()
    result["machine"] = platform.machine()
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"ingest-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    pps = result["pages_per_s"]
    ratio = result["ratio_to_bare"]
    assert isinstance(pps, dict) and isinstance(ratio, dict)
    for name in pps:
        print(f"{name:8s} {pps[name]:7.1f} pages/s  ratio to bare {ratio[name]:.2f}")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
