"""Shared inputs of the analysis benchmarks (bench_analyze.py, bench_memory.py).

The texts are: the seed articles (``../shared/corpus/seeds``), the shipped demo
corpus (``src/crosswire/data/demo``) and the article bodies of the
article-extraction benchmark (``../shared/eval/article-extraction-benchmark``,
``ground-truth.json`` ``articleBody`` fields). Missing shared directories are
skipped with a warning. Bodies are written as plain-text pages into a scratch
directory (outside the repo) so that ingest reads them as raw inputs.
"""

from __future__ import annotations

import json
import logging
import random
import resource
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
DEMO = REPO / "src" / "crosswire" / "data" / "demo"
RESULTS = Path(__file__).resolve().parent / "results"

log = logging.getLogger("bench")


def benchmark_bodies(shared: Path = SHARED) -> dict[str, str]:
    """``articleBody`` of every page of the extraction benchmark, by page key."""
    path = shared / "eval" / "article-extraction-benchmark" / "ground-truth.json"
    if not path.exists():
        log.warning("skipping benchmark bodies: %s is absent", path)
        return {}
    truth = json.loads(path.read_text(encoding="utf-8"))
    return {k: v["articleBody"] for k, v in sorted(truth.items()) if v.get("articleBody")}


def raw_sources(scratch: Path, shared: Path = SHARED) -> list[str]:
    """Input paths for ``crosswire.ingest.ingest``: seeds, demo, benchmark bodies."""
    sources: list[str] = []
    seeds = shared / "corpus" / "seeds"
    if seeds.is_dir():
        sources.append(str(seeds))
    else:
        log.warning("skipping seeds: %s is absent", seeds)
    sources.append(str(DEMO))
    bodies = benchmark_bodies(shared)
    if bodies:
        pages = scratch / "bodies"
        pages.mkdir(parents=True, exist_ok=True)
        for key, body in bodies.items():
            (pages / f"{key[:16]}.txt").write_text(body, encoding="utf-8")
        sources.append(str(pages))
    return sources


def synthetic_articles(n: int, shared: Path = SHARED, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` (title, text) pairs made by recombining benchmark-body paragraphs.

    Each article takes 3 to 8 paragraphs drawn at random (fixed seed), so
    lengths and vocabulary look like the news bodies they come from, and no two
    articles share a text (the draw includes the article's number as a title).
    """
    paragraphs = [
        p.strip()
        for body in benchmark_bodies(shared).values()
        for p in body.split("\n")
        if len(p.split()) >= 8
    ]
    if not paragraphs:
        raise SystemExit("E901 no benchmark bodies to build synthetic articles from")
    rng = random.Random(seed)
    out = []
    for i in range(n):
        k = rng.randint(3, 8)
        out.append((f"Synthetic article {i}", "\n\n".join(rng.sample(paragraphs, k))))
    return out


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (ru_maxrss)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mib() -> float:
    """Current resident set size in MiB (Linux /proc; falls back to the peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mib()
