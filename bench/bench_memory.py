"""Peak memory of a large analysis run: ingest, analyse and export N synthetic articles.

Usage: python bench/bench_memory.py [--articles 10000] [--batch-size 16] [--tracemalloc]
                                    [--no-analysis]

The articles recombine paragraphs of the extraction benchmark's bodies (see
bench_corpus.synthetic_articles) and are written as one JSON Lines file in a
scratch directory, then ingested into a fresh SQLite store, analysed and
exported (``export_object``, with fusion when the export runs it). Recorded:
peak RSS (``ru_maxrss``) after each phase, the current RSS every 500 analysed
articles (a flat curve means no per-article leak), and with ``--tracemalloc``
the peak of Python-level allocations (slower: every allocation is traced).
Each phase records wall seconds and CPU seconds of this process (the steadier
figure on a shared machine). ``--no-analysis`` skips the analysis phase, for
sizes where it would take hours on this machine (the export then carries
articles and wire families but no fused events).
The JSON result is rewritten after every sample, so an interrupted run still
leaves its curve in bench/results/memory-<time>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from bench_corpus import RESULTS, SHARED, current_rss_mib, peak_rss_mib, synthetic_articles

from crosswire.analyze import analyze
from crosswire.export import export_object
from crosswire.ingest import ingest
from crosswire.store import open_store

SAMPLE_EVERY = 500


def main() -> None:
    """Run the phases, sampling memory, and write the JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--no-analysis", action="store_true")
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for noisy in ("crosswire", "trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"memory-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    result: dict[str, Any] = {
        "articles_requested": args.articles,
        "batch_size": args.batch_size,
        "tracemalloc": args.tracemalloc,
        "analysis": not args.no_analysis,
        "phases": {},
        "rss_curve_mib": [],
    }

    def save() -> None:
        out.write_text(json.dumps(result, indent=2), encoding="utf-8")

    if args.tracemalloc:
        tracemalloc.start()
    with tempfile.TemporaryDirectory(prefix="cw-mem-") as tmp:
        scratch = Path(tmp)
        pages = scratch / "synthetic.jsonl"
        with pages.open("w", encoding="utf-8") as fh:
            for i, (title, text) in enumerate(synthetic_articles(args.articles, args.shared)):
                record = {"url": f"https://synthetic.example/{i}", "title": title}
                record |= {"language": "en", "date_publish": "2025-03-12", "maintext": text}
                fh.write(json.dumps(record) + "\n")
        result["start_rss_mib"] = round(current_rss_mib(), 1)
        store = open_store(scratch / "memory.db")
        analysed = 0
        t_start = time.perf_counter()

        def phase(name: str, t0: float, **extra: Any) -> None:
            result["phases"][name] = {
                "seconds": round(time.perf_counter() - t0, 1),
                "cpu_seconds": round(time.process_time() - c0, 1),
                "peak_rss_mib": round(peak_rss_mib(), 1),
                "rss_mib": round(current_rss_mib(), 1),
                **extra,
            }
            if args.tracemalloc:
                result["phases"][name]["traced_peak_mib"] = round(
                    tracemalloc.get_traced_memory()[1] / 2**20, 1
                )
            logging.info("%s: %s", name, result["phases"][name])
            save()

        ingest_curve: list[list[float]] = []
        result["ingest_rss_curve_mib"] = ingest_curve
        seen = 0

        def sample_ingest(_outcome: Any) -> None:
            nonlocal seen
            seen += 1
            if seen % (SAMPLE_EVERY * 10) == 0:
                elapsed = round(time.perf_counter() - t0, 1)
                ingest_curve.append([seen, round(current_rss_mib(), 1), elapsed])
                logging.info("ingested %d, RSS %.0f MiB", seen, current_rss_mib())
                save()

        t0, c0 = time.perf_counter(), time.process_time()
        ingest_report = ingest(
            [str(pages)], store, ingested=dt.date(2026, 11, 22), on_outcome=sample_ingest
        )
        phase("ingest", t0, stored=ingest_report.stored)

        def progress(n: int) -> None:
            nonlocal analysed
            analysed += n
            if analysed % SAMPLE_EVERY == 0:
                elapsed = time.perf_counter() - t0
                result["rss_curve_mib"].append(
                    [analysed, round(current_rss_mib(), 1), round(elapsed, 1)]
                )
                logging.info("analysed %d, RSS %.0f MiB", analysed, current_rss_mib())
                save()

        if not args.no_analysis:
            t0, c0 = time.perf_counter(), time.process_time()
            report = analyze(store, batch_size=args.batch_size, on_progress=progress)
            phase("analyze", t0, analysed=report.analysed, articles_per_s=None)
            seconds = result["phases"]["analyze"]["seconds"]
            result["phases"]["analyze"]["articles_per_s"] = round(report.analysed / seconds, 2)
            save()
        t0, c0 = time.perf_counter(), time.process_time()
        obj = export_object(store)
        text = json.dumps(obj, ensure_ascii=False)
        phase("export", t0, export_mib=round(len(text.encode()) / 2**20, 1))
        store.close()
    result["total_seconds"] = round(time.perf_counter() - t_start, 1)
    result["peak_rss_mib"] = round(peak_rss_mib(), 1)
    save()
    print(json.dumps(result["phases"], indent=2))
    print(f"peak RSS {result['peak_rss_mib']} MiB over {result['total_seconds']} s; wrote {out}")


if __name__ == "__main__":
    main()
