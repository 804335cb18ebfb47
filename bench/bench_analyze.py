"""Benchmark the analysis layer against bare spaCy, and the whole path end to end.

Usage: python bench/bench_analyze.py [--repeats 3] [--batch-size 16] [--limit N]

On the same texts in the same run (seeds, the demo corpus and the article
bodies of the extraction benchmark; see bench_corpus.py), per repeat:

* ``a_bare``: ``nlp.pipe`` of the packaged model as ``crosswire.nlp.core.model.load_nlp``
  loads it, docs consumed and dropped;
* ``b_analysis``: ``build_nlp()`` (model + lexicon entity ruler) piped, then every
  component of ``crosswire.analyze.components.COMPONENTS`` and
  ``analysis_record`` (serialisation) per article, no store;
* ``c_end_to_end``: from the raw pages into a fresh SQLite store with
  ``crosswire.ingest.ingest``, then ``crosswire.analyze.analyze`` and
  ``crosswire.export.export_object`` (which runs ``crosswire.fusion.fuse`` when
  the export carries fused events; otherwise ``fuse`` is called here if present).

Articles/s is the analysable article count (what ingest stores and analyse
does not skip) over the time; each figure is the median of the repeats, for
wall time and for CPU time of this process (the CPU figure is the steadier one
on a shared machine). Ratios b/a and c/a are reported (target >= 0.8). The
``b_analysis`` repeats also split their time into pipe, each component and
serialisation. JSON goes to bench/results/analyze-<time>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import logging
import platform
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_corpus import RESULTS, SHARED, peak_rss_mib, raw_sources

from crosswire.analyze import analyze
from crosswire.analyze.components import COMPONENTS, ArticleAnalysis
from crosswire.analyze.serialize import analysis_record
from crosswire.export import export_object
from crosswire.ingest import ingest
from crosswire.model import Article
from crosswire.nlp.core.model import load_nlp
from crosswire.nlp.entities.pipeline import build_nlp
from crosswire.store import open_store

INGESTED = dt.date(2026, 11, 22)


def _published(article: Article) -> dt.date | None:
    try:
        return dt.date.fromisoformat(article.published) if article.published else None
    except ValueError:
        return None


def bare(articles: list[Article], batch_size: int, split: dict[str, float]) -> int:
    """(a) the packaged model alone."""
    nlp = load_nlp()
    n = 0
    for _ in nlp.pipe((a.text for a in articles), batch_size=batch_size):
        n += 1
    return n


def analysis(articles: list[Article], batch_size: int, split: dict[str, float]) -> int:
    """(b) the analysis pipeline, every component and serialisation; no store."""
    nlp = build_nlp()
    n = 0
    clock = time.process_time
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    while True:
        t0 = clock()
        doc = next(docs, None)
        split["pipe"] += clock() - t0
        if doc is None:
            break
        article = articles[n]
        result = ArticleAnalysis(article.id, _published(article), doc)
        for component in COMPONENTS:
            t0 = clock()
            component.func(result)
            split[component.name] += clock() - t0
        t0 = clock()
        analysis_record(result, article.text)
        split["serialize"] += clock() - t0
        n += 1
    return n


def end_to_end(sources: list[str], scratch: Path, run: int) -> tuple[int, dict[str, float]]:
    """(c) raw pages -> store -> analysis -> fused export; returns (articles, phase CPU s)."""
    phases: dict[str, float] = {}
    store = open_store(scratch / f"e2e-{run}.db")
    try:
        t0 = time.process_time()
        ingest(sources, store, ingested=INGESTED)
        phases["ingest"] = time.process_time() - t0
        t0 = time.process_time()
        report = analyze(store)
        phases["analyze"] = time.process_time() - t0
        t0 = time.process_time()
        obj = export_object(store)
        if "events" not in obj:  # fusion not wired into the export: run it here
            try:
                from crosswire.fusion import fuse
            except ImportError:
                logging.info("crosswire.fusion.fuse not available; export without fusion")
            else:
                analyses = {aid: d for aid, _, _, d in store.iter_analyses() if d}
                fuse(obj["articles"], analyses)
        json.dumps(obj, ensure_ascii=False)
        phases["export"] = time.process_time() - t0
    finally:
        store.close()
    return report.analysed, phases


def _timed(fn: Callable[[], int]) -> tuple[int, float, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    n = fn()
    return n, time.perf_counter() - w0, time.process_time() - c0


def run(repeats: int, batch_size: int, limit: int | None, shared: Path) -> dict[str, Any]:
    """Interleave the three variants ``repeats`` times; medians, ratios and splits."""
    with tempfile.TemporaryDirectory(prefix="cw-bench-") as tmp:
        scratch = Path(tmp)
        sources = raw_sources(scratch, shared)
        ref = open_store(scratch / "ref.db")
        ingest(sources, ref, ingested=INGESTED)
        articles = [a for a in ref.iter_articles() if not a.not_analysed]
        ref.close()
        if limit:
            articles = articles[:limit]
        chars = sum(len(a.text) for a in articles)
        logging.info("%d analysable articles, %d characters", len(articles), chars)
        # Warm-up: model loads, lexicon, gazetteer, lazy regexes.
        split: dict[str, float] = defaultdict(float)
        bare(articles[:3], batch_size, split)
        analysis(articles[:3], batch_size, split)
        walls: dict[str, list[float]] = defaultdict(list)
        cpus: dict[str, list[float]] = defaultdict(list)
        counts: dict[str, int] = {}
        splits: list[dict[str, float]] = []
        phases: list[dict[str, float]] = []
        for r in range(repeats):
            split = defaultdict(float)
            variants: tuple[tuple[str, Callable[[], int]], ...] = (
                ("a_bare", functools.partial(bare, articles, batch_size, split)),
                ("b_analysis", functools.partial(analysis, articles, batch_size, split)),
            )
            for name, fn in variants:
                counts[name], wall, cpu = _timed(fn)
                walls[name].append(wall)
                cpus[name].append(cpu)
            splits.append(dict(split))
            if not limit:
                box: dict[str, Any] = {}

                def e2e(r: int = r, box: dict[str, Any] = box) -> int:
                    n, box["phases"] = end_to_end(sources, scratch, r)
                    return n

                counts["c_end_to_end"], wall, cpu = _timed(e2e)
                walls["c_end_to_end"].append(wall)
                cpus["c_end_to_end"].append(cpu)
                phases.append(box["phases"])
            logging.info("repeat %d done", r + 1)
    return _summary(counts, walls, cpus, splits, phases, len(articles), chars, batch_size)


def _summary(
    counts: dict[str, int],
    walls: dict[str, list[float]],
    cpus: dict[str, list[float]],
    splits: list[dict[str, float]],
    phases: list[dict[str, float]],
    n: int,
    chars: int,
    batch_size: int,
) -> dict[str, Any]:
    variants: dict[str, Any] = {}
    for name in walls:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        variants[name] = {
            "articles": counts[name],
            "wall_s": [round(x, 3) for x in walls[name]],
            "cpu_s": [round(x, 3) for x in cpus[name]],
            "articles_per_s_wall": round(counts[name] / wall, 3),
            "articles_per_s_cpu": round(counts[name] / cpu, 3),
        }
    base = variants["a_bare"]
    ratios = {
        f"{name}/a_bare_{kind}": round(
            v[f"articles_per_s_{kind}"] / base[f"articles_per_s_{kind}"], 3
        )
        for name, v in variants.items()
        if name != "a_bare"
        for kind in ("wall", "cpu")
    }
    keys = sorted({k for s in splits for k in s})
    split = {k: statistics.median(s.get(k, 0.0) for s in splits) for k in keys}
    total = sum(split.values()) or 1.0
    share = {k: round(100 * v / total, 1) for k, v in sorted(split.items(), key=lambda kv: -kv[1])}
    phase = {
        k: round(statistics.median(p[k] for p in phases), 3) for k in (phases[0] if phases else {})
    }
    return {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "articles": n,
        "characters": chars,
        "batch_size": batch_size,
        "variants": variants,
        "ratios": ratios,
        "b_cpu_split_s": {k: round(v, 3) for k, v in split.items()},
        "b_cpu_share_percent": share,
        "c_cpu_phases_s": phase,
        "peak_rss_mib": round(peak_rss_mib(), 1),
    }


def print_table(result: dict[str, Any]) -> None:
    """Human-readable summary on stdout."""
    print(f"{result['articles']} articles, {result['characters']} characters")
    print(
        f"{'variant':<14} {'art/s wall':>11} {'art/s cpu':>10} {'ratio wall':>11} {'ratio cpu':>10}"
    )
    for name, v in result["variants"].items():
        rw = result["ratios"].get(f"{name}/a_bare_wall", 1.0)
        rc = result["ratios"].get(f"{name}/a_bare_cpu", 1.0)
        print(
            f"{name:<14} {v['articles_per_s_wall']:>11.2f} {v['articles_per_s_cpu']:>10.2f}"
            f" {rw:>11.3f} {rc:>10.3f}"
        )
    print("where (b) spends its CPU time:")
    for k, pct in result["b_cpu_share_percent"].items():
        print(f"  {k:<16} {pct:5.1f}%  {result['b_cpu_split_s'][k]:.2f}s")
    if result["c_cpu_phases_s"]:
        print("(c) phases, CPU s:", result["c_cpu_phases_s"])
    print(f"peak RSS {result['peak_rss_mib']} MiB")


def main() -> None:
    """Parse arguments, run, print the table and write the JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--limit", type=int, default=None, help="first N articles; skips (c)")
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for noisy in ("crosswire", "trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    result = run(args.repeats, args.batch_size, args.limit, args.shared)
    print_table(result)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"analyze-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
